//! Validation and calibration as a researcher meets them: the bundled
//! targets pass, unknown ids are reported, a calibration recovers parameters
//! it generated targets from, and a resumed calibration ends exactly where an
//! uninterrupted one does.

use std::path::Path;
use std::process::Command;

use crate::common::*;

/// Targets of the calibration set the model is known to miss at its
/// defaults. Since the model revision of issue 11 there are none: measured
/// over the survey window (ordinary weeks), the baseline prevalence is back
/// in its band, and `--strict` passes (as CI runs it). A failure added here
/// must be explained in docs/VALIDATION.md.
const KNOWN_FAILURES: &[&str] = &[];

#[test]
fn every_bundled_target_passes_on_the_bundled_scenario() {
    let dir = tempdir();
    let out = path(dir.path(), "v");
    // The scenario's own 24 replicates: each statistic's Monte Carlo
    // interval is a small fraction of its band.
    let o = run_ok(&["validate", "--quiet", "--out", &out]);
    let stdout = String::from_utf8_lossy(&o.stdout);
    let passing = 10 - KNOWN_FAILURES.len();
    assert!(
        stdout.contains(&format!(
            "{passing} of 10 measured targets within their band"
        )),
        "{stdout}"
    );
    let table = rows(&Path::new(&out).join("validation.csv"));
    assert_eq!(table.len(), 10);
    for r in &table {
        let (sim, lo, hi) = (num(&r["simulated"]), num(&r["low"]), num(&r["high"]));
        if KNOWN_FAILURES.contains(&r["id"].as_str()) {
            assert_eq!(r["result"], "FAIL", "{r:?}");
        } else {
            assert_eq!(r["result"], "pass", "{r:?}");
            assert!(sim >= lo && sim <= hi, "{r:?}");
        }
        // The 95 % Monte Carlo interval is narrow next to the band.
        let width = num(&r["simulated_hi"]) - num(&r["simulated_lo"]);
        assert!(width < 0.3 * (hi - lo), "{}: interval {width}", r["id"]);
        assert_eq!(r["replicates"], "24");
        assert_eq!(r["scenario"], "meta_analysis_trial");
        assert_eq!(r["role"], "calibration");
    }
    // The support–resilience correlation is measured against resilience
    // without its perceived-support component, over the survey window.
    let corr = table
        .iter()
        .find(|r| r["id"] == "support_resilience_correlation")
        .unwrap();
    assert!(
        corr["measured_as"].contains("resilience_without_support")
            && corr["measured_as"].contains("weeks 6, 12, 30, 36"),
        "{corr:?}"
    );
    // Effects are read at the end of the programme: the last term week.
    let effect = table
        .iter()
        .find(|r| r["id"] == "fs_programme_mental_health")
        .unwrap();
    assert!(
        effect["measured_as"].contains("end of programme (week 44)"),
        "{effect:?}"
    );
    // validation.csv is never overwritten without --force.
    let again = resim(&["validate", "--quiet", "--out", &out]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    // --strict at the defaults (as CI runs it) fails exactly on the known
    // failures, naming them, and passes once there are none.
    let strict = resim(&["validate", "--quiet", "--strict", "--force", "--out", &out]);
    let err = String::from_utf8_lossy(&strict.stderr);
    if passing == 10 {
        assert_eq!(strict.status.code(), Some(0), "{err}");
    } else {
        assert_eq!(strict.status.code(), Some(3), "{err}");
        for id in KNOWN_FAILURES {
            assert!(err.contains(id), "{err}");
        }
    }
}

#[test]
fn other_published_findings_are_measured_with_published_bands() {
    let dir = tempdir();
    let out = path(dir.path(), "o");
    let targets = format!("{}/data/other_findings.csv", env!("CARGO_MANIFEST_DIR"));
    let o = run_ok(&["validate", "--targets", &targets, "--quiet", "--out", &out]);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("Calibration targets") && stdout.contains("Out-of-sample patterns"),
        "{stdout}"
    );
    let table = rows(&Path::new(&out).join("validation.csv"));
    assert_eq!(table.len(), 5);
    for r in &table {
        // Every row is measured, and passes exactly when it is in its band.
        let (sim, lo, hi) = (num(&r["simulated"]), num(&r["low"]), num(&r["high"]));
        assert!(sim.is_finite(), "{r:?}");
        let inside = sim >= lo && sim <= hi;
        assert_eq!(r["result"], if inside { "pass" } else { "FAIL" }, "{r:?}");
        assert!(!r["where"].is_empty() && !r["source"].is_empty(), "{r:?}");
        // At the defaults every in-sample finding is met (issue 11).
        if r["role"] == "calibration" {
            assert_eq!(r["result"], "pass", "{r:?}");
        }
    }
    // No band is an assumption any more: the programme's resilience effect
    // keeps the range MODEL.md gives, without the widening to 0.6.
    let res = table
        .iter()
        .find(|r| r["id"] == "fs_programme_resilience")
        .unwrap();
    assert_eq!((res["low"].as_str(), res["high"].as_str()), ("0.2", "0.4"));
    assert!(
        !table
            .iter()
            .any(|r| r["id"] == "resilience_regulation_correlation")
    );
}

