//! How each target id is measured in the model.
//!
//! A measurement names strategies by their components (so it works on any
//! scenario that has them), compares them with the scenario's usual-practice
//! arm (a strategy without components), and reads one subgroup and outcome
//! the way the publication did: effects at the end of the programme (or a
//! follow-up after it), cross-sectional statistics over the survey window,
//! stability and persistence between two waves a lag apart, term-end change
//! between the start and the end of the last term.

use crate::model::OUTCOMES;
use crate::population::SUBGROUPS;
use crate::problem::Message;
use crate::stats::panel::panel_measure_index;
use crate::stats::survey::{measure_index, pair_index, subgroup_index};

/// The full family–school programme of the meta-analysis (seed 001 ¶4).
pub const FULL_PROGRAMME: &[&str] = &[
    "parent_modelling",
    "behaviour_support",
    "joint_goal_setting",
];

/// The default validation scenario (replaced by `resim validate --scenario`).
pub const TRIAL: &str = "meta_analysis_trial";
/// Usual practice followed for three years: stability and persistence.
pub const PANEL: &str = "panel_cohort";
/// A trial followed up after its programme ends.
pub const FOLLOW_UP: &str = "followup_trial";

/// When an effect is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    /// At the end of the programme: the last week any of the strategy's
    /// components runs (see [`super::programme_end`]).
    End,
    /// This many weeks after the end of the programme (a follow-up; the
    /// target's `after_end` column replaces it).
    AfterEnd(u32),
}

/// The lag between two waves of a panel statistic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lag {
    /// Whole years of the scenario's calendar (`weeks_per_year` each).
    Years(u32),
}

/// One statistic computed per replicate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Part {
    /// Hedges' g of the strategy with exactly these components against usual
    /// practice, signed so improvement is positive.
    Effect {
        /// Components of the strategy (any order).
        components: &'static [&'static str],
        /// Subgroup.
        subgroup: &'static str,
        /// Outcome.
        outcome: &'static str,
        /// When it is read.
        at: At,
    },
    /// Prevalence of depressive symptoms under usual practice over the survey window.
    Prevalence {
        /// Survey subgroup (a reporting subgroup or `grade_N`).
        subgroup: &'static str,
    },
    /// Pearson correlation under usual practice over the survey window.
    Correlation {
        /// Survey subgroup.
        subgroup: &'static str,
        /// First measure of `survey.csv`.
        x: &'static str,
        /// Second measure.
        y: &'static str,
    },
    /// Odds ratio of depressive symptoms under usual practice over the window.
    OddsRatio {
        /// Exposed group.
        group: &'static str,
        /// Reference group.
        reference: &'static str,
    },
    /// Prevalence ratio of depressive symptoms under usual practice over the window.
    PrevalenceRatio {
        /// Exposed group.
        group: &'static str,
        /// Reference group.
        reference: &'static str,
    },
    /// Standardised mean difference (Hedges' g) of a survey measure between
    /// two groups, group minus reference, under usual practice over the window.
    Smd {
        /// First group.
        group: &'static str,
        /// Reference group.
        reference: &'static str,
        /// Survey measure.
        measure: &'static str,
    },
    /// Rank-order stability of a panel measure under usual practice: the
    /// correlation of each student's value at the window weeks with the
    /// value `lag` later.
    Stability {
        /// Survey subgroup.
        subgroup: &'static str,
        /// Panel measure.
        measure: &'static str,
        /// Weeks between the waves (the target's `lag` column replaces it).
        lag: Lag,
    },
    /// Persistence of depressive symptoms under usual practice: the share of
    /// students screening positive at a window week still positive `lag` later.
    Persistence {
        /// Survey subgroup (membership at the first wave).
        subgroup: &'static str,
        /// Weeks between the waves (the target's `lag` column replaces it).
        lag: Lag,
    },
    /// Prevalence of depressive symptoms under usual practice in the last
    /// four weeks of the year's last term (exams included) over its
    /// prevalence in weeks 2–9 of that term, the same students.
    TermChange {
        /// Reporting subgroup.
        subgroup: &'static str,
    },
}

