//! Parameter uncertainty (`--uncertainty`): each replicate draws the fitted
//! parameters from the posterior. What a planner relies on: the uncertainty
//! interval is wider than the Monte Carlo interval and does not shrink with
//! more replicates; values set by hand are kept; the draws are
//! deterministic and survive threads, shards, merging and resuming bit for
//! bit; a bad posterior is refused naming the file, line and column.

use std::path::Path;

use crate::common::{num, path, resim, rows, run_ok, tempdir, write};

/// A tiny one-school scenario: four short years would be slow, one class
/// of 30 over a school year is enough to see the intervals.
const TINY: &str = r#"
name = "tiny"
baseline = "usual"
[run]
replicates = 8
seed = 5
[population]
schools = 1
classes_per_school = 1
class_size = 30
[calendar]
weeks = 30
[strategies.usual]
components = []
[strategies.programme]
components = ["parent_modelling", "joint_goal_setting"]
"#;

/// The row of `effects.csv` in `dir` for the programme, all students, resilience.
fn programme(dir: &Path) -> std::collections::HashMap<String, String> {
    rows(&dir.join("effects.csv"))
        .into_iter()
        .find(|r| {
            r["strategy"] == "programme" && r["subgroup"] == "all" && r["outcome"] == "resilience"
        })
        .expect("a row for the programme")
}

fn width(r: &std::collections::HashMap<String, String>, lo: &str, hi: &str) -> f64 {
    num(&r[hi]) - num(&r[lo])
}

fn run(dir: &Path, sc: &Path, out: &str, extra: &[&str]) -> std::path::PathBuf {
    let o = dir.join(out);
    let mut args = vec![
        "run",
        sc.to_str().unwrap(),
        "--out",
        o.to_str().unwrap(),
        "--quiet",
    ];
    args.extend_from_slice(extra);
    run_ok(&args);
    o
}

#[test]
fn the_uncertainty_interval_is_wider_than_the_monte_carlo_interval_and_does_not_shrink() {
    let dir = tempdir();
    let sc = write(dir.path(), "tiny.toml", TINY);
    let few = programme(&run(
        dir.path(),
        &sc,
        "few",
        &["--uncertainty", "--replicates", "16"],
    ));
    let many = programme(&run(
        dir.path(),
        &sc,
        "many",
        &["--uncertainty", "--replicates", "64"],
    ));
    for r in [&few, &many] {
        assert_eq!(r["spread_of"], "parameters+chance");
        assert!(
            width(r, "diff_ui_lo", "diff_ui_hi") > width(r, "diff_lo", "diff_hi"),
            "UI narrower than the MC interval: {r:?}"
        );
        assert!(
            num(&r["diff_ui_lo"]) <= num(&r["diff"]) && num(&r["diff"]) <= num(&r["diff_ui_hi"])
        );
    }
    // Four times the replicates: the MC interval about halves, the UI does not.
    let (mc16, mc64) = (
        width(&few, "diff_lo", "diff_hi"),
        width(&many, "diff_lo", "diff_hi"),
    );
    let (ui16, ui64) = (
        width(&few, "diff_ui_lo", "diff_ui_hi"),
        width(&many, "diff_ui_lo", "diff_ui_hi"),
    );
    assert!(
        mc64 < 0.7 * mc16,
        "MC interval did not shrink: {mc16} → {mc64}"
    );
    assert!(
        ui64 > 0.7 * ui16,
        "UI shrank like an MC interval: {ui16} → {ui64}"
    );
    // Without draws the spread is labelled as chance only, and is narrower.
    let fixed = programme(&run(dir.path(), &sc, "fixed", &["--replicates", "16"]));
    assert_eq!(fixed["spread_of"], "chance");
    assert!(width(&fixed, "diff_ui_lo", "diff_ui_hi") < ui16);
}

#[test]
fn a_value_set_by_hand_is_kept_in_every_replicate_and_the_manifest_says_what_was_drawn() {
    let dir = tempdir();
    let text = format!("{TINY}[learning]\ncaregiver_synergy = 1.5\n");
    let sc = write(dir.path(), "tiny.toml", &text);
    let out = run(
        dir.path(),
        &sc,
        "set",
        &["--uncertainty", "--set", "stress.academic_load=0.061"],
    );
    let params = rows(&out.join("parameters.csv"));
    assert_eq!(
        params.len(),
        8 * 14,
        "one row per replicate and posterior parameter"
    );
    for (path, value) in [
        ("stress.academic_load", 0.061),
        ("learning.caregiver_synergy", 1.5),
    ] {
        let mine: Vec<_> = params.iter().filter(|r| r["parameter"] == path).collect();
        assert_eq!(mine.len(), 8);
        for r in mine {
            assert_eq!(r["source"], "kept", "{r:?}");
            assert!((num(&r["value"]) - value).abs() < 1e-6, "{r:?}");
        }
    }
    let drawn: std::collections::BTreeSet<String> = params
        .iter()
        .filter(|r| r["parameter"] == "stress.stress_resistance")
        .map(|r| r["value"].clone())
        .collect();
    assert!(
        drawn.len() > 1,
        "replicates drew different particles: {drawn:?}"
    );
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let u = &m["uncertainty"];
    assert_eq!(u["draws"], 8);
    assert_eq!(u["particles"], 100);
    assert_eq!(u["posterior"], "data/posterior/posterior.csv");
    assert_eq!(u["posterior_sha256"].as_str().map(str::len), Some(64));
    assert_eq!(
        u["kept"],
        serde_json::json!(["stress.academic_load", "learning.caregiver_synergy"])
    );
    // A run without --uncertainty writes no parameters.csv and no record.
    let plain = run(dir.path(), &sc, "plain", &[]);
    assert!(!plain.join("parameters.csv").exists());
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(plain.join("manifest.json")).unwrap()).unwrap();
    assert!(m.get("uncertainty").is_none());
}