#[test]
fn unknown_target_ids_are_reported_and_the_rest_still_validated() {
    let dir = tempdir();
    let bundled = std::fs::read_to_string(format!(
        "{}/data/calibration.csv",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let csv = format!(
        "{bundled}made_up_finding,\"Something the model does not measure\",r,0.3,0.1,0.5,anyone,nowhere\n"
    );
    let targets = write(dir.path(), "t.csv", &csv);
    let out = path(dir.path(), "v");
    let o = run_ok(&[
        "validate",
        "--targets",
        targets.to_str().unwrap(),
        "--quiet",
        "--out",
        &out,
        "--replicates",
        "4",
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("`made_up_finding`") && err.contains("known ids"),
        "{err}"
    );
    let table = rows(&Path::new(&out).join("validation.csv"));
    assert_eq!(table.len(), 11);
    let unknown = table.iter().find(|r| r["id"] == "made_up_finding").unwrap();
    assert_eq!(unknown["result"], "unknown");
    assert_eq!(unknown["simulated"], "NA");
    assert!(table.iter().filter(|r| r["simulated"] != "NA").count() == 10);

    // --strict turns an unmeasured target into exit code 3.
    let strict = resim(&[
        "validate",
        "--targets",
        targets.to_str().unwrap(),
        "--quiet",
        "--strict",
        "--force",
        "--out",
        &out,
        "--replicates",
        "4",
    ]);
    assert_eq!(strict.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&strict.stderr).contains("made_up_finding"));
}

#[test]
fn bad_targets_files_are_refused_with_exit_code_2() {
    let dir = tempdir();
    let out = path(dir.path(), "v");
    for (name, text, expect) in [
        ("cols.csv", "id,value,low\nx,1,0\n", "`high`"),
        ("num.csv", "id,value,low,high\nx,abc,0,1\n", "t.csv:2"),
        ("band.csv", "id,value,low,high\nx,2,0,1\n", "band"),
    ] {
        let file = write(dir.path(), name, text);
        let o = resim(&[
            "validate",
            "--targets",
            file.to_str().unwrap(),
            "--quiet",
            "--out",
            &out,
        ]);
        assert_eq!(o.status.code(), Some(2), "{name}");
        let err = String::from_utf8_lossy(&o.stderr);
        let expect = expect.replace("t.csv", name);
        assert!(err.contains(&expect), "{name}: {err}");
        assert!(!Path::new(&out).exists(), "{name}: output written");
    }
}

/// A small trial: two schools, usual practice and the full programme.
fn tiny(academic_load: f64, modelling_support_gain: f64) -> String {
    format!(
        r#"# Question: a tiny trial for calibration tests
name = "tiny"
[run]
replicates = 6
seed = 7
[population]
schools = 2
classes_per_school = 2
class_size = 25
[stress]
academic_load = {academic_load}
[support]
modelling_support_gain = {modelling_support_gain}
[strategies.usual_practice]
components = []
[strategies.full_programme]
components = ["parent_modelling", "behaviour_support", "joint_goal_setting"]
"#
    )
}

const PARAMS: [&str; 4] = [
    "--param",
    "stress.academic_load=0.06..0.16",
    "--param",
    "support.modelling_support_gain=0.05..0.6",
];

/// Targets measured on the tiny trial at `academic_load` 0.12 and
/// `modelling_support_gain` 0.35, with narrow bands around the model's values.
fn synthetic_targets(dir: &Path) -> std::path::PathBuf {
    let truth = write(dir, "truth.toml", &tiny(0.12, 0.35));
    // Measure the two targets at the true values (bands only to parse).
    let probe = write(
        dir,
        "probe.csv",
        "id,value,low,high\nbaseline_depressive_prevalence,0.5,-10,10\nfs_programme_mental_health,0.5,-10,10\n",
    );
    let measured = path(dir, "truth");
    run_ok(&[
        "validate",
        "--scenario",
        truth.to_str().unwrap(),
        "--targets",
        probe.to_str().unwrap(),
        "--quiet",
        "--out",
        &measured,
    ]);
    let mut csv = String::from("id,finding,statistic,value,low,high,population,source\n");
    for r in rows(&Path::new(&measured).join("validation.csv")) {
        let v = num(&r["simulated"]);
        let half = if r["id"] == "baseline_depressive_prevalence" {
            0.02
        } else {
            0.05
        };
        csv.push_str(&format!(
            "{},synthetic,{},{v},{},{},tiny,the model at known values\n",
            r["id"],
            r["statistic"],
            v - half,
            v + half
        ));
    }
    write(dir, "targets.csv", &csv)
}

#[test]
fn calibration_recovers_the_parameters_that_generated_its_targets() {
    let dir = tempdir();
    let (load, gain) = (0.12, 0.35);
    let targets = synthetic_targets(dir.path());

    // Start away from the truth and fit.
    let start = write(dir.path(), "start.toml", &tiny(0.085, 0.12));
    let out = path(dir.path(), "fit");
    let mut args = vec![
        "calibrate",
        start.to_str().unwrap(),
        "--targets",
        targets.to_str().unwrap(),
        "--budget",
        "120",
        "--quiet",
        "--out",
        &out,
    ];
    args.extend(PARAMS);
    let o = run_ok(&args);
    let stdout = String::from_utf8_lossy(&o.stdout);
    let fitted = rows(&Path::new(&out).join("calibration.csv"));
    let get = |p: &str| num(&fitted.iter().find(|r| r["parameter"] == p).unwrap()["fitted"]);
    let (l, g) = (
        get("stress.academic_load"),
        get("support.modelling_support_gain"),
    );
    assert!(
        (l - load).abs() < 0.006,
        "academic_load {l} vs {load}\n{stdout}"
    );
    assert!(
        (g - gain).abs() < 0.06,
        "modelling_support_gain {g} vs {gain}\n{stdout}"
    );
    for r in rows(&Path::new(&out).join("fit.csv")) {
        assert_eq!(r["result"], "pass", "{r:?}");
    }
    // The fitted scenario loads and carries the fitted values.
    let toml = std::fs::read_to_string(Path::new(&out).join("calibrated.toml")).unwrap();
    run_ok(&["check", &path(Path::new(&out), "calibrated.toml")]);
    assert!(toml.contains("academic_load"));
}

#[test]
fn abc_smc_gives_a_posterior_around_the_truth_and_resumes_exactly() {
    let dir = tempdir();
    let targets = synthetic_targets(dir.path());
    let start = write(dir.path(), "start.toml", &tiny(0.085, 0.12));
    let calibrate = |out: &str, budget: &str, resume: bool| {
        let mut args = vec![
            "calibrate",
            start.to_str().unwrap(),
            "--targets",
            targets.to_str().unwrap(),
            "--method",
            "abc",
            "--particles",
            "24",
            "--tolerance",
            "0.3",
            "--budget",
            budget,
            "--quiet",
            "--out",
            out,
        ];
        args.extend(PARAMS);
        if resume {
            args.push("--resume");
        }
        run_ok(&args)
    };
    let whole = path(dir.path(), "whole");
    calibrate(&whole, "320", false);
    let fitted = rows(&Path::new(&whole).join("calibration.csv"));
    let load = fitted
        .iter()
        .find(|r| r["parameter"] == "stress.academic_load")
        .unwrap();
    let (mean, sd, lo, hi) = (
        num(&load["fitted"]),
        num(&load["sd"]),
        num(&load["fitted_lo"]),
        num(&load["fitted_hi"]),
    );
    assert!(
        lo <= 0.12 && 0.12 <= hi,
        "95% interval [{lo}, {hi}] misses 0.12"
    );
    assert!(
        (mean - 0.12).abs() < 0.01 && sd > 0.0 && sd < 0.01,
        "{load:?}"
    );
    assert_eq!(load["method"], "abc-smc");
    let posterior = rows(&Path::new(&whole).join("posterior.csv"));
    assert_eq!(posterior.len(), 24);
    let total: f64 = posterior.iter().map(|r| num(&r["weight"])).sum();
    assert!((total - 1.0).abs() < 1e-4);

    let parts = path(dir.path(), "parts");
    calibrate(&parts, "90", false);
    calibrate(&parts, "320", true);
    for f in [
        "calibration.csv",
        "posterior.csv",
        "fit.csv",
        "calibration_state.json",
    ] {
        let a = std::fs::read(Path::new(&whole).join(f)).unwrap();
        let b = std::fs::read(Path::new(&parts).join(f)).unwrap();
        assert!(
            a == b,
            "{f} differs between a resumed and an uninterrupted ABC run"
        );
    }
}

#[test]
fn a_resumed_calibration_ends_exactly_where_an_uninterrupted_one_does() {
    let dir = tempdir();
    let sc = write(dir.path(), "tiny.toml", &tiny(0.09, 0.2));
    let calibrate = |out: &str, budget: &str, resume: bool| {
        let mut args = vec![
            "calibrate",
            sc.to_str().unwrap(),
            "--budget",
            budget,
            "--quiet",
            "--out",
            out,
        ];
        args.extend(PARAMS);
        if resume {
            args.push("--resume");
        }
        run_ok(&args)
    };
    let whole = path(dir.path(), "whole");
    calibrate(&whole, "30", false);
    // Stopped by a small budget, then resumed to the full one.
    let parts = path(dir.path(), "parts");
    calibrate(&parts, "9", false);
    let early: serde_json::Value = serde_json::from_slice(
        &std::fs::read(Path::new(&parts).join("calibration_state.json")).unwrap(),
    )
    .unwrap();
    assert!(early["evaluations"].as_u64().unwrap() < 30);
    calibrate(&parts, "30", true);
    for f in [
        "calibration.csv",
        "fit.csv",
        "calibrated.toml",
        "calibration_state.json",
    ] {
        let a = std::fs::read(Path::new(&whole).join(f)).unwrap();
        let b = std::fs::read(Path::new(&parts).join(f)).unwrap();
        assert!(
            a == b,
            "{f} differs between a resumed and an uninterrupted run"
        );
    }

    // Killed mid-search (SIGINT), then resumed: the same end again.
    let killed = path(dir.path(), "killed");
    let mut args: Vec<String> = [
        "calibrate",
        sc.to_str().unwrap(),
        "--budget",
        "30",
        "--quiet",
        "--out",
        &killed,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.extend(PARAMS.iter().map(|s| s.to_string()));
    let mut child = Command::new(env!("CARGO_BIN_EXE_resim"))
        .args(&args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let state = Path::new(&killed).join("calibration_state.json");
    let started = std::time::Instant::now();
    while !state.exists() && started.elapsed().as_secs() < 60 {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let _ = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let status = child.wait().unwrap();
    assert!(
        matches!(status.code(), Some(0) | Some(130)),
        "killed calibration exited with {status:?}"
    );
    assert!(state.exists(), "no checkpoint was written");
    calibrate(&killed, "30", true);
    for f in ["calibration.csv", "fit.csv", "calibration_state.json"] {
        let a = std::fs::read(Path::new(&whole).join(f)).unwrap();
        let b = std::fs::read(Path::new(&killed).join(f)).unwrap();
        assert!(a == b, "{f} differs after a killed and resumed run");
    }

    // A checkpoint is only resumed by the calibration it belongs to.
    let mut other = vec![
        "calibrate",
        sc.to_str().unwrap(),
        "--budget",
        "30",
        "--quiet",
        "--out",
        &parts,
        "--resume",
        "--param",
        "stress.academic_load=0.06..0.2",
    ];
    other.push("--param");
    other.push("support.modelling_support_gain=0.05..0.6");
    let o = resim(&other);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("another calibration"));
}

#[test]
fn calibrate_refuses_bad_parameters_and_occupied_directories() {
    let dir = tempdir();
    let sc = write(dir.path(), "tiny.toml", &tiny(0.09, 0.2));
    let out = path(dir.path(), "c");
    for (param, expect) in [
        (
            "stress.academic_lod=0.05..0.1",
            "did you mean `stress.academic_load`",
        ),
        ("stress.academic_load=0.1", "`..`"),
        ("stress.academic_load=0.5..2", "valid from 0 to 1"),
    ] {
        let o = resim(&[
            "calibrate",
            sc.to_str().unwrap(),
            "--param",
            param,
            "--quiet",
            "--out",
            &out,
        ]);
        assert_eq!(o.status.code(), Some(2), "{param}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(expect), "{param}: {err}");
    }
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(Path::new(&out).join("keep.txt"), "x").unwrap();
    let o = resim(&[
        "calibrate",
        sc.to_str().unwrap(),
        "--param",
        "stress.academic_load=0.05..0.1",
        "--quiet",
        "--out",
        &out,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not empty"));
}

#[test]
fn survey_csv_reports_correlations_and_ratios_with_intervals() {
    let dir = tempdir();
    let out = path(dir.path(), "s");
    run_ok(&[
        "run",
        &scenario("quickstart"),
        "--out",
        &out,
        "--quiet",
        "--replicates",
        "4",
    ]);
    let text = std::fs::read_to_string(Path::new(&out).join("survey.csv")).unwrap();
    assert!(text.starts_with(
        "strategy,weeks,lag,statistic,subgroup,reference,x,y,students,reference_students,value,lo,hi,sd,replicates\n"
    ));
    let table = rows(&Path::new(&out).join("survey.csv"));
    let find = |stat: &str, sg: &str, x: &str, y: &str| {
        table
            .iter()
            .find(|r| {
                r["strategy"] == "usual_practice"
                    && r["statistic"] == stat
                    && r["subgroup"] == sg
                    && r["x"] == x
                    && r["y"] == y
            })
            .unwrap_or_else(|| panic!("no {stat} {sg} {x} {y}"))
    };
    for r in table.iter().filter(|r| r["statistic"] == "pearson_r") {
        let (v, lo, hi) = (num(&r["value"]), num(&r["lo"]), num(&r["hi"]));
        assert!((-1.0..=1.0).contains(&v) && lo <= v && v <= hi, "{r:?}");
        assert_eq!(r["weeks"], "6;12;30;36");
    }
    // Resilience falls with distress and rises with support and regulation.
    assert!(num(&find("pearson_r", "all", "resilience", "distress")["value"]) < -0.2);
    assert!(num(&find("pearson_r", "all", "resilience", "perceived_support")["value"]) > 0.2);
    assert!(num(&find("pearson_r", "all", "resilience", "emotion_regulation")["value"]) > 0.2);
    // Every subgroup contrast has a prevalence and an odds ratio.
    for (a, b) in [
        ("left_behind", "not_left_behind"),
        ("both_parents", "not_left_behind"),
        ("rural", "urban"),
        ("minority", "majority"),
        ("low_trust", "all"),
    ] {
        for stat in ["prevalence_ratio", "odds_ratio"] {
            let r = table
                .iter()
                .find(|r| {
                    r["strategy"] == "usual_practice"
                        && r["statistic"] == stat
                        && r["subgroup"] == a
                        && r["reference"] == b
                })
                .unwrap_or_else(|| panic!("no {stat} {a}/{b}"));
            let (v, lo, hi) = (num(&r["value"]), num(&r["lo"]), num(&r["hi"]));
            assert!(v > 0.0 && lo <= v && v <= hi, "{r:?}");
        }
    }
    // Left-behind children screen positive more often.
    let lb = table
        .iter()
        .find(|r| {
            r["strategy"] == "usual_practice"
                && r["statistic"] == "odds_ratio"
                && r["subgroup"] == "left_behind"
        })
        .unwrap();
    assert!(num(&lb["value"]) > 1.0, "{lb:?}");

    // Another survey week; a week after the last is refused.
    let w0 = path(dir.path(), "w0");
    run_ok(&[
        "run",
        &scenario("quickstart"),
        "--out",
        &w0,
        "--quiet",
        "--replicates",
        "2",
        "--survey-week",
        "0",
    ]);
    let t0 = rows(&Path::new(&w0).join("survey.csv"));
    assert!(t0.iter().all(|r| r["weeks"] == "0"));
    let bad = resim(&[
        "run",
        &scenario("quickstart"),
        "--out",
        &path(dir.path(), "w99"),
        "--quiet",
        "--survey-week",
        "99",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--survey-week 99"));
}

#[test]
fn targets_files_with_unknown_columns_are_refused_and_unknown_ids_named() {
    let dir = tempdir();
    let out = path(dir.path(), "v");
    for (name, text, expect) in [
        (
            "col.csv",
            "id,value,low,high,colour\nx,1,0,2,red\n",
            "col.csv:1: unknown column `colour`",
        ),
        (
            "role.csv",
            "id,value,low,high,role\nbaseline_depressive_prevalence,0.24,0.2,0.28,fitted\n",
            "role.csv:2: column `role`",
        ),
        (
            "lag.csv",
            "id,value,low,high,lag\nbaseline_depressive_prevalence,0.24,0.2,0.28,52\n",
            "not a stability or persistence",
        ),
    ] {
        let file = write(dir.path(), name, text);
        let o = resim(&[
            "validate",
            "--targets",
            file.to_str().unwrap(),
            "--quiet",
            "--out",
            &out,
        ]);
        assert_eq!(o.status.code(), Some(2), "{name}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(expect), "{name}: {err}");
        assert!(!Path::new(&out).exists(), "{name}: output written");
    }
    // A misspelt id is measured as unknown, with the id it probably meant.
    let file = write(
        dir.path(),
        "typo.csv",
        "id,value,low,high\nbaseline_depresive_prevalence,0.24,0.2,0.28\nfs_programme_social,0.33,0.22,0.45\n",
    );
    let o = run_ok(&[
        "validate",
        "--targets",
        file.to_str().unwrap(),
        "--quiet",
        "--out",
        &out,
        "--replicates",
        "2",
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("did you mean `baseline_depressive_prevalence`?"),
        "{err}"
    );
    let table = rows(&Path::new(&out).join("validation.csv"));
    assert_eq!(table[0]["result"], "unknown");
    assert!(table[0]["note"].contains("did you mean"), "{:?}", table[0]);
}

#[test]
fn patterns_are_measured_on_their_own_scenarios_and_grouped_by_role() {
    let dir = tempdir();
    let out = path(dir.path(), "p");
    let targets = format!("{}/data/patterns.csv", env!("CARGO_MANIFEST_DIR"));
    let o = run_ok(&[
        "validate",
        "--targets",
        &targets,
        "--quiet",
        "--out",
        &out,
        "--replicates",
        "3",
    ]);
    let stdout = String::from_utf8_lossy(&o.stdout);
    let cal = stdout
        .find("Calibration targets")
        .expect("calibration group");
    let oos = stdout
        .find("Out-of-sample patterns")
        .expect("out-of-sample group");
    assert!(cal < oos, "{stdout}");
    let table = rows(&Path::new(&out).join("validation.csv"));
    assert!(table.len() >= 10);
    let oos = table
        .iter()
        .filter(|r| r["role"] == "out_of_sample")
        .count();
    assert!(
        oos * 3 >= table.len() && oos * 3 <= 2 * table.len(),
        "{oos} of {}",
        table.len()
    );
    for r in &table {
        assert!(
            ["pass", "FAIL", "not_measured"].contains(&r["result"].as_str()),
            "{r:?}"
        );
        if r["result"] == "not_measured" {
            assert!(!r["note"].is_empty(), "{r:?}");
        } else {
            assert_eq!(r["replicates"], "3", "{r:?}");
        }
        assert!(!r["where"].is_empty(), "{r:?}");
    }
    let get = |id: &str| table.iter().find(|r| r["id"] == id).unwrap();
    // Stability and persistence are read on the three-year panel.
    for id in [
        "depression_1yr_persistence_chi2020",
        "depression_1yr_stability_garrison1990",
        "depression_2yr_stability_garrison1990",
    ] {
        assert_eq!(get(id)["scenario"], "panel_cohort");
        assert_ne!(get(id)["result"], "not_measured", "{:?}", get(id));
    }
    assert!(
        get("depression_2yr_stability_garrison1990")["measured_as"].contains("104 weeks later"),
        "{:?}",
        get("depression_2yr_stability_garrison1990")
    );
    assert_eq!(
        get("prevention_fadeout_ratio_ws2017")["scenario"],
        "followup_trial"
    );
    // The curriculum ends in week 44 (`end_week`), so the follow-up 52 weeks
    // later is simulated and measured.
    assert_ne!(
        get("prevention_fadeout_ratio_ws2017")["result"],
        "not_measured",
        "{:?}",
        get("prevention_fadeout_ratio_ws2017")
    );
    assert_eq!(
        get("grade7_prevalence_tang2019")["scenario"],
        "meta_analysis_trial"
    );
}

/// A small trial of the full programme.
const SMALL_TRIAL: &str = r#"# Question: a small trial for validation tests
name = "small_trial"
[run]
replicates = 3
seed = 5
[population]
schools = 2
classes_per_school = 3
class_size = 30
[strategies.usual_practice]
components = []
[strategies.full_programme]
components = ["parent_modelling", "behaviour_support", "joint_goal_setting"]
"#;

#[test]
fn the_scenario_option_replaces_only_the_default_scenario() {
    let dir = tempdir();
    let sc = write(dir.path(), "small.toml", SMALL_TRIAL);
    // The end-of-programme effect of validate is the effect of effects.csv:
    // school-based components run to the last term week, the run's last.
    let run = path(dir.path(), "run");
    run_ok(&["run", sc.to_str().unwrap(), "--out", &run, "--quiet"]);
    let effects = effects(Path::new(&run));
    let g = effect(&effects, "full_programme", "all", "distress").g;
    let targets = write(
        dir.path(),
        "t.csv",
        "id,value,low,high,survey_weeks\n\
         fs_programme_mental_health,0.39,0.28,0.50,\n\
         baseline_depressive_prevalence,0.24,0.20,0.28,\n\
         depression_1yr_persistence_chi2020,0.464,0.418,0.511,\n\
         middle_school_prevalence_zhou2024,0.2415,0.2161,0.27,20\n",
    );
    let out = path(dir.path(), "v");
    let o = run_ok(&[
        "validate",
        "--scenario",
        sc.to_str().unwrap(),
        "--targets",
        targets.to_str().unwrap(),
        "--quiet",
        "--out",
        &out,
        "--replicates",
        "3",
    ]);
    let table = rows(&Path::new(&out).join("validation.csv"));
    let get = |id: &str| table.iter().find(|r| r["id"] == id).unwrap();
    let fs = get("fs_programme_mental_health");
    assert_eq!(fs["scenario"], "small_trial");
    assert!((num(&fs["simulated"]) - g).abs() < 1e-6, "{fs:?} vs {g}");
    assert_eq!(
        get("baseline_depressive_prevalence")["scenario"],
        "small_trial"
    );
    // A target of another bundled scenario keeps it.
    assert_eq!(
        get("depression_1yr_persistence_chi2020")["scenario"],
        "panel_cohort"
    );
    // A target with its own survey window is measured in a run of its own.
    let own = get("middle_school_prevalence_zhou2024");
    assert_eq!(own["scenario"], "small_trial");
    assert!(own["measured_as"].contains("(weeks 20)"), "{own:?}");
    let stdout = String::from_utf8_lossy(&o.stdout);
    // Three runs: the given scenario, the panel, the given scenario with a window of its own.
    assert_eq!(
        stdout.lines().filter(|l| l.contains(" students, ")).count(),
        3,
        "{stdout}"
    );
}

#[test]
fn validate_sets_values_by_path_in_every_scenario() {
    let dir = tempdir();
    let targets = write(
        dir.path(),
        "t.csv",
        "id,value,low,high\n\
         baseline_depressive_prevalence,0.24,0.20,0.28\n\
         depression_1yr_persistence_chi2020,0.464,0.418,0.511\n",
    );
    let measure = |name: &str, extra: &[&str]| {
        let out = path(dir.path(), name);
        let mut args = vec![
            "validate",
            "--targets",
            targets.to_str().unwrap(),
            "--quiet",
            "--out",
            &out,
            "--replicates",
            "2",
        ];
        args.extend(extra);
        let o = run_ok(&args);
        let table = rows(&Path::new(&out).join("validation.csv"));
        (String::from_utf8_lossy(&o.stdout).to_string(), table)
    };
    let (_, plain) = measure("plain", &[]);
    let (stdout, loaded) = measure("loaded", &["--set", "stress.academic_load=0.3"]);
    assert!(
        stdout.contains("with --set stress.academic_load=0.3"),
        "{stdout}"
    );
    // More academic load, more distress: in the trial and in the panel.
    for (a, b) in plain.iter().zip(&loaded) {
        assert!(
            num(&b["simulated"]) > num(&a["simulated"]),
            "{a:?} vs {b:?}"
        );
    }
    let bad = resim(&[
        "validate",
        "--targets",
        targets.to_str().unwrap(),
        "--quiet",
        "--out",
        &path(dir.path(), "bad"),
        "--set",
        "stress.academic_lod=0.3",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("stress.academic_lod") && err.contains("academic_load"),
        "{err}"
    );
}

#[test]
fn calibration_measures_targets_of_other_bundled_scenarios_with_the_same_values() {
    let dir = tempdir();
    let sc = write(dir.path(), "tiny.toml", &tiny(0.12, 0.35));
    let targets = write(
        dir.path(),
        "t.csv",
        "id,value,low,high,role\n\
         baseline_depressive_prevalence,0.24,0.20,0.28,\n\
         depression_1yr_persistence_chi2020,0.464,0.418,0.511,\n\
         depression_2yr_stability_garrison1990,0.36,0.285,0.4307,out_of_sample\n",
    );
    let default = path(dir.path(), "default");
    run_ok(&[
        "validate",
        "--targets",
        targets.to_str().unwrap(),
        "--quiet",
        "--out",
        &default,
        "--replicates",
        "2",
        "--seed",
        "7",
    ]);
    let out = path(dir.path(), "fit");
    let o = run_ok(&[
        "calibrate",
        sc.to_str().unwrap(),
        "--targets",
        targets.to_str().unwrap(),
        "--param",
        "stress.academic_load=0.3..0.32",
        "--budget",
        "3",
        "--replicates",
        "2",
        "--quiet",
        "--out",
        &out,
    ]);
    // The out-of-sample target is left out of the fit, and said so.
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("depression_2yr_stability_garrison1990") && err.contains("out_of_sample"),
        "{err}"
    );
    let fit = rows(&Path::new(&out).join("fit.csv"));
    assert_eq!(fit.len(), 2);
    let persistence = fit
        .iter()
        .find(|r| r["id"] == "depression_1yr_persistence_chi2020")
        .unwrap();
    assert_eq!(persistence["scenario"], "panel_cohort");
    let before = rows(&Path::new(&default).join("validation.csv"));
    let at_default = before
        .iter()
        .find(|r| r["id"] == "depression_1yr_persistence_chi2020")
        .unwrap();
    // The panel ran with the fitted (much higher) academic load.
    assert!(
        num(&persistence["simulated"]) > num(&at_default["simulated"]),
        "{persistence:?} vs {at_default:?}"
    );
    let prevalence = fit
        .iter()
        .find(|r| r["id"] == "baseline_depressive_prevalence")
        .unwrap();
    assert_eq!(prevalence["scenario"], "tiny");

    // A parameter none of the measured scenarios has cannot change the fit:
    // refused before anything runs, naming the path and the scenarios.
    let with_book = write(
        dir.path(),
        "book.toml",
        &format!(
            "{}[strategies.book]\ncomponents = [\"contact_book\"]\n",
            tiny(0.12, 0.35)
        ),
    );
    let panel_only = write(
        dir.path(),
        "panel.csv",
        "id,value,low,high\ndepression_1yr_persistence_chi2020,0.464,0.418,0.511\n",
    );
    let o = resim(&[
        "calibrate",
        with_book.to_str().unwrap(),
        "--targets",
        panel_only.to_str().unwrap(),
        "--param",
        "strategies.book.contact_book.coverage=0.2..0.9",
        "--out",
        &path(dir.path(), "flat"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("strategies.book.contact_book.coverage") && err.contains("panel_cohort"),
        "{err}"
    );
    assert!(!Path::new(&path(dir.path(), "flat")).exists());
}

/// The README's validation lines run one after the other: each targets file
/// has its own default folder (issue 15, item 2).
#[test]
fn validations_against_different_targets_keep_their_own_folders() {
    let dir = tempdir();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/other_findings.csv");
    for args in [
        vec!["validate", "--replicates", "2", "--quiet"],
        vec![
            "validate",
            "--targets",
            data.to_str().unwrap(),
            "--replicates",
            "2",
            "--quiet",
        ],
    ] {
        let o = resim_in(dir.path(), &args);
        assert!(
            o.status.code() == Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    assert!(
        dir.path()
            .join("results/validation/validation.csv")
            .is_file()
    );
    assert!(
        dir.path()
            .join("results/validation-other_findings/validation.csv")
            .is_file()
    );
}

/// An ABC search stopped by its budget after generation 0 has a posterior
/// mean near the prior's centre; started at the true values, that fits worse
/// than the start: the output says the budget ran out (not that the ranges
/// are too narrow) and `calibrated.toml` keeps the starting values.
#[test]
fn an_abc_calibration_out_of_budget_says_so_and_keeps_the_better_start() {
    let dir = tempdir();
    let targets = synthetic_targets(dir.path());
    let start = write(dir.path(), "start.toml", &tiny(0.12, 0.35));
    let out = path(dir.path(), "abc");
    let mut args = vec![
        "calibrate",
        start.to_str().unwrap(),
        "--targets",
        targets.to_str().unwrap(),
        "--method",
        "abc",
        "--particles",
        "12",
        "--budget",
        "13",
        "--quiet",
        "--out",
        &out,
    ];
    args.extend(PARAMS);
    let o = run_ok(&args);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("ran out of its budget (13 simulations)"),
        "{stdout}"
    );
    assert!(!stdout.contains("ranges are too narrow"), "{stdout}");
    assert!(
        stdout.contains("calibrated.toml keeps the starting values"),
        "{stdout}"
    );
    let fitted = rows(&Path::new(&out).join("calibration.csv"));
    for r in &fitted {
        assert_eq!(num(&r["fitted"]), num(&r["start"]), "{r:?}");
        assert_eq!(r["converged"], "false", "{r:?}");
    }
    // Never worse than the start: the loss written is the start's.
    let loss = num(&fitted[0]["loss"]);
    let toml = std::fs::read_to_string(Path::new(&out).join("calibrated.toml")).unwrap();
    assert!(toml.starts_with("# tiny with its own values"), "{toml}");
    assert!(toml.contains("academic_load = 0.12"), "{toml}");
    assert!(toml.contains("modelling_support_gain = 0.35"), "{toml}");
    for r in rows(&Path::new(&out).join("fit.csv")) {
        assert_eq!(r["result"], "pass", "{r:?}");
    }
    assert!(loss < 2.0, "loss at the start {loss}");
}
