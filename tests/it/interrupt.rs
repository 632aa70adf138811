//! SIGINT and SIGTERM stop a run cleanly: exit code 130, one line on stderr,
//! no result file and no temporary file left behind, an output directory
//! the run made removed again, and the files of an earlier run untouched.

#![cfg(unix)]

use crate::common;

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// A run that takes minutes: 4,800 students, three strategies, 100,000
/// replicates. Every test stops it long before it ends.
const BIG: &str = r#"name = "big"
baseline = "usual_practice"

[run]
replicates = 100000
seed = 7

[population]
schools = 40
classes_per_school = 3
class_size = 40

[strategies.usual_practice]
components = []

[strategies.contact_book]
components = ["contact_book"]

[strategies.full_programme]
components = ["parent_modelling", "behaviour_support", "joint_goal_setting", "contact_book"]
"#;

/// A run that takes a fraction of a second.
const SMALL: &str = r#"name = "small"

[run]
replicates = 3
seed = 7

[population]
schools = 1
classes_per_school = 2
class_size = 20

[strategies.usual_practice]
components = []

[strategies.contact_book]
components = ["contact_book"]
"#;

/// How long the process may take to stop after the signal.
const STOP_WITHIN: Duration = Duration::from_secs(3);

struct Run {
    child: Child,
    stdout: PathBuf,
    stderr: PathBuf,
}

/// Starts `resim run SCENARIO --out OUT --quiet EXTRA...` with output in files.
fn start(scratch: &Path, scenario: &Path, out: &Path, extra: &[&str]) -> Run {
    let stdout = scratch.join("stdout.txt");
    let stderr = scratch.join("stderr.txt");
    let child = Command::new(env!("CARGO_BIN_EXE_resim"))
        .arg("run")
        .arg(scenario)
        .arg("--out")
        .arg(out)
        .arg("--quiet")
        .args(extra)
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(File::create(&stdout).unwrap())
        .stderr(File::create(&stderr).unwrap())
        .spawn()
        .expect("start resim");
    Run {
        child,
        stdout,
        stderr,
    }
}

impl Run {
    fn stderr(&self) -> String {
        String::from_utf8_lossy(&fs::read(&self.stderr).unwrap_or_default()).into_owned()
    }

    fn stdout(&self) -> String {
        String::from_utf8_lossy(&fs::read(&self.stdout).unwrap_or_default()).into_owned()
    }

    /// Fails the test if the run has already ended.
    fn assert_running(&mut self, what: &str) {
        if let Some(status) = self.child.try_wait().unwrap() {
            panic!(
                "resim ended ({status}) before {what}; stderr:\n{}",
                self.stderr()
            );
        }
    }

    /// Waits until `cond` holds while the run is still going (at most 30 s).
    fn wait_until(&mut self, what: &str, cond: impl Fn() -> bool) {
        let start = Instant::now();
        while !cond() {
            self.assert_running(what);
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "timed out waiting until {what}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        self.assert_running(what);
    }

    /// Sends `signal` and waits for the process to end; how long it took.
    fn signal_and_wait(&mut self, signal: i32) -> (ExitStatus, Duration) {
        let pid = self.child.id() as libc::pid_t;
        // SAFETY: plain kill(2) on the child we started and have not reaped.
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0, "kill failed");
        let sent = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return (status, sent.elapsed());
            }
            if sent.elapsed() > Duration::from_secs(30) {
                let _ = self.child.kill();
                let _ = self.child.wait();
                panic!(
                    "resim did not stop within 30 s of signal {signal}; stderr:\n{}",
                    self.stderr()
                );
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// The checks every interrupted run must pass.
    fn assert_stopped_cleanly(&mut self, signal: i32) {
        let (status, took) = self.signal_and_wait(signal);
        let stderr = self.stderr();
        assert_eq!(
            status.code(),
            Some(130),
            "exit status {status} after signal {signal}, expected code 130; stderr:\n{stderr}"
        );
        assert!(
            took < STOP_WITHIN,
            "took {took:?} to stop after the signal, expected under {STOP_WITHIN:?}"
        );
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(lines.len(), 1, "stderr is not one line:\n{stderr}");
        assert!(
            lines[0].contains("interrupted"),
            "stderr does not say `interrupted`: {stderr}"
        );
        assert!(
            !stderr.contains("panicked"),
            "panicked after the signal: {stderr}"
        );
        assert_eq!(self.stdout(), "", "stdout of an interrupted run");
    }
}

/// Every file under `dir`, by relative path, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                out.insert(rel, fs::read(&p).unwrap());
            }
        }
    }
    out
}

