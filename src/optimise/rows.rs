//! The rows of `portfolios.csv` and `frontier.csv`, written and read
//! through these structs.

use serde::{Deserialize, Serialize};

/// One portfolio the search ran: `portfolios.csv`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PortfolioRow {
    /// Rank by mean gain among the portfolios that ran the most replicates
    /// (1 = best); `NA` for portfolios dropped earlier.
    #[serde(with = "crate::output::na")]
    pub rank: Option<u64>,
    /// The components, joined by `+`.
    pub portfolio: String,
    /// Number of components.
    pub components: u32,
    /// Each component's coverage and frequency, as
    /// `component.coverage=V;component.frequency=F` joined by `;`.
    pub settings: String,
    /// Money per student per year, estimated from the components alone
    /// before the portfolio ran.
    #[serde(with = "crate::output::na")]
    pub estimated_cost: f64,
    /// Money per student per year, simulated (mean over replicates).
    #[serde(with = "crate::output::na")]
    pub cost_per_student_year: f64,
    /// Teacher hours per class per term beyond usual practice, simulated.
    #[serde(with = "crate::output::na")]
    pub teacher_hours_per_class_term: f64,
    /// Mean gain over the baseline in the objective (positive is better).
    #[serde(with = "crate::output::na")]
    pub gain: f64,
    /// Lower end of the 95 % Monte Carlo interval of the gain.
    #[serde(with = "crate::output::na")]
    pub gain_lo: f64,
    /// Upper end of the 95 % Monte Carlo interval of the gain.
    #[serde(with = "crate::output::na")]
    pub gain_hi: f64,
    /// Replicates run.
    pub replicates: u32,
    /// `finalist`, `frontier` (run in full because it is on the cost–effect
    /// frontier), `tuned` (a finalist at the settings the settings search
    /// found), `dropped` (in round `dropped_in`) or `over_budget`.
    pub status: String,
    /// The round the portfolio was dropped in (0 = the screening round).
    #[serde(with = "crate::output::na")]
    pub dropped_in: Option<u64>,
    /// Whether it is on the cost–effect frontier of the portfolios run in full.
    pub on_frontier: bool,
    /// For finalists: the share of replicates in which it gains the most
    /// of the finalists. Without `--uncertainty` this is simulation noise
    /// only; with it, each replicate's parameter set is drawn from the
    /// posterior and shared by every portfolio, so it is the probability
    /// of being truly best under parameter uncertainty.
    #[serde(with = "crate::output::na")]
    pub p_best: f64,
}

/// One point of the cost–effect frontier: `frontier.csv`, cheapest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrontierRow {
    /// The components, joined by `+`.
    pub portfolio: String,
    /// Their settings, as in `portfolios.csv`.
    pub settings: String,
    /// Money per student per year, simulated.
    #[serde(with = "crate::output::na")]
    pub cost_per_student_year: f64,
    /// Teacher hours per class per term beyond usual practice, simulated.
    #[serde(with = "crate::output::na")]
    pub teacher_hours_per_class_term: f64,
    /// Mean gain in the objective.
    #[serde(with = "crate::output::na")]
    pub gain: f64,
    /// Lower end of its 95 % Monte Carlo interval.
    #[serde(with = "crate::output::na")]
    pub gain_lo: f64,
    /// Upper end of its 95 % Monte Carlo interval.
    #[serde(with = "crate::output::na")]
    pub gain_hi: f64,
    /// Extra gain per extra money over the previous point of the frontier
    /// (`NA` for the first).
    #[serde(with = "crate::output::na")]
    pub gain_per_money: f64,
    /// Replicates run.
    pub replicates: u32,
}
