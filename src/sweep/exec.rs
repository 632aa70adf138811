//! Running a plan's points: shard selection, a crash-safe journal and
//! parallel batches of points, handed back in point order.
//!
//! The journal is a directory with `plan.json` (what is being run) and one
//! file per finished point (`point-000000042.json`), each written under a
//! temporary name, synced and renamed, so a point is either wholly saved or
//! absent — whenever the process is stopped. An entry is two lines: the
//! point's summary, then a trailer with the FNV-1a checksum of the first
//! line and the hash of `plan.json`'s job, so an entry that was damaged,
//! edited or copied from another job's journal is never trusted: it is
//! computed again. A resumed run loads the saved points and computes only
//! the missing ones; because every point's random numbers depend only on
//! the master seed and the replicate index, the result is the same bytes as
//! an uninterrupted run.
//!
//! The journal's directory holds only what resim writes there; discarding a
//! journal ([`Journal::discard`], `--force`) removes those files by name and
//! nothing else.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::{self, BufRead};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::plan::Plan;
use crate::engine::{self, RunOptions};
use crate::input::{self, read_line_capped};
use crate::output::{Fnv, OutputError, fnv1a, write_atomic};
use crate::problem::{Message, Problem};
use crate::shard::{PointSummary, Shard};
use crate::stats::Summary;

/// The leaves in which two job records differ, as `PATH is A in the
/// journal, B now` (the options a user changed, e.g. `job.replicates`),
/// each a catalogue message.
fn differences(
    path: &str,
    saved: &serde_json::Value,
    now: &serde_json::Value,
    out: &mut Vec<Message>,
) {
    use serde_json::Value;
    let short = |v: Option<&Value>| match v {
        None => Message::new("problem-journal-absent"),
        Some(v) => {
            let t = v.to_string();
            Message::verbatim(if t.chars().count() > 40 {
                format!("{}…", t.chars().take(40).collect::<String>())
            } else {
                t
            })
        }
    };
    let differs = |path: &str, then: Message, now: Message| {
        Message::new("problem-journal-difference")
            .arg("path", path)
            .with("then", then)
            .with("now", now)
    };
    match (saved, now) {
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                let sub = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                match (a.get(k), b.get(k)) {
                    (Some(x), Some(y)) => differences(&sub, x, y, out),
                    (x, y) => out.push(differs(&sub, short(x), short(y))),
                }
            }
        }
        (a, b) if a != b => out.push(differs(path, short(Some(a)), short(Some(b)))),
        _ => {}
    }
}

