//! Never touch what is not ours, never lose results (issue 12): each case
//! the red team reproduced, run as a user would, through the binary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use resilience_sim::output::fnv1a;

use crate::common::*;

/// A tiny run.
const RUN: &str = r#"name = "tiny_safety"
[run]
replicates = 2
seed = 91
[population]
schools = 1
classes_per_school = 1
class_size = 12
[calendar]
burn_in_weeks = 1
[strategies.usual_practice]
components = []
[strategies.book]
components = ["contact_book"]
"#;

/// A tiny sweep of two points.
fn sweep_text() -> String {
    format!("{RUN}\n[sweep]\n\"stress.academic_load\" = [0.06, 0.1]\n")
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

fn refused(o: &Output, contains: &str) {
    assert_eq!(o.status.code(), Some(2), "{}", stderr(o));
    assert!(stderr(o).contains(contains), "{}", stderr(o));
    assert!(!stderr(o).contains("panicked"), "{}", stderr(o));
}

/// The names in a directory, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    n.sort();
    n
}

fn manifest(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap()
}

/// Case 1: `--force` on a sweep replaces resim's own journal entries and
/// files by name; files a user keeps in `OUT/journal` (and beside the
/// results) stay.
#[test]
fn force_never_removes_foreign_files_in_the_journal() {
    let tmp = tempdir();
    let sc = write(tmp.path(), "s.toml", &sweep_text());
    let out = tmp.path().join("o");
    std::fs::create_dir_all(out.join("journal/mine")).unwrap();
    std::fs::write(out.join("journal/mine/notes.txt"), "NOTES").unwrap();
    std::fs::write(out.join("journal/todo.txt"), "TODO").unwrap();
    std::fs::write(out.join("README.txt"), "MINE").unwrap();
    // An unfinished journal of resim's own, to be discarded by --force.
    let o = resim(&[
        "sweep",
        &sc,
        "--out",
        &s(&out),
        "--force",
        "--quiet",
        "--stop-after-points",
        "1",
    ]);
    assert_eq!(o.status.code(), Some(130), "{}", stderr(&o));
    assert!(out.join("journal/point-000000000.json").exists());
    run_ok(&["sweep", &sc, "--out", &s(&out), "--force", "--quiet"]);
    assert_eq!(
        std::fs::read(out.join("journal/mine/notes.txt")).unwrap(),
        b"NOTES"
    );
    assert_eq!(
        std::fs::read(out.join("journal/todo.txt")).unwrap(),
        b"TODO"
    );
    assert_eq!(std::fs::read(out.join("README.txt")).unwrap(), b"MINE");
    // resim's own journal files are gone; the user's folder is untouched.
    assert_eq!(names(&out.join("journal")), ["mine", "todo.txt"]);
    assert!(out.join("sweep.csv").is_file());
}

