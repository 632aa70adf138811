//! `resilience_sim._core`: the Rust core of the Python package. It calls
//! the library's job layer (`resilience_sim::jobs`) — no subprocess — and
//! writes results with the job layer's own calls, so the files are the
//! ones `resim` writes. The pure-Python package `resilience_sim` wraps it
//! (data frames, progress bars, exception classes).
//!
//! Every job runs on a worker thread while the calling thread, with the GIL
//! released, waits in steps of [`POLL`]: between steps it takes the GIL,
//! shows progress and checks for signals, so Ctrl-C (KeyboardInterrupt)
//! sets the job's [`Cancel`] token, waits for the job to stop cleanly and
//! re-raises.

mod calibrate;
mod drive;
mod errors;
mod scenario;

use std::path::PathBuf;

use pyo3::prelude::*;
use resilience_sim::jobs::{
    self, Outcome, OutputFormat, Overrides, ReportChoice, RunFiles, RunOptions, SensitivityOptions,
    SweepOptions, Targets, ValidateOptions, WhatIf, WhatIfQuestion, Workspace,
};
use resilience_sim::output;
use resilience_sim::sensitivity::Method;
use resilience_sim::validation::report;

use drive::{POLL, drive};
use errors::job_error;
use scenario::Scenario;

/// Runs every strategy of `scenario` over its replicates and writes the
/// run's files into `out` (as `resim run --out OUT`); returns the ranking
/// table `resim run` prints.
/// With `report`, also writes `report.html` and `plots/` (as `resim run
/// --report`), showing `subgroup` and `outcome`. The big tables
/// (students, trajectories) are written in `format` (`csv`, `parquet` or
/// `both`, as `--format`).
#[pyfunction]
#[pyo3(signature = (scenario, out, *, replicates=None, seed=None, threads=None, students=false, uncertainty=false, format="csv", report=false, subgroup=None, outcome=None, force=false, progress=None))]
#[allow(clippy::too_many_arguments)]
fn run(
    py: Python<'_>,
    scenario: &Bound<'_, Scenario>,
    out: PathBuf,
    replicates: Option<u32>,
    seed: Option<u64>,
    threads: Option<usize>,
    students: bool,
    uncertainty: bool,
    format: &str,
    report: bool,
    subgroup: Option<String>,
    outcome: Option<String>,
    force: bool,
    progress: Option<Bound<'_, PyAny>>,
) -> PyResult<String> {
    let sc = scenario.get();
    let file = sc
        .prepared(replicates, seed, uncertainty)
        .map_err(|e| job_error(py, e))?;
    let format = output_format(format).map_err(|e| job_error(py, e))?;
    let report = ReportChoice {
        subgroup,
        outcome,
        lang: None,
    }
    .for_run(report)
    .map_err(|e| job_error(py, e))?;
    let input = sc.source_path();
    let opts = RunOptions {
        scenario: file,
        threads,
    };
    drive(py, progress.as_ref(), move |progress, cancel| {
        let mut files = RunFiles::create_as(&out, force, students, format)?;
        if let Some(input) = &input {
            files.protect_input(input, &["report.html"])?;
        }
        let done = jobs::run(&opts, files.students(), progress, cancel)?;
        files.commit(&done, &[], Some(cancel))?;
        if let Some(report) = report {
            report.write(&out, force)?;
        }
        Ok(output::ranking_table(&done.scenario, &done.summary))
    })
}

/// `format` (`csv`, `parquet` or `both`) by the job layer's own names.
fn output_format(format: &str) -> Result<OutputFormat, jobs::JobError> {
    format
        .parse::<OutputFormat>()
        .and_then(|f| f.check().map_err(|m| m.to_string()))
        .map_err(|e| jobs::JobError::input(format!("format: {e}")))
}

