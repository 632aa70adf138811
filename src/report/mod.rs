//! The HTML report of a results directory: charts of resilience and
//! depressive symptoms over the weeks, forest plots of Hedges' g, cost
//! against effect, plain-language findings and how to reproduce the run.
//!
//! [`write_report`] reads `effects.csv`, `trajectories.csv`,
//! `strategies.csv` and `manifest.json` from a directory written by
//! `resim run` and writes `report.html` (one self-contained file, charts as
//! inline SVG) and each chart as its own file under `plots/`, atomically.

pub mod charts;
pub mod data;
pub mod html;
pub mod words;

use std::path::{Path, PathBuf};

use charts::{Band, Chart, ForestRow, series_style};
pub use data::ReportData;

use crate::model::OUTCOMES;
use crate::output::{self, OutputError};
use crate::population::SUBGROUPS;

/// Why a report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// Bad input: a missing or malformed results directory, an unknown name.
    #[error("{0}")]
    Input(String),
    /// Writing a file failed (or would replace one without `force`).
    #[error(transparent)]
    Output(#[from] OutputError),
    /// A chart could not be drawn.
    #[error("{0}")]
    Internal(String),
}

impl From<crate::output::ReadError> for ReportError {
    /// A result file that does not read back names file, line and column.
    fn from(e: crate::output::ReadError) -> Self {
        ReportError::Input(e.to_string())
    }
}

/// What the report shows besides every strategy and outcome.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// Subgroup shown beside all students [default: `left_behind` if present, else `all`].
    pub subgroup: Option<String>,
    /// Outcome of the per-subgroup forest plot [default: `resilience`].
    pub outcome: Option<String>,
    /// Replace an existing `report.html`.
    pub force: bool,
}

/// The charts of a report, by section.
#[derive(Debug, Clone)]
pub struct Charts {
    /// Resilience over the weeks: all students, then the subgroup.
    pub resilience: Vec<Chart>,
    /// Depressive-symptom prevalence over the weeks: all students, then the subgroup.
    pub depressive: Vec<Chart>,
    /// Forest plots: every outcome, then the chosen outcome by subgroup.
    pub forest: Vec<Chart>,
    /// Cost against effect.
    pub cost: Chart,
    /// Acceptability curves, one per effect measure (only for runs with
    /// parameter uncertainty).
    pub acceptability: Vec<Chart>,
}

impl Charts {
    /// Every chart, in page order.
    pub fn all(&self) -> impl Iterator<Item = &Chart> {
        self.resilience
            .iter()
            .chain(&self.depressive)
            .chain(&self.forest)
            .chain(std::iter::once(&self.cost))
            .chain(&self.acceptability)
    }
}

