//! What every job of many points shares — sweeps, sensitivity analyses and
//! sharded runs: a plan run point by point with a crash-safe journal, on
//! one machine (`run_whole`, through [`super::sweep()`] and
//! [`super::sensitivity()`]) or as one shard of many ([`shard()`]), and the
//! manifest of sweeps and sensitivity analyses.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::output::{OutputDir, write_atomic};
use crate::shard::{Job, Kind, PointSummary, Shard, ShardHeader, ShardWriter, read_header};
use crate::sweep::{Exec, ExecError, JobManifest, Journal, Plan};

use super::progress::Counter;
use super::setup::pool;
use super::{Cancel, JobError, Progress, ScenarioFile};

/// Where a job of many points keeps its journal and its results: a
/// directory, and what to do with what is already in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workspace {
    /// The output directory (the journal goes in `DIR/journal`, shard files
    /// in `DIR/shards`).
    pub dir: PathBuf,
    /// Continue an interrupted job from its journal, computing only what is
    /// missing; keep a finished shard file of the same job.
    pub resume: bool,
    /// Start again: replace the outputs and discard any journal.
    pub force: bool,
}

/// A plan ready to run: what defines its results (the job record, which
/// shard files and journals carry), the points, and how to run them.
#[derive(Debug, Clone)]
pub struct PointJob {
    /// The job record.
    pub job: Job,
    /// The points.
    pub plan: Plan,
    /// Worker threads.
    pub threads: usize,
    /// Keep only the effects of each point (sweeps and sensitivity analyses).
    pub slim: bool,
    /// Test hook: stop as if cancelled after computing this many points.
    pub stop_after: Option<u64>,
}

impl PointJob {
    /// A job of `kind` over `plan`, from `scenario`.
    pub(crate) fn new(
        kind: Kind,
        scenario: &ScenarioFile,
        plan: Plan,
        options: serde_json::Value,
        threads: usize,
        stop_after: Option<u64>,
    ) -> PointJob {
        PointJob {
            job: Job {
                version: env!("CARGO_PKG_VERSION").into(),
                kind,
                scenario_file: scenario.file.clone(),
                scenario_hash: scenario.hash(),
                scenario_text: scenario.text.clone(),
                replicates: plan.base.run.replicates,
                seed: plan.base.run.seed,
                points: plan.len(),
                options,
            },
            slim: kind != Kind::Run,
            plan,
            threads,
            stop_after,
        }
    }
}

/// What a job did.
#[derive(Debug)]
pub enum Outcome<T> {
    /// It ran (or finished an interrupted run): its result.
    Done(T),
    /// Nothing to do: its results (this file) are already complete.
    AlreadyComplete(PathBuf),
}

/// The journal's record of which job it belongs to.
fn identity(job: &Job, shard: Shard) -> serde_json::Value {
    let job = Job {
        scenario_file: String::new(),
        ..job.clone()
    };
    serde_json::json!({
        "format": "resim-journal/1",
        "job": job,
        "shard": shard,
        "scenario_hash": job.scenario_hash,
    })
}

fn open_journal(
    dir: &Path,
    work: &PointJob,
    shard: Shard,
    resume: bool,
) -> Result<Journal, JobError> {
    Journal::open(dir, &identity(&work.job, shard), resume)
        .map_err(|e| JobError::Input(e.to_string()))
}

fn remove_dir(dir: &Path) -> Result<(), JobError> {
    std::fs::remove_dir_all(dir).map_err(|e| JobError::Internal(format!("{}: {e}", dir.display())))
}

/// Removes a journal once the results it led to are safe.
pub(crate) fn remove_journal(journal: Option<&Journal>) -> Result<(), JobError> {
    match journal {
        Some(j) => j
            .clone()
            .remove()
            .map_err(|e| JobError::Internal(e.to_string())),
        None => Ok(()),
    }
}