/// Asks what if the baseline strategy of `scenario` added, removed or
/// changed components (as `resim whatif`), writes the answer's run, its
/// `scenario.toml` and `report.html` (showing `subgroup` and `outcome`)
/// into `out`, and returns the answer in words.
#[pyfunction]
#[pyo3(signature = (scenario, out, *, add=Vec::new(), remove=Vec::new(), settings=Vec::new(), replicates=None, seed=None, threads=None, uncertainty=false, format="csv", subgroup=None, outcome=None, force=false, progress=None))]
#[allow(clippy::too_many_arguments)]
fn whatif(
    py: Python<'_>,
    scenario: &Bound<'_, Scenario>,
    out: PathBuf,
    add: Vec<String>,
    remove: Vec<String>,
    settings: Vec<String>,
    replicates: Option<u32>,
    seed: Option<u64>,
    threads: Option<usize>,
    uncertainty: bool,
    format: &str,
    subgroup: Option<String>,
    outcome: Option<String>,
    force: bool,
    progress: Option<Bound<'_, PyAny>>,
) -> PyResult<String> {
    let format = output_format(format).map_err(|e| job_error(py, e))?;
    let report = ReportChoice {
        subgroup,
        outcome,
        lang: None,
    };
    report.check().map_err(|e| job_error(py, e))?;
    let sc = scenario.get();
    let given = sc
        .prepared(None, None, false)
        .map_err(|e| job_error(py, e))?;
    let input = sc.source_path();
    let question = WhatIfQuestion {
        scenario: None,
        add,
        remove,
        set: settings,
        overrides: Overrides {
            replicates,
            seed,
            ..Default::default()
        },
        uncertainty,
        posterior: None,
    };
    let asked = WhatIf::ask_about(given, &question).map_err(|e| job_error(py, e))?;
    drive(py, progress.as_ref(), move |progress, cancel| {
        let files = RunFiles::create_as(&out, force, false, format)?;
        if let Some(input) = &input {
            files.protect_input(input, &["scenario.toml", "report.html"])?;
        }
        let answer = jobs::what_if(&asked, &out, threads, progress, cancel)?;
        files.commit(&answer.run, &answer.extra_files(), Some(cancel))?;
        report.write(&out, true)?;
        Ok(answer.text)
    })
}

/// Runs every point of the scenario's `[sweep]` section and writes
/// `sweep.csv` (or `sweep.parquet`, or both: `format`) into `out` (as
/// `resim sweep --out OUT`). `resume` continues an interrupted sweep from
/// its journal.
#[pyfunction]
#[pyo3(signature = (scenario, out, *, replicates=None, threads=None, format="csv", resume=false, force=false, progress=None))]
#[allow(clippy::too_many_arguments)]
fn sweep(
    py: Python<'_>,
    scenario: &Bound<'_, Scenario>,
    out: PathBuf,
    replicates: Option<u32>,
    threads: Option<usize>,
    format: &str,
    resume: bool,
    force: bool,
    progress: Option<Bound<'_, PyAny>>,
) -> PyResult<()> {
    let format = output_format(format).map_err(|e| job_error(py, e))?;
    let file = scenario
        .get()
        .prepared(replicates, None, false)
        .map_err(|e| job_error(py, e))?;
    let work = SweepOptions {
        scenario: file,
        threads,
        stop_after: None,
        format,
    }
    .prepare()
    .map_err(|e| job_error(py, e))?;
    let ws = Workspace {
        dir: out,
        resume,
        force,
    };
    drive(py, progress.as_ref(), move |progress, cancel| {
        if let Outcome::Done(mut result) = jobs::sweep(&work, Some(&ws), progress, cancel)? {
            result.write(&ws.dir, ws.force)?;
        }
        Ok(())
    })
}

