//! Bad input never panics, never runs and never writes: every invalid
//! scenario makes `resim run` and `resim check` exit with code 2 and print an
//! error that names the file, the line, the key and what would be valid.
//!
//! Every file in `tests/bad_scenarios/` is a small variation of a valid tiny
//! scenario with exactly one thing wrong. Line 1 says what is wrong; line 2
//! says what a good error looks like:
//!
//! ```text
//! # expect: key=<dotted key or empty> line=<number or none> valid=<substring>
//! ```
//!
//! * `key=` names the key the error must be about (``key `population.schools` ``);
//!   empty means a problem with the whole file (no key printed).
//! * `line=` is the line the problem must point at (`FILE:LINE: ...`);
//!   `none` means the problem line carries no line number.
//! * `valid=` (the rest of the line) must appear in the `valid:` line printed
//!   under that problem; a trailing `$` means it must end that line.
//!
//! An optional line 3, `# message: <substring>`, must appear in the problem's
//! own message (what is wrong), for cases whose point is how it is said.
//!
//! Since each file has exactly one thing wrong, the error must also report
//! exactly one problem, stdout must stay empty, and stderr must consist only
//! of the error's own lines (header, problem lines, `valid:` lines).
//!
//! `check` runs first. A file that `check` wrongly accepts is reported, and
//! `run` is then not started on it, so this test never runs a simulation.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_resim");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");
/// Longest a refusal may take before the child is killed and reported.
const TIMEOUT: Duration = Duration::from_secs(30);

/// A valid tiny scenario, the control every bad file varies.
const VALID_TINY: &str = r#"name = "tiny"
description = "Tiny variation of quickstart"
baseline = "usual_practice"

[run]
replicates = 2
seed = 2019

[population]
schools = 1
classes_per_school = 1
class_size = 10

[strategies.usual_practice]
description = "What schools do now"
components = []

[strategies.contact_book]
description = "A weekly two-way home-school contact book"
components = ["contact_book"]
"#;

/// What the error for one file must say.
#[derive(Debug, Clone)]
struct Expect {
    /// Dotted key; empty for a whole-file problem.
    key: String,
    /// Line the problem points at; `None` for no line.
    line: Option<usize>,
    /// Substring of the problem's `valid:` line.
    valid: String,
    /// The substring must end the `valid:` line.
    anchored: bool,
    /// Substring of the problem's message, if line 3 asks for one.
    message: Option<String>,
}

impl Expect {
    fn new(key: &str, line: Option<usize>, valid: &str) -> Self {
        Expect {
            key: key.into(),
            line,
            valid: valid.into(),
            anchored: false,
            message: None,
        }
    }
}

/// Parses `# expect: key=K line=L valid=V` (line 2 of a bad scenario file).
fn parse_expect(line: &str) -> Result<Expect, String> {
    let rest = line
        .trim_end_matches(['\r', '\n'])
        .strip_prefix("# expect: key=")
        .ok_or_else(|| format!("line 2 is not `# expect: key=... line=... valid=...`: {line:?}"))?;
    let (key, rest) = rest
        .split_once(" line=")
        .ok_or_else(|| format!("no ` line=` in {line:?}"))?;
    let (line_no, valid) = rest
        .split_once(" valid=")
        .ok_or_else(|| format!("no ` valid=` in {line:?}"))?;
    let line_no = match line_no {
        "none" => None,
        n => Some(
            n.parse::<usize>()
                .map_err(|_| format!("line={n:?} is neither a number nor `none`"))?,
        ),
    };
    if valid.is_empty() {
        return Err(format!("empty `valid=` in {line:?}"));
    }
    let (valid, anchored) = match valid.strip_suffix('$') {
        Some(v) => (v, true),
        None => (valid, false),
    };
    Ok(Expect {
        key: key.trim().to_string(),
        line: line_no,
        valid: valid.to_string(),
        anchored,
        message: None,
    })
}

/// What one `resim` invocation did.
struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    timed_out: bool,
}