/// Case 2: links planted at temporary names (the old predictable ones) or
/// at a result's name are never written through, with `--force` or
/// `--resume`.
#[cfg(unix)]
#[test]
fn temporaries_never_follow_planted_symbolic_links() {
    use std::os::unix::fs::symlink;
    let tmp = tempdir();
    let sc = write(tmp.path(), "s.toml", RUN);
    let outside = tmp.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    let victim = outside.join("victim.txt");
    std::fs::write(&victim, "VICTIM").unwrap();
    let out = tmp.path().join("o");
    run_ok(&["run", &sc, "--out", &s(&out), "--quiet"]);
    symlink(&victim, out.join(".trajectories.csv.partial")).unwrap();
    symlink(outside.join("new.txt"), out.join(".manifest.json.partial")).unwrap();
    symlink(&victim, out.join("effects.csv")).unwrap_or_else(|_| {
        std::fs::remove_file(out.join("effects.csv")).unwrap();
        symlink(&victim, out.join("effects.csv")).unwrap();
    });
    run_ok(&["run", &sc, "--out", &s(&out), "--quiet", "--force"]);
    assert_eq!(std::fs::read(&victim).unwrap(), b"VICTIM");
    assert!(!outside.join("new.txt").exists());
    // The link at a result's name was replaced by the file, not followed.
    assert!(
        !out.join("effects.csv")
            .symlink_metadata()
            .unwrap()
            .is_symlink()
    );
    assert_eq!(names(&outside), ["victim.txt"]);

    // A journal entry's old temporary name, planted before --resume.
    let sw = write(tmp.path(), "sw.toml", &sweep_text());
    let out = tmp.path().join("sw");
    let o = resim(&[
        "sweep",
        &sw,
        "--out",
        &s(&out),
        "--quiet",
        "--stop-after-points",
        "1",
    ]);
    assert_eq!(o.status.code(), Some(130), "{}", stderr(&o));
    symlink(&victim, out.join("journal/.point-000000001.json.partial")).unwrap();
    symlink(
        outside.join("entry.json"),
        out.join("journal/.plan.json.partial"),
    )
    .unwrap();
    run_ok(&["sweep", &sw, "--out", &s(&out), "--quiet", "--resume"]);
    assert_eq!(std::fs::read(&victim).unwrap(), b"VICTIM");
    assert_eq!(names(&outside), ["victim.txt"]);
    // A `journal` that is itself a link out of the output directory is refused.
    let out2 = tmp.path().join("linked");
    std::fs::create_dir(&out2).unwrap();
    symlink(&outside, out2.join("journal")).unwrap();
    let o = resim(&["sweep", &sw, "--out", &s(&out2), "--quiet", "--force"]);
    refused(&o, "is a symbolic link");
    assert_eq!(names(&outside), ["victim.txt"]);
}

/// Two shards of RUN in `dir`.
fn shards(tmp: &Path, sc: &str) -> PathBuf {
    let dir = tmp.join("sh");
    for i in ["0/2", "1/2"] {
        run_ok(&["run", sc, "--out", &s(&dir), "--shard", i, "--quiet"]);
    }
    dir
}

/// Case 3: `resim merge` refuses an output directory holding other results
/// unless `--force`, which replaces only the merged files.
#[test]
fn merge_refuses_existing_results_without_force() {
    let tmp = tempdir();
    let sc = write(tmp.path(), "s.toml", RUN);
    let sh = shards(tmp.path(), &sc);
    let ne = tmp.path().join("ne");
    std::fs::create_dir(&ne).unwrap();
    std::fs::write(ne.join("effects.csv"), "PRECIOUS").unwrap();
    std::fs::write(ne.join("notes.txt"), "MINE").unwrap();
    let o = resim(&["merge", &s(&sh), "--out", &s(&ne)]);
    refused(&o, "pass --force");
    assert_eq!(std::fs::read(ne.join("effects.csv")).unwrap(), b"PRECIOUS");
    run_ok(&["merge", &s(&sh), "--out", &s(&ne), "--force"]);
    assert_ne!(std::fs::read(ne.join("effects.csv")).unwrap(), b"PRECIOUS");
    assert_eq!(std::fs::read(ne.join("notes.txt")).unwrap(), b"MINE");
    // Merging again into the shards' own directory (results of the same
    // job) needs no --force.
    run_ok(&["merge", &s(&sh)]);
    run_ok(&["merge", &s(&sh)]);
    assert_eq!(
        std::fs::read(sh.join("effects.csv")).unwrap(),
        std::fs::read(ne.join("effects.csv")).unwrap()
    );
}

