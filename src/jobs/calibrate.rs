//! `calibrate`: fit parameters of a scenario to published targets, by
//! Nelder–Mead or ABC-SMC, with a checkpoint after every iteration.
//!
//! The job goes in steps: [`Calibration::prepare`] checks the options and
//! sets up the problem; [`calibrate`] opens the workspace (a fresh search,
//! or the checkpoint to resume), searches until the search converges or
//! the budget is spent — saving the search state after every iteration or
//! generation — and judges the targets at the fit; [`CalibrationResult::write`]
//! writes the files.

use crate::problem::Message;
use std::path::Path;

use crate::calibration::rows::{
    self as calibration_rows, CalibrationRow, PosteriorRow, calibration_csv, posterior_csv,
};
use crate::calibration::{Calibrator, Fit, FitPoint, Method, ParamSpec, Settings, State, Step};
use crate::engine::Cancelled;
use crate::output::{OutputDir, SetWriter, write_atomic};
use crate::scenario::{self, Scenario};
use crate::validation::report::{self, ValidationRow};

use super::points::Workspace;
use super::progress::Counter;
use super::setup::{check_replicates, pool, thread_count};
use super::validate::{Targets, unmeasured_notes};
use super::{Cancel, JobError, Progress, ScenarioFile};

/// Name of the checkpoint file in the workspace.
pub const STATE_FILE: &str = "calibration_state.json";

/// What to fit, to what, and how.
#[derive(Debug, Clone)]
pub struct CalibrateOptions {
    /// The scenario whose parameters are fitted; it must contain the
    /// strategies the targets compare.
    pub scenario: ScenarioFile,
    /// Parameters and their search ranges
    /// ([`crate::calibration::params::parse`] reads `PATH=LO..HI`).
    pub params: Vec<ParamSpec>,
    /// The targets.
    pub targets: Targets,
    /// Nelder–Mead or ABC-SMC.
    pub method: Method,
    /// Stop starting new iterations or generations after this many simulations.
    pub budget: u64,
    /// Replicates per simulation [default: the scenario's `run.replicates`].
    pub replicates: Option<u32>,
    /// Seed of every simulation [default: the scenario's `run.seed`].
    pub seed: Option<u64>,
    /// Worker threads [default: `SLURM_CPUS_PER_TASK`, else every core].
    pub threads: Option<usize>,
}

/// A calibration ready to search.
pub struct Calibration {
    /// The problem: scenario, targets, parameters and settings.
    pub calibrator: Calibrator,
    /// The scenario as given.
    pub scenario: ScenarioFile,
    /// The targets' file name.
    pub targets_name: String,
    /// Worker threads.
    pub threads: usize,
}

/// Checks ABC's settings.
fn check_method(method: Method) -> Result<Method, JobError> {
    if let Method::Abc {
        particles,
        tolerance,
    } = method
    {
        if !(4..=100_000).contains(&particles) {
            return Err(JobError::flag_range("--particles", particles, 4, 100_000));
        }
        if !(tolerance.is_finite() && tolerance >= 0.0) {
            return Err(JobError::Input(
                Message::new("problem-calibrate-tolerance").arg("value", tolerance),
            ));
        }
    }
    Ok(method)
}

