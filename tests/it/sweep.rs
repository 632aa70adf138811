//! Sweeps, sensitivity analyses, resuming and sharding, as a user meets them:
//! a sweep point is exactly a run at the same values; an interrupted job
//! resumes to the same bytes; shards merge to the same bytes as one machine.

use std::path::Path;
use std::process::{Command, Output};

use crate::common::*;

/// A tiny scenario with a grid sweep over three kinds of parameter.
const SWEEP: &str = r#"name = "tiny_sweep"
[run]
replicates = 3
seed = 77
[population]
schools = 2
classes_per_school = 1
class_size = 18
[calendar]
burn_in_weeks = 2
[strategies.usual_practice]
components = []
[strategies.book]
components = ["contact_book"]
[strategies.programme]
components = ["parent_modelling", "joint_goal_setting"]

[sweep]
"stress.academic_load" = [0.06, 0.1]
population.rural_share = { from = 0, to = 1, steps = 2 }
"strategies.book.contact_book.coverage" = [0.5, 0.9]
"#;

/// The same scenario with ranges for a sensitivity analysis.
const SENS: &str = r#"name = "tiny_sens"
[run]
replicates = 2
seed = 78
[population]
schools = 2
classes_per_school = 1
class_size = 16
[calendar]
burn_in_weeks = 2
[strategies.usual_practice]
components = []
[strategies.programme]
components = ["parent_modelling", "contact_book"]

[sweep]
"learning.model_shift" = { from = 0.1, to = 1.0 }
"strategies.programme.contact_book.coverage" = { from = 0.2, to = 1.0 }
"macrosystem.stigma" = { from = 0.0, to = 0.6 }
"#;

fn resim_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_resim"));
    c.args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("RUST_BACKTRACE", "0");
    for k in [
        "SLURM_ARRAY_TASK_ID",
        "SLURM_ARRAY_TASK_COUNT",
        "SLURM_ARRAY_TASK_MIN",
    ] {
        c.env_remove(k);
    }
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("resim runs")
}

fn read(dir: &Path, f: &str) -> Vec<u8> {
    std::fs::read(dir.join(f)).unwrap_or_else(|e| panic!("{}: {e}", dir.join(f).display()))
}

#[test]
fn a_sweep_point_is_exactly_a_run_at_the_same_values() {
    let dir = tempdir();
    let sc = write(dir.path(), "s.toml", SWEEP);
    let out = path(dir.path(), "sweep");
    run_ok(&["sweep", sc.to_str().unwrap(), "--out", &out, "--quiet"]);
    let csv = String::from_utf8(read(Path::new(&out), "sweep.csv")).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "point,stress.academic_load,population.rural_share,strategies.book.contact_book.coverage,strategy,subgroup,outcome,students,mean,baseline_mean,diff,diff_lo,diff_hi,diff_ui_lo,diff_ui_hi,spread_of,hedges_g,g_lo,g_hi,g_sd,p_better,replicates"
    );
    // 2 × 2 × 2 points, the last parameter fastest.
    let points: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(points.first(), Some(&"0"));
    assert_eq!(points.last(), Some(&"7"));
    // Point 5 = academic_load 0.1, rural_share 0, coverage 0.9.
    let point5: Vec<String> = csv
        .lines()
        .filter_map(|l| l.strip_prefix("5,0.1,0,0.9,"))
        .map(String::from)
        .collect();
    assert!(!point5.is_empty(), "point 5 has the values it should");

    // The same values written into the scenario, run with `resim run`.
    let single = SWEEP
        .replace(
            "[population]",
            "[stress]\nacademic_load = 0.1\n[population]\nrural_share = 0",
        )
        .replace(
            "components = [\"contact_book\"]",
            "[strategies.book.contact_book]\ncoverage = 0.9",
        );
    let sc1 = write(dir.path(), "single.toml", &single);
    let run_out = path(dir.path(), "run");
    run_ok(&["run", sc1.to_str().unwrap(), "--out", &run_out, "--quiet"]);
    let effects = String::from_utf8(read(Path::new(&run_out), "effects.csv")).unwrap();
    let rows: Vec<String> = effects.lines().skip(1).map(String::from).collect();
    assert_eq!(
        point5, rows,
        "sweep point 5 must equal `resim run` at its values"
    );
    // Common random numbers: the baseline is the same at every point with
    // the same population parameters.
    let base = |p: &str| -> Vec<String> {
        csv.lines()
            .filter(|l| l.starts_with(p) && l.contains(",usual_practice,"))
            .map(|l| l.splitn(5, ',').nth(4).unwrap().to_string())
            .collect()
    };
    assert_eq!(base("4,0.1,0,0.5,"), base("5,0.1,0,0.9,"));
}