const FILES: &[&str] = &[
    "effects.csv",
    "parameters.csv",
    "decision.csv",
    "ceac.csv",
    "evpi.csv",
    "equity.csv",
    "strategies.csv",
    "survey.csv",
    "trajectories.csv",
];

fn same_files(a: &Path, b: &Path) {
    for f in FILES {
        let (x, y) = (
            std::fs::read(a.join(f)).unwrap(),
            std::fs::read(b.join(f)).unwrap(),
        );
        assert!(
            x == y,
            "{f} differs between {} and {}",
            a.display(),
            b.display()
        );
    }
}

#[test]
fn draws_are_the_same_whatever_the_threads_shards_and_resumes() {
    let dir = tempdir();
    let sc = write(dir.path(), "tiny.toml", TINY);
    let flags = ["--uncertainty", "--set", "trust.rate=0.2"];
    let one = run(
        dir.path(),
        &sc,
        "one",
        &[&flags[..], &["--threads", "1"]].concat(),
    );
    let two = run(
        dir.path(),
        &sc,
        "two",
        &[&flags[..], &["--threads", "2"]].concat(),
    );
    same_files(&one, &two);
    let again = run(
        dir.path(),
        &sc,
        "again",
        &[&flags[..], &["--threads", "2"]].concat(),
    );
    same_files(&one, &again);
    // Shards, one of them run twice (the second time resumed), then merged.
    let sharded = dir.path().join("sharded");
    for i in 0..3 {
        let s = format!("{i}/3");
        run(
            dir.path(),
            &sc,
            "sharded",
            &[&flags[..], &["--shard", &s]].concat(),
        );
    }
    run(
        dir.path(),
        &sc,
        "sharded",
        &[&flags[..], &["--shard", "1/3", "--resume"]].concat(),
    );
    run_ok(&["merge", sharded.to_str().unwrap()]);
    same_files(&one, &sharded);
    // A shard asked with other options is refused, not mixed in.
    let e = resim(&[
        "run",
        sc.to_str().unwrap(),
        "--out",
        sharded.to_str().unwrap(),
        "--quiet",
        "--shard",
        "0/3",
        "--resume",
    ]);
    assert!(
        !e.status.success(),
        "a shard without --uncertainty joined the job"
    );
    // Without --uncertainty the replicates differ from the drawn run.
    let plain = run(dir.path(), &sc, "plain", &[]);
    assert_ne!(
        std::fs::read(plain.join("effects.csv")).unwrap(),
        std::fs::read(one.join("effects.csv")).unwrap()
    );
}

