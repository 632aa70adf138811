//! `_core.Scenario`: a validated scenario — a file, a bundled scenario or
//! a dict — with parameters set by the paths of sweeps and `--set`.

use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyFloat, PyInt, PyString};
use resilience_sim::jobs::{JobError, Overrides, ParameterOptions, ScenarioFile};
use resilience_sim::scenario::path::{self, Paths, Use};

use crate::errors::{At, error_at, job_error};

/// A scenario as read, with the `PATH=VALUE` settings applied in order:
/// immutable, `set` returns a new one.
#[pyclass(name = "Scenario", module = "resilience_sim._core", frozen)]
pub struct Scenario {
    /// The file as read (its text is hashed into manifests).
    base: ScenarioFile,
    /// `PATH=VALUE` settings, as `resim run --set` takes them.
    sets: Vec<String>,
    /// `base` with `sets` applied.
    resolved: ScenarioFile,
}

impl Scenario {
    fn new(base: ScenarioFile, sets: Vec<String>) -> Result<Scenario, JobError> {
        let mut resolved = base.clone();
        if !sets.is_empty() {
            ParameterOptions {
                set: sets.clone(),
                ..Default::default()
            }
            .apply(&mut resolved)?;
        }
        Ok(Scenario {
            base,
            sets,
            resolved,
        })
    }

    /// The scenario a job runs: the file with the run overrides, then the
    /// settings and parameter uncertainty, in the order `resim run` applies
    /// `--replicates`/`--seed` and `--set`/`--uncertainty`.
    pub fn prepared(
        &self,
        replicates: Option<u32>,
        seed: Option<u64>,
        uncertainty: bool,
    ) -> Result<ScenarioFile, JobError> {
        self.prepared_with(
            replicates,
            seed,
            ParameterOptions {
                uncertainty,
                ..Default::default()
            },
        )
    }

    /// [`Scenario::prepared`] with parameter options of the job's own:
    /// its `set` after the scenario's, and a posterior file.
    pub fn prepared_with(
        &self,
        replicates: Option<u32>,
        seed: Option<u64>,
        parameters: ParameterOptions,
    ) -> Result<ScenarioFile, JobError> {
        let mut file = self.base.clone();
        Overrides {
            replicates,
            seed,
            ..Default::default()
        }
        .apply(&mut file.scenario)?;
        let mut set = self.sets.clone();
        set.extend(parameters.set.iter().cloned());
        ParameterOptions { set, ..parameters }.apply(&mut file)?;
        Ok(file)
    }

    /// The scenario's file when it is a file on disk (not a bundled
    /// scenario or a dict): a job must not write over it.
    pub fn source_path(&self) -> Option<PathBuf> {
        let p = PathBuf::from(&self.base.file);
        p.is_file().then_some(p)
    }
}

/// A Python value as the TOML text of `PATH=VALUE`.
fn toml_text(value: &Bound<'_, PyAny>) -> PyResult<String> {
    let v = if value.is_instance_of::<PyBool>() {
        toml::Value::Boolean(value.extract()?)
    } else if value.is_instance_of::<PyInt>() {
        toml::Value::Integer(value.extract()?)
    } else if value.is_instance_of::<PyFloat>() {
        toml::Value::Float(value.extract()?)
    } else if value.is_instance_of::<PyString>() {
        toml::Value::String(value.extract()?)
    } else {
        return Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "a value must be a number, a bool or a string, not {}",
            value.get_type().name()?
        )));
    };
    Ok(v.to_string())
}

#[pymethods]
impl Scenario {
    /// Reads a scenario file, or a bundled scenario by name (`quickstart`).
    #[staticmethod]
    fn load(py: Python<'_>, given: &str) -> PyResult<Scenario> {
        ScenarioFile::load_or_bundled(given)
            .and_then(|f| Scenario::new(f, Vec::new()))
            .map_err(|e| job_error(py, e))
    }