/// How a measurement's parts make the simulated value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Combine {
    /// One part: its value.
    Single,
    /// Two parts: first minus second, per replicate.
    Difference,
    /// Two parts: second over first, per replicate (e.g. a follow-up effect
    /// over the post-test effect).
    Ratio,
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
    /// Bundled scenario it is measured on by `resim validate` (a target's
    /// `scenario` column replaces it).
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
        at: At::End,
    }
}

const fn single(id: &'static str, part: &'static [Part]) -> Measure {
    Measure {
        id,
        parts: part,
        combine: Combine::Single,
        scenario: TRIAL,
    }
}

/// Every measurement the model knows, by target id.
pub const MEASURES_BY_ID: &[Measure] = &[
    // The calibration set (data/calibration.csv).
    single(
        "fs_programme_mental_health",
        &[effect(FULL_PROGRAMME, "all", "distress")],
    ),
    single(
        "fs_programme_social",
        &[effect(FULL_PROGRAMME, "all", "social_competence")],
    ),
    Measure {
        id: "fs_mental_vs_social",
        parts: &[
            effect(FULL_PROGRAMME, "all", "distress"),
            effect(FULL_PROGRAMME, "all", "social_competence"),
        ],
        combine: Combine::Difference,
        scenario: TRIAL,
    },
    single(
        "volunteering_no_mental_health",
        &[effect(&["parent_volunteering"], "all", "distress")],
    ),
    single(
        "volunteering_social",
        &[effect(&["parent_volunteering"], "all", "social_competence")],
    ),
    Measure {
        id: "homework_no_sel",
        parts: &[
            effect(&["homework_help"], "all", "distress"),
            effect(&["homework_help"], "all", "social_competence"),
        ],
        combine: Combine::Each,
        scenario: TRIAL,
    },
    single(
        "homework_academic",
        &[effect(&["homework_help"], "all", "academic_engagement")],
    ),
    Measure {
        id: "rural_vs_urban",
        parts: &[
            effect(FULL_PROGRAMME, "rural", "distress"),
            effect(FULL_PROGRAMME, "urban", "distress"),
        ],
        combine: Combine::Difference,
        scenario: TRIAL,
    },
    single(
        "baseline_depressive_prevalence",
        &[Part::Prevalence { subgroup: "all" }],
    ),
    single(
        "support_resilience_correlation",
        &[Part::Correlation {
            subgroup: "all",
            x: "perceived_support",
            y: "resilience_without_support",
        }],
    ),
    // Other findings (data/other_findings.csv).
    single(
        "fs_programme_resilience",
        &[effect(FULL_PROGRAMME, "all", "resilience")],
    ),
    single(
        "support_resilience_correlation_total",
        &[Part::Correlation {
            subgroup: "all",
            x: "perceived_support",
            y: "resilience",
        }],
    ),
    single(
        "resilience_regulation_correlation",
        &[Part::Correlation {
            subgroup: "all",
            x: "emotion_regulation",
            y: "resilience",
        }],
    ),
    single(
        "resilience_distress_correlation",
        &[Part::Correlation {
            subgroup: "all",
            x: "distress",
            y: "resilience",
        }],
    ),
    single(
        "support_distress_correlation",
        &[Part::Correlation {
            subgroup: "all",
            x: "perceived_support",
            y: "distress",
        }],
    ),
    single(
        "left_behind_depression_or",
        &[Part::OddsRatio {
            group: "left_behind",
            reference: "not_left_behind",
        }],
    ),
    single(
        "rural_urban_depression_pr",
        &[Part::PrevalenceRatio {
            group: "rural",
            reference: "urban",
        }],
    ),
    // Published patterns (data/patterns.csv).
    single(
        "sex_distress_or_wang2023",
        &[Part::OddsRatio {
            group: "female",
            reference: "male",
        }],
    ),
    single(
        "sex_comorbid_pr_wang2023",
        &[Part::PrevalenceRatio {
            group: "female",
            reference: "male",
        }],
    ),
    single(
        "sex_depression_d_salk2017",
        &[Part::Smd {
            group: "female",
            reference: "male",
            measure: "distress",
        }],
    ),
    single(
        "middle_school_prevalence_zhou2024",
        &[Part::Prevalence { subgroup: "all" }],
    ),
    single(
        "grade7_prevalence_tang2019",
        &[Part::Prevalence {
            subgroup: "grade_7",
        }],
    ),
    single(
        "lbc_depression_smd_fellmeth2018",
        &[Part::Smd {
            group: "left_behind",
            reference: "not_left_behind",
            measure: "distress",
        }],
    ),
    Measure {
        id: "depression_1yr_persistence_chi2020",
        parts: &[Part::Persistence {
            subgroup: "grade_7",
            lag: Lag::Years(1),
        }],
        combine: Combine::Single,
        scenario: PANEL,
    },
    Measure {
        id: "depression_1yr_stability_garrison1990",
        parts: &[Part::Stability {
            subgroup: "all",
            measure: "distress",
            lag: Lag::Years(1),
        }],
        combine: Combine::Single,
        scenario: PANEL,
    },
    Measure {
        id: "depression_2yr_stability_garrison1990",
        parts: &[Part::Stability {
            subgroup: "all",
            measure: "distress",
            lag: Lag::Years(2),
        }],
        combine: Combine::Single,
        scenario: PANEL,
    },
    Measure {
        id: "resilience_1yr_stability",
        parts: &[Part::Stability {
            subgroup: "all",
            measure: "resilience",
            lag: Lag::Years(1),
        }],
        combine: Combine::Single,
        scenario: PANEL,
    },
    single(
        "school_resilience_smd_cai2025",
        &[effect(&["mh_curriculum"], "all", "resilience")],
    ),
    Measure {
        id: "prevention_fadeout_ratio_ws2017",
        parts: &[
            effect(&["mh_curriculum"], "all", "distress"),
            Part::Effect {
                components: &["mh_curriculum"],
                subgroup: "all",
                outcome: "distress",
                at: At::AfterEnd(52),
            },
        ],
        combine: Combine::Ratio,
        scenario: FOLLOW_UP,
    },
    single(
        "term_end_change_wu2022",
        &[Part::TermChange { subgroup: "all" }],
    ),
];

