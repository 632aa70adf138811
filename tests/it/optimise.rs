//! `resim optimise`: the best portfolio for a budget. A toy search (four
//! components, 15 portfolios) is checked against the exhaustive answer,
//! against a plain run of the portfolio it recommends, for the budget it
//! was given, for determinism and for its errors.

use std::fs;
use std::path::Path;

use crate::common::*;

const TOY: &[&str] = &[
    "optimise",
    "quickstart",
    "--components",
    "contact_book,peer_mentoring,homework_help,parent_volunteering",
    "--max-cost",
    "15",
    "--replicates",
    "4",
    "--quiet",
];

/// Runs the toy search into `dir/name` with `extra` flags.
fn toy(dir: &Path, name: &str, extra: &[&str]) -> std::path::PathBuf {
    let out = dir.join(name);
    let mut args: Vec<&str> = TOY.to_vec();
    let out_s = out.to_string_lossy().into_owned();
    args.extend(["--out", &out_s]);
    args.extend(extra);
    run_ok(&args);
    out
}

/// The racing search (two finalists) finds the portfolio the exhaustive
/// one (every affordable portfolio run in full) ranks first; every
/// portfolio it ranks keeps to the budget; and `best.toml`, run as a plain
/// scenario, gives the very gain the search reported (common random
/// numbers: a portfolio's results do not depend on what else runs).
#[test]
fn racing_finds_the_exhaustive_best_within_budget_and_best_toml_reproduces_it() {
    let dir = tempdir();
    let raced = toy(dir.path(), "raced", &["--finalists", "2"]);
    let exhaustive = toy(dir.path(), "all", &["--finalists", "100"]);
    let best = |d: &Path| {
        rows(&d.join("portfolios.csv"))
            .into_iter()
            .find(|r| r["rank"] == "1")
            .expect("a rank-1 portfolio")
    };
    let (r, e) = (best(&raced), best(&exhaustive));
    assert_eq!(r["portfolio"], e["portfolio"]);
    assert_eq!(r["gain"], e["gain"]);
    for row in rows(&exhaustive.join("portfolios.csv")) {
        if row["rank"] != "NA" {
            assert!(num(&row["cost_per_student_year"]) <= 15.0 + 1e-9, "{row:?}");
            assert_eq!(row["replicates"], "4");
        } else {
            assert_eq!(row["status"], "over_budget", "{row:?}");
        }
    }
    // Exhaustive: all 15 portfolios were priced; those over budget are not ranked.
    let ranked = rows(&exhaustive.join("portfolios.csv"))
        .iter()
        .filter(|r| r["rank"] != "NA")
        .count();
    assert!((3..15).contains(&ranked), "{ranked} ranked");

    let rerun = dir.path().join("rerun");
    run_ok(&[
        "run",
        &raced.join("best.toml").to_string_lossy(),
        "--out",
        &rerun.to_string_lossy(),
        "--quiet",
    ]);
    let effects = effects(&rerun);
    let gain = effect(&effects, "best", "all", "resilience").diff;
    assert!(
        (gain - num(&r["gain"])).abs() < 2e-6,
        "best.toml gives {gain}, the search said {}",
        r["gain"]
    );
    let manifest = fs::read_to_string(raced.join("manifest.json")).unwrap();
    for f in [
        "portfolios.csv",
        "frontier.csv",
        "frontier.svg",
        "best.toml",
    ] {
        assert!(manifest.contains(f), "manifest lacks {f}");
    }
    let svg = fs::read_to_string(raced.join("frontier.svg")).unwrap();
    assert!(svg.contains("best: ") && svg.contains("<circle"));
}

/// The frontier is cheapest first and each point gains more than the one
/// before; the same search on one thread and on two writes the same bytes.
#[test]
fn the_frontier_rises_and_the_search_is_thread_independent() {
    let dir = tempdir();
    let one = toy(dir.path(), "one", &["--threads", "1"]);
    let two = toy(dir.path(), "two", &["--threads", "2"]);
    for f in [
        "portfolios.csv",
        "frontier.csv",
        "best.toml",
        "frontier.svg",
    ] {
        assert_eq!(
            fs::read(one.join(f)).unwrap(),
            fs::read(two.join(f)).unwrap(),
            "{f} differs between 1 and 2 threads"
        );
    }
    let frontier = rows(&one.join("frontier.csv"));
    assert!(frontier.len() >= 2);
    for w in frontier.windows(2) {
        assert!(num(&w[1]["cost_per_student_year"]) > num(&w[0]["cost_per_student_year"]));
        assert!(num(&w[1]["gain"]) > num(&w[0]["gain"]));
    }
}