    /// Validates scenario TOML text; `file` names it in messages and manifests.
    #[staticmethod]
    fn parse(py: Python<'_>, text: &str, file: &str) -> PyResult<Scenario> {
        ScenarioFile::parse(text, file)
            .and_then(|f| Scenario::new(f, Vec::new()))
            .map_err(|e| job_error(py, e))
    }

    /// Validates a scenario given as JSON text (a dict with the sections
    /// and keys of a scenario file); `file` names it in messages.
    #[staticmethod]
    fn from_json(py: Python<'_>, json: &str, file: &str) -> PyResult<Scenario> {
        let table: toml::Table = serde_json::from_str(json).map_err(|e| {
            job_error(
                py,
                JobError::input(format!(
                    "{file}: not a scenario table: {e}; valid: a dict of sections (`run`, `population`, `strategies`, …) holding numbers, strings, booleans, lists and dicts (no None)"
                )),
            )
        })?;
        let text = toml::to_string(&table)
            .map_err(|e| job_error(py, JobError::input(format!("{file}: {e}"))))?;
        Scenario::parse(py, &text, file)
    }

    /// A new scenario with the number or choice at `path` set to `value`
    /// (the paths of `resim list parameters`, sweeps and `--set`).
    fn set(&self, py: Python<'_>, path: &str, value: &Bound<'_, PyAny>) -> PyResult<Scenario> {
        let setting = format!("{path}={}", toml_text(value)?);
        let mut sets = self.sets.clone();
        sets.push(setting.clone());
        Scenario::new(self.base.clone(), sets).map_err(|e| {
            // Name the path and what is valid, as the loader tells it.
            let parsed: toml::Value = toml::from_str::<toml::Table>(&format!(
                "v = {}",
                toml_text(value).unwrap_or_default()
            ))
            .ok()
            .and_then(|mut t| t.remove("v"))
            .unwrap_or(toml::Value::Boolean(false));
            let problems = match Paths::of(&self.resolved.scenario).with_values([(path, parsed)]) {
                Err(ps) => ps,
                Ok(_) => Vec::new(),
            };
            error_at(
                py,
                &e,
                At {
                    file: Some(self.base.file.clone()),
                    problems,
                },
            )
        })
    }

    /// The number at `path`.
    fn get(&self, py: Python<'_>, path: &str) -> PyResult<f64> {
        path::get(&self.resolved.scenario, path).map_err(|p| {
            let e = JobError::input(format!("`{}`: {} (valid: {})", p.key, p.message, p.valid));
            error_at(
                py,
                &e,
                At {
                    file: Some(self.base.file.clone()),
                    problems: vec![p],
                },
            )
        })
    }

    /// Every path `set` takes (numbers and choices), in the order of the
    /// resolved file.
    fn paths(&self) -> Vec<String> {
        let paths = Paths::of(&self.resolved.scenario);
        paths
            .leaves()
            .iter()
            .filter(|l| paths.kind(&l.path, Use::Set).is_ok())
            .map(|l| l.path.clone())
            .collect()
    }

    /// The resolved scenario as TOML, every default filled in: what
    /// `resim check` prints.
    fn to_toml(&self) -> String {
        self.resolved.scenario.to_toml()
    }

    /// The resolved scenario as JSON text.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        let table: toml::Table = toml::from_str(&self.to_toml()).map_err(|e| {
            job_error(
                py,
                JobError::internal(format!("the resolved scenario does not read back: {e}")),
            )
        })?;
        serde_json::to_string(&table).map_err(|e| {
            job_error(
                py,
                JobError::internal(format!("the scenario cannot be written as JSON: {e}")),
            )
        })
    }

    /// The file as the user named it (`scenarios/NAME.toml` for a bundled one).
    #[getter]
    fn file(&self) -> &str {
        &self.base.file
    }

    /// The text of the file as read.
    #[getter]
    fn text(&self) -> &str {
        &self.base.text
    }

    /// The scenario's name.
    #[getter]
    fn name(&self) -> &str {
        &self.resolved.scenario.name
    }

    /// The `PATH=VALUE` settings applied, in order.
    #[getter]
    fn settings(&self) -> Vec<String> {
        self.sets.clone()
    }
}
