//! `sweep`: every point of a scenario's `[sweep]` section, each a run with
//! the same replicates (common random numbers), as the rows of `sweep.csv`.

use crate::problem::Message;
use std::path::Path;

use crate::guard;
use crate::output::{AtomicFile, OutputDir, OutputFormat, SetWriter};
use crate::scenario::{self, Scenario};
use crate::shard::{Job, Kind};
use crate::sweep::output::{self as sweep_output, SweepRow};
use crate::sweep::{Journal, Plan, SweepFiles};

use super::points::{
    Outcome, PointJob, Workspace, claim_workspace, manifest_json, remove_journal, run_whole,
};
use super::setup::{check_need, check_resources, thread_count};
use super::{Cancel, JobError, Progress, ScenarioFile};

/// What to sweep.
#[derive(Debug, Clone)]
pub struct SweepOptions {
    /// A scenario with a `[sweep]` section (replicates per point overridden as wanted).
    pub scenario: ScenarioFile,
    /// Worker threads [default: `SLURM_CPUS_PER_TASK`, else every core].
    pub threads: Option<usize>,
    /// Test hook: stop as if cancelled after computing this many points.
    pub stop_after: Option<u64>,
    /// `sweep.csv`, `sweep.parquet` or both.
    pub format: OutputFormat,
}

impl SweepOptions {
    /// Checks the options — threads, time and memory of one point, every
    /// point's scenario — and makes the job.
    pub fn prepare(&self) -> Result<PointJob, JobError> {
        let threads = thread_count(self.threads)?;
        check_resources(&self.scenario.scenario, threads, false, &self.scenario.file)?;
        let plan = sweep_plan(
            self.scenario.scenario.clone(),
            Path::new(&self.scenario.file),
        )?;
        let format = self.format.check().map_err(JobError::input)?;
        Ok(PointJob {
            format,
            ..PointJob::new(
                Kind::Sweep,
                &self.scenario,
                plan,
                serde_json::Value::Null,
                threads,
                self.stop_after,
            )
        })
    }
}

/// The sweep's plan, checked point by point; `file` names the scenario in messages.
pub fn sweep_plan(sc: Scenario, file: &Path) -> Result<Plan, JobError> {
    let Some(spec) = sc.sweep.clone() else {
        return Err(JobError::Input(
            Message::new("problem-job-no-sweep")
                .arg("file", file.display())
                .arg(
                    "example",
                    "\n  [sweep]\n  \"stress.academic_load\" = [0.06, 0.084, 0.12]\n  \"population.rural_share\" = { from = 0, to = 1, steps = 3 }",
                ),
        ));
    };
    let problems = spec.runnable();
    if !problems.is_empty() {
        return Err(scenario::ScenarioError {
            file: file.to_path_buf(),
            problems,
        }
        .into());
    }
    let plan = Plan::sweep(sc, &spec);
    plan.check()
        .map_err(|e| JobError::input_in(file.display(), e))?;
    Ok(plan)
}

/// The results of a job of many points streamed into its claimed output
/// directory while it ran, waiting to be committed with the manifest.
#[derive(Debug)]
pub(crate) struct Streamed {
    /// The claimed directory (locked until the results are written).
    pub(crate) dir: OutputDir,
    /// The files written as points finished.
    pub(crate) files: Vec<AtomicFile>,
}

/// A finished sweep: the rows of `sweep.csv` and how the sweep went.
///
/// A sweep run in a workspace streams `sweep.csv` to disk as points
/// finish (so memory does not grow with the number of points) and keeps
/// no rows: [`SweepResult::write`] commits the file, and
/// [`super::saved::open`] reads it back. A sweep run without a workspace
/// keeps its rows in [`SweepResult::rows`].
#[derive(Debug)]
pub struct SweepResult {
    /// The job record (in the manifest).
    pub job: Job,
    /// The points.
    pub plan: Plan,
    /// The rows of `sweep.csv` — every point × strategy × subgroup ×
    /// outcome — when the sweep ran in memory; empty when they were
    /// streamed to disk.
    pub rows: Vec<SweepRow>,
    /// Shards the work was split into (1: one machine).
    pub shards: u32,
    /// Worker threads (of shard 0 when merged).
    pub threads: usize,
    /// Wall-clock seconds (summed over shards when merged).
    pub wall_seconds: f64,
    /// The format of the table (`sweep.csv`, `sweep.parquet` or both).
    pub format: OutputFormat,
    pub(crate) journal: Option<Journal>,
    pub(crate) streamed: Option<Streamed>,
}

impl SweepResult {
    /// The rows of a point, appended as points finish.
    pub(crate) fn add(
        rows: &mut Vec<SweepRow>,
        plan: &Plan,
        point: u64,
        summary: &crate::stats::Summary,
    ) {
        rows.extend(sweep_output::sweep_rows(plan, point, summary));
    }

