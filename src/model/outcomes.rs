//! Student outcomes as reported: 0–100 scales and one binary indicator.

use super::{StatesRef, StudentState};

/// A reported student outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Resilience, 0–100 (like the Connor–Davidson scale).
    Resilience,
    /// Distress (anxiety and depressive symptoms), 0–100.
    Distress,
    /// Depressive symptoms above the clinical threshold, 0/1.
    Depressive,
    /// Social competence, 0–100.
    SocialCompetence,
    /// Academic engagement, 0–100.
    AcademicEngagement,
    /// Self-efficacy, 0–100.
    SelfEfficacy,
    /// Emotion regulation, 0–100.
    EmotionRegulation,
    /// Perceived social support, 0–100.
    PerceivedSupport,
    /// Hope and optimism, 0–100.
    Hope,
    /// Parents' self-efficacy, 0–100 (an adult outcome).
    ParentEfficacy,
}

/// Name and reading of an outcome.
#[derive(Debug, Clone, Copy)]
pub struct OutcomeInfo {
    /// The outcome.
    pub outcome: Outcome,
    /// Name in output files.
    pub name: &'static str,
    /// Whether a higher value is an improvement (distress: no).
    pub higher_is_better: bool,
    /// Whether the outcome is 0/1 (its mean is a prevalence).
    pub binary: bool,
    /// What it measures.
    pub meaning: &'static str,
}

const fn info(
    outcome: Outcome,
    name: &'static str,
    higher_is_better: bool,
    binary: bool,
    meaning: &'static str,
) -> OutcomeInfo {
    OutcomeInfo {
        outcome,
        name,
        higher_is_better,
        binary,
        meaning,
    }
}

/// Every outcome, in output order.
pub const OUTCOMES: &[OutcomeInfo] = &[
    info(
        Outcome::Resilience,
        "resilience",
        true,
        false,
        "resilience score 0-100: mean of self-efficacy, hope, emotion regulation, social competence and perceived support",
    ),
    info(
        Outcome::Distress,
        "distress",
        false,
        false,
        "anxiety and depressive symptoms 0-100",
    ),
    info(
        Outcome::Depressive,
        "depressive",
        false,
        true,
        "1 if distress is above the clinical threshold (screens positive for depressive symptoms)",
    ),
    info(
        Outcome::SocialCompetence,
        "social_competence",
        true,
        false,
        "social competence 0-100",
    ),
    info(
        Outcome::AcademicEngagement,
        "academic_engagement",
        true,
        false,
        "academic engagement 0-100",
    ),
    info(
        Outcome::SelfEfficacy,
        "self_efficacy",
        true,
        false,
        "self-efficacy 0-100",
    ),
    info(
        Outcome::EmotionRegulation,
        "emotion_regulation",
        true,
        false,
        "emotion regulation 0-100",
    ),
    info(
        Outcome::PerceivedSupport,
        "perceived_support",
        true,
        false,
        "perceived social support 0-100",
    ),
    info(
        Outcome::Hope,
        "hope",
        true,
        false,
        "hope and optimism 0-100",
    ),
    info(
        Outcome::ParentEfficacy,
        "parent_efficacy",
        true,
        false,
        "parents' self-efficacy 0-100 (adult outcome)",
    ),
];

/// Number of outcomes.
pub const N_OUTCOMES: usize = 10;

impl StudentState {
    /// Every outcome of this state in the order of [`OUTCOMES`].
    #[inline]
    pub fn outcomes(&self, clinical_threshold: f32) -> [f32; N_OUTCOMES] {
        outcomes_of(self, clinical_threshold)
    }
}

impl StatesRef<'_> {
    /// Every outcome of student `i` in the order of [`OUTCOMES`] (what
    /// [`StudentState::outcomes`] gives of the student's row).
    #[inline(always)]
    pub fn outcomes(&self, i: usize, clinical_threshold: f32) -> [f32; N_OUTCOMES] {
        let s = StudentState {
            self_efficacy: self.self_efficacy[i],
            hope: self.hope[i],
            emotion_regulation: self.emotion_regulation[i],
            social_competence: self.social_competence[i],
            support: self.support[i],
            academic_engagement: self.academic_engagement[i],
            distress: self.distress[i],
            parent_efficacy: self.parent_efficacy[i],
            // Not outcomes.
            symptoms: 0.0,
            strain: 0.0,
            chronic: 0.0,
            development: 0.0,
            trust: 0.0,
            alignment: 0.0,
            care_weeks: 0.0,
            home_modelling: 0.0,
            home_behaviour: 0.0,
        };
        outcomes_of(&s, clinical_threshold)
    }
}

/// The outcomes of a state, in the order of [`OUTCOMES`]: the one
/// definition both layouts use.
#[inline(always)]
fn outcomes_of(s: &StudentState, clinical_threshold: f32) -> [f32; N_OUTCOMES] {
    [
        100.0 * s.resilience(),
        100.0 * s.distress,
        (s.distress > clinical_threshold) as u8 as f32,
        100.0 * s.social_competence,
        100.0 * s.academic_engagement,
        100.0 * s.self_efficacy,
        100.0 * s.emotion_regulation,
        100.0 * s.support,
        100.0 * s.hope,
        100.0 * s.parent_efficacy,
    ]
}
