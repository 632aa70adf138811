//! `decision.csv`: cost-effectiveness of every strategy, the way health
//! economists report it (computed by `resilience_sim::decision`).

use serde::{Deserialize, Serialize};

/// One row of `decision.csv`: one strategy on one effect measure.
///
/// Costs are per student over the run, money plus teacher hours valued at
/// `economics.teacher_hour_cost`; effects are per student, against the
/// baseline; both discounted at `economics.discount_rate` for runs longer
/// than a year. Each replicate is one draw: its strategies share its
/// students and random numbers, so differences are paired.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionRow {
    /// `resilience_points` (points gained on the 0–100 scale) or
    /// `cases_averted` (students without depressive symptoms who would
    /// have had them under the baseline, per student).
    pub measure: String,
    /// Strategy name.
    pub strategy: String,
    /// `frontier`, `dominated` (another costs no more and does no less) or
    /// `extendedly_dominated` (a mix of two frontier strategies does better
    /// for the money).
    pub status: String,
    /// What dominates it: a strategy, or two frontier strategies joined by
    /// `+`; empty on the frontier.
    pub dominated_by: String,
    /// Expected cost per student.
    #[serde(with = "super::na")]
    pub cost: f64,
    /// Expected effect per student against the baseline.
    #[serde(with = "super::na")]
    pub effect: f64,
    /// Cost minus that of the previous strategy on the frontier (NA off
    /// the frontier and for the cheapest).
    #[serde(with = "super::na")]
    pub inc_cost: Option<f64>,
    /// Effect minus that of the previous strategy on the frontier.
    #[serde(with = "super::na")]
    pub inc_effect: Option<f64>,
    /// Incremental cost-effectiveness ratio: the cost of one more unit of
    /// effect when moving to this strategy from the previous one on the
    /// frontier.
    #[serde(with = "super::na")]
    pub icer: Option<f64>,
    /// The willingness to pay per unit of effect the next columns use
    /// (`economics.wtp_resilience_point` or `economics.wtp_case_averted`).
    #[serde(with = "super::na")]
    pub wtp: f64,
    /// Expected incremental net monetary benefit per student over the
    /// baseline at `wtp` (wtp × effect − cost): positive when the strategy
    /// is worth its extra cost.
    #[serde(with = "super::na")]
    pub inc_nmb: f64,
    /// 2.5 % percentile of the per-draw incremental NMB.
    #[serde(with = "super::na")]
    pub inc_nmb_lo: f64,
    /// 97.5 % percentile of the per-draw incremental NMB.
    #[serde(with = "super::na")]
    pub inc_nmb_hi: f64,
    /// Share of draws (0–1) in which the strategy has the highest net
    /// monetary benefit at `wtp`.
    #[serde(with = "super::na")]
    pub prob_best: f64,
    /// Draws the figures are over.
    pub draws: u64,
    /// What the draws vary: `replicates` (simulation noise only, the
    /// parameters fixed at the scenario's values), or
    /// `parameters+replicates` (`--uncertainty`: each replicate's fitted
    /// parameters drawn from the posterior as well).
    pub draws_vary: String,
}