/// The measurement of a target id.
pub fn find(id: &str) -> Option<&'static Measure> {
    MEASURES_BY_ID.iter().find(|m| m.id == id)
}

/// Every known id.
pub fn known_ids() -> Vec<&'static str> {
    MEASURES_BY_ID.iter().map(|m| m.id).collect()
}

/// The known id nearest to `id`, for a "did you mean" hint.
pub fn nearest_id(id: &str) -> Option<&'static str> {
    crate::problem::nearest(id, known_ids())
}

impl Part {
    /// The strategy (by components) the part needs besides usual practice.
    pub fn components(&self) -> Option<&'static [&'static str]> {
        match self {
            Part::Effect { components, .. } => Some(components),
            _ => None,
        }
    }

    /// Whether the part is read from the survey window.
    pub fn uses_window(&self) -> bool {
        matches!(
            self,
            Part::Prevalence { .. }
                | Part::Correlation { .. }
                | Part::OddsRatio { .. }
                | Part::PrevalenceRatio { .. }
                | Part::Smd { .. }
                | Part::Stability { .. }
                | Part::Persistence { .. }
        )
    }

    /// Whether the part has a panel lag.
    pub fn has_lag(&self) -> bool {
        matches!(self, Part::Stability { .. } | Part::Persistence { .. })
    }

    /// Whether the part is a follow-up effect.
    pub fn is_follow_up(&self) -> bool {
        matches!(
            self,
            Part::Effect {
                at: At::AfterEnd(_),
                ..
            }
        )
    }

    /// A readable description of what is computed, in English (what the
    /// CLI and the result files show).
    pub fn describe(&self) -> String {
        self.message().to_string()
    }

    /// What is computed, as a catalogue message (its English is
    /// [`Part::describe`]; a page words it in its language).
    pub fn message(&self) -> Message {
        let lag = |l: &Lag| match l {
            Lag::Years(1) => Message::new("problem-measure-lag-year"),
            Lag::Years(n) => Message::new("problem-measure-lag-years").arg("years", n),
        };
        match self {
            Part::Effect {
                components,
                subgroup,
                outcome,
                at,
            } => Message::new("problem-measure-effect")
                .arg("components", components.join("+"))
                .arg("outcome", outcome)
                .arg("subgroup", subgroup)
                .with(
                    "at",
                    match at {
                        At::End => Message::new("problem-measure-at-end"),
                        At::AfterEnd(w) => {
                            Message::new("problem-measure-after-end").arg("weeks", w)
                        }
                    },
                ),
            Part::Prevalence { subgroup } => {
                Message::new("problem-measure-prevalence").arg("subgroup", subgroup)
            }
            Part::Correlation { subgroup, x, y } => Message::new("problem-measure-correlation")
                .arg("x", x)
                .arg("y", y)
                .arg("subgroup", subgroup),
            Part::OddsRatio { group, reference } => Message::new("problem-measure-odds-ratio")
                .arg("group", group)
                .arg("reference", reference),
            Part::PrevalenceRatio { group, reference } => {
                Message::new("problem-measure-prevalence-ratio")
                    .arg("group", group)
                    .arg("reference", reference)
            }
            Part::Smd {
                group,
                reference,
                measure,
            } => Message::new("problem-measure-smd")
                .arg("measure", measure)
                .arg("group", group)
                .arg("reference", reference),
            Part::Stability {
                subgroup,
                measure,
                lag: l,
            } => Message::new("problem-measure-stability")
                .arg("measure", measure)
                .with("lag", lag(l))
                .arg("subgroup", subgroup),
            Part::Persistence { subgroup, lag: l } => Message::new("problem-measure-persistence")
                .with("lag", lag(l))
                .arg("subgroup", subgroup),
            Part::TermChange { subgroup } => {
                Message::new("problem-measure-term-change").arg("subgroup", subgroup)
            }
        }
    }

    /// Checks that names refer to existing subgroups, outcomes and measures.
    pub fn names_are_known(&self) -> bool {
        let sg = |s: &str| SUBGROUPS.iter().any(|g| g.name == s);
        let survey = |s: &str| subgroup_index(s).is_some();
        match self {
            Part::Effect {
                subgroup, outcome, ..
            } => sg(subgroup) && OUTCOMES.iter().any(|o| o.name == *outcome),
            Part::Prevalence { subgroup } => survey(subgroup),
            Part::Correlation { subgroup, x, y } => survey(subgroup) && pair_index(x, y).is_some(),
            Part::OddsRatio { group, reference } | Part::PrevalenceRatio { group, reference } => {
                survey(group) && survey(reference)
            }
            Part::Smd {
                group,
                reference,
                measure,
            } => survey(group) && survey(reference) && measure_index(measure).is_some(),
            Part::Stability {
                subgroup, measure, ..
            } => survey(subgroup) && panel_measure_index(measure).is_some(),
            Part::Persistence { subgroup, .. } => survey(subgroup),
            Part::TermChange { subgroup } => sg(subgroup),
        }
    }
}