/// Runs `resim ARGS` from the crate root with output captured in files (no
/// pipe can fill up), killing it after [`TIMEOUT`].
fn resim(args: &[&str], scratch: &Path) -> Outcome {
    let out_path = scratch.join("stdout.txt");
    let err_path = scratch.join("stderr.txt");
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(ROOT)
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(File::create(&out_path).expect("create stdout file"))
        .stderr(File::create(&err_path).expect("create stderr file"))
        .spawn()
        .expect("start resim");
    let start = Instant::now();
    let mut timed_out = false;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for resim") {
            break Some(status);
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            timed_out = true;
            break None;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let read = |p: &Path| String::from_utf8_lossy(&fs::read(p).unwrap_or_default()).into_owned();
    Outcome {
        code: status.and_then(|s| s.code()),
        stdout: read(&out_path),
        stderr: read(&err_path),
        timed_out,
    }
}

/// Everything wrong with one invocation's output, given the expectation.
fn judge(shown: &str, exp: &Expect, o: &Outcome) -> Vec<String> {
    let mut f = Vec::new();
    let err = &o.stderr;
    if o.timed_out {
        f.push(format!("did not finish within {TIMEOUT:?}"));
    }
    if o.code != Some(2) {
        f.push(format!("exit code {:?}, expected 2", o.code));
    }
    if err.contains("panicked") || err.contains("RUST_BACKTRACE") {
        f.push("panicked".into());
    }
    if !o.stdout.is_empty() {
        f.push(format!("stdout is not empty ({} bytes)", o.stdout.len()));
    }
    if !err.contains(shown) {
        f.push(format!("stderr does not name the file `{shown}`"));
    }
    if o.code == Some(0) {
        f.push("the file was accepted as valid".into());
        return f;
    }

    // Shape: one header, then problem lines and their `valid:` lines, nothing else.
    let lines: Vec<&str> = err.lines().collect();
    let header = format!("error: 1 problem in scenario {shown}");
    match lines.first() {
        Some(first) if *first == header => {}
        Some(first) => f.push(format!(
            "first line should be `{header}` (one thing is wrong), got `{first}`"
        )),
        None => f.push("stderr is empty".into()),
    }
    let problem_prefix = format!("  {shown}");
    for l in lines.iter().skip(1) {
        if !l.starts_with(&problem_prefix) && !l.starts_with("      valid: ") {
            f.push(format!("stray line in the error: `{l}`"));
        }
    }

    // The problem about the expected key (or the whole-file problem).
    let after_location = |l: &str| -> Option<(Option<usize>, String)> {
        let rest = l.strip_prefix(&problem_prefix)?;
        if let Some(msg) = rest.strip_prefix(": ") {
            return Some((None, msg.to_string()));
        }
        let rest = rest.strip_prefix(':')?;
        let (n, msg) = rest.split_once(": ")?;
        Some((Some(n.parse().ok()?), msg.to_string()))
    };
    if let Some(want) = &exp.message {
        let said = lines
            .iter()
            .filter_map(|l| after_location(l))
            .any(|(_, msg)| msg.contains(want.as_str()));
        if !said {
            f.push(format!("no problem's message contains {want:?}"));
        }
    }
    let key_tag = format!("key `{}`: ", exp.key);
    let found = lines.iter().enumerate().find_map(|(i, l)| {
        let (line, msg) = after_location(l)?;
        let hit = if exp.key.is_empty() {
            !msg.starts_with("key `")
        } else {
            msg.starts_with(&key_tag)
        };
        hit.then_some((i, line))
    });
    let Some((i, line)) = found else {
        if exp.key.is_empty() {
            f.push("no whole-file problem (one without a key) is reported".into());
        } else {
            f.push(format!("no problem names key `{}`", exp.key));
        }
        return f;
    };
    if line != exp.line {
        let show = |l: Option<usize>| l.map_or("no line".to_string(), |n| format!("line {n}"));
        f.push(format!(
            "the problem points at {}, expected {} (`{shown}{}:`)",
            show(line),
            show(exp.line),
            exp.line.map_or(String::new(), |n| format!(":{n}"))
        ));
    }
    match lines
        .get(i + 1)
        .and_then(|l| l.strip_prefix("      valid: "))
    {
        None => f.push("the problem has no `valid:` line".into()),
        Some(v) => {
            let ok = if exp.anchored {
                v.trim_end().ends_with(&exp.valid)
            } else {
                v.contains(&exp.valid)
            };
            if !ok {
                f.push(format!(
                    "`valid:` line should {} {:?}",
                    if exp.anchored { "end with" } else { "contain" },
                    exp.valid
                ));
            }
        }
    }
    f
}

