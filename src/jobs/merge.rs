//! `merge`: the shard files of a run, sweep or sensitivity analysis
//! combined into the results one machine would have written, bit for bit;
//! an optimise search's shards hold its screening round, which the merge
//! assembles before it finishes the search (simulating the rest).
//!
//! Merging into a directory claims it like any job: it is locked, and
//! results already there are replaced only when they are the same job's
//! (an earlier merge) or with `force`. A shard still being written (its
//! lock held) stops the merge.

use crate::problem::Message;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::guard;
use crate::output::{LOCK_FILE, Lock, OutputDir, OutputFormat, SavedSet};
use crate::sensitivity::Options;
use crate::shard::{Job, Kind, ShardError, ShardSet};
use crate::stats::Summary;
use crate::sweep::SweepFiles;

use super::optimise::{Checkpoint, OptimiseResult, STATE_FILE, merge_shards, remove_checkpoint};
use super::points::{same_job, scenario_of};
use super::run::{RUN_FILES, RunFiles, RunResult};
use super::sensitivity::{SensitivityResult, collect, collector, sensitivity_plan};
use super::setup::{pool, thread_count};
use super::sweep::{Streamed, SweepResult, sweep_plan};
use super::{Cancel, JobError, Progress};

/// The merged results, by the kind of job the shards ran.
#[derive(Debug)]
pub enum Merged {
    /// `run --shard`.
    Run(Box<RunResult>),
    /// `sweep --shard`.
    Sweep(SweepResult),
    /// `sensitivity --shard`.
    Sensitivity(SensitivityResult),
    /// `optimise --shard`: the search finished from the shards' screening round.
    Optimise(Box<OptimiseResult>),
}

/// Where merged results go: a directory, and whether results of another
/// job there may be replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeOut {
    /// The directory (the shards' own directory by default).
    pub dir: PathBuf,
    /// Replace the results of another job there (`--force`).
    pub force: bool,
    /// The format of the big tables (trajectories, sweep): CSV, Parquet or both.
    pub format: OutputFormat,
}

/// Shards merged.
#[derive(Debug)]
pub struct MergeResult {
    /// The results.
    pub merged: Merged,
    /// Shard files merged.
    pub shards: u32,
    /// The directory they were in (`DIR/shards`).
    pub from: PathBuf,
    /// Where the results go, when merged into a directory.
    pub out: Option<PathBuf>,
    run_files: Option<RunFiles>,
    claimed: Option<OutputDir>,
}

impl MergeResult {
    /// Writes the merged results into the directory they were merged for
    /// (the manifest last), releasing its lock.
    pub fn write(&mut self) -> Result<(), JobError> {
        let Some(out) = self.out.clone() else {
            return Err(JobError::Input(Message::new("problem-merge-in-memory")));
        };
        match &mut self.merged {
            Merged::Run(result) => match self.run_files.take() {
                Some(files) => files.commit(result, &[], None),
                None => Err(JobError::Internal(Message::new(
                    "problem-internal-merged-run-written",
                ))),
            },
            Merged::Sweep(r) => r.write(&out, false),
            Merged::Sensitivity(r) => r.write(&out, false),
            Merged::Optimise(r) => {
                let dir = self.claimed.take().ok_or_else(|| {
                    JobError::Internal(Message::new("problem-internal-merged-search-written"))
                })?;
                r.write(&dir)?;
                remove_checkpoint(&dir)
            }
        }
    }
}

/// A shard problem as bad input; missing shards are named with their directory.
fn shard_error(dir: &Path, e: ShardError) -> JobError {
    match e {
        ShardError::Missing { .. } => JobError::Input(
            Message::new("problem-in-context")
                .arg("context", dir.display())
                .with("message", e.message()),
        ),
        other => other.into(),
    }
}

/// Refuses to merge while a shard of `dir` is being written (its lock is
/// held by a running process).
fn check_no_shard_running(dir: &Path) -> Result<(), JobError> {
    let Ok(entries) = std::fs::read_dir(dir.join("shards")) else {
        return Ok(());
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if let Some(file) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".lock"))
            && let Some(h) = Lock::holder(&e.path())
        {
            return Err(JobError::Input(
                Message::new("problem-merge-still-written")
                    .arg(
                        "file",
                        dir.join("shards").join(format!("{file}.json")).display(),
                    )
                    .arg("pid", h.pid)
                    .arg("host", &h.host),
            ));
        }
    }
    Ok(())
}

