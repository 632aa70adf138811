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

use crate::i18n::{self, Lang};
use crate::model::OUTCOMES;
use crate::output::{self, OutputError};
use crate::population::SUBGROUPS;
use crate::problem::Message;

/// Why a report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// Bad input: a missing or malformed results directory, an unknown
    /// name. A catalogue message (its `Display` is the English the CLI
    /// prints; a front end words it in its language).
    #[error("{0}")]
    Input(Message),
    /// Writing a file failed (or would replace one without `force`).
    #[error(transparent)]
    Output(#[from] OutputError),
    /// A chart could not be drawn: a catalogue message (what the drawing
    /// library said shown as written).
    #[error("{0}")]
    Internal(Message),
}

impl ReportError {
    /// The error as a catalogue message: its English is this error's
    /// `Display`; a front end words it in its language.
    pub fn message(&self) -> Message {
        match self {
            ReportError::Input(m) | ReportError::Internal(m) => m.clone(),
            ReportError::Output(o) => o.message(),
        }
    }
}

impl From<crate::output::ReadError> for ReportError {
    /// A result file that does not read back names file, line and column
    /// (a catalogue message, worded in a page's language).
    fn from(e: crate::output::ReadError) -> Self {
        ReportError::Input(e.message())
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
    /// The language of every word of the report [default: English].
    pub lang: Lang,
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
        return Err(ReportError::Input(
            Message::new("problem-report-subgroup")
                .arg("name", s)
                .arg("valid", valid_list(SUBGROUPS.iter().map(|g| g.name))),
        ));
    }
    if let Some(o) = outcome
        && !OUTCOMES.iter().any(|x| x.name == o)
    {
        return Err(ReportError::Input(
            Message::new("problem-report-outcome")
                .arg("name", o)
                .arg("valid", valid_list(OUTCOMES.iter().map(|x| x.name))),
        ));
    }
    Ok(())
}

fn chart(file: String, title: String, caption: String, svg: String) -> Chart {
    Chart {
        file,
        title,
        caption,
        svg,
    }
}

