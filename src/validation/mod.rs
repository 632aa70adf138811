//! Validation against published targets.
//!
//! A target (a row of `calibration.csv`) is a published finding with a
//! tolerance band. Its id names a measurement of the model
//! ([`measures::MEASURES_BY_ID`]): which strategy (by its components) is
//! compared with usual practice, in which subgroup, on which outcome or
//! statistic. [`evaluate::plan`] works out what a scenario can measure,
//! [`evaluate::measure`] runs it with common random numbers and collects
//! every statistic per replicate (so each gets a Monte Carlo interval), and
//! [`evaluate::judge`] compares the means with the bands.
//!
//! `resim validate` runs the bundled validation scenario
//! (`scenarios/meta_analysis_trial.toml`, embedded in the binary) against
//! the bundled targets (`data/calibration.csv`, a copy of
//! `shared/targets/calibration.csv`).

pub mod evaluate;
pub mod measures;
pub mod report;
pub mod targets;

pub use evaluate::{Measured, Plan, Simulated, Status, TargetResult, judge, loss, measure, plan};
pub use targets::{Target, TargetsError};

use std::path::Path;

use crate::scenario::{self, Scenario, ScenarioError};

/// The bundled validation scenario's text.
pub const VALIDATION_SCENARIO: &str = include_str!("../../scenarios/meta_analysis_trial.toml");

/// The path the bundled validation scenario is known by.
pub const VALIDATION_SCENARIO_PATH: &str = "scenarios/meta_analysis_trial.toml";

/// The bundled validation scenario.
pub fn validation_scenario() -> Result<Scenario, ScenarioError> {
    scenario::parse(VALIDATION_SCENARIO, Path::new(VALIDATION_SCENARIO_PATH))
}

/// Other published findings the model is checked against but that are not
/// in the calibration set (`data/other_findings.csv`).
pub const OTHER_FINDINGS: &str = include_str!("../../data/other_findings.csv");