/// Runs `check` and then `run` on `file` (shown as `shown`); failures as text.
fn try_file(file: &str, shown: &str, exp: &Expect) -> Vec<String> {
    let scratch = tempfile::tempdir().expect("tempdir");
    let mut report = Vec::new();
    let check = resim(&["check", file], scratch.path());
    let check_failures = judge(shown, exp, &check);
    let accepted = check.code == Some(0);
    if !check_failures.is_empty() {
        report.push(format!(
            "  `resim check`: {}\n    stderr:\n{}",
            check_failures.join("; "),
            indent(&check.stderr)
        ));
    }
    if accepted {
        report.push("  `resim run` not started: `check` accepted the file".into());
        return report;
    }
    let out = scratch.path().join("out");
    let out_str = out.to_str().expect("UTF-8 temp path");
    let run = resim(&["run", file, "--out", out_str, "--quiet"], scratch.path());
    let mut run_failures = judge(shown, exp, &run);
    if out.exists() {
        run_failures.push("the output directory was created".into());
    }
    if !run_failures.is_empty() {
        report.push(format!(
            "  `resim run`: {}\n    stderr:\n{}",
            run_failures.join("; "),
            indent(&run.stderr)
        ));
    }
    report
}

fn indent(text: &str) -> String {
    if text.is_empty() {
        return "      (empty)".into();
    }
    text.lines()
        .map(|l| format!("      | {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn bad_dir() -> PathBuf {
    Path::new(ROOT).join("tests").join("bad_scenarios")
}

/// The files of `tests/bad_scenarios/`, sorted.
fn bad_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(bad_dir())
        .expect("tests/bad_scenarios exists")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

/// Line 1 (what is wrong) and line 2 (the expectation) of a bad file, read
/// as bytes so that non-UTF-8 files work too.
fn header_of(path: &Path) -> Result<(String, Expect), String> {
    let bytes = fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    let text = String::from_utf8_lossy(&bytes);
    let mut lines = text.lines();
    let what = lines.next().unwrap_or("");
    let what = what
        .strip_prefix("# ")
        .filter(|w| !w.trim().is_empty())
        .ok_or_else(|| format!("line 1 is not a comment saying what is wrong: {what:?}"))?;
    let mut exp = parse_expect(lines.next().unwrap_or(""))?;
    exp.message = lines
        .next()
        .and_then(|l| l.strip_prefix("# message: "))
        .map(|m| m.trim_end().to_string());
    Ok((what.to_string(), exp))
}

#[test]
fn every_bad_scenario_is_refused_with_a_precise_error() {
    let files = bad_files();
    assert!(
        files.len() >= 44,
        "expected at least 44 bad scenarios in {}, found {}",
        bad_dir().display(),
        files.len()
    );
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let rel = format!("tests/bad_scenarios/{name}");
        let (what, exp) = match header_of(path) {
            Ok(h) => h,
            Err(e) => {
                failures.push(format!("{rel}: malformed header: {e}"));
                continue;
            }
        };
        let report = try_file(&rel, &rel, &exp);
        if !report.is_empty() {
            failures.push(format!(
                "{rel} ({what})\n  expected: key `{}`, {}, valid {}{:?}\n{}",
                exp.key,
                exp.line.map_or("no line".into(), |n| format!("line {n}")),
                if exp.anchored {
                    "ending with "
                } else {
                    "containing "
                },
                exp.valid,
                report.join("\n")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} bad scenarios are not refused as they should be:\n\n{}\n",
        failures.len(),
        files.len(),
        failures.join("\n\n")
    );
}

/// Writes `bytes` to a file in a fresh tempdir and checks the error.
fn generated(name: &str, bytes: &[u8], exp: Expect) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(name);
    fs::write(&path, bytes).expect("write generated scenario");
    let shown = path.to_str().expect("UTF-8 temp path");
    let report = try_file(shown, shown, &exp);
    assert!(report.is_empty(), "{name}:\n{}", report.join("\n"));
}

#[test]
fn control_the_tiny_base_scenario_is_valid() {
    // Guards the premise of every bad file: the base they vary is accepted.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("tiny.toml");
    fs::write(&path, VALID_TINY).unwrap();
    let o = resim(&["check", path.to_str().unwrap()], dir.path());
    assert_eq!(o.code, Some(0), "the valid base was refused:\n{}", o.stderr);
}

#[test]
fn huge_file_is_refused_before_parsing() {
    // A valid scenario padded with comments to 1.5 MiB.
    let mut text = VALID_TINY.to_string();
    let pad = format!("# {}\n", "x".repeat(78));
    while text.len() < 3 << 19 {
        text.push_str(&pad);
    }
    generated(
        "huge.toml",
        text.as_bytes(),
        Expect::new("", None, "at most 1048576 bytes"),
    );
}

#[test]
fn empty_file_is_refused() {
    generated("empty.toml", b"", Expect::new("", None, "name = "));
}

#[test]
fn whitespace_only_file_is_refused() {
    generated(
        "blank.toml",
        b"  \n\t\n\r\n   \n",
        Expect::new("", None, "name = "),
    );
}

#[test]
fn non_utf8_bytes_in_a_value_are_refused_at_their_line() {
    // 0xff 0xfe inside the description on line 2.
    let mut bytes = b"name = \"tiny\"\ndescription = \"caf\xff\xfe\"\n".to_vec();
    bytes.extend_from_slice(
        VALID_TINY
            .split_once('\n')
            .unwrap()
            .1
            .split_once('\n')
            .unwrap()
            .1
            .as_bytes(),
    );
    generated("latin1.toml", &bytes, Expect::new("", Some(2), "UTF-8"));
}

#[test]
fn missing_file_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("no_such_scenario.toml");
    let shown = path.to_str().unwrap();
    let report = try_file(
        shown,
        shown,
        &Expect::new("", None, "a readable TOML scenario file"),
    );
    assert!(report.is_empty(), "{}", report.join("\n"));
}

#[test]
fn directory_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sub = dir.path().join("scenarios.toml");
    fs::create_dir(&sub).unwrap();
    let shown = sub.to_str().unwrap();
    let report = try_file(shown, shown, &Expect::new("", None, "a TOML scenario file"));
    assert!(report.is_empty(), "{}", report.join("\n"));
}

