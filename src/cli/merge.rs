//! `resim merge DIR`: combine the shard files of a run, sweep or
//! sensitivity analysis into the outputs a single machine would write.

use std::path::PathBuf;

use clap::Args;
use resilience_sim::jobs::{self, JobError, Merged, RunFiles};
use resilience_sim::output;

use super::print::{print_sensitivity, print_sweep};

/// Arguments of `resim merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Directory the shards wrote into (holds shards/shard-I-of-N.json).
    dir: PathBuf,
    /// Where to write the merged outputs [default: DIR].
    #[arg(long)]
    out: Option<PathBuf>,
}

/// Merges the shards, writes the outputs and prints what a single machine would.
pub fn merge(args: MergeArgs) -> Result<(), JobError> {
    let merged = jobs::merge(&args.dir)?;
    let out = args.out.clone().unwrap_or_else(|| args.dir.clone());
    match &merged.merged {
        Merged::Run(result) => {
            RunFiles::create(&out, true, false)?.commit(result, &[], None)?;
            print!(
                "{}",
                output::ranking_table(&result.scenario, &result.summary)
            );
            println!("merged results in {}", out.display());
        }
        Merged::Sweep(result) => {
            jobs::output_dir(&out, true)?;
            result.write(&out)?;
            print_sweep(result, &out);
        }
        Merged::Sensitivity(result) => {
            jobs::output_dir(&out, true)?;
            result.write(&out)?;
            print_sensitivity(result, &out);
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
