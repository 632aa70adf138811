//! `sensitivity`: Morris elementary effects or Sobol' indices over the
//! ranges of a scenario's `[sweep]`, for chosen outputs.

use crate::problem::Message;
use std::path::Path;

use std::io::Write;

use crate::output::{AtomicFile, OutputDir};
use crate::sensitivity::rows::SensitivityRow;
use crate::sensitivity::{self, IndexRow, Method, Options, OutputSpec};
use crate::shard::{Job, Kind};
use crate::stats::Summary;
use crate::sweep::{Journal, Plan};

use super::points::{
    Outcome, PointJob, Workspace, claim_workspace, manifest_json, remove_journal, run_whole,
};
use super::setup::{check_resources, thread_count};
use super::sweep::{Streamed, commit};
use super::{Cancel, JobError, Progress, ScenarioFile};

/// What to analyse.
#[derive(Debug, Clone)]
pub struct SensitivityOptions {
    /// A scenario whose `[sweep]` gives each parameter's range (replicates
    /// per point overridden as wanted).
    pub scenario: ScenarioFile,
    /// Worker threads [default: `SLURM_CPUS_PER_TASK`, else every core].
    pub threads: Option<usize>,
    /// The method and its design size.
    pub method: Method,
    /// Outputs, `STRATEGY:OUTCOME[:SUBGROUP]` [default: the first
    /// non-baseline strategy's g on resilience, all students].
    pub outputs: Vec<String>,
    /// Bootstrap resamples for the 95 % intervals (0 to 100000).
    pub bootstrap: u32,
    /// Seed of the design and the bootstrap (the simulation uses `run.seed`).
    pub design_seed: u64,
    /// Test hook: stop as if cancelled after computing this many points.
    pub stop_after: Option<u64>,
}

/// A sensitivity analysis ready to run: its settings and its points.
#[derive(Debug, Clone)]
pub struct Sensitivity {
    /// Method, design, bootstrap and outputs.
    pub options: Options,
    /// The design points as a job.
    pub work: PointJob,
}

/// Checks a method's design size.
fn check_method(method: Method) -> Result<Method, JobError> {
    match method {
        Method::Morris {
            trajectories,
            levels,
        } => {
            if !(2..=10_000).contains(&trajectories) {
                return Err(JobError::flag_range(
                    "--trajectories",
                    trajectories,
                    2,
                    10_000,
                ));
            }
            if !(2..=100).contains(&levels) || !levels.is_multiple_of(2) {
                return Err(JobError::Input(
                    Message::new("problem-job-levels").arg("value", levels),
                ));
            }
        }
        Method::Sobol { samples } => {
            if !(2..=1_000_000).contains(&samples) {
                return Err(JobError::flag_range("--samples", samples, 2, 1_000_000));
            }
        }
    }
    Ok(method)
}

impl SensitivityOptions {
    /// Checks the options — threads, time and memory of one point, the
    /// design, the outputs, every point's scenario — and makes the job.
    pub fn prepare(&self) -> Result<Sensitivity, JobError> {
        let sc = &self.scenario.scenario;
        let threads = thread_count(self.threads)?;
        check_resources(sc, threads, false, &self.scenario.file)?;
        let method = check_method(self.method)?;
        if self.bootstrap > 100_000 {
            return Err(JobError::flag_range(
                "--bootstrap",
                self.bootstrap,
                0,
                100_000,
            ));
        }
        let mut outputs = Vec::new();
        for o in &self.outputs {
            let spec = OutputSpec::parse(o, sc)?;
            if !outputs.contains(&spec) {
                outputs.push(spec);
            }
        }
        if outputs.is_empty() {
            outputs.push(OutputSpec::default_for(sc));
        }
        let options = Options {
            method,
            bootstrap: self.bootstrap,
            seed: self.design_seed,
            outputs,
        };
        let plan = sensitivity_plan(sc.clone(), &options, Path::new(&self.scenario.file))?;
        let json = serde_json::to_value(&options).map_err(|e| JobError::internal(e.to_string()))?;
        Ok(Sensitivity {
            work: PointJob::new(
                Kind::Sensitivity,
                &self.scenario,
                plan,
                json,
                threads,
                self.stop_after,
            ),
            options,
        })
    }
}

/// The plan of a sensitivity analysis, checked point by point; `file`
/// names the scenario in messages.
pub fn sensitivity_plan(
    sc: crate::scenario::Scenario,
    opts: &Options,
    file: &Path,
) -> Result<Plan, JobError> {
    let plan = sensitivity::plan(sc, opts).map_err(|e| {
        JobError::Input(
            Message::new("problem-in-context")
                .arg("context", file.display())
                .with("message", e.message()),
        )
    })?;
    plan.check()
        .map_err(|e| JobError::input_in(file.display(), e))?;
    Ok(plan)
}

