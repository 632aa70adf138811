//! Errors in scenario files: every [`Problem`] of one file, named once.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::problem::Problem;

/// Everything wrong with one scenario file.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioError {
    /// The file as the user named it.
    pub file: PathBuf,
    /// At least one problem.
    pub problems: Vec<Problem>,
}

impl ScenarioError {
    /// An error with a single problem.
    pub fn single(file: &Path, problem: Problem) -> Self {
        ScenarioError {
            file: file.to_path_buf(),
            problems: vec![problem],
        }
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        write!(
            f,
            "{} problem{} in scenario {}",
            n,
            if n == 1 { "" } else { "s" },
            self.file.display()
        )?;
        for p in &self.problems {
            write!(f, "\n  {}", self.file.display())?;
            if let Some(line) = p.line {
                write!(f, ":{line}")?;
            }
            if p.key.is_empty() {
                write!(f, ": {}", p.message)?;
            } else {
                write!(f, ": key `{}`: {}", p.key, p.message)?;
            }
            if !p.valid.is_empty() {
                write!(f, "\n      valid: {}", p.valid)?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for ScenarioError {}
