//! The tidy CSV files and the manifest of a run.

use serde::Serialize;

use crate::model::{OUTCOMES, StudentState};
use crate::population::{Population, SUBGROUPS};
use crate::scenario::Scenario;
use crate::stats::{Summary, quantile};

const O: usize = OUTCOMES.len();

/// Formats a number for CSV: shortest round-trip form, `NA` for NaN (R reads it).
pub fn num(x: f64) -> String {
    if x.is_finite() {
        let r = (x * 1e6).round() / 1e6;
        // Normalise -0 to 0.
        format!("{}", if r == 0.0 { 0.0 } else { r })
    } else {
        "NA".into()
    }
}

/// Tidy CSV bytes from rows of fields (the first row is the header).
pub fn to_bytes(rows: Vec<Vec<String>>) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for row in rows {
        w.write_record(&row)
            .expect("writing CSV to memory cannot fail");
    }
    w.into_inner().expect("flushing CSV to memory cannot fail")
}

/// `effects.csv`: one row per strategy × subgroup × outcome.
pub fn effects_csv(summary: &Summary) -> Vec<u8> {
    let mut rows = vec![
        "strategy,subgroup,outcome,students,mean,baseline_mean,diff,diff_lo,diff_hi,hedges_g,g_lo,g_hi,g_sd,p_better,replicates"
            .split(',')
            .map(String::from)
            .collect::<Vec<_>>(),
    ];
    for s in &summary.strategies {
        for (g, sg) in SUBGROUPS.iter().enumerate() {
            for (o, out) in OUTCOMES.iter().enumerate() {
                let e = &s.effects[g * O + o];
                if e.g.n == 0 {
                    continue;
                }
                let (dlo, dhi) = e.diff.interval();
                let (glo, ghi) = e.g.interval();
                let reps = e.g.n as f64;
                rows.push(vec![
                    s.name.clone(),
                    sg.name.into(),
                    out.name.into(),
                    num(e.students as f64 / reps),
                    num(e.mean.mean()),
                    num(e.baseline_mean.mean()),
                    num(e.diff.mean()),
                    num(dlo),
                    num(dhi),
                    num(e.g.mean()),
                    num(glo),
                    num(ghi),
                    num(e.g.sd()),
                    num(e.p_better()),
                    num(reps),
                ]);
            }
        }
    }
    to_bytes(rows)
}

/// `trajectories.csv`: strategy × subgroup × week × outcome with mean and
/// the 10th, 50th and 90th percentiles over students (pooled over replicates).
pub fn trajectories_csv(summary: &Summary) -> Vec<u8> {
    let mut rows = vec![
        "strategy,subgroup,week,outcome,mean,p10,p50,p90"
            .split(',')
            .map(String::from)
            .collect::<Vec<_>>(),
    ];
    for s in &summary.strategies {
        for (g, sg) in SUBGROUPS.iter().enumerate() {
            let n = s.n[g] as f64;
            if n == 0.0 {
                continue;
            }
            for w in 0..summary.weeks {
                for (o, out) in OUTCOMES.iter().enumerate() {
                    let mean = s.mean(w, g, o);
                    let (p10, p50, p90) = if out.binary {
                        (f64::NAN, f64::NAN, f64::NAN)
                    } else {
                        let h = s.histogram(w, g, o);
                        (quantile(h, 0.1), quantile(h, 0.5), quantile(h, 0.9))
                    };
                    rows.push(vec![
                        s.name.clone(),
                        sg.name.into(),
                        w.to_string(),
                        out.name.into(),
                        num(mean),
                        num(p10),
                        num(p50),
                        num(p90),
                    ]);
                }
            }
        }
    }
    to_bytes(rows)
}

/// `strategies.csv`: cost, teacher time and cost-effectiveness per strategy.
pub fn strategies_csv(sc: &Scenario, summary: &Summary) -> Vec<u8> {
    let mut rows = vec![
        "strategy,components,students,cost_per_student_year,teacher_hours_per_student_year,teacher_hours_per_class_term,resilience_gain,resilience_gain_lo,resilience_gain_hi,depressive_prevalence,cases_averted_per_100,cost_per_resilience_point,cost_per_case_averted,description"
            .split(',')
            .map(String::from)
            .collect::<Vec<_>>(),
    ];
    let years = sc.calendar.years.max(1) as f64;
    let reps = summary.replicates.max(1) as f64;
    let students = sc.students() as f64;
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
    for (spec, s) in sc.strategies.iter().zip(&summary.strategies) {
        let cost = s.cost() / reps / students / years;
        let hours = s.teacher_hours() / reps / students / years;
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
        rows.push(vec![
            s.name.clone(),
            if components.is_empty() {
                "none".into()
            } else {
                components
            },
            num(students),
            num(cost),
            num(hours),
            num(hours_class_term),
            num(r.diff.mean()),
            num(rlo),
            num(rhi),
            num(d.mean.mean()),
            num(averted),
            num(per_point),
            num(per_case),
            spec.description.clone(),
        ]);
    }
    to_bytes(rows)
}

/// Header of `students.csv`.
pub fn students_header() -> Vec<u8> {
    let mut cols: Vec<String> =
        "replicate,strategy,student,week,school,class,rural,left_behind,minority,grade,sex"
            .split(',')
            .map(String::from)
            .collect();
    cols.extend(OUTCOMES.iter().map(|o| o.name.to_string()));
    to_bytes(vec![cols])
}

/// Rows of `students.csv` for one replicate, strategy and week.
pub fn student_rows(
    replicate: u32,
    strategy: &str,
    week: usize,
    pop: &Population,
    state: &[StudentState],
    threshold: f32,
) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for (i, (s, st)) in pop.students.iter().zip(state).enumerate() {
        let mut row = vec![
            replicate.to_string(),
            strategy.to_string(),
            i.to_string(),
            week.to_string(),
            s.school.to_string(),
            s.class.to_string(),
            (s.rural as u8).to_string(),
            s.left_behind.name().to_string(),
            (s.minority as u8).to_string(),
            s.grade.to_string(),
            if s.female { "female" } else { "male" }.to_string(),
        ];
        row.extend(st.outcomes(threshold).iter().map(|&v| num(v as f64)));
        w.write_record(&row)
            .expect("writing CSV to memory cannot fail");
    }
    w.into_inner().expect("flushing CSV to memory cannot fail")
}

/// `manifest.json`: what was run, by which program, and how fast.
#[derive(Debug, Serialize)]
pub struct Manifest<'a> {
    /// Program name.
    pub program: &'static str,
    /// Program version.
    pub version: &'static str,
    /// Scenario file as given.
    pub scenario_file: String,
    /// FNV-1a hash of the scenario file's bytes.
    pub scenario_hash: String,
    /// Master seed.
    pub seed: u64,
    /// Replicates run.
    pub replicates: u32,
    /// Worker threads.
    pub threads: usize,
    /// Students per replicate.
    pub students: u64,
    /// Student-weeks simulated, burn-in included, over all strategies and replicates.
    pub student_weeks: u64,
    /// Wall-clock seconds of the simulation.
    pub wall_seconds: f64,
    /// Student-weeks per second.
    pub student_weeks_per_second: f64,
    /// Estimated peak memory of the run in bytes (`resilience_sim::guard::estimate_memory`).
    pub memory_estimate_bytes: u64,
    /// The resolved scenario.
    pub scenario: &'a Scenario,
}
