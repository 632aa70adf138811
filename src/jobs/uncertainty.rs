//! Parameter changes and parameter uncertainty asked for besides the
//! scenario file: `--set PATH=VALUE`, `--uncertainty` and `--posterior FILE`
//! (or `[run] uncertainty = true` / `posterior = "FILE"` in the file).
//!
//! With uncertainty on, each replicate's fitted parameters are drawn from
//! a posterior ([`crate::scenario::draws`]): the file given, else the
//! shipped ABC-SMC posterior built into the program. A value the scenario
//! file writes, a `--set` value or a sweep point's value is kept, not drawn.

use crate::problem::Message;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::calibration::rows::read_posterior;
use crate::input::{self, InputError};
use crate::scenario::Problem;
use crate::scenario::draws::{self, ParameterDraws, Posterior, SHIPPED_NAME, SHIPPED_POSTERIOR};
use crate::scenario::path::Paths;

use super::{JobError, ScenarioFile};

/// Largest posterior file read (a posterior of thousands of particles is
/// well under a megabyte).
pub const MAX_POSTERIOR_BYTES: u64 = 64 << 20;

/// Parameter values and uncertainty asked for besides the scenario file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParameterOptions {
    /// `PATH=VALUE` settings of scenario numbers or choices (`--set`),
    /// e.g. `stress.academic_load=0.06`; kept when parameters are drawn.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub set: Vec<String>,
    /// Draw each replicate's fitted parameters from a posterior.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub uncertainty: bool,
    /// The posterior file (relative to the working directory); implies
    /// `uncertainty`. Default: the scenario's `run.posterior`, else the
    /// shipped posterior.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub posterior: Option<String>,
}

impl ParameterOptions {
    /// Whether nothing is asked for.
    pub fn is_empty(&self) -> bool {
        *self == ParameterOptions::default()
    }

    /// The options as a shard job's options (`null` when empty, as before
    /// these options existed).
    pub fn to_json(&self) -> serde_json::Value {
        if self.is_empty() {
            serde_json::Value::Null
        } else {
            serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
        }
    }

    /// The options of a shard job's `options` (empty for `null`).
    pub fn from_json(v: &serde_json::Value) -> Result<ParameterOptions, JobError> {
        if v.is_null() {
            return Ok(ParameterOptions::default());
        }
        serde_json::from_value(v.clone()).map_err(JobError::shard_options)
    }

    /// Sets the `--set` values, then attaches the parameter draws when the
    /// options or the scenario ask for uncertainty. Remembers itself in
    /// `file` (shards carry it to `resim merge`).
    pub fn apply(&self, file: &mut ScenarioFile) -> Result<(), JobError> {
        let mut set_paths = Vec::new();
        if !self.set.is_empty() {
            let mut values = Vec::new();
            for s in &self.set {
                let (path, value) = parse_set(s)?;
                set_paths.push(path.clone());
                values.push((path, value));
            }
            let paths = Paths::of(&file.scenario);
            let sc = paths
                .with_values(values.iter().map(|(p, v)| (p.as_str(), v.clone())))
                .map_err(|ps| set_error(&self.set, ps))?;
            file.scenario = sc;
        }
        if self.uncertainty || self.posterior.is_some() {
            file.scenario.run.uncertainty = true;
        }
        file.parameters = self.clone();
        attach_draws(file, self.posterior.as_deref(), &set_paths)
    }
}

/// `PATH=VALUE` as a path and a TOML value (a bare word is a string).
fn parse_set(s: &str) -> Result<(String, toml::Value), JobError> {
    let (path, value) = s
        .split_once('=')
        .ok_or_else(|| JobError::Input(Message::new("problem-set-path-syntax").arg("given", s)))?;
    let value = value.trim();
    let parsed = toml::from_str::<toml::Table>(&format!("v = {value}"))
        .ok()
        .and_then(|mut t| t.remove("v"))
        .unwrap_or_else(|| toml::Value::String(value.to_string()));
    Ok((path.trim().to_string(), parsed))
}

fn set_error(set: &[String], problems: Vec<Problem>) -> JobError {
    let each = problems.into_iter().map(|p| {
        Message::new("problem-set-path")
            .arg("key", p.key)
            .with("message", p.message)
            .with("valid", p.valid)
    });
    JobError::Input(
        Message::new("problem-set-paths")
            .arg("set", set.join(" "))
            .with("problems", Message::joined(each, "; ")),
    )
}

