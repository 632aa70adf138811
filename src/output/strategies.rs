//! `strategies.csv`: cost, teacher time and cost-effectiveness per strategy.

use serde::{Deserialize, Serialize};

use super::tidy::to_csv;
use crate::model::OUTCOMES;
use crate::scenario::Scenario;
use crate::stats::Summary;

/// One row of `strategies.csv`: what a strategy costs and what it achieves
/// for all students, against the baseline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StrategyRow {
    /// Strategy name. Column `strategy`.
    #[serde(rename = "strategy")]
    pub name: String,
    /// Its components joined with `+` (e.g. `contact_book+joint_goal_setting`),
    /// or `none`.
    pub components: String,
    /// Students per replicate.
    pub students: u64,
    /// Cost per student per year (the scenario's currency units).
    #[serde(with = "super::na")]
    pub cost_per_student_year: f64,
    /// Teacher hours per student per year.
    #[serde(with = "super::na")]
    pub teacher_hours_per_student_year: f64,
    /// Teacher hours per class per term.
    #[serde(with = "super::na")]
    pub teacher_hours_per_class_term: f64,
    /// End-of-run resilience gain over the baseline, all students (points
    /// on the 0–100 scale): `diff` of `effects.csv`.
    #[serde(with = "super::na")]
    pub resilience_gain: f64,
    /// Lower end of the 95 % Monte Carlo interval of the gain.
    #[serde(with = "super::na")]
    pub resilience_gain_lo: f64,
    /// Upper end of the 95 % Monte Carlo interval of the gain.
    #[serde(with = "super::na")]
    pub resilience_gain_hi: f64,
    /// Share of students with depressive symptoms at the end (0–1).
    #[serde(with = "super::na")]
    pub depressive_prevalence: f64,
    /// Cases of depressive symptoms averted per 100 students, against the
    /// baseline (negative: more cases).
    #[serde(with = "super::na")]
    pub cases_averted_per_100: f64,
    /// Cost per student per year for each resilience point gained (`NA`
    /// when the strategy gains nothing).
    #[serde(with = "super::na")]
    pub cost_per_resilience_point: f64,
    /// Cost per case of depressive symptoms averted (`NA` when none is
    /// averted).
    #[serde(with = "super::na")]
    pub cost_per_case_averted: f64,
    /// The strategy's description from the scenario (free text).
    pub description: String,
}

/// The rows of `strategies.csv`, in scenario order.
pub fn strategy_rows(sc: &Scenario, summary: &Summary) -> Vec<StrategyRow> {
    let years = sc.calendar.years.max(1) as f64;
    let reps = summary.replicates.max(1) as f64;
    let students = sc.students();
    let classes = sc.population.classes() as f64;
    let terms = (sc.calendar.terms.len().max(1) as f64) * years;
    let res = OUTCOMES
        .iter()
        .position(|o| o.name == "resilience")
        .unwrap_or(0);
    let dep = OUTCOMES
        .iter()
        .position(|o| o.name == "depressive")
        .unwrap_or(2);
    let mut rows = Vec::new();
    for (spec, s) in sc.strategies.iter().zip(&summary.strategies) {
        let cost = s.cost() / reps / students as f64 / years;
        let hours = s.teacher_hours() / reps / students as f64 / years;
        let hours_class_term = s.teacher_hours() / reps / classes / terms;
        let r = &s.effects[res];
        let d = &s.effects[dep];
        let (rlo, rhi) = r.diff.interval();
        let averted = -d.diff.mean() * 100.0;
        let per_point = if r.diff.mean() > 0.0 {
            cost / r.diff.mean()
        } else {
            f64::NAN
        };
        let per_case = if averted > 0.0 {
            cost * 100.0 / averted
        } else {
            f64::NAN
        };
        let components = spec
            .components
            .iter()
            .map(|(n, _)| n.as_str())
            .collect::<Vec<_>>()
            .join("+");
        rows.push(StrategyRow {
            name: s.name.clone(),
            components: if components.is_empty() {
                "none".into()
            } else {
                components
            },
            students,
            cost_per_student_year: cost,
            teacher_hours_per_student_year: hours,
            teacher_hours_per_class_term: hours_class_term,
            resilience_gain: r.diff.mean(),
            resilience_gain_lo: rlo,
            resilience_gain_hi: rhi,
            depressive_prevalence: d.mean.mean(),
            cases_averted_per_100: averted,
            cost_per_resilience_point: per_point,
            cost_per_case_averted: per_case,
            description: spec.description.clone(),
        });
    }
    rows
}

/// `strategies.csv`: cost, teacher time and cost-effectiveness per strategy.
pub fn strategies_csv(sc: &Scenario, summary: &Summary) -> Vec<u8> {
    to_csv(&strategy_rows(sc, summary))
}
