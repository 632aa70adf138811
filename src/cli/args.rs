//! Flag groups several commands share (`#[command(flatten)]`).

use std::path::PathBuf;

use clap::Args;
use resilience_sim::jobs::{
    self, JobError, Outcome, OutputFormat, Overrides, PointJob, ScenarioFile, Workspace,
};
use resilience_sim::shard::Shard;

use super::print::print_shard;
use super::terminal::{Bar, cancel_on_signal};

/// How a scenario is simulated: replicates, seed and threads.
#[derive(Debug, Clone, Args)]
pub struct SimArgs {
    /// Replicates (overrides the scenario's run.replicates).
    #[arg(long)]
    pub replicates: Option<u32>,
    /// Master seed (overrides the scenario's run.seed).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Worker threads [default: SLURM_CPUS_PER_TASK, else all cores].
    #[arg(long)]
    pub threads: Option<usize>,
}

impl SimArgs {
    /// The replicates and seed as overrides of the scenario's.
    pub fn overrides(&self) -> Overrides {
        Overrides {
            replicates: self.replicates,
            seed: self.seed,
            ..Default::default()
        }
    }
}

/// Writing results: replacing what is there, and the progress bar.
#[derive(Debug, Clone, Args)]
pub struct WriteArgs {
    /// Replace the files of a non-empty output directory.
    #[arg(long)]
    pub force: bool,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
}

/// The format of the big tables: students, trajectories, sweep.
#[derive(Debug, Clone, Args)]
pub struct FormatArgs {
    /// Write the big tables (students, trajectories, sweep) as csv, parquet
    /// (Apache Parquet, snappy) or both; the other files are always CSV.
    #[arg(long, value_name = "csv|parquet|both", default_value = "csv", value_parser = parse_format)]
    pub format: OutputFormat,
}

/// `--format`, parsed by the job layer's own names.
fn parse_format(s: &str) -> Result<OutputFormat, String> {
    s.parse()
}

/// Options of every job of many points (`sweep`, `sensitivity`).
#[derive(Debug, Args)]
pub struct PointArgs {
    /// Scenario file (TOML) with a [sweep] section, or a bundled scenario's name (e.g. quickstart_sweep).
    pub scenario: PathBuf,
    /// Output directory [default: results/<scenario name>-<command>].
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Replicates per point (overrides the scenario's run.replicates).
    #[arg(long)]
    pub replicates: Option<u32>,
    /// Worker threads [default: SLURM_CPUS_PER_TASK, else all cores].
    #[arg(long)]
    pub threads: Option<usize>,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
    /// Continue an interrupted run from its journal, computing only what is missing.
    #[arg(long)]
    pub resume: bool,
    /// Start again: replace the outputs and discard any journal.
    #[arg(long)]
    pub force: bool,
    /// Run only shard I of N (`I/N`, or `auto` inside a Slurm array job) and
    /// write DIR/shards/shard-I-of-N.json; `resim merge DIR` combines the shards.
    #[arg(long, value_name = "I/N|auto")]
    pub shard: Option<String>,
    /// Test hook: stop as if interrupted after computing this many points.
    #[arg(long, hide = true, value_name = "N")]
    pub stop_after_points: Option<u64>,
}

impl PointArgs {
    /// The scenario of a sweep or sensitivity analysis, with --replicates applied.
    pub fn load(&self) -> Result<ScenarioFile, JobError> {
        let mut file = ScenarioFile::load_or_bundled(&self.scenario.to_string_lossy())?;
        jobs::Overrides {
            replicates: self.replicates,
            ..Default::default()
        }
        .apply(&mut file.scenario)?;
        Ok(file)
    }

    /// Runs shard `spec` (`I/N` or `auto`) of a job into the workspace.
    pub fn run_shard(&self, work: &PointJob, ws: &Workspace, spec: &str) -> Result<(), JobError> {
        run_shard(work, ws, Shard::parse(spec)?, self.quiet)
    }

    /// The output directory as a workspace.
    pub fn workspace(&self, default: impl FnOnce() -> PathBuf) -> Workspace {
        Workspace {
            dir: self.out.clone().unwrap_or_else(default),
            resume: self.resume,
            force: self.force,
        }
    }
}

/// Runs one shard of a job into the workspace, writes its file and says
/// what to do next.
pub fn run_shard(
    work: &PointJob,
    ws: &Workspace,
    shard: Shard,
    quiet: bool,
) -> Result<(), JobError> {
    let progress = Bar::new(quiet);
    if let Outcome::Done(mut result) = jobs::shard(work, ws, shard, &progress, &cancel_on_signal())?
    {
        let path = result.write()?;
        print_shard(&result, &path, &ws.dir);
    }
    Ok(())
}
