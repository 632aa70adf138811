//! Result sets: the files one job writes into its output directory, made
//! verifiably whole by their manifest.
//!
//! Every file of a set is written under a temporary name and synced; then
//! the files are renamed into place and `manifest.json` is written last,
//! listing every file of the set with its size and FNV-1a checksum
//! ([`FileEntry`]). Renames happen one at a time, so a job killed between
//! two of them leaves new files beside the old manifest — and then the
//! files no longer match it. Readers ([`SavedSet`]) check every file they
//! read against the manifest and refuse a set that is not whole, naming
//! the file. Nothing else in the directory is touched: files of other
//! names stay as they were.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::atomic::{AtomicFile, FileEntry, sync_dir};
use super::dir::OutputDir;
use super::error::{OutputError, io_err};
use super::hash::Fnv;
use crate::input::{self, InputError};
use crate::problem::Message;

/// The manifest's name.
pub const MANIFEST: &str = "manifest.json";

/// Largest manifest read (it holds the resolved scenario).
pub const MAX_MANIFEST_BYTES: u64 = 256 << 20;

/// Largest result file read when its manifest gives no size (written by a
/// version before manifests listed their files).
pub const MAX_UNLISTED_BYTES: u64 = 16 << 30;

/// The files of a set being written, each under its temporary name until
/// [`SetWriter::commit`].
pub struct SetWriter<'a> {
    dir: &'a OutputDir,
    files: Vec<AtomicFile>,
}

impl<'a> SetWriter<'a> {
    /// A set to be written into `dir`.
    pub fn new(dir: &'a OutputDir) -> SetWriter<'a> {
        SetWriter {
            dir,
            files: Vec::new(),
        }
    }

    /// Adds a file written elsewhere (streamed while the job ran) into
    /// this directory.
    pub fn add_file(&mut self, file: AtomicFile) {
        self.files.push(file);
    }

    /// Adds a file with these bytes.
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> Result<(), OutputError> {
        let path = self.dir.file(name);
        let mut f = AtomicFile::create(&path)?;
        f.write_all(bytes).map_err(io_err(&path))?;
        self.files.push(f);
        Ok(())
    }

    /// The names of the files added so far.
    pub fn names(&self) -> Vec<String> {
        self.files.iter().map(|f| f.entry().name).collect()
    }

    /// Syncs every file; asks `manifest` for the manifest's bytes given
    /// every file's entry; then — unless `stop()` says to stop, the last
    /// moment a job may still be cancelled — renames the files into place
    /// and the manifest last.
    pub fn commit<E: From<OutputError>>(
        mut self,
        manifest: impl FnOnce(Vec<FileEntry>) -> Result<Vec<u8>, E>,
        stop: impl FnOnce() -> Option<E>,
    ) -> Result<(), E> {
        sync_all(&mut self.files)?;
        let entries: Vec<FileEntry> = self.files.iter().map(AtomicFile::entry).collect();
        let bytes = manifest(entries)?;
        let path = self.dir.file(MANIFEST);
        let mut m = AtomicFile::create(&path)?;
        m.write_all(&bytes).map_err(io_err(&path))?;
        m.sync()?;
        if let Some(e) = stop() {
            return Err(e);
        }
        for f in self.files.drain(..) {
            f.commit()?;
        }
        m.commit()?;
        sync_dir(&self.dir.path);
        Ok(())
    }
}

/// Syncs `files`, each on a thread of its own: a sync mostly waits for the
/// disk, and the files of a set are independent, so their waits overlap
/// (each file is still written whole under its temporary name; nothing is
/// renamed here). The first error, in the files' order, is returned.
fn sync_all(files: &mut [AtomicFile]) -> Result<(), OutputError> {
    if files.len() < 2 {
        return files.iter_mut().try_for_each(AtomicFile::sync);
    }
    std::thread::scope(|scope| {
        let syncs: Vec<_> = files
            .iter_mut()
            .map(|f| scope.spawn(move || f.sync()))
            .collect();
        let results: Vec<Result<(), OutputError>> = syncs
            .into_iter()
            .map(|s| s.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect();
        results.into_iter().collect()
    })
}

/// Why a saved result set cannot be read, or is not whole.
#[derive(Debug, thiserror::Error)]
pub enum SetError {
    /// No manifest: nothing was written there, or a job is writing its first set.
    #[error(
        "{} holds no results: {MANIFEST} is missing (give a directory written by resim, after the job finished)",
        dir.display()
    )]
    NoManifest {
        /// The directory.
        dir: PathBuf,
    },
    /// The manifest does not read.
    #[error("{}: not a resim manifest ({why})", path.display())]
    BadManifest {
        /// The manifest.
        path: PathBuf,
        /// Why: what the JSON parser said (shown as written), or which
        /// part of it does not read.
        why: Message,
    },
    /// A file the manifest lists is missing or differs from it.
    #[error(
        "{}: {name} does not match {MANIFEST} ({why}): the files there are not one whole set of results — a job was stopped while replacing them, or a file was changed; run the job again",
        dir.display()
    )]
    NotWhole {
        /// The directory.
        dir: PathBuf,
        /// The file.
        name: String,
        /// What differs.
        why: Message,
    },
    /// A file the manifest does not list.
    #[error(
        "{}: {name} is not one of the results {MANIFEST} lists (left by an earlier job?)",
        dir.display()
    )]
    NotInSet {
        /// The directory.
        dir: PathBuf,
        /// The file.
        name: String,
    },
    /// A file cannot be read.
    #[error(transparent)]
    Input(#[from] InputError),
}

