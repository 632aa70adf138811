//! Equity: how a strategy changes the gap between two subgroups, replicate
//! by replicate, against the baseline in the same replicates.

use serde::{Deserialize, Serialize};

use super::effects::Moments;
use super::record::Record;
use crate::model::OUTCOMES;
use crate::population::{EQUITY_GAPS, subgroup_index};

/// One gap ([`EQUITY_GAPS`]) on one outcome for one strategy, over
/// replicates. A gap is the group's end-of-run mean minus the reference
/// group's, in the outcome's units.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GapAcc {
    /// The gap under the baseline.
    pub baseline: Moments,
    /// The gap under the strategy.
    pub strategy: Moments,
    /// Strategy's gap minus the baseline's (the strategy's effect on the
    /// group minus its effect on the reference group).
    pub change: Moments,
    /// Replicates in which the group gained strictly more than the
    /// reference (in the direction that is better for the outcome).
    pub group_gains_more: u64,
}

impl GapAcc {
    /// Adds another accumulator.
    pub fn merge(&mut self, o: &GapAcc) {
        self.baseline.merge(&o.baseline);
        self.strategy.merge(&o.strategy);
        self.change.merge(&o.change);
        self.group_gains_more += o.group_gains_more;
    }

    /// Share of replicates (0–1) in which the group gained more than the
    /// reference; NaN with no replicate holding both groups.
    pub fn p_group_gains_more(&self) -> f64 {
        if self.change.n == 0 {
            f64::NAN
        } else {
            self.group_gains_more as f64 / self.change.n as f64
        }
    }
}

/// Empty accumulators for every gap × outcome (`[gap][outcome]`).
pub fn empty_gaps() -> Vec<GapAcc> {
    vec![GapAcc::default(); EQUITY_GAPS.len() * OUTCOMES.len()]
}

/// Folds one replicate's gaps at week `w` into `acc` (`[gap][outcome]`),
/// strategy record `rec` against baseline record `base`. A replicate in
/// which either group has no students adds nothing.
pub fn fold_gaps(acc: &mut [GapAcc], rec: &Record, base: &Record, w: usize) {
    let o_len = OUTCOMES.len();
    for (k, gap) in EQUITY_GAPS.iter().enumerate() {
        let (Some(a), Some(b)) = (subgroup_index(gap.group), subgroup_index(gap.reference)) else {
            continue;
        };
        for (o, info) in OUTCOMES.iter().enumerate() {
            let (n_sa, m_sa, _) = rec.moments(w, a, o);
            let (n_sb, m_sb, _) = rec.moments(w, b, o);
            let (n_ba, m_ba, _) = base.moments(w, a, o);
            let (n_bb, m_bb, _) = base.moments(w, b, o);
            if n_sa == 0.0 || n_sb == 0.0 || n_ba == 0.0 || n_bb == 0.0 {
                continue;
            }
            let (strategy, baseline) = (m_sa - m_sb, m_ba - m_bb);
            let change = strategy - baseline;
            let e = &mut acc[k * o_len + o];
            e.baseline.push(baseline);
            e.strategy.push(strategy);
            e.change.push(change);
            let sign = if info.higher_is_better { 1.0 } else { -1.0 };
            if sign * change > 0.0 {
                e.group_gains_more += 1;
            }
        }
    }
}