/// Runs the plan's points of `shard`, saving each in `journal`, and hands
/// each point's summary to `sink` in point order. Returns the wall-clock
/// seconds.
fn execute(
    work: &PointJob,
    shard: Shard,
    journal: Option<&Journal>,
    progress: &dyn Progress,
    cancel: &Cancel,
    sink: impl FnMut(&PointSummary) + Send,
) -> Result<f64, JobError> {
    let plan = &work.plan;
    let pool = pool(work.threads)?;
    let mut exec = Exec {
        plan,
        shard,
        journal,
        slim: work.slim,
        cancel: cancel.flag(),
        stop_after: work.stop_after,
        threads: work.threads,
        progress: &|| {},
    };
    let units = shard.units(plan.len(), plan.replicates());
    let counter = Counter::begin(progress, "replicates", units, exec.done_units());
    let tick = || counter.tick();
    exec.progress = &tick;
    let started = Instant::now();
    let result = pool.install(|| exec.run(sink));
    let wall = started.elapsed().as_secs_f64();
    drop(counter);
    match result {
        Ok(()) => Ok(wall),
        Err(ExecError::Cancelled { saved }) => Err(match journal {
            Some(j) => JobError::resumable(format!(
                "stopped cleanly; {saved} of {} points are saved in {}; continue with --resume",
                plan.len(),
                j.dir().display()
            )),
            None => JobError::Interrupted {
                message: "stopped cleanly, no result files were written".into(),
                resumable: false,
            },
        }),
        Err(e) => Err(JobError::Internal(e.to_string())),
    }
}

/// One shard's share of a job, run: its points' summaries, to be written
/// by [`ShardResult::write`] as `DIR/shards/shard-I-of-N.json`.
#[derive(Debug, Clone)]
pub struct ShardResult {
    /// The shard file's header: the job and which shard.
    pub header: ShardHeader,
    /// The summary of every point the shard has units of, in point order.
    pub points: Vec<PointSummary>,
    /// Units (point × replicate) this shard ran.
    pub units: u64,
    /// Points in the whole job.
    pub plan_points: u64,
    /// Replicates per point.
    pub replicates: u32,
    /// Worker threads.
    pub threads: usize,
    /// Wall-clock seconds of the simulation.
    pub wall_seconds: f64,
    dir: PathBuf,
    journal: Option<Journal>,
}

impl ShardResult {
    /// Writes the shard file (under a temporary name, renamed when
    /// complete), removes the shard's journal and returns the file's path.
    pub fn write(&self) -> Result<PathBuf, JobError> {
        let mut writer = ShardWriter::create(&self.dir, &self.header)?;
        for p in &self.points {
            writer.point(p)?;
        }
        let path = writer.commit(self.threads, self.wall_seconds)?;
        remove_journal(self.journal.as_ref())?;
        Ok(path)
    }
}

/// Runs shard `shard` of a job into the workspace. A complete shard file
/// of the same job is kept with `resume` (a note says so) and refused
/// without; a file of another job needs `force`.
pub fn shard(
    work: &PointJob,
    ws: &Workspace,
    shard: Shard,
    progress: &dyn Progress,
    cancel: &Cancel,
) -> Result<Outcome<ShardResult>, JobError> {
    let out = &ws.dir;
    let target = out.join("shards").join(shard.file_name());
    if target.exists() && !ws.force {
        let same = read_header(&target).map(|h| h.job.same_work(&work.job) && h.shard == shard);
        return match same {
            Ok(true) if ws.resume => {
                progress.note(&format!(
                    "shard {shard}: already complete in {}; nothing to do",
                    target.display()
                ));
                Ok(Outcome::AlreadyComplete(target))
            }
            Ok(true) => Err(JobError::Input(format!(
                "{} exists: this shard is already complete; pass --resume to keep it or --force to run it again",
                target.display()
            ))),
            _ => Err(JobError::Input(format!(
                "{} exists and belongs to another job; pass --force to replace it, or use another --out",
                target.display()
            ))),
        };
    }
    if out.exists() && !out.is_dir() {
        return Err(JobError::Input(format!(
            "output path {} exists and is not a directory",
            out.display()
        )));
    }
    let journal_dir = (work.job.kind != Kind::Run).then(|| Journal::dir_for(out, shard));
    if ws.force
        && let Some(d) = &journal_dir
        && d.exists()
    {
        remove_dir(d)?;
    }
    let journal = journal_dir
        .map(|d| open_journal(&d, work, shard, ws.resume))
        .transpose()?;
    let mut points = Vec::new();
    let wall = execute(work, shard, journal.as_ref(), progress, cancel, |ps| {
        points.push(ps.clone())
    })?;
    Ok(Outcome::Done(ShardResult {
        header: ShardHeader {
            format: crate::shard::FORMAT.into(),
            program: "resim".into(),
            job: work.job.clone(),
            shard,
        },
        points,
        units: shard.units(work.plan.len(), work.plan.replicates()),
        plan_points: work.plan.len(),
        replicates: work.plan.replicates(),
        threads: work.threads,
        wall_seconds: wall,
        dir: out.clone(),
        journal,
    }))
}