/// A subgroup and outcome that lower is better for: the best portfolio for
/// left-behind children's depressive symptoms reduces them.
#[test]
fn an_outcome_where_lower_is_better_is_reduced() {
    let dir = tempdir();
    let out = toy(
        dir.path(),
        "dep",
        &[
            "--outcome",
            "depressive",
            "--subgroup",
            "left_behind",
            "--max-hours",
            "200",
        ],
    );
    let best = rows(&out.join("portfolios.csv"))
        .into_iter()
        .find(|r| r["rank"] == "1")
        .unwrap();
    assert!(num(&best["gain"]) > 0.0, "{best:?}");
}

/// Mistakes: an unknown subgroup, outcome or component names the valid
/// ones; a budget nothing fits says what the cheapest component costs.
#[test]
fn mistakes_exit_2_with_what_is_valid() {
    let dir = tempdir();
    let out = path(dir.path(), "x");
    let check = |extra: &[&str], expect: &str| {
        // The toy's budget, unless the check gives its own.
        let mut args: Vec<&str> = TOY.to_vec();
        if extra.contains(&"--max-cost") {
            let at = args.iter().position(|a| *a == "--max-cost").unwrap();
            args.drain(at..at + 2);
        }
        args.extend(["--out", &out, "--force"]);
        args.extend(extra);
        let o = resim(&args);
        assert_eq!(o.status.code(), Some(2), "{extra:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(expect), "{extra:?}: {err}");
    };
    check(&["--subgroup", "left_behnd"], "did you mean `left_behind`?");
    check(&["--outcome", "resilence"], "did you mean `resilience`?");
    check(
        &["--components", "contact_bok"],
        "did you mean `contact_book`?",
    );
    check(
        &["--max-cost", "0.5"],
        "no portfolio keeps to the budget (at most 0.5 per student per year); the cheapest component alone, parent_volunteering, costs 5.00",
    );
}

/// Under parameter uncertainty each replicate draws a parameter set that
/// every portfolio of the replicate shares. Two close portfolios that rest
/// on different mechanisms (teacher training against parent volunteering)
/// are told apart less surely than under simulation noise alone; the
/// finalists' `p_best` still sums to 1; the manifest records the draws;
/// and `best.toml` draws the same parameters again, so it reproduces the
/// reported gain.
#[test]
fn under_uncertainty_the_choice_between_close_portfolios_is_less_sure() {
    let dir = tempdir();
    let search = |name: &str, extra: &[&str]| {
        let out = dir.path().join(name);
        let mut args = vec![
            "optimise",
            "quickstart",
            "--components",
            "teacher_training,parent_volunteering",
            "--max-cost",
            "10",
            "--replicates",
            "16",
            "--finalists",
            "2",
            "--quiet",
            "--out",
            out.to_str().unwrap(),
        ];
        args.extend(extra);
        let o = run_ok(&args);
        (out, String::from_utf8_lossy(&o.stdout).into_owned())
    };
    let p_best = |d: &Path| -> Vec<(String, f64)> {
        rows(&d.join("portfolios.csv"))
            .into_iter()
            .filter(|r| r["status"] == "finalist")
            .map(|r| (r["portfolio"].clone(), num(&r["p_best"])))
            .collect()
    };
    let (plain, _) = search("plain", &[]);
    let (drawn, text) = search("drawn", &["--uncertainty"]);
    assert!(text.contains("parameter uncertainty and chance"), "{text}");
    let (a, b) = (p_best(&plain), p_best(&drawn));
    assert_eq!((a.len(), b.len()), (2, 2));
    for p in [&a, &b] {
        let total: f64 = p.iter().map(|x| x.1).sum();
        assert!((total - 1.0).abs() < 1e-9, "{p:?}");
    }
    let surest = |p: &[(String, f64)]| p.iter().map(|x| x.1).fold(0.0, f64::max);
    assert!(
        surest(&b) < surest(&a),
        "with parameter uncertainty {b:?}, without {a:?}"
    );
    let m: serde_json::Value =
        serde_json::from_slice(&fs::read(drawn.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(m["uncertainty"]["draws"], 16);
    let m: serde_json::Value =
        serde_json::from_slice(&fs::read(plain.join("manifest.json")).unwrap()).unwrap();
    assert!(m["uncertainty"].is_null());

    let best = rows(&drawn.join("portfolios.csv"))
        .into_iter()
        .find(|r| r["rank"] == "1")
        .unwrap();
    let rerun = dir.path().join("rerun");
    run_ok(&[
        "run",
        &drawn.join("best.toml").to_string_lossy(),
        "--out",
        &rerun.to_string_lossy(),
        "--quiet",
    ]);
    let effects = effects(&rerun);
    let gain = effect(&effects, "best", "all", "resilience").diff;
    assert!(
        (gain - num(&best["gain"])).abs() < 2e-6,
        "best.toml gives {gain}, the search said {}",
        best["gain"]
    );
}
