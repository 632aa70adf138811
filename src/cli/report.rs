//! `resim report`: the HTML report of a results directory.

use std::path::{Path, PathBuf};

use clap::Args;
use resilience_sim::i18n::Lang;
use resilience_sim::jobs::{self, JobError};

/// What the report shows beside all students (shared by `run`, `report` and `whatif`).
#[derive(Debug, Clone, Default, Args)]
pub struct ReportChoice {
    /// Subgroup shown beside all students in report.html [default: left_behind if present, else all].
    #[arg(long, value_name = "NAME")]
    subgroup: Option<String>,
    /// Outcome of the report's per-subgroup forest plot [default: resilience].
    #[arg(long, value_name = "NAME")]
    outcome: Option<String>,
    /// Language of report.html: en (English) or zh-CN (Simplified Chinese) [default: en].
    #[arg(long, value_name = "LANG")]
    lang: Option<Lang>,
}

impl ReportChoice {
    /// The choice as the job layer takes it.
    pub fn choice(&self) -> jobs::ReportChoice {
        jobs::ReportChoice {
            subgroup: self.subgroup.clone(),
            outcome: self.outcome.clone(),
            lang: self.lang,
        }
    }
}

/// Arguments of `resim report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// A results directory written by `resim run`, e.g. results/quickstart.
    dir: PathBuf,
    #[command(flatten)]
    choice: ReportChoice,
    /// Replace an existing report.html.
    #[arg(long)]
    force: bool,
}

/// Writes `dir/report.html` and `dir/plots/`.
pub fn write(dir: &Path, choice: &ReportChoice, force: bool) -> Result<PathBuf, JobError> {
    choice.choice().write(dir, force)
}

/// Writes the report of a results directory and says where it is.
pub fn report(args: ReportArgs) -> Result<(), JobError> {
    let path = write(&args.dir, &args.choice, args.force)?;
    println!("report: {}", path.display());
    Ok(())
}