#[test]
fn expect_lines_parse() {
    let e = parse_expect("# expect: key=population.schools line=12 valid=a whole number").unwrap();
    assert_eq!(e.key, "population.schools");
    assert_eq!(e.line, Some(12));
    assert_eq!(e.valid, "a whole number");
    assert!(!e.anchored);
    let e = parse_expect("# expect: key= line=none valid=`termly`$").unwrap();
    assert_eq!(e.key, "");
    assert_eq!(e.line, None);
    assert_eq!(e.valid, "`termly`");
    assert!(e.anchored);
    assert!(parse_expect("# expect: key=x line=seven valid=y").is_err());
    assert!(parse_expect("# expects nothing").is_err());
}

#[test]
fn judge_catches_a_wrong_line_a_stray_line_and_a_second_problem() {
    let exp = Expect::new("population.schools", Some(12), "a whole number");
    let out = |code, stderr: &str| Outcome {
        code: Some(code),
        stdout: String::new(),
        stderr: stderr.into(),
        timed_out: false,
    };
    let good = "error: 1 problem in scenario f.toml\n  f.toml:12: key `population.schools`: must be at least 1\n      valid: a whole number of 1 or more\n";
    assert!(judge("f.toml", &exp, &out(2, good)).is_empty());
    let wrong_line = good.replace(":12:", ":11:");
    assert!(judge("f.toml", &exp, &out(2, &wrong_line))[0].contains("line 11"));
    let stray = format!("{good}in `schools`\n");
    assert!(judge("f.toml", &exp, &out(2, &stray))[0].contains("stray line"));
    let two = good.replace("1 problem", "2 problems");
    assert!(judge("f.toml", &exp, &out(2, &two))[0].contains("one thing is wrong"));
    assert!(judge("f.toml", &exp, &out(101, good))[0].contains("exit code"));
    let panic = format!("{good}thread 'main' panicked at src/x.rs:1:1\n");
    assert!(
        judge("f.toml", &exp, &out(2, &panic))
            .iter()
            .any(|f| f == "panicked")
    );
}
