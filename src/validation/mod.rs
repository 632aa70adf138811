//! Validation against published targets.
//!
//! A target (a row of `calibration.csv` or `patterns.csv`) is a published
//! finding with a tolerance band. Its id names a measurement of the model
//! ([`measures::MEASURES_BY_ID`]): which strategy (by its components) is
//! compared with usual practice, in which subgroup, on which outcome or
//! statistic, read the way the publication read it, on which bundled
//! scenario. [`suite::Suite`] groups the targets by scenario (and survey
//! window); for each group [`evaluate::plan`] works out what the scenario
//! can measure, [`evaluate::measure`] runs it with common random numbers and
//! collects every statistic per replicate (so each gets a Monte Carlo
//! interval), and [`evaluate::judge`] compares the means with the bands.
//!
//! `resim validate` measures the bundled targets (`data/calibration.csv`, a
//! copy of `shared/targets/calibration.csv`) or a targets file on the
//! bundled validation scenarios ([`BUNDLED_SCENARIOS`], embedded in the
//! binary).

pub mod evaluate;
pub mod measures;
pub mod report;
pub mod suite;
pub mod targets;

pub use evaluate::{
    Measured, Plan, Simulated, Status, TargetResult, judge, loss, measure, plan, programme_end,
};
pub use suite::{Suite, SuiteOptions};
pub use targets::{Role, Target, TargetsError};

use std::path::Path;

use crate::scenario::{self, Scenario, ScenarioError};

/// The bundled validation scenarios: name, path in the repository, text.
pub const BUNDLED_SCENARIOS: &[(&str, &str, &str)] = &[
    (
        measures::TRIAL,
        "scenarios/meta_analysis_trial.toml",
        include_str!("../../scenarios/meta_analysis_trial.toml"),
    ),
    (
        measures::PANEL,
        "scenarios/validation/panel_cohort.toml",
        include_str!("../../scenarios/validation/panel_cohort.toml"),
    ),
    (
        measures::FOLLOW_UP,
        "scenarios/validation/followup_trial.toml",
        include_str!("../../scenarios/validation/followup_trial.toml"),
    ),
];

/// A bundled validation scenario by name, with its path; `None` for an
/// unknown name.
pub fn bundled_scenario(name: &str) -> Option<(&'static str, Result<Scenario, ScenarioError>)> {
    BUNDLED_SCENARIOS
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, path, text)| (*path, scenario::parse(text, Path::new(path))))
}

/// The bundled validation scenario's text (the default scenario of the
/// targets, `meta_analysis_trial`).
pub const VALIDATION_SCENARIO: &str = BUNDLED_SCENARIOS[0].2;

/// The path the bundled validation scenario is known by.
pub const VALIDATION_SCENARIO_PATH: &str = BUNDLED_SCENARIOS[0].1;

/// The bundled validation scenario.
pub fn validation_scenario() -> Result<Scenario, ScenarioError> {
    scenario::parse(VALIDATION_SCENARIO, Path::new(VALIDATION_SCENARIO_PATH))
}

/// Other published findings the model is checked against but that are not
/// in the calibration set (`data/other_findings.csv`).
pub const OTHER_FINDINGS: &str = include_str!("../../data/other_findings.csv");

/// Published patterns for pattern-oriented validation (`data/patterns.csv`).
pub const PATTERNS: &str = include_str!("../../data/patterns.csv");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_scenarios_and_target_files_load() {
        for (name, _, _) in BUNDLED_SCENARIOS {
            let (_, sc) = bundled_scenario(name).unwrap();
            let sc = sc.unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(sc.name, *name);
        }
        assert!(bundled_scenario("nope").is_none());
        for (file, text) in [
            ("data/other_findings.csv", OTHER_FINDINGS),
            ("data/patterns.csv", PATTERNS),
        ] {
            let t = targets::parse(text, file).unwrap_or_else(|e| panic!("{e}"));
            for t in &t {
                assert!(
                    measures::find(&t.id).is_some(),
                    "{file}: {} has no measurement",
                    t.id
                );
                assert!(!t.source.is_empty(), "{file}: {} has no source", t.id);
            }
        }
    }
}
