//! The results viewer: any results folder under the studio's results
//! folder, read back through [`jobs::saved::open`] (checked against its
//! manifest) — a run's report, a sweep's chart of the effect against each
//! swept parameter, a sensitivity analysis's ranked indices with their
//! intervals — and every file to download.

use std::path::Path;

use serde::Serialize;

use crate::i18n::Lang;
use crate::jobs::{self, SavedKind};
use crate::output::{self, tidy::Table};
use crate::report::words::num;

use super::names;

/// A point of a chart, in picture coordinates, with its interval.
#[derive(Debug, Clone, Serialize)]
pub struct Mark {
    /// Left–right position.
    pub x: f64,
    /// Position of the estimate.
    pub y: f64,
    /// Position of the interval's lower end.
    pub y_lo: f64,
    /// Position of the interval's upper end.
    pub y_hi: f64,
    /// The label under it (a value, or a parameter path).
    pub label: String,
    /// The estimate, formatted.
    pub value: String,
    /// The interval, formatted.
    pub lo: String,
    /// The interval, formatted.
    pub hi: String,
}

/// A chart: a title (a parameter path or an index name) and its marks.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// What is charted.
    pub title: String,
    /// The marks.
    pub marks: Vec<Mark>,
    /// Position of zero.
    pub zero: f64,
}

/// Width and height of a chart's plotting area.
const W: f64 = 560.0;
const H: f64 = 220.0;

fn scale(lo: f64, hi: f64) -> impl Fn(f64) -> f64 {
    let (lo, hi) = if (hi - lo).abs() < 1e-12 {
        (lo - 1.0, hi + 1.0)
    } else {
        (lo, hi)
    };
    move |v: f64| 10.0 + (H - 20.0) * (1.0 - (v - lo) / (hi - lo))
}

/// What the viewer shows of a folder.
#[derive(Debug, Clone, Serialize)]
pub struct View {
    /// The folder's name.
    pub name: String,
    /// `run`, `sweep` or `sensitivity`.
    pub kind: String,
    /// Whether the folder has `report.html`.
    pub has_report: bool,
    /// Charts (sweeps and sensitivity analyses).
    pub charts: Vec<Chart>,
    /// What the charts show: strategy, outcome, subgroup.
    pub output: String,
    /// Every file of the folder, `plots/` included.
    pub files: Vec<String>,
    /// The table's header.
    pub header: Vec<String>,
    /// The table's rows.
    pub rows: Vec<Vec<String>>,
    /// A picture of the folder's own to show (a portfolio search's frontier).
    pub image: String,
    /// A run's steady-state warning (its burn-in too short to settle), in
    /// the page's language; empty when there is none.
    pub warning: String,
}

/// Every file of a results folder that may be downloaded: its own real
/// files and those of `plots/`.
pub fn files(dir: &Path) -> Vec<String> {
    let mut out = names::list(dir, true);
    if let Some(plots) = names::entry(dir, "plots") {
        out.extend(
            names::list(&plots, true)
                .into_iter()
                .map(|f| format!("plots/{f}")),
        );
    }
    out
}