impl SetError {
    /// The refusal as a catalogue message: its English is this error's
    /// `Display` (what the CLI prints), and a front end words it in its
    /// language (what the JSON parser said stays as written).
    pub fn message(&self) -> Message {
        match self {
            SetError::NoManifest { dir } => Message::new("problem-results-no-manifest")
                .arg("dir", dir.display())
                .arg("manifest", MANIFEST),
            SetError::BadManifest { path, why } => Message::new("problem-results-bad-manifest")
                .arg("file", path.display())
                .with("why", why.clone()),
            SetError::NotWhole { dir, name, why } => Message::new("problem-results-not-whole")
                .arg("dir", dir.display())
                .arg("name", name)
                .arg("manifest", MANIFEST)
                .with("why", why.clone()),
            SetError::NotInSet { dir, name } => Message::new("problem-results-not-in-set")
                .arg("dir", dir.display())
                .arg("name", name)
                .arg("manifest", MANIFEST),
            SetError::Input(e) => e.message(),
        }
    }
}

/// A result set as saved: its manifest, checked file by file as files are
/// read.
#[derive(Debug, Clone)]
pub struct SavedSet {
    /// The directory.
    pub dir: PathBuf,
    /// The manifest's bytes.
    pub manifest: Vec<u8>,
    /// The manifest as JSON.
    pub json: serde_json::Value,
    /// The files it lists; `None` for a manifest written before manifests
    /// listed their files (its set cannot be checked).
    pub files: Option<Vec<FileEntry>>,
}

impl SavedSet {
    /// Reads the manifest of the set in `dir`.
    pub fn open(dir: &Path) -> Result<SavedSet, SetError> {
        let path = dir.join(MANIFEST);
        let manifest = match input::read_capped(&path, MAX_MANIFEST_BYTES, "a manifest") {
            Ok(b) => b,
            Err(e) if e.is_not_found() => {
                return Err(SetError::NoManifest {
                    dir: dir.to_path_buf(),
                });
            }
            Err(e) => return Err(e.into()),
        };
        let bad = |why: Message| SetError::BadManifest {
            path: path.clone(),
            why,
        };
        let json: serde_json::Value =
            serde_json::from_slice(&manifest).map_err(|e| bad(Message::verbatim(e.to_string())))?;
        let files = match json.get("files") {
            None => None,
            Some(list) => Some(
                serde_json::from_value::<Vec<FileEntry>>(list.clone()).map_err(|e| {
                    bad(Message::new("problem-results-manifest-files")
                        .with("message", Message::verbatim(e.to_string())))
                })?,
            ),
        };
        Ok(SavedSet {
            dir: dir.to_path_buf(),
            manifest,
            json,
            files,
        })
    }

    /// Whether the manifest lists its files (so the set can be checked).
    pub fn is_checked(&self) -> bool {
        self.files.is_some()
    }

    /// The manifest's entry for `name`.
    pub fn entry(&self, name: &str) -> Option<&FileEntry> {
        self.files.as_ref()?.iter().find(|f| f.name == name)
    }

    /// Whether the set holds `name` (for an unchecked set: whether the file exists).
    pub fn has(&self, name: &str) -> bool {
        match &self.files {
            Some(_) => self.entry(name).is_some(),
            None => self.dir.join(name).is_file(),
        }
    }