impl Calibration {
    /// Checks the options and sets up the problem: targets with the role
    /// `out_of_sample` are left out of the fit (and named in a note), the
    /// others are grouped by the scenario they are measured on (like
    /// [`super::validate()`]: those of the default validation scenario on
    /// the scenario being calibrated, the others on their own bundled
    /// scenario with the same parameter values). Warns (as notes) about
    /// targets that cannot be measured.
    pub fn prepare(
        opts: &CalibrateOptions,
        progress: &dyn Progress,
    ) -> Result<Calibration, JobError> {
        let sc = &opts.scenario.scenario;
        let replicates = match opts.replicates {
            Some(r) => check_replicates(r)?,
            None => sc.run.replicates,
        };
        let seed = opts.seed.unwrap_or(sc.run.seed);
        if opts.budget == 0 {
            return Err(JobError::Input(Message::new("problem-calibrate-budget")));
        }
        let threads = thread_count(opts.threads)?;
        let settings = Settings {
            params: opts.params.clone(),
            replicates,
            seed,
            budget: opts.budget,
            method: check_method(opts.method)?,
        };
        let (fitted, held_out): (Vec<_>, Vec<_>) = opts
            .targets
            .targets
            .iter()
            .cloned()
            .partition(|t| t.for_fitting());
        if !held_out.is_empty() {
            let id = match held_out.len() {
                1 => "note-calibrate-held-out-one",
                _ => "note-calibrate-held-out-many",
            };
            let ids: Vec<&str> = held_out.iter().map(|t| t.id.as_str()).collect();
            progress.note(
                &Message::new(id)
                    .arg("count", held_out.len())
                    .arg("ids", ids.join(", ")),
            );
        }
        if fitted.is_empty() {
            return Err(JobError::Input(
                Message::new("problem-calibrate-all-out-of-sample").arg("name", &opts.targets.name),
            ));
        }
        let calibrator = Calibrator::new(sc, &fitted, settings)?;
        for note in unmeasured_notes(&calibrator.suite) {
            progress.note(&note);
        }
        Ok(Calibration {
            calibrator,
            scenario: opts.scenario.clone(),
            targets_name: opts.targets.name.clone(),
            threads,
        })
    }
}

/// Largest calibration checkpoint read.
const MAX_STATE_BYTES: u64 = 1 << 30;

/// Reads a checkpoint to resume.
fn read_state(path: &Path) -> Result<State, JobError> {
    let text = crate::input::read_capped(path, MAX_STATE_BYTES, "a calibration checkpoint")
        .map_err(|e| {
            JobError::Input(
                Message::new("problem-calibrate-resume-unreadable").with("message", e.message()),
            )
        })?;
    serde_json::from_slice(&text).map_err(|e| {
        JobError::Input(
            Message::new("problem-calibrate-not-a-state")
                .arg("file", path.display())
                .with("message", Message::verbatim(e.to_string())),
        )
    })
}

/// Writes a checkpoint (atomically).
fn write_state(dir: &OutputDir, state: &State) -> Result<(), JobError> {
    let bytes = serde_json::to_vec_pretty(state).map_err(|e| JobError::internal(e.to_string()))?;
    Ok(write_atomic(&dir.file(STATE_FILE), &bytes)?)
}

/// The workspace's directory and the state to start from: the checkpoint
/// (with `resume`, checked to belong to this calibration) or a fresh one.
fn open(cal: &Calibrator, ws: &Workspace) -> Result<(OutputDir, State), JobError> {
    let (dir, state) = if ws.resume {
        let dir = OutputDir::claim_existing(&ws.dir)?;
        let state = read_state(&dir.file(STATE_FILE))?;
        let now = env!("CARGO_PKG_VERSION");
        if state.program != now {
            let then = if state.program.is_empty() {
                Message::new("problem-resume-version-early")
            } else {
                Message::verbatim(state.program.clone())
            };
            return Err(JobError::Input(
                Message::new("problem-resume-version")
                    .arg("file", dir.file(STATE_FILE).display())
                    .with("then", then)
                    .arg("now", now),
            ));
        }
        if !cal.matches(&state) {
            return Err(JobError::Input(
                Message::new("problem-calibrate-other").arg("file", dir.file(STATE_FILE).display()),
            ));
        }
        (dir, state)
    } else {
        (OutputDir::claim(&ws.dir, ws.force)?, cal.fresh_state())
    };
    Ok((dir, state))
}