/// Case 4: the manifest, written last, lists every file of the set with
/// its checksum, and `resim report` refuses a set whose files do not match
/// it (a new `effects.csv` beside the old manifest).
#[test]
fn a_result_set_that_is_not_whole_is_refused_by_report() {
    let tmp = tempdir();
    let sc = write(tmp.path(), "s.toml", RUN);
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    run_ok(&["run", &sc, "--out", &s(&a), "--quiet"]);
    run_ok(&["run", &sc, "--out", &s(&b), "--quiet", "--seed", "5"]);
    let m = manifest(&a);
    let files = m["files"].as_array().expect("the manifest lists its files");
    let listed: Vec<&str> = files.iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert_eq!(
        listed,
        [
            "effects.csv",
            "survey.csv",
            "trajectories.csv",
            "strategies.csv",
            "equity.csv",
            "decision.csv"
        ]
    );
    for f in files {
        let bytes = std::fs::read(a.join(f["name"].as_str().unwrap())).unwrap();
        assert_eq!(f["bytes"], bytes.len() as u64);
        assert_eq!(f["fnv1a"], fnv1a(&bytes));
    }
    run_ok(&["report", &s(&a)]);
    // A kill between two renames: the new effects.csv beside the old manifest.
    std::fs::copy(b.join("effects.csv"), a.join("effects.csv")).unwrap();
    let o = resim(&["report", &s(&a), "--force"]);
    refused(&o, "effects.csv does not match manifest.json");
    assert!(stderr(&o).contains("not one whole set"), "{}", stderr(&o));
    // A file of the set gone.
    run_ok(&["run", &sc, "--out", &s(&a), "--quiet", "--force"]);
    run_ok(&["report", &s(&a), "--force"]);
    std::fs::remove_file(a.join("strategies.csv")).unwrap();
    let o = resim(&["report", &s(&a), "--force"]);
    refused(&o, "strategies.csv does not match manifest.json (missing)");
}

/// A lock file as a job holds it.
fn plant_lock(path: &Path, pid: u32, host: &str) {
    let lock = serde_json::json!({
        "program": "resim", "pid": pid, "host": host, "token": "planted"
    });
    std::fs::write(path, serde_json::to_vec(&lock).unwrap()).unwrap();
}

