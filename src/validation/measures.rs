//! How each target id is measured in the model.
//!
//! A measurement names strategies by their components (so it works on any
//! scenario that has them), compares them with the scenario's usual-practice
//! arm (a strategy without components), and reads one subgroup and outcome
//! at the last week — or, for cross-sectional findings, the survey week.

use crate::model::OUTCOMES;
use crate::population::SUBGROUPS;
use crate::stats::survey::{MEASURES, pair_index};

/// The full family–school programme of the meta-analysis (seed 001 ¶4).
pub const FULL_PROGRAMME: &[&str] = &[
    "parent_modelling",
    "behaviour_support",
    "joint_goal_setting",
];

/// One statistic computed per replicate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Part {
    /// Hedges' g at the last week of the strategy with exactly these
    /// components against usual practice, signed so improvement is positive.
    Effect {
        /// Components of the strategy (any order).
        components: &'static [&'static str],
        /// Subgroup.
        subgroup: &'static str,
        /// Outcome.
        outcome: &'static str,
    },
    /// Prevalence of depressive symptoms under usual practice at the last week.
    Prevalence {
        /// Subgroup.
        subgroup: &'static str,
    },
    /// Pearson correlation under usual practice at the survey week.
    Correlation {
        /// Subgroup.
        subgroup: &'static str,
        /// First measure of `survey.csv`.
        x: &'static str,
        /// Second measure.
        y: &'static str,
    },
    /// Odds ratio of depressive symptoms under usual practice at the survey week.
    OddsRatio {
        /// Exposed group.
        group: &'static str,
        /// Reference group.
        reference: &'static str,
    },
    /// Prevalence ratio of depressive symptoms under usual practice at the survey week.
    PrevalenceRatio {
        /// Exposed group.
        group: &'static str,
        /// Reference group.
        reference: &'static str,
    },
}

/// How a measurement's parts make the simulated value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Combine {
    /// One part: its value.
    Single,
    /// Two parts: first minus second, per replicate.
    Difference,
    /// Every part separately; the target passes when each is in band.
    Each,
}

/// A measurement of the model that a target id stands for.
#[derive(Debug, Clone, Copy)]
pub struct Measure {
    /// Target id.
    pub id: &'static str,
    /// The parts.
    pub parts: &'static [Part],
    /// How they combine.
    pub combine: Combine,
    /// Bundled scenario it is measured on by `resim validate`.
    pub scenario: &'static str,
}

const fn effect(
    components: &'static [&'static str],
    subgroup: &'static str,
    outcome: &'static str,
) -> Part {
    Part::Effect {
        components,
        subgroup,
        outcome,
    }
}

/// Every measurement the model knows, by target id.
pub const MEASURES_BY_ID: &[Measure] = &[
    Measure {
        id: "fs_programme_mental_health",
        parts: &[effect(FULL_PROGRAMME, "all", "distress")],
        combine: Combine::Single,
        scenario: "meta_analysis_trial",
    },
    Measure {
        id: "fs_programme_social",
        parts: &[effect(FULL_PROGRAMME, "all", "social_competence")],
        combine: Combine::Single,
        scenario: "meta_analysis_trial",
    },
    Measure {
        id: "fs_mental_vs_social",
        parts: &[
            effect(FULL_PROGRAMME, "all", "distress"),
            effect(FULL_PROGRAMME, "all", "social_competence"),
        ],
        combine: Combine::Difference,
        scenario: "meta_analysis_trial",
    },
    Measure {
        id: "volunteering_no_mental_health",
        parts: &[effect(&["parent_volunteering"], "all", "distress")],
        combine: Combine::Single,
        scenario: "meta_analysis_trial",
    },
    Measure {
        id: "volunteering_social",
        parts: &[effect(&["parent_volunteering"], "all", "social_competence")],
        combine: Combine::Single,
        scenario: "meta_analysis_trial",
    },
    Measure {
        id: "homework_no_sel",
        parts: &[
            effect(&["homework_help"], "all", "distress"),
            effect(&["homework_help"], "all", "social_competence"),
        ],
        combine: Combine::Each,
        scenario: "meta_analysis_trial",
    },
    Measure {
        id: "homework_academic",
        parts: &[effect(&["homework_help"], "all", "academic_engagement")],
        combine: Combine::Single,
        scenario: "meta_analysis_trial",
    },
    Measure {
        id: "rural_vs_urban",
        parts: &[
            effect(FULL_PROGRAMME, "rural", "distress"),
            effect(FULL_PROGRAMME, "urban", "distress"),
        ],
        combine: Combine::Difference,
        scenario: "meta_analysis_trial",
    },
    Measure {
        id: "baseline_depressive_prevalence",
        parts: &[Part::Prevalence { subgroup: "all" }],
        combine: Combine::Single,
        scenario: "meta_analysis_trial",
    },
    Measure {
        id: "support_resilience_correlation",
        parts: &[Part::Correlation {
            subgroup: "all",
            x: "perceived_support",
            y: "resilience_without_support",
        }],
        combine: Combine::Single,
        scenario: "meta_analysis_trial",
    },
    // Findings outside calibration.csv (data/other_findings.csv).
    Measure {
        id: "fs_programme_resilience",
        parts: &[effect(FULL_PROGRAMME, "all", "resilience")],
        combine: Combine::Single,
        scenario: "meta_analysis_trial",
    },
    Measure {
        id: "support_resilience_correlation_total",
        parts: &[Part::Correlation {
            subgroup: "all",
            x: "perceived_support",
            y: "resilience",
        }],
        combine: Combine::Single,
        scenario: "meta_analysis_trial",
    },
    Measure {
        id: "resilience_regulation_correlation",
        parts: &[Part::Correlation {
            subgroup: "all",
            x: "emotion_regulation",
            y: "resilience",
        }],
        combine: Combine::Single,
        scenario: "meta_analysis_trial",
    },
    Measure {
        id: "resilience_distress_correlation",
        parts: &[Part::Correlation {
            subgroup: "all",
            x: "distress",
            y: "resilience",
        }],
        combine: Combine::Single,
        scenario: "meta_analysis_trial",
    },
    Measure {
        id: "support_distress_correlation",
        parts: &[Part::Correlation {
            subgroup: "all",
            x: "perceived_support",
            y: "distress",
        }],
        combine: Combine::Single,
        scenario: "meta_analysis_trial",
    },
    Measure {
        id: "left_behind_depression_or",
        parts: &[Part::OddsRatio {
            group: "left_behind",
            reference: "not_left_behind",
        }],
        combine: Combine::Single,
        scenario: "meta_analysis_trial",
    },
    Measure {
        id: "rural_urban_depression_pr",
        parts: &[Part::PrevalenceRatio {
            group: "rural",
            reference: "urban",
        }],
        combine: Combine::Single,
        scenario: "meta_analysis_trial",
    },
];