/// Searches from `state` until the search converges or the budget is
/// spent, calling `checkpoint` after every iteration or generation, and
/// judges the targets at the fit. Cancelled, the state is that of the last
/// completed iteration.
fn search(
    cal: &Calibrator,
    state: &mut State,
    threads: usize,
    progress: &dyn Progress,
    cancel: &Cancel,
    mut checkpoint: impl FnMut(&State) -> Result<(), JobError>,
) -> Result<Result<Fit, Cancelled>, JobError> {
    let pool = pool(threads)?;
    let counter = Counter::begin(
        progress,
        "simulations",
        cal.settings.budget.max(state.evaluations),
        state.evaluations,
    );
    let mut best = state
        .simplex
        .as_ref()
        .map_or(f64::INFINITY, |s| s.values[0]);
    while !cal.done(state) {
        let stepped = pool.install(|| {
            cal.step(state, cancel.flag(), |n, loss| {
                best = best.min(loss);
                progress.advance(n);
                progress.status(&format!("best loss {best:.4}"));
            })
        });
        match stepped {
            Err(Cancelled) => return Ok(Err(Cancelled)),
            Ok(Step::OutOfBudget) => break,
            Ok(Step::Done) => checkpoint(state)?,
        }
    }
    let fit = pool.install(|| cal.result(state, cancel.flag()));
    drop(counter);
    Ok(fit)
}

/// A finished calibration: the search state, the fit and the files' rows.
pub struct CalibrationResult {
    /// The problem: scenario, targets, parameters and settings.
    pub calibrator: Calibrator,
    /// The targets' file name.
    pub targets_name: String,
    /// The search state at the end (what `calibration_state.json` holds).
    pub state: State,
    /// The fitted values and every target judged there.
    pub fit: Fit,
    /// The scenario with the fitted values.
    pub fitted: Scenario,
    /// The rows of `calibration.csv`: one per parameter.
    pub rows: Vec<CalibrationRow>,
    /// The rows of `posterior.csv` (ABC): the last generation's particles.
    pub posterior: Option<Vec<PosteriorRow>>,
    /// The rows of `fit.csv`: every target at the fit.
    pub fit_rows: Vec<ValidationRow>,
    /// `calibrated.toml`: the fitted scenario with a comment on how it was fitted.
    pub calibrated_toml: String,
    /// The claimed output directory of a calibration run in a workspace.
    dir: Option<OutputDir>,
}

impl CalibrationResult {
    /// Writes `calibration.csv`, `posterior.csv` (ABC), `fit.csv`,
    /// `calibrated.toml` and `manifest.json` (last, listing the others)
    /// into `dir` as one result set. A calibration run in a workspace
    /// writes into the directory it claimed; one run in memory claims
    /// `dir` (a directory with files in it needs `force`).
    pub fn write(&mut self, dir: &Path, force: bool) -> Result<(), JobError> {
        let claimed = match self.dir.take() {
            Some(d) => d,
            None => OutputDir::claim(dir, force)?,
        };
        let cal = &self.calibrator;
        let mut set = SetWriter::new(&claimed);
        set.add(
            "calibration.csv",
            &calibration_csv(cal, &self.state, &self.fit),
        )?;
        if let Some(pop) = &self.state.population {
            set.add("posterior.csv", &posterior_csv(cal, pop))?;
        }
        set.add("fit.csv", &report::csv(&self.fit.results))?;
        set.add("calibrated.toml", self.calibrated_toml.as_bytes())?;
        set.commit(
            |files| {
                serde_json::to_vec_pretty(&serde_json::json!({
                    "program": "resim",
                    "version": env!("CARGO_PKG_VERSION"),
                    "command": "calibrate",
                    "scenario": cal.scenario.name,
                    "targets_file": self.targets_name,
                    "iterations": self.state.iterations,
                    "simulations": self.state.evaluations,
                    "loss": self.fit.loss,
                    "files": files,
                }))
                .map_err(|e| JobError::internal(e.to_string()))
            },
            || None,
        )
    }
}

