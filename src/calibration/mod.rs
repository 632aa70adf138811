//! Calibration: fitting chosen parameters of a scenario to published targets.
//!
//! The objective is the validation loss ([`crate::validation::loss`]): the
//! sum of squared band-normalised residuals of the simulated means (a
//! residual of ±1 puts a statistic at the end of its band). Every evaluation
//! runs the same replicates with the same seed, so the objective is a
//! deterministic function of the parameters (common random numbers) and
//! differences between parameter values are not masked by Monte Carlo
//! noise.
//!
//! Two searches work on the parameters rescaled to the unit cube (each
//! `LO..HI` to 0..1):
//!
//! * **Nelder–Mead** ([`nelder_mead`]) from the scenario's own values: a point
//!   estimate, no uncertainty;
//! * **ABC-SMC** ([`abc`]) from a uniform prior on the ranges: a weighted
//!   sample of parameter values whose targets lie within a shrinking
//!   tolerance, giving posterior means, SDs and 95 % intervals.
//!
//! Targets are grouped like `resim validate` groups them ([`Suite`]): those
//! of the default validation scenario are measured on the scenario being
//! calibrated, those of another bundled validation scenario (the panel
//! statistics of `panel_cohort`, a follow-up) on that scenario with the same
//! parameter values set (every parameter whose path it has), and the loss is
//! summed over all of them.
//!
//! After every iteration (Nelder–Mead) or generation (ABC) the whole search
//! state is written (atomically) to `calibration_state.json`; a resumed
//! search continues from it and takes exactly the steps an uninterrupted
//! search would, so it ends with the same result.

pub mod abc;
mod error;
pub mod nelder_mead;
pub mod params;
pub mod rows;

use std::sync::atomic::AtomicBool;

use serde::{Deserialize, Serialize};

use crate::engine::{Cancelled, RunOptions};
use crate::output::fnv1a;
use crate::scenario::Scenario;
use crate::scenario::path::Paths;
use crate::validation::{self, Measured, Suite, SuiteOptions, Target, TargetResult};
pub use error::CalibrationError;
pub use nelder_mead::Simplex;
pub use params::ParamSpec;

/// Version of the checkpoint format.
pub const STATE_VERSION: u32 = 2;

/// How to search.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Method {
    /// Nelder–Mead from the scenario's values.
    NelderMead,
    /// ABC-SMC with this many particles, until the tolerance (RMS of the
    /// band-normalised residuals) falls to `tolerance`.
    Abc {
        /// Particles per generation.
        particles: usize,
        /// Final tolerance.
        tolerance: f64,
    },
}

impl Method {
    /// Name in files and messages.
    pub fn name(&self) -> &'static str {
        match self {
            Method::NelderMead => "nelder-mead",
            Method::Abc { .. } => "abc-smc",
        }
    }
}

/// What a step of the search did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// An iteration or generation was completed and saved in the state.
    Done,
    /// The budget ran out inside an ABC generation; the state is unchanged
    /// (a resumed search with a larger budget redoes that generation).
    OutOfBudget,
}

/// What to fit and how long to search.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Parameters and their search ranges.
    pub params: Vec<ParamSpec>,
    /// Replicates per evaluation.
    pub replicates: u32,
    /// Seed of every evaluation (common random numbers).
    pub seed: u64,
    /// Stop starting new iterations after this many simulations.
    pub budget: u64,
    /// Search method.
    pub method: Method,
}

/// One line of the search history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryRow {
    /// Iteration (0 = the initial simplex).
    pub iteration: u64,
    /// Simulations so far.
    pub evaluations: u64,
    /// Best loss so far.
    pub best_loss: f64,
}

/// The checkpoint: everything needed to continue a search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct State {
    /// Format version.
    pub version: u32,
    /// The version of resim that ran the search (empty in states written
    /// by 0.2.0 or earlier, which did not record it).
    #[serde(default)]
    pub program: String,
    /// Search method.
    pub method: String,
    /// Hash of the scenario, parameters, targets, replicates and seed.
    pub fingerprint: String,
    /// Scenario name.
    pub scenario: String,
    /// Parameters and ranges.
    pub params: Vec<ParamSpec>,
    /// The scenario's own values of the parameters (the start).
    pub start: Vec<f64>,
    /// Target ids in the objective.
    pub targets: Vec<String>,
    /// Replicates per evaluation.
    pub replicates: u32,
    /// Seed of every evaluation.
    pub seed: u64,
    /// Simulations run.
    pub evaluations: u64,
    /// Iterations done.
    pub iterations: u64,
    /// Loss at the start.
    pub start_loss: Option<f64>,
    /// The simplex (Nelder–Mead; none before the first vertices are evaluated).
    pub simplex: Option<Simplex>,
    /// The last complete generation (ABC; none before generation 0).
    pub population: Option<abc::Population>,
    /// The search ended by its own rule: the simplex shrank onto a point, or
    /// the ABC tolerance reached its target (or acceptance collapsed).
    pub converged: bool,
    /// Best loss after each iteration.
    pub history: Vec<HistoryRow>,
}

