//! Reading input with a hard byte cap, whatever the file type.
//!
//! A regular file's size says nothing about a pipe, `/dev/stdin`,
//! `/dev/zero` or a file that grows while it is read, so every input the
//! crate reads — scenarios, targets, manifests, result files, journal
//! entries, shard files, checkpoints — goes through [`read_capped`] or
//! [`read_line_capped`], which stop at a cap given by the caller
//! ([`std::io::Read::take`]) instead of trusting a size.

use std::fs::File;
use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};

use crate::problem::Message;

/// Why an input could not be read.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The input has more bytes than its cap.
    #[error("{} is larger than {} (more than {cap} bytes), too large for {what}", path.display(), size(*cap))]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Most bytes accepted.
        cap: u64,
        /// What the file was read as, e.g. `a scenario`.
        what: String,
    },
    /// The path is a directory.
    #[error("{} is a directory", path.display())]
    Directory {
        /// The path.
        path: PathBuf,
    },
    /// Opening or reading failed.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

impl InputError {
    /// Whether the file does not exist.
    pub fn is_not_found(&self) -> bool {
        matches!(self, InputError::Io { source, .. } if source.kind() == io::ErrorKind::NotFound)
    }

    /// The refusal as a catalogue message: its English is this error's
    /// `Display` (what the CLI prints), and a front end words it in its
    /// language (the system's I/O errors stay as written).
    pub fn message(&self) -> Message {
        match self {
            InputError::TooLarge { path, cap, what } => Message::new("problem-input-too-large")
                .arg("file", path.display())
                .arg("size", size(*cap))
                .arg("cap", cap)
                .with("what", what_message(what)),
            InputError::Directory { path } => {
                Message::new("problem-input-directory").arg("file", path.display())
            }
            InputError::Io { path, source } => Message::new("problem-input-unreadable")
                .arg("file", path.display())
                .with("message", Message::verbatim(source.to_string())),
        }
    }
}

/// What a file was read as (the `what` of [`read_capped`], e.g. `a
/// scenario`) as a catalogue message; a phrase the catalogue lacks is shown
/// as written.
fn what_message(what: &str) -> Message {
    let id = match what {
        "a scenario" => "problem-input-what-scenario",
        "a targets file" => "problem-input-what-targets",
        "a district file" => "problem-input-what-district",
        "a posterior" => "problem-input-what-posterior",
        "a manifest" => "problem-input-what-manifest",
        "a result file" => "problem-input-what-result",
        "this result file" => "problem-input-what-this-result",
        "a results file" => "problem-input-what-results",
        "a lock file" => "problem-input-what-lock",
        "a journal plan" => "problem-input-what-journal-plan",
        "a calibration checkpoint" => "problem-input-what-calibration-checkpoint",
        "an optimise checkpoint" => "problem-input-what-optimise-checkpoint",
        "a job" => "problem-input-what-job",
        "the studio's record" => "problem-input-what-studio-record",
        other => return Message::verbatim(other),
    };
    Message::new(id)
}

/// A byte count in words: `512 bytes`, `64 KiB`, `1 MiB`, `1.5 GiB`.
pub fn size(bytes: u64) -> String {
    const UNITS: [(&str, u32); 4] = [("TiB", 40), ("GiB", 30), ("MiB", 20), ("KiB", 10)];
    for (unit, shift) in UNITS {
        let one = 1u64 << shift;
        if bytes >= one {
            let v = bytes as f64 / one as f64;
            return if bytes.is_multiple_of(one) {
                format!("{} {unit}", bytes / one)
            } else {
                format!("{v:.1} {unit}")
            };
        }
    }
    if bytes == 1 {
        "1 byte".into()
    } else {
        format!("{bytes} bytes")
    }
}

/// Reads all of `path`, refusing more than `cap` bytes; `what` names the
/// kind of file in the message (`a scenario`, `a targets file`).
pub fn read_capped(path: &Path, cap: u64, what: &str) -> Result<Vec<u8>, InputError> {
    let io = |source| InputError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = File::open(path).map_err(io)?;
    if file.metadata().map_err(io)?.is_dir() {
        return Err(InputError::Directory {
            path: path.to_path_buf(),
        });
    }
    let mut bytes = Vec::new();
    file.take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > cap {
        return Err(InputError::TooLarge {
            path: path.to_path_buf(),
            cap,
            what: what.to_string(),
        });
    }
    Ok(bytes)
}

