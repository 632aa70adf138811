//! Uncertainty intervals: percentiles of per-draw values.
//!
//! An *uncertainty interval* is the 2.5–97.5 % percentile range of a
//! quantity over the parameter draws (Briggs et al. 2012 recommend reporting
//! such intervals from a probabilistic analysis). Unlike the Monte Carlo
//! interval of a mean it does not shrink as draws are added: it describes
//! what the parameters leave uncertain, not how precisely the mean is known.
//!
//! Percentiles follow Hyndman & Fan (1996) definition 7, R's `quantile`
//! default: for sorted values x₁ ≤ … ≤ xₙ and probability p, with
//! h = 1 + (n − 1)·p, the quantile is x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋₊₁ − x⌊h⌋),
//! computed with R's exact arithmetic so results match R to the last bit.

use super::psa::Outcomes;
pub use crate::stats::percentile::quantile;
use serde::{Deserialize, Serialize};

/// The probabilities of a 95 % uncertainty interval: 2.5 % and 97.5 %.
pub const UI_PROBS: [f64; 2] = [0.025, 0.975];

/// A lower and an upper percentile.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    /// The lower percentile.
    pub lo: f64,
    /// The upper percentile.
    pub hi: f64,
}

/// The percentile interval of `values` at the probabilities `probs`
/// (usually [`UI_PROBS`]); NaN bounds if there are no values or any is NaN.
pub fn percentile_interval(values: &[f64], probs: [f64; 2]) -> Interval {
    if values.iter().any(|v| v.is_nan()) {
        return Interval {
            lo: f64::NAN,
            hi: f64::NAN,
        };
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    Interval {
        lo: quantile(&sorted, probs[0]),
        hi: quantile(&sorted, probs[1]),
    }
}

/// A strategy's expected cost and effect increments over the comparator,
/// with their 95 % uncertainty intervals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Increment {
    /// The strategy.
    pub strategy: String,
    /// Mean over draws of the cost difference from the comparator.
    pub inc_cost: f64,
    /// 2.5 % percentile of the per-draw cost differences.
    pub inc_cost_lo: f64,
    /// 97.5 % percentile of the per-draw cost differences.
    pub inc_cost_hi: f64,
    /// Mean over draws of the effect difference from the comparator.
    pub inc_effect: f64,
    /// 2.5 % percentile of the per-draw effect differences.
    pub inc_effect_lo: f64,
    /// 97.5 % percentile of the per-draw effect differences.
    pub inc_effect_hi: f64,
}

/// Increments of every strategy over the comparator (zeros for the
/// comparator itself), in the order given. Differences are taken within each
/// draw — the strategies of a draw share parameters and random numbers — and
/// summarised by their mean and 2.5–97.5 % percentiles.
pub fn increments(o: &Outcomes) -> Vec<Increment> {
    let c = o.comparator();
    let draws = 0..o.draws();
    o.strategies()
        .iter()
        .enumerate()
        .map(|(s, name)| {
            let dc: Vec<f64> = draws.clone().map(|d| o.cost(d, s) - o.cost(d, c)).collect();
            let de: Vec<f64> = draws
                .clone()
                .map(|d| o.effect(d, s) - o.effect(d, c))
                .collect();
            let (ci, ei) = (
                percentile_interval(&dc, UI_PROBS),
                percentile_interval(&de, UI_PROBS),
            );
            Increment {
                strategy: name.clone(),
                inc_cost: mean(&dc),
                inc_cost_lo: ci.lo,
                inc_cost_hi: ci.hi,
                inc_effect: mean(&de),
                inc_effect_lo: ei.lo,
                inc_effect_hi: ei.hi,
            }
        })
        .collect()
}

