//! The report page: one self-contained HTML file with the charts inline,
//! every word from the report's message catalogue in the language asked for.

use std::fmt::Write;

use super::Charts;
use super::charts::Chart;
use super::data::ReportData;
use super::words::{self, num, signed, subgroup_phrase};
use crate::i18n::{self, Lang};

/// Escapes text for HTML.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
body { background: #fff; color: #111; font-family: sans-serif; font-size: 16px; line-height: 1.5; margin: 0; }
main { max-width: 1000px; margin: 0 auto; padding: 24px; }
h1 { font-size: 28px; margin-bottom: 4px; }
h2 { font-size: 22px; border-bottom: 2px solid #111; padding-bottom: 4px; margin-top: 40px; }
figure { margin: 24px 0; break-inside: avoid; page-break-inside: avoid; }
figure svg { width: 100%; height: auto; display: block; border: 1px solid #ccc; }
figcaption { font-size: 15px; color: #333; margin-top: 6px; }
figcaption b { color: #111; }
table { border-collapse: collapse; font-size: 15px; margin: 12px 0; }
th, td { border: 1px solid #bbb; padding: 4px 8px; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
th { background: #eee; }
pre { background: #f6f6f6; border: 1px solid #ccc; padding: 12px; font-size: 13px; overflow-x: auto; white-space: pre-wrap; }
p.finding { border-left: 6px solid #0072b2; padding-left: 12px; }
p.warning { border-left: 6px solid #d55e00; padding-left: 12px; }
.muted { color: #444; }
@media print { main { max-width: none; padding: 0; } h2 { break-after: avoid; } a { color: #111; } }
";

/// The page's words in one language: plain messages (escaped where they
/// go into the page) and `-html` messages, whose arguments are escaped here.
#[derive(Clone, Copy)]
struct Words(Lang);

impl Words {
    /// A message without arguments.
    fn t(self, id: &str) -> String {
        i18n::text(self.0, id, &[])
    }

    /// A message with text arguments.
    fn ta(self, id: &str, args: &[(&str, &str)]) -> String {
        i18n::text(self.0, id, args)
    }

    /// A message holding markup, its arguments escaped.
    fn html(self, id: &str, args: &[(&str, &str)]) -> String {
        let escaped: Vec<(&str, String)> = args.iter().map(|(k, v)| (*k, escape(v))).collect();
        let args: Vec<(&str, &str)> = escaped.iter().map(|(k, v)| (*k, v.as_str())).collect();
        i18n::text(self.0, id, &args)
    }

    fn interval(self, lo: f64, hi: f64) -> String {
        words::interval_in(self.0, lo, hi)
    }

    fn percent(self, share: f64) -> String {
        self.ta("report-percent", &[("value", &num(100.0 * share))])
    }

    fn value_interval(self, value: String, lo: f64, hi: f64) -> String {
        self.ta(
            "report-value-interval",
            &[("value", &value), ("interval", &self.interval(lo, hi))],
        )
    }

    fn who(self, subgroup: &str) -> String {
        subgroup_phrase(self.0, subgroup)
    }
}

fn figure(out: &mut String, w: Words, chart: &Chart) {
    let _ = write!(
        out,
        "<figure id=\"{id}\">\n{svg}\n<figcaption><b>{title}</b> {caption} <span class=\"muted\">{also}</span></figcaption>\n</figure>\n",
        id = escape(chart.file.trim_end_matches(".svg")),
        svg = chart.svg.trim(),
        title = escape(&w.ta("report-figure-title", &[("title", &chart.title)])),
        caption = escape(&chart.caption),
        also = escape(&w.ta("report-also-in", &[("file", &chart.file)])),
    );
}

fn row(out: &mut String, cells: &[(bool, String)]) {
    out.push_str("<tr>");
    for (numeric, c) in cells {
        let class = if *numeric { " class=\"n\"" } else { "" };
        let _ = write!(out, "<td{class}>{}</td>", escape(c));
    }
    out.push_str("</tr>\n");
}

/// A table's header row: each column's name from the catalogue, as it is
/// (the catalogue is the program's own text).
fn header(out: &mut String, columns: &[String]) {
    out.push_str("<tr>");
    for c in columns {
        let _ = write!(out, "<th>{c}</th>");
    }
    out.push_str("</tr>\n");
}

/// The whole report page, its words in `lang`.
pub fn page(
    lang: Lang,
    data: &ReportData,
    subgroup: &str,
    outcome: &str,
    charts: &Charts,
) -> String {
    let w = Words(lang);
    let run = &data.run;
    let mut h = String::new();
    let title = w.ta("report-title", &[("name", &run.name)]);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n",
        lang.code(),
        escape(&title),
        escape(&title)
    );
    if !run.description.is_empty() {
        let _ = writeln!(h, "<p><b>{}</b></p>", escape(&run.description));
    }
    let _ = writeln!(
        h,
        "<p>{}</p>",
        w.html(
            "report-intro-html",
            &[
                ("students", &run.students.to_string()),
                ("strategies", &data.strategies.len().to_string()),
                ("baseline", &run.baseline),
                ("weeks", &data.last_week().to_string()),
                ("replicates", &run.replicates.to_string()),
                ("seed", &run.seed.to_string()),
                ("subgroup", &w.who(subgroup)),
            ],
        )
    );
    // A burn-in too short to settle: said before any figure is read.
    if let Some(check) = run.steady_state.as_ref().filter(|c| !c.ok()) {
        let _ = writeln!(
            h,
            "<p class=\"warning\" id=\"steady-state\">{}</p>",
            w.html(
                "report-steady-state-warning-html",
                &[("line", &check.message().render(lang))]
            )
        );
    }
    let _ = writeln!(h, "<nav>{}</nav>", w.t("report-contents-html"));

    let _ = writeln!(
        h,
        "<section id=\"findings\">\n<h2>{}</h2>",
        w.t("report-findings-heading")
    );
    let findings = words::findings_in(lang, data, subgroup);
    if findings.is_empty() {
        let _ = writeln!(h, "<p>{}</p>", w.t("report-nothing-to-compare"));
    }
    for (name, text) in &findings {
        let _ = writeln!(
            h,
            "<p class=\"finding\" data-strategy=\"{}\">{}</p>",
            escape(name),
            escape(text)
        );
    }
    h.push_str("</section>\n");

    let _ = writeln!(
        h,
        "<section id=\"trajectories\">\n<h2>{}</h2>",
        w.t("report-trajectories-heading")
    );
    charts.resilience.iter().for_each(|c| figure(&mut h, w, c));
    let _ = writeln!(
        h,
        "</section>\n<section id=\"depressive\">\n<h2>{}</h2>",
        w.t("report-depressive-heading")
    );
    charts.depressive.iter().for_each(|c| figure(&mut h, w, c));
    let _ = writeln!(
        h,
        "</section>\n<section id=\"effects\">\n<h2>{}</h2>",
        w.t("report-effects-heading")
    );
    let _ = writeln!(
        h,
        "<p>{}</p>",
        w.html(
            "report-effects-intro-html",
            &[("outcome", &words::outcome_label(lang, outcome))]
        )
    );
    charts.forest.iter().for_each(|c| figure(&mut h, w, c));
    h.push_str("</section>\n");
    cost_section(&mut h, w, data, charts);
    decision_section(&mut h, w, data, charts);
    equity_section(&mut h, w, data);
    reproduce_section(&mut h, w, data);
    h.push_str("</main>\n</body>\n</html>\n");
    h
}

fn cost_section(h: &mut String, w: Words, data: &ReportData, charts: &Charts) {
    let _ = writeln!(
        h,
        "<section id=\"cost\">\n<h2>{}</h2>\n<p>{}</p>",
        w.t("report-cost-heading"),
        w.t("report-dominated-intro-html")
    );
    figure(h, w, &charts.cost);
    h.push_str("<table>\n");
    header(
        h,
        &[
            "report-col-strategy",
            "report-col-components",
            "report-col-cost-year",
            "report-col-teacher-hours",
            "report-col-gain",
            "report-col-depressive-end",
            "report-col-averted",
            "report-col-dominated",
        ]
        .map(|id| w.t(id)),
    );
    let dominated = words::dominated(&data.strategies);
    for (s, d) in data.strategies.iter().zip(&dominated) {
        row(
            h,
            &[
                (false, s.name.clone()),
                (false, s.components.replace('+', " + ")),
                (true, num(s.cost_per_student_year)),
                (true, num(s.teacher_hours_per_class_term)),
                (
                    true,
                    w.value_interval(
                        signed(s.resilience_gain),
                        s.resilience_gain_lo,
                        s.resilience_gain_hi,
                    ),
                ),
                (true, w.percent(s.depressive_prevalence)),
                (true, num(s.cases_averted_per_100)),
                (false, w.t(if *d { "report-yes" } else { "report-no" })),
            ],
        );
    }
    h.push_str("</table>\n</section>\n");
}

/// Cost-effectiveness: the efficiency frontier, ICERs and net monetary
/// benefit of every strategy on each effect measure (`decision.csv`).
fn decision_section(h: &mut String, w: Words, data: &ReportData, charts: &Charts) {
    let Some(first) = data.decision.first() else {
        return;
    };
    let _ = writeln!(
        h,
        "<section id=\"decision\">\n<h2>{}</h2>",
        w.t("report-decision-heading")
    );
    let vary = w.t(if first.draws_vary == "parameters+replicates" {
        "report-draws-vary-parameters-html"
    } else {
        "report-draws-vary-chance-html"
    });
    let _ = writeln!(
        h,
        "<p>{}</p>",
        // `vary` is a message of its own, markup and all.
        i18n::text(
            w.0,
            "report-decision-intro-html",
            &[("draws", &first.draws.to_string()), ("vary", &vary)],
        )
    );
    for measure in ["resilience_points", "cases_averted"] {
        let rows: Vec<_> = data
            .decision
            .iter()
            .filter(|r| r.measure == measure)
            .collect();
        let Some(r0) = rows.first() else { continue };
        let _ = writeln!(
            h,
            "<h3>{}</h3>\n<table>",
            escape(&w.t(&format!("report-measure-heading-{measure}")))
        );
        header(
            h,
            &[
                w.t("report-col-strategy"),
                w.t("report-col-cost-student"),
                w.t("report-col-effect"),
                w.t("report-col-status"),
                w.t("report-col-icer"),
                w.html("report-col-net-benefit", &[("wtp", &num(r0.wtp))]),
                w.t("report-col-probability-best"),
            ],
        );
        for r in rows {
            let status = match r.status.as_str() {
                "frontier" => w.t("report-status-frontier"),
                "dominated" => w.ta("report-status-dominated", &[("by", &r.dominated_by)]),
                _ => {
                    let by = r
                        .dominated_by
                        .split('+')
                        .map(str::to_string)
                        .reduce(|a, b| w.ta("report-and", &[("first", &a), ("second", &b)]))
                        .unwrap_or_default();
                    w.ta("report-status-extended", &[("by", &by)])
                }
            };
            row(
                h,
                &[
                    (false, r.strategy.clone()),
                    (true, num(r.cost)),
                    (true, signed(r.effect)),
                    (false, status),
                    (true, r.icer.map_or_else(|| w.t("report-none"), num)),
                    (
                        true,
                        w.value_interval(signed(r.inc_nmb), r.inc_nmb_lo, r.inc_nmb_hi),
                    ),
                    (true, w.percent(r.prob_best)),
                ],
            );
        }
        h.push_str("</table>\n");
    }
    acceptability_part(h, w, data, charts);
    h.push_str("</section>\n");
}

/// How sure the choice is: acceptability curves and the value of perfect
/// information (`ceac.csv`, `evpi.csv`) when the run drew its parameters,
/// else why there are none.
fn acceptability_part(h: &mut String, w: Words, data: &ReportData, charts: &Charts) {
    let _ = writeln!(
        h,
        "<h3 id=\"acceptability\">{}</h3>",
        w.t("report-acceptability-heading")
    );
    let Some(first) = data.ceac.first() else {
        let _ = writeln!(h, "<p>{}</p>", w.t("report-acceptability-none-html"));
        return;
    };
    let mut intro = w.html(
        "report-acceptability-intro-html",
        &[("draws", &first.draws.to_string())],
    );
    if first.draws < 500 {
        intro.push_str(&w.t("report-sentence-gap"));
        intro.push_str(&w.t("report-acceptability-rough-html"));
    }
    let _ = writeln!(h, "<p>{intro}</p>");
    charts.acceptability.iter().for_each(|c| figure(h, w, c));
    let econ = data.run.scenario.as_ref().map(|sc| &sc.params.economics);
    let _ = writeln!(h, "<p>{}</p>\n<table>", w.t("report-evpi-intro-html"));
    header(
        h,
        &[
            "report-col-measure",
            "report-col-wtp",
            "report-col-choice",
            "report-col-probability-it-is-best",
            "report-col-evpi-student",
            "report-col-evpi-population",
        ]
        .map(|id| w.t(id)),
    );
    for (measure, reference) in [
        (
            "resilience_points",
            econ.map(|e| e.wtp_resilience_point as f64),
        ),
        ("cases_averted", econ.map(|e| e.wtp_case_averted as f64)),
    ] {
        let Some(wtp) = reference else { continue };
        let value = data
            .evpi
            .iter()
            .find(|r| r.measure == measure && r.wtp == wtp);
        let best = data
            .ceac
            .iter()
            .find(|r| r.measure == measure && r.wtp == wtp && r.on_frontier);
        if let (Some(v), Some(b)) = (value, best) {
            row(
                h,
                &[
                    (false, w.t(&format!("report-measure-{measure}"))),
                    (true, num(wtp)),
                    (false, v.optimal.clone()),
                    (true, w.percent(b.prob_best)),
                    (true, num(v.evpi_per_student)),
                    (
                        true,
                        w.ta(
                            "report-evpi-population",
                            &[
                                ("value", &num(v.evpi_population)),
                                ("students", &v.students.to_string()),
                            ],
                        ),
                    ),
                ],
            );
        }
    }
    h.push_str("</table>\n");
}

/// The gaps between groups that each strategy narrows or widens, on
/// resilience and depressive symptoms (`equity.csv` has every outcome).
fn equity_section(h: &mut String, w: Words, data: &ReportData) {
    if data.equity.is_empty() {
        return;
    }
    let _ = writeln!(
        h,
        "<section id=\"equity\">\n<h2>{}</h2>\n<p>{}</p>\n<table>",
        w.t("report-equity-heading"),
        w.t("report-equity-intro-html")
    );
    header(
        h,
        &[
            "report-col-strategy",
            "report-col-groups",
            "report-col-outcome",
            "report-col-gap-baseline",
            "report-col-gap-change",
            "report-col-favours",
        ]
        .map(|id| w.t(id)),
    );
    for e in data.equity.iter().filter(|e| {
        e.strategy != data.run.baseline && (e.outcome == "resilience" || e.outcome == "depressive")
    }) {
        // Depressive symptoms are shares, shown in percentage points.
        let points = e.outcome == "depressive";
        let scale = if points { 100.0 } else { 1.0 };
        let gap = signed(scale * e.baseline_gap);
        let change = signed(scale * e.gap_change);
        let interval = w.interval(scale * e.gap_change_lo, scale * e.gap_change_hi);
        let favours = match e.favours.as_str() {
            "group" => w.who(&e.group),
            "reference" => w.who(&e.reference),
            _ => w.t("report-favours-neither"),
        };
        row(
            h,
            &[
                (false, e.strategy.clone()),
                (
                    false,
                    w.ta(
                        "report-gap-groups",
                        &[
                            ("group", &w.who(&e.group)),
                            ("reference", &w.who(&e.reference)),
                        ],
                    ),
                ),
                (false, words::outcome_label(w.0, &e.outcome)),
                (
                    true,
                    if points {
                        w.ta("report-gap-points", &[("value", &gap)])
                    } else {
                        gap
                    },
                ),
                (
                    true,
                    w.ta(
                        if points {
                            "report-gap-change-points"
                        } else {
                            "report-gap-change"
                        },
                        &[("value", &change), ("interval", &interval)],
                    ),
                ),
                (false, favours),
            ],
        );
    }
    h.push_str("</table>\n</section>\n");
}

fn reproduce_section(h: &mut String, w: Words, data: &ReportData) {
    let run = &data.run;
    let _ = writeln!(
        h,
        "<section id=\"reproduce\">\n<h2>{}</h2>\n<table>",
        w.t("report-reproduce-heading")
    );
    let recorded = |v: &Option<String>| v.clone().unwrap_or_else(|| w.t("report-not-recorded"));
    let mut items: Vec<(&str, String)> = vec![
        ("report-setting-program", run.program.clone()),
        ("report-setting-version", run.version.clone()),
        ("report-setting-git-commit", recorded(&run.git_commit)),
        (
            "report-setting-parameter-hash",
            recorded(&run.parameter_set_hash),
        ),
        ("report-setting-scenario", run.name.clone()),
        ("report-setting-scenario-file", run.scenario_file.clone()),
        ("report-setting-scenario-hash", run.scenario_hash.clone()),
        ("report-setting-seed", run.seed.to_string()),
        ("report-setting-replicates", run.replicates.to_string()),
        ("report-setting-students", run.students.to_string()),
        ("report-setting-threads", run.threads.to_string()),
    ];
    if let Some(check) = &run.steady_state {
        items.push(("report-setting-steady-state", check.message().render(w.0)));
    }
    for (k, v) in items {
        let _ = writeln!(
            h,
            "<tr><th>{}</th><td>{}</td></tr>",
            escape(&w.t(k)),
            escape(&v)
        );
    }
    h.push_str("</table>\n");
    let _ = writeln!(
        h,
        "<p>{}</p>\n<pre>resim run {} --seed {} --replicates {}</pre>",
        escape(&w.ta("report-reproduce-command", &[("version", &run.version)])),
        escape(&run.scenario_file),
        run.seed,
        run.replicates
    );
    let _ = writeln!(h, "<p>{}</p>", escape(&w.t("report-scenario-as-run")));
    let _ = writeln!(h, "<pre>{}</pre>", escape(&run.scenario_text));
    h.push_str("</section>\n");
}