/// Morris or Sobol' sensitivity analysis over the scenario's `[sweep]`
/// ranges (as `resim sensitivity --out OUT`): writes `sensitivity.csv` and
/// `sensitivity_points.csv` into `out`.
#[pyfunction]
#[pyo3(signature = (scenario, out, *, method, outputs=Vec::new(), trajectories=10, levels=4, samples=64, bootstrap=1000, design_seed=1, replicates=None, threads=None, resume=false, force=false, progress=None))]
#[allow(clippy::too_many_arguments)]
fn sensitivity(
    py: Python<'_>,
    scenario: &Bound<'_, Scenario>,
    out: PathBuf,
    method: &str,
    outputs: Vec<String>,
    trajectories: u32,
    levels: u32,
    samples: u32,
    bootstrap: u32,
    design_seed: u64,
    replicates: Option<u32>,
    threads: Option<usize>,
    resume: bool,
    force: bool,
    progress: Option<Bound<'_, PyAny>>,
) -> PyResult<()> {
    let method = match method {
        "morris" => Method::Morris {
            trajectories,
            levels,
        },
        "sobol" => Method::Sobol { samples },
        other => {
            return Err(job_error(
                py,
                jobs::JobError::input(format!(
                    "method `{other}`: valid methods are `morris` and `sobol`"
                )),
            ));
        }
    };
    let file = scenario
        .get()
        .prepared(replicates, None, false)
        .map_err(|e| job_error(py, e))?;
    let s = SensitivityOptions {
        scenario: file,
        threads,
        method,
        outputs,
        bootstrap,
        design_seed,
        stop_after: None,
    }
    .prepare()
    .map_err(|e| job_error(py, e))?;
    let ws = Workspace {
        dir: out,
        resume,
        force,
    };
    drive(py, progress.as_ref(), move |progress, cancel| {
        if let Outcome::Done(mut result) = jobs::sensitivity(&s, Some(&ws), progress, cancel)? {
            result.write(&ws.dir, ws.force)?;
        }
        Ok(())
    })
}

/// Compares the model with published targets (as `resim validate --out
/// OUT`): the bundled calibration targets, or the targets CSV `targets`;
/// `scenario` replaces the validation scenario; `settings` are `PATH=VALUE`
/// applied to every scenario. Writes `validation.csv`; returns the table
/// and summary line `resim validate` prints. With `strict`, a target
/// outside its band raises after the file is written.
#[pyfunction]
#[pyo3(signature = (out, *, targets=None, scenario=None, settings=Vec::new(), replicates=None, seed=None, threads=None, strict=false, force=false, progress=None))]
#[allow(clippy::too_many_arguments)]
fn validate(
    py: Python<'_>,
    out: PathBuf,
    targets: Option<PathBuf>,
    scenario: Option<&Bound<'_, Scenario>>,
    settings: Vec<String>,
    replicates: Option<u32>,
    seed: Option<u64>,
    threads: Option<usize>,
    strict: bool,
    force: bool,
    progress: Option<Bound<'_, PyAny>>,
) -> PyResult<String> {
    let targets = Targets::load(targets.as_deref()).map_err(|e| job_error(py, e))?;
    let scenario = match scenario {
        Some(s) => {
            let f = s
                .get()
                .prepared(None, None, false)
                .map_err(|e| job_error(py, e))?;
            Some((f.scenario, f.file))
        }
        None => None,
    };
    let sets = settings
        .iter()
        .map(|s| jobs::validate::parse_set(s))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| job_error(py, e))?;
    let opts = ValidateOptions {
        targets,
        scenario,
        sets,
        replicates,
        seed,
        threads,
    };
    drive(py, progress.as_ref(), move |progress, cancel| {
        let dir = jobs::output_dir(&out, force)?;
        let v = jobs::validate(&opts, progress, cancel)?;
        v.write(&dir)?;
        drop(dir);
        if strict {
            v.strict()?;
        }
        Ok(format!(
            "{}\n{}.\n",
            report::table(&v.results),
            report::summary_line(&v.results)
        ))
    })
}

/// The names of the scenarios bundled with the program.
#[pyfunction]
fn bundled() -> Vec<&'static str> {
    jobs::BUNDLED.iter().map(|(n, _)| *n).collect()
}

/// The Rust core of `resilience_sim`.
#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Scenario>()?;
    m.add_function(wrap_pyfunction!(run, m)?)?;
    m.add_function(wrap_pyfunction!(whatif, m)?)?;
    m.add_function(wrap_pyfunction!(sweep, m)?)?;
    m.add_function(wrap_pyfunction!(sensitivity, m)?)?;
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(calibrate::calibrate, m)?)?;
    m.add_function(wrap_pyfunction!(calibrate::optimise, m)?)?;
    m.add_function(wrap_pyfunction!(bundled, m)?)?;
    m.add("VERSION", env!("CARGO_PKG_VERSION"))?;
    m.add("POLL_SECONDS", POLL.as_secs_f64())?;
    Ok(())
}
