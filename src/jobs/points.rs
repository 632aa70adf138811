//! What every job of many points shares — sweeps, sensitivity analyses and
//! sharded runs: a plan run point by point with a crash-safe journal, on
//! one machine (`run_whole`, through [`super::sweep()`] and
//! [`super::sensitivity()`]) or as one shard of many ([`shard()`]), and the
//! manifest of sweeps and sensitivity analyses.
//!
//! What a job writes is locked while it runs: a whole job's output
//! directory, or one shard's file and journal (the shards of a Slurm array
//! write into one directory at once).

use crate::problem::Message;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::output::{FileEntry, Lock, OutputDir, OutputFormat, SavedSet};
use crate::shard::{
    Job, Kind, PointSummary, Shard, ShardFile, ShardHeader, ShardLine, ShardWriter, check_file,
    line_cap,
};
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
    /// The format of the job's big table (`sweep.csv` / `sweep.parquet`).
    pub format: OutputFormat,
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
            format: OutputFormat::Csv,
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

/// Opens the journal of `shard` in the directory `dir` (made, a real
/// directory inside the output directory); with `force` the journal there
/// is discarded first (resim's own files only).
fn open_journal(
    dir: &OutputDir,
    work: &PointJob,
    shard: Shard,
    resume: bool,
    force: bool,
) -> Result<Journal, JobError> {
    let rel = Journal::rel_dir(shard);
    let jdir = dir.subdir(&rel.to_string_lossy())?;
    if force {
        Journal::discard(&jdir).map_err(|e| JobError::Input(e.message()))?;
    }
    let jdir = dir.subdir(&rel.to_string_lossy())?;
    let cap = line_cap(&work.plan.base, work.slim);
    Journal::open(&jdir, &identity(&work.job, shard), resume, cap)
        .map_err(|e| JobError::Input(e.message()))
}

/// Removes a journal once the results it led to are safe.
pub(crate) fn remove_journal(journal: Option<Journal>) -> Result<(), JobError> {
    match journal {
        Some(j) => j.remove().map_err(|e| JobError::Internal(e.message())),
        None => Ok(()),
    }
}

/// Runs the plan's points of `shard`, saving each in `journal`, and hands
/// each point's summary to `sink` in point order (an error of the sink
/// stops the run). Returns the wall-clock seconds.
fn execute(
    work: &PointJob,
    shard: Shard,
    journal: Option<&Journal>,
    progress: &dyn Progress,
    cancel: &Cancel,
    sink: impl FnMut(&PointSummary) -> Result<(), ExecError> + Send,
) -> Result<f64, JobError> {
    let plan = &work.plan;
    let pool = pool(work.threads)?;
    let note = |line: &Message| progress.note(line);
    let done = journal.map(|j| j.done(&note)).unwrap_or_default();
    let mut exec = Exec {
        plan,
        shard,
        journal,
        done,
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
            Some(j) => JobError::resumable(
                Message::new("problem-stopped-points-saved")
                    .arg("saved", saved)
                    .arg("total", plan.len())
                    .arg("dir", j.dir().display()),
            ),
            None => JobError::Interrupted {
                message: Message::new("problem-stopped-nothing-written"),
                resumable: false,
            },
        }),
        Err(ExecError::Write(e)) => Err(e.into()),
        Err(e) => Err(JobError::Internal(e.message())),
    }
}

/// One shard's share of a job, run: its points' summaries, to be written
/// by [`ShardResult::write`] as `DIR/shards/shard-I-of-N.json`. It holds
/// the shard's lock until it is written or dropped.
#[derive(Debug)]
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
    lock: Option<Lock>,
}

impl ShardResult {
    /// Writes the shard file (under a temporary name, renamed when
    /// complete), removes the shard's journal, releases the shard's lock
    /// and returns the file's path.
    pub fn write(&mut self) -> Result<PathBuf, JobError> {
        let mut writer = ShardWriter::create(&self.dir, &self.header)?;
        for p in &self.points {
            writer.point(p)?;
        }
        let path = writer.commit(self.threads, self.wall_seconds)?;
        remove_journal(self.journal.take())?;
        self.lock = None;
        Ok(path)
    }
}

