//! The readable table `resim run` ends with.

use crate::model::OUTCOMES;
use crate::scenario::Scenario;
use crate::stats::Summary;

/// Strategies ranked by their effect on resilience, with intervals and
/// cost; under parameter uncertainty also the 95 % uncertainty interval
/// (2.5–97.5 % of the per-draw differences).
pub fn ranking_table(sc: &Scenario, summary: &Summary) -> String {
    let res = OUTCOMES
        .iter()
        .position(|o| o.name == "resilience")
        .unwrap_or(0);
    let dis = OUTCOMES
        .iter()
        .position(|o| o.name == "distress")
        .unwrap_or(1);
    let dep = OUTCOMES
        .iter()
        .position(|o| o.name == "depressive")
        .unwrap_or(2);
    let reps = summary.replicates.max(1) as f64;
    let students = sc.students() as f64;
    let years = sc.calendar.years.max(1) as f64;
    let mut order: Vec<usize> = (0..summary.strategies.len()).collect();
    order.sort_by(|&a, &b| {
        let ea = summary.strategies[a].effects[res].diff.mean();
        let eb = summary.strategies[b].effects[res].diff.mean();
        eb.total_cmp(&ea).then(a.cmp(&b))
    });
    let width = summary
        .strategies
        .iter()
        .map(|s| s.name.len())
        .max()
        .unwrap_or(8)
        .max(8);
    let drawn = summary.parameters_drawn;
    let mut out = String::new();
    out.push_str(&format!(
        "{:<width$}  {:>24}{}  {:>7}  {:>15}  {:>8}  {:>10}  {:>9}\n",
        "strategy",
        "resilience Δ (95% CI)",
        if drawn {
            format!("  {:>16}", "(95% UI)")
        } else {
            String::new()
        },
        "g",
        "distress g",
        "depr. %",
        "cost/stud",
        "t-hours/s"
    ));
    for i in order {
        let s = &summary.strategies[i];
        let r = &s.effects[res];
        let (lo, hi) = r.diff.interval();
        let d = &s.effects[dis];
        let dp = &s.effects[dep];
        let base = if i == summary.baseline {
            " (baseline)"
        } else {
            ""
        };
        let ui = if drawn {
            let (ulo, uhi) = summary.effect_percentiles(i, 0, res);
            format!("  ({ulo:>+6.2}, {uhi:>+6.2})")
        } else {
            String::new()
        };
        out.push_str(&format!(
            "{:<width$}  {:>+7.2} ({:>+6.2}, {:>+6.2}){}  {:>+7.3}  {:>+15.3}  {:>8.1}  {:>10.1}  {:>9.2}{}\n",
            s.name,
            r.diff.mean(),
            lo,
            hi,
            ui,
            r.g.mean(),
            d.g.mean(),
            100.0 * dp.mean.mean(),
            s.cost() / reps / students / years,
            s.teacher_hours() / reps / students / years,
            base
        ));
    }
    out
}