/// Why a journal cannot be opened, read, written or removed.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    /// A journal is there and `resume` was not asked for.
    #[error(
        "{} holds the journal of an unfinished run; continue it with --resume, or start again with --force",
        dir.display()
    )]
    Unfinished {
        /// The journal directory.
        dir: PathBuf,
    },
    /// The journal was written by another version of resim, whose points
    /// are not mixed with this version's.
    #[error(
        "the journal in {} was written by resim {journal}, this is resim {now}: points of two versions are not mixed in one result; finish it with resim {journal}, or start again with --force",
        dir.display()
    )]
    OtherVersion {
        /// The journal directory.
        dir: PathBuf,
        /// The version that wrote the journal.
        journal: String,
        /// This version.
        now: String,
    },
    /// The journal records another job.
    #[error(
        "the journal in {} belongs to another job: {differences}; resume with the same scenario and options, or start again with --force",
        dir.display()
    )]
    OtherJob {
        /// The journal directory.
        dir: PathBuf,
        /// What differs, e.g. `job.replicates is 4 in the journal, 2 now`.
        differences: Message,
    },
    /// `plan.json` does not read.
    #[error("{}: damaged ({why}); start again with --force", path.display())]
    DamagedPlan {
        /// The file.
        path: PathBuf,
        /// Why (the reader's words, shown as written).
        why: Message,
    },
    /// A point file does not read or fails its checksum.
    #[error("{}: damaged journal entry ({why})", path.display())]
    DamagedPoint {
        /// The file.
        path: PathBuf,
        /// Why, a catalogue message (the reader's own words shown as written).
        why: Message,
    },
    /// A file or directory of the journal cannot be read, made or removed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The error.
        source: io::Error,
    },
    /// A record cannot be encoded.
    #[error("{0}")]
    Encode(#[from] serde_json::Error),
    /// A record cannot be written.
    #[error("{0}")]
    Write(#[from] OutputError),
}

impl JournalError {
    /// The error as a catalogue message: its English is this error's
    /// `Display` (what the CLI prints), and a front end words it in its
    /// language (what differs, why a file is damaged and the system's I/O
    /// errors stay as written).
    pub fn message(&self) -> Message {
        match self {
            JournalError::Unfinished { dir } => {
                Message::new("problem-journal-unfinished").arg("dir", dir.display())
            }
            JournalError::OtherVersion { dir, journal, now } => {
                Message::new("problem-journal-other-version")
                    .arg("dir", dir.display())
                    .arg("journal", journal)
                    .arg("now", now)
            }
            JournalError::OtherJob { dir, differences } => {
                Message::new("problem-journal-other-job")
                    .arg("dir", dir.display())
                    .with("differences", differences.clone())
            }
            JournalError::DamagedPlan { path, why } => Message::new("problem-journal-damaged-plan")
                .arg("file", path.display())
                .with("why", why.clone()),
            JournalError::DamagedPoint { path, why } => {
                Message::new("problem-journal-damaged-point")
                    .arg("file", path.display())
                    .with("why", why.clone())
            }
            JournalError::Write(e) => e.message(),
            other => Message::verbatim(other.to_string()),
        }
    }
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> JournalError + '_ {
    move |source| JournalError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The trailer line of a journal entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct EntryTrailer {
    /// Always true: marks the trailer.
    end: bool,
    /// FNV-1a of `plan.json`'s record of the job.
    job: String,
    /// FNV-1a of the entry's first line, `\n` included.
    checksum: String,
}

/// A journal of finished points.
#[derive(Debug, Clone)]
pub struct Journal {
    dir: PathBuf,
    /// FNV-1a of the job's record, which every entry carries.
    job: String,
    /// Longest entry line read.
    cap: u64,
}

const PLAN_FILE: &str = "plan.json";

/// Largest `plan.json` read (it holds the scenario text, at most 1 MiB).
const MAX_PLAN_BYTES: u64 = 16 << 20;

/// Whether `name` is a file resim writes in a journal directory: the plan,
/// a point entry, or the temporary of either.
fn is_journal_file(name: &str) -> bool {
    let point = |n: &str| {
        n.strip_prefix("point-")
            .and_then(|n| n.strip_suffix(".json"))
            .is_some_and(|d| d.len() == 9 && d.bytes().all(|b| b.is_ascii_digit()))
    };
    let temporary = |n: &str| {
        // `.NAME.XXXXXX.partial`
        n.strip_prefix('.')
            .and_then(|n| n.strip_suffix(".partial"))
            .and_then(|n| n.rsplit_once('.'))
            .is_some_and(|(base, rand)| {
                rand.len() == 6
                    && rand.bytes().all(|b| b.is_ascii_alphanumeric())
                    && (base == PLAN_FILE || point(base))
            })
    };
    name == PLAN_FILE || point(name) || temporary(name)
}

impl Journal {
    /// The journal directory of a shard of a job writing into `out`,
    /// relative to `out`.
    pub fn rel_dir(shard: Shard) -> PathBuf {
        if shard.is_whole() {
            PathBuf::from("journal")
        } else {
            Path::new("journal").join(format!("shard-{}-of-{}", shard.index, shard.count))
        }
    }

    /// The journal directory of a shard of a job writing into `out`.
    pub fn dir_for(out: &Path, shard: Shard) -> PathBuf {
        out.join(Journal::rel_dir(shard))
    }

    /// Whether `dir` holds a journal.
    pub fn exists(dir: &Path) -> bool {
        dir.join(PLAN_FILE).is_file()
    }

    /// Starts a journal in the directory `dir` (which must exist), or with
    /// `resume` continues the one there after checking that it records the
    /// same job (`identity`); `cap` bounds the length of an entry's line.
    pub fn open(
        dir: &Path,
        identity: &serde_json::Value,
        resume: bool,
        cap: u64,
    ) -> Result<Journal, JournalError> {
        let plan = dir.join(PLAN_FILE);
        let record = serde_json::to_vec_pretty(identity)?;
        if plan.is_file() {
            if !resume {
                return Err(JournalError::Unfinished {
                    dir: dir.to_path_buf(),
                });
            }
            let damaged = |why: String| JournalError::DamagedPlan {
                path: plan.clone(),
                why: Message::verbatim(why),
            };
            let text = input::read_capped(&plan, MAX_PLAN_BYTES, "a journal plan")
                .map_err(|e| damaged(e.to_string()))?;
            let saved: serde_json::Value =
                serde_json::from_slice(&text).map_err(|e| damaged(e.to_string()))?;
            let version = |v: &serde_json::Value| v["job"]["version"].as_str().map(str::to_string);
            if let (Some(journal), Some(now)) = (version(&saved), version(identity))
                && journal != now
            {
                return Err(JournalError::OtherVersion {
                    dir: dir.to_path_buf(),
                    journal,
                    now,
                });
            }
            if &saved != identity {
                let mut found = Vec::new();
                differences("", &saved, identity, &mut found);
                return Err(JournalError::OtherJob {
                    dir: dir.to_path_buf(),
                    differences: if found.is_empty() {
                        Message::new("problem-journal-record-differs")
                    } else {
                        Message::joined(found, "; ")
                    },
                });
            }
        } else {
            write_atomic(&plan, &record)?;
        }
        Ok(Journal {
            dir: dir.to_path_buf(),
            job: fnv1a(&record),
            cap,
        })
    }

    fn point_file(&self, p: u64) -> PathBuf {
        self.dir.join(format!("point-{p:09}.json"))
    }

    /// Points with an entry (whole or not).
    fn entries(&self) -> HashSet<u64> {
        let mut out = HashSet::new();
        if let Ok(entries) = fs::read_dir(&self.dir) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if let Some(n) = name
                    .strip_prefix("point-")
                    .and_then(|n| n.strip_suffix(".json"))
                    .and_then(|n| n.parse().ok())
                {
                    out.insert(n);
                }
            }
        }
        out
    }

    /// Points saved whole so far. An entry that is damaged, edited or of
    /// another job is left out (its point is computed again, replacing
    /// it), and `note` is told why.
    pub fn done(&self, note: &dyn Fn(&Message)) -> HashSet<u64> {
        let mut out = HashSet::new();
        let mut entries: Vec<u64> = self.entries().into_iter().collect();
        entries.sort_unstable();
        for p in entries {
            match self.read(p) {
                Ok(_) => {
                    out.insert(p);
                }
                Err(e) => note(
                    &Message::new("note-point-again")
                        .with("why", e.message())
                        .arg("point", p),
                ),
            }
        }
        out
    }

    /// Reads entry `p` and checks it: its summary line's bytes.
    fn read(&self, p: u64) -> Result<Vec<u8>, JournalError> {
        let f = self.point_file(p);
        let damaged = |why: Message| JournalError::DamagedPoint {
            path: f.clone(),
            why,
        };
        let file = fs::File::open(&f).map_err(io_error(&f))?;
        let mut r = io::BufReader::new(file);
        let mut line = Vec::new();
        read_line_capped(&mut r, &mut line, self.cap)
            .map_err(|e| damaged(Message::verbatim(e.to_string())))?;
        let mut trailer = Vec::new();
        read_line_capped(&mut r, &mut trailer, 4096)
            .map_err(|e| damaged(Message::verbatim(e.to_string())))?;
        if !r.fill_buf().map_err(io_error(&f))?.is_empty() {
            return Err(damaged(Message::new("problem-journal-after-trailer")));
        }
        let t: EntryTrailer = serde_json::from_slice(&trailer)
            .map_err(|_| damaged(Message::new("problem-journal-no-checksum")))?;
        if t.job != self.job {
            return Err(damaged(Message::new("problem-journal-entry-other-job")));
        }
        if !t.end || t.checksum != fnv1a(&line) {
            return Err(damaged(Message::new("problem-journal-checksum")));
        }
        Ok(line)
    }

    /// A saved point, checked again as it is read.
    pub fn load(&self, p: u64) -> Result<PointSummary, JournalError> {
        let line = self.read(p)?;
        let ps: PointSummary =
            serde_json::from_slice(&line).map_err(|e| JournalError::DamagedPoint {
                path: self.point_file(p),
                why: Message::verbatim(e.to_string()),
            })?;
        if ps.point != p {
            return Err(JournalError::DamagedPoint {
                path: self.point_file(p),
                why: Message::new("problem-journal-holds-point").arg("point", ps.point),
            });
        }
        Ok(ps)
    }

    /// Saves a finished point atomically, with its checksum.
    pub fn save(&self, ps: &PointSummary) -> Result<(), JournalError> {
        let mut bytes = serde_json::to_vec(ps)?;
        bytes.push(b'\n');
        let mut h = Fnv::default();
        h.update(&bytes);
        let trailer = EntryTrailer {
            end: true,
            job: self.job.clone(),
            checksum: h.hex(),
        };
        bytes.extend(serde_json::to_vec(&trailer)?);
        bytes.push(b'\n');
        Ok(write_atomic(&self.point_file(ps.point), &bytes)?)
    }

    /// The journal's directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Removes the files resim writes in a journal directory — the plan,
    /// the entries and their temporaries, by name — and the directory if
    /// nothing else is left in it. Any other file stays.
    pub fn discard(dir: &Path) -> Result<(), JournalError> {
        let entries = match fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => {
                return Err(JournalError::Io {
                    path: dir.to_path_buf(),
                    source: e,
                });
            }
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let is_file = e.file_type().is_ok_and(|t| t.is_file());
            if is_file && is_journal_file(&name) {
                let path = e.path();
                fs::remove_file(&path).map_err(io_error(&path))?;
            }
        }
        let _ = fs::remove_dir(dir);
        Ok(())
    }

    /// Deletes the journal (after the results are safely written): its
    /// files by name, then its directory and the `journal` directory above
    /// it if they are empty.
    pub fn remove(self) -> Result<(), JournalError> {
        Journal::discard(&self.dir)?;
        if let Some(parent) = self.dir.parent()
            && parent.file_name().is_some_and(|n| n == "journal")
        {
            let _ = fs::remove_dir(parent);
        }
        Ok(())
    }
}

