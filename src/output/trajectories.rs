//! `trajectories.csv`: every outcome week by week.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::tidy::to_csv;
use crate::model::OUTCOMES;
use crate::population::SUBGROUPS;
use crate::stats::{StrategySummary, Summary, quantile};

/// One row of `trajectories.csv`: the distribution of one outcome over the
/// students of a subgroup in one week under one strategy, pooled over
/// replicates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrajectoryRow {
    /// Strategy name.
    pub strategy: String,
    /// Subgroup name.
    pub subgroup: String,
    /// Week of the run (0 = right after burn-in, before the first
    /// simulated week of the strategy).
    pub week: u32,
    /// Outcome name.
    pub outcome: String,
    /// Mean over students, in the outcome's units (for `depressive` the
    /// prevalence, 0–1).
    #[serde(with = "super::na")]
    pub mean: f64,
    /// 10th percentile over students (`NA` for `depressive`, a 0/1 outcome).
    #[serde(with = "super::na")]
    pub p10: f64,
    /// Median over students (`NA` for `depressive`).
    #[serde(with = "super::na")]
    pub p50: f64,
    /// 90th percentile over students (`NA` for `depressive`).
    #[serde(with = "super::na")]
    pub p90: f64,
}

/// The rows of `trajectories.csv`: strategy × subgroup × week × outcome;
/// subgroups without students are left out. Each strategy's subgroups are
/// made on the threads of the current rayon pool, then put in order.
pub fn trajectory_rows(summary: &Summary) -> Vec<TrajectoryRow> {
    let pairs: Vec<(&StrategySummary, usize)> = summary
        .strategies
        .iter()
        .flat_map(|s| (0..SUBGROUPS.len()).map(move |g| (s, g)))
        .filter(|&(s, g)| s.n[g] != 0)
        .collect();
    pairs
        .par_iter()
        .flat_map_iter(|&(s, g)| subgroup_rows(s, g, summary.weeks))
        .collect()
}

/// The rows of `trajectories.csv` of one strategy and subgroup.
fn subgroup_rows(
    s: &StrategySummary,
    g: usize,
    weeks: usize,
) -> impl Iterator<Item = TrajectoryRow> + '_ {
    let sg = &SUBGROUPS[g];
    (0..weeks).flat_map(move |w| {
        OUTCOMES.iter().enumerate().map(move |(o, out)| {
            let (p10, p50, p90) = if out.binary {
                (f64::NAN, f64::NAN, f64::NAN)
            } else {
                let h = s.histogram(w, g, o);
                (quantile(h, 0.1), quantile(h, 0.5), quantile(h, 0.9))
            };
            TrajectoryRow {
                strategy: s.name.clone(),
                subgroup: sg.name.into(),
                week: w as u32,
                outcome: out.name.into(),
                mean: s.mean(w, g, o),
                p10,
                p50,
                p90,
            }
        })
    })
}

/// `trajectories.csv`: strategy × subgroup × week × outcome with mean and
/// the 10th, 50th and 90th percentiles over students (pooled over replicates).
pub fn trajectories_csv(summary: &Summary) -> Vec<u8> {
    to_csv(&trajectory_rows(summary))
}