/// The measurement of a target id.
pub fn find(id: &str) -> Option<&'static Measure> {
    MEASURES_BY_ID.iter().find(|m| m.id == id)
}

/// Every known id.
pub fn known_ids() -> Vec<&'static str> {
    MEASURES_BY_ID.iter().map(|m| m.id).collect()
}

impl Part {
    /// The strategy (by components) the part needs besides usual practice.
    pub fn components(&self) -> Option<&'static [&'static str]> {
        match self {
            Part::Effect { components, .. } => Some(components),
            _ => None,
        }
    }

    /// A readable description of what is computed.
    pub fn describe(&self) -> String {
        match self {
            Part::Effect {
                components,
                subgroup,
                outcome,
            } => format!(
                "Hedges' g of [{}] vs usual practice on {outcome} ({subgroup}), last week",
                components.join("+")
            ),
            Part::Prevalence { subgroup } => {
                format!(
                    "prevalence of depressive symptoms under usual practice ({subgroup}), last week"
                )
            }
            Part::Correlation { subgroup, x, y } => {
                format!("Pearson r of {x} with {y} under usual practice ({subgroup}), survey week")
            }
            Part::OddsRatio { group, reference } => format!(
                "odds ratio of depressive symptoms, {group} vs {reference}, usual practice, survey week"
            ),
            Part::PrevalenceRatio { group, reference } => format!(
                "prevalence ratio of depressive symptoms, {group} vs {reference}, usual practice, survey week"
            ),
        }
    }

    /// Checks that names refer to existing subgroups, outcomes and measures.
    pub fn names_are_known(&self) -> bool {
        let sg = |s: &str| SUBGROUPS.iter().any(|g| g.name == s);
        match self {
            Part::Effect {
                subgroup, outcome, ..
            } => sg(subgroup) && OUTCOMES.iter().any(|o| o.name == *outcome),
            Part::Prevalence { subgroup } => sg(subgroup),
            Part::Correlation { subgroup, x, y } => {
                sg(subgroup) && MEASURES.iter().any(|m| m.name == *x) && pair_index(x, y).is_some()
            }
            Part::OddsRatio { group, reference } | Part::PrevalenceRatio { group, reference } => {
                sg(group) && sg(reference)
            }
        }
    }
}

impl Measure {
    /// A readable description of the measurement.
    pub fn describe(&self) -> String {
        match self.combine {
            Combine::Single => self.parts[0].describe(),
            Combine::Difference => format!(
                "{} minus {}",
                self.parts[0].describe(),
                self.parts[1].describe()
            ),
            Combine::Each => format!(
                "each of: {}",
                self.parts
                    .iter()
                    .map(Part::describe)
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_measurement_names_known_things_and_ids_are_unique() {
        for m in MEASURES_BY_ID {
            for p in m.parts {
                assert!(p.names_are_known(), "{}: {p:?}", m.id);
            }
            assert_eq!(known_ids().iter().filter(|i| **i == m.id).count(), 1);
            match m.combine {
                Combine::Single => assert_eq!(m.parts.len(), 1),
                Combine::Difference => assert_eq!(m.parts.len(), 2),
                Combine::Each => assert!(!m.parts.is_empty()),
            }
        }
    }

    #[test]
    fn every_bundled_target_has_a_measurement() {
        for t in super::super::targets::bundled() {
            assert!(find(&t.id).is_some(), "{} has no measurement", t.id);
        }
    }
}