impl Measure {
    /// A readable description of the measurement, in English (what the
    /// CLI and the result files show).
    pub fn describe(&self) -> String {
        self.message().to_string()
    }

    /// The measurement as a catalogue message (its English is
    /// [`Measure::describe`]; a page words it in its language).
    pub fn message(&self) -> Message {
        match self.combine {
            Combine::Single => self.parts[0].message(),
            Combine::Difference => Message::new("problem-measure-difference")
                .with("first", self.parts[0].message())
                .with("second", self.parts[1].message()),
            Combine::Ratio => Message::new("problem-measure-ratio")
                .with("first", self.parts[1].message())
                .with("second", self.parts[0].message()),
            Combine::Each => Message::new("problem-measure-each").with(
                "parts",
                Message::joined(self.parts.iter().map(Part::message), "; "),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `Part::describe` and `Measure::describe` wrote before they were
    /// catalogue messages (the words the CLI and the result files show).
    fn old_part(p: &Part) -> String {
        let lag = |l: &Lag| match l {
            Lag::Years(1) => "a year".to_string(),
            Lag::Years(n) => format!("{n} years"),
        };
        match p {
            Part::Effect {
                components,
                subgroup,
                outcome,
                at,
            } => format!(
                "Hedges' g of [{}] vs usual practice on {outcome} ({subgroup}), {}",
                components.join("+"),
                match at {
                    At::End => "end of programme".to_string(),
                    At::AfterEnd(w) => format!("{w} weeks after the end of programme"),
                }
            ),
            Part::Prevalence { subgroup } => format!(
                "prevalence of depressive symptoms under usual practice ({subgroup}), survey window"
            ),
            Part::Correlation { subgroup, x, y } => {
                format!(
                    "Pearson r of {x} with {y} under usual practice ({subgroup}), survey window"
                )
            }
            Part::OddsRatio { group, reference } => format!(
                "odds ratio of depressive symptoms, {group} vs {reference}, usual practice, survey window"
            ),
            Part::PrevalenceRatio { group, reference } => format!(
                "prevalence ratio of depressive symptoms, {group} vs {reference}, usual practice, survey window"
            ),
            Part::Smd {
                group,
                reference,
                measure,
            } => format!(
                "Hedges' g of {measure}, {group} minus {reference}, usual practice, survey window"
            ),
            Part::Stability {
                subgroup,
                measure,
                lag: l,
            } => format!(
                "rank-order stability (r) of {measure}, window weeks to {} later, usual practice ({subgroup})",
                lag(l)
            ),
            Part::Persistence { subgroup, lag: l } => format!(
                "share of students screening positive at a window week still positive {} later, usual practice ({subgroup})",
                lag(l)
            ),
            Part::TermChange { subgroup } => format!(
                "prevalence of depressive symptoms in the last 4 weeks of the last term over weeks 2-9 of that term, usual practice ({subgroup})"
            ),
        }
    }

    fn old_measure(m: &Measure) -> String {
        match m.combine {
            Combine::Single => old_part(&m.parts[0]),
            Combine::Difference => {
                format!("{} minus {}", old_part(&m.parts[0]), old_part(&m.parts[1]))
            }
            Combine::Ratio => format!("{} over {}", old_part(&m.parts[1]), old_part(&m.parts[0])),
            Combine::Each => format!(
                "each of: {}",
                m.parts.iter().map(old_part).collect::<Vec<_>>().join("; ")
            ),
        }
    }

    /// Every measurement reads word for word as before in English (the
    /// CLI's words, the result files) and in Chinese on Chinese pages.
    #[test]
    fn every_measurement_reads_as_before_in_english_and_in_chinese() {
        use crate::i18n::Lang;
        const EXTRA_PARTS: &[Part] = &[
            Part::Effect {
                components: &["contact_book", "home_visits"],
                subgroup: "left_behind",
                outcome: "resilience",
                at: At::AfterEnd(12),
            },
            Part::Stability {
                subgroup: "all",
                measure: "resilience",
                lag: Lag::Years(2),
            },
            Part::Persistence {
                subgroup: "all",
                lag: Lag::Years(1),
            },
        ];
        let extra = [
            Combine::Single,
            Combine::Difference,
            Combine::Ratio,
            Combine::Each,
        ]
        .map(|combine| Measure {
            id: "extra",
            parts: if combine == Combine::Single {
                &EXTRA_PARTS[..1]
            } else if combine == Combine::Each {
                EXTRA_PARTS
            } else {
                &EXTRA_PARTS[1..]
            },
            combine,
            scenario: "",
        });
        for m in MEASURES_BY_ID.iter().chain(&extra) {
            let message = m.message();
            assert_eq!(m.describe(), old_measure(m), "{}", m.id);
            assert_eq!(message.render(Lang::En), old_measure(m), "{}", m.id);
            let zh = message.render(Lang::ZhCn);
            assert_ne!(zh, old_measure(m), "{}", m.id);
            assert!(!zh.contains("usual practice"), "{zh}");
            for p in m.parts {
                assert_eq!(p.describe(), old_part(p));
            }
        }
    }

    #[test]
    fn every_measurement_names_known_things_and_ids_are_unique() {
        for m in MEASURES_BY_ID {
            for p in m.parts {
                assert!(p.names_are_known(), "{}: {p:?}", m.id);
            }
            assert_eq!(known_ids().iter().filter(|i| **i == m.id).count(), 1);
            match m.combine {
                Combine::Single => assert_eq!(m.parts.len(), 1),
                Combine::Difference | Combine::Ratio => assert_eq!(m.parts.len(), 2),
                Combine::Each => assert!(!m.parts.is_empty()),
            }
            assert!(
                super::super::bundled_scenario(m.scenario).is_some(),
                "{}",
                m.id
            );
        }
        assert_eq!(
            nearest_id("fs_programme_mental_healt"),
            Some("fs_programme_mental_health")
        );
    }

    #[test]
    fn every_bundled_target_has_a_measurement() {
        for t in super::super::targets::bundled() {
            assert!(find(&t.id).is_some(), "{} has no measurement", t.id);
        }
    }
}