/// Reads the folder `dir` (named `name`) for the viewer.
pub fn view(dir: &Path, name: &str, lang: Lang) -> Result<View, jobs::JobError> {
    let mut v = View {
        name: name.to_string(),
        kind: String::new(),
        has_report: dir.join("report.html").is_file(),
        charts: Vec::new(),
        output: String::new(),
        files: files(dir),
        header: Vec::new(),
        rows: Vec::new(),
        image: String::new(),
        warning: String::new(),
    };
    let set = crate::output::SavedSet::open(dir).map_err(jobs::JobError::from)?;
    if set.json["job"].as_str() == Some("optimise")
        || set.json["command"].as_str() == Some("optimise")
    {
        // A portfolio search: its portfolios, best first, and the frontier.
        v.kind = "optimise".into();
        let bytes = set.read("portfolios.csv").map_err(jobs::JobError::from)?;
        // A damaged file is refused naming its line, in the page's language.
        let table = Table::parse("portfolios.csv", &bytes).map_err(jobs::JobError::from)?;
        v.header = table.headers.iter().map(str::to_string).collect();
        v.rows = table
            .records
            .iter()
            .map(|row| row.iter().map(str::to_string).collect())
            .collect();
        if set.has("frontier.svg") {
            v.image = "frontier.svg".into();
        }
        return Ok(v);
    }
    let saved = jobs::saved::open(dir)?;
    match &saved.kind {
        SavedKind::Run(run) => {
            v.kind = "run".into();
            if let Some(check) = output::recorded_check(&saved.manifest).filter(|c| !c.ok()) {
                v.warning = check.message().render(lang);
            }
            v.header = [
                "name",
                "components",
                "resilience_gain",
                "depressive_prevalence",
                "cost_per_student_year",
                "teacher_hours_per_class_term",
            ]
            .map(String::from)
            .to_vec();
            v.rows = run
                .strategies
                .iter()
                .map(|s| {
                    vec![
                        s.name.clone(),
                        s.components.clone(),
                        num(s.resilience_gain),
                        num(s.depressive_prevalence),
                        num(s.cost_per_student_year),
                        num(s.teacher_hours_per_class_term),
                    ]
                })
                .collect();
        }
        SavedKind::Sweep(sweep) => {
            v.kind = "sweep".into();
            let baseline = saved.manifest["scenario"]["baseline"]
                .as_str()
                .unwrap_or_default();
            let strategy = sweep
                .rows
                .iter()
                .map(|r| r.effect.strategy.as_str())
                .find(|s| *s != baseline)
                .unwrap_or_default()
                .to_string();
            let chosen: Vec<_> = sweep
                .rows
                .iter()
                .filter(|r| {
                    r.effect.strategy == strategy
                        && r.effect.subgroup == "all"
                        && r.effect.outcome == "resilience"
                })
                .collect();
            v.output = format!("{strategy}: resilience, all");
            for (i, p) in sweep.parameters.iter().enumerate() {
                // The main effect: at each value of this parameter, the mean
                // over the other parameters' values.
                let mut groups: Vec<(f64, [f64; 3], f64)> = Vec::new();
                for r in &chosen {
                    let x = r.values[i];
                    let e = &r.effect;
                    match groups.iter_mut().find(|g| g.0 == x) {
                        Some(g) => {
                            g.1[0] += e.diff;
                            g.1[1] += e.diff_lo;
                            g.1[2] += e.diff_hi;
                            g.2 += 1.0;
                        }
                        None => groups.push((x, [e.diff, e.diff_lo, e.diff_hi], 1.0)),
                    }
                }
                groups.sort_by(|a, b| a.0.total_cmp(&b.0));
                let means: Vec<(f64, [f64; 3])> = groups
                    .iter()
                    .map(|(x, s, n)| (*x, [s[0] / n, s[1] / n, s[2] / n]))
                    .collect();
                let lo = means.iter().map(|m| m.1[1]).fold(0.0_f64, f64::min);
                let hi = means.iter().map(|m| m.1[2]).fold(0.0_f64, f64::max);
                let y = scale(lo, hi);
                let (xlo, xhi) = (
                    means.first().map_or(0.0, |p| p.0),
                    means.last().map_or(1.0, |p| p.0),
                );
                let span = if (xhi - xlo).abs() < 1e-12 {
                    1.0
                } else {
                    xhi - xlo
                };
                v.charts.push(Chart {
                    title: p.clone(),
                    zero: y(0.0),
                    marks: means
                        .iter()
                        .map(|(x, m)| Mark {
                            x: 40.0 + (W - 80.0) * (x - xlo) / span,
                            y: y(m[0]),
                            y_lo: y(m[1]),
                            y_hi: y(m[2]),
                            label: crate::sweep::format_value(x.fract() == 0.0, *x),
                            value: num(m[0]),
                            lo: num(m[1]),
                            hi: num(m[2]),
                        })
                        .collect(),
                });
            }
            v.header = sweep
                .parameters
                .iter()
                .cloned()
                .chain(["strategy", "diff", "diff_lo", "diff_hi"].map(String::from))
                .collect();
            v.rows = chosen
                .iter()
                .map(|r| {
                    r.values
                        .iter()
                        .zip(&sweep.parameters)
                        .map(|(x, _)| crate::sweep::format_value(x.fract() == 0.0, *x))
                        .chain([
                            r.effect.strategy.clone(),
                            num(r.effect.diff),
                            num(r.effect.diff_lo),
                            num(r.effect.diff_hi),
                        ])
                        .collect()
                })
                .collect();
        }
        SavedKind::Sensitivity { indices, .. } => {
            v.kind = "sensitivity".into();
            if let Some(first) = indices.first() {
                v.output = format!("{}: {}, {}", first.strategy, first.outcome, first.subgroup);
            }
            for index in ["mu_star", "S1", "ST"] {
                let mut rows: Vec<_> = indices
                    .iter()
                    .filter(|r| r.index == index && r.estimate.is_finite())
                    .collect();
                if rows.is_empty() {
                    continue;
                }
                rows.sort_by(|a, b| b.estimate.total_cmp(&a.estimate));
                let hi = rows
                    .iter()
                    .map(|r| if r.hi.is_finite() { r.hi } else { r.estimate })
                    .fold(0.0_f64, f64::max);
                let lo = rows
                    .iter()
                    .map(|r| if r.lo.is_finite() { r.lo } else { r.estimate })
                    .fold(0.0_f64, f64::min);
                // Bars run left to right: here x is the bar's end.
                let x = |v: f64| {
                    let span = if (hi - lo).abs() < 1e-12 {
                        1.0
                    } else {
                        hi - lo
                    };
                    (W - 40.0) * (v - lo) / span
                };
                v.charts.push(Chart {
                    title: index.to_string(),
                    zero: x(0.0),
                    marks: rows
                        .iter()
                        .enumerate()
                        .map(|(i, r)| Mark {
                            x: x(r.estimate),
                            y: 22.0 * i as f64,
                            y_lo: x(if r.lo.is_finite() { r.lo } else { r.estimate }),
                            y_hi: x(if r.hi.is_finite() { r.hi } else { r.estimate }),
                            label: r.parameter.clone(),
                            value: num(r.estimate),
                            lo: num(r.lo),
                            hi: num(r.hi),
                        })
                        .collect(),
                });
            }
            v.header = ["parameter", "index", "estimate", "lo", "hi"]
                .map(String::from)
                .to_vec();
            v.rows = indices
                .iter()
                .map(|r| {
                    vec![
                        r.parameter.clone(),
                        r.index.clone(),
                        num(r.estimate),
                        num(r.lo),
                        num(r.hi),
                    ]
                })
                .collect();
        }
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::output::fnv1a;

    /// Writes a portfolio search's folder holding `portfolios` as its table,
    /// listed whole in its manifest.
    fn search(dir: &Path, portfolios: &[u8]) {
        std::fs::write(dir.join("portfolios.csv"), portfolios).unwrap();
        let manifest = serde_json::json!({
            "program": "resim",
            "command": "optimise",
            "files": [{
                "name": "portfolios.csv",
                "bytes": portfolios.len(),
                "fnv1a": fnv1a(portfolios),
            }],
        });
        std::fs::write(
            dir.join(crate::output::MANIFEST),
            serde_json::to_vec(&manifest).unwrap(),
        )
        .unwrap();
    }

    /// A portfolio search's table is shown as it is; a ragged row is refused
    /// naming the file and line, in English as before and in Chinese on a
    /// Chinese page.
    #[test]
    fn a_damaged_portfolios_table_names_its_line_in_the_pages_language() {
        let tmp = tempfile::tempdir().unwrap();
        search(tmp.path(), b"rank,portfolio\n1,contact_book\n");
        let v = view(tmp.path(), "search", Lang::En).unwrap();
        assert_eq!(v.kind, "optimise");
        assert_eq!(v.header, ["rank", "portfolio"]);
        assert_eq!(v.rows, [["1", "contact_book"]]);
        search(tmp.path(), b"rank,portfolio\n1,contact_book\n2\n");
        let m = view(tmp.path(), "search", Lang::En).unwrap_err().message();
        crate::problem::assert_worded(&m, "portfolios.csv:3: 1 fields where the header has 2");
        assert_eq!(
            m.render(Lang::ZhCn),
            "portfolios.csv 第 3 行：该行有 1 个字段，而表头有 2 个"
        );
    }
}