/// Draws every chart of the report, its words in `lang`.
pub fn draw_charts(
    lang: Lang,
    data: &ReportData,
    subgroup: &str,
    outcome: &str,
) -> Result<Charts, ReportError> {
    let t = |id: &str| i18n::text(lang, id, &[]);
    let groups: Vec<&str> = if subgroup == "all" {
        vec!["all"]
    } else {
        vec!["all", subgroup]
    };
    let mut resilience = Vec::new();
    let mut depressive = Vec::new();
    for g in &groups {
        let who = words::subgroup_phrase(lang, g);
        if let Some(svg) = charts::trajectory_chart(
            lang,
            data,
            g,
            "resilience",
            Band::Percentiles,
            &t("report-chart-resilience-axis"),
        )? {
            resilience.push(chart(
                format!("resilience_{g}.svg"),
                i18n::text(lang, "report-chart-resilience-title", &[("who", &who)]),
                t("report-chart-resilience-caption"),
                svg,
            ));
        }
        if let Some(svg) = charts::trajectory_chart(
            lang,
            data,
            g,
            "depressive",
            Band::Percent,
            &t("report-chart-depressive-axis"),
        )? {
            depressive.push(chart(
                format!("depressive_{g}.svg"),
                i18n::text(lang, "report-chart-depressive-title", &[("who", &who)]),
                t("report-chart-depressive-caption"),
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
    let forest_label = |what: &str, strategy: &str| {
        i18n::text(
            lang,
            "report-chart-forest-label",
            &[("what", what), ("strategy", strategy)],
        )
    };
    let mut rows = Vec::new();
    for o in OUTCOMES {
        for &(i, s) in &others {
            if let Some(e) = data.effect(s, "all", o.name) {
                rows.push(ForestRow {
                    label: forest_label(&words::outcome_label(lang, o.name), s),
                    g: e.g,
                    lo: e.g_lo,
                    hi: e.g_hi,
                    style: series_style(i, base),
                });
            }
        }
    }
    let x_desc = t("report-chart-forest-axis");
    let mut forest = Vec::new();
    if let Some(svg) = charts::forest("forest_outcomes", &rows, &x_desc)? {
        forest.push(chart(
            "forest_outcomes.svg".into(),
            t("report-chart-forest-outcomes-title"),
            t("report-chart-forest-outcomes-caption"),
            svg,
        ));
    }
    let mut rows = Vec::new();
    for g in SUBGROUPS {
        for &(i, s) in &others {
            if let Some(e) = data.effect(s, g.name, outcome) {
                rows.push(ForestRow {
                    label: forest_label(&words::group_label(lang, g.name), s),
                    g: e.g,
                    lo: e.g_lo,
                    hi: e.g_hi,
                    style: series_style(i, base),
                });
            }
        }
    }
    if let Some(svg) = charts::forest("forest_subgroups", &rows, &x_desc)? {
        forest.push(chart(
            format!("forest_subgroups_{outcome}.svg"),
            i18n::text(
                lang,
                "report-chart-forest-subgroups-title",
                &[("outcome", &words::outcome_label(lang, outcome))],
            ),
            t("report-chart-forest-subgroups-caption"),
            svg,
        ));
    }
    let dominated = words::dominated(&data.strategies);
    let cost = chart(
        "cost_effect.svg".into(),
        t("report-chart-cost-title"),
        t("report-chart-cost-caption"),
        charts::cost_effect(lang, data, &dominated)?,
    );
    let econ = data.run.scenario.as_ref().map(|sc| &sc.params.economics);
    let mut acceptability = Vec::new();
    for (measure, reference) in [
        (
            "resilience_points",
            econ.map(|e| e.wtp_resilience_point as f64),
        ),
        ("cases_averted", econ.map(|e| e.wtp_case_averted as f64)),
    ] {
        let unit = t(&format!("report-unit-{measure}"));
        let x_desc = i18n::text(lang, "report-chart-ceac-x", &[("unit", &unit)]);
        if let Some(svg) = charts::acceptability_chart(lang, data, measure, &x_desc, reference)? {
            acceptability.push(chart(
                format!("ceac_{measure}.svg"),
                i18n::text(lang, "report-chart-ceac-title", &[("unit", &unit)]),
                t("report-chart-ceac-caption"),
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
    is_results_dir(dir)?;
    // Locked while the results are read and the report written.
    let claimed = output::OutputDir::claim_existing(dir)?;
    let target = dir.join("report.html");
    if target.exists() && !opts.force {
        return Err(ReportError::Input(
            Message::new("problem-report-exists").arg("file", target.display()),
        ));
    }
    let (charts, page) = compose(dir, opts)?;
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

/// The report page of the results in `dir`, as [`write_report`] would
/// write it, without writing anything (e.g. to show a finished run's
/// report in another language).
pub fn render_report(dir: &Path, opts: &ReportOptions) -> Result<String, ReportError> {
    check_names(opts.subgroup.as_deref(), opts.outcome.as_deref())?;
    is_results_dir(dir)?;
    Ok(compose(dir, opts)?.1)
}

/// `dir` is not a directory, so it holds no results of `resim run`.
pub(crate) fn not_a_directory(dir: &Path) -> ReportError {
    ReportError::Input(Message::new("problem-report-not-a-directory").arg("dir", dir.display()))
}

fn is_results_dir(dir: &Path) -> Result<(), ReportError> {
    if dir.is_dir() {
        Ok(())
    } else {
        Err(not_a_directory(dir))
    }
}

/// Reads the results in `dir` and draws the charts and the page.
fn compose(dir: &Path, opts: &ReportOptions) -> Result<(Charts, String), ReportError> {
    let data = ReportData::from_dir(dir)?;
    let present: Vec<&str> = SUBGROUPS
        .iter()
        .map(|g| g.name)
        .filter(|g| data.has_subgroup(g))
        .collect();
    let subgroup = match &opts.subgroup {
        Some(s) if present.contains(&s.as_str()) => s.clone(),
        Some(s) => {
            return Err(ReportError::Input(
                Message::new("problem-report-subgroup-empty")
                    .arg("name", s)
                    .arg("dir", dir.display())
                    .arg("valid", valid_list(present.into_iter())),
            ));
        }
        None if present.contains(&"left_behind") => "left_behind".into(),
        None => "all".into(),
    };
    let outcome = opts.outcome.clone().unwrap_or_else(|| "resilience".into());
    if !data.effects.iter().any(|e| e.outcome == outcome) {
        return Err(ReportError::Input(
            Message::new("problem-report-outcome-absent")
                .arg("name", &outcome)
                .arg("file", dir.join("effects.csv").display()),
        ));
    }
    let charts = draw_charts(opts.lang, &data, &subgroup, &outcome)?;
    let page = html::page(opts.lang, &data, &subgroup, &outcome, &charts);
    Ok((charts, page))
}

#[cfg(test)]
mod message_tests {
    use super::*;

    /// Each refusal's English, as the CLI printed it before it was typed,
    /// and its Chinese.
    #[test]
    fn refusals_read_as_the_cli_prints_them_in_english_and_in_chinese_on_chinese_pages() {
        let english = |e: &ReportError| match e {
            ReportError::Input(m) => (m.render(Lang::En), m.render(Lang::ZhCn)),
            other => panic!("{other}"),
        };
        let e = check_names(Some("rural_girls"), None).unwrap_err();
        let (en, zh) = english(&e);
        assert_eq!(en, e.to_string());
        assert!(
            en.starts_with("--subgroup `rural_girls`: unknown subgroup; valid: `all`"),
            "{en}"
        );
        assert!(zh.contains("未知的亚组"), "{zh}");
        let e = check_names(None, Some("joy")).unwrap_err();
        let (en, zh) = english(&e);
        assert!(
            en.starts_with("--outcome `joy`: unknown outcome; valid: `"),
            "{en}"
        );
        assert!(zh.contains("未知的结局指标"), "{zh}");
        let dir = tempfile::tempdir().unwrap();
        let none = dir.path().join("none");
        let e = write_report(&none, &ReportOptions::default()).unwrap_err();
        let (en, zh) = english(&e);
        assert_eq!(
            en,
            format!(
                "{} is not a directory; give a directory written by `resim run`",
                none.display()
            )
        );
        assert!(zh.contains("不是文件夹"), "{zh}");
        let e = render_report(dir.path(), &ReportOptions::default()).unwrap_err();
        let (en, zh) = english(&e);
        assert_eq!(
            en,
            format!(
                "cannot read {}: no such file; give a directory written by `resim run` (effects.csv, trajectories.csv, strategies.csv, survey.csv and manifest.json)",
                dir.path().join("manifest.json").display()
            )
        );
        assert!(zh.contains("文件不存在"), "{zh}");
        for m in [
            Message::new("problem-report-exists").arg("file", "r/report.html"),
            Message::new("problem-report-unreadable").with(
                "message",
                crate::input::InputError::Directory {
                    path: "r/effects.csv".into(),
                }
                .message(),
            ),
            Message::new("problem-report-other-command")
                .arg("dir", "r")
                .arg("command", "sweep"),
            Message::new("problem-report-subgroup-empty")
                .arg("name", "left_behind")
                .arg("dir", "r")
                .arg("valid", "`all`"),
            Message::new("problem-report-outcome-absent")
                .arg("name", "resilience")
                .arg("file", "r/effects.csv"),
        ] {
            let (en, zh) = (m.render(Lang::En), m.render(Lang::ZhCn));
            assert_ne!(en, zh, "{}", m.id);
            assert!(en.is_ascii(), "{en}");
        }
    }
}