#[test]
fn a_bad_posterior_is_refused_naming_the_file_line_and_column() {
    let dir = tempdir();
    let sc = write(dir.path(), "tiny.toml", TINY);
    let shipped = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/posterior/posterior.csv"),
    )
    .unwrap();
    // The first particle's line with one field replaced (fields: generation,
    // particle, weight, distance, then the parameters in the header's order).
    let (header, rest) = shipped.split_once('\n').unwrap();
    let (first, others) = rest.split_once('\n').unwrap();
    let with_field = |column: &str, value: &str| {
        let k = header.split(',').position(|c| c == column).unwrap();
        let mut fields: Vec<&str> = first.split(',').collect();
        fields[k] = value;
        format!("{header}\n{}\n{others}", fields.join(","))
    };
    let cases: Vec<(&str, String, &[&str])> = vec![
        (
            "value",
            with_field("stress.academic_load", "oops"),
            &["bad.csv:2", "stress.academic_load"],
        ),
        (
            "column",
            shipped.replacen("stress.academic_load", "stress.academic_lod", 1),
            &["bad.csv:1", "stress.academic_lod", "academic_load"],
        ),
        (
            "range",
            with_field("stress.female_reactivity", "-5"),
            &["bad.csv:2", "stress.female_reactivity"],
        ),
        (
            "weight",
            with_field("weight", "-1"),
            &["bad.csv:2", "weight"],
        ),
    ];
    for (what, text, wanted) in cases {
        let bad = write(dir.path(), "bad.csv", &text);
        let out = resim(&[
            "run",
            sc.to_str().unwrap(),
            "--out",
            &path(dir.path(), what),
            "--quiet",
            "--posterior",
            bad.to_str().unwrap(),
        ]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{what}: {err}");
        for w in wanted {
            assert!(err.contains(w), "{what}: `{w}` not in: {err}");
        }
        assert!(!err.contains("panicked"), "{err}");
    }
    // The scenario setting names a file relative to the scenario.
    let text = TINY.replace("seed = 5", "seed = 5\nposterior = \"missing.csv\"");
    let sc = write(dir.path(), "named.toml", &text);
    let out = resim(&[
        "run",
        sc.to_str().unwrap(),
        "--out",
        &path(dir.path(), "named"),
        "--quiet",
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("missing.csv"), "{err}");
}

#[test]
fn the_scenario_setting_draws_like_the_flag() {
    let dir = tempdir();
    let flag = write(dir.path(), "flag.toml", TINY);
    let set = write(
        dir.path(),
        "set.toml",
        &TINY.replace("seed = 5", "seed = 5\nuncertainty = true"),
    );
    let a = run(dir.path(), &flag, "flag", &["--uncertainty"]);
    let b = run(dir.path(), &set, "set", &[]);
    same_files(&a, &b);
    let copy = write(
        dir.path(),
        "copy.csv",
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("data/posterior/posterior.csv"),
        )
        .unwrap(),
    );
    let c = run(
        dir.path(),
        &flag,
        "file",
        &["--posterior", copy.to_str().unwrap()],
    );
    same_files(&a, &c);
}

/// The line of a CSV file for the programme, all students, resilience,
/// from its `strategy` column on.
fn programme_line(file: &Path) -> String {
    let text = std::fs::read_to_string(file).unwrap();
    let line = text
        .lines()
        .find(|l| l.contains("programme,all,resilience,"))
        .expect("a row for the programme");
    line[line.find("programme,all,resilience,").unwrap()..].to_string()
}

/// A sweep of a posterior parameter under uncertainty keeps each point's
/// value in every replicate, drawing only the others: the point is the run
/// with that value set by hand (`--set`), bit for bit, and not the run
/// that draws it.
#[test]
fn a_sweep_points_value_is_kept_not_drawn() {
    let dir = tempdir();
    let text = TINY.replace("seed = 5", "seed = 5\nuncertainty = true")
        + "[sweep]\n\"stress.academic_load\" = [0.061, 0.09]\n";
    let sc = write(dir.path(), "swept.toml", &text);
    let sweep = dir.path().join("sweep");
    run_ok(&[
        "sweep",
        sc.to_str().unwrap(),
        "--out",
        sweep.to_str().unwrap(),
        "--quiet",
    ]);
    let csv = std::fs::read_to_string(sweep.join("sweep.csv")).unwrap();
    let point = csv
        .lines()
        .find(|l| l.starts_with("0,0.061,programme,all,resilience,"))
        .expect("the first point's programme row");
    let point = &point["0,0.061,".len()..];
    assert!(point.contains(",parameters+chance,"), "{point}");
    let set = run(
        dir.path(),
        &sc,
        "set",
        &["--set", "stress.academic_load=0.061"],
    );
    assert_eq!(point, programme_line(&set.join("effects.csv")));
    let drawn = run(dir.path(), &sc, "drawn", &[]);
    assert_ne!(point, programme_line(&drawn.join("effects.csv")));
}

/// A what-if with `--uncertainty` quotes the uncertainty interval in its
/// answer, and the scenario it writes runs again to the same numbers.
#[test]
fn a_what_if_under_uncertainty_quotes_the_ui_and_its_scenario_reruns_the_same() {
    let dir = tempdir();
    let sc = write(dir.path(), "tiny.toml", TINY);
    let out = dir.path().join("whatif");
    let o = run_ok(&[
        "whatif",
        sc.to_str().unwrap(),
        "--add",
        "contact_book",
        "--uncertainty",
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("Average resilience (0-100)") && text.contains("95 % uncertainty interval"),
        "{text}"
    );
    let plain: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("In plain words"))
        .collect();
    assert!(
        plain.len() == 1 && plain[0].contains("95 % uncertainty interval"),
        "{text}"
    );
    let again = run(dir.path(), &out.join("scenario.toml"), "again", &[]);
    for f in [
        "effects.csv",
        "parameters.csv",
        "decision.csv",
        "ceac.csv",
        "evpi.csv",
    ] {
        assert!(
            std::fs::read(out.join(f)).unwrap() == std::fs::read(again.join(f)).unwrap(),
            "{f} differs when the what-if's scenario.toml is run again"
        );
    }
}
