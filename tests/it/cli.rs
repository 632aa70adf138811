//! The `resim` command line as a user meets it: outputs, determinism,
//! common random numbers, and refusals.

use std::path::Path;

use crate::common::*;

#[test]
fn quickstart_writes_every_output_and_a_ranked_table() {
    let dir = tempdir();
    let out = path(dir.path(), "q");
    let o = run_ok(&[
        "run",
        &scenario("quickstart"),
        "--out",
        &out,
        "--quiet",
        "--replicates",
        "4",
    ]);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("resilience Δ"),
        "table header missing:\n{stdout}"
    );
    assert!(stdout.contains("full_programme") && stdout.contains("(baseline)"));
    assert!(stdout.contains("student-weeks/s"));
    let out = std::path::Path::new(&out);
    for f in [
        "effects.csv",
        "trajectories.csv",
        "strategies.csv",
        "survey.csv",
        "equity.csv",
        "decision.csv",
        "manifest.json",
    ] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    assert!(
        !out.join("students.csv").exists(),
        "students.csv only with --students"
    );

    let effects_head = std::fs::read_to_string(out.join("effects.csv")).unwrap();
    assert!(effects_head.starts_with(
        "strategy,subgroup,outcome,students,mean,baseline_mean,diff,diff_lo,diff_hi,diff_ui_lo,diff_ui_hi,spread_of,hedges_g,g_lo,g_hi,g_sd,p_better,replicates\n"
    ));
    let rows = effects(out);
    for sg in [
        "all",
        "rural",
        "urban",
        "left_behind",
        "not_left_behind",
        "one_parent",
        "both_parents",
        "minority",
        "majority",
    ] {
        assert!(
            rows.iter().any(|e| e.subgroup == sg),
            "subgroup {sg} missing"
        );
    }
    let traj = std::fs::read_to_string(out.join("trajectories.csv")).unwrap();
    assert!(traj.starts_with("strategy,subgroup,week,outcome,mean,p10,p50,p90\n"));
    // Weeks 0..=44 for every strategy, subgroup and outcome.
    assert!(traj.contains("full_programme,all,44,resilience,"));
    let strat = std::fs::read_to_string(out.join("strategies.csv")).unwrap();
    assert!(strat.contains("cost_per_student_year") && strat.contains("cost_per_case_averted"));

    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    for key in [
        "version",
        "scenario_hash",
        "seed",
        "replicates",
        "threads",
        "student_weeks",
        "wall_seconds",
        "scenario",
    ] {
        assert!(manifest.get(key).is_some(), "manifest lacks {key}");
    }
    assert_eq!(manifest["replicates"], 4);
}

/// Student-weeks are reported as simulated: a run of fewer replicates than
/// the steady-state check reads (⌈20,000 ÷ 320⌉ = 63 for quickstart) says
/// how many burn-ins the check simulated besides the run, in its last line
/// and in `manifest.json`; a run of 63 simulates none, and both find the
/// drift `resim check` prints, bit for bit.
#[test]
fn a_run_reports_the_burn_ins_its_steady_state_check_simulated() {
    let dir = tempdir();
    let q = scenario("quickstart");
    let mut drifts = Vec::new();
    for (replicates, simulated) in [(4u64, 59u64), (63, 0)] {
        let out = path(dir.path(), &format!("r{replicates}"));
        let n = replicates.to_string();
        let o = run_ok(&["run", &q, "--out", &out, "--quiet", "--replicates", &n]);
        let stdout = String::from_utf8_lossy(&o.stdout);
        let last = stdout.lines().last().unwrap_or_default();
        let run_weeks = 320 * (156 + 3 * 52) * replicates;
        let check_weeks = 320 * 156 * simulated;
        assert!(
            last.starts_with(&format!("simulated {run_weeks} student-weeks in ")),
            "{last}"
        );
        let said = format!(
            ", then {check_weeks} for the steady-state check (the burn-ins of {simulated} more replicates) in "
        );
        assert_eq!(last.contains(&said), simulated > 0, "{last}");
        let manifest: serde_json::Value =
            serde_json::from_slice(&std::fs::read(Path::new(&out).join("manifest.json")).unwrap())
                .unwrap();
        assert_eq!(manifest["student_weeks"], run_weeks);
        let s = &manifest["steady_state"];
        assert_eq!(s["burn_in_weeks"], 156);
        assert_eq!(s["replicates_read"], 63);
        assert_eq!(s["burn_ins_simulated"], simulated);
        assert_eq!(s["student_weeks"], check_weeks);
        assert_eq!(s["ok"], true);
        drifts.push(s["drift_points_per_year"].as_f64().expect("a drift"));
    }
    assert_eq!(drifts[0].to_bits(), drifts[1].to_bits());
    let o = run_ok(&["check", &q]);
    let printed = format!("mean resilience moves {:+.2} points", drifts[0]);
    let said = String::from_utf8_lossy(&o.stderr);
    assert!(said.contains(&printed), "{printed}:\n{said}");
}

