//! `[run]`: the Monte Carlo settings of a scenario.

use serde::{Deserialize, Serialize};

use crate::model::Calendar;
use crate::problem::Problem;

/// `[run]`: Monte Carlo settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RunSettings {
    /// Replicates: independent synthetic populations and event histories.
    pub replicates: u32,
    /// Master seed; every random number derives from it.
    pub seed: u64,
    /// Week of the cross-sectional survey (`survey.csv`): 0 (after burn-in)
    /// to the last week; the last week when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub survey_week: Option<u32>,
}

impl Default for RunSettings {
    fn default() -> Self {
        RunSettings {
            replicates: 20,
            seed: 20_190_128,
            survey_week: None,
        }
    }
}

impl RunSettings {
    pub(crate) fn validate(&self, calendar: &Calendar, out: &mut Vec<Problem>) {
        if let Some(w) = self.survey_week
            && w > calendar.total_weeks()
        {
            out.push(Problem::new(
                "run.survey_week",
                format!("week {w} is after the last week"),
                format!(
                    "a week from 0 (after burn-in) to {} (years × weeks_per_year)",
                    calendar.total_weeks()
                ),
            ));
        }
        if !(1..=1_000_000).contains(&self.replicates) {
            out.push(Problem::new(
                "run.replicates",
                format!("{} replicates", self.replicates),
                "a whole number from 1 to 1000000",
            ));
        }
    }
}