#[test]
fn an_interrupted_sweep_resumes_to_the_same_bytes() {
    let dir = tempdir();
    let sc = write(dir.path(), "s.toml", SWEEP);
    let sc = sc.to_str().unwrap();
    let whole = path(dir.path(), "whole");
    run_ok(&["sweep", sc, "--out", &whole, "--quiet"]);

    let part = path(dir.path(), "part");
    let o = resim_env(
        &[
            "sweep",
            sc,
            "--out",
            &part,
            "--quiet",
            "--stop-after-points",
            "3",
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(130), "{}", stderr(&o));
    assert!(stderr(&o).contains("3 of 8 points") && stderr(&o).contains("--resume"));
    let part_dir = Path::new(&part);
    assert!(!part_dir.join("sweep.csv").exists());
    let saved = std::fs::read_dir(part_dir.join("journal")).unwrap().count();
    assert_eq!(saved, 3 + 1, "three points and the plan");

    // Without --resume the directory is refused.
    let o = resim_env(&["sweep", sc, "--out", &part, "--quiet"], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--resume"), "{}", stderr(&o));
    // Stop again after two more, then finish.
    let o = resim_env(
        &[
            "sweep",
            sc,
            "--out",
            &part,
            "--quiet",
            "--resume",
            "--stop-after-points",
            "2",
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(130));
    assert!(stderr(&o).contains("5 of 8 points"), "{}", stderr(&o));
    run_ok(&["sweep", sc, "--out", &part, "--quiet", "--resume"]);
    assert_eq!(
        read(Path::new(&whole), "sweep.csv"),
        read(part_dir, "sweep.csv")
    );
    assert!(
        !part_dir.join("journal").exists(),
        "journal removed when done"
    );
    // Resuming a finished sweep does nothing.
    let o = resim_env(&["sweep", sc, "--out", &part, "--quiet", "--resume"], &[]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("already complete"));

    // A journal of another job is not resumed.
    let other = path(dir.path(), "other");
    resim_env(
        &[
            "sweep",
            sc,
            "--out",
            &other,
            "--quiet",
            "--stop-after-points",
            "1",
        ],
        &[],
    );
    let o = resim_env(
        &[
            "sweep",
            sc,
            "--out",
            &other,
            "--quiet",
            "--resume",
            "--replicates",
            "2",
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("another job"), "{}", stderr(&o));
    // The message names the option that differs (issue 15, item 6).
    assert!(stderr(&o).contains("replicates is"), "{}", stderr(&o));
    assert!(stderr(&o).contains("2 now"), "{}", stderr(&o));
}

#[test]
fn four_run_shards_merge_into_the_bytes_of_one_machine() {
    let dir = tempdir();
    let q = scenario("quickstart");
    let single = path(dir.path(), "single");
    run_ok(&["run", &q, "--out", &single, "--quiet", "--replicates", "6"]);
    let sharded = path(dir.path(), "sharded");
    for i in 0..4 {
        let s = format!("{i}/4");
        run_ok(&[
            "run",
            &q,
            "--out",
            &sharded,
            "--quiet",
            "--replicates",
            "6",
            "--shard",
            &s,
        ]);
    }
    let o = run_ok(&["merge", &sharded]);
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(said.contains("resilience Δ"), "{said}");
    assert!(
        said.contains(
            "simulated 2845440 for the steady-state check (the burn-ins of 57 more replicates) in "
        ),
        "{said}"
    );
    let (a, b) = (Path::new(&single), Path::new(&sharded));
    for f in [
        "effects.csv",
        "trajectories.csv",
        "strategies.csv",
        "equity.csv",
        "decision.csv",
    ] {
        assert!(read(a, f) == read(b, f), "{f} differs after merging shards");
    }
    // The manifests differ only in timing and threads: the merge makes the
    // steady-state check from the burn-ins the shards kept, as one machine
    // makes it from its own (both simulate the 57 of the 63 the check reads
    // that a run of 6 replicates lacks).
    let strip = |d: &Path| {
        let mut m: serde_json::Value = serde_json::from_slice(&read(d, "manifest.json")).unwrap();
        for k in ["wall_seconds", "student_weeks_per_second", "threads"] {
            m.as_object_mut().unwrap().remove(k);
        }
        m
    };
    assert_eq!(strip(a), strip(b));
    let manifest: serde_json::Value = serde_json::from_slice(&read(b, "manifest.json")).unwrap();
    assert_eq!(manifest["steady_state"]["replicates_read"], 63);
    assert_eq!(manifest["steady_state"]["burn_ins_simulated"], 57);
    // Merged on one thread (`--threads`), the same bytes.
    let one = path(dir.path(), "one-thread");
    run_ok(&["merge", &sharded, "--out", &one, "--threads", "1"]);
    for f in [
        "effects.csv",
        "trajectories.csv",
        "strategies.csv",
        "equity.csv",
    ] {
        assert!(
            read(b, f) == read(Path::new(&one), f),
            "{f} differs on one thread"
        );
    }

    // A missing shard is named by index, with exit code 2.
    std::fs::remove_file(b.join("shards/shard-2-of-4.json")).unwrap();
    let o = resim(&["merge", &sharded]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("1 of 4 shards missing: 2"), "{err}");
    // A shard of another job is refused.
    let other = path(dir.path(), "other");
    run_ok(&[
        "run",
        &q,
        "--out",
        &other,
        "--quiet",
        "--replicates",
        "5",
        "--shard",
        "2/4",
    ]);
    std::fs::copy(
        Path::new(&other).join("shards/shard-2-of-4.json"),
        b.join("shards/shard-2-of-4.json"),
    )
    .unwrap();
    let o = resim(&["merge", &sharded]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("does not belong"), "{}", stderr(&o));
}

#[test]
fn sweep_shards_merge_into_the_bytes_of_one_machine_whatever_their_number() {
    let dir = tempdir();
    let sc = write(dir.path(), "s.toml", SWEEP);
    let sc = sc.to_str().unwrap();
    let whole = path(dir.path(), "whole");
    run_ok(&["sweep", sc, "--out", &whole, "--quiet"]);
    for n in [2u32, 5] {
        let out = path(dir.path(), &format!("n{n}"));
        for i in 0..n {
            run_ok(&[
                "sweep",
                sc,
                "--out",
                &out,
                "--quiet",
                "--shard",
                &format!("{i}/{n}"),
            ]);
        }
        run_ok(&["merge", &out]);
        assert_eq!(
            read(Path::new(&whole), "sweep.csv"),
            read(Path::new(&out), "sweep.csv"),
            "{n} shards"
        );
    }
}

#[test]
fn shard_auto_reads_the_slurm_array_variables() {
    let dir = tempdir();
    let q = scenario("quickstart");
    let out = path(dir.path(), "auto");
    let o = resim_env(
        &[
            "run",
            &q,
            "--out",
            &out,
            "--quiet",
            "--replicates",
            "2",
            "--shard",
            "auto",
        ],
        &[
            ("SLURM_ARRAY_TASK_ID", "11"),
            ("SLURM_ARRAY_TASK_COUNT", "3"),
            ("SLURM_ARRAY_TASK_MIN", "10"),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(Path::new(&out).join("shards/shard-1-of-3.json").is_file());
    // Resubmitted (e.g. requeued), a complete shard is kept.
    let o = resim_env(
        &[
            "run",
            &q,
            "--out",
            &out,
            "--quiet",
            "--replicates",
            "2",
            "--shard",
            "1/3",
            "--resume",
        ],
        &[],
    );
    assert!(o.status.success());
    assert!(stderr(&o).contains("already complete"));
    let o = resim_env(&["run", &q, "--out", &out, "--shard", "auto"], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("SLURM_ARRAY_TASK_ID"), "{}", stderr(&o));
    let o = resim_env(&["run", &q, "--out", &out, "--shard", "3/3"], &[]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn morris_and_sobol_write_indices_and_merge_and_resume_exactly() {
    let dir = tempdir();
    let sc = write(dir.path(), "s.toml", SENS);
    let sc = sc.to_str().unwrap();
    let morris = path(dir.path(), "morris");
    let o = run_ok(&[
        "sensitivity",
        sc,
        "--method",
        "morris",
        "--trajectories",
        "4",
        "--out",
        &morris,
        "--quiet",
        "--output",
        "programme:resilience",
        "--output",
        "programme:distress:rural",
    ]);
    let table = String::from_utf8_lossy(&o.stdout);
    assert!(table.contains("mu*") && table.contains("learning.model_shift"));
    let csv = String::from_utf8(read(Path::new(&morris), "sensitivity.csv")).unwrap();
    assert!(csv.starts_with("method,strategy,outcome,subgroup,parameter,index,estimate,lo,hi\n"));
    // 2 outputs × 3 parameters × (mu_star, mu, sigma).
    assert_eq!(csv.lines().count(), 1 + 2 * 3 * 3);
    assert!(csv.contains("morris,programme,distress,rural,macrosystem.stigma,sigma,"));
    let points = String::from_utf8(read(Path::new(&morris), "sensitivity_points.csv")).unwrap();
    assert_eq!(points.lines().count(), 1 + 4 * (3 + 1));

    let sobol = path(dir.path(), "sobol");
    run_ok(&[
        "sensitivity",
        sc,
        "--method",
        "sobol",
        "--samples",
        "6",
        "--bootstrap",
        "50",
        "--out",
        &sobol,
        "--quiet",
    ]);
    let csv = String::from_utf8(read(Path::new(&sobol), "sensitivity.csv")).unwrap();
    assert_eq!(csv.lines().count(), 1 + 3 * 2);
    assert!(csv.contains("sobol,programme,resilience,all,learning.model_shift,ST,"));

    // Sharded over 3 machines, and interrupted then resumed: the same bytes.
    let sharded = path(dir.path(), "sharded");
    for i in 0..3 {
        run_ok(&[
            "sensitivity",
            sc,
            "--method",
            "sobol",
            "--samples",
            "6",
            "--bootstrap",
            "50",
            "--out",
            &sharded,
            "--quiet",
            "--shard",
            &format!("{i}/3"),
        ]);
    }
    run_ok(&["merge", &sharded]);
    let resumed = path(dir.path(), "resumed");
    let args = [
        "sensitivity",
        sc,
        "--method",
        "sobol",
        "--samples",
        "6",
        "--bootstrap",
        "50",
        "--out",
        &resumed,
        "--quiet",
    ];
    let mut stopped = args.to_vec();
    stopped.extend(["--stop-after-points", "7"]);
    let o = resim_env(&stopped, &[]);
    assert_eq!(o.status.code(), Some(130));
    let mut again = args.to_vec();
    again.push("--resume");
    run_ok(&again);
    for f in ["sensitivity.csv", "sensitivity_points.csv"] {
        let want = read(Path::new(&sobol), f);
        assert!(want == read(Path::new(&sharded), f), "{f}: sharded");
        assert!(want == read(Path::new(&resumed), f), "{f}: resumed");
    }

    // Bad outputs are refused with what is valid.
    let o = resim(&[
        "sensitivity",
        sc,
        "--method",
        "morris",
        "--output",
        "programe:resilience",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("did you mean `programme`?"),
        "{}",
        stderr(&o)
    );
    let o = resim(&[
        "sensitivity",
        sc,
        "--method",
        "morris",
        "--output",
        "usual_practice:resilience",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("baseline"));
}

#[test]
fn sweeps_without_a_runnable_sweep_section_are_refused() {
    let dir = tempdir();
    let q = scenario("quickstart");
    let o = resim(&["sweep", &q, "--out", &path(dir.path(), "x")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no [sweep] section"));
    // A grid range without steps is fine for sensitivity, not for a grid sweep.
    let sc = write(dir.path(), "sens.toml", SENS);
    let o = resim(&[
        "sweep",
        sc.to_str().unwrap(),
        "--out",
        &path(dir.path(), "y"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("sens.toml:17: key `sweep.learning.model_shift`") && err.contains("steps"),
        "{err}"
    );
    // Points whose combination is invalid are listed before anything runs.
    let bad = SWEEP.replace(
        "[sweep]",
        "[sweep]\n\"population.left_behind_one_parent\" = [0.5, 0.9]",
    );
    let sc = write(dir.path(), "bad.toml", &bad);
    let out = path(dir.path(), "z");
    let o = resim(&["sweep", sc.to_str().unwrap(), "--out", &out]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("left_behind_both_parents"),
        "{}",
        stderr(&o)
    );
    assert!(!Path::new(&out).exists());
}

/// The README's sweep example is a bundled scenario that serves both
/// `resim sweep` and `resim sensitivity`, named from any directory
/// (issue 15, item 2).
#[test]
fn the_bundled_sweep_scenario_serves_sweep_and_sensitivity() {
    let dir = tempdir();
    let sweep = resim_in(
        dir.path(),
        &[
            "sweep",
            "quickstart_sweep",
            "--out",
            "sw",
            "--replicates",
            "2",
            "--quiet",
        ],
    );
    assert!(sweep.status.success(), "{}", stderr(&sweep));
    let rows = std::fs::read_to_string(dir.path().join("sw/sweep.csv")).unwrap();
    let header = rows.lines().next().unwrap();
    for p in [
        "stress.academic_load",
        "population.rural_share",
        "strategies.full_programme.contact_book.coverage",
    ] {
        assert!(header.contains(p), "{header}");
    }
    // 27 grid points × their strategies, subgroups and outcomes: every point is there.
    let points: std::collections::BTreeSet<&str> = rows
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(points.len(), 27, "{points:?}");
    let morris = resim_in(
        dir.path(),
        &[
            "sensitivity",
            "quickstart_sweep",
            "--out",
            "morris",
            "--method",
            "morris",
            "--trajectories",
            "2",
            "--replicates",
            "2",
            "--quiet",
        ],
    );
    assert!(morris.status.success(), "{}", stderr(&morris));
    let indices = std::fs::read_to_string(dir.path().join("morris/sensitivity.csv")).unwrap();
    assert!(indices.contains("mu_star"), "{indices}");
    // A file that is not there is named as a file; a name that is not bundled lists the bundled ones.
    let o = resim_in(dir.path(), &["sweep", "no_such.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no_such.toml"), "{}", stderr(&o));
    let o = resim_in(dir.path(), &["sweep", "no_such"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("quickstart_sweep"), "{}", stderr(&o));
}

/// A Sobol' output that is `NA` because some design points have no students
/// in its subgroup is explained on the screen: how many points, the first
/// one's values, and what to do (issue 15, item 6).
#[test]
fn a_sobol_output_undefined_at_some_points_is_explained() {
    let dir = tempdir();
    let sc = SENS.replace(
        "\"macrosystem.stigma\" = { from = 0.0, to = 0.6 }",
        "population.rural_share = { from = 0.0, to = 0.5 }",
    );
    let file = dir.path().join("sens.toml");
    std::fs::write(&file, sc).unwrap();
    let out = dir.path().join("sobol");
    let o = resim(&[
        "sensitivity",
        file.to_str().unwrap(),
        "--method",
        "sobol",
        "--samples",
        "8",
        "--bootstrap",
        "20",
        "--output",
        "programme:resilience:rural",
        "--output",
        "programme:resilience",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    let points = std::fs::read_to_string(out.join("sensitivity_points.csv")).unwrap();
    let undefined = points
        .lines()
        .skip(1)
        .filter(|l| l.split(',').rev().nth(1) == Some("NA"))
        .count();
    assert!(
        undefined > 0 && undefined < 40,
        "the test needs some points without rural students:\n{points}"
    );
    let line = stdout
        .lines()
        .find(|l| l.starts_with("programme:resilience:rural is NA"))
        .unwrap_or_else(|| panic!("no explanation:\n{stdout}"));
    assert!(
        line.contains(&format!("undefined at {undefined} of 40 design points")),
        "{line}"
    );
    assert!(line.contains("subgroup `rural` has no students"), "{line}");
    assert!(line.contains("population.rural_share = "), "{line}");
    // Outputs defined everywhere get no such line.
    assert!(
        !stdout.contains("programme:resilience:all is NA"),
        "{stdout}"
    );
}
