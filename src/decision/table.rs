//! `decision.csv` from a run: each replicate is one draw of a
//! probabilistic sensitivity analysis ([`Psa`]), costs valued and
//! discounted by the scenario's `[economics]` section.

use super::{
    DecisionError, Discount, Psa, Status, Timing, ceac, expected_icers, expected_nmb, full_cost,
};
use crate::output::DecisionRow;
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
