//! The efficiency frontier and incremental cost-effectiveness ratios.
//!
//! Strategies are mutually exclusive options with an expected cost C and an
//! expected effect E (higher is better). Following the dampack
//! `calculate_icers` procedure (Alarid-Escudero, Enns, Knowlton et al.):
//!
//! 1. Sort by cost ascending (ties: effect descending, then name).
//! 2. **Strict dominance**: a strategy is *dominated* when another costs no
//!    more and is no less effective, at least one strictly — in the sorted
//!    order, when an earlier strategy is at least as effective. An exact
//!    duplicate (same cost and effect) is dominated by the one whose name
//!    sorts first, as dampack keeps the first after sorting.
//! 3. **Extended (weak) dominance**: among the rest, ordered by cost, the
//!    ICER of each against the previous must not decrease; a strategy whose
//!    ICER is *strictly greater* than the next one's is *extendedly
//!    dominated* (a mix of its neighbours is cheaper for the same effect).
//!    Removal repeats until the ICERs never decrease. Collinear strategies
//!    (equal ICERs) stay on the frontier, as in dampack.
//! 4. The remaining strategies are the *frontier*: cost and effect strictly
//!    increase along it and ICERs never decrease. Each frontier strategy but
//!    the cheapest gets `inc_cost`, `inc_effect` and
//!    `icer = inc_cost / inc_effect` against the previous frontier strategy.
//!
//! The result is the lower-right convex hull of the cost–effect plane; it
//! does not depend on the order strategies are given in.

use super::DecisionError;
use super::psa::{Outcomes, check_names};
use serde::{Deserialize, Serialize};

/// Where a strategy stands on the cost–effect plane.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// On the efficiency frontier ("ND", non-dominated, in dampack).
    Frontier,
    /// Strictly dominated: another costs no more and is no less effective
    /// ("D" in dampack).
    Dominated,
    /// Extendedly (weakly) dominated: a mix of two frontier strategies is
    /// cheaper for the same effect ("ED" in dampack).
    ExtendedlyDominated,
}

/// One row of an ICER table (`decision.csv`), one per strategy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IcerRow {
    /// The strategy.
    pub strategy: String,
    /// Expected cost per student.
    pub cost: f64,
    /// Expected effect per student.
    pub effect: f64,
    /// Cost minus that of the previous frontier strategy (frontier
    /// strategies but the cheapest; empty otherwise).
    pub inc_cost: Option<f64>,
    /// Effect minus that of the previous frontier strategy (as `inc_cost`).
    pub inc_effect: Option<f64>,
    /// Incremental cost-effectiveness ratio `inc_cost / inc_effect`: the
    /// cost per extra effect unit of moving to this strategy from the
    /// previous one on the frontier (as `inc_cost`).
    pub icer: Option<f64>,
    /// Frontier, dominated or extendedly dominated.
    pub status: Status,
    /// For a dominated strategy, the cheapest strategy that dominates it
    /// (ties: the more effective, then by name); for an extendedly dominated
    /// one, the two adjacent frontier strategies whose mix dominates it,
    /// joined by `+` (cheaper first); empty on the frontier.
    pub dominated_by: Option<String>,
}