/// Keeps only what the effects need (sweeps and sensitivity analyses): the
/// weekly sums and histograms are dropped, the effect accumulators and the
/// per-replicate draws (whose effects give `sweep.csv` the same
/// uncertainty interval as `effects.csv`) kept.
pub fn slim(mut s: Summary) -> Summary {
    for st in &mut s.strategies {
        st.sum = Vec::new();
        st.hist = Vec::new();
    }
    s
}

/// Why execution stopped early.
#[derive(Debug, thiserror::Error)]
pub enum ExecError {
    /// Stopped by a signal (or the test switch); `saved` points are in the journal.
    #[error("stopped; {saved} points are saved")]
    Cancelled {
        /// Points saved in the journal.
        saved: u64,
    },
    /// The journal cannot be read or written.
    #[error(transparent)]
    Journal(#[from] JournalError),
    /// A saved point holds other replicates than the shard runs.
    #[error(
        "journal point {point} holds other replicates than this shard runs; start again with --force"
    )]
    OtherReplicates {
        /// The point.
        point: u64,
    },
    /// The results of a point could not be written.
    #[error(transparent)]
    Write(#[from] OutputError),
    /// A point's scenario is invalid (the plan was not checked).
    #[error("point {point}: invalid scenario: {}", problems.iter().map(|x| format!("{} {}", x.key, x.message)).collect::<Vec<_>>().join("; "))]
    InvalidPoint {
        /// The point.
        point: u64,
        /// What is wrong with its scenario.
        problems: Vec<Problem>,
    },
}

