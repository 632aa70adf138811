//! `calibrate` and `optimise`: the searches of `resim calibrate` and
//! `resim optimise`, with the same checks and the same files.

use std::path::PathBuf;

use pyo3::prelude::*;
use resilience_sim::calibration::{self, Method};
use resilience_sim::jobs::optimise::{
    Checkpoint, OptimiseOptions, budget_of, claim_output, components_named, optimise_resumable,
    remove_checkpoint,
};
use resilience_sim::jobs::{
    self, CalibrateOptions, Calibration, JobError, ParameterOptions, Targets, Workspace,
};

use crate::drive::drive;
use crate::errors::job_error;
use crate::scenario::Scenario;

/// The search method by its name on the command line.
fn method(name: &str, particles: usize, tolerance: f64) -> Result<Method, JobError> {
    match name {
        "nelder-mead" => Ok(Method::NelderMead),
        "abc" => Ok(Method::Abc {
            particles,
            tolerance,
        }),
        other => Err(JobError::input(format!(
            "method `{other}`: valid methods are `nelder-mead` and `abc`"
        ))),
    }
}

/// Fits parameters of `scenario` to published targets (as `resim
/// calibrate --out OUT`): `params` are `PATH=LO..HI`; `targets` a CSV with
/// the columns of calibration.csv [default: the bundled targets]. Writes
/// `calibration.csv`, `fit.csv`, `posterior.csv` (ABC), `calibrated.toml`,
/// `manifest.json` and the search state into `out`; `resume` continues the
/// search saved there.
#[pyfunction]
#[pyo3(signature = (scenario, out, *, params, targets=None, method="nelder-mead", particles=40, tolerance=0.5, budget=200, replicates=None, seed=None, threads=None, resume=false, force=false, progress=None))]
#[allow(clippy::too_many_arguments)]
pub fn calibrate(
    py: Python<'_>,
    scenario: &Bound<'_, Scenario>,
    out: PathBuf,
    params: Vec<String>,
    targets: Option<PathBuf>,
    method: &str,
    particles: usize,
    tolerance: f64,
    budget: u64,
    replicates: Option<u32>,
    seed: Option<u64>,
    threads: Option<usize>,
    resume: bool,
    force: bool,
    progress: Option<Bound<'_, PyAny>>,
) -> PyResult<()> {
    let sc = scenario.get();
    let input = sc.source_path();
    let prepared = (|| -> Result<CalibrateOptions, JobError> {
        let file = sc.prepared(None, None, false)?;
        if params.is_empty() {
            return Err(JobError::input(
                "params: give at least one parameter to fit, PATH=(LO, HI)",
            ));
        }
        let params = params
            .iter()
            .map(|p| calibration::params::parse(p, &file.scenario))
            .collect::<Result<Vec<_>, _>>()?;
        let targets_file = targets.as_deref();
        let loaded = Targets::load(targets_file)?;
        if force {
            let mut inputs: Vec<&std::path::Path> = input.iter().map(|p| p.as_path()).collect();
            inputs.extend(targets_file);
            jobs::calibrate::protect_inputs(&out, &inputs)?;
        }
        Ok(CalibrateOptions {
            scenario: file,
            params,
            targets: loaded,
            method: self::method(method, particles, tolerance)?,
            budget,
            replicates,
            seed,
            threads,
        })
    })()
    .map_err(|e| job_error(py, e))?;
    let ws = Workspace {
        dir: out,
        resume,
        force,
    };
    drive(py, progress.as_ref(), move |progress, cancel| {
        let c = Calibration::prepare(&prepared, progress)?;
        let mut result = jobs::calibrate(c, Some(&ws), progress, cancel)?;
        result.write(&ws.dir, ws.force)
    })
}

/// Searches the best portfolio of components for a budget (as `resim
/// optimise --out OUT`): writes `portfolios.csv`, `frontier.csv`,
/// `frontier.svg`, `best.toml` (when a portfolio kept to the budget) and
/// `manifest.json` into `out`; with `resume`, continues the search saved
/// there.
#[pyfunction]
#[pyo3(signature = (scenario, out, *, max_cost=None, max_hours=None, outcome="resilience", subgroup="all", components=Vec::new(), max_components=None, finalists=5, screen_replicates=2, replicates=None, seed=None, threads=None, settings=Vec::new(), uncertainty=false, posterior=None, tune=true, tune_budget=1500, tune_replicates=None, resume=false, force=false, progress=None))]
#[allow(clippy::too_many_arguments)]
pub fn optimise(
    py: Python<'_>,
    scenario: &Bound<'_, Scenario>,
    out: PathBuf,
    max_cost: Option<f64>,
    max_hours: Option<f64>,
    outcome: &str,
    subgroup: &str,
    components: Vec<String>,
    max_components: Option<usize>,
    finalists: usize,
    screen_replicates: u32,
    replicates: Option<u32>,
    seed: Option<u64>,
    threads: Option<usize>,
    settings: Vec<String>,
    uncertainty: bool,
    posterior: Option<String>,
    tune: bool,
    tune_budget: u64,
    tune_replicates: Option<u32>,
    resume: bool,
    force: bool,
    progress: Option<Bound<'_, PyAny>>,
) -> PyResult<()> {
    let sc = scenario.get();
    let opts = (|| -> Result<OptimiseOptions, JobError> {
        let file = sc.prepared_with(
            None,
            None,
            ParameterOptions {
                set: settings,
                uncertainty,
                posterior,
            },
        )?;
        let mut opts = OptimiseOptions::new(file);
        // The checks `resim optimise` makes of its flags, with its messages.
        opts.budget = budget_of(max_cost, max_hours)?;
        opts.components = components_named(&components)?;
        opts.max_components = max_components;
        opts.outcome = outcome.to_string();
        opts.subgroup = subgroup.to_string();
        opts.finalists = finalists;
        opts.screen_replicates = screen_replicates;
        opts.replicates = replicates;
        opts.seed = seed;
        opts.threads = threads;
        opts.tune = tune;
        opts.tune_budget = tune_budget;
        opts.tune_replicates = tune_replicates;
        Ok(opts)
    })()
    .map_err(|e| job_error(py, e))?;
    drive(py, progress.as_ref(), move |progress, cancel| {
        let dir = claim_output(&out, resume, force)?;
        let checkpoint = Checkpoint {
            dir: &dir,
            resume: resume && !force,
        };
        let result = optimise_resumable(&opts, &checkpoint, progress, cancel)?;
        result.write(&dir)?;
        remove_checkpoint(&dir)
    })
}
