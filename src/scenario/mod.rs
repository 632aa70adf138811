//! The scenario layer: TOML files in, validated values out.
//!
//! A scenario names a population, its traits, the model's parameters, a
//! calendar, the strategies to compare and how to run them. Every value has a
//! documented default, so a useful scenario is ten lines. Loading never
//! panics: every problem becomes a [`Problem`] that names the file, the line,
//! the key and what would be valid.
//!
//! The file as written is `raw.rs` (its top-level keys are declared there
//! once); `load.rs` reads it, `messages.rs` explains mistakes, [`sweep_spec`]
//! parses `[sweep]`, `work.rs` holds the work limit and [`path`] reaches any
//! number by its dotted path. The sections a scenario is made of are declared
//! in the layers that use them and re-exported here: [`ModelParams`] in
//! `params`, [`PopulationSpec`] and [`Traits`] in `population`, [`Calendar`]
//! in `model`.

pub mod district;
pub mod error;
mod load;
mod messages;
pub mod path;
mod raw;
mod resolved;
mod run;
pub mod schema;
pub mod strategy;
pub mod sweep_spec;
mod work;

use serde::{Deserialize, Serialize};

pub use crate::model::Calendar;
pub use crate::params::{
    Adults, Detection, Exosystem, Learning, Macrosystem, ModelParams, ParamDoc, Stress, Support,
    Trust,
};
pub use crate::population::{Dist, PopulationSpec, Traits};
pub use crate::problem::Problem;
pub use error::ScenarioError;
pub use load::{MAX_FILE_BYTES, load, parse, read_text, validate};
pub use path::set;
pub use run::{RunSettings, default_survey_weeks};
pub use strategy::StrategySpec;
pub use sweep_spec::{SweepMethod, SweepParam, SweepSpec, SweepValues};
pub use work::{MAX_STUDENT_WEEKS, Work, simulated_student_weeks, student_weeks};

/// A validated scenario: everything a run needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    /// Short name; the default output directory is `results/<name>`.
    pub name: String,
    /// The question the scenario answers.
    pub description: String,
    /// Name of the strategy every other strategy is compared with.
    pub baseline: String,
    /// Monte Carlo settings.
    pub run: RunSettings,
    /// Who is simulated.
    pub population: PopulationSpec,
    /// Starting distributions.
    pub traits: Traits,
    /// The chronosystem.
    pub calendar: Calendar,
    /// Model parameters by mechanism.
    #[serde(flatten)]
    pub params: ModelParams,
    /// Strategies in file order; the baseline is among them.
    pub strategies: Vec<StrategySpec>,
    /// The `[sweep]` section, if any (`resim sweep`, `resim sensitivity`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sweep: Option<SweepSpec>,
}

impl Scenario {
    /// Index of the baseline strategy.
    pub fn baseline_index(&self) -> usize {
        self.strategies
            .iter()
            .position(|s| s.name == self.baseline)
            .unwrap_or(0)
    }

    /// The survey window: `run.survey_weeks` (or the one week of
    /// `run.survey_week`), else ordinary school weeks spread over the year
    /// ([`default_survey_weeks`]); ascending, inside the run.
    pub fn survey_weeks(&self) -> Vec<usize> {
        let last = self.calendar.total_weeks();
        let mut w: Vec<usize> = self
            .run
            .window(&self.calendar)
            .into_iter()
            .map(|w| w.min(last) as usize)
            .collect();
        w.dedup();
        w
    }

    /// Lags (weeks) of the panel statistics: `run.panel_lags`, else one and
    /// two years.
    pub fn panel_lags(&self) -> Vec<usize> {
        self.run
            .lags(&self.calendar)
            .into_iter()
            .map(|l| l as usize)
            .collect()
    }

    /// Number of students in one replicate.
    pub fn students(&self) -> u64 {
        self.population.students()
    }

    /// The resolved scenario as TOML, every default written out, every
    /// number as written (`fidelity = 0.8`, not the nearest double of the
    /// stored single-precision value).
    pub fn to_toml(&self) -> String {
        resolved::to_toml(self).unwrap_or_else(|e| format!("# could not print the scenario: {e}\n"))
    }
}
