//! `resim sensitivity`: Morris or Sobol' over the `[sweep]` ranges.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use resilience_sim::jobs::{self, JobError, Outcome, SensitivityOptions};
use resilience_sim::sensitivity::Method;

use super::args::PointArgs;
use super::print::print_sensitivity;
use super::terminal::{Bar, cancel_on_signal};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum MethodArg {
    /// Morris elementary effects: μ*, μ and σ (screening; r(k+1) points).
    Morris,
    /// Sobol' first-order and total indices (Saltelli sampling; N(k+2) points).
    Sobol,
}

/// Arguments of `resim sensitivity`.
#[derive(Debug, Args)]
pub struct SensitivityArgs {
    #[command(flatten)]
    common: PointArgs,
    /// The method.
    #[arg(long)]
    method: MethodArg,
    /// Output to analyse, STRATEGY:OUTCOME[:SUBGROUP] (Hedges' g vs the baseline);
    /// repeat for several [default: the first non-baseline strategy, resilience, all].
    #[arg(long = "output", value_name = "STRATEGY:OUTCOME[:SUBGROUP]")]
    outputs: Vec<String>,
    /// Morris: trajectories r.
    #[arg(long, default_value_t = 10)]
    trajectories: u32,
    /// Morris: grid levels p (even).
    #[arg(long, default_value_t = 4)]
    levels: u32,
    /// Sobol: base sample size N.
    #[arg(long, default_value_t = 64)]
    samples: u32,
    /// Bootstrap resamples for the 95% intervals.
    #[arg(long, default_value_t = 1000)]
    bootstrap: u32,
    /// Seed of the design and the bootstrap (the simulation uses run.seed).
    #[arg(long, default_value_t = 1)]
    design_seed: u64,
}

impl SensitivityArgs {
    fn method(&self) -> Method {
        match self.method {
            MethodArg::Morris => Method::Morris {
                trajectories: self.trajectories,
                levels: self.levels,
            },
            MethodArg::Sobol => Method::Sobol {
                samples: self.samples,
            },
        }
    }
}

/// Runs the design, writes sensitivity.csv and sensitivity_points.csv, prints the indices.
pub fn sensitivity(args: SensitivityArgs) -> Result<(), JobError> {
    let a = &args.common;
    let cancel = cancel_on_signal();
    let file = a.load()?;
    let name = file.scenario.name.clone();
    let s = SensitivityOptions {
        scenario: file,
        threads: a.threads,
        method: args.method(),
        outputs: args.outputs.clone(),
        bootstrap: args.bootstrap,
        design_seed: args.design_seed,
        stop_after: a.stop_after_points,
    }
    .prepare()?;
    let method = s.options.method.name();
    let ws = a.workspace(|| PathBuf::from("results").join(format!("{name}-{method}")));
    if let Some(spec) = &a.shard {
        return a.run_shard(&s.work, &ws, spec);
    }
    let progress = Bar::new(a.quiet);
    if let Outcome::Done(mut result) = jobs::sensitivity(&s, Some(&ws), &progress, &cancel)? {
        result.write(&ws.dir, ws.force)?;
        print_sensitivity(&result, &ws.dir);
    }
    Ok(())
}
