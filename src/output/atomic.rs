//! Atomic files and guarded output directories.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Why an output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The directory holds files and `--force` was not given.
    #[error(
        "output directory {0} is not empty; choose another --out or pass --force to replace its files"
    )]
    NotEmpty(PathBuf),
    /// The path exists and is not a directory.
    #[error("output path {0} exists and is not a directory")]
    NotADirectory(PathBuf),
    /// Any I/O failure, with the path involved.
    #[error("cannot write {path}: {source}")]
    Io {
        /// File or directory.
        path: PathBuf,
        /// The error.
        source: io::Error,
    },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// An output directory that was checked before the run: it did not exist,
/// was empty, or `force` allowed replacing its files.
#[derive(Debug, Clone)]
pub struct OutputDir {
    /// The directory.
    pub path: PathBuf,
    /// Directories [`OutputDir::create`] made, outermost first.
    created: std::cell::RefCell<Vec<PathBuf>>,
}

impl OutputDir {
    /// Checks `path` without creating anything (so a run that fails early
    /// leaves no directory behind).
    pub fn check(path: &Path, force: bool) -> Result<OutputDir, OutputError> {
        if path.exists() {
            if !path.is_dir() {
                return Err(OutputError::NotADirectory(path.to_path_buf()));
            }
            let non_empty = fs::read_dir(path).map_err(io_err(path))?.next().is_some();
            if non_empty && !force {
                return Err(OutputError::NotEmpty(path.to_path_buf()));
            }
        }
        Ok(OutputDir {
            path: path.to_path_buf(),
            created: Default::default(),
        })
    }

    /// A directory used as it is, without the emptiness check (for a job
    /// that owns the directory, such as a resumed sweep).
    pub fn unchecked(path: &Path) -> OutputDir {
        OutputDir {
            path: path.to_path_buf(),
            created: Default::default(),
        }
    }

    /// Creates the directory (and parents) when the first file is written,
    /// remembering which directories did not exist before.
    pub fn create(&self) -> Result<(), OutputError> {
        let missing: Vec<PathBuf> = self
            .path
            .ancestors()
            .filter(|p| !p.as_os_str().is_empty())
            .take_while(|p| !p.exists())
            .map(Path::to_path_buf)
            .collect();
        fs::create_dir_all(&self.path).map_err(io_err(&self.path))?;
        self.created.borrow_mut().extend(missing.into_iter().rev());
        Ok(())
    }

    /// Removes, innermost first, the directories [`OutputDir::create`] made
    /// that are still empty; a directory that existed before is never touched.
    pub fn remove_created_if_empty(&self) {
        let mut created = self.created.borrow_mut();
        while let Some(dir) = created.pop() {
            // `remove_dir` refuses a directory that is not empty.
            if fs::remove_dir(&dir).is_err() {
                created.clear();
            }
        }
    }

    /// Path of a file inside the directory.
    pub fn file(&self, name: &str) -> PathBuf {
        self.path.join(name)
    }
}

/// A file written under a temporary name and renamed into place on
/// [`AtomicFile::commit`]; dropped uncommitted, it is removed.
pub struct AtomicFile {
    target: PathBuf,
    temp: PathBuf,
    writer: Option<BufWriter<File>>,
}

impl AtomicFile {
    /// Starts writing `target` (as `.<name>.partial` beside it).
    pub fn create(target: &Path) -> Result<AtomicFile, OutputError> {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp = target.with_file_name(format!(".{name}.partial"));
        let file = File::create(&temp).map_err(io_err(&temp))?;
        Ok(AtomicFile {
            target: target.to_path_buf(),
            temp,
            writer: Some(BufWriter::new(file)),
        })
    }

    /// Flushes and syncs what was written, keeping the temporary name, so
    /// that a later [`AtomicFile::commit`] is only a rename.
    pub fn sync(&mut self) -> Result<(), OutputError> {
        let writer = self.writer.as_mut().expect("writer present until commit");
        writer.flush().map_err(io_err(&self.temp))?;
        writer.get_ref().sync_all().map_err(io_err(&self.temp))
    }

    /// Flushes, syncs and renames the file into place.
    pub fn commit(mut self) -> Result<(), OutputError> {
        let writer = self.writer.take().expect("writer present until commit");
        let file = writer.into_inner().map_err(|e| OutputError::Io {
            path: self.temp.clone(),
            source: e.into_error(),
        })?;
        file.sync_all().map_err(io_err(&self.temp))?;
        fs::rename(&self.temp, &self.target).map_err(io_err(&self.target))
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer
            .as_mut()
            .expect("writer present until commit")
            .write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer
            .as_mut()
            .expect("writer present until commit")
            .flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.writer.take().is_some() {
            let _ = fs::remove_file(&self.temp);
        }
    }
}

/// Writes `bytes` to `target` atomically.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let mut f = AtomicFile::create(target)?;
    f.write_all(bytes).map_err(io_err(target))?;
    f.commit()
}
