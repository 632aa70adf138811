//! [`OutputError`]: why results could not be written where they were asked
//! for.

use std::io;
use std::path::{Path, PathBuf};

use crate::problem::Message;

/// Why an output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The directory holds files and `--force` was not given.
    #[error(
        "output directory {0} is not empty; choose another --out or pass --force to replace its files"
    )]
    NotEmpty(PathBuf),
    /// The path exists and is not a directory.
    #[error("output path {0} exists and is not a directory; choose another --out")]
    NotADirectory(PathBuf),
    /// The directory cannot be made or written into (found before anything
    /// is simulated).
    #[error("cannot write into {}: {source}; choose another --out", path.display())]
    Unwritable {
        /// The directory.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// A directory resim writes into is a symbolic link.
    #[error(
        "{} is a symbolic link; resim writes only into real directories inside the output directory (remove the link or choose another --out)",
        .0.display()
    )]
    Symlink(PathBuf),
    /// Another job holds the lock of what this job would write.
    #[error(
        "{} is in use by process {pid} on {host} (lock file {}); wait for it to finish, or, if that process is gone (a failed node), remove the lock file",
        dir.display(), lock.display()
    )]
    InUse {
        /// What is locked: the output directory, or a shard.
        dir: PathBuf,
        /// The holder's process id.
        pid: u32,
        /// The holder's host name.
        host: String,
        /// The lock file.
        lock: PathBuf,
    },
    /// A lock file resim cannot read.
    #[error(
        "{} is locked by {}, which resim cannot read ({why}); if no resim job is writing there, remove it",
        dir.display(), lock.display()
    )]
    BadLock {
        /// What is locked.
        dir: PathBuf,
        /// The lock file.
        lock: PathBuf,
        /// What is wrong with it.
        why: String,
    },
    /// The job would replace the file it reads its scenario from.
    #[error(
        "{} would be replaced by this job's {name}, but it is the input scenario; choose another --out or move the scenario out of {}",
        input.display(), dir.display()
    )]
    ReplacesInput {
        /// The input file.
        input: PathBuf,
        /// The output directory.
        dir: PathBuf,
        /// The output file that is the input.
        name: String,
    },
    /// Any I/O failure while writing, with the path involved.
    #[error("cannot write {path}: {source}")]
    Io {
        /// File or directory.
        path: PathBuf,
        /// The error.
        source: io::Error,
    },
}

impl OutputError {
    /// Whether the user can fix it (a refused or unusable output
    /// directory), as opposed to a failure while writing.
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, OutputError::Io { .. })
    }

    /// The refusal as a catalogue message: its English is this error's
    /// `Display` (what the CLI prints), and a front end words it in its
    /// language (the system's I/O errors and why a lock file does not read
    /// stay as written).
    pub fn message(&self) -> Message {
        let verbatim = |e: &dyn std::fmt::Display| Message::verbatim(e.to_string());
        match self {
            OutputError::NotEmpty(dir) => {
                Message::new("problem-output-not-empty").arg("dir", dir.display())
            }
            OutputError::NotADirectory(path) => {
                Message::new("problem-output-not-a-directory").arg("path", path.display())
            }
            OutputError::Unwritable { path, source } => Message::new("problem-output-unwritable")
                .arg("dir", path.display())
                .with("message", verbatim(source)),
            OutputError::Symlink(path) => {
                Message::new("problem-output-symlink").arg("path", path.display())
            }
            OutputError::InUse {
                dir,
                pid,
                host,
                lock,
            } => Message::new("problem-busy")
                .arg("dir", dir.display())
                .arg("pid", pid)
                .arg("host", host)
                .arg("lock", lock.display()),
            OutputError::BadLock { dir, lock, why } => Message::new("problem-output-bad-lock")
                .arg("dir", dir.display())
                .arg("lock", lock.display())
                .with("why", verbatim(why)),
            OutputError::ReplacesInput { input, dir, name } => {
                Message::new("problem-output-replaces-input")
                    .arg("file", input.display())
                    .arg("dir", dir.display())
                    .arg("name", name)
            }
            OutputError::Io { path, source } => Message::new("problem-output-io")
                .arg("file", path.display())
                .with("message", verbatim(source)),
        }
    }
}

pub(crate) fn io_err(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

#[cfg(test)]
mod message_tests {
    use super::*;

    #[test]
    fn every_output_refusal_reads_as_the_cli_prints_it_in_english_and_in_chinese_on_chinese_pages()
    {
        let io = || io::Error::new(io::ErrorKind::PermissionDenied, "Permission denied");
        let all = [
            OutputError::NotEmpty("results/q".into()),
            OutputError::NotADirectory("results/q".into()),
            OutputError::Unwritable {
                path: "results/q".into(),
                source: io(),
            },
            OutputError::Symlink("results/q/plots".into()),
            OutputError::InUse {
                dir: "results/q".into(),
                pid: 42,
                host: "node7".into(),
                lock: "results/q/.resim.lock".into(),
            },
            OutputError::BadLock {
                dir: "results/q".into(),
                lock: "results/q/.resim.lock".into(),
                why: "expected value at line 1 column 1".into(),
            },
            OutputError::ReplacesInput {
                input: "results/q/scenario.toml".into(),
                dir: "results/q".into(),
                name: "scenario.toml".into(),
            },
            OutputError::Io {
                path: "results/q/students.csv".into(),
                source: io(),
            },
        ];
        for e in all {
            crate::problem::assert_worded(&e.message(), &e.to_string());
        }
    }
}
