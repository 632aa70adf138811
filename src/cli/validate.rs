//! `resim validate`: the model against published targets.

use std::path::{Path, PathBuf};

use clap::Args;
use resilience_sim::jobs::validate::validation_scenario;
use resilience_sim::jobs::{self, JobError, Targets, ValidateOptions};
use resilience_sim::validation::report;

use super::args::{SimArgs, WriteArgs};
use super::terminal::{Bar, cancel_on_signal};

/// Arguments of `resim validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Targets CSV with the columns of calibration.csv
    /// (id,finding,statistic,value,low,high,population,source)
    /// [default: the bundled copy of shared/targets/calibration.csv].
    #[arg(long, value_name = "CSV")]
    targets: Option<PathBuf>,
    /// Scenario to measure the targets on [default: the bundled
    /// scenarios/meta_analysis_trial.toml].
    #[arg(long, value_name = "FILE")]
    scenario: Option<PathBuf>,
    #[command(flatten)]
    sim: SimArgs,
    /// Exit with code 3 when any target is outside its band or cannot be measured.
    #[arg(long)]
    strict: bool,
    /// Output directory for validation.csv [default: results/validation].
    #[arg(long)]
    out: Option<PathBuf>,
    #[command(flatten)]
    write: WriteArgs,
}

/// Measures the targets, writes validation.csv, prints the table; with
/// `--strict`, fails when a target is outside its band or not measured.
pub fn validate(args: ValidateArgs) -> Result<(), JobError> {
    let cancel = cancel_on_signal();
    let targets = Targets::load(args.targets.as_deref())?;
    let (scenario, scenario_name) = validation_scenario(args.scenario.as_deref())?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| Path::new("results").join("validation"));
    let dir = jobs::output_dir(&out, args.write.force)?;
    let v = jobs::validate(
        &ValidateOptions {
            targets,
            scenario,
            scenario_name,
            replicates: args.sim.replicates,
            seed: args.sim.seed,
            threads: args.sim.threads,
        },
        &Bar::new(args.write.quiet),
        &cancel,
    )?;
    v.write(&dir)?;

    println!(
        "validation of {} on {}: {} students, {} strategies measured ({}), {} replicates, seed {}",
        v.targets_name,
        v.scenario_name,
        v.scenario.students(),
        v.scenario.strategies.len(),
        v.scenario
            .strategies
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        v.replicates,
        v.seed
    );
    println!();
    print!("{}", report::table(&v.results));
    println!();
    println!("{}.", report::summary_line(&v.results));
    println!(
        "A target passes when the simulated mean over replicates lies in its band; the interval is the mean's 95% Monte Carlo interval."
    );
    println!("results in {}", dir.file("validation.csv").display());
    if args.strict {
        v.strict()?;
    }
    Ok(())
}
