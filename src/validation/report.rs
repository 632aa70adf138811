//! The validation table and `validation.csv`.

use serde::{Deserialize, Serialize};

use super::evaluate::{Status, TargetResult};
use super::measures;
use super::targets::Role;
use crate::output::{ReadError, read_rows, to_csv};

/// One row of `validation.csv` (and of `fit.csv`, written by `resim
/// calibrate`): a published target and what the model gives for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValidationRow {
    /// The target's id (names its measurement).
    pub id: String,
    /// `calibration` (may be used for fitting) or `out_of_sample` (never
    /// used for fitting), from the targets file's `role` column.
    pub role: String,
    /// The statistic, e.g. `standardised mean difference`.
    pub statistic: String,
    /// The published value.
    #[serde(with = "crate::output::na")]
    pub published: f64,
    /// Lower end of the target's tolerance band.
    #[serde(with = "crate::output::na")]
    pub low: f64,
    /// Upper end of the target's tolerance band.
    #[serde(with = "crate::output::na")]
    pub high: f64,
    /// Simulated value: the mean over replicates (`NA` when not measured).
    #[serde(with = "crate::output::na")]
    pub simulated: Option<f64>,
    /// Lower end of the 95 % Monte Carlo interval of `simulated`.
    #[serde(with = "crate::output::na")]
    pub simulated_lo: Option<f64>,
    /// Upper end of the 95 % Monte Carlo interval of `simulated`.
    #[serde(with = "crate::output::na")]
    pub simulated_hi: Option<f64>,
    /// Standard deviation of the statistic between replicates.
    #[serde(with = "crate::output::na")]
    pub simulated_sd: Option<f64>,
    /// Replicates with a finite value of the statistic.
    #[serde(with = "crate::output::na")]
    pub replicates: Option<u64>,
    /// `pass` (the simulated mean lies in the band), `FAIL`, `unknown` (no
    /// measurement for this id) or `not_measured` (not on this scenario).
    pub result: String,
    /// Name of the scenario simulated.
    pub scenario: String,
    /// How the model measures the target, with the weeks it reads (`NA` for
    /// an unknown id).
    #[serde(with = "crate::output::na")]
    pub measured_as: Option<String>,
    /// Each value of a multi-part target, or why it was not measured; often
    /// empty.
    pub note: String,
    /// Where the target was published.
    pub source: String,
    /// Where the figure stands in the publication (the targets file's
    /// `where` column; often empty).
    #[serde(rename = "where")]
    pub location: String,
}

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
            "no measurement is known for this id{}; known ids: {}",
            measures::nearest_id(&r.target.id)
                .map(|n| format!(" (did you mean `{n}`?)"))
                .unwrap_or_default(),
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

/// The readable table `resim validate` and `resim calibrate` print: the
/// calibration targets, then the out-of-sample ones (each part present).
pub fn table(results: &[TargetResult]) -> String {
    let width = results
        .iter()
        .map(|r| r.target.id.len())
        .max()
        .unwrap_or(6)
        .max(6);
    let header = format!(
        "{:<width$}  {:>9}  {:<16}  {:>9}  {:<18}  {}\n",
        "target", "published", "band", "simulated", "95% MC interval", "result"
    );
    let groups = [
        (
            Role::Calibration,
            "Calibration targets (may be used for fitting)",
        ),
        (
            Role::OutOfSample,
            "Out-of-sample patterns (never used for fitting)",
        ),
    ];
    let present: Vec<_> = groups
        .iter()
        .filter(|(role, _)| results.iter().any(|r| r.target.meta.role == *role))
        .collect();
    let mut out = String::new();
    for (k, (role, title)) in present.iter().enumerate() {
        if present.len() > 1 {
            if k > 0 {
                out.push('\n');
            }
            out.push_str(title);
            out.push('\n');
        }
        out.push_str(&header);
        for r in results.iter().filter(|r| r.target.meta.role == *role) {
            row(&mut out, r, width);
        }
    }
    out
}