/// Mean of a vector, summed in order.
fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decision::Psa;
    use proptest::prelude::*;

    /// Values from R 4.2.2, printed with `sprintf("%.17g", …)`:
    /// `quantile(c(3.2, -1.5, 7.8, 0.4, 2.2, 9.1, -0.3, 4.4, 5.0, 1.1, 6.6),
    /// c(0.025, 0.25, 0.5, 0.9, 0.975), type = 7)` gives
    /// -1.2 0.75 3.2000000000000002 7.7999999999999998 8.7749999999999986
    /// (the same doubles as the literals 3.2, 7.8, 8.774999999999999), and
    /// `quantile(c(10, 20, 30, 40), c(0, 0.025, 0.25, 0.975, 1))` gives
    /// 10 10.75 17.5 39.25 40.
    #[test]
    fn quantiles_match_r_type_7() {
        let x = [3.2, -1.5, 7.8, 0.4, 2.2, 9.1, -0.3, 4.4, 5.0, 1.1, 6.6];
        let mut sorted = x.to_vec();
        sorted.sort_by(f64::total_cmp);
        let got: Vec<f64> = [0.025, 0.25, 0.5, 0.9, 0.975]
            .iter()
            .map(|&p| quantile(&sorted, p))
            .collect();
        assert_eq!(got, vec![-1.2, 0.75, 3.2, 7.8, 8.774_999_999_999_999]);
        let y = [10.0, 20.0, 30.0, 40.0];
        let got: Vec<f64> = [0.0, 0.025, 0.25, 0.975, 1.0]
            .iter()
            .map(|&p| quantile(&y, p))
            .collect();
        assert_eq!(got, vec![10.0, 10.75, 17.5, 39.25, 40.0]);
        let ui = percentile_interval(&x, UI_PROBS);
        assert_eq!((ui.lo, ui.hi), (-1.2, 8.774_999_999_999_999));
    }

    #[test]
    fn degenerate_inputs_give_nan_or_the_value() {
        assert!(quantile(&[], 0.5).is_nan());
        assert!(quantile(&[1.0], 1.5).is_nan());
        assert_eq!(quantile(&[7.0], 0.975), 7.0);
        let ui = percentile_interval(&[1.0, f64::NAN], UI_PROBS);
        assert!(ui.lo.is_nan() && ui.hi.is_nan());
    }

    /// Worked by hand: comparator costs 0 and effects 0; "book" costs 1, 2,
    /// 3, 4, 5 and gains 0.5, 0.1, 0.3, 0.2, 0.4 points in five draws. The
    /// cost increments have mean 3 and 2.5/97.5 % percentiles 1.1 and 4.9
    /// (h = 1 + 4·0.025 = 1.1: 1 + 0.1·1; h = 4.9: 4 + 0.9·1); the effect
    /// increments mean 0.3, percentiles 0.11 and 0.49.
    #[test]
    fn increments_by_hand() {
        let names = vec!["usual".to_string(), "book".to_string()];
        let cost = vec![0.0, 1.0, 0.0, 2.0, 0.0, 3.0, 0.0, 4.0, 0.0, 5.0];
        let effect = vec![0.0, 0.5, 0.0, 0.1, 0.0, 0.3, 0.0, 0.2, 0.0, 0.4];
        let mut p = Psa::new(names, "usual", 5, cost).unwrap();
        p.add_effect("points", effect).unwrap();
        let rows = increments(&p.outcomes("points").unwrap());
        assert_eq!(rows[0].strategy, "usual");
        assert_eq!((rows[0].inc_cost, rows[0].inc_effect_hi), (0.0, 0.0));
        let b = &rows[1];
        assert_eq!(b.inc_cost, 3.0);
        assert!((b.inc_cost_lo - 1.1).abs() < 1e-12 && (b.inc_cost_hi - 4.9).abs() < 1e-12);
        assert!((b.inc_effect - 0.3).abs() < 1e-12);
        assert!((b.inc_effect_lo - 0.11).abs() < 1e-12 && (b.inc_effect_hi - 0.49).abs() < 1e-12);
    }

    proptest! {
        #[test]
        fn quantiles_are_monotone_and_within_range(
            mut v in prop::collection::vec(-1e6f64..1e6, 1..40),
            p in 0.0f64..=1.0,
            q in 0.0f64..=1.0,
        ) {
            v.sort_by(f64::total_cmp);
            let (a, b) = (quantile(&v, p.min(q)), quantile(&v, p.max(q)));
            // Interpolation may round by an ulp or so.
            let tol = 1e-9;
            prop_assert!(a <= b + tol);
            prop_assert!(v[0] - tol <= a && b <= v[v.len() - 1] + tol);
            prop_assert_eq!(quantile(&v, 0.0), v[0]);
            prop_assert_eq!(quantile(&v, 1.0), v[v.len() - 1]);
        }
    }
}
