//! A [`JobError`] as a Python exception of `resilience_sim.errors`: the
//! class by the error's class (`InputError` exit 2, `BusyError`,
//! `CancelledError` 130, `InternalError` 1, `ValidationFailedError` 3),
//! the message `resim` prints, and the file, line and key when known.

use pyo3::prelude::*;
use pyo3::types::PyDict;
use resilience_sim::jobs::{ErrorClass, JobError};
use resilience_sim::problem::Problem;

/// Where a problem is: the file, and the first problem's line, key and
/// what is valid.
#[derive(Default)]
pub struct At {
    /// The file the problem is in.
    pub file: Option<String>,
    /// Every problem (key, message, valid, line).
    pub problems: Vec<Problem>,
}

/// The Python exception of `e`.
pub fn job_error(py: Python<'_>, e: JobError) -> PyErr {
    let at = match &e {
        JobError::Scenario(s) => At {
            file: Some(s.file.display().to_string()),
            problems: s.problems.clone(),
        },
        // A value a component refuses: its problem, keyed COMPONENT.KEY.
        JobError::Setting(r) => At {
            file: None,
            problems: r.problem.iter().cloned().collect(),
        },
        _ => At::default(),
    };
    error_at(py, &e, at)
}

/// The Python exception of `e`, found at `at`.
pub fn error_at(py: Python<'_>, e: &JobError, at: At) -> PyErr {
    let class = e.class();
    let kind = match (e, class) {
        (JobError::Busy(_), _) => "busy",
        (_, ErrorClass::BadInput) => "input",
        (_, ErrorClass::Interrupted) => "cancelled",
        (_, ErrorClass::Internal) => "internal",
        (_, ErrorClass::ValidationFailed) => "validation",
    };
    let message = e.to_string();
    let made = (|| -> PyResult<Bound<'_, PyAny>> {
        let problems = at
            .problems
            .iter()
            .map(|p| {
                let d = PyDict::new(py);
                d.set_item("key", &p.key)?;
                d.set_item("message", p.message.as_str())?;
                d.set_item("valid", p.valid.as_str())?;
                d.set_item("line", p.line)?;
                Ok(d)
            })
            .collect::<PyResult<Vec<_>>>()?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("kind", kind)?;
        kwargs.set_item("message", &message)?;
        kwargs.set_item("cli_message", format!("{}: {message}", class.prefix()))?;
        kwargs.set_item("exit_code", class.exit_code())?;
        kwargs.set_item("file", at.file)?;
        kwargs.set_item("problems", problems)?;
        kwargs.set_item("resumable", e.is_resumable())?;
        py.import("resilience_sim.errors")?
            .getattr("from_job")?
            .call((), Some(&kwargs))
    })();
    match made {
        Ok(exc) => PyErr::from_value(exc),
        // The package's exception module is missing (the core imported on
        // its own): a plain RuntimeError with the message.
        Err(_) => pyo3::exceptions::PyRuntimeError::new_err(message),
    }
}