fn row(out: &mut String, r: &TargetResult, width: usize) {
    let t = &r.target;
    let (sim, ci) = match &r.simulated {
        Some(s) => (fmt3(s.mean), format!("[{}, {}]", fmt3(s.lo), fmt3(s.hi))),
        None => ("—".into(), String::new()),
    };
    let verdict = match &r.status {
        Status::Pass => "pass".to_string(),
        Status::Fail => "FAIL".to_string(),
        Status::Unknown => "unknown id: not measured".to_string(),
        Status::NotMeasured(_) => format!("not measured on {}", r.scenario),
    };
    out.push_str(&format!(
        "{:<width$}  {:>9}  {:<16}  {:>9}  {:<18}  {}\n",
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
                "{:<width$}  {:>9}  {:<16}  {:>9}  {:<18}  {}\n",
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

fn short(p: &measures::Part) -> String {
    match p {
        measures::Part::Effect { outcome, .. } => format!("  ({outcome})"),
        _ => String::new(),
    }
}

/// One line that sums up the verdicts, per role when both are present.
pub fn summary_line(results: &[TargetResult]) -> String {
    let roles: Vec<Role> = [Role::Calibration, Role::OutOfSample]
        .into_iter()
        .filter(|role| results.iter().any(|r| r.target.meta.role == *role))
        .collect();
    let mut parts = Vec::new();
    for role in &roles {
        let these: Vec<&TargetResult> = results
            .iter()
            .filter(|r| r.target.meta.role == *role)
            .collect();
        let pass = these.iter().filter(|r| r.status == Status::Pass).count();
        let failed: Vec<&str> = these
            .iter()
            .filter(|r| r.status == Status::Fail)
            .map(|r| r.target.id.as_str())
            .collect();
        let measured = pass + failed.len();
        let what = match (roles.len(), role) {
            (1, _) => "measured targets",
            (_, Role::Calibration) => "measured calibration targets",
            (_, Role::OutOfSample) => "measured out-of-sample patterns",
        };
        let mut line = format!("{pass} of {measured} {what} within their band");
        if !failed.is_empty() {
            line.push_str(&format!("; outside: {}", failed.join(", ")));
        }
        parts.push(line);
    }
    let mut line = parts.join("; ");
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
        line.push_str(&format!("; not measurable: {}", not.join(", ")));
    }
    line
}

/// How a result was measured, with the weeks each part read.
fn measured_as(r: &TargetResult) -> Option<String> {
    let m = r.measure?;
    if r.reads.is_empty() {
        return Some(m.describe());
    }
    Some(format!("{} ({})", m.describe(), r.reads.join("; ")))
}

/// The rows of `validation.csv`: one per target, in the targets' order.
pub fn rows(results: &[TargetResult]) -> Vec<ValidationRow> {
    results
        .iter()
        .map(|r| {
            let t = &r.target;
            let s = r.simulated;
            ValidationRow {
                id: t.id.clone(),
                role: t.meta.role.word().to_string(),
                statistic: t.statistic.clone(),
                published: t.value,
                low: t.low,
                high: t.high,
                simulated: s.map(|s| s.mean),
                simulated_lo: s.map(|s| s.lo),
                simulated_hi: s.map(|s| s.hi),
                simulated_sd: s.map(|s| s.sd),
                replicates: s.map(|s| s.n),
                result: r.status.word().to_string(),
                scenario: r.scenario.clone(),
                measured_as: measured_as(r),
                note: note(r),
                source: t.source.clone(),
                location: t.meta.location.clone(),
            }
        })
        .collect()
}

/// `validation.csv`: one row per target.
pub fn csv(results: &[TargetResult]) -> Vec<u8> {
    to_csv(&rows(results))
}

/// Reads `validation.csv` (or `fit.csv`) back; `file` names it in messages.
pub fn read_csv(file: &str, bytes: &[u8]) -> Result<Vec<ValidationRow>, ReadError> {
    read_rows(file, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tidy::{columns, documented_columns};

    fn measured() -> ValidationRow {
        ValidationRow {
            id: "fs_programme_mental_health".into(),
            role: "calibration".into(),
            statistic: "standardised mean difference".into(),
            published: 0.39,
            low: 0.28,
            high: 0.5,
            simulated: Some(0.377389),
            simulated_lo: Some(0.370441),
            simulated_hi: Some(0.384337),
            simulated_sd: Some(0.017366),
            replicates: Some(24),
            result: "pass".into(),
            scenario: "meta_analysis_trial".into(),
            measured_as: Some(
                "Hedges' g of [a+b] vs usual practice on distress (all), last week".into(),
            ),
            note: String::new(),
            source: "Sheridan et al. (2019), pooled delta = 0.391".into(),
            location: String::new(),
        }
    }

    #[test]
    fn validation_csv_round_trips_with_na_for_what_was_not_measured() {
        let unknown = ValidationRow {
            id: "made_up_finding".into(),
            simulated: None,
            simulated_lo: None,
            simulated_hi: None,
            simulated_sd: None,
            replicates: None,
            result: "unknown".into(),
            measured_as: None,
            note: "no measurement is known for this id; known ids: a, b".into(),
            ..measured()
        };
        let rows = vec![measured(), unknown];
        let bytes = to_csv(&rows);
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert_eq!(
            text.lines().nth(2),
            Some(
                "made_up_finding,calibration,standardised mean difference,0.39,0.28,0.5,NA,NA,NA,NA,NA,unknown,meta_analysis_trial,NA,\"no measurement is known for this id; known ids: a, b\",\"Sheridan et al. (2019), pooled delta = 0.391\","
            )
        );
        assert_eq!(read_csv("validation.csv", &bytes).unwrap(), rows);
    }

    #[test]
    fn validation_csv_has_the_columns_the_readme_documents() {
        assert_eq!(
            documented_columns("validation.csv"),
            columns::<ValidationRow>()
        );
        assert_eq!(documented_columns("fit.csv"), columns::<ValidationRow>());
    }
}
