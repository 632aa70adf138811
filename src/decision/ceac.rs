//! Cost-effectiveness acceptability curves (CEAC) and frontier (CEAF).
//!
//! For each willingness to pay λ, the **CEAC** of a strategy is the
//! probability, over the parameter draws, that it has the highest net
//! monetary benefit — the share of draws in which it is best. The curves of
//! all strategies sum to 1 at every λ.
//!
//! The **CEAF** (Fenwick et al. 2001) follows, at each λ, the
//! strategy with the highest *expected* NMB — the one a decision maker should
//! choose — and shows the probability that it is best. It is not the upper
//! envelope of the CEACs: with skewed net benefits the optimal strategy can
//! be best in fewer draws than another (BCEA 2.4.8 changed its CEAF to this
//! definition; dampack marks the same strategy `On_Frontier`).
//!
//! **Ties within a draw.** When k strategies share the highest NMB in a
//! draw (exactly equal, as two strategies with equal costs at λ = 0), each is
//! credited 1/k of that draw. This keeps the curves summing to 1 and
//! independent of the order strategies are given in (BCEA credits the first
//! listed; dampack picks one at random). Ties in *expected* NMB are resolved
//! as in [`expected_nmb`](super::expected_nmb)'s optimal choice: the
//! comparator, else the cheaper, else by name.

use super::nmb::{means, net_benefit, optimal};
use super::psa::Outcomes;
use super::{DecisionError, check_range, check_wtps};
use serde::{Deserialize, Serialize};

/// One point of one strategy's acceptability curve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CeacRow {
    /// Willingness to pay per effect unit (λ).
    pub wtp: f64,
    /// The strategy.
    pub strategy: String,
    /// Share of draws in which the strategy has the highest NMB (ties split).
    pub prob_best: f64,
    /// Expected net monetary benefit per student at λ.
    pub enmb: f64,
    /// Whether the strategy has the highest expected NMB at λ (is on the
    /// acceptability frontier).
    pub on_frontier: bool,
}

/// One point of the acceptability frontier: the optimal strategy at λ and
/// the probability that it is best.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CeafRow {
    /// Willingness to pay per effect unit (λ).
    pub wtp: f64,
    /// The strategy with the highest expected NMB.
    pub strategy: String,
    /// Share of draws in which it has the highest NMB (ties split).
    pub prob_best: f64,
    /// Its expected net monetary benefit per student.
    pub enmb: f64,
}

/// The acceptability curves of every strategy at every willingness to pay
/// (λ-major, strategies in the order given), with the frontier marked.
pub fn ceac(o: &Outcomes, wtps: &[f64]) -> Result<Vec<CeacRow>, DecisionError> {
    check_wtps(wtps)?;
    let names = o.strategies();
    let n = names.len();
    let mean_cost = o.mean_costs();
    let mut rows = Vec::with_capacity(wtps.len() * n);
    for &wtp in wtps {
        let nb = net_benefit(o, wtp);
        let prob = best_shares(&nb, n);
        let enmb = means(&nb, n);
        let best = optimal(&enmb, &mean_cost, o.comparator(), names);
        rows.extend((0..n).map(|s| CeacRow {
            wtp,
            strategy: names[s].clone(),
            prob_best: prob[s],
            enmb: enmb[s],
            on_frontier: s == best,
        }));
    }
    Ok(rows)
}

/// The acceptability frontier at every willingness to pay: the rows of
/// [`ceac`] on the frontier.
pub fn ceaf(o: &Outcomes, wtps: &[f64]) -> Result<Vec<CeafRow>, DecisionError> {
    Ok(ceac(o, wtps)?
        .into_iter()
        .filter(|r| r.on_frontier)
        .map(|r| CeafRow {
            wtp: r.wtp,
            strategy: r.strategy,
            prob_best: r.prob_best,
            enmb: r.enmb,
        })
        .collect())
}

/// `points` evenly spaced willingness-to-pay values from 0 to `max`
/// inclusive, for curves.
pub fn wtp_grid(max: f64, points: usize) -> Result<Vec<f64>, DecisionError> {
    check_range(
        "largest willingness to pay",
        max,
        0.0,
        f64::MAX,
        "finite and ≥ 0",
    )?;
    check_range(
        "number of willingness-to-pay points",
        points as f64,
        2.0,
        f64::MAX,
        "at least 2",
    )?;
    let last = points - 1;
    Ok((0..points)
        .map(|i| {
            if i == last {
                max
            } else {
                max * i as f64 / last as f64
            }
        })
        .collect())
}

