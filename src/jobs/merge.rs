//! `merge`: the shard files of a run, sweep or sensitivity analysis
//! combined into the results one machine would have written, bit for bit.

use std::path::{Path, PathBuf};

use crate::guard;
use crate::sensitivity::Options;
use crate::shard::{Kind, ShardError, ShardSet};
use crate::stats::Summary;

use super::JobError;
use super::points::scenario_of;
use super::run::RunResult;
use super::sensitivity::{SensitivityResult, collect, collector, sensitivity_plan};
use super::sweep::{SweepResult, sweep_plan};

/// The merged results, by the kind of job the shards ran.
#[derive(Debug, Clone)]
pub enum Merged {
    /// `run --shard`.
    Run(Box<RunResult>),
    /// `sweep --shard`.
    Sweep(SweepResult),
    /// `sensitivity --shard`.
    Sensitivity(SensitivityResult),
}

/// Shards merged.
#[derive(Debug, Clone)]
pub struct MergeResult {
    /// The results.
    pub merged: Merged,
    /// Shard files merged.
    pub shards: u32,
    /// The directory they were in (`DIR/shards`).
    pub from: PathBuf,
}

/// A shard problem as bad input; missing shards are named with their directory.
fn shard_error(dir: &Path, e: ShardError) -> JobError {
    match e {
        ShardError::Missing { .. } => JobError::input_in(dir.display(), e),
        other => other.into(),
    }
}

/// Reads the shard files in `dir/shards`, checks that they are one
/// complete job written by this version, and merges them point by point.
pub fn merge(dir: &Path) -> Result<MergeResult, JobError> {
    let set = ShardSet::open(dir).map_err(|e| shard_error(dir, e))?;
    let job = set.job.clone();
    if job.version != env!("CARGO_PKG_VERSION") {
        return Err(JobError::Input(format!(
            "the shards were written by resim {}, this is {}; merge with the same version",
            job.version,
            env!("CARGO_PKG_VERSION")
        )));
    }
    let shards = set.files.len() as u32;
    let file = scenario_of(&job)?;
    let sc = file.scenario;
    let path = Path::new(&job.scenario_file);
    let merged = match job.kind {
        Kind::Run => {
            let mut whole: Option<Summary> = None;
            let (wall, threads) = set.merge(|_, s| {
                whole = Some(s.clone());
                Ok::<(), JobError>(())
            })?;
            let summary = whole.ok_or_else(|| JobError::Input("no point in the shards".into()))?;
            Merged::Run(Box::new(RunResult::new(
                &sc,
                &job.scenario_file,
                &job.scenario_hash,
                summary,
                threads,
                wall,
                guard::estimate_memory(&sc, threads, false),
            )))
        }
        Kind::Sweep => {
            let plan = sweep_plan(sc, path)?;
            let mut rows = Vec::new();
            let (wall, threads) = set.merge(|p, s| {
                SweepResult::add(&mut rows, &plan, p, s);
                Ok::<(), JobError>(())
            })?;
            Merged::Sweep(SweepResult {
                job: job.clone(),
                plan,
                rows,
                shards,
                threads,
                wall_seconds: wall,
                journal: None,
            })
        }
        Kind::Sensitivity => {
            let opts: Options = serde_json::from_value(job.options.clone())
                .map_err(|e| JobError::Input(format!("shard options unreadable: {e}")))?;
            let plan = sensitivity_plan(sc, &opts, path)?;
            let mut y = collector(&opts, plan.len());
            let (wall, threads) = set.merge(|p, s| {
                collect(&mut y, &opts, p, s);
                Ok::<(), JobError>(())
            })?;
            Merged::Sensitivity(SensitivityResult::new(
                opts,
                job.clone(),
                plan,
                y,
                shards,
                threads,
                wall,
                None,
            ))
        }
    };
    Ok(MergeResult {
        merged,
        shards,
        from: dir.join("shards"),
    })
}
