//! Flag groups several commands share (`#[command(flatten)]`).

use std::path::PathBuf;

use clap::Args;
use resilience_sim::jobs::{Overrides, Workspace};

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
            survey_week: None,
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

/// Options of every job of many points (`sweep`, `sensitivity`).
#[derive(Debug, Args)]
pub struct PointArgs {
    /// Scenario file (TOML) with a [sweep] section.
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
    /// The output directory as a workspace.
    pub fn workspace(&self, default: impl FnOnce() -> PathBuf) -> Workspace {
        Workspace {
            dir: self.out.clone().unwrap_or_else(default),
            resume: self.resume,
            force: self.force,
        }
    }
}