fn valid_list(names: impl Iterator<Item = &'static str>) -> String {
    names
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks `--subgroup` and `--outcome` names (before a run, so a typo fails fast).
pub fn check_names(subgroup: Option<&str>, outcome: Option<&str>) -> Result<(), ReportError> {
    if let Some(s) = subgroup
        && !SUBGROUPS.iter().any(|g| g.name == s)
    {
        return Err(ReportError::Input(format!(
            "--subgroup `{s}`: unknown subgroup; valid: {}",
            valid_list(SUBGROUPS.iter().map(|g| g.name))
        )));
    }
    if let Some(o) = outcome
        && !OUTCOMES.iter().any(|x| x.name == o)
    {
        return Err(ReportError::Input(format!(
            "--outcome `{o}`: unknown outcome; valid: {}",
            valid_list(OUTCOMES.iter().map(|x| x.name))
        )));
    }
    Ok(())
}

fn chart(file: String, title: String, caption: &str, svg: String) -> Chart {
    Chart {
        file,
        title,
        caption: caption.into(),
        svg,
    }
}

/// Draws every chart of the report.
pub fn draw_charts(
    data: &ReportData,
    subgroup: &str,
    outcome: &str,
) -> Result<Charts, ReportError> {
    let groups: Vec<&str> = if subgroup == "all" {
        vec!["all"]
    } else {
        vec!["all", subgroup]
    };
    let mut resilience = Vec::new();
    let mut depressive = Vec::new();
    for g in &groups {
        let who = words::subgroup_phrase(g);
        if let Some(svg) = charts::trajectory_chart(
            data,
            g,
            "resilience",
            Band::Percentiles,
            "resilience (0–100 points)",
        )? {
            resilience.push(chart(
                format!("resilience_{g}.svg"),
                format!("Resilience of {who}, week by week"),
                "Lines: mean resilience under each strategy; shaded bands: 10th to 90th percentile of students. Higher is better.",
                svg,
            ));
        }
        if let Some(svg) = charts::trajectory_chart(
            data,
            g,
            "depressive",
            Band::Percent,
            "with depressive symptoms (% of students)",
        )? {
            depressive.push(chart(
                format!("depressive_{g}.svg"),
                format!("Share of {who} with depressive symptoms, week by week"),
                "Lines: share of students whose distress is above the clinical threshold under each strategy. Lower is better.",
                svg,
            ));
        }
    }
    let base = data.baseline_index();
    let others: Vec<(usize, &str)> = data
        .strategies
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != base)
        .map(|(i, s)| (i, s.name.as_str()))
        .collect();
    let mut rows = Vec::new();
    for o in OUTCOMES {
        for &(i, s) in &others {
            if let Some(e) = data.effect(s, "all", o.name) {
                rows.push(ForestRow {
                    label: format!("{} · {s}", o.name),
                    g: e.g,
                    lo: e.g_lo,
                    hi: e.g_hi,
                    style: series_style(i, base),
                });
            }
        }
    }
    let x_desc = "Hedges' g vs baseline, in standard deviations (positive = better)";
    let mut forest = Vec::new();
    if let Some(svg) = charts::forest("forest_outcomes", &rows, x_desc)? {
        forest.push(chart(
            "forest_outcomes.svg".into(),
            "Effect on every outcome, all students".into(),
            "Dots: Hedges' g of each strategy against the baseline at the end of the run; bars: 95 % intervals. Right of the dashed line is better.",
            svg,
        ));
    }
    let mut rows = Vec::new();
    for g in SUBGROUPS {
        for &(i, s) in &others {
            if let Some(e) = data.effect(s, g.name, outcome) {
                rows.push(ForestRow {
                    label: format!("{} · {s}", g.name),
                    g: e.g,
                    lo: e.g_lo,
                    hi: e.g_hi,
                    style: series_style(i, base),
                });
            }
        }
    }
    if let Some(svg) = charts::forest("forest_subgroups", &rows, x_desc)? {
        forest.push(chart(
            format!("forest_subgroups_{outcome}.svg"),
            format!("Effect on {outcome} in every subgroup"),
            "Dots: Hedges' g of each strategy against the baseline within each subgroup; bars: 95 % intervals. Right of the dashed line is better.",
            svg,
        ));
    }
    let dominated = words::dominated(&data.strategies);
    let cost = chart(
        "cost_effect.svg".into(),
        "Cost against effect on resilience, all students".into(),
        "Each dot is a strategy with the 95 % interval of its resilience gain; hollow dots are dominated strategies (another costs less and is at least as effective). The dashed line joins the strategies that are not dominated.",
        charts::cost_effect(data, &dominated)?,
    );
    let econ = data.run.scenario.as_ref().map(|sc| &sc.params.economics);
    let mut acceptability = Vec::new();
    for (measure, unit, reference) in [
        (
            "resilience_points",
            "resilience point gained",
            econ.map(|e| e.wtp_resilience_point as f64),
        ),
        (
            "cases_averted",
            "case of depressive symptoms averted",
            econ.map(|e| e.wtp_case_averted as f64),
        ),
    ] {
        let x_desc = format!("willingness to pay per {unit}");
        if let Some(svg) = charts::acceptability_chart(data, measure, &x_desc, reference)? {
            acceptability.push(chart(
                format!("ceac_{measure}.svg"),
                format!("How likely each strategy is the best buy, per {unit}"),
                "Lines: the share of parameter draws in which each strategy has the highest net monetary benefit, at each willingness to pay; dots: the strategy with the highest expected net benefit there (the acceptability frontier, the one to choose); dashed line: the scenario's reference willingness to pay.",
                svg,
            ));
        }
    }
    Ok(Charts {
        resilience,
        depressive,
        forest,
        cost,
        acceptability,
    })
}

/// Reads the results in `dir` and writes `dir/report.html` and `dir/plots/*.svg`;
/// returns the path of the report.
pub fn write_report(dir: &Path, opts: &ReportOptions) -> Result<PathBuf, ReportError> {
    check_names(opts.subgroup.as_deref(), opts.outcome.as_deref())?;
    if !dir.is_dir() {
        return Err(ReportError::Input(format!(
            "{} is not a directory; give a directory written by `resim run`",
            dir.display()
        )));
    }
    // Locked while the results are read and the report written.
    let claimed = output::OutputDir::claim_existing(dir)?;
    let target = dir.join("report.html");
    if target.exists() && !opts.force {
        return Err(ReportError::Input(format!(
            "{} exists; pass --force to replace it",
            target.display()
        )));
    }
    let data = ReportData::from_dir(dir)?;
    let present: Vec<&str> = SUBGROUPS
        .iter()
        .map(|g| g.name)
        .filter(|g| data.has_subgroup(g))
        .collect();
    let subgroup = match &opts.subgroup {
        Some(s) if present.contains(&s.as_str()) => s.clone(),
        Some(s) => {
            return Err(ReportError::Input(format!(
                "--subgroup `{s}`: no students in this subgroup in {}; subgroups with students: {}",
                dir.display(),
                valid_list(present.into_iter())
            )));
        }
        None if present.contains(&"left_behind") => "left_behind".into(),
        None => "all".into(),
    };
    let outcome = opts.outcome.clone().unwrap_or_else(|| "resilience".into());
    if !data.effects.iter().any(|e| e.outcome == outcome) {
        return Err(ReportError::Input(format!(
            "--outcome `{outcome}`: {} has no results for it",
            dir.join("effects.csv").display()
        )));
    }
    let charts = draw_charts(&data, &subgroup, &outcome)?;
    let page = html::page(&data, &subgroup, &outcome, &charts);
    // The plots directory belongs to the report: its files are replaced
    // by name; it must be a real directory inside `dir`.
    let plots = output::real_dir(dir, Path::new("plots"))?;
    for c in charts.all() {
        output::write_atomic(&plots.join(&c.file), c.svg.as_bytes())?;
    }
    output::write_atomic(&target, page.as_bytes())?;
    drop(claimed);
    Ok(target)
}
