//! `resim merge DIR`: combine the shard files of a run, sweep or
//! sensitivity analysis into the outputs a single machine would write;
//! finish an optimise search from its shards' screening round.

use std::path::PathBuf;

use clap::Args;
use resilience_sim::jobs::{self, JobError, MergeOut, Merged};
use resilience_sim::output;

use super::args::FormatArgs;
use super::optimise::print_result;
use super::print::{print_sensitivity, print_sweep};
use super::terminal::{Bar, cancel_on_signal};

/// Arguments of `resim merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Directory the shards wrote into (holds shards/shard-I-of-N.json).
    dir: PathBuf,
    /// Where to write the merged outputs [default: DIR].
    #[arg(long)]
    out: Option<PathBuf>,
    /// Replace results of another job in the output directory (results of
    /// the same job, from an earlier merge, are replaced without it).
    #[arg(long)]
    force: bool,
    /// Worker threads: building a run's tables, an optimise search's
    /// remaining rounds [default: SLURM_CPUS_PER_TASK, else all cores].
    #[arg(long)]
    threads: Option<usize>,
    /// No progress bar (an optimise search's remaining rounds).
    #[arg(long, short)]
    quiet: bool,
    #[command(flatten)]
    format: FormatArgs,
}

/// Merges the shards, writes the outputs and prints what a single machine would.
pub fn merge(args: MergeArgs) -> Result<(), JobError> {
    let out = args.out.clone().unwrap_or_else(|| args.dir.clone());
    let cancel = cancel_on_signal();
    let mut merged = jobs::merge(
        &args.dir,
        Some(&MergeOut {
            dir: out.clone(),
            force: args.force,
            format: args.format.format,
        }),
        args.threads,
        &Bar::new(args.quiet),
        &cancel,
    )?;
    merged.write()?;
    match &merged.merged {
        Merged::Run(result) => {
            print!(
                "{}",
                output::ranking_table(&result.scenario, &result.summary)
            );
            if let Some(w) = super::run::check_work(result) {
                println!("simulated {w}");
            }
            println!("merged results in {}", out.display());
        }
        Merged::Sweep(result) => print_sweep(result, &out),
        Merged::Sensitivity(result) => print_sensitivity(result, &out),
        Merged::Optimise(result) => {
            print_result(result);
            println!("merged results in {}", out.display());
        }
    }
    eprintln!(
        "merged {} shard{} from {}",
        merged.shards,
        if merged.shards == 1 { "" } else { "s" },
        merged.from.display()
    );
    Ok(())
}