/// Case 5: a directory another job is writing into is refused with exit 2
/// and who holds it; a lock left by a process that has ended is taken
/// over; shards of one array lock only their own file.
#[test]
fn a_busy_output_directory_is_refused_and_a_stale_lock_taken_over() {
    let tmp = tempdir();
    let sc = write(tmp.path(), "s.toml", RUN);
    let host = resilience_sim::output::lock::host_name();
    let out = tmp.path().join("o");
    std::fs::create_dir(&out).unwrap();
    // This test process is a live process on this host.
    let me = std::process::id();
    plant_lock(&out.join(".resim.lock"), me, &host);
    let o = resim(&["run", &sc, "--out", &s(&out), "--quiet"]);
    refused(
        &o,
        &format!("{} is in use by process {me} on {host}", out.display()),
    );
    assert!(!out.join("effects.csv").exists());
    let o = resim(&[
        "sweep",
        &write(tmp.path(), "w.toml", &sweep_text()),
        "--out",
        &s(&out),
        "--resume",
        "--quiet",
    ]);
    refused(&o, &format!("is in use by process {me} on {host}"));
    // Another host's lock is never taken over.
    plant_lock(&out.join(".resim.lock"), 1, "another-node");
    let o = resim(&["run", &sc, "--out", &s(&out), "--quiet"]);
    refused(&o, "is in use by process 1 on another-node");
    // A process that has ended: the lock is stale and taken over.
    let mut child = Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    plant_lock(&out.join(".resim.lock"), dead, &host);
    run_ok(&["run", &sc, "--out", &s(&out), "--quiet"]);
    assert!(out.join("effects.csv").is_file());
    assert!(!out.join(".resim.lock").exists(), "released when done");

    // Shards: shard 1 is busy; shard 2 writes beside it all the same.
    let sh = tmp.path().join("sh");
    std::fs::create_dir_all(sh.join("shards")).unwrap();
    plant_lock(&sh.join("shards/.shard-0-of-2.lock"), me, &host);
    run_ok(&["run", &sc, "--out", &s(&sh), "--shard", "1/2", "--quiet"]);
    let o = resim(&["run", &sc, "--out", &s(&sh), "--shard", "0/2", "--quiet"]);
    refused(&o, &format!("is in use by process {me} on {host}"));
    // A merge waits for every shard to finish.
    let o = resim(&["merge", &s(&sh)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    std::fs::remove_file(sh.join("shards/.shard-0-of-2.lock")).unwrap();
    run_ok(&["run", &sc, "--out", &s(&sh), "--shard", "0/2", "--quiet"]);
    run_ok(&["merge", &s(&sh)]);
}

/// Case 7: input is read with a hard byte cap, whatever the file type.
#[test]
fn endless_input_is_cut_off_at_the_cap() {
    let o = resim(&["check", "/dev/zero"]);
    refused(&o, "too large for a scenario");
    // An endless pipe on stdin (`yes | resim check /dev/stdin`).
    let mut child = Command::new(env!("CARGO_BIN_EXE_resim"))
        .args(["check", "/dev/stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let line = b"y\n".repeat(4096);
        // Stops when resim closes the pipe.
        while stdin.write_all(&line).is_ok() {}
    });
    let o = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    refused(&o, "too large for a scenario");
}

/// Case 8: an output directory that cannot be written is found before
/// anything is simulated, with exit 2 and the reason.
#[test]
fn an_unwritable_out_is_refused_before_simulating() {
    let tmp = tempdir();
    let sc = write(tmp.path(), "s.toml", RUN);
    let afile = write(tmp.path(), "afile", "x");
    let o = resim(&["run", &sc, "--out", &format!("{afile}/sub"), "--quiet"]);
    refused(&o, "cannot write into");
    let o = resim(&["run", &sc, "--out", &afile, "--quiet"]);
    refused(&o, "is not a directory");
    // OUT/journal a regular file.
    let out = tmp.path().join("o");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("journal"), "x").unwrap();
    let sw = write(tmp.path(), "w.toml", &sweep_text());
    let o = resim(&["sweep", &sw, "--out", &s(&out), "--quiet", "--force"]);
    refused(&o, "is not a directory");
    assert_eq!(std::fs::read(out.join("journal")).unwrap(), b"x");
    assert_eq!(names(&out), ["journal"]);
}

/// Case 9: an edited journal entry is never trusted: `--resume` computes
/// the point again and writes the bytes of an uninterrupted sweep.
#[test]
fn an_edited_journal_entry_is_computed_again() {
    let tmp = tempdir();
    let sw = write(tmp.path(), "w.toml", &sweep_text());
    let whole = tmp.path().join("whole");
    run_ok(&["sweep", &sw, "--out", &s(&whole), "--quiet"]);
    let out = tmp.path().join("o");
    let o = resim(&[
        "sweep",
        &sw,
        "--out",
        &s(&out),
        "--quiet",
        "--stop-after-points",
        "1",
    ]);
    assert_eq!(o.status.code(), Some(130), "{}", stderr(&o));
    let entry = out.join("journal/point-000000000.json");
    let text = std::fs::read_to_string(&entry).unwrap();
    // Change one digit of the saved summary.
    let at = text.find(|c: char| c.is_ascii_digit() && c != '0').unwrap();
    let mut edited = text.clone();
    let d = edited.as_bytes()[at];
    edited.replace_range(at..at + 1, if d == b'9' { "8" } else { "9" });
    std::fs::write(&entry, edited).unwrap();
    let o = run_ok(&["sweep", &sw, "--out", &s(&out), "--quiet", "--resume"]);
    assert!(
        stderr(&o).contains("(checksum mismatch); point 0 is computed again"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read(out.join("sweep.csv")).unwrap(),
        std::fs::read(whole.join("sweep.csv")).unwrap()
    );
}

/// Case 10: a damaged shard file is run again under `--resume` (what the
/// Slurm array script passes), and the merge is the one machine's bytes.
#[test]
fn a_damaged_shard_is_recomputed_under_resume() {
    let tmp = tempdir();
    let sc = write(tmp.path(), "s.toml", RUN);
    let one = tmp.path().join("one");
    run_ok(&["run", &sc, "--out", &s(&one), "--quiet"]);
    let sh = shards(tmp.path(), &sc);
    let file = sh.join("shards/shard-0-of-2.json");
    let f = std::fs::OpenOptions::new().write(true).open(&file).unwrap();
    f.set_len(1000).unwrap();
    drop(f);
    let o = run_ok(&[
        "run",
        &sc,
        "--out",
        &s(&sh),
        "--shard",
        "0/2",
        "--resume",
        "--quiet",
    ]);
    assert!(stderr(&o).contains("is damaged"), "{}", stderr(&o));
    run_ok(&["merge", &s(&sh)]);
    for f in [
        "effects.csv",
        "trajectories.csv",
        "strategies.csv",
        "survey.csv",
        "equity.csv",
        "decision.csv",
    ] {
        assert_eq!(
            std::fs::read(sh.join(f)).unwrap(),
            std::fs::read(one.join(f)).unwrap(),
            "{f}"
        );
    }
}

/// Case 12 (last item): an `--out` holding the input scenario is refused
/// when `--force` would replace it.
#[test]
fn force_never_replaces_the_input_scenario() {
    let tmp = tempdir();
    let out = tmp.path().join("o");
    std::fs::create_dir(&out).unwrap();
    let sc = write(&out, "scenario.toml", RUN);
    let before = std::fs::read(&sc).unwrap();
    let o = resim(&[
        "whatif",
        &sc,
        "--add",
        "parent_modelling",
        "--out",
        &s(&out),
        "--force",
        "--quiet",
    ]);
    refused(&o, "is the input scenario");
    assert_eq!(std::fs::read(&sc).unwrap(), before);
}

/// Case 12 (last item), the long job: `calibrate --force` into the folder
/// of its input scenario (an earlier `calibrated.toml`) is refused at once,
/// before the search, and the scenario is kept.
#[test]
fn calibrate_refuses_to_replace_its_input_before_searching() {
    let tmp = tempdir();
    let out = tmp.path().join("o");
    std::fs::create_dir(&out).unwrap();
    let sc = write(&out, "calibrated.toml", RUN);
    let o = resim(&[
        "calibrate",
        &sc,
        "--param",
        "stress.academic_load=0.03..0.08",
        "--budget",
        "2",
        "--out",
        &s(&out),
        "--force",
        "--quiet",
    ]);
    refused(&o, "is the input scenario");
    assert!(
        !stderr(&o).contains("warning: target"),
        "refused before the targets were measured: {}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_to_string(&sc).unwrap(), RUN);
    assert_eq!(names(&out), ["calibrated.toml"]);
}

/// Case 12: a memory limit is shown in its own unit (`RESIM_MAX_MEMORY=1K`
/// is 1 KiB, not 1 MiB), and the refusal states the 80 % rule with the
/// amount it allows.
#[test]
fn the_memory_refusal_states_the_rule_and_the_limit_as_set() {
    let tmp = tempdir();
    let sc = write(tmp.path(), "s.toml", RUN);
    let out = tmp.path().join("o");
    let o = Command::new(env!("CARGO_BIN_EXE_resim"))
        .args(["run", &sc, "--out", &s(&out), "--threads", "1", "--quiet"])
        .env("RESIM_MAX_MEMORY", "1K")
        .output()
        .unwrap();
    refused(&o, "1 KiB is available (limit set by RESIM_MAX_MEMORY)");
    let err = stderr(&o);
    assert!(
        err.contains("at most 80 % of the memory available"),
        "states the rule: {err}"
    );
    assert!(
        err.contains("so 819 bytes"),
        "the amount the rule allows: {err}"
    );
    assert!(!err.contains("1 MiB is available"), "{err}");
    assert!(!out.exists(), "nothing written");
}

/// Case 12: `resim check` prints every number of the resolved scenario as
/// written (`fidelity = 0.8`, not `0.800000011920929`), and what it prints
/// loads back as the same scenario.
#[test]
fn check_prints_numbers_as_written() {
    let o = resim(&["check", "scenarios/quickstart.toml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let printed = String::from_utf8(o.stdout).unwrap();
    assert!(printed.contains("\nfidelity = 0.8\n"), "{printed}");
    // No number carries the digits of a single-precision value seen as a
    // double (runs of 0s or 9s after the first few decimals).
    for line in printed.lines() {
        let Some((_, value)) = line.split_once(" = ") else {
            continue;
        };
        if let Some((_, decimals)) = value.split_once('.')
            && decimals.chars().all(|c| c.is_ascii_digit())
        {
            assert!(decimals.len() <= 9, "`{line}` is not the number as written");
        }
    }
    let tmp = tempdir();
    let again = write(tmp.path(), "again.toml", &printed);
    let o2 = resim(&["check", &again]);
    assert!(o2.status.success(), "{}", stderr(&o2));
    assert_eq!(String::from_utf8(o2.stdout).unwrap(), printed);
}
