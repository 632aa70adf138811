//! `equity.csv`: how every strategy changes the gaps between subgroups.

use serde::{Deserialize, Serialize};

use super::tidy::to_csv;
use crate::model::OUTCOMES;
use crate::population::EQUITY_GAPS;
use crate::stats::Summary;

/// One row of `equity.csv`: a strategy's effect on one gap
/// (`population::EQUITY_GAPS`) on one outcome, against the baseline in the
/// same replicates. A gap is the group's end-of-run mean minus the reference
/// group's, in the outcome's units (for `depressive`, a difference of
/// prevalences).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EquityRow {
    /// Strategy name (as in the scenario).
    pub strategy: String,
    /// Gap name (`left_behind_vs_not_left_behind`, `rural_vs_urban`, …).
    pub gap: String,
    /// The group of concern (a subgroup of `effects.csv`).
    pub group: String,
    /// The group it is compared with.
    pub reference: String,
    /// Outcome name.
    pub outcome: String,
    /// The gap under the baseline (group − reference), averaged over replicates.
    #[serde(with = "super::na")]
    pub baseline_gap: f64,
    /// The gap under the strategy, averaged over replicates.
    #[serde(with = "super::na")]
    pub strategy_gap: f64,
    /// `strategy_gap - baseline_gap`: the strategy's effect on the group
    /// minus its effect on the reference group.
    #[serde(with = "super::na")]
    pub gap_change: f64,
    /// Lower end of the 95 % Monte Carlo interval of `gap_change`
    /// (Student's t over replicates).
    #[serde(with = "super::na")]
    pub gap_change_lo: f64,
    /// Upper end of the 95 % Monte Carlo interval of `gap_change`.
    #[serde(with = "super::na")]
    pub gap_change_hi: f64,
    /// Who the change favours: `group` when the whole interval says the
    /// group gains more than the reference (in the outcome's better
    /// direction), `reference` when it says the opposite, `neither` when
    /// the interval holds no change.
    pub favours: String,
    /// Share of replicates (0–1) in which the group gained strictly more.
    #[serde(with = "super::na")]
    pub p_group_gains_more: f64,
    /// Replicates in which both groups had students.
    pub replicates: u64,
}

/// The rows of `equity.csv`: strategy × gap × outcome, in scenario, gap and
/// outcome order; the baseline's rows show the gaps themselves (change 0);
/// gaps whose groups never both had students are left out.
pub fn equity_rows(summary: &Summary) -> Vec<EquityRow> {
    let o_len = OUTCOMES.len();
    let mut rows = Vec::new();
    for s in &summary.strategies {
        for (k, gap) in EQUITY_GAPS.iter().enumerate() {
            for (o, out) in OUTCOMES.iter().enumerate() {
                let e = &s.gaps[k * o_len + o];
                if e.change.n == 0 {
                    continue;
                }
                let (lo, hi) = e.change.interval();
                let sign = if out.higher_is_better { 1.0 } else { -1.0 };
                let (better_lo, better_hi) = if sign > 0.0 { (lo, hi) } else { (-hi, -lo) };
                let favours = if better_lo > 0.0 {
                    "group"
                } else if better_hi < 0.0 {
                    "reference"
                } else {
                    "neither"
                };
                rows.push(EquityRow {
                    strategy: s.name.clone(),
                    gap: gap.name.into(),
                    group: gap.group.into(),
                    reference: gap.reference.into(),
                    outcome: out.name.into(),
                    baseline_gap: e.baseline.mean(),
                    strategy_gap: e.strategy.mean(),
                    gap_change: e.change.mean(),
                    gap_change_lo: lo,
                    gap_change_hi: hi,
                    favours: favours.into(),
                    p_group_gains_more: e.p_group_gains_more(),
                    replicates: e.change.n,
                });
            }
        }
    }
    rows
}

/// `equity.csv`: one row per strategy × gap × outcome.
pub fn equity_csv(summary: &Summary) -> Vec<u8> {
    to_csv(&equity_rows(summary))
}
