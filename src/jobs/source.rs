//! The scenario a job runs, with the file it came from, and the scenarios
//! bundled with the program.

use crate::problem::Message;
use std::path::Path;

use crate::output::fnv1a;
use crate::scenario::{self, Scenario};

use super::JobError;

/// The bundled scenarios by name, so that a front end can offer them from
/// any directory (`resim whatif quickstart`).
pub const BUNDLED: &[(&str, &str)] = &[
    (
        "one_class_contact_book",
        include_str!("../../scenarios/one_class_contact_book.toml"),
    ),
    (
        "quickstart",
        include_str!("../../scenarios/quickstart.toml"),
    ),
    (
        "meta_analysis_trial",
        include_str!("../../scenarios/meta_analysis_trial.toml"),
    ),
    (
        "rural_left_behind",
        include_str!("../../scenarios/rural_left_behind.toml"),
    ),
    (
        "urban_exam_pressure",
        include_str!("../../scenarios/urban_exam_pressure.toml"),
    ),
    ("trust_gap", include_str!("../../scenarios/trust_gap.toml")),
    (
        "quickstart_sweep",
        include_str!("../../scenarios/quickstart_sweep.toml"),
    ),
];

/// A validated scenario with the file it was read from: its name as the
/// user gave it and its text, whose hash identifies the job in manifests,
/// journals and shard files.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioFile {
    /// The scenario (with any [`super::Overrides`] applied).
    pub scenario: Scenario,
    /// The file as the user named it.
    pub file: String,
    /// The file's text.
    pub text: String,
    /// `--set`, `--uncertainty` and `--posterior` as applied
    /// ([`super::ParameterOptions::apply`]); shards carry them to `resim merge`.
    pub parameters: super::ParameterOptions,
}

impl ScenarioFile {
    /// Reads and validates a scenario file.
    pub fn load(path: &Path) -> Result<ScenarioFile, JobError> {
        let text = scenario::read_text(path)?;
        let scenario = scenario::parse(&text, path)?;
        ScenarioFile {
            scenario,
            file: path.display().to_string(),
            text,
            parameters: Default::default(),
        }
        .with_draws()
    }

    /// Validates scenario text; `file` names it in messages and manifests.
    pub fn parse(text: &str, file: &str) -> Result<ScenarioFile, JobError> {
        ScenarioFile {
            scenario: scenario::parse(text, Path::new(file))?,
            file: file.to_string(),
            text: text.to_string(),
            parameters: Default::default(),
        }
        .with_draws()
    }

    /// A scenario file, or else a bundled scenario by name (`quickstart`,
    /// `scenarios/quickstart.toml` from another directory), known then as
    /// `scenarios/NAME.toml`.
    pub fn load_or_bundled(given: &str) -> Result<ScenarioFile, JobError> {
        let path = Path::new(given);
        if path.exists() {
            let text = scenario::read_text(path)?;
            let scenario = scenario::parse(&text, path)?;
            return ScenarioFile {
                scenario,
                file: given.to_string(),
                text,
                parameters: Default::default(),
            }
            .with_draws();
        }
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or(given);
        let looks_like_a_name = path.extension().is_none() && path.parent() == Some(Path::new(""));
        match BUNDLED.iter().find(|(n, _)| *n == stem) {
            Some((name, text)) => ScenarioFile::parse(text, &format!("scenarios/{name}.toml")),
            // A path that is not there: the loader's own message (file, what is valid).
            None if !looks_like_a_name => ScenarioFile::load(path),
            None => Err(JobError::Input(
                Message::new("problem-job-no-scenario")
                    .arg("given", given)
                    .arg(
                        "names",
                        BUNDLED
                            .iter()
                            .map(|(n, _)| format!("`{n}`"))
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
            )),
        }
    }

    /// The file with its parameter draws attached when it asks for
    /// parameter uncertainty (`[run] uncertainty = true`).
    fn with_draws(mut self) -> Result<ScenarioFile, JobError> {
        super::uncertainty::attach_draws(&mut self, None, &[])?;
        Ok(self)
    }

    /// FNV-1a hash of the file's text.
    pub fn hash(&self) -> String {
        fnv1a(self.text.as_bytes())
    }
}
