//! The command line: clap definitions, printing and exit codes. Every
//! command parses its flags into the options of a library job
//! (`resilience_sim::jobs`), runs it with a progress bar and Ctrl-C
//! handling, writes its results with the job layer's own call, and prints.

mod args;
mod calibrate;
mod check;
mod list;
mod merge;
mod optimise;
mod print;
mod report;
mod run;
mod sensitivity;
#[cfg(feature = "studio")]
mod serve;
mod sweep;
mod terminal;
mod validate;
mod whatif;

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use resilience_sim::jobs::JobError;

/// Simulate how home–school collaboration shapes students' mental resilience,
/// and compare collaboration strategies on resilience, distress and cost.
#[derive(Debug, Parser)]
#[command(name = "resim", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run a scenario: every strategy on the same synthetic students, many replicates.
    Run(run::RunArgs),
    /// Write DIR/report.html (charts, plain-language findings) from a results directory.
    Report(report::ReportArgs),
    /// What if my class or school changed its strategy? Compare it with the baseline, in plain words.
    Whatif(whatif::WhatifArgs),
    /// Run every point of the scenario's [sweep] section; write sweep.csv.
    Sweep(sweep::SweepArgs),
    /// Morris or Sobol' sensitivity analysis over the [sweep] ranges.
    Sensitivity(sensitivity::SensitivityArgs),
    /// Merge the shard files of a run, sweep or sensitivity analysis (DIR/shards/).
    Merge(merge::MergeArgs),
    /// Validate a scenario and print it with every default filled in.
    Check {
        /// Scenario file (TOML), e.g. scenarios/quickstart.toml, or a bundled scenario's name (quickstart).
        scenario: PathBuf,
        /// Worker threads of the steady-state check, and those the memory estimate assumes (as `resim run --threads`) [default: SLURM_CPUS_PER_TASK, else all cores].
        #[arg(long)]
        threads: Option<usize>,
        /// The memory estimate of a run with --students (students.csv).
        #[arg(long)]
        students: bool,
    },
    /// Compare the model with published targets (the bundled calibration set by default).
    Validate(validate::ValidateArgs),
    /// Fit chosen parameters of a scenario to published targets.
    Calibrate(calibrate::CalibrateArgs),
    /// The best portfolio of components for a budget: race every affordable portfolio.
    Optimise(optimise::OptimiseArgs),
    /// The studio: a local web application in the browser (http://127.0.0.1:8080).
    #[cfg(feature = "studio")]
    Serve(serve::ServeArgs),
    /// List components, parameters (with defaults and meaning), outcomes and subgroups.
    List {
        /// Only this part: components, parameters, mechanisms, traits, outcomes, subgroups or targets.
        topic: Option<String>,
    },
}

/// The process exit code of a failure: 2 bad input or usage, 130
/// interrupted, 1 internal error, 3 validation failed.
pub fn exit_code(e: &JobError) -> u8 {
    e.class().exit_code()
}

/// The line printed on stderr for a failure.
pub fn message(e: &JobError) -> String {
    format!("{}: {e}", e.class().prefix())
}

/// Runs the chosen command.
pub fn dispatch(cli: Cli) -> Result<(), JobError> {
    match cli.command {
        Command::Run(args) => run::run(args),
        Command::Validate(args) => validate::validate(args),
        Command::Calibrate(args) => calibrate::calibrate(args),
        Command::Optimise(args) => optimise::optimise(args),
        Command::Report(args) => report::report(args),
        Command::Whatif(args) => whatif::whatif(args),
        Command::Sweep(args) => sweep::sweep(args),
        Command::Sensitivity(args) => sensitivity::sensitivity(args),
        Command::Merge(args) => merge::merge(args),
        Command::Check {
            scenario,
            threads,
            students,
        } => check::check(&scenario, threads, students),
        Command::List { topic } => list::list(topic.as_deref()),
        #[cfg(feature = "studio")]
        Command::Serve(args) => serve::serve(args),
    }
}