impl ExecError {
    /// The error as a catalogue message: its English is this error's
    /// `Display`; a front end words it in its language.
    pub fn message(&self) -> Message {
        match self {
            ExecError::Cancelled { saved } => {
                Message::new("problem-internal-exec-stopped").arg("saved", saved)
            }
            ExecError::Journal(e) => e.message(),
            ExecError::OtherReplicates { point } => {
                Message::new("problem-internal-other-replicates").arg("point", point)
            }
            ExecError::Write(e) => e.message(),
            ExecError::InvalidPoint { point, problems } => {
                Message::new("problem-internal-invalid-point")
                    .arg("point", point)
                    .with(
                        "problems",
                        Message::joined(
                            problems.iter().map(|x| {
                                Message::new("problem-internal-point-problem")
                                    .arg("key", &x.key)
                                    .with("message", x.message.clone())
                            }),
                            "; ",
                        ),
                    )
            }
        }
    }
}

/// How to execute a plan.
pub struct Exec<'a> {
    /// The plan.
    pub plan: &'a Plan,
    /// Which units.
    pub shard: Shard,
    /// Where finished points are saved (none: nothing is saved).
    pub journal: Option<&'a Journal>,
    /// The points saved whole in the journal ([`Journal::done`]), loaded
    /// instead of computed.
    pub done: HashSet<u64>,
    /// Keep only the effects of each point.
    pub slim: bool,
    /// Polled between chunks of replicates.
    pub cancel: &'a AtomicBool,
    /// Test switch: stop as if interrupted after computing this many points.
    pub stop_after: Option<u64>,
    /// Worker threads (to size batches of points).
    pub threads: usize,
    /// Called once per finished replicate.
    pub progress: &'a (dyn Fn() + Sync),
}

