//! The report page: one self-contained HTML file with the charts inline.

use std::fmt::Write;

use super::Charts;
use super::charts::Chart;
use super::data::ReportData;
use super::words::{self, interval, num, signed, subgroup_phrase};

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
.muted { color: #444; }
@media print { main { max-width: none; padding: 0; } h2 { break-after: avoid; } a { color: #111; } }
";

fn figure(out: &mut String, chart: &Chart) {
    let _ = write!(
        out,
        "<figure id=\"{id}\">\n{svg}\n<figcaption><b>{title}.</b> {caption} <span class=\"muted\">(also in plots/{file})</span></figcaption>\n</figure>\n",
        id = escape(chart.file.trim_end_matches(".svg")),
        svg = chart.svg.trim(),
        title = escape(&chart.title),
        caption = escape(&chart.caption),
        file = escape(&chart.file),
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

/// The whole report page.
pub fn page(data: &ReportData, subgroup: &str, outcome: &str, charts: &Charts) -> String {
    let run = &data.run;
    let mut h = String::new();
    let title = format!("{} — simulation report", run.name);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n",
        escape(&title),
        escape(&title)
    );
    if !run.description.is_empty() {
        let _ = writeln!(h, "<p><b>{}</b></p>", escape(&run.description));
    }
    let _ = writeln!(
        h,
        "<p>{} students, {} strategies compared with the baseline <b>{}</b> over {} weeks, {} replicates (seed {}). Intervals are 95 % Monte Carlo intervals over replicates. The subgroup shown beside all students is <b>{}</b>.</p>",
        run.students,
        data.strategies.len(),
        escape(&run.baseline),
        data.last_week(),
        run.replicates,
        run.seed,
        escape(&subgroup_phrase(subgroup)),
    );
    h.push_str("<nav><b>Contents:</b> <a href=\"#findings\">findings</a> · <a href=\"#trajectories\">resilience over the weeks</a> · <a href=\"#depressive\">depressive symptoms</a> · <a href=\"#effects\">effect sizes</a> · <a href=\"#cost\">cost and effect</a> · <a href=\"#decision\">is it worth it</a> · <a href=\"#equity\">who gains</a> · <a href=\"#reproduce\">settings and reproduction</a></nav>\n");

    h.push_str("<section id=\"findings\">\n<h2>What each strategy did</h2>\n");
    let findings = words::findings(data, subgroup);
    if findings.is_empty() {
        h.push_str("<p>Only the baseline was run; there is nothing to compare.</p>\n");
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

    h.push_str("<section id=\"trajectories\">\n<h2>Resilience over the weeks</h2>\n");
    charts.resilience.iter().for_each(|c| figure(&mut h, c));
    h.push_str(
        "</section>\n<section id=\"depressive\">\n<h2>Depressive symptoms over the weeks</h2>\n",
    );
    charts.depressive.iter().for_each(|c| figure(&mut h, c));
    h.push_str("</section>\n<section id=\"effects\">\n<h2>Effect sizes (Hedges' g)</h2>\n");
    let _ = writeln!(
        h,
        "<p>Hedges' g is the difference from the baseline in standard deviations of students, at the end of the run; positive is better for every outcome (less distress counts as positive). The lower plot shows <b>{}</b> in every subgroup.</p>",
        escape(outcome)
    );
    charts.forest.iter().for_each(|c| figure(&mut h, c));
    h.push_str("</section>\n");
    cost_section(&mut h, data, charts);
    decision_section(&mut h, data, charts);
    equity_section(&mut h, data);
    reproduce_section(&mut h, data);
    h.push_str("</main>\n</body>\n</html>\n");
    h
}

fn cost_section(h: &mut String, data: &ReportData, charts: &Charts) {
    h.push_str("<section id=\"cost\">\n<h2>Cost and effect</h2>\n");
    h.push_str("<p>A strategy is <b>dominated</b> when another costs less and raises resilience at least as much.</p>\n");
    figure(h, &charts.cost);
    h.push_str("<table>\n<tr><th>strategy</th><th>components</th><th>cost per student per year</th><th>teacher hours per class per term</th><th>resilience gain, points (95 % interval)</th><th>depressive symptoms at the end</th><th>cases averted per 100</th><th>dominated</th></tr>\n");
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
                    format!(
                        "{} ({})",
                        signed(s.resilience_gain),
                        interval(s.resilience_gain_lo, s.resilience_gain_hi)
                    ),
                ),
                (true, format!("{} %", num(100.0 * s.depressive_prevalence))),
                (true, num(s.cases_averted_per_100)),
                (false, if *d { "yes" } else { "no" }.into()),
            ],
        );
    }
    h.push_str("</table>\n</section>\n");
}

/// Cost-effectiveness: the efficiency frontier, ICERs and net monetary
/// benefit of every strategy on each effect measure (`decision.csv`).
fn decision_section(h: &mut String, data: &ReportData, charts: &Charts) {
    let Some(first) = data.decision.first() else {
        return;
    };
    h.push_str("<section id=\"decision\">\n<h2>Is it worth it?</h2>\n");
    let _ = writeln!(
        h,
        "<p>Costs per student over the run include teacher hours valued at the scenario's <code>economics.teacher_hour_cost</code>. A strategy on the <b>frontier</b> is not beaten by another strategy or a mix of two; its <b>ICER</b> is the cost of one more unit of effect when moving to it from the previous frontier strategy. The <b>net benefit</b> over the baseline values each unit of effect at the willingness to pay shown; its interval and the probability of being best are over {} replicates, {}.</p>",
        first.draws,
        if first.draws_vary == "parameters+replicates" {
            "each with its own parameter set drawn from the calibration's posterior, so they include what the model's parameters leave uncertain"
        } else {
            "which vary the simulation's chance only, not the model's parameters"
        }
    );
    for (measure, unit) in [
        ("resilience_points", "resilience points gained per student"),
        (
            "cases_averted",
            "cases of depressive symptoms averted per student",
        ),
    ] {
        let rows: Vec<_> = data
            .decision
            .iter()
            .filter(|r| r.measure == measure)
            .collect();
        let Some(r0) = rows.first() else { continue };
        let _ = writeln!(
            h,
            "<h3>{}</h3>\n<table>\n<tr><th>strategy</th><th>cost per student</th><th>effect</th><th>status</th><th>ICER (cost per unit)</th><th>net benefit over the baseline at {} per unit (95 % interval)</th><th>probability best</th></tr>",
            escape(unit),
            escape(&num(r0.wtp))
        );
        for r in rows {
            let status = match r.status.as_str() {
                "frontier" => "on the frontier".to_string(),
                "dominated" => format!("dominated by {}", r.dominated_by),
                _ => format!(
                    "extendedly dominated by {}",
                    r.dominated_by.replace('+', " and ")
                ),
            };
            row(
                h,
                &[
                    (false, r.strategy.clone()),
                    (true, num(r.cost)),
                    (true, signed(r.effect)),
                    (false, status),
                    (true, r.icer.map_or_else(|| "—".into(), num)),
                    (
                        true,
                        format!(
                            "{} ({})",
                            signed(r.inc_nmb),
                            interval(r.inc_nmb_lo, r.inc_nmb_hi)
                        ),
                    ),
                    (true, format!("{} %", num(100.0 * r.prob_best))),
                ],
            );
        }
        h.push_str("</table>\n");
    }
    acceptability_part(h, data, charts);
    h.push_str("</section>\n");
}

/// How sure the choice is: acceptability curves and the value of perfect
/// information (`ceac.csv`, `evpi.csv`) when the run drew its parameters,
/// else why there are none.
fn acceptability_part(h: &mut String, data: &ReportData, charts: &Charts) {
    h.push_str("<h3 id=\"acceptability\">How sure is the choice?</h3>\n");
    let Some(first) = data.ceac.first() else {
        h.push_str("<p>No acceptability curve is drawn: this run kept the model's parameters at the scenario's values, so the differences between its replicates are Monte Carlo noise — which more replicates remove — not uncertainty about the model, and a curve drawn from them would look far more certain than the evidence is. Run with <code>--uncertainty</code> (each replicate draws its parameters from the calibration's posterior; 500 replicates or more) for acceptability curves and the value of perfect information (<code>ceac.csv</code>, <code>evpi.csv</code>).</p>\n");
        return;
    };
    let _ = writeln!(
        h,
        "<p>Over <b>{} draws</b> — replicates, each with its own parameter set drawn from the calibration's posterior — the curves show how often each strategy has the highest net benefit at each willingness to pay (<code>ceac.csv</code>). Choose the strategy with the highest <em>expected</em> net benefit (the dots); the curve says how likely that choice is to be the best one.{}</p>",
        first.draws,
        if first.draws < 500 {
            " With fewer than 500 draws the curves and the value of information are rough; run with <code>--replicates 500</code> or more."
        } else {
            ""
        }
    );
    charts.acceptability.iter().for_each(|c| figure(h, c));
    let econ = data.run.scenario.as_ref().map(|sc| &sc.params.economics);
    h.push_str("<p>The <b>expected value of perfect information</b> (EVPI, <code>evpi.csv</code>) is what the chosen strategy loses on average against the best strategy of each draw: the most that research removing all uncertainty about the model's parameters could be worth for this decision.</p>\n<table>\n<tr><th>measure</th><th>willingness to pay per unit</th><th>choice</th><th>probability it is best</th><th>EVPI per student</th><th>EVPI for the scenario's students</th></tr>\n");
    for (measure, reference) in [
        (
            "resilience_points",
            econ.map(|e| e.wtp_resilience_point as f64),
        ),
        ("cases_averted", econ.map(|e| e.wtp_case_averted as f64)),
    ] {
        let Some(w) = reference else { continue };
        let value = data
            .evpi
            .iter()
            .find(|r| r.measure == measure && r.wtp == w);
        let best = data
            .ceac
            .iter()
            .find(|r| r.measure == measure && r.wtp == w && r.on_frontier);
        if let (Some(v), Some(b)) = (value, best) {
            row(
                h,
                &[
                    (false, measure.replace('_', " ")),
                    (true, num(w)),
                    (false, v.optimal.clone()),
                    (true, format!("{} %", num(100.0 * b.prob_best))),
                    (true, num(v.evpi_per_student)),
                    (
                        true,
                        format!("{} ({} students)", num(v.evpi_population), v.students),
                    ),
                ],
            );
        }
    }
    h.push_str("</table>\n");
}

/// The gaps between groups that each strategy narrows or widens, on
/// resilience and depressive symptoms (`equity.csv` has every outcome).
fn equity_section(h: &mut String, data: &ReportData) {
    if data.equity.is_empty() {
        return;
    }
    h.push_str("<section id=\"equity\">\n<h2>Who gains</h2>\n");
    h.push_str("<p>A gap is the first group's mean minus the second's at the end of the run, under the baseline and under each strategy; its change is the strategy's effect on the first group minus its effect on the second, with its 95 % Monte Carlo interval. <b>Favours</b> names the group that gains more when the whole interval agrees. Every outcome is in <code>equity.csv</code>.</p>\n");
    h.push_str("<table>\n<tr><th>strategy</th><th>groups</th><th>outcome</th><th>gap under the baseline</th><th>change of the gap (95 % interval)</th><th>favours</th></tr>\n");
    for e in data.equity.iter().filter(|e| {
        e.strategy != data.run.baseline && (e.outcome == "resilience" || e.outcome == "depressive")
    }) {
        let percent = e.outcome == "depressive";
        let (scale, unit) = if percent {
            (100.0, " percentage points")
        } else {
            (1.0, "")
        };
        let favours = match e.favours.as_str() {
            "group" => subgroup_phrase(&e.group),
            "reference" => subgroup_phrase(&e.reference),
            _ => "neither (the interval holds no change)".into(),
        };
        row(
            h,
            &[
                (false, e.strategy.clone()),
                (
                    false,
                    format!(
                        "{} vs {}",
                        subgroup_phrase(&e.group),
                        subgroup_phrase(&e.reference)
                    ),
                ),
                (false, e.outcome.clone()),
                (true, format!("{}{unit}", signed(scale * e.baseline_gap))),
                (
                    true,
                    format!(
                        "{}{unit} ({})",
                        signed(scale * e.gap_change),
                        interval(scale * e.gap_change_lo, scale * e.gap_change_hi)
                    ),
                ),
                (false, favours),
            ],
        );
    }
    h.push_str("</table>\n</section>\n");
}

fn reproduce_section(h: &mut String, data: &ReportData) {
    let run = &data.run;
    h.push_str("<section id=\"reproduce\">\n<h2>Settings and reproduction</h2>\n<table>\n");
    let recorded = |v: &Option<String>| v.clone().unwrap_or_else(|| "not recorded".into());
    let items: [(&str, String); 11] = [
        ("program", run.program.clone()),
        ("program version", run.version.clone()),
        ("built from git commit", recorded(&run.git_commit)),
        (
            "parameter set hash (FNV-1a of every model parameter)",
            recorded(&run.parameter_set_hash),
        ),
        ("scenario", run.name.clone()),
        ("scenario file", run.scenario_file.clone()),
        ("scenario file hash (FNV-1a)", run.scenario_hash.clone()),
        ("seed", run.seed.to_string()),
        ("replicates", run.replicates.to_string()),
        ("students per replicate", run.students.to_string()),
        (
            "threads (results do not depend on them)",
            run.threads.to_string(),
        ),
    ];
    for (k, v) in items {
        let _ = writeln!(h, "<tr><th>{}</th><td>{}</td></tr>", escape(k), escape(&v));
    }
    h.push_str("</table>\n");
    let _ = writeln!(
        h,
        "<p>To reproduce these results bit for bit with resim {}:</p>\n<pre>resim run {} --seed {} --replicates {}</pre>",
        escape(&run.version),
        escape(&run.scenario_file),
        run.seed,
        run.replicates
    );
    h.push_str("<p>The scenario as run, with every default written out (save it as a .toml file to run it again):</p>\n");
    let _ = writeln!(h, "<pre>{}</pre>", escape(&run.scenario_text));
    h.push_str("</section>\n");
}
