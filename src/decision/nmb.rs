//! Net monetary benefit.
//!
//! At a willingness to pay λ (money per effect unit), a strategy's net
//! monetary benefit is `NMB = λ·E − C`: its effect valued in money, less its
//! cost. Among mutually exclusive strategies the one with the highest
//! expected NMB is optimal at λ — the decision rule equivalent to comparing
//! ICERs along the frontier with λ (Claxton 1999, "The irrelevance of
//! inference"; hesim and BCEA use the same definition).

use super::interval::percentile_interval;
use super::psa::Outcomes;
use super::{DecisionError, UI_PROBS, check_wtps};
use serde::{Deserialize, Serialize};

/// Net monetary benefit `wtp · effect − cost`.
pub fn nmb(cost: f64, effect: f64, wtp: f64) -> f64 {
    wtp * effect - cost
}

/// Net monetary benefit of every strategy in every draw at `wtp`,
/// draw-major like the [`Psa`](super::Psa) (index `d · S + s`).
pub fn net_benefit(o: &Outcomes, wtp: f64) -> Vec<f64> {
    let n = o.strategies().len();
    (0..o.draws() * n)
        .map(|i| nmb(o.cost(i / n, i % n), o.effect(i / n, i % n), wtp))
        .collect()
}

/// Expected net monetary benefit of one strategy at one willingness to pay,
/// with its increment over the comparator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NmbRow {
    /// Willingness to pay per effect unit (λ).
    pub wtp: f64,
    /// The strategy.
    pub strategy: String,
    /// Expected net monetary benefit per student, the mean of λ·E − C over
    /// draws.
    pub enmb: f64,
    /// Expected incremental NMB over the comparator (0 for the comparator):
    /// positive when the strategy is worth its extra cost at λ.
    pub inc_nmb: f64,
    /// 2.5 % percentile of the per-draw incremental NMB (paired by draw).
    pub inc_nmb_lo: f64,
    /// 97.5 % percentile of the per-draw incremental NMB.
    pub inc_nmb_hi: f64,
}

/// Expected NMB per student of every strategy at every willingness to pay,
/// with the expected incremental NMB over the comparator and its 95 %
/// uncertainty interval (percentiles of the per-draw increments, type 7).
/// Rows are λ-major, strategies in the order given.
pub fn expected_nmb(o: &Outcomes, wtps: &[f64]) -> Result<Vec<NmbRow>, DecisionError> {
    check_wtps(wtps)?;
    let n = o.strategies().len();
    let c = o.comparator();
    let mut rows = Vec::with_capacity(wtps.len() * n);
    for &wtp in wtps {
        let nb = net_benefit(o, wtp);
        let enmb = means(&nb, n);
        for (s, name) in o.strategies().iter().enumerate() {
            let inc: Vec<f64> = nb.chunks_exact(n).map(|d| d[s] - d[c]).collect();
            let ui = percentile_interval(&inc, UI_PROBS);
            rows.push(NmbRow {
                wtp,
                strategy: name.clone(),
                enmb: enmb[s],
                inc_nmb: mean(&inc),
                inc_nmb_lo: ui.lo,
                inc_nmb_hi: ui.hi,
            });
        }
    }
    Ok(rows)
}

/// Mean of each column of a draw-major matrix with `n` columns, summed in
/// draw order.
pub(super) fn means(values: &[f64], n: usize) -> Vec<f64> {
    let mut sums = vec![0.0; n];
    for row in values.chunks_exact(n) {
        for (sum, v) in sums.iter_mut().zip(row) {
            *sum += v;
        }
    }
    let draws = (values.len() / n) as f64;
    sums.iter().map(|s| s / draws).collect()
}

/// Mean of a vector, summed in order.
fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

