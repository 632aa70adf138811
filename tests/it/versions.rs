//! A project a researcher can trust across versions (issue 15, item 7):
//! scenario files name their schema, and results of two program versions
//! are never mixed by `--resume` or `merge`.

use std::path::Path;

use resilience_sim::scenario::schema::SCHEMA_VERSION;

use crate::common::*;

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// A version this build is not.
const OTHER: &str = "0.0.9";

/// A small sweep of two points.
const SWEEP: &str = r#"schema_version = 1
name = "versions"
[run]
replicates = 2
seed = 5
[population]
schools = 1
classes_per_school = 1
class_size = 12
[calendar]
burn_in_weeks = 2
[strategies.usual_practice]
components = []
[strategies.book]
components = ["contact_book"]
[sweep]
"stress.academic_load" = [0.06, 0.1]
"#;

#[test]
fn every_bundled_scenario_names_the_current_schema() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut files: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .chain(std::fs::read_dir(root.join("validation")).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 8, "{files:?}");
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let first_key = text
            .lines()
            .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .unwrap();
        assert!(
            first_key.starts_with(&format!("schema_version = {SCHEMA_VERSION}")),
            "{}: {first_key}",
            f.display()
        );
    }
    // The resolved scenario (check, what-if scenario.toml, calibrated.toml) carries it too.
    let o = run_ok(&["check", "quickstart"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.lines()
            .any(|l| l == format!("schema_version = {SCHEMA_VERSION}")),
        "{out}"
    );
}

#[test]
fn a_file_without_schema_version_is_read_as_schema_1() {
    let dir = tempdir();
    let f = write(
        dir.path(),
        "old.toml",
        &SWEEP.replace("schema_version = 1\n", ""),
    );
    run_ok(&["check", f.to_str().unwrap()]);
}

#[test]
fn a_file_of_a_newer_or_unknown_schema_is_refused_naming_both_versions() {
    let dir = tempdir();
    // A newer schema may have keys this version does not know: the schema
    // is named, not the unknown key.
    let newer = SWEEP.replace("schema_version = 1", "schema_version = 7") + "[future]\nx = 1\n";
    let f = write(dir.path(), "newer.toml", &newer);
    for cmd in ["check", "run"] {
        let o = resim(&[cmd, f.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{cmd}: {}", stderr(&o));
        let e = stderr(&o);
        assert!(e.contains("newer.toml:1"), "{e}");
        assert!(e.contains("scenario schema 7"), "{e}");
        assert!(
            e.contains(&format!(
                "schema {SCHEMA_VERSION}, which this resim ({VERSION}) reads"
            )),
            "{e}"
        );
        assert!(!e.contains("future"), "{e}");
    }
    let f = write(
        dir.path(),
        "zero.toml",
        &SWEEP.replace("schema_version = 1", "schema_version = 0"),
    );
    let o = resim(&["check", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("schema 0 does not exist"),
        "{}",
        stderr(&o)
    );
}

/// Replaces the program version recorded in a file (same length, so a
/// file read by lines keeps its layout).
fn stamp_other_version(file: &Path) {
    let text = std::fs::read_to_string(file).unwrap();
    let needle = format!("\"version\":\"{VERSION}\"");
    let spaced = format!("\"version\": \"{VERSION}\"");
    let changed = text
        .replace(&needle, &format!("\"version\":\"{OTHER}\""))
        .replace(&spaced, &format!("\"version\": \"{OTHER}\""));
    assert_ne!(changed, text, "{} records no version", file.display());
    std::fs::write(file, changed).unwrap();
}

#[test]
fn resume_refuses_a_journal_of_another_version_naming_both() {
    let dir = tempdir();
    let sc = write(dir.path(), "s.toml", SWEEP);
    let out = path(dir.path(), "sweep");
    let o = resim(&[
        "sweep",
        sc.to_str().unwrap(),
        "--out",
        &out,
        "--quiet",
        "--stop-after-points",
        "1",
    ]);
    assert_eq!(o.status.code(), Some(130), "{}", stderr(&o));
    stamp_other_version(&Path::new(&out).join("journal/plan.json"));
    let o = resim(&[
        "sweep",
        sc.to_str().unwrap(),
        "--out",
        &out,
        "--quiet",
        "--resume",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(
        e.contains(&format!(
            "written by resim {OTHER}, this is resim {VERSION}"
        )),
        "{e}"
    );
    assert!(!Path::new(&out).join("sweep.csv").exists());
}

#[test]
fn shards_of_another_version_are_neither_resumed_nor_merged() {
    let dir = tempdir();
    let sc = write(dir.path(), "s.toml", SWEEP);
    let sc = sc.to_str().unwrap();
    let out = path(dir.path(), "sharded");
    for i in ["0/2", "1/2"] {
        run_ok(&["sweep", sc, "--out", &out, "--quiet", "--shard", i]);
    }
    let shard0 = Path::new(&out).join("shards/shard-0-of-2.json");
    stamp_other_version(&shard0);
    // --resume does not keep another version's shard.
    let o = resim(&[
        "sweep", sc, "--out", &out, "--quiet", "--shard", "0/2", "--resume",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!(
            "written by resim {OTHER}, this is resim {VERSION}"
        )),
        "{}",
        stderr(&o)
    );
    // merge names both versions.
    let o = resim(&["merge", &out]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains(OTHER) && e.contains(VERSION), "{e}");
    assert!(!Path::new(&out).join("sweep.csv").exists());
}

#[test]
fn a_calibration_of_another_version_is_not_resumed() {
    let dir = tempdir();
    let sc = write(
        dir.path(),
        "s.toml",
        &SWEEP.replace("[sweep]\n\"stress.academic_load\" = [0.06, 0.1]\n", ""),
    );
    let targets = write(
        dir.path(),
        "targets.csv",
        "id,value,low,high\nbaseline_depressive_prevalence,0.2,0,1\n",
    );
    let out = path(dir.path(), "cal");
    let calibrate = |budget: &str, resume: bool| {
        let mut a = vec![
            "calibrate",
            sc.to_str().unwrap(),
            "--targets",
            targets.to_str().unwrap(),
            "--param",
            "stress.academic_load=0.06..0.16",
            "--budget",
            budget,
            "--quiet",
            "--out",
            &out,
        ];
        if resume {
            a.push("--resume");
        }
        resim(&a)
    };
    let o = calibrate("3", false);
    assert!(o.status.success(), "{}", stderr(&o));
    let state = Path::new(&out).join("calibration_state.json");
    let text = std::fs::read_to_string(&state).unwrap();
    let needle = format!("\"program\": \"{VERSION}\"");
    assert!(text.contains(&needle), "{text}");
    std::fs::write(
        &state,
        text.replace(&needle, &format!("\"program\": \"{OTHER}\"")),
    )
    .unwrap();
    let o = calibrate("6", true);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!(
            "written by resim {OTHER}, this is resim {VERSION}"
        )),
        "{}",
        stderr(&o)
    );
}