#[test]
fn same_seed_gives_identical_files_with_one_and_two_threads() {
    let dir = tempdir();
    let a = path(dir.path(), "a");
    let b = path(dir.path(), "b");
    let q = scenario("quickstart");
    run_ok(&[
        "run",
        &q,
        "--out",
        &a,
        "--quiet",
        "--replicates",
        "5",
        "--threads",
        "1",
        "--students",
    ]);
    run_ok(&[
        "run",
        &q,
        "--out",
        &b,
        "--quiet",
        "--replicates",
        "5",
        "--threads",
        "2",
        "--students",
    ]);
    for f in [
        "effects.csv",
        "trajectories.csv",
        "strategies.csv",
        "students.csv",
        "survey.csv",
        "equity.csv",
        "decision.csv",
    ] {
        let x = std::fs::read(dir.path().join("a").join(f)).unwrap();
        let y = std::fs::read(dir.path().join("b").join(f)).unwrap();
        assert!(!x.is_empty());
        assert!(x == y, "{f} differs between 1 and 2 threads");
    }
    let students = std::fs::read_to_string(dir.path().join("a/students.csv")).unwrap();
    assert!(students.starts_with(
        "replicate,strategy,student,week,school,class,rural,left_behind,minority,grade,sex,resilience,distress,depressive"
    ));
    // 5 replicates × 3 strategies × 320 students × 2 weeks, plus the header.
    assert_eq!(students.lines().count(), 5 * 3 * 320 * 2 + 1);
}

#[test]
fn a_different_seed_gives_different_results() {
    let dir = tempdir();
    let a = path(dir.path(), "a");
    let b = path(dir.path(), "b");
    let q = scenario("quickstart");
    run_ok(&[
        "run",
        &q,
        "--out",
        &a,
        "--quiet",
        "--replicates",
        "2",
        "--seed",
        "1",
    ]);
    run_ok(&[
        "run",
        &q,
        "--out",
        &b,
        "--quiet",
        "--replicates",
        "2",
        "--seed",
        "2",
    ]);
    let x = std::fs::read(dir.path().join("a/effects.csv")).unwrap();
    let y = std::fs::read(dir.path().join("b/effects.csv")).unwrap();
    assert_ne!(x, y);
}

/// Components that have not started draw no random numbers and change
/// nothing: until its start week a strategy is bitwise the baseline (common
/// random numbers). A start after the run's last week is refused, naming the
/// key (it would never run and be costed at nothing).
#[test]
fn strategy_before_its_start_week_is_bitwise_the_baseline() {
    let dir = tempdir();
    let text = |start: u32| {
        format!(
            r#"
name = "late"
[run]
replicates = 3
[population]
schools = 2
classes_per_school = 2
class_size = 25
[strategies.usual_practice]
components = []
[strategies.too_late]
components = ["contact_book", "parent_modelling", "joint_goal_setting", "digital_channel", "mh_curriculum"]
[strategies.too_late.contact_book]
start_week = {start}
[strategies.too_late.parent_modelling]
start_week = {start}
[strategies.too_late.joint_goal_setting]
start_week = {start}
[strategies.too_late.digital_channel]
start_week = {start}
[strategies.too_late.mh_curriculum]
start_week = {start}
[strategies.on_time]
components = ["contact_book", "parent_modelling"]
"#
        )
    };
    let never = write(dir.path(), "never.toml", &text(53));
    let o = resim(&[
        "run",
        never.to_str().unwrap(),
        "--out",
        &path(dir.path(), "never"),
        "--quiet",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("strategies.too_late.contact_book.start_week")
            && err.contains("a week from 1 to 52"),
        "{err}"
    );
    let sc = write(dir.path(), "late.toml", &text(52));
    let out = path(dir.path(), "out");
    run_ok(&["run", sc.to_str().unwrap(), "--out", &out, "--quiet"]);
    let traj = std::fs::read_to_string(dir.path().join("out/trajectories.csv")).unwrap();
    // Rows `strategy,subgroup,week,…` of the weeks before 52, without the strategy.
    let rows_of = |s: &str| -> Vec<String> {
        traj.lines()
            .filter(|l| l.starts_with(&format!("{s},")))
            .map(|l| l.split_once(',').unwrap().1.to_string())
            .filter(|r| r.split(',').nth(1).and_then(|w| w.parse::<u32>().ok()) < Some(52))
            .collect()
    };
    let base = rows_of("usual_practice");
    assert!(base.len() > 100);
    assert_eq!(
        base,
        rows_of("too_late"),
        "a strategy whose components have not started must equal the baseline exactly"
    );
    assert_ne!(base, rows_of("on_time"), "a strategy that runs must differ");
}

#[test]
fn refuses_a_non_empty_output_directory_without_force() {
    let dir = tempdir();
    std::fs::write(dir.path().join("keep.txt"), "precious").unwrap();
    let out = dir.path().to_string_lossy().into_owned();
    let q = scenario("quickstart");
    let o = resim(&["run", &q, "--out", &out, "--quiet", "--replicates", "1"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("not empty") && err.contains("--force"),
        "{err}"
    );
    assert!(!dir.path().join("effects.csv").exists());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("keep.txt")).unwrap(),
        "precious"
    );
    run_ok(&[
        "run",
        &q,
        "--out",
        &out,
        "--quiet",
        "--replicates",
        "1",
        "--force",
    ]);
    assert!(dir.path().join("effects.csv").exists());
}

