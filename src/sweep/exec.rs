//! Running a plan's points: shard selection, a crash-safe journal and
//! parallel batches of points, handed back in point order.
//!
//! The journal is a directory with `plan.json` (what is being run) and one
//! file per finished point (`point-000000042.json`), each written under a
//! temporary name, synced and renamed, so a point is either wholly saved or
//! absent — whenever the process is stopped. A resumed run loads the saved
//! points and computes only the missing ones; because every point's random
//! numbers depend only on the master seed and the replicate index, the
//! result is the same bytes as an uninterrupted run.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use super::plan::Plan;
use crate::engine::{self, RunOptions};
use crate::output::{OutputError, write_atomic};
use crate::problem::Problem;
use crate::shard::{PointSummary, Shard};
use crate::stats::Summary;

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
    /// The journal records another job.
    #[error(
        "the journal in {} belongs to another job (scenario hash {saved}, now {now}; or other replicates, seed, shard or options); resume with the same scenario and options, or start again with --force",
        dir.display()
    )]
    OtherJob {
        /// The journal directory.
        dir: PathBuf,
        /// The scenario hash the journal records.
        saved: String,
        /// The scenario hash of the job now.
        now: String,
    },
    /// `plan.json` does not read.
    #[error("{}: damaged ({source}); start again with --force", path.display())]
    DamagedPlan {
        /// The file.
        path: PathBuf,
        /// Why.
        source: serde_json::Error,
    },
    /// A point file does not read.
    #[error("{}: damaged journal entry ({source}); delete it and resume", path.display())]
    DamagedPoint {
        /// The file.
        path: PathBuf,
        /// Why.
        source: serde_json::Error,
    },
    /// A point file holds another point.
    #[error("{}: holds point {found}", path.display())]
    WrongPoint {
        /// The file.
        path: PathBuf,
        /// The point it holds.
        found: u64,
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

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> JournalError + '_ {
    move |source| JournalError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// A journal of finished points.
#[derive(Debug, Clone)]
pub struct Journal {
    dir: PathBuf,
}

const PLAN_FILE: &str = "plan.json";

impl Journal {
    /// The journal directory of a shard of a job writing into `out`.
    pub fn dir_for(out: &Path, shard: Shard) -> PathBuf {
        if shard.is_whole() {
            out.join("journal")
        } else {
            out.join("journal")
                .join(format!("shard-{}-of-{}", shard.index, shard.count))
        }
    }

    /// Whether `dir` holds a journal.
    pub fn exists(dir: &Path) -> bool {
        dir.join(PLAN_FILE).is_file()
    }

    /// Starts a journal in `dir`, or with `resume` continues the one there
    /// after checking that it records the same job (`identity`).
    pub fn open(
        dir: &Path,
        identity: &serde_json::Value,
        resume: bool,
    ) -> Result<Journal, JournalError> {
        let plan = dir.join(PLAN_FILE);
        if plan.is_file() {
            if !resume {
                return Err(JournalError::Unfinished {
                    dir: dir.to_path_buf(),
                });
            }
            let text = fs::read(&plan).map_err(io_error(&plan))?;
            let saved: serde_json::Value =
                serde_json::from_slice(&text).map_err(|source| JournalError::DamagedPlan {
                    path: plan.clone(),
                    source,
                })?;
            if &saved != identity {
                let hash =
                    |v: &serde_json::Value| v["scenario_hash"].as_str().unwrap_or("?").to_string();
                return Err(JournalError::OtherJob {
                    dir: dir.to_path_buf(),
                    saved: hash(&saved),
                    now: hash(identity),
                });
            }
        } else {
            fs::create_dir_all(dir).map_err(io_error(dir))?;
            let bytes = serde_json::to_vec_pretty(identity)?;
            write_atomic(&plan, &bytes)?;
        }
        Ok(Journal {
            dir: dir.to_path_buf(),
        })
    }

    fn point_file(&self, p: u64) -> PathBuf {
        self.dir.join(format!("point-{p:09}.json"))
    }

    /// Points saved so far.
    pub fn done(&self) -> HashSet<u64> {
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

    /// A saved point.
    pub fn load(&self, p: u64) -> Result<PointSummary, JournalError> {
        let f = self.point_file(p);
        let bytes = fs::read(&f).map_err(io_error(&f))?;
        let ps: PointSummary =
            serde_json::from_slice(&bytes).map_err(|source| JournalError::DamagedPoint {
                path: f.clone(),
                source,
            })?;
        if ps.point != p {
            return Err(JournalError::WrongPoint {
                path: f,
                found: ps.point,
            });
        }
        Ok(ps)
    }

    /// Saves a finished point atomically.
    pub fn save(&self, ps: &PointSummary) -> Result<(), JournalError> {
        let bytes = serde_json::to_vec(ps)?;
        Ok(write_atomic(&self.point_file(ps.point), &bytes)?)
    }

    /// The journal's directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Deletes the journal (after the results are safely written).
    pub fn remove(self) -> Result<(), JournalError> {
        fs::remove_dir_all(&self.dir).map_err(io_error(&self.dir))?;
        if let Some(parent) = self.dir.parent()
            && parent.file_name().is_some_and(|n| n == "journal")
        {
            let _ = fs::remove_dir(parent);
        }
        Ok(())
    }
}

/// Keeps only what the effects need (sweeps and sensitivity analyses): the
/// weekly sums and histograms are dropped, the effect accumulators kept.
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
    /// A point's scenario is invalid (the plan was not checked).
    #[error("point {point}: invalid scenario: {}", problems.iter().map(|x| format!("{} {}", x.key, x.message)).collect::<Vec<_>>().join("; "))]
    InvalidPoint {
        /// The point.
        point: u64,
        /// What is wrong with its scenario.
        problems: Vec<Problem>,
    },
}

/// How to execute a plan.
pub struct Exec<'a> {
    /// The plan.
    pub plan: &'a Plan,
    /// Which units.
    pub shard: Shard,
    /// Where finished points are saved (none: nothing is saved).
    pub journal: Option<&'a Journal>,
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
        self.journal
            .map(|j| {
                j.done()
                    .iter()
                    .filter(|&&p| p < self.plan.len())
                    .map(|&p| self.shard.replicates(p, reps).len() as u64)
                    .sum()
            })
            .unwrap_or(0)
    }

    /// Runs every point of the plan that has units in this shard, loading
    /// saved points from the journal, and calls `sink` with each point's
    /// summary in point order.
    pub fn run(&self, mut sink: impl FnMut(&PointSummary)) -> Result<(), ExecError> {
        let plan = self.plan;
        let reps = plan.replicates();
        let n = plan.len();
        let done = self.journal.map(|j| j.done()).unwrap_or_default();
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
                sink(&ps);
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
                    let summary =
                        engine::run_replicates(&sc, &opts, r, self.cancel, |_| (self.progress)())
                            .map_err(|_| ExecError::Cancelled { saved: 0 })?;
                    Ok(PointSummary {
                        point: *q,
                        replicates: r.clone(),
                        summary: if self.slim { slim(summary) } else { summary },
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
                        if stopped.is_none() {
                            sink(&ps);
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