/// Each output at each point, `y[output][point]`, filled in as points finish.
pub(crate) fn collector(opts: &Options, points: u64) -> Vec<Vec<f64>> {
    vec![vec![f64::NAN; points as usize]; opts.outputs.len()]
}

/// Records a point's outputs.
pub(crate) fn collect(y: &mut [Vec<f64>], opts: &Options, point: u64, summary: &Summary) {
    for (ys, o) in y.iter_mut().zip(&opts.outputs) {
        ys[point as usize] = o.value(summary);
    }
}

/// A finished sensitivity analysis: the outputs at every point, the indices
/// and how the analysis went. Run in a workspace, it holds the lock of its
/// output directory until it is written.
#[derive(Debug)]
pub struct SensitivityResult {
    /// Method, design, bootstrap and outputs.
    pub options: Options,
    /// The job record (in the manifest).
    pub job: Job,
    /// The design points.
    pub plan: Plan,
    /// Each output at each point, `y[output][point]`.
    pub y: Vec<Vec<f64>>,
    /// The indices with their 95 % bootstrap intervals.
    pub indices: Vec<IndexRow>,
    /// Shards the work was split into (1: one machine).
    pub shards: u32,
    /// Worker threads (of shard 0 when merged).
    pub threads: usize,
    /// Wall-clock seconds (summed over shards when merged).
    pub wall_seconds: f64,
    pub(crate) journal: Option<Journal>,
    pub(crate) streamed: Option<Streamed>,
}

impl SensitivityResult {
    /// The analysis of the outputs `y` at the points of `plan`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        options: Options,
        job: Job,
        plan: Plan,
        y: Vec<Vec<f64>>,
        shards: u32,
        threads: usize,
        wall_seconds: f64,
        journal: Option<Journal>,
        streamed: Option<Streamed>,
    ) -> SensitivityResult {
        SensitivityResult {
            indices: sensitivity::analyse(&options, &plan.parameters, &y),
            options,
            job,
            plan,
            y,
            shards,
            threads,
            wall_seconds,
            journal,
            streamed,
        }
    }

    /// The rows of `sensitivity.csv`.
    pub fn rows(&self) -> Vec<SensitivityRow> {
        sensitivity::rows::sensitivity_rows(&self.options, &self.indices)
    }

    /// Writes `sensitivity.csv`, `sensitivity_points.csv` and
    /// `manifest.json` into `dir` as one result set (the manifest last,
    /// listing the others), then removes the journal the analysis kept
    /// there. An analysis run in a workspace writes into the directory it
    /// claimed; one run in memory claims `dir` (a directory with files in
    /// it needs `force`).
    pub fn write(&mut self, dir: &Path, force: bool) -> Result<(), JobError> {
        let mut streamed = match self.streamed.take() {
            Some(s) => s,
            None => Streamed {
                dir: OutputDir::claim(dir, force)?,
                files: Vec::new(),
            },
        };
        for (name, bytes) in [
            (
                "sensitivity.csv",
                sensitivity::csv(&self.options, &self.indices),
            ),
            (
                "sensitivity_points.csv",
                sensitivity::points_csv(&self.plan, &self.options, &self.y),
            ),
        ] {
            let path = streamed.dir.file(name);
            let mut f = AtomicFile::create(&path)?;
            f.write_all(&bytes).map_err(|e| {
                JobError::Internal(
                    Message::new("problem-internal-cannot-write")
                        .arg("file", path.display())
                        .arg("message", e),
                )
            })?;
            streamed.files.push(f);
        }
        commit(streamed, dir, |files| {
            manifest_json(
                "sensitivity",
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

/// Runs every design point on this machine (in a workspace: with a
/// journal, resumable, the directory locked) and computes the indices.
pub fn sensitivity(
    s: &Sensitivity,
    ws: Option<&Workspace>,
    progress: &dyn Progress,
    cancel: &Cancel,
) -> Result<Outcome<SensitivityResult>, JobError> {
    let work = &s.work;
    let claimed = match ws {
        None => None,
        Some(ws) => match claim_workspace(work, ws, "sensitivity.csv", progress)? {
            Outcome::AlreadyComplete(p) => return Ok(Outcome::AlreadyComplete(p)),
            Outcome::Done(c) => Some(c),
        },
    };
    let (journal, dir) = match claimed {
        Some(c) => (Some(c.journal), Some(c.dir)),
        None => (None, None),
    };
    let mut y = collector(&s.options, work.plan.len());
    let wall = run_whole(work, journal.as_ref(), progress, cancel, |ps| {
        collect(&mut y, &s.options, ps.point, &ps.summary);
        Ok(())
    })?;
    Ok(Outcome::Done(SensitivityResult::new(
        s.options.clone(),
        work.job.clone(),
        work.plan.clone(),
        y,
        1,
        work.threads,
        wall,
        journal,
        dir.map(|dir| Streamed {
            dir,
            files: Vec::new(),
        }),
    )))
}
