//! `effects.csv`: the effect of every strategy against the baseline.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::tidy::to_csv;
use crate::model::OUTCOMES;
use crate::population::SUBGROUPS;
use crate::stats::Summary;

/// One row of `effects.csv`: a strategy's end-of-run effect on one outcome in
/// one subgroup, against the baseline strategy in the same replicates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EffectRow {
    /// Strategy name (as in the scenario).
    pub strategy: String,
    /// Subgroup name (`all`, `rural`, `left_behind`, …).
    pub subgroup: String,
    /// Outcome name (`resilience`, `distress`, `depressive`, …).
    pub outcome: String,
    /// Students in the subgroup per replicate (a mean over replicates).
    #[serde(with = "super::na")]
    pub students: f64,
    /// End-of-run mean of the outcome under the strategy, in the outcome's
    /// units (0–100 scales; for `depressive` a prevalence, 0–1).
    #[serde(with = "super::na")]
    pub mean: f64,
    /// End-of-run mean under the baseline, same units.
    #[serde(with = "super::na")]
    pub baseline_mean: f64,
    /// `mean - baseline_mean` (strategy − baseline, the outcome's units),
    /// averaged over replicates.
    #[serde(with = "super::na")]
    pub diff: f64,
    /// Lower end of the 95 % Monte Carlo interval of `diff`.
    #[serde(with = "super::na")]
    pub diff_lo: f64,
    /// Upper end of the 95 % Monte Carlo interval of `diff`.
    #[serde(with = "super::na")]
    pub diff_hi: f64,
    /// 2.5 % percentile of the per-replicate differences: the lower end of
    /// the 95 % uncertainty interval, which does not shrink as replicates
    /// are added. What it covers is `spread_of`.
    #[serde(with = "super::na")]
    pub diff_ui_lo: f64,
    /// 97.5 % percentile of the per-replicate differences.
    #[serde(with = "super::na")]
    pub diff_ui_hi: f64,
    /// What the spread of `diff_ui_lo`–`diff_ui_hi` covers:
    /// `parameters+chance` when each replicate drew its parameters from the
    /// posterior (`--uncertainty`: the uncertainty interval), `chance` when
    /// every replicate ran the same parameters (the spread between
    /// synthetic populations and event histories of this size only; not an
    /// uncertainty interval).
    pub spread_of: String,
    /// Hedges' g of the end-of-run student distribution against the
    /// baseline, averaged over replicates; signed so that improvement is
    /// positive (less distress is a positive g). Column `hedges_g`.
    #[serde(rename = "hedges_g", with = "super::na")]
    pub g: f64,
    /// Lower end of the 95 % Monte Carlo interval of g (mean − t SE over
    /// replicates, t the 97.5 % quantile of Student's t with replicates − 1
    /// degrees of freedom).
    #[serde(with = "super::na")]
    pub g_lo: f64,
    /// Upper end of the 95 % Monte Carlo interval of g.
    #[serde(with = "super::na")]
    pub g_hi: f64,
    /// Standard deviation of g between replicates.
    #[serde(with = "super::na")]
    pub g_sd: f64,
    /// Share of replicates (0–1) in which the strategy was strictly better
    /// than the baseline.
    #[serde(with = "super::na")]
    pub p_better: f64,
    /// Replicates the effect is averaged over.
    pub replicates: u64,
}

/// The rows of `effects.csv`: strategy × subgroup × outcome, in scenario,
/// subgroup and outcome order; subgroups without students are left out.
pub fn effect_rows(summary: &Summary) -> Vec<EffectRow> {
    let spread_of = if summary.parameters_drawn {
        "parameters+chance"
    } else {
        "chance"
    };
    // Each strategy's rows on the threads of the current rayon pool, in order.
    let per_strategy: Vec<Vec<EffectRow>> = (0..summary.strategies.len())
        .into_par_iter()
        .map(|k| strategy_effect_rows(summary, k, spread_of))
        .collect();
    per_strategy.concat()
}

/// The rows of `effects.csv` of strategy `k`.
fn strategy_effect_rows(summary: &Summary, k: usize, spread_of: &str) -> Vec<EffectRow> {
    let o_len = OUTCOMES.len();
    let s = &summary.strategies[k];
    let mut rows = Vec::new();
    for (g, sg) in SUBGROUPS.iter().enumerate() {
        for (o, out) in OUTCOMES.iter().enumerate() {
            let e = &s.effects[g * o_len + o];
            if e.g.n == 0 {
                continue;
            }
            let (diff_lo, diff_hi) = e.diff.interval();
            let (g_lo, g_hi) = e.g.interval();
            let (diff_ui_lo, diff_ui_hi) = summary.effect_percentiles(k, g, o);
            let reps = e.g.n as f64;
            rows.push(EffectRow {
                strategy: s.name.clone(),
                subgroup: sg.name.into(),
                outcome: out.name.into(),
                students: e.students as f64 / reps,
                mean: e.mean.mean(),
                baseline_mean: e.baseline_mean.mean(),
                diff: e.diff.mean(),
                diff_lo,
                diff_hi,
                diff_ui_lo,
                diff_ui_hi,
                spread_of: spread_of.into(),
                g: e.g.mean(),
                g_lo,
                g_hi,
                g_sd: e.g.sd(),
                p_better: e.p_better(),
                replicates: e.g.n,
            });
        }
    }
    rows
}

/// `effects.csv`: one row per strategy × subgroup × outcome.
pub fn effects_csv(summary: &Summary) -> Vec<u8> {
    to_csv(&effect_rows(summary))
}