impl Exec<'_> {
    /// Units already done (saved in the journal).
    pub fn done_units(&self) -> u64 {
        let reps = self.plan.replicates();
        self.done
            .iter()
            .filter(|&&p| p < self.plan.len())
            .map(|&p| self.shard.replicates(p, reps).len() as u64)
            .sum()
    }

    /// Runs every point of the plan that has units in this shard, loading
    /// saved points from the journal, and calls `sink` with each point's
    /// summary in point order; an error of `sink` stops the run.
    pub fn run(
        &self,
        mut sink: impl FnMut(&PointSummary) -> Result<(), ExecError>,
    ) -> Result<(), ExecError> {
        let plan = self.plan;
        let reps = plan.replicates();
        let n = plan.len();
        let done = &self.done;
        let mut saved = done.iter().filter(|&&p| p < n).count() as u64;
        let per_point = reps.div_ceil(self.shard.count).max(1) as usize;
        let batch_size = (2 * self.threads).div_ceil(per_point).clamp(1, 64);
        let mut computed = 0u64;
        let mut p = 0u64;
        while p < n {
            let mine = self.shard.replicates(p, reps);
            if mine.is_empty() {
                p += 1;
                continue;
            }
            if done.contains(&p) {
                let j = self.journal.expect("done points come from a journal");
                let ps = j.load(p)?;
                if ps.replicates != mine {
                    return Err(ExecError::OtherReplicates { point: p });
                }
                sink(&ps)?;
                p += 1;
                continue;
            }
            if self.cancel.load(Ordering::Relaxed) {
                return Err(ExecError::Cancelled { saved });
            }
            let mut limit = batch_size as u64;
            if let Some(k) = self.stop_after {
                if computed >= k {
                    return Err(ExecError::Cancelled { saved });
                }
                limit = limit.min(k - computed);
            }
            // A batch: consecutive points still to compute.
            let mut batch: Vec<(u64, Vec<u32>)> = Vec::new();
            let mut q = p;
            while q < n && (batch.len() as u64) < limit && !done.contains(&q) {
                let r = self.shard.replicates(q, reps);
                if !r.is_empty() {
                    batch.push((q, r));
                }
                q += 1;
            }
            let results: Vec<Result<PointSummary, ExecError>> = batch
                .par_iter()
                .map(|(q, r)| {
                    let sc = plan
                        .scenario(*q)
                        .map_err(|problems| ExecError::InvalidPoint {
                            point: *q,
                            problems,
                        })?;
                    let opts = RunOptions {
                        replicates: reps,
                        seed: sc.run.seed,
                        snapshots: false,
                    };
                    // A run keeps the burn-in traces the engine hands on for
                    // the steady-state check, which `resim merge` makes.
                    let mut burn_ins = BTreeMap::new();
                    let summary = engine::run_replicates(&sc, &opts, r, self.cancel, |done| {
                        if !self.slim
                            && let Some(trace) = done.burn_in
                        {
                            burn_ins.insert(done.replicate, trace.clone());
                        }
                        (self.progress)()
                    })
                    .map_err(|_| ExecError::Cancelled { saved: 0 })?;
                    Ok(PointSummary {
                        point: *q,
                        replicates: r.clone(),
                        summary: if self.slim { slim(summary) } else { summary },
                        burn_ins,
                    })
                })
                .collect();
            let mut stopped = None;
            for res in results {
                match res {
                    Ok(ps) => {
                        if let Some(j) = self.journal {
                            j.save(&ps)?;
                            saved += 1;
                        }
                        if stopped.is_none()
                            && let Err(e) = sink(&ps)
                        {
                            stopped = Some(e);
                        }
                    }
                    Err(e) => {
                        stopped.get_or_insert(e);
                    }
                }
            }
            match stopped {
                Some(ExecError::Cancelled { .. }) => return Err(ExecError::Cancelled { saved }),
                Some(e) => return Err(e),
                None => {}
            }
            computed += batch.len() as u64;
            p = q;
        }
        Ok(())
    }
}

