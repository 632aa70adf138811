//! `resim whatif`: an educator's question about one class or school,
//! answered in plain words.

use std::path::PathBuf;

use clap::Args;
use resilience_sim::jobs::{self, JobError, RunFiles, WhatIf, WhatIfQuestion};

use super::args::{FormatArgs, SimArgs, WriteArgs};
use super::report::ReportChoice;
use super::terminal::{Bar, cancel_on_signal};

/// Arguments of `resim whatif`.
#[derive(Debug, Args)]
pub struct WhatifArgs {
    /// Scenario file, or a bundled scenario's name [default: one_class_contact_book].
    scenario: Option<String>,
    /// Add a component to the baseline strategy (repeatable), e.g. --add contact_book.
    #[arg(long, value_name = "COMPONENT")]
    add: Vec<String>,
    /// Remove a component of the baseline strategy (repeatable).
    #[arg(long, value_name = "COMPONENT")]
    remove: Vec<String>,
    /// Change a setting (repeatable), e.g. --set contact_book.frequency=daily.
    #[arg(long, value_name = "COMPONENT.KEY=VALUE")]
    set: Vec<String>,
    /// Output directory [default: results/whatif-<scenario>-<question>, with -2, -3, … when asked again].
    #[arg(long)]
    out: Option<PathBuf>,
    /// Parameter uncertainty: each replicate draws the fitted parameters from
    /// the posterior; the answer quotes the 95 % uncertainty interval.
    #[arg(long)]
    uncertainty: bool,
    /// The posterior file of --uncertainty (implies it) [default: the shipped posterior].
    #[arg(long, value_name = "FILE")]
    posterior: Option<String>,
    #[command(flatten)]
    sim: SimArgs,
    #[command(flatten)]
    choice: ReportChoice,
    #[command(flatten)]
    write: WriteArgs,
    #[command(flatten)]
    format: FormatArgs,
}

/// Builds the what-if strategy, runs it against the baseline, prints the
/// answer in plain words and writes the results and report.
pub fn whatif(args: WhatifArgs) -> Result<(), JobError> {
    let cancel = cancel_on_signal();
    let report = args.choice.choice();
    report.check()?;
    let question = WhatIf::ask(&WhatIfQuestion {
        scenario: args.scenario.clone(),
        add: args.add.clone(),
        remove: args.remove.clone(),
        set: args.set.clone(),
        overrides: args.sim.overrides(),
        uncertainty: args.uncertainty,
        posterior: args.posterior.clone(),
    })?;
    let out = args.out.clone().unwrap_or_else(|| question.default_out());
    let files = RunFiles::create_as(&out, args.write.force, false, args.format.format)?;
    if let Some(input) = &args.scenario {
        files.protect_input(
            std::path::Path::new(input),
            &["scenario.toml", "report.html"],
        )?;
    }
    let answer = jobs::what_if(
        &question,
        &out,
        args.sim.threads,
        &Bar::new(args.write.quiet),
        &cancel,
    )?;
    files.commit(&answer.run, &answer.extra_files(), Some(&cancel))?;
    print!("{}", answer.text);
    let written = report.write(&out, true)?;
    println!("Results and report: {}", written.display());
    Ok(())
}