/// Reads one line (with its `\n`, if any) into `line`, refusing a line of
/// more than `cap` bytes; returns the bytes read (0 at the end).
pub fn read_line_capped(
    reader: &mut impl BufRead,
    line: &mut Vec<u8>,
    cap: u64,
) -> io::Result<usize> {
    line.clear();
    let n = reader
        .by_ref()
        .take(cap.saturating_add(1))
        .read_until(b'\n', line)?;
    if n as u64 > cap {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("a line longer than {}", size(cap)),
        ));
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cap_holds_for_files_and_devices_alike() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("f");
        std::fs::write(&f, b"0123456789").unwrap();
        assert_eq!(read_capped(&f, 10, "a test").unwrap(), b"0123456789");
        let e = read_capped(&f, 9, "a test").unwrap_err();
        assert!(matches!(e, InputError::TooLarge { cap: 9, .. }), "{e}");
        assert!(e.to_string().contains("too large for a test"), "{e}");
        // An endless device stops at the cap instead of filling memory.
        let e = read_capped(Path::new("/dev/zero"), 1 << 20, "a scenario").unwrap_err();
        assert!(
            e.to_string()
                .contains("/dev/zero is larger than 1 MiB (more than 1048576 bytes)"),
            "{e}"
        );
        assert!(matches!(
            read_capped(dir.path(), 10, "a test"),
            Err(InputError::Directory { .. })
        ));
        assert!(
            read_capped(&dir.path().join("none"), 10, "a test")
                .unwrap_err()
                .is_not_found()
        );
    }

    #[test]
    fn a_line_longer_than_its_cap_is_refused() {
        let mut r = io::Cursor::new(b"short\nmuch longer line\n".to_vec());
        let mut line = Vec::new();
        assert_eq!(read_line_capped(&mut r, &mut line, 8).unwrap(), 6);
        assert_eq!(line, b"short\n");
        assert!(read_line_capped(&mut r, &mut line, 8).is_err());
        let mut r = io::Cursor::new(b"last".to_vec());
        assert_eq!(read_line_capped(&mut r, &mut line, 8).unwrap(), 4);
        assert_eq!(read_line_capped(&mut r, &mut line, 8).unwrap(), 0);
    }

    #[test]
    fn every_refusal_reads_as_the_cli_prints_it_in_english_and_in_chinese_on_chinese_pages() {
        use crate::i18n::Lang;
        let mut all = vec![
            InputError::Directory {
                path: "scenarios".into(),
            },
            InputError::Io {
                path: "none.toml".into(),
                source: io::Error::new(io::ErrorKind::NotFound, "No such file or directory"),
            },
        ];
        for what in [
            "a scenario",
            "a targets file",
            "a district file",
            "a posterior",
            "a manifest",
            "a result file",
            "this result file",
            "a results file",
            "a lock file",
            "a journal plan",
            "a calibration checkpoint",
            "an optimise checkpoint",
            "a job",
            "the studio's record",
        ] {
            all.push(InputError::TooLarge {
                path: "/dev/zero".into(),
                cap: 1 << 20,
                what: what.into(),
            });
        }
        for e in all {
            let m = e.message();
            crate::problem::assert_worded(&m, &e.to_string());
            let zh = m.render(Lang::ZhCn);
            if let InputError::TooLarge { what, .. } = &e {
                assert!(!zh.contains(what.as_str()), "{zh}");
            }
        }
    }

    #[test]
    fn sizes_read_as_words() {
        assert_eq!(size(1), "1 byte");
        assert_eq!(size(1000), "1000 bytes");
        assert_eq!(size(1024), "1 KiB");
        assert_eq!(size(1 << 20), "1 MiB");
        assert_eq!(size(3 << 29), "1.5 GiB");
    }
}