    /// Reads `name`, checked against the manifest: its size and checksum
    /// must be what the manifest lists.
    pub fn read(&self, name: &str) -> Result<Vec<u8>, SetError> {
        let path = self.dir.join(name);
        let Some(files) = &self.files else {
            return Ok(input::read_capped(
                &path,
                MAX_UNLISTED_BYTES,
                "a result file",
            )?);
        };
        let Some(entry) = files.iter().find(|f| f.name == name) else {
            return Err(SetError::NotInSet {
                dir: self.dir.clone(),
                name: name.to_string(),
            });
        };
        let not_whole = |why: Message| SetError::NotWhole {
            dir: self.dir.clone(),
            name: name.to_string(),
            why,
        };
        let bytes = match input::read_capped(&path, entry.bytes, "this result file") {
            Ok(b) => b,
            Err(InputError::TooLarge { .. }) => {
                return Err(not_whole(
                    Message::new("problem-results-why-too-large").arg("listed", entry.bytes),
                ));
            }
            Err(e) if e.is_not_found() => {
                return Err(not_whole(Message::new("problem-results-why-missing")));
            }
            Err(e) => return Err(e.into()),
        };
        if bytes.len() as u64 != entry.bytes {
            return Err(not_whole(
                Message::new("problem-results-why-size")
                    .arg("found", bytes.len())
                    .arg("listed", entry.bytes),
            ));
        }
        let mut h = Fnv::default();
        h.update(&bytes);
        if h.hex() != entry.fnv1a {
            return Err(not_whole(
                Message::new("problem-results-why-checksum")
                    .arg("found", h.hex())
                    .arg("listed", &entry.fnv1a),
            ));
        }
        Ok(bytes)
    }

    /// Checks every file the manifest lists.
    pub fn verify(&self) -> Result<(), SetError> {
        for f in self.files.iter().flatten() {
            self.read(&f.name)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_set(dir: &OutputDir, files: &[(&str, &str)]) {
        let mut set = SetWriter::new(dir);
        for (n, b) in files {
            set.add(n, b.as_bytes()).unwrap();
        }
        set.commit(
            |entries| {
                Ok::<_, OutputError>(
                    serde_json::to_vec(
                        &serde_json::json!({ "program": "resim", "files": entries }),
                    )
                    .unwrap(),
                )
            },
            || None,
        )
        .unwrap();
    }

    #[test]
    fn a_whole_set_reads_back_and_a_mixed_one_is_refused_by_name() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = OutputDir::claim(tmp.path(), false).unwrap();
        write_set(&dir, &[("a.csv", "x\n1\n"), ("b.csv", "y\n2\n")]);
        let set = SavedSet::open(tmp.path()).unwrap();
        assert!(set.is_checked());
        assert_eq!(set.read("a.csv").unwrap(), b"x\n1\n");
        set.verify().unwrap();
        assert!(matches!(
            set.read("notes.txt"),
            Err(SetError::NotInSet { .. })
        ));
        // A job stopped between two renames: a new a.csv beside the old manifest.
        std::fs::write(tmp.path().join("a.csv"), "x\n9\n").unwrap();
        let e = SavedSet::open(tmp.path()).unwrap().verify().unwrap_err();
        let m = e.to_string();
        assert!(m.contains("a.csv does not match manifest.json"), "{m}");
        assert!(m.contains("not one whole set"), "{m}");
        std::fs::remove_file(tmp.path().join("b.csv")).unwrap();
        let e = SavedSet::open(tmp.path())
            .unwrap()
            .read("b.csv")
            .unwrap_err();
        assert!(e.to_string().contains("(missing)"), "{e}");
        std::fs::write(tmp.path().join("b.csv"), "y\n2\nmore\n").unwrap();
        let e = SavedSet::open(tmp.path())
            .unwrap()
            .read("b.csv")
            .unwrap_err();
        assert!(
            e.to_string().contains("more than the 4 bytes listed"),
            "{e}"
        );
    }

    #[test]
    fn nothing_but_the_set_is_touched_and_a_stop_leaves_the_old_set() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
        let dir = OutputDir::claim(tmp.path(), true).unwrap();
        write_set(&dir, &[("a.csv", "old\n")]);
        let mut set = SetWriter::new(&dir);
        set.add("a.csv", b"new\n").unwrap();
        let e = set
            .commit(
                |_| Ok::<_, OutputError>(b"{}".to_vec()),
                || Some(OutputError::NotEmpty(PathBuf::new())),
            )
            .unwrap_err();
        assert!(matches!(e, OutputError::NotEmpty(_)));
        assert_eq!(
            SavedSet::open(tmp.path()).unwrap().read("a.csv").unwrap(),
            b"old\n"
        );
        drop(dir);
        let mut names: Vec<String> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["a.csv", "manifest.json", "notes.txt"]);
    }

    #[test]
    fn an_older_manifest_without_files_reads_unchecked_and_none_is_named() {
        let tmp = tempfile::tempdir().unwrap();
        let e = SavedSet::open(tmp.path()).unwrap_err();
        assert!(matches!(e, SetError::NoManifest { .. }), "{e}");
        std::fs::write(tmp.path().join(MANIFEST), "{\"program\":\"resim\"}").unwrap();
        std::fs::write(tmp.path().join("a.csv"), "x\n").unwrap();
        let set = SavedSet::open(tmp.path()).unwrap();
        assert!(!set.is_checked());
        assert_eq!(set.read("a.csv").unwrap(), b"x\n");
        std::fs::write(tmp.path().join(MANIFEST), "{\"files\": 3}").unwrap();
        let e = SavedSet::open(tmp.path()).unwrap_err();
        assert!(matches!(e, SetError::BadManifest { .. }), "{e}");
        // The part that does not read is named in the page's language; the
        // JSON parser's words stay as written.
        let english = format!(
            "{}: not a resim manifest (files: invalid type: integer `3`, expected a sequence)",
            tmp.path().join(MANIFEST).display()
        );
        assert_eq!(e.to_string(), english);
        crate::problem::assert_worded(&e.message(), &english);
        let zh = e.message().render(crate::i18n::Lang::ZhCn);
        assert!(
            zh.contains("files 字段：invalid type: integer `3`, expected a sequence"),
            "{zh}"
        );
    }
}