/// The ICER table of strategies with expected costs and effects: status,
/// dominating strategies, and increments and ICERs along the frontier (see
/// the module documentation for the procedure and tie rules).
///
/// Rows are in cost order (ties: effect descending, then name), so the
/// table does not depend on the order strategies are given in. Names must be
/// unique and all values finite.
pub fn icers<S: AsRef<str>>(
    strategies: &[S],
    cost: &[f64],
    effect: &[f64],
) -> Result<Vec<IcerRow>, DecisionError> {
    check_names(strategies)?;
    let n = strategies.len();
    for (what, v) in [("cost", cost), ("effect", effect)] {
        if v.len() != n {
            return Err(DecisionError::Shape {
                what: format!("{what} ({n} strategies)"),
                got: v.len(),
                expected: n,
            });
        }
        if let Some(i) = v.iter().position(|x| !x.is_finite()) {
            return Err(DecisionError::NotFinite {
                what: format!("expected {what}"),
                strategy: strategies[i].as_ref().to_string(),
                draw: None,
                value: v[i],
            });
        }
    }
    let name = |i: usize| strategies[i].as_ref();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        cost[a]
            .total_cmp(&cost[b])
            .then(effect[b].total_cmp(&effect[a]))
            .then_with(|| name(a).cmp(name(b)))
    });

    let mut status = vec![Status::Frontier; n];
    let mut dominated_by: Vec<Option<String>> = vec![None; n];

    // Strict dominance. `records` holds, in cost order, the strategies more
    // effective than every cheaper one; the first strategy at least as
    // effective as j is a record, found by binary search.
    let mut records: Vec<usize> = Vec::new();
    for &j in &order {
        match records.last() {
            Some(&last) if effect[last] >= effect[j] => {
                let k = records.partition_point(|&r| effect[r] < effect[j]);
                status[j] = Status::Dominated;
                dominated_by[j] = Some(name(records[k]).to_string());
            }
            _ => records.push(j),
        }
    }

    // Extended dominance: keep the ICERs non-decreasing (monotone chain).
    let icer = |a: usize, b: usize| (cost[b] - cost[a]) / (effect[b] - effect[a]);
    let mut hull: Vec<usize> = Vec::new();
    let mut extended: Vec<usize> = Vec::new();
    for &j in &records {
        while let [.., a, b] = hull[..] {
            if icer(a, b) > icer(b, j) {
                extended.push(b);
                hull.pop();
            } else {
                break;
            }
        }
        hull.push(j);
    }
    // The cheapest and the most effective record are never removed, so an
    // extendedly dominated strategy lies strictly between two frontier ones.
    for &x in &extended {
        let k = hull.partition_point(|&h| effect[h] < effect[x]);
        status[x] = Status::ExtendedlyDominated;
        dominated_by[x] = Some(format!("{}+{}", name(hull[k - 1]), name(hull[k])));
    }

    let mut increments: Vec<Option<(f64, f64)>> = vec![None; n];
    for w in hull.windows(2) {
        increments[w[1]] = Some((cost[w[1]] - cost[w[0]], effect[w[1]] - effect[w[0]]));
    }
    Ok(order
        .iter()
        .map(|&i| IcerRow {
            strategy: name(i).to_string(),
            cost: cost[i],
            effect: effect[i],
            inc_cost: increments[i].map(|(c, _)| c),
            inc_effect: increments[i].map(|(_, e)| e),
            icer: increments[i].map(|(c, e)| c / e),
            status: status[i],
            dominated_by: dominated_by[i].take(),
        })
        .collect())
}