/// The files a merged job writes.
fn set_names(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Run => RUN_FILES,
        Kind::Sweep => &["sweep.csv", "sweep.parquet", "manifest.json"],
        Kind::Sensitivity => &["sensitivity.csv", "sensitivity_points.csv", "manifest.json"],
        Kind::Optimise => &[
            "portfolios.csv",
            "frontier.csv",
            "frontier.svg",
            "best.toml",
            "manifest.json",
        ],
    }
}

/// Claims `out` for the merged results of `job`: locked, and holding
/// nothing but resim's working folders (`shards`, `journal`) or results of
/// the same job (an earlier merge), unless `force`.
fn claim_out(out: &MergeOut, job: &Job) -> Result<OutputDir, JobError> {
    let dir = OutputDir::claim_existing(&out.dir)?;
    if out.force {
        return Ok(dir);
    }
    let same = SavedSet::open(&out.dir).is_ok_and(|set| same_job(&set.json, job));
    if same {
        return Ok(dir);
    }
    let mut other: Vec<String> = std::fs::read_dir(&out.dir)
        .map_err(|e| {
            JobError::Internal(
                Message::new("problem-in-context")
                    .arg("context", out.dir.display())
                    .arg("message", e),
            )
        })?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !matches!(n.as_str(), "shards" | "journal" | LOCK_FILE))
        // An interrupted merge of a search's shards: continued.
        .filter(|n| !(job.kind == Kind::Optimise && n == STATE_FILE))
        .collect();
    if other.is_empty() {
        return Ok(dir);
    }
    other.sort();
    let ours: Vec<&String> = other
        .iter()
        .filter(|n| set_names(job.kind).contains(&n.as_str()))
        .collect();
    let what = if ours.is_empty() {
        Message::new("problem-merge-other-files").arg("names", other.join(", "))
    } else {
        Message::new("problem-merge-other-results").arg(
            "names",
            ours.iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        )
    };
    Err(JobError::Input(
        Message::new("problem-merge-out-holds")
            .arg("dir", out.dir.display())
            .with("what", what),
    ))
}

