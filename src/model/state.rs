//! The dynamic state of one student (and the student's home–school link).

use std::ops::Range;

use super::lane::columns_of;
use crate::params::ModelParams;
use crate::population::{Family, Population, Student};

/// What changes week by week for one student: a flat set of `f32`s on 0–1
/// scales (chronic strain in stress units per week, care in weeks).
///
/// The family's trust, alignment, parent efficacy and the skills parent
/// programmes trained live here too: every student has one family and one
/// home–school link (the mesosystem).
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
    /// Anxiety and depressive symptoms as a screen reads them: slow symptoms
    /// plus transient strain (capped at 1).
    pub distress: f32,
    /// The slow part of distress: symptoms that persist for months.
    pub symptoms: f32,
    /// The transient part of distress: this and the last few weeks' strain.
    pub strain: f32,
    /// Chronic strain: ongoing difficulties that add to each week's stress.
    pub chronic: f32,
    /// Developmental change: a slow shift of the targets of self-efficacy,
    /// hope and social competence (0 on average).
    pub development: f32,
    /// Family's trust in the school.
    pub trust: f32,
    /// Alignment of what home and school teach about emotions.
    pub alignment: f32,
    /// Parents' self-efficacy.
    pub parent_efficacy: f32,
    /// Weeks of joint home–school problem solving left (0 = not in care).
    pub care_weeks: f32,
    /// Modelling skill parents gained from a modelling programme (0–1).
    pub home_modelling: f32,
    /// Behaviour support parents practise after behaviour-support training (0–1).
    pub home_behaviour: f32,
}

impl StudentState {
    /// The state at the start of the burn-in: traits at their set points,
    /// symptoms at the student's starting distress, chronic strain at its
    /// long-run mean (a warm start near the steady state).
    pub fn initial(p: &ModelParams, s: &Student, f: &Family, distress: f32) -> Self {
        StudentState {
            self_efficacy: s.self_efficacy0,
            hope: s.hope0,
            emotion_regulation: s.emotion_regulation0,
            social_competence: s.social_competence0,
            support: p.learning.support_reference,
            academic_engagement: s.academic_engagement0,
            distress,
            symptoms: distress,
            strain: 0.0,
            chronic: super::mechanisms::chronic::long_run_mean(&p.stress, f.ses)
                * p.mechanisms.chronic_strain as u8 as f32,
            development: 0.0,
            trust: f.trust0,
            alignment: 0.0,
            parent_efficacy: f.parent_efficacy0,
            care_weeks: 0.0,
            home_modelling: 0.0,
            home_behaviour: 0.0,
        }
    }

    /// The states of `students` of a population at the start of the burn-in.
    pub fn initial_states(
        pop: &Population,
        p: &ModelParams,
        students: Range<usize>,
    ) -> Vec<StudentState> {
        students
            .map(|i| {
                StudentState::initial(
                    p,
                    &pop.students[i],
                    &pop.families[i],
                    pop.initial_distress[i],
                )
            })
            .collect()
    }

    /// Resilience on 0–1: the mean of its five components (self-efficacy,
    /// hope, emotion regulation, social competence, perceived support).
    #[inline]
    pub fn resilience(&self) -> f32 {
        resilience_of(
            self.self_efficacy,
            self.hope,
            self.emotion_regulation,
            self.social_competence,
            self.support,
        )
    }
}

columns_of! {
    /// Every student's state as columns, one array per field of
    /// [`StudentState`]: what the engine keeps, the step loads and stores
    /// a lane at a time, and the recording reads.
    StudentState => States, StatesMut, StatesRef, LaneState {
        self_efficacy, hope, emotion_regulation, social_competence, support,
        academic_engagement, distress, symptoms, strain, chronic, development,
        trust, alignment, parent_efficacy, care_weeks, home_modelling, home_behaviour,
    }
}

impl States {
    /// The states of every student of a population at the start of the
    /// burn-in ([`StudentState::initial`]).
    pub fn initial(p: &ModelParams, pop: &Population) -> States {
        (0..pop.len())
            .map(|i| {
                StudentState::initial(
                    p,
                    &pop.students[i],
                    &pop.families[i],
                    pop.initial_distress[i],
                )
            })
            .collect()
    }
}

impl StatesRef<'_> {
    /// Resilience of student `i` ([`StudentState::resilience`]).
    #[inline(always)]
    pub fn resilience(&self, i: usize) -> f32 {
        resilience_of(
            self.self_efficacy[i],
            self.hope[i],
            self.emotion_regulation[i],
            self.social_competence[i],
            self.support[i],
        )
    }
}

/// Resilience on 0–1 from its five components: their mean.
#[inline(always)]
pub fn resilience_of(
    self_efficacy: f32,
    hope: f32,
    emotion_regulation: f32,
    social_competence: f32,
    support: f32,
) -> f32 {
    (self_efficacy + hope + emotion_regulation + social_competence + support) * 0.2
}