/// Whether `out` already holds the finished results of `job` (for `resume`).
fn already_complete(out: &Path, job: &Job, main_file: &str) -> bool {
    let Ok(bytes) = std::fs::read(out.join("manifest.json")) else {
        return false;
    };
    let Ok(m) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return false;
    };
    out.join(main_file).is_file()
        && m["scenario_hash"] == job.scenario_hash.as_str()
        && m["replicates"] == job.replicates
        && m["points"] == job.points
        && m["options"] == job.options
}

/// A whole job run on this machine: the journal to remove once its results
/// are written, and the wall-clock seconds.
#[derive(Debug)]
pub(crate) struct Ran {
    pub(crate) journal: Option<Journal>,
    pub(crate) wall: f64,
}

/// Runs a whole job on this machine and hands each point's summary to
/// `sink` in point order. In a workspace, finished points are saved in a
/// journal in `DIR/journal` and the directory's rules apply (a directory
/// with files needs `force`, an unfinished journal `resume`); with
/// `resume`, finished results (`main_file` and the manifest of the same
/// job) are kept. Without a workspace, nothing is written.
pub(crate) fn run_whole(
    work: &PointJob,
    ws: Option<&Workspace>,
    main_file: &str,
    progress: &dyn Progress,
    cancel: &Cancel,
    sink: impl FnMut(&PointSummary) + Send,
) -> Result<Outcome<Ran>, JobError> {
    let journal = match ws {
        None => None,
        Some(ws) => {
            let out = &ws.dir;
            let journal_dir = Journal::dir_for(out, Shard::WHOLE);
            let dir = if ws.force {
                if journal_dir.exists() {
                    remove_dir(&journal_dir)?;
                }
                OutputDir::check(out, true)?
            } else if Journal::exists(&journal_dir) {
                if !ws.resume {
                    return Err(JobError::Input(format!(
                        "{} holds an unfinished run; continue it with --resume, or start again with --force",
                        out.display()
                    )));
                }
                OutputDir::check(out, true)?
            } else if ws.resume && already_complete(out, &work.job, main_file) {
                let done = out.join(main_file);
                progress.note(&format!(
                    "{}: already complete; nothing to resume",
                    done.display()
                ));
                return Ok(Outcome::AlreadyComplete(done));
            } else {
                OutputDir::check(out, false)?
            };
            dir.create()?;
            Some(open_journal(&journal_dir, work, Shard::WHOLE, ws.resume)?)
        }
    };
    let wall = execute(work, Shard::WHOLE, journal.as_ref(), progress, cancel, sink)?;
    Ok(Outcome::Done(Ran { journal, wall }))
}

/// Writes `manifest.json` of a sweep or sensitivity analysis into `dir`.
pub(crate) fn write_manifest(
    dir: &Path,
    command: &'static str,
    job: &Job,
    plan: &Plan,
    shards: u32,
    threads: usize,
    wall: f64,
) -> Result<(), JobError> {
    let m = JobManifest {
        program: "resim",
        version: env!("CARGO_PKG_VERSION"),
        command,
        scenario_file: &job.scenario_file,
        scenario_hash: &job.scenario_hash,
        seed: job.seed,
        replicates: job.replicates,
        points: job.points,
        parameters: &plan.parameters,
        options: &job.options,
        shards,
        threads,
        wall_seconds: wall,
        scenario: &plan.base,
    };
    let bytes = serde_json::to_vec_pretty(&m).map_err(|e| JobError::Internal(e.to_string()))?;
    Ok(write_atomic(&dir.join("manifest.json"), &bytes)?)
}

/// The scenario of a job as its shards ran it (for `merge`).
pub(crate) fn scenario_of(job: &Job) -> Result<ScenarioFile, JobError> {
    let mut file = ScenarioFile::parse(&job.scenario_text, &job.scenario_file)?;
    file.scenario.run.replicates = job.replicates;
    file.scenario.run.seed = job.seed;
    Ok(file)
}