/// Reads the shard files in `dir/shards`, checks that they are one
/// complete job written by this version and that none is still being
/// written, and merges them point by point. With `out`, the directory is
/// claimed first (see [`MergeOut`]) and a sweep's rows are streamed into
/// it; [`MergeResult::write`] then commits the results. Without, the
/// results are kept in memory.
///
/// The shards of an optimise search hold its screening round: the merge
/// finishes the search on `threads` (the rounds, the full runs, the
/// settings search), reporting on `progress`; with `out` it saves the
/// search's state there after every stage, and a merge stopped by
/// `cancel` continues when merged again.
pub fn merge(
    dir: &Path,
    out: Option<&MergeOut>,
    threads: Option<usize>,
    progress: &dyn Progress,
    cancel: &Cancel,
) -> Result<MergeResult, JobError> {
    let format = match out {
        Some(o) => o.format.check().map_err(JobError::input)?,
        None => OutputFormat::Csv,
    };
    check_no_shard_running(dir)?;
    let set = ShardSet::open(dir).map_err(|e| shard_error(dir, e))?;
    let job = set.job.clone();
    if job.version != env!("CARGO_PKG_VERSION") {
        return Err(JobError::Input(
            Message::new("problem-merge-version")
                .arg("version", &job.version)
                .arg("this", env!("CARGO_PKG_VERSION")),
        ));
    }
    let claimed = out.map(|o| claim_out(o, &job)).transpose()?;
    let shards = set.files.len() as u32;
    let file = scenario_of(&job)?;
    let sc = file.scenario;
    let path = Path::new(&job.scenario_file);
    let mut run_files = None;
    let mut optimise_dir = None;
    let merged = match job.kind {
        Kind::Run => {
            let mut whole: Option<Summary> = None;
            let mut burn_ins = BTreeMap::new();
            let (wall, shard_threads) = set.merge(|_, s, traces| {
                whole = Some(s.clone());
                burn_ins = traces;
                Ok::<(), JobError>(())
            })?;
            let summary =
                whole.ok_or_else(|| JobError::Input(Message::new("problem-merge-no-point")))?;
            run_files = claimed.map(|d| RunFiles::claimed(d, format));
            // The result's tables are built on the merge's threads
            // (`--threads`, else every core), not on rayon's global pool,
            // and the steady-state check made from the shards' burn-ins as
            // a run on one machine makes it from its own.
            let pool = pool(thread_count(threads)?)?;
            let mut result = pool.install(|| {
                RunResult::new(
                    &sc,
                    &job.scenario_file,
                    &job.scenario_hash,
                    summary,
                    shard_threads,
                    wall,
                    guard::estimate_memory(&sc, shard_threads, false),
                )
            });
            pool.install(|| result.check_steady_state(burn_ins, progress, cancel))?;
            Merged::Run(Box::new(result))
        }
        Kind::Sweep => {
            let plan = sweep_plan(sc, path)?;
            let mut rows = Vec::new();
            let mut csv = claimed
                .as_ref()
                .map(|d| SweepFiles::create(d, &plan.parameters, format))
                .transpose()?;
            let (wall, shard_threads) = set.merge(|p, s, _| {
                match csv.as_mut() {
                    Some(csv) => csv.point(&plan, p, s)?,
                    None => SweepResult::add(&mut rows, &plan, p, s),
                }
                Ok::<(), JobError>(())
            })?;
            Merged::Sweep(SweepResult {
                job: job.clone(),
                plan,
                rows,
                shards,
                threads: shard_threads,
                wall_seconds: wall,
                format,
                journal: None,
                streamed: match claimed {
                    Some(dir) => Some(Streamed {
                        dir,
                        files: match csv {
                            Some(t) => t.into_files()?,
                            None => Vec::new(),
                        },
                    }),
                    None => None,
                },
            })
        }
        Kind::Optimise if format != OutputFormat::Csv => {
            return Err(JobError::Input(
                Message::new("problem-merge-format-optimise").arg("format", format),
            ));
        }
        Kind::Optimise => {
            let result = match &claimed {
                Some(d) => {
                    let checkpoint = Checkpoint {
                        dir: d,
                        resume: !out.is_some_and(|o| o.force) && d.file(STATE_FILE).is_file(),
                    };
                    if checkpoint.resume {
                        progress.note(
                            &Message::new("note-merge-continuing")
                                .arg("file", d.file(STATE_FILE).display()),
                        );
                    }
                    merge_shards(&set, Some(&checkpoint), threads, progress, cancel).map_err(
                        |e| match e {
                            JobError::Interrupted { .. } if d.file(STATE_FILE).is_file() => {
                                JobError::resumable(
                                    Message::new("problem-stopped-merge-saved")
                                        .arg("file", d.file(STATE_FILE).display()),
                                )
                            }
                            e => e,
                        },
                    )?
                }
                None => merge_shards(&set, None, threads, progress, cancel)?,
            };
            optimise_dir = claimed;
            Merged::Optimise(Box::new(result))
        }
        Kind::Sensitivity if format != OutputFormat::Csv => {
            return Err(JobError::Input(
                Message::new("problem-merge-format-sensitivity").arg("format", format),
            ));
        }
        Kind::Sensitivity => {
            let opts: Options =
                serde_json::from_value(job.options.clone()).map_err(JobError::shard_options)?;
            let plan = sensitivity_plan(sc, &opts, path)?;
            let mut y = collector(&opts, plan.len());
            let (wall, shard_threads) = set.merge(|p, s, _| {
                collect(&mut y, &opts, p, s);
                Ok::<(), JobError>(())
            })?;
            Merged::Sensitivity(SensitivityResult::new(
                opts,
                job.clone(),
                plan,
                y,
                shards,
                shard_threads,
                wall,
                None,
                claimed.map(|dir| Streamed {
                    dir,
                    files: Vec::new(),
                }),
            ))
        }
    };
    Ok(MergeResult {
        merged,
        shards,
        from: dir.join("shards"),
        out: out.map(|o| o.dir.clone()),
        run_files,
        claimed: optimise_dir,
    })
}
