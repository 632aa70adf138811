//! `sweep`: every point of a scenario's `[sweep]` section, each a run with
//! the same replicates (common random numbers), as the rows of `sweep.csv`.

use std::path::Path;

use crate::output::{OutputDir, write_atomic};
use crate::scenario::{self, Scenario};
use crate::shard::{Job, Kind};
use crate::sweep::output::{self as sweep_output, SweepRow};
use crate::sweep::{Journal, Plan};

use super::points::{Outcome, PointJob, Workspace, remove_journal, run_whole, write_manifest};
use super::setup::{check_resources, thread_count};
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
        Ok(PointJob::new(
            Kind::Sweep,
            &self.scenario,
            plan,
            serde_json::Value::Null,
            threads,
            self.stop_after,
        ))
    }
}

/// The sweep's plan, checked point by point; `file` names the scenario in messages.
pub fn sweep_plan(sc: Scenario, file: &Path) -> Result<Plan, JobError> {
    let Some(spec) = sc.sweep.clone() else {
        return Err(JobError::Input(format!(
            "{}: the scenario has no [sweep] section; add one, e.g.\n  [sweep]\n  \"stress.academic_load\" = [0.06, 0.084, 0.12]\n  \"population.rural_share\" = {{ from = 0, to = 1, steps = 3 }}",
            file.display()
        )));
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

/// A finished sweep: the rows of `sweep.csv` and how the sweep went.
#[derive(Debug, Clone)]
pub struct SweepResult {
    /// The job record (in the manifest).
    pub job: Job,
    /// The points.
    pub plan: Plan,
    /// The rows of `sweep.csv`: every point × strategy × subgroup × outcome.
    pub rows: Vec<SweepRow>,
    /// Shards the work was split into (1: one machine).
    pub shards: u32,
    /// Worker threads (of shard 0 when merged).
    pub threads: usize,
    /// Wall-clock seconds (summed over shards when merged).
    pub wall_seconds: f64,
    pub(crate) journal: Option<Journal>,
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

    /// `sweep.csv`.
    pub fn csv(&self) -> Vec<u8> {
        let mut bytes = sweep_output::sweep_header(&self.plan.parameters);
        bytes.extend(sweep_output::sweep_lines(&self.plan.whole(), &self.rows));
        bytes
    }

    /// Writes `sweep.csv` and `manifest.json` into `dir` (each atomically),
    /// then removes the journal the sweep kept there.
    pub fn write(&self, dir: &Path) -> Result<(), JobError> {
        OutputDir::unchecked(dir).create()?;
        write_atomic(&dir.join("sweep.csv"), &self.csv())?;
        write_manifest(
            dir,
            "sweep",
            &self.job,
            &self.plan,
            self.shards,
            self.threads,
            self.wall_seconds,
        )?;
        remove_journal(self.journal.as_ref())
    }
}

/// Runs every point of a sweep on this machine (in a workspace: with a
/// journal, resumable).
pub fn sweep(
    work: &PointJob,
    ws: Option<&Workspace>,
    progress: &dyn Progress,
    cancel: &Cancel,
) -> Result<Outcome<SweepResult>, JobError> {
    let mut rows = Vec::new();
    let plan = &work.plan;
    let ran = run_whole(work, ws, "sweep.csv", progress, cancel, |ps| {
        SweepResult::add(&mut rows, plan, ps.point, &ps.summary)
    })?;
    Ok(match ran {
        Outcome::AlreadyComplete(p) => Outcome::AlreadyComplete(p),
        Outcome::Done(ran) => Outcome::Done(SweepResult {
            job: work.job.clone(),
            plan: work.plan.clone(),
            rows,
            shards: 1,
            threads: work.threads,
            wall_seconds: ran.wall,
            journal: ran.journal,
        }),
    })
}