/// The measurements of each group of a [`Suite`] (`None` for a group with
/// nothing to measure).
pub type GroupsMeasured = Vec<Option<Measured>>;

/// A calibration problem: the scenario, what to fit and what to fit to.
pub struct Calibrator {
    /// The scenario as given.
    pub scenario: Scenario,
    /// What is measured: the targets grouped by scenario and window, each
    /// group's plan on its reduced scenario.
    pub suite: Suite,
    /// Targets as given (unknown and unmeasurable ones included).
    pub targets: Vec<Target>,
    /// Settings.
    pub settings: Settings,
    /// Start values of the parameters.
    pub start: Vec<f64>,
    fingerprint: String,
    /// Per group: its base scenario's parameter paths (kept so an evaluation
    /// costs one read) and which parameters it has.
    paths: Vec<(Paths, Vec<bool>)>,
}

impl Calibrator {
    /// Sets up a calibration of `sc` to `targets`. Fails when no target can
    /// be measured or a parameter is duplicated.
    pub fn new(
        sc: &Scenario,
        targets: &[Target],
        settings: Settings,
    ) -> Result<Self, CalibrationError> {
        let suite = Suite::new(
            targets,
            &SuiteOptions {
                scenario: Some((sc.clone(), sc.name.clone())),
                replicates: Some(settings.replicates),
                seed: Some(settings.seed),
                sets: vec![],
            },
        )
        .map_err(CalibrationError::Scenarios)?;
        if suite.measurable() == 0 {
            return Err(CalibrationError::NothingMeasurable {
                targets: targets.len(),
                scenario: sc.name.clone(),
            });
        }
        if settings.params.is_empty() {
            return Err(CalibrationError::NoParams);
        }
        for (i, p) in settings.params.iter().enumerate() {
            if settings.params[..i].iter().any(|q| q.path == p.path) {
                return Err(CalibrationError::Duplicate {
                    path: p.path.clone(),
                });
            }
        }
        let main = Paths::of(sc);
        let start: Vec<f64> = settings
            .params
            .iter()
            .map(|p| {
                main.get(&p.path).map_err(|problem| CalibrationError::Path {
                    arg: p.path.clone(),
                    problem: Box::new(problem),
                })
            })
            .collect::<Result<_, _>>()?;
        let paths = suite
            .groups
            .iter()
            .map(|g| {
                let paths = Paths::of(&g.base);
                let has = settings
                    .params
                    .iter()
                    .map(|p| paths.get(&p.path).is_ok())
                    .collect();
                (paths, has)
            })
            .collect::<Vec<(Paths, Vec<bool>)>>();
        // A parameter no measured scenario has would leave the loss flat.
        for (k, p) in settings.params.iter().enumerate() {
            let used = suite
                .groups
                .iter()
                .zip(&paths)
                .any(|(g, (_, has))| !g.plan.items.is_empty() && has[k]);
            if !used {
                return Err(CalibrationError::Unused {
                    path: p.path.clone(),
                    scenarios: suite
                        .groups
                        .iter()
                        .filter(|g| !g.plan.items.is_empty())
                        .map(|g| g.base.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                });
            }
        }
        let fingerprint = {
            let key = serde_json::json!({
                "version": STATE_VERSION,
                "method": settings.method,
                "scenario": sc.to_toml(),
                "scenarios": suite.groups.iter().map(|g| g.base.to_toml()).collect::<Vec<_>>(),
                "params": settings.params,
                "targets": suite.groups.iter().flat_map(|g| &g.plan.items).map(|i| (&i.target.id, i.target.value, i.target.low, i.target.high)).collect::<Vec<_>>(),
                "replicates": settings.replicates,
                "seed": settings.seed,
            });
            fnv1a(key.to_string().as_bytes())
        };
        Ok(Calibrator {
            scenario: sc.clone(),
            suite,
            targets: targets.to_vec(),
            settings,
            start,
            fingerprint,
            paths,
        })
    }

    /// The start in unit-cube coordinates (clamped into the ranges).
    pub fn start_unit(&self) -> Vec<f64> {
        self.settings
            .params
            .iter()
            .zip(&self.start)
            .map(|(p, v)| ((v - p.lo) / (p.hi - p.lo)).clamp(0.0, 1.0))
            .collect()
    }

    /// Parameter values at a point of the unit cube (projected onto it).
    pub fn values_at(&self, x: &[f64]) -> Vec<f64> {
        let (p, _) = nelder_mead::project(x);
        self.settings
            .params
            .iter()
            .zip(p)
            .map(|(s, u)| s.lo + u * (s.hi - s.lo))
            .collect()
    }

    /// `sc` with the parameters set to `values` through their paths, read
    /// again with the checks of loading a file.
    pub fn apply(&self, sc: &Scenario, values: &[f64]) -> Result<Scenario, CalibrationError> {
        self.set(&Paths::of(sc), None, values)
    }

    /// The scenario of `paths` with the parameters set to `values` (only
    /// those marked in `has`, when given).
    fn set(
        &self,
        paths: &Paths,
        has: Option<&[bool]>,
        values: &[f64],
    ) -> Result<Scenario, CalibrationError> {
        let changes = self
            .settings
            .params
            .iter()
            .enumerate()
            .filter(|(k, _)| has.is_none_or(|h| h[*k]))
            .map(|(k, p)| (p.path.as_str(), values[k]));
        paths
            .with(changes)
            .map_err(|problems| match problems.into_iter().next() {
                Some(p) => CalibrationError::Refused(Box::new(p)),
                None => CalibrationError::RefusedScenario,
            })
    }

    /// Group `k`'s base scenario with the parameters set, reduced to the
    /// strategies its targets need (its plan's scenario), which is run.
    fn runnable(&self, k: usize, values: &[f64]) -> Result<Scenario, CalibrationError> {
        let (paths, has) = &self.paths[k];
        let mut run = self.set(paths, Some(has), values)?;
        let plan = &self.suite.groups[k].plan;
        let needed = &plan.scenario.strategies;
        run.strategies
            .retain(|s| needed.iter().any(|n| n.name == s.name));
        run.baseline = plan.scenario.baseline.clone();
        Ok(run)
    }

    /// Runs the targets' scenarios at a point of the unit cube; returns the
    /// loss (with the penalty for leaving the cube) and the measurements of
    /// each group (`None` for a group with nothing to measure).
    pub fn evaluate(
        &self,
        x: &[f64],
        cancel: &AtomicBool,
    ) -> Result<(f64, Option<GroupsMeasured>), Cancelled> {
        let (_, penalty) = nelder_mead::project(x);
        let values = self.values_at(x);
        let mut loss = penalty;
        let mut all = Vec::new();
        for (k, g) in self.suite.groups.iter().enumerate() {
            if g.plan.items.is_empty() {
                all.push(None);
                continue;
            }
            let sc = match self.runnable(k, &values) {
                Ok(sc) => sc,
                // A combination the model refuses (e.g. an SD too large for its mean).
                Err(_) => return Ok((1e6 + penalty, None)),
            };
            let mut plan = g.plan.clone();
            plan.scenario = sc;
            let opts = RunOptions {
                replicates: self.settings.replicates,
                seed: self.settings.seed,
                snapshots: false,
            };
            let measured = validation::measure(&plan, &opts, cancel, || {})?;
            loss += validation::loss(&plan, &measured);
            all.push(Some(measured));
        }
        Ok((loss, Some(all)))
    }

    /// A new search state.
    pub fn fresh_state(&self) -> State {
        State {
            version: STATE_VERSION,
            program: env!("CARGO_PKG_VERSION").into(),
            method: self.settings.method.name().into(),
            fingerprint: self.fingerprint.clone(),
            scenario: self.scenario.name.clone(),
            params: self.settings.params.clone(),
            start: self.start.clone(),
            targets: self
                .suite
                .groups
                .iter()
                .flat_map(|g| &g.plan.items)
                .map(|i| i.target.id.clone())
                .collect(),
            replicates: self.settings.replicates,
            seed: self.settings.seed,
            evaluations: 0,
            iterations: 0,
            start_loss: None,
            simplex: None,
            population: None,
            converged: false,
            history: vec![],
        }
    }

    /// Whether a saved state belongs to this calibration (same scenario,
    /// parameters, ranges, targets, replicates and seed).
    pub fn matches(&self, state: &State) -> bool {
        state.version == STATE_VERSION
            && state.method == self.settings.method.name()
            && state.fingerprint == self.fingerprint
    }

    /// Whether the search is over: converged or out of budget.
    pub fn done(&self, state: &State) -> bool {
        (state.simplex.is_some() || state.population.is_some())
            && (state.converged || state.evaluations >= self.settings.budget)
    }

    /// Number of statistics in the objective (an `Each` target counts each part).
    fn n_values(&self) -> usize {
        self.suite
            .groups
            .iter()
            .flat_map(|g| &g.plan.items)
            .map(|i| {
                if i.measure.combine == crate::validation::measures::Combine::Each {
                    i.measure.parts.len()
                } else {
                    1
                }
            })
            .sum::<usize>()
            .max(1)
    }

    /// ABC distance: root mean square of the band-normalised residuals.
    fn distance(&self, loss: f64) -> f64 {
        (loss / self.n_values() as f64).sqrt()
    }

    /// Advances the search by one iteration or generation (the first call
    /// evaluates the initial simplex or draws generation 0). `on_eval` sees
    /// the number of simulations and the loss after each. On cancellation
    /// the state is unchanged.
    pub fn step(
        &self,
        state: &mut State,
        cancel: &AtomicBool,
        on_eval: impl FnMut(u64, f64),
    ) -> Result<Step, Cancelled> {
        match self.settings.method {
            Method::NelderMead => self.step_nelder_mead(state, cancel, on_eval),
            Method::Abc {
                particles,
                tolerance,
            } => self.step_abc(state, cancel, on_eval, particles, tolerance),
        }
    }

    fn step_nelder_mead(
        &self,
        state: &mut State,
        cancel: &AtomicBool,
        mut on_eval: impl FnMut(u64, f64),
    ) -> Result<Step, Cancelled> {
        let mut evaluations = state.evaluations;
        let mut f = |x: &[f64]| -> Result<f64, Cancelled> {
            let (loss, _) = self.evaluate(x, cancel)?;
            evaluations += 1;
            on_eval(evaluations, loss);
            Ok(loss)
        };
        match &state.simplex {
            None => {
                let points = Simplex::initial_points(&self.start_unit());
                let values = points
                    .iter()
                    .map(|p| f(p))
                    .collect::<Result<Vec<f64>, Cancelled>>()?;
                let start_loss = values[0];
                let mut s = Simplex { points, values };
                s.sort();
                state.start_loss = Some(start_loss);
                state.converged = s.converged();
                state.simplex = Some(s);
            }
            Some(s) => {
                let mut s = s.clone();
                s.iterate(&mut f)?;
                state.iterations += 1;
                state.converged = s.converged();
                state.simplex = Some(s);
            }
        }
        state.evaluations = evaluations;
        let best = state.simplex.as_ref().map_or(f64::NAN, |s| s.values[0]);
        state.history.push(HistoryRow {
            iteration: state.iterations,
            evaluations: state.evaluations,
            best_loss: best,
        });
        Ok(Step::Done)
    }

    fn step_abc(
        &self,
        state: &mut State,
        cancel: &AtomicBool,
        mut on_eval: impl FnMut(u64, f64),
        n: usize,
        tolerance: f64,
    ) -> Result<Step, Cancelled> {
        let dim = self.settings.params.len();
        let seed = self.settings.seed;
        let evaluations = std::cell::Cell::new(state.evaluations);
        let mut eval = |x: &[f64]| -> Result<f64, Cancelled> {
            let (loss, _) = self.evaluate(x, cancel)?;
            evaluations.set(evaluations.get() + 1);
            on_eval(evaluations.get(), loss);
            Ok(loss)
        };
        let (next, start_loss) = match &state.population {
            None => {
                let particles: Vec<Vec<f64>> = (0..n as u64)
                    .map(|i| abc::prior_sample(seed, i, dim))
                    .collect();
                let mut distances = Vec::with_capacity(n);
                for p in &particles {
                    distances.push(self.distance(eval(p)?));
                }
                let start = eval(&self.start_unit())?;
                let pop = abc::Population {
                    generation: 0,
                    weights: vec![1.0 / n as f64; n],
                    particles,
                    distances,
                    epsilon: f64::INFINITY,
                };
                (pop, Some(start))
            }
            Some(prev) => {
                let generation = prev.generation + 1;
                let epsilon = abc::median(&prev.distances);
                let sd = abc::kernel_sd(prev);
                let mut particles = Vec::with_capacity(n);
                let mut distances = Vec::with_capacity(n);
                let mut attempt = 0u64;
                let mut simulated = 0u64;
                while particles.len() < n {
                    if simulated >= abc::MAX_ATTEMPTS_PER_PARTICLE * n as u64
                        || attempt >= abc::MAX_PROPOSALS_PER_PARTICLE * n as u64
                    {
                        // Acceptance has collapsed: end with the previous generation.
                        state.converged = true;
                        return Ok(Step::Done);
                    }
                    if let Some(x) = abc::propose(prev, &sd, seed, generation, attempt) {
                        if evaluations.get() >= self.settings.budget {
                            return Ok(Step::OutOfBudget);
                        }
                        simulated += 1;
                        let d = self.distance(eval(&x)?);
                        if d <= epsilon {
                            particles.push(x);
                            distances.push(d);
                        }
                    }
                    attempt += 1;
                }
                let weights = abc::weights(&particles, prev, &sd);
                let pop = abc::Population {
                    generation,
                    particles,
                    weights,
                    distances,
                    epsilon,
                };
                (pop, state.start_loss)
            }
        };
        state.start_loss = start_loss;
        state.iterations = next.generation;
        state.converged = abc::median(&next.distances) <= tolerance
            || next.distances.iter().all(|d| *d == next.distances[0]);
        let best = next.distances.iter().copied().fold(f64::INFINITY, f64::min);
        state.population = Some(next);
        state.evaluations = evaluations.get();
        state.history.push(HistoryRow {
            iteration: state.iterations,
            evaluations: state.evaluations,
            best_loss: best * best * self.n_values() as f64,
        });
        Ok(Step::Done)
    }

    /// The best point of a state, its parameter values, and the targets
    /// judged there (one more simulation, not counted in the budget).
    pub fn result(&self, state: &State, cancel: &AtomicBool) -> Result<Fit, Cancelled> {
        let (x, uncertainty) = match (&state.simplex, &state.population) {
            (Some(s), _) => (s.points[0].clone(), None),
            (None, Some(pop)) => {
                // The weighted posterior mean, with SD and 95 % interval per parameter.
                let mut x = Vec::new();
                let mut unc = Vec::new();
                for (k, p) in self.settings.params.iter().enumerate() {
                    let (m, sd, lo, hi) = abc::marginal(pop, k);
                    let w = p.hi - p.lo;
                    x.push(m);
                    unc.push(Uncertainty {
                        sd: sd * w,
                        lo: p.lo + lo * w,
                        hi: p.lo + hi * w,
                    });
                }
                (x, Some(unc))
            }
            (None, None) => (self.start_unit(), None),
        };
        let (mut loss, mut measured) = self.evaluate(&x, cancel)?;
        let mut x = x;
        let mut point = FitPoint::Searched;
        // A search cut short (an ABC posterior still near its prior) may end
        // worse than where it started: the fit is then the start.
        if let Some(start_loss) = state.start_loss
            && start_loss < loss
        {
            point = FitPoint::Start {
                searched_loss: loss,
            };
            x = self.start_unit();
            (loss, measured) = self.evaluate(&x, cancel)?;
        }
        let results = match &measured {
            Some(m) => self.suite.judge(&self.targets, m),
            None => vec![],
        };
        Ok(Fit {
            values: self.values_at(&x),
            uncertainty,
            loss,
            results,
            point,
        })
    }
}

/// Which point a calibration's fit is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FitPoint {
    /// The point the search found (Nelder–Mead: the best vertex; ABC: the
    /// posterior mean).
    Searched,
    /// The scenario's own values, kept because the point the search found
    /// fits worse (an ABC search stopped early by its budget).
    Start {
        /// Loss at the point the search found.
        searched_loss: f64,
    },
}

/// Posterior spread of one parameter (ABC).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Uncertainty {
    /// Posterior SD.
    pub sd: f64,
    /// 2.5 % posterior quantile.
    pub lo: f64,
    /// 97.5 % posterior quantile.
    pub hi: f64,
}

/// The outcome of a calibration.
#[derive(Debug, Clone)]
pub struct Fit {
    /// Fitted value of each parameter (ABC: the posterior mean).
    pub values: Vec<f64>,
    /// Posterior SD and 95 % interval of each parameter (ABC only).
    pub uncertainty: Option<Vec<Uncertainty>>,
    /// Loss at the fitted values.
    pub loss: f64,
    /// Every target judged at the fitted values.
    pub results: Vec<TargetResult>,
    /// Whether the fitted values are the search's point or the start.
    pub point: FitPoint,
}