#[test]
fn check_prints_a_resolved_scenario_that_loads_again() {
    let dir = tempdir();
    for name in [
        "quickstart",
        "meta_analysis_trial",
        "rural_left_behind",
        "urban_exam_pressure",
        "trust_gap",
        "one_class_contact_book",
    ] {
        let o = run_ok(&["check", &scenario(name)]);
        let text = String::from_utf8(o.stdout).unwrap();
        assert!(
            text.contains("[stress]") && text.contains("academic_load"),
            "{name}: defaults not written out"
        );
        let again = write(dir.path(), &format!("{name}.toml"), &text);
        let o2 = run_ok(&["check", again.to_str().unwrap()]);
        assert_eq!(
            String::from_utf8(o2.stdout).unwrap(),
            text,
            "{name}: resolved scenario does not round-trip"
        );
        let first = std::fs::read_to_string(scenario(name)).unwrap();
        assert!(
            first.starts_with("# Question"),
            "{name} must open with the question it answers"
        );
    }
}

#[test]
fn check_simulates_its_burn_ins_on_the_threads_asked_with_the_same_drift() {
    let report = |threads: &str| {
        let o = run_ok(&["check", &scenario("quickstart"), "--threads", threads]);
        let text = String::from_utf8(o.stderr).unwrap();
        let steady = text
            .lines()
            .find(|l| l.contains("checked on the burn-ins of the first 63 replicates"))
            .unwrap_or_else(|| panic!("no steady-state line in {text}"))
            .to_string();
        let memory = text
            .lines()
            .find(|l| l.starts_with("memory:"))
            .unwrap()
            .to_string();
        (steady, memory)
    };
    let (one, memory_one) = report("1");
    let (two, memory_two) = report("2");
    assert_eq!(one, two, "the drift must not depend on the threads");
    assert!(memory_one.contains("on 1 thread"), "{memory_one}");
    assert!(memory_two.contains("on 2 threads"), "{memory_two}");
    let o = resim(&["check", &scenario("quickstart"), "--threads", "0"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--threads"));
}

#[test]
fn list_names_every_component_outcome_and_subgroup() {
    let o = run_ok(&["list"]);
    let text = String::from_utf8_lossy(&o.stdout);
    for c in [
        "termly_conference",
        "contact_book",
        "digital_channel",
        "parent_volunteering",
        "homework_help",
        "parent_modelling",
        "behaviour_support",
        "joint_goal_setting",
        "mh_curriculum",
        "peer_mentoring",
        "school_psychologist",
        "community_partnership",
        "left_behind_support",
        "teacher_training",
        "culturally_responsive",
    ] {
        assert!(text.contains(c), "component {c} not listed");
    }
    for s in [
        "[stress]",
        "academic_load",
        "resilience",
        "depressive",
        "left_behind",
        "low_trust",
    ] {
        assert!(text.contains(s), "{s} not listed");
    }
    // Settings are printed as a scenario writes them, never as Rust names.
    assert!(text.contains("target all,"), "{text}");
    assert!(text.contains("offered per family;"), "{text}");
    assert!(!text.contains("target All") && !text.contains("per Family"));
    let bad = resim(&["list", "componnets"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn a_large_population_split_into_blocks_gives_identical_files_whatever_the_threads() {
    // 21,000 students: more than one block, so one replicate runs on every core.
    let dir = tempdir();
    let sc = write(
        dir.path(),
        "large.toml",
        r#"
name = "large"
[run]
replicates = 1
[population]
schools = 15
classes_per_school = 35
class_size = 40
[calendar]
burn_in_weeks = 4
[strategies.usual_practice]
components = []
[strategies.programme]
components = ["contact_book", "parent_modelling", "joint_goal_setting"]
"#,
    );
    let a = path(dir.path(), "a");
    let b = path(dir.path(), "b");
    let s = sc.to_str().unwrap();
    run_ok(&["run", s, "--out", &a, "--quiet", "--threads", "1"]);
    run_ok(&["run", s, "--out", &b, "--quiet", "--threads", "2"]);
    for f in [
        "effects.csv",
        "trajectories.csv",
        "strategies.csv",
        "equity.csv",
        "decision.csv",
    ] {
        let x = std::fs::read(dir.path().join("a").join(f)).unwrap();
        let y = std::fs::read(dir.path().join("b").join(f)).unwrap();
        assert!(x == y, "{f} differs between 1 and 2 threads");
    }
}

/// A researcher cites the version that produced a figure: `CITATION.cff`
/// names the crate's version, and `CHANGELOG.md` has an entry for it.
#[test]
fn citation_and_changelog_name_the_crate_version() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let version = env!("CARGO_PKG_VERSION");
    let cff = std::fs::read_to_string(root.join("CITATION.cff")).unwrap();
    assert!(
        cff.lines()
            .any(|l| l.trim() == format!("version: {version}")),
        "CITATION.cff does not say `version: {version}`"
    );
    let log = std::fs::read_to_string(root.join("CHANGELOG.md")).unwrap();
    assert!(
        log.lines().any(|l| l.starts_with(&format!("## {version}"))),
        "CHANGELOG.md has no `## {version}` entry"
    );
}

/// A planner's figure can be traced to the program and the parameters that
/// made it: the manifest names the git commit of the build and a hash of the
/// model parameters that ignores everything else about the file, and the
/// report shows both.
#[test]
fn manifest_identifies_the_build_and_the_parameter_set() {
    let dir = tempdir();
    let text = std::fs::read_to_string(scenario("quickstart")).unwrap();
    // Same parameters, another file: a comment, another seed, fewer students.
    let same = text
        .replace("seed = 2019", "seed = 7")
        .replace("schools = 4", "schools = 1");
    let same = write(dir.path(), "same.toml", &format!("# my copy\n{same}"));
    // One model parameter changed.
    let other = write(
        dir.path(),
        "other.toml",
        &format!("{text}\n[stress]\nerosion_rate = 0.0123\n"),
    );
    let mut manifests = Vec::new();
    for (name, file) in [
        ("a", scenario("quickstart")),
        ("b", same.display().to_string()),
        ("c", other.display().to_string()),
    ] {
        let out = path(dir.path(), name);
        run_ok(&["run", &file, "--out", &out, "--quiet", "--replicates", "1"]);
        let m: serde_json::Value =
            serde_json::from_slice(&std::fs::read(Path::new(&out).join("manifest.json")).unwrap())
                .unwrap();
        manifests.push(m);
    }
    let hash = |m: &serde_json::Value| m["parameter_set_hash"].as_str().unwrap().to_string();
    assert_eq!(hash(&manifests[0]).len(), 16);
    assert_eq!(hash(&manifests[0]), hash(&manifests[1]));
    assert_ne!(hash(&manifests[0]), hash(&manifests[2]));
    assert_ne!(manifests[0]["scenario_hash"], manifests[1]["scenario_hash"]);

    let commit = manifests[0]["git_commit"].as_str().unwrap();
    let head = std::process::Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output();
    match head {
        Ok(h) if h.status.success() => {
            let head = String::from_utf8_lossy(&h.stdout).trim().to_string();
            assert!(
                commit == head || commit == format!("{head}-modified"),
                "manifest says {commit}, the checkout is at {head}"
            );
        }
        _ => assert_eq!(commit, "unknown"),
    }

    let out = path(dir.path(), "a");
    run_ok(&["report", &out]);
    let html = std::fs::read_to_string(Path::new(&out).join("report.html")).unwrap();
    assert!(
        html.contains(&hash(&manifests[0])),
        "report lacks the parameter set hash"
    );
    assert!(html.contains(commit), "report lacks the git commit");
}
