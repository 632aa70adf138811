//! The validation table and `validation.csv`.

use super::evaluate::{Status, TargetResult};
use super::measures;
use crate::output::{num, to_bytes};

/// Columns of `validation.csv` (and of the fit file of `resim calibrate`).
pub const COLUMNS: &str = "id,statistic,published,low,high,simulated,simulated_lo,simulated_hi,simulated_sd,replicates,result,scenario,measured_as,note,source";

fn fmt3(x: f64) -> String {
    if x.is_finite() {
        format!("{x:.3}")
    } else {
        "NA".into()
    }
}

fn band(lo: f64, hi: f64) -> String {
    format!("[{}, {}]", trim(lo), trim(hi))
}

fn trim(x: f64) -> String {
    let s = format!("{x}");
    if s.len() > 6 { format!("{x:.3}") } else { s }
}

/// Note on a result: each value of a multi-part target, or why it was not measured.
fn note(r: &TargetResult) -> String {
    match &r.status {
        Status::Unknown => format!(
            "no measurement is known for this id; known ids: {}",
            measures::known_ids().join(", ")
        ),
        Status::NotMeasured(why) => why.clone(),
        _ if r.all.len() > 1 => {
            let parts = r
                .measure
                .map(|m| m.parts.iter().map(|p| p.describe()).collect::<Vec<_>>())
                .unwrap_or_default();
            r.all
                .iter()
                .zip(parts)
                .map(|(s, p)| format!("{p}: {}", fmt3(s.mean)))
                .collect::<Vec<_>>()
                .join("; ")
        }
        _ => String::new(),
    }
}

/// The readable table `resim validate` and `resim calibrate` print.
pub fn table(results: &[TargetResult]) -> String {
    let width = results
        .iter()
        .map(|r| r.target.id.len())
        .max()
        .unwrap_or(6)
        .max(6);
    let mut out = format!(
        "{:<width$}  {:>9}  {:<14}  {:>9}  {:<18}  {}\n",
        "target", "published", "band", "simulated", "95% MC interval", "result"
    );
    for r in results {
        let t = &r.target;
        let (sim, ci) = match &r.simulated {
            Some(s) => (fmt3(s.mean), format!("[{}, {}]", fmt3(s.lo), fmt3(s.hi))),
            None => ("—".into(), String::new()),
        };
        let verdict = match &r.status {
            Status::Pass => "pass".to_string(),
            Status::Fail => "FAIL".to_string(),
            Status::Unknown => "unknown id: not measured".to_string(),
            Status::NotMeasured(_) => "not measured on this scenario".to_string(),
        };
        out.push_str(&format!(
            "{:<width$}  {:>9}  {:<14}  {:>9}  {:<18}  {}\n",
            t.id,
            trim(t.value),
            band(t.low, t.high),
            sim,
            ci,
            verdict
        ));
        if r.all.len() > 1 {
            for (s, p) in r.all.iter().zip(r.measure.map(|m| m.parts).unwrap_or(&[])) {
                out.push_str(&format!(
                    "{:<width$}  {:>9}  {:<14}  {:>9}  {:<18}  {}\n",
                    "",
                    "",
                    "",
                    fmt3(s.mean),
                    format!("[{}, {}]", fmt3(s.lo), fmt3(s.hi)),
                    short(p)
                ));
            }
        }
    }
    out
}

fn short(p: &measures::Part) -> String {
    match p {
        measures::Part::Effect { outcome, .. } => format!("  ({outcome})"),
        _ => String::new(),
    }
}

/// One line that sums up the verdicts.
pub fn summary_line(results: &[TargetResult]) -> String {
    let count = |s: fn(&Status) -> bool| results.iter().filter(|r| s(&r.status)).count();
    let pass = count(|s| *s == Status::Pass);
    let failed: Vec<&str> = results
        .iter()
        .filter(|r| r.status == Status::Fail)
        .map(|r| r.target.id.as_str())
        .collect();
    let measured = pass + failed.len();
    let mut line = format!("{pass} of {measured} measured targets within their band");
    if !failed.is_empty() {
        line.push_str(&format!("; outside: {}", failed.join(", ")));
    }
    let unknown: Vec<&str> = results
        .iter()
        .filter(|r| r.status == Status::Unknown)
        .map(|r| r.target.id.as_str())
        .collect();
    if !unknown.is_empty() {
        line.push_str(&format!(
            "; unknown ids (no measurement in the model, not measured): {}",
            unknown.join(", ")
        ));
    }
    let not: Vec<&str> = results
        .iter()
        .filter(|r| matches!(r.status, Status::NotMeasured(_)))
        .map(|r| r.target.id.as_str())
        .collect();
    if !not.is_empty() {
        line.push_str(&format!(
            "; not measurable on this scenario: {}",
            not.join(", ")
        ));
    }
    line
}

/// `validation.csv`: one row per target.
pub fn csv(results: &[TargetResult], scenario: &str) -> Vec<u8> {
    let mut rows = vec![COLUMNS.split(',').map(String::from).collect::<Vec<_>>()];
    for r in results {
        let t = &r.target;
        let s = r.simulated;
        let get = |f: fn(&super::Simulated) -> f64| s.as_ref().map_or("NA".into(), |s| num(f(s)));
        rows.push(vec![
            t.id.clone(),
            t.statistic.clone(),
            num(t.value),
            num(t.low),
            num(t.high),
            get(|s| s.mean),
            get(|s| s.lo),
            get(|s| s.hi),
            get(|s| s.sd),
            s.map_or("NA".into(), |s| s.n.to_string()),
            r.status.word().to_string(),
            scenario.to_string(),
            r.measure
                .map(|m| m.describe())
                .unwrap_or_else(|| "NA".into()),
            note(r),
            t.source.clone(),
        ]);
    }
    to_bytes(rows)
}