/// The strategy with the highest expected NMB. Ties (exactly equal expected
/// NMB) go to the comparator if it is among them, else to the one with the
/// lower expected cost, else to the name that sorts first — so the choice
/// does not depend on the order strategies are given in, and a planner is
/// never told to switch from usual practice for no gain.
pub(super) fn optimal(
    enmb: &[f64],
    mean_cost: &[f64],
    comparator: usize,
    names: &[String],
) -> usize {
    let best = enmb.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    if enmb[comparator] == best {
        return comparator;
    }
    (0..enmb.len())
        .filter(|&s| enmb[s] == best)
        .min_by(|&a, &b| {
            mean_cost[a]
                .total_cmp(&mean_cost[b])
                .then_with(|| names[a].cmp(&names[b]))
        })
        .expect("at least one strategy has the highest expected NMB")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decision::Psa;

    #[test]
    fn nmb_values_effects_in_money_less_cost() {
        // 2 resilience points at 50 per point, costing 30: 2·50 − 30 = 70.
        assert_eq!(nmb(30.0, 2.0, 50.0), 70.0);
        assert_eq!(nmb(30.0, 2.0, 0.0), -30.0);
    }

    /// Worked by hand: two draws, comparator "usual" (cost 0, effect 0) and
    /// "book" (costs 10 and 30, effects 1 and 2). At λ = 20 the NMB of book
    /// is 20·1 − 10 = 10 and 20·2 − 30 = 10, so 10 expected; at λ = 0 it is
    /// −10 and −30, so −20 expected, with the increments' 2.5–97.5 %
    /// percentiles −29.5 and −10.5 (type 7: −30 + 0.025·20, −30 + 0.975·20).
    #[test]
    fn expected_and_incremental_nmb_by_hand() {
        let names = vec!["usual".to_string(), "book".to_string()];
        let mut psa = Psa::new(names, "usual", 2, vec![0.0, 10.0, 0.0, 30.0]).unwrap();
        psa.add_effect("points", vec![0.0, 1.0, 0.0, 2.0]).unwrap();
        let o = psa.outcomes("points").unwrap();
        assert_eq!(net_benefit(&o, 20.0), vec![0.0, 10.0, 0.0, 10.0]);
        let rows = expected_nmb(&o, &[0.0, 20.0]).unwrap();
        assert_eq!(rows.len(), 4);
        let book0 = &rows[1];
        assert_eq!((book0.wtp, book0.strategy.as_str()), (0.0, "book"));
        assert_eq!((book0.enmb, book0.inc_nmb), (-20.0, -20.0));
        assert!((book0.inc_nmb_lo + 29.5).abs() < 1e-12);
        assert!((book0.inc_nmb_hi + 10.5).abs() < 1e-12);
        let book20 = &rows[3];
        assert_eq!(
            (book20.enmb, book20.inc_nmb, book20.inc_nmb_lo),
            (10.0, 10.0, 10.0)
        );
        let usual20 = &rows[2];
        assert_eq!(
            (usual20.enmb, usual20.inc_nmb, usual20.inc_nmb_hi),
            (0.0, 0.0, 0.0)
        );
        assert!(expected_nmb(&o, &[f64::NAN]).is_err());
        assert!(expected_nmb(&o, &[-1.0]).is_err());
    }

    #[test]
    fn ties_in_expected_nmb_follow_the_documented_order() {
        let names: Vec<String> = ["b", "a", "usual"].iter().map(|s| s.to_string()).collect();
        // All tied: the comparator (index 2) wins.
        assert_eq!(optimal(&[1.0, 1.0, 1.0], &[5.0, 5.0, 0.0], 2, &names), 2);
        // Comparator not tied: the cheaper, then the name first in order.
        assert_eq!(optimal(&[1.0, 1.0, 0.0], &[4.0, 5.0, 0.0], 2, &names), 0);
        assert_eq!(optimal(&[1.0, 1.0, 0.0], &[5.0, 5.0, 0.0], 2, &names), 1);
        assert_eq!(optimal(&[0.0, 2.0, 1.0], &[0.0, 9.0, 0.0], 2, &names), 1);
    }
}
