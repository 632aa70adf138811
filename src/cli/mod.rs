//! Command-line definitions and dispatch.

mod calibrate;
mod check;
mod list;
mod merge;
mod pipeline;
mod report;
mod run;
mod sensitivity;
mod sweep;
mod validate;
mod whatif;

use std::fmt;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

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
        /// Scenario file (TOML), e.g. scenarios/quickstart.toml.
        scenario: PathBuf,
    },
    /// Compare the model with published targets (the bundled calibration set by default).
    Validate(validate::ValidateArgs),
    /// Fit chosen parameters of a scenario to published targets.
    Calibrate(calibrate::CalibrateArgs),
    /// List components, parameters (with defaults and meaning), outcomes and subgroups.
    List {
        /// Only this part: components, parameters, mechanisms, traits, outcomes, subgroups or targets.
        topic: Option<String>,
    },
}

/// A failure with its exit code.
#[derive(Debug)]
pub enum CliError {
    /// Bad input or usage: exit 2.
    Input(String),
    /// Stopped by SIGINT or SIGTERM: exit 130.
    Interrupted,
    /// Stopped by SIGINT or SIGTERM with the work so far saved: exit 130.
    Resumable(String),
    /// A bug or an I/O failure: exit 1.
    Internal(String),
    /// `--strict` and a target outside its band (or not measured): exit 3.
    Failed(String),
}

impl CliError {
    /// The process exit code.
    pub fn code(&self) -> u8 {
        match self {
            CliError::Input(_) => 2,
            CliError::Interrupted | CliError::Resumable(_) => 130,
            CliError::Internal(_) => 1,
            CliError::Failed(_) => 3,
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Input(m) => write!(f, "error: {m}"),
            CliError::Interrupted => write!(
                f,
                "interrupted: stopped cleanly; no result file was written or changed"
            ),
            CliError::Resumable(m) => write!(f, "interrupted: {m}"),
            CliError::Internal(m) => write!(f, "internal error: {m}"),
            CliError::Failed(m) => write!(f, "validation failed: {m}"),
        }
    }
}

impl From<resilience_sim::scenario::ScenarioError> for CliError {
    fn from(e: resilience_sim::scenario::ScenarioError) -> Self {
        CliError::Input(e.to_string())
    }
}

/// Runs the chosen command.
pub fn dispatch(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        Command::Run(args) => run::run(args),
        Command::Validate(args) => validate::validate(args),
        Command::Calibrate(args) => calibrate::calibrate(args),
        Command::Report(args) => report::report(args),
        Command::Whatif(args) => whatif::whatif(args),
        Command::Sweep(args) => sweep::sweep(args),
        Command::Sensitivity(args) => sensitivity::sensitivity(args),
        Command::Merge(args) => merge::merge(args),
        Command::Check { scenario } => check::check(&scenario),
        Command::List { topic } => list::list(topic.as_deref()),
    }
}