/// The ICER table on expected values: [`icers`] of the mean cost and mean
/// effect of each strategy over the draws.
pub fn expected_icers(o: &Outcomes) -> Result<Vec<IcerRow>, DecisionError> {
    icers(o.strategies(), &o.mean_costs(), &o.mean_effects())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn row<'a>(rows: &'a [IcerRow], s: &str) -> &'a IcerRow {
        rows.iter().find(|r| r.strategy == s).unwrap()
    }

    fn close(a: f64, b: f64, rel: f64) -> bool {
        (a - b).abs() <= rel * b.abs().max(1.0)
    }

    /// dampack's "Basic Cost Effectiveness Analysis" vignette, example 2
    /// (Rajasingham et al. 2020, C. difficile treatment strategies): the
    /// mean costs and effects of 11 strategies and the published ICER table,
    /// vignettes/cdiff_icers.csv in github.com/DARTH-git/dampack (5 of 11
    /// dominated, s39 by extended dominance). The `dominated_by` values are
    /// not in dampack's table; they were worked out by hand from the same
    /// numbers (cheapest strategy at least as effective; for s39 the
    /// frontier neighbours s33 and s31 of its effect 13.046).
    #[test]
    fn dampack_cdiff_table_is_reproduced() {
        let data = [
            ("s3", 57336.0059896538, 12.9399639202408),
            ("s27", 57541.2526373815, 13.0140640696275),
            ("s33", 57642.2587507842, 13.0389116321918),
            ("s31", 57934.0743411241, 13.0966257932217),
            ("s43", 58072.1137208494, 13.11285766912),
            ("s44", 58665.7823044647, 13.1283328397025),
            ("s39", 57814.6470919581, 13.0462790163185),
            ("s4", 57887.481549326, 12.9970657153765),
            ("s13", 58018.6252420203, 13.0650412387992),
            ("s37", 58081.7947984323, 13.1029711156978),
            ("s20", 58634.2026441398, 13.1100568867995),
        ];
        let names: Vec<&str> = data.iter().map(|d| d.0).collect();
        let cost: Vec<f64> = data.iter().map(|d| d.1).collect();
        let effect: Vec<f64> = data.iter().map(|d| d.2).collect();
        let rows = icers(&names, &cost, &effect).unwrap();
        // Published: strategy, Inc_Cost, Inc_Effect, ICER (Status ND).
        let frontier = [
            (
                "s27",
                205.246647727639,
                0.0741001493866911,
                2769.85470915263,
            ),
            (
                "s33",
                101.006113402713,
                0.0248475625643216,
                4065.03105249231,
            ),
            ("s31", 291.815590339931, 0.0577141610298533, 5056.2216470406),
            ("s43", 138.039379725262, 0.0162318758983169, 8504.2160616553),
            (
                "s44",
                593.668583615326,
                0.0154751705825014,
                38362.6519947134,
            ),
        ];
        let s3 = row(&rows, "s3");
        assert_eq!(
            (s3.status, s3.icer, s3.inc_cost),
            (Status::Frontier, None, None)
        );
        for (s, inc_c, inc_e, icer) in frontier {
            let r = row(&rows, s);
            assert_eq!(r.status, Status::Frontier, "{s}");
            assert!(close(r.inc_cost.unwrap(), inc_c, 1e-9), "{s} inc_cost");
            assert!(close(r.inc_effect.unwrap(), inc_e, 1e-9), "{s} inc_effect");
            assert!(close(r.icer.unwrap(), icer, 1e-9), "{s} icer");
            assert_eq!(r.dominated_by, None);
        }
        let s39 = row(&rows, "s39");
        assert_eq!(s39.status, Status::ExtendedlyDominated);
        assert_eq!(s39.dominated_by.as_deref(), Some("s33+s31"));
        assert_eq!(s39.icer, None);
        for (s, by) in [
            ("s4", "s27"),
            ("s13", "s31"),
            ("s37", "s43"),
            ("s20", "s43"),
        ] {
            let r = row(&rows, s);
            assert_eq!(r.status, Status::Dominated, "{s}");
            assert_eq!(r.dominated_by.as_deref(), Some(by), "{s}");
            assert_eq!((r.inc_cost, r.inc_effect, r.icer), (None, None, None));
        }
        // Rows come in cost order.
        assert!(rows.windows(2).all(|w| w[0].cost <= w[1].cost));
    }

    /// dampack's "Basic Cost Effectiveness Analysis" vignette, example 1:
    /// HIV screening in a high-risk population, costs and quality-adjusted
    /// life-months from Paltiel et al. 2006 (Ann Intern Med 145:797-806,
    /// Table 4), QALYs = months / 12. The vignette states that annual
    /// screening is strongly dominated (both 5- and 3-yearly screening cost
    /// less and do more; 5-yearly is the cheaper); the ICERs are worked by hand: 1000/(0.32/12) = 37500,
    /// 1020/(0.21/12) = 58285.71, 420/(0.05/12) = 100800.
    #[test]
    fn dampack_hiv_screening_example() {
        let names = ["status quo", "one time", "5yr", "3yr", "annual"];
        let cost = [26000.0, 27000.0, 28020.0, 28440.0, 29440.0];
        let effect = [277.25, 277.57, 277.78, 277.83, 277.76].map(|m: f64| m / 12.0);
        let rows = icers(&names, &cost, &effect).unwrap();
        let annual = row(&rows, "annual");
        assert_eq!(annual.status, Status::Dominated);
        assert_eq!(annual.dominated_by.as_deref(), Some("5yr"));
        for (s, icer) in [
            ("one time", 37500.0),
            ("5yr", 58285.714285714),
            ("3yr", 100800.0),
        ] {
            let r = row(&rows, s);
            assert_eq!(r.status, Status::Frontier);
            assert!(close(r.icer.unwrap(), icer, 1e-6), "{s}: {:?}", r.icer);
        }
        assert_eq!(row(&rows, "status quo").icer, None);
    }

    /// The textbook shape of extended dominance (and dampack's repeated
    /// removal): B and then C have falling ICERs and both drop out; the mix
    /// of A and D dominates each. Worked by hand: A→B 10/1 = 10, B→C 10/2 = 5,
    /// C→D 10/7 ≈ 1.43; without B, A→C 20/3 ≈ 6.67 > 1.43, so C drops too and
    /// A→D = 30/10 = 3.
    #[test]
    fn extended_dominance_is_repeated_until_icers_rise() {
        let rows = icers(
            &["A", "B", "C", "D"],
            &[0.0, 10.0, 20.0, 30.0],
            &[0.0, 1.0, 3.0, 10.0],
        )
        .unwrap();
        assert_eq!(row(&rows, "B").status, Status::ExtendedlyDominated);
        assert_eq!(row(&rows, "C").status, Status::ExtendedlyDominated);
        assert_eq!(row(&rows, "B").dominated_by.as_deref(), Some("A+D"));
        let d = row(&rows, "D");
        assert_eq!(
            (d.inc_cost, d.inc_effect, d.icer),
            (Some(30.0), Some(10.0), Some(3.0))
        );
    }

    #[test]
    fn ties_are_resolved_as_documented() {
        // Equal cost: the less effective is dominated. Equal effect: the
        // costlier is dominated. Exact duplicates: the later name is.
        // Collinear strategies (equal ICERs) all stay on the frontier.
        let rows = icers(
            &[
                "base",
                "same_cost",
                "same_effect",
                "twin_b",
                "twin_a",
                "line1",
                "line2",
            ],
            &[0.0, 0.0, 5.0, 1.0, 1.0, 2.0, 3.0],
            &[0.0, -1.0, 0.0, 1.0, 1.0, 2.0, 3.0],
        )
        .unwrap();
        let st = |s| (row(&rows, s).status, row(&rows, s).dominated_by.clone());
        assert_eq!(st("same_cost"), (Status::Dominated, Some("base".into())));
        assert_eq!(st("same_effect"), (Status::Dominated, Some("base".into())));
        assert_eq!(st("twin_b"), (Status::Dominated, Some("twin_a".into())));
        assert_eq!(st("twin_a"), (Status::Frontier, None));
        assert_eq!(st("line1"), (Status::Frontier, None));
        assert_eq!(st("line2"), (Status::Frontier, None));
        assert_eq!(row(&rows, "line2").icer, Some(1.0));
        // A cost-saving, more effective strategy dominates the comparator.
        let rows = icers(&["usual", "better"], &[10.0, 5.0], &[0.0, 1.0]).unwrap();
        assert_eq!(row(&rows, "usual").dominated_by.as_deref(), Some("better"));
        assert_eq!(rows[0].strategy, "better");
        // One strategy: on the frontier with no increments.
        let rows = icers(&["only"], &[3.0], &[1.0]).unwrap();
        assert_eq!((rows[0].status, rows[0].icer), (Status::Frontier, None));
    }

    #[test]
    fn bad_input_is_refused() {
        assert_eq!(
            icers::<&str>(&[], &[], &[]),
            Err(DecisionError::NoStrategies)
        );
        let e = icers(&["a", "b"], &[0.0], &[0.0, 1.0]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "cost (2 strategies) has 1 values; expected 2"
        );
        let e = icers(&["a"], &[f64::INFINITY], &[0.0]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "expected cost of strategy \"a\" is inf; values must be finite"
        );
    }

    fn strategies() -> impl Strategy<Value = Vec<(f64, f64)>> {
        // Integer-valued costs and effects make ties and collinearity common.
        prop::collection::vec(((-5i32..40), (-5i32..40)), 1..12).prop_map(|v| {
            v.into_iter()
                .map(|(c, e)| (c as f64 * 10.0, e as f64 * 0.5))
                .collect()
        })
    }

    proptest! {
        #[test]
        fn frontier_invariants(points in strategies(), seed in any::<u64>()) {
            let names: Vec<String> = (0..points.len()).map(|i| format!("s{i:02}")).collect();
            let cost: Vec<f64> = points.iter().map(|p| p.0).collect();
            let effect: Vec<f64> = points.iter().map(|p| p.1).collect();
            let rows = icers(&names, &cost, &effect).unwrap();
            let front: Vec<&IcerRow> = rows.iter().filter(|r| r.status == Status::Frontier).collect();
            prop_assert!(!front.is_empty());
            // Cost and effect strictly increase, ICERs never decrease.
            for w in front.windows(2) {
                prop_assert!(w[1].cost > w[0].cost && w[1].effect > w[0].effect);
                prop_assert_eq!(w[1].inc_cost, Some(w[1].cost - w[0].cost));
            }
            let icers_along: Vec<f64> = front.iter().filter_map(|r| r.icer).collect();
            prop_assert_eq!(icers_along.len(), front.len() - 1);
            prop_assert!(icers_along.windows(2).all(|w| w[0] <= w[1]));
            // A strictly dominated strategy is never on the frontier, and
            // every strategy off the frontier names what dominates it.
            for r in &rows {
                let dominated = rows.iter().any(|o| o.strategy != r.strategy
                    && o.cost <= r.cost && o.effect >= r.effect
                    && (o.cost < r.cost || o.effect > r.effect));
                if dominated {
                    prop_assert_eq!(r.status, Status::Dominated);
                }
                prop_assert_eq!(r.status == Status::Frontier, r.dominated_by.is_none());
                if r.status == Status::Dominated {
                    let by = row(&rows, r.dominated_by.as_deref().unwrap());
                    prop_assert!(by.cost <= r.cost && by.effect >= r.effect);
                }
                if r.status == Status::ExtendedlyDominated {
                    // The mix of the two named frontier strategies with the
                    // same effect costs no more.
                    let by = r.dominated_by.as_deref().unwrap();
                    let (lo, hi) = by.split_once('+').unwrap();
                    let (lo, hi) = (row(&rows, lo), row(&rows, hi));
                    prop_assert!(lo.status == Status::Frontier && hi.status == Status::Frontier);
                    prop_assert!(lo.effect < r.effect && r.effect < hi.effect);
                    let t = (r.effect - lo.effect) / (hi.effect - lo.effect);
                    prop_assert!(lo.cost + t * (hi.cost - lo.cost) <= r.cost + 1e-9);
                }
            }
            // The cheapest strategy and the most effective are never
            // extendedly dominated; both ends of the frontier are reached.
            let max_effect = effect.iter().cloned().fold(f64::MIN, f64::max);
            prop_assert_eq!(front.last().unwrap().effect, max_effect);
            // The same table whatever the order strategies are given in.
            let mut perm: Vec<usize> = (0..points.len()).collect();
            let mut s = seed;
            for i in (1..perm.len()).rev() {
                s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                perm.swap(i, (s >> 33) as usize % (i + 1));
            }
            let shuffled = icers(
                &perm.iter().map(|&i| names[i].clone()).collect::<Vec<_>>(),
                &perm.iter().map(|&i| cost[i]).collect::<Vec<_>>(),
                &perm.iter().map(|&i| effect[i]).collect::<Vec<_>>(),
            ).unwrap();
            prop_assert_eq!(&shuffled, &rows);
            prop_assert_eq!(rows.len(), names.len());
        }
    }
}
