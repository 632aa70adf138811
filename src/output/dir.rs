//! Output directories claimed by a job before it runs: made if missing,
//! locked, proved writable, and checked for what is already in them.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::error::{OutputError, io_err};
use super::lock::{LOCK_FILE, Lock};

/// An output directory a job has claimed: it exists, this job holds its
/// lock (so no other job writes the same results at the same time), and it
/// was writable when claimed. Dropped, the lock is released and the
/// directories the claim made are removed again if they are still empty,
/// so a job that fails or is stopped before writing leaves nothing behind.
#[derive(Debug)]
pub struct OutputDir {
    /// The directory.
    pub path: PathBuf,
    /// Directories the claim made, outermost first.
    created: Vec<PathBuf>,
    lock: Option<Lock>,
}

/// Makes `path` and its missing parents; returns those it made, outermost
/// first.
fn make_dirs(path: &Path) -> Result<Vec<PathBuf>, OutputError> {
    if let Ok(meta) = fs::metadata(path)
        && !meta.is_dir()
    {
        return Err(OutputError::NotADirectory(path.to_path_buf()));
    }
    let missing: Vec<PathBuf> = path
        .ancestors()
        .filter(|p| !p.as_os_str().is_empty())
        .take_while(|p| fs::symlink_metadata(p).is_err())
        .map(Path::to_path_buf)
        .collect();
    fs::create_dir_all(path).map_err(|source| OutputError::Unwritable {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(missing.into_iter().rev().collect())
}

/// `base/rel` as a real directory inside `base`: every component made if
/// missing and refused if it is a symbolic link or not a directory, so
/// nothing is ever written outside `base` through a link planted inside it.
pub fn real_dir(base: &Path, rel: &Path) -> Result<PathBuf, OutputError> {
    let mut dir = base.to_path_buf();
    for c in rel.components() {
        let Component::Normal(name) = c else {
            return Err(OutputError::Io {
                path: base.join(rel),
                source: io::Error::new(io::ErrorKind::InvalidInput, "not a plain relative path"),
            });
        };
        dir.push(name);
        match fs::symlink_metadata(&dir) {
            Ok(m) if m.file_type().is_symlink() => return Err(OutputError::Symlink(dir)),
            Ok(m) if !m.is_dir() => return Err(OutputError::NotADirectory(dir)),
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => match fs::create_dir(&dir) {
                Ok(()) => {}
                // Made by another job at the same moment (shards of one array).
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => {}
                Err(source) => return Err(OutputError::Unwritable { path: dir, source }),
            },
            Err(source) => return Err(OutputError::Unwritable { path: dir, source }),
        }
    }
    Ok(dir)
}

/// Proves that files can be made in `dir`: creates a new temporary file
/// there and removes it.
pub fn probe(dir: &Path) -> Result<(), OutputError> {
    tempfile::Builder::new()
        .prefix(".resim-probe.")
        .tempfile_in(dir)
        .map(drop)
        .map_err(|source| OutputError::Unwritable {
            path: dir.to_path_buf(),
            source,
        })
}

impl OutputDir {
    /// Claims `path` for a job's result set: makes it if missing, takes its
    /// lock (`DIR/.resim.lock`, which also proves it writable), and refuses
    /// a directory holding anything else unless `force` (which lets the
    /// job replace its own files, by name, and nothing else).
    pub fn claim(path: &Path, force: bool) -> Result<OutputDir, OutputError> {
        let dir = OutputDir::lock(path)?;
        if !force {
            let other = fs::read_dir(path)
                .map_err(io_err(path))?
                .flatten()
                .any(|e| e.file_name() != LOCK_FILE);
            if other {
                return Err(OutputError::NotEmpty(path.to_path_buf()));
            }
        }
        Ok(dir)
    }

    /// Claims `path` whatever it holds (a job continuing its own work:
    /// a resumed sweep, a report beside the results it reads).
    pub fn claim_existing(path: &Path) -> Result<OutputDir, OutputError> {
        OutputDir::lock(path)
    }

    fn lock(path: &Path) -> Result<OutputDir, OutputError> {
        let created = make_dirs(path)?;
        let mut dir = OutputDir {
            path: path.to_path_buf(),
            created,
            lock: None,
        };
        dir.lock = Some(Lock::acquire(&path.join(LOCK_FILE), path)?);
        Ok(dir)
    }

    /// Makes `path` and its parents, with no lock and no cleanup: the
    /// shared directory the shards of an array write into at once (each
    /// shard locks its own file).
    pub fn shared(path: &Path) -> Result<OutputDir, OutputError> {
        make_dirs(path)?;
        Ok(OutputDir {
            path: path.to_path_buf(),
            created: Vec::new(),
            lock: None,
        })
    }

    /// Path of a file inside the directory.
    pub fn file(&self, name: &str) -> PathBuf {
        self.path.join(name)
    }

    /// A real sub-directory (see [`real_dir`]), proved writable.
    pub fn subdir(&self, rel: &str) -> Result<PathBuf, OutputError> {
        let dir = real_dir(&self.path, Path::new(rel))?;
        probe(&dir)?;
        Ok(dir)
    }

    /// Refuses to go on when one of the files `names` this job writes
    /// would replace `input`, the file it reads (an `--out` that holds the
    /// input scenario).
    pub fn refuse_replacing(&self, input: &Path, names: &[&str]) -> Result<(), OutputError> {
        refuse_replacing(&self.path, input, names)
    }
}

/// Refuses when one of the files `names` a job would write in `dir` is
/// `input`, a file it reads: checked before a long job starts, so that it is
/// refused at once rather than after the work.
pub fn refuse_replacing(dir: &Path, input: &Path, names: &[&str]) -> Result<(), OutputError> {
    let Ok(input_id) = fs::canonicalize(input) else {
        return Ok(());
    };
    for name in names {
        if fs::canonicalize(dir.join(name)).is_ok_and(|p| p == input_id) {
            return Err(OutputError::ReplacesInput {
                input: input.to_path_buf(),
                dir: dir.to_path_buf(),
                name: name.to_string(),
            });
        }
    }
    Ok(())
}

impl Drop for OutputDir {
    fn drop(&mut self) {
        self.lock = None;
        // Innermost first; `remove_dir` refuses a directory that is not empty.
        while let Some(dir) = self.created.pop() {
            if fs::remove_dir(&dir).is_err() {
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claim_makes_locks_and_cleans_up_what_it_made() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("a/b");
        let dir = OutputDir::claim(&out, false).unwrap();
        assert!(out.join(LOCK_FILE).is_file());
        let e = OutputDir::claim(&out, true).unwrap_err();
        assert!(matches!(e, OutputError::InUse { .. }), "{e}");
        drop(dir);
        assert!(!tmp.path().join("a").exists(), "nothing left behind");

        std::fs::create_dir(tmp.path().join("full")).unwrap();
        std::fs::write(tmp.path().join("full/notes.txt"), "x").unwrap();
        let e = OutputDir::claim(&tmp.path().join("full"), false).unwrap_err();
        assert!(matches!(e, OutputError::NotEmpty(_)), "{e}");
        assert!(!tmp.path().join("full").join(LOCK_FILE).exists());
        let dir = OutputDir::claim(&tmp.path().join("full"), true).unwrap();
        drop(dir);
        assert!(tmp.path().join("full/notes.txt").exists());
    }

    #[test]
    fn a_file_in_the_path_is_found_before_anything_runs() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("afile"), "x").unwrap();
        let e = OutputDir::claim(&tmp.path().join("afile/sub"), false).unwrap_err();
        assert!(matches!(e, OutputError::Unwritable { .. }), "{e}");
        assert!(e.is_bad_input());
        let e = OutputDir::claim(&tmp.path().join("afile"), false).unwrap_err();
        assert!(matches!(e, OutputError::NotADirectory(_)), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn sub_directories_are_real_directories_inside() {
        let tmp = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let dir = OutputDir::claim(tmp.path(), true).unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), tmp.path().join("journal")).unwrap();
        let e = dir.subdir("journal/shard-0-of-2").unwrap_err();
        assert!(matches!(e, OutputError::Symlink(_)), "{e}");
        std::fs::write(tmp.path().join("shards"), "x").unwrap();
        assert!(matches!(
            dir.subdir("shards").unwrap_err(),
            OutputError::NotADirectory(_)
        ));
        assert_eq!(
            dir.subdir("plots/a").unwrap(),
            tmp.path().join("plots").join("a")
        );
        assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
    }

    #[test]
    fn the_input_scenario_is_never_replaced() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("scenario.toml"), "name = \"x\"").unwrap();
        let dir = OutputDir::claim(tmp.path(), true).unwrap();
        let input = tmp.path().join("./scenario.toml");
        let e = dir
            .refuse_replacing(&input, &["effects.csv", "scenario.toml"])
            .unwrap_err();
        assert!(e.to_string().contains("is the input scenario"), "{e}");
        dir.refuse_replacing(&input, &["effects.csv"]).unwrap();
    }
}
