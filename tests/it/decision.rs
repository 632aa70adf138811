//! `decision.csv`: is it worth it? The efficiency frontier, ICERs and net
//! monetary benefit of every strategy, costs valued by `[economics]`.

use std::collections::HashMap;
use std::path::Path;

use crate::common::*;

type Row = HashMap<String, String>;

fn find<'a>(rows: &'a [Row], measure: &str, strategy: &str) -> &'a Row {
    rows.iter()
        .find(|r| r["measure"] == measure && r["strategy"] == strategy)
        .unwrap_or_else(|| panic!("decision.csv lacks {measure} {strategy}"))
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * (1.0 + b.abs())
}

/// Costs are strategies.csv's money plus teacher hours at the hourly cost;
/// effects are the gains of strategies.csv; net benefit is wtp × effect −
/// extra cost; the probabilities of being best add up to one; every
/// strategy off the frontier names what dominates it.
#[test]
fn decision_table_agrees_with_costs_and_effects() {
    let dir = tempdir();
    let out = path(dir.path(), "q");
    run_ok(&[
        "run",
        &scenario("quickstart"),
        "--out",
        &out,
        "--quiet",
        "--replicates",
        "6",
    ]);
    let out = Path::new(&out);
    let text = std::fs::read_to_string(out.join("decision.csv")).unwrap();
    assert!(text.starts_with(
        "measure,strategy,status,dominated_by,cost,effect,inc_cost,inc_effect,icer,wtp,inc_nmb,inc_nmb_lo,inc_nmb_hi,prob_best,draws,draws_vary\n"
    ));
    let strategies = rows(&out.join("strategies.csv"));
    let rows = rows(&out.join("decision.csv"));
    assert_eq!(rows.len(), 2 * strategies.len());
    let base_cost = {
        let s = &strategies[0];
        num(&s["cost_per_student_year"]) + 50.0 * num(&s["teacher_hours_per_student_year"])
    };
    for s in &strategies {
        let name = &s["strategy"];
        let cost =
            num(&s["cost_per_student_year"]) + 50.0 * num(&s["teacher_hours_per_student_year"]);
        for measure in ["resilience_points", "cases_averted"] {
            let r = find(&rows, measure, name);
            assert!(
                close(num(&r["cost"]), cost, 1e-4),
                "{measure} {name}: {} vs {cost}",
                r["cost"]
            );
            assert_eq!(r["draws"], "6");
            assert_eq!(r["draws_vary"], "replicates");
            let (wtp, effect) = (num(&r["wtp"]), num(&r["effect"]));
            let want = wtp * effect - (cost - base_cost);
            assert!(
                close(num(&r["inc_nmb"]), want, 1e-3),
                "{measure} {name}: {} vs {want}",
                r["inc_nmb"]
            );
            assert!(
                num(&r["inc_nmb_lo"]) <= num(&r["inc_nmb"]) + 1e-9
                    && num(&r["inc_nmb"]) <= num(&r["inc_nmb_hi"]) + 1e-9
            );
            if r["status"] == "frontier" {
                assert_eq!(r["dominated_by"], "");
            } else {
                assert!(!r["dominated_by"].is_empty(), "{r:?}");
                assert_eq!(r["icer"], "NA");
            }
        }
        let gain = num(&s["resilience_gain"]);
        assert!(close(
            num(&find(&rows, "resilience_points", name)["effect"]),
            gain,
            1e-4
        ));
    }
    for measure in ["resilience_points", "cases_averted"] {
        let total: f64 = rows
            .iter()
            .filter(|r| r["measure"] == measure)
            .map(|r| num(&r["prob_best"]))
            .sum();
        assert!(close(total, 1.0, 1e-9), "{measure}: {total}");
        let base = find(&rows, measure, "usual_practice");
        assert_eq!((num(&base["effect"]), num(&base["inc_nmb"])), (0.0, 0.0));
    }
    run_ok(&["report", out.to_str().unwrap()]);
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("<h2>Is it worth it?</h2>"));
}

