//! Atomic files: written under an exclusive, unpredictable temporary name
//! beside their target and renamed into place when complete.
//!
//! The temporary is created with `O_CREAT | O_EXCL` (`tempfile`), so it is
//! always a new file: a symbolic link planted at any name — dangling or
//! not — makes the creation fail or choose another name, never makes the
//! program write through it. Its name, `.NAME.XXXXXX.partial`, has six
//! random characters. The rename replaces the directory entry `NAME`
//! itself: a symbolic link there is replaced, not followed.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use super::error::{OutputError, io_err};
use super::hash::Fnv;

/// What a finished file holds: its size and FNV-1a checksum, as the
/// manifest of a result set lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FileEntry {
    /// File name inside the output directory.
    pub name: String,
    /// Size in bytes.
    pub bytes: u64,
    /// FNV-1a 64 of its bytes, 16 hex digits.
    pub fnv1a: String,
}

/// A file written under a temporary name and renamed into place on
/// [`AtomicFile::commit`]; dropped uncommitted, it is removed.
pub struct AtomicFile {
    target: PathBuf,
    writer: Option<BufWriter<NamedTempFile>>,
    fnv: Fnv,
    bytes: u64,
}

impl std::fmt::Debug for AtomicFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AtomicFile")
            .field("target", &self.target)
            .field("bytes", &self.bytes)
            .finish()
    }
}

/// The temporary of `target`: a new file `.NAME.XXXXXX.partial` beside it.
fn temporary(target: &Path) -> Result<NamedTempFile, OutputError> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".partial")
        .rand_bytes(6)
        .tempfile_in(dir)
        .map_err(io_err(target))
}

impl AtomicFile {
    /// Starts writing `target` (as a new `.NAME.XXXXXX.partial` beside it).
    pub fn create(target: &Path) -> Result<AtomicFile, OutputError> {
        Ok(AtomicFile {
            target: target.to_path_buf(),
            writer: Some(BufWriter::new(temporary(target)?)),
            fnv: Fnv::default(),
            bytes: 0,
        })
    }

    /// The file it will become.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// The temporary file being written.
    pub fn temp_path(&self) -> &Path {
        self.writer().get_ref().path()
    }

    fn writer(&self) -> &BufWriter<NamedTempFile> {
        self.writer.as_ref().expect("writer present until commit")
    }

    /// Flushes and syncs what was written, keeping the temporary name, so
    /// that a later [`AtomicFile::commit`] is only a rename.
    pub fn sync(&mut self) -> Result<(), OutputError> {
        let temp = self.temp_path().to_path_buf();
        let writer = self.writer.as_mut().expect("writer present until commit");
        writer.flush().map_err(io_err(&temp))?;
        writer.get_ref().as_file().sync_all().map_err(io_err(&temp))
    }

    /// The size and checksum of what was written so far, under the
    /// target's file name.
    pub fn entry(&self) -> FileEntry {
        FileEntry {
            name: self
                .target
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            bytes: self.bytes,
            fnv1a: self.fnv.hex(),
        }
    }

    /// Flushes, syncs and renames the file into place.
    pub fn commit(mut self) -> Result<(), OutputError> {
        self.sync()?;
        let writer = self.writer.take().expect("writer present until commit");
        let temp = writer.into_inner().map_err(|e| OutputError::Io {
            path: self.target.clone(),
            source: e.into_error(),
        })?;
        temp.persist(&self.target).map_err(|e| OutputError::Io {
            path: self.target.clone(),
            source: e.error,
        })?;
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self
            .writer
            .as_mut()
            .expect("writer present until commit")
            .write(buf)?;
        self.fnv.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer
            .as_mut()
            .expect("writer present until commit")
            .flush()
    }
}

/// Writes `bytes` to `target` atomically.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let mut f = AtomicFile::create(target)?;
    f.write_all(bytes).map_err(io_err(target))?;
    f.commit()
}

/// Syncs a directory, so that the renames into it survive a crash
/// (best effort: not every file system can sync a directory).
pub fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_committed_file_appears_whole_and_a_dropped_one_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.csv");
        let mut f = AtomicFile::create(&target).unwrap();
        f.write_all(b"x,y\n").unwrap();
        let temp = f.temp_path().to_path_buf();
        let name = temp.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.starts_with(".a.csv.") && name.ends_with(".partial") && name.len() == 21,
            "{name}"
        );
        assert!(!target.exists());
        assert_eq!(
            f.entry(),
            FileEntry {
                name: "a.csv".into(),
                bytes: 4,
                fnv1a: crate::output::fnv1a(b"x,y\n")
            }
        );
        f.commit().unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"x,y\n");
        assert!(!temp.exists());

        let f = AtomicFile::create(&dir.path().join("b.csv")).unwrap();
        let temp = f.temp_path().to_path_buf();
        assert!(temp.exists());
        drop(f);
        assert!(!temp.exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn links_planted_at_the_old_temporary_names_or_the_target_are_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let victim = outside.path().join("victim.txt");
        std::fs::write(&victim, b"VICTIM").unwrap();
        let out = dir.path();
        std::os::unix::fs::symlink(&victim, out.join(".t.csv.partial")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("new.txt"), out.join(".m.json.partial"))
            .unwrap();
        std::os::unix::fs::symlink(&victim, out.join("t.csv")).unwrap();
        write_atomic(&out.join("t.csv"), b"DATA").unwrap();
        write_atomic(&out.join("m.json"), b"{}").unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"VICTIM");
        assert!(!outside.path().join("new.txt").exists());
        // The link at the target's name was replaced by the file.
        assert!(!out.join("t.csv").symlink_metadata().unwrap().is_symlink());
        assert_eq!(std::fs::read(out.join("t.csv")).unwrap(), b"DATA");
    }
}
