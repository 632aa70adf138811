//! Levers: what the strategy's components put into each student's week.
//!
//! Components never touch the state; they only write doses into levers, and
//! the weekly step reads them. A strategy without running components leaves
//! every lever at zero, which is usual practice.

/// The channels through which collaboration components act on one student
/// (and the student's family, class, school and community) in one week.
/// Family channels are multiplied by the family's uptake inside the step.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
#[repr(C)]
pub struct StudentLevers {
    /// Information about the student reaching an adult who can act (contacts per week, quality-weighted).
    pub info: f32,
    /// Two-way home–school contact (builds trust and alignment).
    pub two_way: f32,
    /// One-way school-to-home contact.
    pub one_way: f32,
    /// Remote contact with migrant parents (0–1).
    pub remote: f32,
    /// Parent modelling programme.
    pub modelling: f32,
    /// Parent training in behaviour support.
    pub behaviour: f32,
    /// Joint teacher–parent goal setting and progress monitoring.
    pub goals: f32,
    /// Parent volunteering at school.
    pub volunteer: f32,
    /// Homework help / family literacy.
    pub homework: f32,
    /// Left-behind care: files, carer education, regular calls.
    pub left_behind_care: f32,
    /// School mental-health curriculum.
    pub curriculum: f32,
    /// Peer mentoring.
    pub mentoring: f32,
    /// Screening and treatment by a school psychologist.
    pub screening: f32,
    /// Community partnership (tripartite system).
    pub partnership: f32,
    /// Teacher training in family engagement.
    pub teacher_training: f32,
    /// Culturally responsive practice.
    pub cultural: f32,
}
