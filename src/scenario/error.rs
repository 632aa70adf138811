//! Errors in scenario files: every [`Problem`] of one file, named once.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::i18n::{self, Lang};
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

impl ScenarioError {
    /// Every problem in `lang`, each on its line under a heading that names
    /// the file (in English, what the CLI prints).
    pub fn in_lang(&self, lang: Lang) -> String {
        let file = self.file.display().to_string();
        let n = self.problems.len();
        let mut out = i18n::text(
            lang,
            if n == 1 {
                "problem-in-scenario-one"
            } else {
                "problem-in-scenario-many"
            },
            &[("count", &n.to_string()), ("file", &file)],
        );
        for p in &self.problems {
            let at = match p.line {
                Some(line) => format!("{file}:{line}"),
                None => file.clone(),
            };
            let message = p.message.render(lang);
            out.push_str("\n  ");
            out.push_str(&if p.key.is_empty() {
                i18n::text(lang, "problem-at", &[("at", &at), ("message", &message)])
            } else {
                i18n::text(
                    lang,
                    "problem-at-key",
                    &[("at", &at), ("key", &p.key), ("message", &message)],
                )
            });
            let valid = p.valid.render(lang);
            if !valid.is_empty() {
                out.push_str("\n      ");
                out.push_str(&i18n::text(lang, "problem-valid", &[("valid", &valid)]));
            }
        }
        out
    }
}

/// In English, as the CLI prints it.
impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.in_lang(Lang::En))
    }
}

impl std::error::Error for ScenarioError {}
