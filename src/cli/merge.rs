//! `resim merge DIR`: combine the shard files of a run, sweep or
//! sensitivity analysis into the outputs a single machine would write.

use std::path::PathBuf;

use clap::Args;
use resilience_sim::jobs::{self, JobError, MergeOut, Merged};
use resilience_sim::output;

use super::args::FormatArgs;
use super::print::{print_sensitivity, print_sweep};

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
    #[command(flatten)]
    format: FormatArgs,
}

/// Merges the shards, writes the outputs and prints what a single machine would.
pub fn merge(args: MergeArgs) -> Result<(), JobError> {
    let out = args.out.clone().unwrap_or_else(|| args.dir.clone());
    let mut merged = jobs::merge(
        &args.dir,
        Some(&MergeOut {
            dir: out.clone(),
            force: args.force,
            format: args.format.format,
        }),
    )?;
    merged.write()?;
    match &merged.merged {
        Merged::Run(result) => {
            print!(
                "{}",
                output::ranking_table(&result.scenario, &result.summary)
            );
            println!("merged results in {}", out.display());
        }
        Merged::Sweep(result) => print_sweep(result, &out),
        Merged::Sensitivity(result) => print_sensitivity(result, &out),
    }
    eprintln!(
        "merged {} shard{} from {}",
        merged.shards,
        if merged.shards == 1 { "" } else { "s" },
        merged.from.display()
    );
    Ok(())
}
