//! Levers: what the strategy's components put into each student's week.
//!
//! Components never touch the state; they only write doses into levers, and
//! the weekly step reads them. A strategy without running components leaves
//! every lever at zero, which is usual practice.

use super::lane::columns_of;
use crate::components::Lever;

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

impl StudentLevers {
    /// The field a component's loading on `lever` feeds; home–school
    /// [`Lever::Contact`] goes to `two_way` or `one_way` as the component's
    /// `two_way` setting says.
    #[inline]
    pub fn slot_mut(&mut self, lever: Lever, two_way: bool) -> &mut f32 {
        match lever {
            Lever::Info => &mut self.info,
            Lever::Contact if two_way => &mut self.two_way,
            Lever::Contact => &mut self.one_way,
            Lever::TwoWay => &mut self.two_way,
            Lever::Remote => &mut self.remote,
            Lever::Modelling => &mut self.modelling,
            Lever::Behaviour => &mut self.behaviour,
            Lever::Goals => &mut self.goals,
            Lever::Volunteer => &mut self.volunteer,
            Lever::Homework => &mut self.homework,
            Lever::LeftBehindCare => &mut self.left_behind_care,
            Lever::Curriculum => &mut self.curriculum,
            Lever::Mentoring => &mut self.mentoring,
            Lever::Screening => &mut self.screening,
            Lever::Partnership => &mut self.partnership,
            Lever::TeacherTraining => &mut self.teacher_training,
            Lever::Cultural => &mut self.cultural,
        }
    }
}

columns_of! {
    /// Every student's levers as columns, one array per field of
    /// [`StudentLevers`].
    StudentLevers => Levers, LeversMut, LeversRef, LaneLevers {
        info, two_way, one_way, remote, modelling, behaviour, goals, volunteer,
        homework, left_behind_care, curriculum, mentoring, screening, partnership,
        teacher_training, cultural,
    }
}

impl LeversMut<'_> {
    /// The column a component's loading on `lever` feeds (see
    /// [`StudentLevers::slot_mut`]).
    #[inline]
    pub fn column_mut(&mut self, lever: Lever, two_way: bool) -> &mut [f32] {
        match lever {
            Lever::Info => self.info,
            Lever::Contact if two_way => self.two_way,
            Lever::Contact => self.one_way,
            Lever::TwoWay => self.two_way,
            Lever::Remote => self.remote,
            Lever::Modelling => self.modelling,
            Lever::Behaviour => self.behaviour,
            Lever::Goals => self.goals,
            Lever::Volunteer => self.volunteer,
            Lever::Homework => self.homework,
            Lever::LeftBehindCare => self.left_behind_care,
            Lever::Curriculum => self.curriculum,
            Lever::Mentoring => self.mentoring,
            Lever::Screening => self.screening,
            Lever::Partnership => self.partnership,
            Lever::TeacherTraining => self.teacher_training,
            Lever::Cultural => self.cultural,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_follows_the_two_way_setting() {
        let mut l = StudentLevers::default();
        *l.slot_mut(Lever::Contact, true) += 0.5;
        *l.slot_mut(Lever::Contact, false) += 0.125;
        *l.slot_mut(Lever::TwoWay, false) += 0.25;
        assert_eq!((l.two_way, l.one_way), (0.75, 0.125));
    }

    #[test]
    fn a_column_is_the_field_the_row_slot_names() {
        use crate::components::Lever::*;
        let every = [
            Info,
            Contact,
            TwoWay,
            Remote,
            Modelling,
            Behaviour,
            Goals,
            Volunteer,
            Homework,
            LeftBehindCare,
            Curriculum,
            Mentoring,
            Screening,
            Partnership,
            TeacherTraining,
            Cultural,
        ];
        for (k, &lever) in every.iter().enumerate() {
            for two_way in [false, true] {
                let mut row = StudentLevers::default();
                *row.slot_mut(lever, two_way) = k as f32 + 1.0;
                let mut cols = Levers::zeros(3);
                cols.view_mut().column_mut(lever, two_way)[1] = k as f32 + 1.0;
                assert_eq!(cols.row(1), row, "{lever:?}");
                cols.view_mut().fill(0.0);
                assert_eq!(cols, Levers::zeros(3));
            }
        }
    }
}