/// Share of draws in which each strategy has the highest value, a draw tied
/// between k strategies counting 1/k to each. `values` is draw-major with
/// `n` columns.
pub(super) fn best_shares(values: &[f64], n: usize) -> Vec<f64> {
    let draws = values.len() / n;
    let mut wins = vec![0u64; n];
    let mut shared = vec![0.0; n];
    for row in values.chunks_exact(n) {
        let top = row.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        let tied = row.iter().filter(|&&v| v == top).count();
        for (s, &v) in row.iter().enumerate() {
            if v == top {
                if tied == 1 {
                    wins[s] += 1;
                } else {
                    shared[s] += 1.0 / tied as f64;
                }
            }
        }
    }
    (0..n)
        .map(|s| (wins[s] as f64 + shared[s]) / draws as f64)
        .collect()
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::decision::Psa;
    use proptest::prelude::*;

    fn psa(names: &[&str], comparator: &str, cost: Vec<f64>, effect: Vec<f64>) -> Psa {
        let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        let draws = cost.len() / names.len();
        let mut p = Psa::new(names, comparator, draws, cost).unwrap();
        p.add_effect("e", effect).unwrap();
        p
    }

    /// The ten outer-loop iterations of the EVPI example in Table 1 of
    /// PMC4323782 (pmc.ncbi.nlm.nih.gov/articles/PMC4323782, table tbl01):
    /// warfarin vs a left atrial appendage (LAA) occlusion device, cost and
    /// NMB at λ = $100 000/QALY per iteration. The table's QALYs are rounded
    /// to 2 decimals, so effects are recovered as (NMB + cost)/λ.
    pub(crate) fn laa_example() -> Psa {
        let warfarin = [
            (19688.0, 438601.6),
            (19881.7, 437745.5),
            (20766.8, 433453.8),
            (20168.7, 435035.0),
            (20220.2, 437617.4),
            (20343.2, 435430.2),
            (20780.0, 434030.5),
            (20961.1, 433893.7),
            (20019.8, 435033.6),
            (19700.8, 437555.7),
        ];
        let laa = [
            (32138.6, 419543.2),
            (20514.9, 463363.4),
            (19104.7, 467280.0),
            (26638.2, 440207.7),
            (24538.2, 449992.3),
            (25111.0, 445595.7),
            (31271.0, 424200.5),
            (28563.7, 435406.7),
            (27927.6, 434547.6),
            (21898.9, 457368.1),
        ];
        let mut cost = Vec::new();
        let mut effect = Vec::new();
        for (w, l) in warfarin.iter().zip(&laa) {
            cost.extend([w.0, l.0]);
            effect.extend([(w.1 + w.0) / 1e5, (l.1 + l.0) / 1e5]);
        }
        psa(&["warfarin", "laa"], "warfarin", cost, effect)
    }

    /// The table's "optimal choice" column: LAA occlusion is best in 7 of 10
    /// iterations at $100 000/QALY and has the higher expected NMB
    /// ($443 750.50 vs $435 839.70, rounded in the table), so the CEAF at
    /// that λ is LAA occlusion with probability 0.7.
    #[test]
    fn laa_example_acceptability_at_100k() {
        let p = laa_example();
        let o = p.outcomes("e").unwrap();
        let rows = ceac(&o, &[100_000.0]).unwrap();
        assert_eq!(rows[0].strategy, "warfarin");
        assert!((rows[0].prob_best - 0.3).abs() < 1e-12);
        assert!((rows[1].prob_best - 0.7).abs() < 1e-12);
        assert!((rows[0].enmb - 435_839.70).abs() < 0.05);
        assert!((rows[1].enmb - 443_750.50).abs() < 0.05);
        let front = ceaf(&o, &[100_000.0]).unwrap();
        assert_eq!(front.len(), 1);
        assert_eq!(front[0].strategy, "laa");
        assert!((front[0].prob_best - 0.7).abs() < 1e-12);
        // At λ = 0 only cost counts: warfarin is cheaper in 9 of 10
        // iterations (LAA only in iteration 3), and cheaper on average.
        let front = ceaf(&o, &[0.0]).unwrap();
        assert_eq!(front[0].strategy, "warfarin");
        assert!((front[0].prob_best - 0.9).abs() < 1e-12);
    }

    /// Worked by hand: three strategies over four draws, where the optimal
    /// strategy on average is not the one most often best. At λ = 1:
    /// A's NMB is 0 in every draw; B's is 1, 1, 1, −9 (mean −1.5);
    /// C's is 0.5, 0.5, 0.5, 5 (mean 1.625). B is best in draws 1–3,
    /// C in draw 4: CEAC B 0.75, C 0.25, A 0; CEAF C with 0.25.
    #[test]
    fn ceaf_follows_expected_nmb_not_the_highest_curve() {
        let p = psa(
            &["A", "B", "C"],
            "A",
            vec![0.0, 1.0, 1.5, 0.0, 1.0, 1.5, 0.0, 1.0, 1.5, 0.0, 10.0, 1.0],
            vec![0.0, 2.0, 2.0, 0.0, 2.0, 2.0, 0.0, 2.0, 2.0, 0.0, 1.0, 6.0],
        );
        let o = p.outcomes("e").unwrap();
        let rows = ceac(&o, &[1.0]).unwrap();
        let probs: Vec<f64> = rows.iter().map(|r| r.prob_best).collect();
        assert_eq!(probs, vec![0.0, 0.75, 0.25]);
        let enmb: Vec<f64> = rows.iter().map(|r| r.enmb).collect();
        assert_eq!(enmb, vec![0.0, -1.5, 1.625]);
        let front = ceaf(&o, &[1.0]).unwrap();
        assert_eq!(
            (front[0].strategy.as_str(), front[0].prob_best),
            ("C", 0.25)
        );
    }

    /// Ties within a draw are split: at λ = 0 two free strategies tie in
    /// every draw (½ each); the comparator wins the tie in expected NMB.
    /// At λ = 10, draw 1 ties all three (NMB 0) and draw 2 is won by B alone.
    #[test]
    fn tied_draws_are_shared_equally() {
        let p = psa(
            &["usual", "B", "C"],
            "usual",
            vec![0.0, 0.0, 10.0, 0.0, 0.0, 10.0],
            vec![0.0, 0.0, 1.0, 0.0, 1.0, 0.5],
        );
        let o = p.outcomes("e").unwrap();
        let rows = ceac(&o, &[0.0, 10.0]).unwrap();
        let p0: Vec<f64> = rows[..3].iter().map(|r| r.prob_best).collect();
        assert_eq!(p0, vec![0.5, 0.5, 0.0]);
        assert!(rows[0].on_frontier && !rows[1].on_frontier);
        let p10: Vec<f64> = rows[3..].iter().map(|r| r.prob_best).collect();
        for (got, want) in p10.iter().zip([1.0 / 6.0, 2.0 / 3.0, 1.0 / 6.0]) {
            assert!((got - want).abs() < 1e-15, "{p10:?}");
        }
    }

    #[test]
    fn wtp_grid_is_even_and_ends_at_max() {
        assert_eq!(
            wtp_grid(100.0, 5).unwrap(),
            vec![0.0, 25.0, 50.0, 75.0, 100.0]
        );
        assert_eq!(*wtp_grid(0.3, 4).unwrap().last().unwrap(), 0.3);
        let e = wtp_grid(100.0, 1).unwrap_err();
        assert_eq!(
            e.to_string(),
            "number of willingness-to-pay points is 1; valid: at least 2"
        );
        assert!(wtp_grid(f64::NAN, 3).is_err());
    }

    proptest! {
        #[test]
        fn curves_are_probabilities_that_sum_to_one(
            s in 1usize..5,
            draws in 1usize..12,
            seed in any::<u64>(),
            wtps in prop::collection::vec(0.0f64..50.0, 1..4),
        ) {
            // Small integer grids make ties within draws frequent.
            let mut x = seed;
            let mut next = || {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                ((x >> 40) % 7) as f64
            };
            let cost: Vec<f64> = (0..s * draws).map(|_| next() * 10.0).collect();
            let effect: Vec<f64> = (0..s * draws).map(|_| next()).collect();
            let names: Vec<String> = (0..s).map(|i| format!("s{i}")).collect();
            let refs: Vec<&str> = names.iter().map(String::as_str).collect();
            let p = psa(&refs, "s0", cost.clone(), effect.clone());
            let o = p.outcomes("e").unwrap();
            let rows = ceac(&o, &wtps).unwrap();
            for chunk in rows.chunks(s) {
                let total: f64 = chunk.iter().map(|r| r.prob_best).sum();
                prop_assert!((total - 1.0).abs() < 1e-12);
                prop_assert!(chunk.iter().all(|r| (0.0..=1.0).contains(&r.prob_best)));
                prop_assert_eq!(chunk.iter().filter(|r| r.on_frontier).count(), 1);
            }
            // Reversing the strategies (comparator kept) gives the same
            // value for every strategy.
            let rev: Vec<usize> = (0..s).rev().collect();
            let pick = |v: &[f64]| -> Vec<f64> {
                v.chunks(s).flat_map(|d| rev.iter().map(|&i| d[i]).collect::<Vec<_>>()).collect()
            };
            let rnames: Vec<&str> = rev.iter().map(|&i| refs[i]).collect();
            let q = psa(&rnames, "s0", pick(&cost), pick(&effect));
            let qo = q.outcomes("e").unwrap();
            let mut a = rows.clone();
            let mut b = ceac(&qo, &wtps).unwrap();
            let key = |r: &CeacRow| (r.wtp.to_bits(), r.strategy.clone());
            a.sort_by_key(key);
            b.sort_by_key(key);
            prop_assert_eq!(a, b);
        }
    }
}
