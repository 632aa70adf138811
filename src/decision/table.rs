//! `decision.csv` from a run: each replicate is one draw of a
//! probabilistic sensitivity analysis ([`Psa`]), costs valued and
//! discounted by the scenario's `[economics]` section.

use super::{
    DecisionError, Discount, Psa, Status, Timing, ceac, evpi, expected_icers, expected_nmb,
    full_cost, wtp_grid,
};
use crate::output::{AcceptabilityRow, DecisionRow, EvpiFileRow};
use crate::scenario::Scenario;
use crate::stats::Summary;

/// The effect measures of `decision.csv`, with the willingness-to-pay
/// parameter of each.
const MEASURES: [&str; 2] = ["resilience_points", "cases_averted"];

/// What the draws of a run vary: the replicates' chance only, or also
/// the parameters when each replicate drew them from the posterior.
fn draws_vary(summary: &Summary) -> &'static str {
    if summary.parameters_drawn {
        "parameters+replicates"
    } else {
        "replicates"
    }
}

/// The draws of a run as a PSA sample: per replicate and strategy, the full
/// cost per student (money plus valued teacher hours) and the effects per
/// student against the baseline (resilience points gained, cases of
/// depressive symptoms averted). A run of several years spreads its cost
/// evenly over the years, discounted at the start of each, and discounts
/// its end-of-run effects by the factor of its last year.
pub fn psa(sc: &Scenario, summary: &Summary) -> Result<Psa, DecisionError> {
    let econ = &sc.params.economics;
    let years = sc.calendar.years.max(1);
    let discount = Discount::new(econ.discount_rate as f64, Timing::StartOfYear)?;
    let cost_factor = discount.annuity(years) / years as f64;
    let effect_factor = discount.factor(years as usize - 1);
    let names: Vec<String> = summary.strategies.iter().map(|s| s.name.clone()).collect();
    let b = summary.baseline;
    let mut cost = Vec::new();
    let mut points = Vec::new();
    let mut averted = Vec::new();
    for d in &summary.draws {
        for s in 0..names.len() {
            let c = full_cost(d.cost[s], d.teacher_hours[s], econ.teacher_hour_cost as f64);
            cost.push(c * cost_factor);
            points.push((d.resilience[s] - d.resilience[b]) * effect_factor);
            averted.push((d.depressive[b] - d.depressive[s]) * effect_factor);
        }
    }
    let mut psa = Psa::new(names.clone(), &names[b], summary.draws.len(), cost)?;
    psa.add_effect(MEASURES[0], points)?;
    psa.add_effect(MEASURES[1], averted)?;
    Ok(psa)
}

/// The rows of `decision.csv`: for each measure, every strategy in cost
/// order with its place on the efficiency frontier, ICER, incremental net
/// monetary benefit over the baseline at the scenario's willingness to pay
/// (with a 95 % interval over draws) and the probability it is best there.
pub fn decision_rows(sc: &Scenario, summary: &Summary) -> Result<Vec<DecisionRow>, DecisionError> {
    let psa = psa(sc, summary)?;
    let econ = &sc.params.economics;
    let mut rows = Vec::new();
    for (measure, wtp) in MEASURES.iter().zip([
        econ.wtp_resilience_point as f64,
        econ.wtp_case_averted as f64,
    ]) {
        let o = psa.outcomes(measure)?;
        let nmb = expected_nmb(&o, &[wtp])?;
        let best = ceac(&o, &[wtp])?;
        for icer in expected_icers(&o)? {
            let n = nmb.iter().find(|r| r.strategy == icer.strategy);
            let p = best.iter().find(|r| r.strategy == icer.strategy);
            rows.push(DecisionRow {
                measure: measure.to_string(),
                strategy: icer.strategy.clone(),
                status: match icer.status {
                    Status::Frontier => "frontier",
                    Status::Dominated => "dominated",
                    Status::ExtendedlyDominated => "extendedly_dominated",
                }
                .into(),
                dominated_by: icer.dominated_by.clone().unwrap_or_default(),
                cost: icer.cost,
                effect: icer.effect,
                inc_cost: icer.inc_cost,
                inc_effect: icer.inc_effect,
                icer: icer.icer,
                wtp,
                inc_nmb: n.map_or(f64::NAN, |r| r.inc_nmb),
                inc_nmb_lo: n.map_or(f64::NAN, |r| r.inc_nmb_lo),
                inc_nmb_hi: n.map_or(f64::NAN, |r| r.inc_nmb_hi),
                prob_best: p.map_or(f64::NAN, |r| r.prob_best),
                draws: psa.draws() as u64,
                draws_vary: draws_vary(summary).into(),
            });
        }
    }
    Ok(rows)
}

