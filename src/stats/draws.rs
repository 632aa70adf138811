//! Per-replicate results of every strategy, kept for decision analysis:
//! each replicate is one draw of a probabilistic sensitivity analysis
//! (cost and effects per student, strategies paired by common random
//! numbers).

use serde::{Deserialize, Serialize};

use super::record::Record;
use crate::model::OUTCOMES;

/// One replicate's cost and outcomes per student, for every strategy in
/// scenario order. Values are the replicate's own means over all students.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draw {
    /// Replicate index (draws are kept in replicate order).
    pub replicate: u32,
    /// Money spent per student over the run.
    pub cost: Vec<f64>,
    /// Teacher hours per student over the run.
    pub teacher_hours: Vec<f64>,
    /// End-of-run mean resilience (0–100).
    pub resilience: Vec<f64>,
    /// End-of-run share with depressive symptoms (0–1).
    pub depressive: Vec<f64>,
    /// The replicate's difference from the baseline (strategy − baseline
    /// mean at the end of the run) of every strategy, subgroup and outcome,
    /// at `(strategy × subgroups + subgroup) × outcomes + outcome`; `None`
    /// where the subgroup had no students. The uncertainty interval of
    /// `effects.csv` is their percentiles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub effects: Vec<Option<f64>>,
}

/// The index of outcome `name` in [`OUTCOMES`].
fn outcome(name: &str) -> usize {
    OUTCOMES
        .iter()
        .position(|o| o.name == name)
        .expect("a named outcome")
}

impl Draw {
    /// The draw of replicate `replicate` from its records (one per strategy)
    /// at the last recorded week `last`; subgroup 0 is every student.
    pub fn of(replicate: u32, records: &[Record], last: usize) -> Draw {
        let (res, dep) = (outcome("resilience"), outcome("depressive"));
        let students = |r: &Record| (r.n[0] as f64).max(1.0);
        Draw {
            replicate,
            cost: records.iter().map(|r| r.cost / students(r)).collect(),
            teacher_hours: records
                .iter()
                .map(|r| r.teacher_hours.iter().sum::<f64>() / students(r))
                .collect(),
            resilience: records.iter().map(|r| r.moments(last, 0, res).1).collect(),
            depressive: records.iter().map(|r| r.moments(last, 0, dep).1).collect(),
            effects: Vec::new(),
        }
    }
}

/// Inserts `draw` into `draws`, kept in replicate order (so summaries of
/// shards merge into the order of one run).
pub fn insert(draws: &mut Vec<Draw>, draw: Draw) {
    let at = draws.partition_point(|d| d.replicate < draw.replicate);
    draws.insert(at, draw);
}