/// Attaches the posterior draws to `file`'s scenario when it asks for
/// uncertainty: `cli_posterior` (relative to the working directory), else
/// the scenario's `run.posterior` (relative to the scenario file), else
/// the shipped posterior. `set` paths are kept besides those the file writes.
pub fn attach_draws(
    file: &mut ScenarioFile,
    cli_posterior: Option<&str>,
    set: &[String],
) -> Result<(), JobError> {
    let sc = &file.scenario;
    if !sc.run.uncertainty && sc.run.posterior.is_none() {
        draws::attach(&mut file.scenario, None);
        return Ok(());
    }
    let (name, bytes) = match (cli_posterior, &sc.run.posterior) {
        (Some(p), _) => (p.to_string(), read(Path::new(p))?),
        (None, Some(p)) => {
            let at = Path::new(&file.file)
                .parent()
                .unwrap_or(Path::new(""))
                .join(p);
            (at.display().to_string(), read(&at)?)
        }
        (None, None) => (SHIPPED_NAME.to_string(), SHIPPED_POSTERIOR.to_vec()),
    };
    let posterior = parse(&name, &bytes)?;
    let mut fixed = draws::given_in(&file.text, posterior.parameters.iter().map(String::as_str));
    for s in set {
        if posterior.parameters.contains(s) && !fixed.contains(s) {
            fixed.push(s.clone());
        }
    }
    let d = ParameterDraws::new(&file.scenario, posterior, fixed)
        .map_err(|problems| posterior_error(&name, &problems))?;
    file.scenario.run.uncertainty = true;
    draws::attach(&mut file.scenario, Some(d));
    Ok(())
}

/// A posterior file's bytes, at most [`MAX_POSTERIOR_BYTES`].
fn read(path: &Path) -> Result<Vec<u8>, JobError> {
    input::read_capped(path, MAX_POSTERIOR_BYTES, "a posterior").map_err(|e| match e {
        InputError::Io { .. } if e.is_not_found() => JobError::Input(
            Message::new("problem-posterior-missing")
                .arg("file", path.display())
                .arg("shipped", SHIPPED_NAME),
        ),
        e => JobError::Input(e.message()),
    })
}

/// Reads a posterior file (`calibration::rows::read_posterior`'s format).
pub fn parse(name: &str, bytes: &[u8]) -> Result<Posterior, JobError> {
    let p = read_posterior(name, bytes).map_err(|e| {
        let mut problem = Problem::new(
            e.column.clone().unwrap_or_default(),
            e.reason.clone(),
            Message::new("valid-posterior-columns").arg("shipped", SHIPPED_NAME),
        );
        problem.line = e.line.map(|l| l as usize);
        posterior_error(name, &[problem])
    })?;
    let sha = Sha256::digest(bytes);
    Ok(Posterior {
        file: name.to_string(),
        sha256: sha.iter().map(|b| format!("{b:02x}")).collect(),
        parameters: p.parameters,
        weights: p.rows.iter().map(|r| r.particle.weight).collect(),
        values: p.rows.iter().map(|r| r.values.clone()).collect(),
        lines: (0..p.rows.len()).map(|i| i + 2).collect(),
    })
}

/// Problems with a posterior file, each with its line and column (key),
/// the way a scenario's problems are told.
fn posterior_error(file: &str, problems: &[Problem]) -> JobError {
    let n = problems.len();
    let heading = Message::new(if n == 1 {
        "problem-in-posterior-one"
    } else {
        "problem-in-posterior-many"
    })
    .arg("count", n)
    .arg("file", file);
    let lines = problems.iter().map(|p| {
        let at = match p.line {
            Some(line) => format!("{file}:{line}"),
            None => file.to_string(),
        };
        let said = if p.key.is_empty() {
            Message::new("problem-at")
                .arg("at", at)
                .with("message", p.message.clone())
        } else {
            Message::new("problem-at-key")
                .arg("at", at)
                .arg("key", &p.key)
                .with("message", p.message.clone())
        };
        if p.valid.is_empty() {
            said
        } else {
            Message::joined(
                [
                    said,
                    Message::new("problem-valid").with("valid", p.valid.clone()),
                ],
                "\n      ",
            )
        }
    });
    JobError::Input(Message::joined(
        std::iter::once(heading).chain(lines),
        "\n  ",
    ))
}
