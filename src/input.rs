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
    fn sizes_read_as_words() {
        assert_eq!(size(1), "1 byte");
        assert_eq!(size(1000), "1000 bytes");
        assert_eq!(size(1024), "1 KiB");
        assert_eq!(size(1 << 20), "1 MiB");
        assert_eq!(size(3 << 29), "1.5 GiB");
    }
}