/// The files a calibration writes in its directory.
pub const CALIBRATION_FILES: &[&str] = &[
    "calibration.csv",
    "posterior.csv",
    "fit.csv",
    "calibrated.toml",
    "manifest.json",
    STATE_FILE,
];

/// Refuses, before the search starts, an output directory `out` where
/// `--force` would replace one of the calibration's inputs (the scenario,
/// e.g. an earlier `calibrated.toml`, or the targets file) with a result.
pub fn protect_inputs(out: &Path, inputs: &[&Path]) -> Result<(), JobError> {
    for input in inputs {
        crate::output::refuse_replacing(out, input, CALIBRATION_FILES)?;
    }
    Ok(())
}

/// The result of a search that ended in `state` with `fit`.
fn finish(
    c: Calibration,
    state: State,
    fit: Fit,
    dir: Option<OutputDir>,
) -> Result<CalibrationResult, JobError> {
    let cal = c.calibrator;
    let sc = &c.scenario.scenario;
    let refused = |m: Message| {
        JobError::Internal(Message::new("problem-internal-fitted-refused").with("message", m))
    };
    let fitted = cal
        .apply(sc, &fit.values)
        .map_err(|e| refused(e.message()))?;
    if let Some(p) = scenario::validate(&fitted).first() {
        return Err(refused(
            Message::new("problem-words-key")
                .arg("key", &p.key)
                .with("message", p.message.clone()),
        ));
    }
    let calibrated_toml = match fit.point {
        FitPoint::Searched => format!(
            "# {} with the parameters fitted by `resim calibrate` ({} iterations, {} simulations, loss {:.4}).\n{}",
            sc.name,
            state.iterations,
            state.evaluations,
            fit.loss,
            fitted.to_toml()
        ),
        FitPoint::Start { searched_loss } => format!(
            "# {} with its own values (loss {:.4}): `resim calibrate` stopped after {} iterations, {} simulations, at a point that fits worse (loss {searched_loss:.4}).\n{}",
            sc.name,
            fit.loss,
            state.iterations,
            state.evaluations,
            fitted.to_toml()
        ),
    };
    Ok(CalibrationResult {
        rows: calibration_rows::calibration_rows(&cal, &state, &fit),
        posterior: state
            .population
            .as_ref()
            .map(|pop| calibration_rows::posterior_rows(&cal, pop)),
        fit_rows: report::rows(&fit.results),
        calibrator: cal,
        targets_name: c.targets_name,
        state,
        fit,
        fitted,
        calibrated_toml,
        dir,
    })
}

/// Runs a calibration. In a workspace, the search state is saved in
/// `DIR/calibration_state.json` after every iteration or generation, and
/// with `resume` the saved search continues, ending with exactly the result
/// of an uninterrupted search. Without one, nothing is written.
pub fn calibrate(
    c: Calibration,
    ws: Option<&Workspace>,
    progress: &dyn Progress,
    cancel: &Cancel,
) -> Result<CalibrationResult, JobError> {
    let cal = &c.calibrator;
    let (dir, mut state) = match ws {
        Some(ws) => {
            let (dir, state) = open(cal, ws)?;
            dir.refuse_replacing(Path::new(&c.scenario.file), CALIBRATION_FILES)?;
            (Some(dir), state)
        }
        None => (None, cal.fresh_state()),
    };
    let fit = search(
        cal,
        &mut state,
        c.threads,
        progress,
        cancel,
        |s| match &dir {
            Some(d) => write_state(d, s),
            None => Ok(()),
        },
    )?;
    match fit {
        Ok(fit) => finish(c, state, fit, dir),
        Err(Cancelled) => Err(match &dir {
            Some(d) => JobError::resumable(
                Message::new("problem-stopped-calibration-saved")
                    .arg("evaluations", state.evaluations)
                    .arg("iteration", state.iterations)
                    .arg("file", d.file(STATE_FILE).display()),
            ),
            None => JobError::interrupted(),
        }),
    }
}
