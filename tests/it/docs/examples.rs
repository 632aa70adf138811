//! Every command block of README.md and docs/*.md runs, and every output
//! shown is what the command prints (the conventions: `markdown.rs`).
//!
//! Each document runs top to bottom in its own temporary copy of the
//! repository (without `target/`, `.git/`, `results/`), so its examples build
//! on each other as a reader following it would run them. `resim` is the
//! binary under test, and so is `cargo run --release --bin resim --`; any
//! other `cargo` command must be marked `<!-- not run: REASON -->`.
//!
//! After an intended change of the model or of a message, regenerate the
//! shown outputs (elisions that still match are kept) and review the diff:
//!
//! ```sh
//! SNAPSHOTS=overwrite cargo test --release --test it docs::
//! ```

use super::markdown::{self, Block, Kind, Step};
use snapbox::{Assert, Data, assert::Action};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root.
fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// README.md and every docs/*.md, in a stable order.
fn documents() -> Vec<PathBuf> {
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .expect("docs/ is readable")
        .map(|e| e.expect("docs/ entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    docs.insert(0, root().join("README.md"));
    docs
}

/// Copies the repository (without build products, git data and results) to `to`.
fn copy_repo(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create the copy");
    for entry in std::fs::read_dir(from).expect("read the repository") {
        let entry = entry.expect("directory entry");
        let name = entry.file_name();
        if [".git", "target", "results"].iter().any(|n| name == *n) {
            continue;
        }
        let ty = entry.file_type().expect("file type");
        let dest = to.join(&name);
        if ty.is_dir() {
            copy_repo(&entry.path(), &dest);
        } else if ty.is_file() {
            std::fs::copy(entry.path(), &dest).expect("copy a file");
        }
    }
}

/// A failure of one document, with the line of its block.
struct Failure {
    line: usize,
    what: String,
    /// A shown output that differs (rewritten in overwrite mode), rather
    /// than a command that fails.
    drift: bool,
}

/// Where a document's commands run: the copy, and `PATH` with `resim` first.
struct Workspace {
    _dir: tempfile::TempDir,
    repo: PathBuf,
    path: String,
}

impl Workspace {
    fn new() -> Workspace {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let repo = dir.path().join("resilience-sim");
        copy_repo(root(), &repo);
        let bin = dir.path().join("bin");
        std::fs::create_dir(&bin).expect("bin/");
        std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_resim"), bin.join("resim"))
            .expect("link resim");
        let path = format!(
            "{}:{}",
            bin.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        Workspace {
            _dir: dir,
            repo,
            path,
        }
    }

    /// Runs a shell script in the copy: its exit code and everything it
    /// printed (stderr merged into stdout, as on a terminal).
    fn run(&self, script: &str) -> (Option<i32>, String) {
        let mut cmd = Command::new("bash");
        cmd.arg("-c")
            .arg(format!("set -eo pipefail\nexec 2>&1\n{script}"))
            .current_dir(&self.repo)
            .env("PATH", &self.path);
        for (k, _) in std::env::vars() {
            if k.starts_with("RESIM_") || k.starts_with("SLURM_") || k == "SNAPSHOTS" {
                cmd.env_remove(k);
            }
        }
        let out = cmd.output().expect("bash runs");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    }
}

/// The script a reader's command becomes: `cargo run --release --bin resim --`
/// is the binary under test; another `cargo` command is refused.
fn script(command: &str) -> Result<String, String> {
    let s = command.replace("cargo run --release --bin resim --", "resim");
    let cargo = s.lines().any(|l| {
        let l = l.trim_start();
        l.starts_with("cargo ")
            || ["; cargo ", "&& cargo ", "| cargo ", "do cargo "]
                .iter()
                .any(|p| l.contains(p))
    });
    if cargo {
        return Err(format!(
            "`{}` runs cargo: mark the block `<!-- not run: REASON -->`",
            s.trim()
        ));
    }
    Ok(s)
}

/// The last lines of a command's output, for a failure message.
fn tail(output: &str) -> String {
    let lines: Vec<&str> = output.lines().collect();
    lines[lines.len().saturating_sub(15)..].join("\n")
}

/// Runs one session block: each step's output compared with the one shown.
/// Returns the steps with the outputs to write back in overwrite mode.
fn session(ws: &Workspace, block: &Block, failures: &mut Vec<Failure>) -> Option<Vec<Step>> {
    let steps = match markdown::steps(&block.body) {
        Ok(s) => s,
        Err(e) => {
            failures.push(Failure {
                line: block.line,
                what: e,
                drift: false,
            });
            return None;
        }
    };
    let mut written = Vec::new();
    for step in steps {
        let (code, actual) = match script(&step.command) {
            Ok(s) => ws.run(&s),
            Err(e) => {
                failures.push(Failure {
                    line: block.line,
                    what: e,
                    drift: false,
                });
                return None;
            }
        };
        if code != Some(0) {
            failures.push(Failure {
                line: block.line,
                what: format!(
                    "`$ {}` failed (exit {code:?}):\n{}",
                    step.command,
                    tail(&actual)
                ),
                drift: false,
            });
        }
        let check = Assert::new().action(Action::Verify);
        if let Err(e) = check.try_eq(
            Some(&"printed"),
            Data::text(actual.clone()),
            Data::text(step.output.clone()),
        ) {
            failures.push(Failure {
                line: block.line,
                what: format!("the output of `$ {}` differs:\n{e}", step.command),
                drift: true,
            });
        }
        let (kept, _) = check.normalize(Data::text(actual), Data::text(step.output.clone()));
        let mut output = kept.render().unwrap_or_default();
        if !output.is_empty() && !output.ends_with('\n') {
            output.push('\n');
        }
        written.push(Step {
            command: step.command,
            output,
        });
    }
    Some(written)
}

/// Runs every block of one document; in overwrite mode rewrites its outputs.
fn check_document(text: &str, ws: &Workspace) -> (Vec<Failure>, Option<String>) {
    let mut failures = Vec::new();
    let blocks = match markdown::blocks(text) {
        Ok(b) => b,
        Err(e) => {
            return (
                vec![Failure {
                    line: 0,
                    what: e,
                    drift: false,
                }],
                None,
            );
        }
    };
    let mut rewritten = String::new();
    let mut at = 0;
    for block in &blocks {
        if block.not_run.is_some() {
            continue;
        }
        match block.kind {
            Kind::Shown => {}
            Kind::Commands => {
                let s = match script(&block.body) {
                    Ok(s) => s,
                    Err(e) => {
                        failures.push(Failure {
                            line: block.line,
                            what: e,
                            drift: false,
                        });
                        continue;
                    }
                };
                let (code, out) = ws.run(&s);
                if code != Some(0) {
                    failures.push(Failure {
                        line: block.line,
                        what: format!(
                            "the block failed (exit {code:?}); mark it `<!-- not run: REASON -->` if it cannot run here:\n{}",
                            tail(&out)
                        ),
                        drift: false,
                    });
                }
            }
            Kind::Session => {
                if let Some(steps) = session(ws, block, &mut failures) {
                    rewritten.push_str(&text[at..block.span.start]);
                    for line in markdown::session_body(&steps).split_inclusive('\n') {
                        rewritten.push_str(&block.indent);
                        rewritten.push_str(line);
                    }
                    at = block.span.end;
                }
            }
        }
    }
    rewritten.push_str(&text[at..]);
    (failures, Some(rewritten))
}

#[test]
fn every_example_of_the_documentation_runs_and_prints_what_is_shown() {
    let overwrite = std::env::var("SNAPSHOTS").is_ok_and(|v| v == "overwrite");
    let mut report = String::new();
    for doc in documents() {
        let text = std::fs::read_to_string(&doc).expect("the document is readable");
        let ws = Workspace::new();
        let (failures, rewritten) = check_document(&text, &ws);
        let name = doc
            .strip_prefix(root())
            .unwrap_or(&doc)
            .display()
            .to_string();
        if overwrite && let Some(new) = rewritten.filter(|n| *n != text) {
            std::fs::write(&doc, new).expect("rewrite the document");
            eprintln!("{name}: shown outputs rewritten; review the diff");
        }
        // Overwriting fixes drift, never a command that fails.
        for f in failures.into_iter().filter(|f| !(overwrite && f.drift)) {
            report.push_str(&format!("\n{name}:{}: {}\n", f.line, f.what));
        }
    }
    assert!(
        report.is_empty(),
        "the documentation's examples do not run as shown (after an intended change, \
         regenerate with `SNAPSHOTS=overwrite cargo test --release --test it docs::`):{report}"
    );
}

/// The checker itself: a drifted output, a failing command and an unmarked
/// cargo command each fail; a marked block is skipped; elisions match.
#[test]
fn the_documentation_test_fails_on_drift_and_on_unmarked_commands() {
    let ws = Workspace::new();
    let check = |doc: &str| check_document(doc, &ws).0;
    assert!(check("```console\n$ echo hello\nhello\n```\n").is_empty());
    assert!(check("```console\n$ echo hello 123 s\nhello [..] s\n...\n```\n").is_empty());
    let drift = check("```console\n$ echo hello\nhallo\n```\n");
    assert_eq!(drift.len(), 1);
    assert!(drift[0].what.contains("differs"), "{}", drift[0].what);
    let failing = check("text\n\n```sh\nresim run no_such_scenario\n```\n");
    assert_eq!(failing.len(), 1);
    assert_eq!(failing[0].line, 3);
    assert!(failing[0].what.contains("not run"), "{}", failing[0].what);
    let cargo = check("```sh\ncargo build --release\n```\n");
    assert!(cargo[0].what.contains("runs cargo"), "{}", cargo[0].what);
    assert!(check("<!-- not run: slow -->\n```sh\nfalse\n```\n").is_empty());
    let (_, rewritten) = check_document("```console\n$ echo new 1 s\nold [..] s\n```\n", &ws);
    assert_eq!(
        rewritten.as_deref(),
        Some("```console\n$ echo new 1 s\nnew 1 s\n```\n")
    );
    let (_, kept) = check_document("```console\n$ echo a 1 s\na [..] s\n```\n", &ws);
    assert_eq!(
        kept.as_deref(),
        Some("```console\n$ echo a 1 s\na [..] s\n```\n")
    );
}