#[cfg(test)]
mod message_tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn every_result_set_refusal_reads_as_the_cli_prints_it_in_english_and_in_chinese_on_chinese_pages()
     {
        let all = [
            SetError::NoManifest {
                dir: "results/q".into(),
            },
            SetError::BadManifest {
                path: "results/q/manifest.json".into(),
                why: "EOF while parsing a value at line 1 column 0".into(),
            },
            SetError::BadManifest {
                path: "results/q/manifest.json".into(),
                why: Message::new("problem-results-manifest-files").with(
                    "message",
                    Message::verbatim("missing field `fnv1a` at line 1 column 40"),
                ),
            },
            SetError::NotWhole {
                dir: "results/q".into(),
                name: "summary.csv".into(),
                why: Message::new("problem-results-why-checksum")
                    .arg("found", 1)
                    .arg("listed", 2),
            },
            SetError::NotInSet {
                dir: "results/q".into(),
                name: "old.csv".into(),
            },
            SetError::Input(InputError::Directory {
                path: "results/q/summary.csv".into(),
            }),
        ];
        for e in all {
            let m = e.message();
            assert_eq!(m.render(Lang::En), e.to_string(), "{}", m.id);
            assert_ne!(m.render(Lang::ZhCn), e.to_string(), "{}", m.id);
        }
    }

    /// Why a result file is not whole reads word for word as before, and
    /// in Chinese on Chinese pages.
    #[test]
    fn why_a_result_file_is_not_whole_reads_as_before_and_in_chinese() {
        let all = [
            (
                Message::new("problem-results-why-too-large").arg("listed", 120),
                "more than the 120 bytes listed",
            ),
            (Message::new("problem-results-why-missing"), "missing"),
            (
                Message::new("problem-results-why-size")
                    .arg("found", 90)
                    .arg("listed", 120),
                "90 bytes, 120 listed",
            ),
            (
                Message::new("problem-results-why-checksum")
                    .arg("found", "ab12")
                    .arg("listed", "cd34"),
                "checksum ab12, cd34 listed",
            ),
        ];
        for (why, english) in all {
            assert_eq!(why.render(Lang::En), english);
            let zh = why.render(Lang::ZhCn);
            assert_ne!(zh, english, "{}", why.id);
            let e = SetError::NotWhole {
                dir: "results/q".into(),
                name: "summary.csv".into(),
                why,
            };
            assert!(e.to_string().contains(&format!("({english})")));
            assert!(e.message().render(Lang::ZhCn).contains(&zh));
        }
    }
}