fn partial_students(out: &Path) -> PathBuf {
    // `.students.csv.XXXXXX.partial`: the six characters are random.
    fs::read_dir(out)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(".students.csv.") && n.ends_with(".partial"))
        })
        .unwrap_or_else(|| out.join(".students.csv.partial"))
}

/// The temporary students.csv holds at least one finished replicate.
fn students_started(out: &Path) -> impl Fn() -> bool {
    let out = out.to_path_buf();
    move || fs::metadata(partial_students(&out)).is_ok_and(|m| m.len() > 100_000)
}

#[test]
fn sigint_stops_a_run_cleanly_and_removes_what_it_made() {
    let tmp = common::tempdir();
    let scenario = common::write(tmp.path(), "big.toml", BIG);
    // Two levels the run has to create, so both must go again.
    let made = tmp.path().join("made");
    let out = made.join("out");
    let mut run = start(tmp.path(), &scenario, &out, &["--students"]);
    run.wait_until("students.csv is being written", students_started(&out));
    run.assert_stopped_cleanly(libc::SIGINT);
    assert!(
        !made.exists(),
        "the output directories the run made are still there: {:?}",
        files(tmp.path()).keys().collect::<Vec<_>>()
    );
}

#[test]
fn sigterm_stops_a_run_cleanly_and_keeps_an_existing_empty_directory() {
    let tmp = common::tempdir();
    let scenario = common::write(tmp.path(), "big.toml", BIG);
    let out = tmp.path().join("out");
    fs::create_dir(&out).unwrap();
    let mut run = start(tmp.path(), &scenario, &out, &[]);
    // Nothing is written before the end, so give the engine time to be busy.
    std::thread::sleep(Duration::from_millis(800));
    run.assert_running("the signal");
    run.assert_stopped_cleanly(libc::SIGTERM);
    assert!(
        out.is_dir(),
        "the directory that existed before was removed"
    );
    assert_eq!(
        files(&out).keys().collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "files left in the output directory"
    );
}

#[test]
fn sigint_of_a_forced_run_leaves_earlier_results_byte_identical() {
    let tmp = common::tempdir();
    let small = common::write(tmp.path(), "small.toml", SMALL);
    let big = common::write(tmp.path(), "big.toml", BIG);
    let out = tmp.path().join("results");
    let first = Command::new(env!("CARGO_BIN_EXE_resim"))
        .arg("run")
        .arg(&small)
        .arg("--out")
        .arg(&out)
        .args(["--quiet", "--students"])
        .output()
        .unwrap();
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let before = files(&out);
    let names: Vec<&str> = before.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "decision.csv",
            "effects.csv",
            "equity.csv",
            "manifest.json",
            "strategies.csv",
            "students.csv",
            "survey.csv",
            "trajectories.csv"
        ]
    );

    let mut run = start(tmp.path(), &big, &out, &["--students", "--force"]);
    run.wait_until("students.csv is being written", students_started(&out));
    run.assert_stopped_cleanly(libc::SIGINT);
    let after = files(&out);
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>(),
        "the files in the results directory changed"
    );
    for (name, bytes) in &before {
        assert!(after[name] == *bytes, "{name} changed");
    }
}