/// A planner's valuation changes the decision table and nothing simulated:
/// free teacher time lowers every cost to its money, a higher willingness
/// to pay raises net benefit; effects stay the same bits.
#[test]
fn economics_settings_value_costs_and_effects() {
    let dir = tempdir();
    let text = std::fs::read_to_string(scenario("quickstart")).unwrap();
    let valued = write(
        dir.path(),
        "valued.toml",
        &format!("{text}\n[economics]\nteacher_hour_cost = 0\nwtp_resilience_point = 1000\n"),
    );
    let (a, b) = (path(dir.path(), "a"), path(dir.path(), "b"));
    run_ok(&[
        "run",
        &scenario("quickstart"),
        "--out",
        &a,
        "--quiet",
        "--replicates",
        "3",
    ]);
    run_ok(&[
        "run",
        valued.to_str().unwrap(),
        "--out",
        &b,
        "--quiet",
        "--replicates",
        "3",
    ]);
    let read = |d: &str, f: &str| std::fs::read(Path::new(d).join(f)).unwrap();
    assert_eq!(read(&a, "effects.csv"), read(&b, "effects.csv"));
    let (ra, rb) = (
        rows(&Path::new(&a).join("decision.csv")),
        rows(&Path::new(&b).join("decision.csv")),
    );
    let strategies = rows(&Path::new(&b).join("strategies.csv"));
    for s in &strategies {
        let name = &s["strategy"];
        let r = find(&rb, "resilience_points", name);
        assert!(
            close(num(&r["cost"]), num(&s["cost_per_student_year"]), 1e-4),
            "{name}"
        );
        assert_eq!(num(&r["wtp"]), 1000.0);
        assert_eq!(r["effect"], find(&ra, "resilience_points", name)["effect"]);
    }

    let bad = write(
        dir.path(),
        "bad.toml",
        &format!("{text}\n[economics]\ndiscount_rate = 0.5\n"),
    );
    let o = resim(&["check", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("economics.discount_rate") && err.contains("0.2"),
        "{err}"
    );
}

/// Groups the rows of `ceac.csv` by measure and willingness to pay.
fn by_point(rows: &[Row]) -> std::collections::BTreeMap<(String, String), Vec<&Row>> {
    let mut m = std::collections::BTreeMap::<_, Vec<&Row>>::new();
    for r in rows {
        m.entry((r["measure"].clone(), r["wtp"].clone()))
            .or_default()
            .push(r);
    }
    m
}

/// With `--uncertainty` a run writes the acceptability curves and the
/// value of perfect information: at every willingness to pay the
/// probabilities add up to one and exactly the strategy with the highest
/// expected net benefit is on the frontier; EVPI is never negative, and 0
/// where the chosen strategy wins every draw (nothing is free, so usual
/// practice wins at a willingness to pay of 0); the reference value of
/// `[economics]` agrees with `decision.csv`. The report draws the curves
/// and says how many draws they rest on; the terminal says where they are.
#[test]
fn acceptability_curves_and_evpi_are_written_under_uncertainty() {
    let dir = tempdir();
    let out = path(dir.path(), "u");
    let o = run_ok(&[
        "run",
        &scenario("quickstart"),
        "--out",
        &out,
        "--replicates",
        "24",
        "--uncertainty",
        "--report",
    ]);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("decision under uncertainty (24 draws; acceptability curves in ceac.csv"),
        "{stdout}"
    );
    assert!(stdout.contains("need 500 draws or more"), "{stdout}");
    let out = Path::new(&out);
    let ceac = rows(&out.join("ceac.csv"));
    let evpi = rows(&out.join("evpi.csv"));
    let decision = rows(&out.join("decision.csv"));
    let points = by_point(&ceac);
    assert_eq!(points.len(), 2 * 41);
    for ((measure, wtp), rs) in &points {
        assert_eq!(rs.len(), 3, "{measure} {wtp}");
        // Shares of 24 draws are written to 6 decimals.
        let total: f64 = rs.iter().map(|r| num(&r["prob_best"])).sum();
        assert!(close(total, 1.0, 2e-6), "{measure} {wtp}: {total}");
        let front: Vec<_> = rs.iter().filter(|r| r["on_frontier"] == "1").collect();
        assert_eq!(front.len(), 1, "{measure} {wtp}");
        let top = rs.iter().map(|r| num(&r["enmb"])).fold(f64::MIN, f64::max);
        assert_eq!(num(&front[0]["enmb"]), top);
        let base = rs
            .iter()
            .find(|r| r["strategy"] == "usual_practice")
            .unwrap();
        assert_eq!(num(&base["enmb"]), 0.0);
        assert!(rs.iter().all(|r| r["draws"] == "24"));
        let v = evpi
            .iter()
            .find(|r| &r["measure"] == measure && &r["wtp"] == wtp)
            .unwrap();
        assert_eq!(v["optimal"], front[0]["strategy"]);
        let e = num(&v["evpi_per_student"]);
        assert!(e >= 0.0, "{v:?}");
        assert!(close(num(&v["evpi_population"]), 320.0 * e, 1e-5), "{v:?}");
        if num(&front[0]["prob_best"]) == 1.0 {
            assert_eq!(e, 0.0, "{v:?}");
        }
    }
    for measure in ["resilience_points", "cases_averted"] {
        let zero = &points[&(measure.to_string(), "0".to_string())];
        let usual = zero
            .iter()
            .find(|r| r["strategy"] == "usual_practice")
            .unwrap();
        assert_eq!(
            (usual["prob_best"].as_str(), usual["on_frontier"].as_str()),
            ("1", "1")
        );
        let v = evpi
            .iter()
            .find(|r| r["measure"] == measure && r["wtp"] == "0")
            .unwrap();
        assert_eq!(v["evpi_per_student"], "0");
        // The reference willingness to pay is on the grid, with the
        // probabilities of decision.csv.
        for d in decision.iter().filter(|d| d["measure"] == measure) {
            let c = ceac
                .iter()
                .find(|c| {
                    c["measure"] == measure
                        && c["wtp"] == d["wtp"]
                        && c["strategy"] == d["strategy"]
                })
                .unwrap_or_else(|| panic!("ceac.csv lacks {measure} at {}", d["wtp"]));
            assert_eq!(c["prob_best"], d["prob_best"]);
        }
    }
    // Somewhere the choice is uncertain and information is worth something.
    assert!(evpi.iter().any(|r| num(&r["evpi_per_student"]) > 0.0));
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("How sure is the choice?"));
    assert!(
        html.contains("Over <b>24 draws</b>"),
        "the report says how many draws"
    );
    assert!(html.contains("id=\"ceac_resilience_points\""));
    assert!(out.join("plots/ceac_cases_averted.svg").is_file());
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let listed: Vec<&str> = m["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert!(listed.contains(&"ceac.csv") && listed.contains(&"evpi.csv"));
}

/// Without parameter uncertainty there is no acceptability curve: the
/// spread between replicates is Monte Carlo noise, and the report says so
/// instead of drawing a curve that looks certain.
#[test]
fn without_uncertainty_the_report_says_why_there_is_no_acceptability_curve() {
    let dir = tempdir();
    let out = path(dir.path(), "plain");
    run_ok(&[
        "run",
        &scenario("quickstart"),
        "--out",
        &out,
        "--quiet",
        "--replicates",
        "3",
        "--report",
    ]);
    let out = Path::new(&out);
    assert!(!out.join("ceac.csv").exists() && !out.join("evpi.csv").exists());
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("No acceptability curve is drawn"), "{html}");
    assert!(html.contains("Monte Carlo noise"));
    assert!(!out.join("plots/ceac_resilience_points.svg").exists());
}