    /// `sweep.csv` of a sweep that ran in memory.
    pub fn csv(&self) -> Vec<u8> {
        let mut bytes = sweep_output::sweep_header(&self.plan.parameters);
        bytes.extend(sweep_output::sweep_lines(&self.plan.whole(), &self.rows));
        bytes
    }

    /// Whether the rows were streamed to disk (and are not in [`SweepResult::rows`]).
    pub fn is_streamed(&self) -> bool {
        self.streamed.is_some()
    }

    /// Writes `sweep.csv` and `manifest.json` into `dir` as one result set
    /// (the manifest last, listing both), then removes the journal the
    /// sweep kept there. A sweep streamed to disk commits the file it
    /// wrote, in the directory it ran in; a sweep in memory claims `dir`
    /// (a directory with files in it needs `force`).
    pub fn write(&mut self, dir: &Path, force: bool) -> Result<(), JobError> {
        let streamed = match self.streamed.take() {
            Some(s) => s,
            None => {
                let dir = OutputDir::claim(dir, force)?;
                let mut table = SweepFiles::create(&dir, &self.plan.parameters, self.format)?;
                table.rows(&self.plan, &self.rows)?;
                Streamed {
                    files: table.into_files()?,
                    dir,
                }
            }
        };
        commit(streamed, dir, |files| {
            manifest_json(
                "sweep",
                &self.job,
                &self.plan,
                self.shards,
                self.threads,
                self.wall_seconds,
                files,
            )
        })?;
        remove_journal(self.journal.take())
    }
}

/// Commits the streamed files of a job and its manifest into `dir`, which
/// must be the directory they were streamed into.
pub(crate) fn commit(
    streamed: Streamed,
    dir: &Path,
    manifest: impl FnOnce(Vec<crate::output::FileEntry>) -> Result<Vec<u8>, JobError>,
) -> Result<(), JobError> {
    if !same_dir(&streamed.dir.path, dir) {
        return Err(JobError::Input(
            Message::new("problem-job-streamed-elsewhere")
                .arg("written", streamed.dir.path.display())
                .arg("dir", dir.display()),
        ));
    }
    let mut set = SetWriter::new(&streamed.dir);
    for f in streamed.files {
        set.add_file(f);
    }
    set.commit(manifest, || None)
}

/// Whether two paths name the same directory.
fn same_dir(a: &Path, b: &Path) -> bool {
    a == b
        || matches!((std::fs::canonicalize(a), std::fs::canonicalize(b)), (Ok(x), Ok(y)) if x == y)
}

/// Runs every point of a sweep on this machine. In a workspace it keeps a
/// journal (resumable), locks the directory and streams `sweep.csv` as
/// points finish; without one it keeps the rows in memory (refused when
/// they would not fit).
pub fn sweep(
    work: &PointJob,
    ws: Option<&Workspace>,
    progress: &dyn Progress,
    cancel: &Cancel,
) -> Result<Outcome<SweepResult>, JobError> {
    let plan = &work.plan;
    let claimed = match ws {
        None => {
            check_rows_memory(work)?;
            None
        }
        Some(ws) => match claim_workspace(work, ws, &work.format.main_file("sweep"), progress)? {
            Outcome::AlreadyComplete(p) => return Ok(Outcome::AlreadyComplete(p)),
            Outcome::Done(c) => Some(c),
        },
    };
    let mut rows = Vec::new();
    let (mut csv, journal, dir) = match claimed {
        Some(c) => (
            Some(SweepFiles::create(&c.dir, &plan.parameters, work.format)?),
            Some(c.journal),
            Some(c.dir),
        ),
        None => (None, None, None),
    };
    let wall = run_whole(work, journal.as_ref(), progress, cancel, |ps| {
        match csv.as_mut() {
            Some(csv) => csv.point(plan, ps.point, &ps.summary)?,
            None => SweepResult::add(&mut rows, plan, ps.point, &ps.summary),
        }
        Ok(())
    })?;
    Ok(Outcome::Done(SweepResult {
        job: work.job.clone(),
        plan: work.plan.clone(),
        rows,
        shards: 1,
        threads: work.threads,
        wall_seconds: wall,
        format: work.format,
        journal,
        streamed: match dir {
            Some(dir) => Some(Streamed {
                dir,
                files: match csv {
                    Some(t) => t.into_files()?,
                    None => Vec::new(),
                },
            }),
            None => None,
        },
    }))
}

/// Refuses a sweep in memory whose rows would not fit beside its runs.
fn check_rows_memory(work: &PointJob) -> Result<(), JobError> {
    let need = guard::estimate_points_memory(
        &work.plan.base,
        work.plan.len(),
        work.threads,
        guard::Held::SweepRows {
            parameters: work.plan.parameters.len(),
        },
    );
    check_need(need, work.threads, &work.job.scenario_file)
}