#[cfg(test)]
mod exec_error_tests {
    use super::*;

    /// Why a plan's execution stopped reads as the CLI prints it, and in
    /// Chinese on Chinese pages.
    #[test]
    fn execution_errors_read_as_the_cli_prints_them_and_in_chinese() {
        let all = [
            ExecError::Cancelled { saved: 3 },
            ExecError::OtherReplicates { point: 7 },
            ExecError::InvalidPoint {
                point: 2,
                problems: vec![
                    Problem::new("family.warmth", "must be at most 1", ""),
                    Problem::new("school.size", "must be whole", ""),
                ],
            },
        ];
        for e in all {
            let m = e.message();
            crate::problem::assert_worded(&m, &e.to_string());
        }
    }
}

#[cfg(test)]
mod message_tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn every_journal_refusal_reads_as_the_cli_prints_it_in_english_and_in_chinese_on_chinese_pages()
    {
        let dir = || PathBuf::from("results/.journal");
        let all = [
            JournalError::Unfinished { dir: dir() },
            JournalError::OtherVersion {
                dir: dir(),
                journal: "0.3.0".into(),
                now: "0.5.0".into(),
            },
            JournalError::OtherJob {
                dir: dir(),
                differences: "job.replicates is 4 in the journal, 2 now".into(),
            },
            JournalError::DamagedPlan {
                path: dir().join("plan.json"),
                why: "EOF".into(),
            },
            JournalError::DamagedPoint {
                path: dir().join("point-000000001.json"),
                why: "checksum".into(),
            },
        ];
        // What differs and why an entry is damaged are worded too.
        let mut found = Vec::new();
        differences(
            "",
            &serde_json::json!({"job": {"replicates": 4, "seed": 1}}),
            &serde_json::json!({"job": {"replicates": 2}}),
            &mut found,
        );
        let differs = Message::joined(found, "; ");
        assert_eq!(
            differs.render(Lang::En),
            "job.replicates is 4 in the journal, 2 now; job.seed is 1 in the journal, absent now"
        );
        assert_ne!(differs.render(Lang::ZhCn), differs.render(Lang::En));
        for why in [
            Message::new("problem-journal-after-trailer"),
            Message::new("problem-journal-no-checksum"),
            Message::new("problem-journal-entry-other-job"),
            Message::new("problem-journal-checksum"),
            Message::new("problem-journal-holds-point").arg("point", 3),
            Message::new("problem-journal-record-differs"),
        ] {
            assert_ne!(why.render(Lang::ZhCn), why.render(Lang::En), "{}", why.id);
        }
        let all = all.into_iter().chain([
            JournalError::OtherJob {
                dir: dir(),
                differences: differs,
            },
            JournalError::DamagedPoint {
                path: dir().join("point-000000001.json"),
                why: Message::new("problem-journal-checksum"),
            },
        ]);
        for e in all {
            let m = e.message();
            crate::problem::assert_worded(&m, &e.to_string());
        }
    }
}
