//! The dynamic state of one student (and the student's home–school link).

use std::ops::Range;

use crate::population::{Family, Population, Student};

/// What changes week by week for one student, all on 0–1 scales.
///
/// The family's trust, alignment and parent efficacy live here too: every
/// student has one family and one home–school link (the mesosystem).
#[derive(Debug, Clone, Copy, PartialEq)]
#[repr(C)]
pub struct StudentState {
    /// Belief in one's ability to succeed (resilience component).
    pub self_efficacy: f32,
    /// Hope and optimism (resilience component).
    pub hope: f32,
    /// Emotion regulation (resilience component).
    pub emotion_regulation: f32,
    /// Social competence (resilience component).
    pub social_competence: f32,
    /// Perceived social support (resilience component).
    pub support: f32,
    /// Academic engagement.
    pub academic_engagement: f32,
    /// Anxiety and depressive symptoms.
    pub distress: f32,
    /// Family's trust in the school.
    pub trust: f32,
    /// Alignment of what home and school teach about emotions.
    pub alignment: f32,
    /// Parents' self-efficacy.
    pub parent_efficacy: f32,
    /// Weeks of joint home–school problem solving left (0 = not in care).
    pub care_weeks: f32,
}

impl StudentState {
    /// The state at the start of the burn-in: traits at their set points.
    pub fn initial(s: &Student, f: &Family, distress: f32) -> Self {
        StudentState {
            self_efficacy: s.self_efficacy0,
            hope: s.hope0,
            emotion_regulation: s.emotion_regulation0,
            social_competence: s.social_competence0,
            support: 0.5,
            academic_engagement: s.academic_engagement0,
            distress,
            trust: f.trust0,
            alignment: 0.0,
            parent_efficacy: f.parent_efficacy0,
            care_weeks: 0.0,
        }
    }

    /// The states of `students` of a population at the start of the burn-in.
    pub fn initial_states(pop: &Population, students: Range<usize>) -> Vec<StudentState> {
        students
            .map(|i| {
                StudentState::initial(&pop.students[i], &pop.families[i], pop.initial_distress[i])
            })
            .collect()
    }

    /// Resilience on 0–1: the mean of its five components (self-efficacy,
    /// hope, emotion regulation, social competence, perceived support).
    #[inline]
    pub fn resilience(&self) -> f32 {
        (self.self_efficacy
            + self.hope
            + self.emotion_regulation
            + self.social_competence
            + self.support)
            * 0.2
    }
}
