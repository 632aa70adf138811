//! `resim sweep`: every point of the scenario's `[sweep]` section.

use std::path::PathBuf;

use clap::Args;
use resilience_sim::jobs::{self, JobError, Outcome, SweepOptions};

use super::args::{FormatArgs, PointArgs};
use super::print::print_sweep;
use super::terminal::{Bar, cancel_on_signal};

/// Arguments of `resim sweep`.
#[derive(Debug, Args)]
pub struct SweepArgs {
    #[command(flatten)]
    common: PointArgs,
    #[command(flatten)]
    format: FormatArgs,
}

/// Runs every point of the scenario's `[sweep]`, writes sweep.csv and says where.
pub fn sweep(args: SweepArgs) -> Result<(), JobError> {
    let a = &args.common;
    let cancel = cancel_on_signal();
    let file = a.load()?;
    let name = file.scenario.name.clone();
    let work = SweepOptions {
        scenario: file,
        threads: a.threads,
        stop_after: a.stop_after_points,
        format: args.format.format,
    }
    .prepare()?;
    let ws = a.workspace(|| PathBuf::from("results").join(format!("{name}-sweep")));
    if let Some(s) = &a.shard {
        if work.format != jobs::OutputFormat::Csv {
            return Err(JobError::input(format!(
                "--format {} cannot be combined with --shard: shards hold no tables; give --format to `resim merge DIR`",
                work.format
            )));
        }
        return a.run_shard(&work, &ws, s);
    }
    let progress = Bar::new(a.quiet);
    if let Outcome::Done(mut result) = jobs::sweep(&work, Some(&ws), &progress, &cancel)? {
        result.write(&ws.dir, ws.force)?;
        print_sweep(&result, &ws.dir);
    }
    Ok(())
}