/// A shard's claim on its file in `DIR/shards`: the (shared) output
/// directory and the shard's lock, held until the file is written.
#[derive(Debug)]
pub struct ShardClaim {
    /// The output directory (shared with the other shards).
    pub dir: OutputDir,
    /// The lock of the shard's file and journal.
    pub lock: Lock,
}

/// Claims the file of shard `shard` of `job` (lines of type `T`) in the
/// workspace: locks it against another process running the same shard
/// (the other shards of an array write beside it at the same time). A
/// complete shard file of the same job is kept with `resume` (a note says
/// so) and refused without; a damaged one is run again with `resume`; a
/// file of another job needs `force`.
pub fn claim_shard<T: ShardLine>(
    job: &Job,
    ws: &Workspace,
    shard: Shard,
    progress: &dyn Progress,
) -> Result<Outcome<ShardClaim>, JobError> {
    let dir = OutputDir::shared(&ws.dir)?;
    let shards = dir.subdir("shards")?;
    let target = shards.join(shard.file_name());
    let lock = Lock::acquire(&shards.join(shard.lock_name()), &target)?;
    if target.symlink_metadata().is_ok() && !ws.force {
        match check_file::<T>(&target, job, shard) {
            ShardFile::Whole if ws.resume => {
                progress.note(
                    &Message::new("note-shard-complete")
                        .arg("shard", shard)
                        .arg("file", target.display()),
                );
                return Ok(Outcome::AlreadyComplete(target));
            }
            ShardFile::Whole => {
                return Err(JobError::Input(
                    Message::new("problem-job-shard-complete").arg("file", target.display()),
                ));
            }
            ShardFile::Damaged(why) if ws.resume => progress.note(
                &Message::new("note-shard-damaged")
                    .arg("shard", shard)
                    .arg("file", target.display())
                    .with("why", why),
            ),
            ShardFile::Damaged(why) => {
                return Err(JobError::Input(
                    Message::new("problem-job-shard-damaged")
                        .arg("file", target.display())
                        .with("why", why.clone()),
                ));
            }
            ShardFile::OtherVersion(v) => {
                return Err(JobError::Input(
                    Message::new("problem-job-shard-version")
                        .arg("file", target.display())
                        .arg("version", v)
                        .arg("this", env!("CARGO_PKG_VERSION")),
                ));
            }
            ShardFile::OtherJob => {
                return Err(JobError::Input(
                    Message::new("problem-job-shard-other-job").arg("file", target.display()),
                ));
            }
            ShardFile::Foreign(why) => {
                return Err(JobError::Input(
                    Message::new("problem-job-shard-foreign")
                        .arg("file", target.display())
                        .with("why", why.clone()),
                ));
            }
        }
    }
    Ok(Outcome::Done(ShardClaim { dir, lock }))
}

/// Runs shard `shard` of a job into the workspace, its file claimed by
/// [`claim_shard`].
pub fn shard(
    work: &PointJob,
    ws: &Workspace,
    shard: Shard,
    progress: &dyn Progress,
    cancel: &Cancel,
) -> Result<Outcome<ShardResult>, JobError> {
    let out = &ws.dir;
    let ShardClaim { dir, lock } =
        match claim_shard::<PointSummary>(&work.job, ws, shard, progress)? {
            Outcome::Done(c) => c,
            Outcome::AlreadyComplete(p) => return Ok(Outcome::AlreadyComplete(p)),
        };
    let journal = (work.job.kind != Kind::Run)
        .then(|| open_journal(&dir, work, shard, ws.resume, ws.force))
        .transpose()?;
    let mut points = Vec::new();
    let wall = execute(work, shard, journal.as_ref(), progress, cancel, |ps| {
        points.push(ps.clone());
        Ok(())
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
        lock: Some(lock),
    }))
}

/// Whether the manifest `m` of a saved set records the same job as `job`
/// (so its results are the ones `job` computes).
pub(crate) fn same_job(m: &serde_json::Value, job: &Job) -> bool {
    let command = match job.kind {
        Kind::Run => "run",
        Kind::Sweep => "sweep",
        Kind::Sensitivity => "sensitivity",
        Kind::Optimise => {
            return m["job"] == "optimise" && m["search"] == job.options;
        }
    };
    m["command"] == command
        && m["scenario_hash"] == job.scenario_hash.as_str()
        && m["replicates"] == job.replicates
        && m["seed"] == job.seed
        && (job.kind == Kind::Run || (m["points"] == job.points && m["options"] == job.options))
}

