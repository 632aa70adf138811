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
    let raced = toy(dir.path(), "raced", &["--finalists", "2", "--no-tune"]);
    let exhaustive = toy(dir.path(), "all", &["--finalists", "100", "--no-tune"]);
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
            "--no-tune",
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

/// The settings search: joint goal setting (30 per student per year at its
/// design) and parent volunteering (5) under a budget of 20. At default
/// settings only parent volunteering fits; the search lets both in at part
/// coverage and then tunes their coverage and frequency, ending at the
/// budget's edge with a larger gain than the best default-settings
/// portfolio; `best.toml` holds the tuned settings and reproduces the gain;
/// and the tuned search is thread-independent.
#[test]
fn the_settings_search_reaches_the_budget_edge_and_beats_the_defaults() {
    let dir = tempdir();
    let search = |name: &str, extra: &[&str]| {
        let out = dir.path().join(name);
        let mut args = vec![
            "optimise",
            "quickstart",
            "--components",
            "joint_goal_setting,parent_volunteering",
            "--max-cost",
            "20",
            "--replicates",
            "4",
            "--quiet",
            "--out",
            out.to_str().unwrap(),
        ];
        args.extend(extra);
        run_ok(&args);
        let best = rows(&out.join("portfolios.csv"))
            .into_iter()
            .find(|r| r["rank"] == "1")
            .expect("a rank-1 portfolio");
        (out, best)
    };
    let (_, plain) = search("plain", &["--no-tune"]);
    assert_eq!(plain["portfolio"], "parent_volunteering");
    assert_eq!(
        plain["settings"],
        "parent_volunteering.coverage=1;parent_volunteering.frequency=monthly"
    );
    let (tuned_dir, tuned) = search("tuned", &["--threads", "1"]);
    assert_eq!(tuned["status"], "tuned", "{tuned:?}");
    assert_ne!(tuned["settings"], plain["settings"]);
    let cost = num(&tuned["cost_per_student_year"]);
    assert!((19.0..=20.0 + 1e-9).contains(&cost), "{tuned:?}");
    assert!(
        num(&tuned["gain_lo"]) > num(&plain["gain_hi"]),
        "tuned {tuned:?} against default settings {plain:?}"
    );
    for row in rows(&tuned_dir.join("portfolios.csv")) {
        if row["rank"] != "NA" {
            assert!(num(&row["cost_per_student_year"]) <= 20.0 + 1e-9, "{row:?}");
        }
    }
    let best_toml = fs::read_to_string(tuned_dir.join("best.toml")).unwrap();
    let rerun = dir.path().join("rerun");
    run_ok(&[
        "run",
        &tuned_dir.join("best.toml").to_string_lossy(),
        "--out",
        &rerun.to_string_lossy(),
        "--quiet",
    ]);
    let gain = effect(&effects(&rerun), "best", "all", "resilience").diff;
    assert!(
        (gain - num(&tuned["gain"])).abs() < 2e-6,
        "best.toml gives {gain}, the search said {}:\n{best_toml}",
        tuned["gain"]
    );
    let (two_dir, _) = search("two", &["--threads", "2"]);
    for f in ["portfolios.csv", "frontier.csv", "best.toml"] {
        assert_eq!(
            fs::read(tuned_dir.join(f)).unwrap(),
            fs::read(two_dir.join(f)).unwrap(),
            "{f} differs between 1 and 2 threads"
        );
    }
}

