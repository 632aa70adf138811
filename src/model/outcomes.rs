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

/// A state whose fields that are not outcomes are zero: the rest of the
/// state a student's outcomes are read from ([`StatesRef::outcomes`]).
const NOT_OUTCOMES: StudentState = StudentState {
    self_efficacy: 0.0,
    hope: 0.0,
    emotion_regulation: 0.0,
    social_competence: 0.0,
    support: 0.0,
    academic_engagement: 0.0,
    distress: 0.0,
    parent_efficacy: 0.0,
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

impl StatesRef<'_> {
    /// Every outcome of student `i` in the order of [`OUTCOMES`] (what
    /// [`StudentState::outcomes`] gives of the student's row).
    #[inline(always)]
    pub fn outcomes(&self, i: usize, clinical_threshold: f32) -> [f32; N_OUTCOMES] {
        outcomes_of(&self.outcome_state(i), clinical_threshold)
    }

    /// The fields of student `i` that outcomes are read from (the others
    /// zero): what [`StatesRef::outcomes`] and the survey's measures read,
    /// without loading the rest of the student's row.
    #[inline(always)]
    pub fn outcome_state(&self, i: usize) -> StudentState {
        StudentState {
            self_efficacy: self.self_efficacy[i],
            hope: self.hope[i],
            emotion_regulation: self.emotion_regulation[i],
            social_competence: self.social_competence[i],
            support: self.support[i],
            academic_engagement: self.academic_engagement[i],
            distress: self.distress[i],
            parent_efficacy: self.parent_efficacy[i],
            ..NOT_OUTCOMES
        }
    }

    /// Every outcome of the `N` students from `first` on, outcome by
    /// outcome (`out[o][j]`: outcome `o` of student `first + j`): for each
    /// student, what [`StatesRef::outcomes`] gives, the same operations on
    /// the same values, so the same bits. The students' fields are read as
    /// arrays of `N`, so the loop has no bounds check and a fixed length and
    /// is compiled into vector instructions, with no transposition.
    ///
    /// # Panics
    /// When the view holds fewer than `first + N` students.
    #[inline(always)]
    pub fn outcome_columns<const N: usize>(
        &self,
        first: usize,
        clinical_threshold: f32,
        out: &mut [[f32; N]; N_OUTCOMES],
    ) {
        let students = |col: &'_ [f32]| -> [f32; N] {
            col[first..first + N]
                .try_into()
                .expect("the view holds the N students")
        };
        let self_efficacy = students(self.self_efficacy);
        let hope = students(self.hope);
        let emotion_regulation = students(self.emotion_regulation);
        let social_competence = students(self.social_competence);
        let support = students(self.support);
        let academic_engagement = students(self.academic_engagement);
        let distress = students(self.distress);
        let parent_efficacy = students(self.parent_efficacy);
        for j in 0..N {
            let s = StudentState {
                self_efficacy: self_efficacy[j],
                hope: hope[j],
                emotion_regulation: emotion_regulation[j],
                social_competence: social_competence[j],
                support: support[j],
                academic_engagement: academic_engagement[j],
                distress: distress[j],
                parent_efficacy: parent_efficacy[j],
                ..NOT_OUTCOMES
            };
            let v = outcomes_of(&s, clinical_threshold);
            for (column, value) in out.iter_mut().zip(v) {
                column[j] = value;
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::States;

    #[test]
    fn outcome_columns_are_each_students_outcomes_bit_for_bit() {
        // Columns of varied values (including the clinical threshold
        // itself, 0 and 1), read from an offset that is not a multiple of
        // a vector's width.
        let threshold = 0.37;
        let n = 80;
        let fields = States::zeros(0).columns().len();
        let columns: Vec<Vec<f32>> = (0..fields)
            .map(|f| {
                (0..n)
                    .map(|i| match (i + f) % 11 {
                        0 => threshold,
                        1 => 0.0,
                        2 => 1.0,
                        k => ((i * 37 + f * 101) % 997) as f32 / 997.0 + k as f32 * 1e-4,
                    })
                    .collect()
            })
            .collect();
        let states = States::from_columns(columns);
        let view = states.view();
        for first in [0, 3, 45] {
            let mut out = [[f32::NAN; 32]; N_OUTCOMES];
            view.outcome_columns::<32>(first, threshold, &mut out);
            for j in 0..32 {
                let got: Vec<u32> = out.iter().map(|column| column[j].to_bits()).collect();
                let one = view.outcomes(first + j, threshold);
                let want: Vec<u32> = one.iter().map(|v| v.to_bits()).collect();
                assert_eq!(got, want, "the outcomes of student {}", first + j);
            }
        }
    }
}
