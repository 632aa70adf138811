//! `ceac.csv` and `evpi.csv` (runs with parameter uncertainty only): how
//! sure the choice of strategy is across a range of willingness to pay,
//! and what removing the parameters' uncertainty would be worth (computed
//! by `resilience_sim::decision`).

use serde::{Deserialize, Serialize};

/// One row of `ceac.csv`: one strategy at one willingness to pay on one
/// effect measure — a point of its cost-effectiveness acceptability curve.
///
/// Each replicate is one draw of a probabilistic sensitivity analysis: its
/// own parameter set drawn from the posterior, all strategies sharing it
/// and its random numbers. The rows with `on_frontier = 1` are the
/// acceptability frontier (Fenwick et al. 2001): at each willingness to
/// pay, the strategy with the highest expected net benefit and the
/// probability that it is best.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AcceptabilityRow {
    /// `resilience_points` (per resilience point gained per student) or
    /// `cases_averted` (per case of depressive symptoms averted).
    pub measure: String,
    /// Willingness to pay per unit of the measure (money, as costs).
    #[serde(with = "super::na")]
    pub wtp: f64,
    /// Strategy name.
    pub strategy: String,
    /// Share of draws (0–1) in which the strategy has the highest net
    /// monetary benefit at `wtp` (a draw tied between k strategies counts
    /// 1/k to each); the strategies' values sum to 1 at each `wtp`.
    #[serde(with = "super::na")]
    pub prob_best: f64,
    /// Expected net monetary benefit per student over the baseline at `wtp`
    /// (`wtp × effect − cost`, the baseline's effect being 0).
    #[serde(with = "super::na")]
    pub enmb: f64,
    /// `1` when the strategy has the highest expected net benefit at `wtp`
    /// (it is on the acceptability frontier), else `0`.
    #[serde(with = "super::na::flag")]
    pub on_frontier: bool,
    /// Draws (replicates, each with its own parameter set) the shares are over.
    pub draws: u64,
}

/// One row of `evpi.csv`: the expected value of perfect information at one
/// willingness to pay on one effect measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvpiFileRow {
    /// `resilience_points` or `cases_averted`, as in `ceac.csv`.
    pub measure: String,
    /// Willingness to pay per unit of the measure.
    #[serde(with = "super::na")]
    pub wtp: f64,
    /// The strategy chosen with current information: the highest expected
    /// net benefit at `wtp`.
    pub optimal: String,
    /// EVPI per student: the mean over draws of how much more net benefit
    /// the best strategy of the draw has than `optimal` (≥ 0; 0 when
    /// `optimal` is best in every draw), in money per student over the run.
    #[serde(with = "super::na")]
    pub evpi_per_student: f64,
    /// Students of the scenario (schools × classes × class size) the
    /// decision is for.
    pub students: u64,
    /// EVPI for the scenario's population: `evpi_per_student × students`,
    /// the most that resolving all parameter uncertainty could be worth
    /// for this decision.
    #[serde(with = "super::na")]
    pub evpi_population: f64,
    /// Draws the expectation is over.
    pub draws: u64,
}