/// An interrupted search continues with --resume from its state file and
/// writes the very bytes of an uninterrupted one; without --resume it is
/// refused (exit 2) rather than overwritten.
#[test]
fn an_interrupted_search_resumes_to_the_same_outputs() {
    use resilience_sim::jobs::optimise::{
        Checkpoint, OptimiseOptions, optimise_resumable, remove_checkpoint,
    };
    use resilience_sim::jobs::{Cancel, Progress, ScenarioFile};
    use resilience_sim::optimise::Budget;
    use resilience_sim::output::OutputDir;
    use std::sync::Mutex;

    /// Cancels the search when stage `at` (counted from 0) starts.
    struct StopAt {
        at: usize,
        stages: Mutex<Vec<String>>,
        cancel: Cancel,
    }
    impl Progress for StopAt {
        fn begin(&self, what: &str, _total: u64, _done: u64) {
            let mut s = self.stages.lock().unwrap();
            s.push(what.to_string());
            if s.len() > self.at {
                self.cancel.cancel();
            }
        }
        fn advance(&self, _done: u64) {}
        fn note(&self, _line: &resilience_sim::problem::Message) {}
    }

    let dir = tempdir();
    let options = || {
        let mut o = OptimiseOptions::new(ScenarioFile::load_or_bundled("quickstart").unwrap());
        o.components = [
            "joint_goal_setting",
            "parent_volunteering",
            "peer_mentoring",
        ]
        .iter()
        .map(|n| resilience_sim::components::find(n).unwrap())
        .collect();
        o.budget = Budget {
            cost_per_student_year: Some(20.0),
            teacher_hours_per_class_term: None,
        };
        o.replicates = Some(4);
        o.finalists = 2;
        o.tune_budget = 200;
        o
    };
    let whole = dir.path().join("whole");
    {
        let d = OutputDir::claim(&whole, false).unwrap();
        let cancel = Cancel::default();
        let progress = StopAt {
            at: usize::MAX,
            stages: Mutex::new(Vec::new()),
            cancel: cancel.clone(),
        };
        let r = optimise_resumable(
            &options(),
            &Checkpoint {
                dir: &d,
                resume: false,
            },
            &progress,
            &cancel,
        )
        .unwrap();
        r.write(&d).unwrap();
        remove_checkpoint(&d).unwrap();
        let stages = progress.stages.lock().unwrap().clone();
        assert!(
            stages.iter().any(|s| s.starts_with("settings of")),
            "{stages:?}"
        );
        assert!(stages.len() >= 4, "{stages:?}");
    }
    // Stop at the start of each later stage in turn, then resume (at most
    // once per stage, so every kind of checkpoint is crossed).
    for at in [1, 2, 3, 4] {
        let out = dir.path().join(format!("stopped-{at}"));
        let cancel = Cancel::default();
        let progress = StopAt {
            at,
            stages: Mutex::new(Vec::new()),
            cancel: cancel.clone(),
        };
        {
            let d = OutputDir::claim(&out, false).unwrap();
            let e = optimise_resumable(
                &options(),
                &Checkpoint {
                    dir: &d,
                    resume: false,
                },
                &progress,
                &cancel,
            )
            .unwrap_err();
            assert!(e.to_string().contains("--resume"), "{e}");
        }
        assert!(out.join("optimise_state.json").is_file());
        // The command line refuses to start over an unfinished search.
        let o = resim(&[
            "optimise",
            "quickstart",
            "--out",
            &out.to_string_lossy(),
            "--quiet",
        ]);
        assert_eq!(o.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&o.stderr).contains("--resume"));
        // Another search's state is not continued.
        {
            let d = OutputDir::claim_existing(&out).unwrap();
            let mut other = options();
            other.replicates = Some(6);
            let e = optimise_resumable(
                &other,
                &Checkpoint {
                    dir: &d,
                    resume: true,
                },
                &resilience_sim::jobs::Silent,
                &Cancel::default(),
            )
            .unwrap_err();
            assert!(e.to_string().contains("another search"), "{e}");
        }
        let d = OutputDir::claim_existing(&out).unwrap();
        let r = optimise_resumable(
            &options(),
            &Checkpoint {
                dir: &d,
                resume: true,
            },
            &resilience_sim::jobs::Silent,
            &Cancel::default(),
        )
        .unwrap();
        r.write(&d).unwrap();
        remove_checkpoint(&d).unwrap();
        for f in [
            "portfolios.csv",
            "frontier.csv",
            "best.toml",
            "frontier.svg",
        ] {
            assert_eq!(
                fs::read(whole.join(f)).unwrap(),
                fs::read(out.join(f)).unwrap(),
                "{f} differs after stopping at stage {at} and resuming"
            );
        }
        let m = |d: &Path| -> serde_json::Value {
            serde_json::from_slice(&fs::read(d.join("manifest.json")).unwrap()).unwrap()
        };
        assert_eq!(m(&whole)["simulations"], m(&out)["simulations"]);
        assert!(!out.join("optimise_state.json").exists());
    }
}

