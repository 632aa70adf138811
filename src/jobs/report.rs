//! `report`: the HTML report of a run's results (`report.html` and
//! `plots/`), as every front end writes it — `resim run --report`,
//! `resim whatif`, `resim report DIR` and the Python package.
//!
//! The choice of what the report shows is checked before anything is run
//! ([`ReportChoice::check`], [`ReportChoice::for_run`]), so a misspelt
//! subgroup fails in a second rather than after the simulation; the
//! report is written after the run's files are committed
//! ([`ReportChoice::write`]), from those files.

use crate::problem::Message;
use std::path::{Path, PathBuf};

use crate::i18n::Lang;
use crate::report::{self, ReportOptions};

use super::JobError;

/// What a report shows beside all students and every outcome.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportChoice {
    /// Subgroup shown beside all students [default: `left_behind` if
    /// present, else `all`].
    pub subgroup: Option<String>,
    /// Outcome of the per-subgroup forest plot [default: `resilience`].
    pub outcome: Option<String>,
    /// Language of the report [default: English].
    pub lang: Option<Lang>,
}

impl ReportChoice {
    /// Checks the names (`--subgroup`, `--outcome`) before anything is run.
    pub fn check(&self) -> Result<(), JobError> {
        Ok(report::check_names(
            self.subgroup.as_deref(),
            self.outcome.as_deref(),
        )?)
    }

    /// Whether a subgroup, an outcome or a language was chosen.
    pub fn given(&self) -> bool {
        self.subgroup.is_some() || self.outcome.is_some() || self.lang.is_some()
    }

    /// The report a run writes: checked when `report` is asked for; without
    /// it a choice is refused (it would change nothing), and there is no
    /// report.
    pub fn for_run(self, report: bool) -> Result<Option<ReportChoice>, JobError> {
        if report {
            self.check()?;
            Ok(Some(self))
        } else if self.given() {
            Err(JobError::Input(Message::new("problem-job-report-choice")))
        } else {
            Ok(None)
        }
    }

    /// Writes `dir/report.html` and `dir/plots/` from the results in `dir`;
    /// an existing report.html is replaced only with `force`. A what-if
    /// always passes `force`: its folder was claimed for its own files.
    /// Returns the report's path.
    pub fn write(&self, dir: &Path, force: bool) -> Result<PathBuf, JobError> {
        let opts = ReportOptions {
            subgroup: self.subgroup.clone(),
            outcome: self.outcome.clone(),
            force,
            lang: self.lang.unwrap_or_default(),
        };
        Ok(report::write_report(dir, &opts)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_choice_without_a_report_is_refused_and_none_is_no_report() {
        let chosen = ReportChoice {
            subgroup: Some("rural".into()),
            outcome: None,
            lang: None,
        };
        let e = chosen.clone().for_run(false).unwrap_err();
        assert!(e.to_string().contains("add --report"), "{e}");
        assert_eq!(ReportChoice::default().for_run(false).unwrap(), None);
        assert_eq!(chosen.clone().for_run(true).unwrap(), Some(chosen));
    }

    #[test]
    fn an_unknown_name_is_bad_input_before_the_run() {
        let e = ReportChoice {
            subgroup: None,
            outcome: Some("happiness".into()),
            lang: None,
        }
        .for_run(true)
        .unwrap_err();
        assert_eq!(e.class(), super::super::ErrorClass::BadInput);
        assert!(e.to_string().contains("--outcome `happiness`"), "{e}");
    }
}