/// Whether `out` already holds the finished, whole results of `job` (for `resume`).
fn already_complete(out: &Path, job: &Job, main_file: &str) -> bool {
    let Ok(set) = SavedSet::open(out) else {
        return false;
    };
    set.is_checked() && set.has(main_file) && same_job(&set.json, job) && set.verify().is_ok()
}

/// A whole job's claimed output directory and journal.
#[derive(Debug)]
pub(crate) struct Claimed {
    pub(crate) dir: OutputDir,
    pub(crate) journal: Journal,
}

/// Claims the workspace of a whole job run on this machine: the
/// directory's rules apply (a directory with files needs `force`, an
/// unfinished journal `resume`), the directory is locked, and the journal
/// (in `DIR/journal`) is opened; with `resume`, finished results
/// (`main_file` and the manifest of the same job, whole) are kept.
pub(crate) fn claim_workspace(
    work: &PointJob,
    ws: &Workspace,
    main_file: &str,
    progress: &dyn Progress,
) -> Result<Outcome<Claimed>, JobError> {
    let out = &ws.dir;
    let journal_dir = Journal::dir_for(out, Shard::WHOLE);
    let dir = if ws.force {
        OutputDir::claim(out, true)?
    } else if Journal::exists(&journal_dir) {
        if !ws.resume {
            return Err(JobError::Input(
                Message::new("problem-job-unfinished").arg("dir", out.display()),
            ));
        }
        OutputDir::claim_existing(out)?
    } else if ws.resume && already_complete(out, &work.job, main_file) {
        let done = out.join(main_file);
        progress.note(&Message::new("note-already-complete").arg("file", done.display()));
        return Ok(Outcome::AlreadyComplete(done));
    } else {
        OutputDir::claim(out, false)?
    };
    let journal = open_journal(&dir, work, Shard::WHOLE, ws.resume, ws.force)?;
    Ok(Outcome::Done(Claimed { dir, journal }))
}

/// Runs a whole job on this machine and hands each point's summary to
/// `sink` in point order, saving finished points in the journal when
/// there is one. Returns the wall-clock seconds.
pub(crate) fn run_whole(
    work: &PointJob,
    journal: Option<&Journal>,
    progress: &dyn Progress,
    cancel: &Cancel,
    sink: impl FnMut(&PointSummary) -> Result<(), ExecError> + Send,
) -> Result<f64, JobError> {
    execute(work, Shard::WHOLE, journal, progress, cancel, sink)
}

/// The bytes of `manifest.json` of a sweep or sensitivity analysis, listing `files`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn manifest_json(
    command: &'static str,
    job: &Job,
    plan: &Plan,
    shards: u32,
    threads: usize,
    wall: f64,
    files: Vec<FileEntry>,
) -> Result<Vec<u8>, JobError> {
    let m = JobManifest {
        program: "resim",
        version: env!("CARGO_PKG_VERSION"),
        git_commit: crate::output::GIT_COMMIT,
        command,
        scenario_file: &job.scenario_file,
        scenario_hash: &job.scenario_hash,
        parameter_set_hash: crate::output::parameter_set_hash(&plan.base),
        seed: job.seed,
        replicates: job.replicates,
        points: job.points,
        parameters: &plan.parameters,
        options: &job.options,
        shards,
        threads,
        wall_seconds: wall,
        files,
        scenario: &plan.base,
    };
    serde_json::to_vec_pretty(&m).map_err(|e| JobError::internal(e.to_string()))
}

/// The scenario of a job as its shards ran it (for `merge`).
pub(crate) fn scenario_of(job: &Job) -> Result<ScenarioFile, JobError> {
    let mut file = ScenarioFile::parse(&job.scenario_text, &job.scenario_file)?;
    file.scenario.run.replicates = job.replicates;
    file.scenario.run.seed = job.seed;
    if matches!(job.kind, Kind::Run | Kind::Optimise) {
        super::ParameterOptions::from_json(&job.options)?.apply(&mut file)?;
    }
    Ok(file)
}