/// Sharded: the screening round split over 1, 2 and 3 machines
/// (`--shard I/N`) and finished by `resim merge` (the rounds, the full
/// runs and the settings search) writes the very files of the search on
/// one machine; the manifest records the shards and the same search and
/// work. A merge stopped part-way continues when merged again, to the same
/// files. A missing shard is named; a shard of another budget is refused,
/// naming the option that differs.
#[test]
fn shards_merge_to_the_files_of_one_machine() {
    use resilience_sim::jobs::{Cancel, MergeOut, Progress};
    use std::sync::Mutex;

    /// Cancels the merge when its stage `at` (counted from 0) starts.
    struct StopAt {
        at: usize,
        stages: Mutex<usize>,
        cancel: Cancel,
    }
    impl Progress for StopAt {
        fn begin(&self, _what: &str, _total: u64, _done: u64) {
            let mut s = self.stages.lock().unwrap();
            *s += 1;
            if *s > self.at {
                self.cancel.cancel();
            }
        }
        fn advance(&self, _done: u64) {}
        fn note(&self, _line: &resilience_sim::problem::Message) {}
    }

    let dir = tempdir();
    let whole = toy(dir.path(), "whole", &[]);
    let manifest = |d: &Path| -> serde_json::Value {
        serde_json::from_slice(&fs::read(d.join("manifest.json")).unwrap()).unwrap()
    };
    let same_files = |d: &Path, what: &str| {
        for f in [
            "portfolios.csv",
            "frontier.csv",
            "frontier.svg",
            "best.toml",
        ] {
            assert_eq!(
                fs::read(whole.join(f)).unwrap(),
                fs::read(d.join(f)).unwrap(),
                "{f} differs {what}"
            );
        }
    };
    assert!(
        rows(&whole.join("portfolios.csv"))
            .iter()
            .any(|r| r["status"] == "tuned"),
        "the toy's settings search tunes a portfolio"
    );
    for n in 1..=3u32 {
        let name = format!("sharded-{n}");
        for i in 0..n {
            toy(dir.path(), &name, &["--shard", &format!("{i}/{n}")]);
        }
        let out = dir.path().join(&name);
        assert!(!out.join("portfolios.csv").exists());
        if n == 2 {
            // Stopped as the first round after the screening starts.
            let cancel = Cancel::default();
            let stop = StopAt {
                at: 0,
                stages: Mutex::new(0),
                cancel: cancel.clone(),
            };
            let e = resilience_sim::jobs::merge(
                &out,
                Some(&MergeOut {
                    dir: out.clone(),
                    force: false,
                    format: Default::default(),
                }),
                Some(1),
                &stop,
                &cancel,
            )
            .unwrap_err();
            assert!(e.to_string().contains("merge again"), "{e}");
            assert!(out.join("optimise_state.json").is_file());
        }
        let o = run_ok(&["merge", &out.to_string_lossy(), "--quiet"]);
        assert!(
            String::from_utf8_lossy(&o.stderr).contains(&format!("merged {n} shard")),
            "{o:?}"
        );
        same_files(&out, &format!("after merging {n} shards"));
        assert!(!out.join("optimise_state.json").exists());
        let (m, w) = (manifest(&out), manifest(&whole));
        assert_eq!(m["shards"], n);
        for key in ["search", "simulations", "student_weeks", "rounds"] {
            assert_eq!(m[key], w[key], "{key}");
        }
    }

    let three = dir.path().join("sharded-3");
    let shard1 = three.join("shards").join("shard-1-of-3.json");
    fs::remove_file(&shard1).unwrap();
    let other = path(dir.path(), "other");
    let o = resim(&["merge", &three.to_string_lossy(), "--out", &other]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("1 of 3 shards missing: 1"), "{err}");
    toy(
        dir.path(),
        "sharded-3",
        &["--shard", "1/3", "--max-hours", "500"],
    );
    let o = resim(&["merge", &three.to_string_lossy(), "--out", &other]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("does not belong with")
            && err.contains("options differ: teacher_hours_per_class_term"),
        "{err}"
    );
}