/// Points of the willingness-to-pay grid of `ceac.csv` and `evpi.csv`
/// (0 and 40 equal steps).
pub const WTP_POINTS: usize = 41;

/// The largest willingness to pay of a measure's grid: twice the
/// scenario's reference value or 1.5 times the largest ICER on the
/// frontier, whichever is more (so every switch between frontier
/// strategies shows), rounded up to 1, 2, 2.5 or 5 times a power of ten.
pub fn wtp_max(reference: f64, largest_icer: Option<f64>) -> f64 {
    let want = (2.0 * reference).max(1.5 * largest_icer.unwrap_or(0.0));
    if !(want.is_finite() && want > 0.0) {
        return 1.0;
    }
    let power = 10f64.powi(want.log10().floor() as i32);
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|&v| v >= want)
        .unwrap_or(10.0 * power)
}

/// The acceptability curves (`ceac.csv`) and the expected value of perfect
/// information (`evpi.csv`) of a run, on each effect measure over a grid of
/// willingness to pay from 0 to [`wtp_max`] in [`WTP_POINTS`] equal steps,
/// plus the scenario's reference value if it falls between them. They describe decision
/// uncertainty only when each replicate drew its own parameters: a run
/// without parameter draws gets none (its spread between replicates is
/// Monte Carlo noise, which more replicates remove, not uncertainty about
/// the model).
pub fn acceptability_rows(
    sc: &Scenario,
    summary: &Summary,
) -> Result<(Vec<AcceptabilityRow>, Vec<EvpiFileRow>), DecisionError> {
    if !summary.parameters_drawn {
        return Ok((Vec::new(), Vec::new()));
    }
    let psa = psa(sc, summary)?;
    let econ = &sc.params.economics;
    let draws = psa.draws() as u64;
    let students = sc.students();
    let mut curves = Vec::new();
    let mut values = Vec::new();
    for (measure, reference) in MEASURES.iter().zip([
        econ.wtp_resilience_point as f64,
        econ.wtp_case_averted as f64,
    ]) {
        let o = psa.outcomes(measure)?;
        let largest_icer = expected_icers(&o)?
            .iter()
            .filter_map(|r| r.icer)
            .filter(|v| v.is_finite())
            .reduce(f64::max);
        let mut grid = wtp_grid(wtp_max(reference, largest_icer), WTP_POINTS)?;
        if !grid.contains(&reference) {
            grid.push(reference);
            grid.sort_by(f64::total_cmp);
        }
        // Net benefit over the baseline: the comparator's effect is 0 by
        // construction, so subtracting its expected cost makes it 0 too.
        let base_cost = o.mean_costs()[o.comparator()];
        curves.extend(ceac(&o, &grid)?.into_iter().map(|r| AcceptabilityRow {
            measure: measure.to_string(),
            wtp: r.wtp,
            strategy: r.strategy,
            prob_best: r.prob_best,
            enmb: r.enmb + base_cost,
            on_frontier: r.on_frontier,
            draws,
        }));
        values.extend(evpi(&o, &grid, None)?.into_iter().map(|r| EvpiFileRow {
            measure: measure.to_string(),
            wtp: r.wtp,
            optimal: r.optimal,
            evpi_per_student: r.evpi_per_student,
            students,
            evpi_population: r.evpi_per_student * students as f64,
            draws,
        }));
    }
    Ok((curves, values))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{read_rows, to_csv};
    use crate::stats::Draw;

    /// The published EVPI example (warfarin vs LAA occlusion, Table 1 of
    /// PMC4323782; `ceac::tests::laa_example`) as the draws of a run of the
    /// quickstart scenario (320 students, one year, so nothing discounted)
    /// with parameters drawn and a willingness to pay of 100 000 per
    /// resilience point: the written `ceac.csv` and `evpi.csv` carry the
    /// published answers — LAA occlusion chosen, best in 7 of 10 draws,
    /// expected NMB 443 750.50 vs 435 839.70, EVPI 2937.44 (published
    /// 2937.40, rounded) per student.
    #[test]
    fn written_files_reproduce_the_published_evpi_example() {
        let mut sc = crate::output::tests::quickstart_scenario();
        sc.params.economics.wtp_resilience_point = 100_000.0;
        assert_eq!(sc.calendar.years, 1);
        let p = super::super::ceac::tests::laa_example();
        let o = p.outcomes("e").unwrap();
        let names = vec!["warfarin".to_string(), "laa".to_string()];
        let mut summary = Summary::new(&names, 0, 1);
        summary.parameters_drawn = true;
        summary.replicates = o.draws() as u32;
        summary.draws = (0..o.draws())
            .map(|d| Draw {
                replicate: d as u32,
                cost: vec![o.cost(d, 0), o.cost(d, 1)],
                teacher_hours: vec![0.0, 0.0],
                resilience: vec![o.effect(d, 0), o.effect(d, 1)],
                depressive: vec![0.0, 0.0],
                effects: Vec::new(),
            })
            .collect();
        let (curves, values) = acceptability_rows(&sc, &summary).unwrap();
        let curves: Vec<AcceptabilityRow> = read_rows("ceac.csv", &to_csv(&curves)).unwrap();
        let values: Vec<EvpiFileRow> = read_rows("evpi.csv", &to_csv(&values)).unwrap();
        let at = |s: &str| {
            curves
                .iter()
                .find(|r| r.measure == "resilience_points" && r.wtp == 100_000.0 && r.strategy == s)
                .unwrap()
        };
        let (w, l) = (at("warfarin"), at("laa"));
        assert_eq!((w.prob_best, l.prob_best), (0.3, 0.7));
        assert!(l.on_frontier && !w.on_frontier);
        assert_eq!(w.enmb, 0.0);
        assert!((l.enmb - (443_750.50 - 435_839.70)).abs() < 0.05, "{l:?}");
        assert_eq!(l.draws, 10);
        let v = values
            .iter()
            .find(|r| r.measure == "resilience_points" && r.wtp == 100_000.0)
            .unwrap();
        assert_eq!(v.optimal, "laa");
        assert!((v.evpi_per_student - 2937.44).abs() < 1e-6, "{v:?}");
        assert_eq!(v.students, 320);
        assert!((v.evpi_population - 2937.44 * 320.0).abs() < 1e-3, "{v:?}");
        // The grid runs from 0 past the reference value, which is on it.
        let grid: Vec<f64> = values
            .iter()
            .filter(|r| r.measure == "resilience_points")
            .map(|r| r.wtp)
            .collect();
        assert_eq!(grid.len(), WTP_POINTS);
        assert_eq!((grid[0], grid[WTP_POINTS - 1]), (0.0, 200_000.0));
        // At every willingness to pay the curves sum to 1, one strategy is
        // on the frontier, and EVPI is never negative.
        for pair in curves.chunks(2) {
            assert!((pair[0].prob_best + pair[1].prob_best - 1.0).abs() < 1e-12);
            assert_eq!(pair.iter().filter(|r| r.on_frontier).count(), 1);
        }
        assert!(values.iter().all(|r| r.evpi_per_student >= 0.0));
        // Without parameter draws there is no decision uncertainty to show.
        summary.parameters_drawn = false;
        assert_eq!(acceptability_rows(&sc, &summary).unwrap(), (vec![], vec![]));
    }

    #[test]
    fn the_grid_reaches_past_the_reference_and_every_icer_on_round_numbers() {
        assert_eq!(wtp_max(100.0, None), 200.0);
        assert_eq!(wtp_max(100.0, Some(40.0)), 200.0);
        assert_eq!(wtp_max(100.0, Some(180.0)), 500.0);
        assert_eq!(wtp_max(10_000.0, Some(1.0)), 20_000.0);
        assert_eq!(wtp_max(70.0, None), 200.0);
        assert_eq!(wtp_max(1.0, Some(1.6)), 2.5);
        assert_eq!(wtp_max(0.0, None), 1.0);
        assert_eq!(wtp_max(0.0, Some(f64::INFINITY)), 1.0);
    }
}
