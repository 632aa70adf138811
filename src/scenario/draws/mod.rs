//! Parameter uncertainty: each replicate's fitted parameters drawn from a
//! posterior (`resim run --uncertainty`, `[run] uncertainty = true`).
//!
//! A [`Posterior`] is a set of weighted particles over some parameter
//! paths (the ABC-SMC posterior shipped in `data/posterior/`, or any file
//! with its columns). [`ParameterDraws`] ties it to a scenario: every
//! particle's parameter set is resolved once, with the loader's checks,
//! on top of the scenario, and the paths the scenario fixes — set in the
//! file, by `--set` or by a sweep point — keep their given values. Which
//! particle a replicate uses is a pure function of the master seed and the
//! replicate index ([`pick`]), on a stream of its own, so every strategy
//! of a replicate meets the same parameters and the same random numbers
//! (common random numbers), whatever the thread or shard count.

mod explicit;
mod pick;

use std::sync::Arc;

use super::Scenario;
use super::path::Paths;
use crate::params::ModelParams;
use crate::problem::{Message, Problem};
pub use explicit::given_in;
pub use pick::{pick, weighted_index};

/// The shipped posterior (`data/posterior/posterior.csv`), built into the
/// program so that an installed binary finds it from any directory.
pub const SHIPPED_POSTERIOR: &[u8] = include_bytes!("../../../data/posterior/posterior.csv");

/// How the shipped posterior is named in manifests and messages.
pub const SHIPPED_NAME: &str = "data/posterior/posterior.csv";

/// Weighted particles over parameter paths, as read from a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Posterior {
    /// The file as named (or [`SHIPPED_NAME`]).
    pub file: String,
    /// SHA-256 of the file's bytes, in lowercase hex.
    pub sha256: String,
    /// The parameter paths, in column order.
    pub parameters: Vec<String>,
    /// Each particle's importance weight (not necessarily normalised).
    pub weights: Vec<f64>,
    /// Each particle's values, one per parameter.
    pub values: Vec<Vec<f64>>,
    /// Each particle's line in the file (for messages).
    pub lines: Vec<usize>,
}

/// A posterior tied to a scenario: the parameter set of every particle.
#[derive(Debug, Clone, PartialEq)]
pub struct ParameterDraws {
    /// The posterior drawn from.
    pub posterior: Posterior,
    /// Paths of the posterior the scenario fixes (their values are not
    /// drawn), in the posterior's column order.
    pub fixed: Vec<String>,
    /// Each particle's parameter set on top of the scenario.
    particles: Vec<ModelParams>,
}

impl ParameterDraws {
    /// Resolves every particle of `posterior` on top of `base`, keeping the
    /// paths in `fixed` at `base`'s values. Problems name the column (key)
    /// and the particle's line: a parameter that is not a number of the
    /// scenario, a value the loader refuses, weights that do not make a
    /// distribution.
    pub fn new(
        base: &Scenario,
        posterior: Posterior,
        mut fixed: Vec<String>,
    ) -> Result<ParameterDraws, Vec<Problem>> {
        fixed.sort_by_key(|f| posterior.parameters.iter().position(|p| p == f));
        let mut plain = base.clone();
        plain.draws = None;
        let paths = Paths::of(&plain);
        let mut problems = Vec::new();
        for p in &posterior.parameters {
            if let Err(mut e) = paths.number(p) {
                e.key = p.clone();
                e.line = Some(1);
                e.message = Message::new("problem-column")
                    .arg("column", p)
                    .with("message", e.message);
                problems.push(e);
            }
        }
        check_weights(&posterior, &mut problems);
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut particles = Vec::with_capacity(posterior.values.len());
        for (i, row) in posterior.values.iter().enumerate() {
            let drawn = posterior
                .parameters
                .iter()
                .zip(row)
                .filter(|(p, _)| !fixed.contains(p))
                .map(|(p, v)| (p.as_str(), *v));
            match paths.with(drawn) {
                Ok(sc) => particles.push(sc.params),
                Err(ps) => problems.extend(ps.into_iter().map(|mut p| {
                    p.message = Message::new("problem-particle")
                        .arg("particle", i)
                        .with("message", p.message);
                    p.line = Some(posterior.lines[i]);
                    p
                })),
            }
        }
        if problems.is_empty() {
            Ok(ParameterDraws {
                posterior,
                fixed,
                particles,
            })
        } else {
            Err(problems)
        }
    }

    /// The same posterior on top of `base` (a sweep point, a calibration
    /// step), with `set` fixed besides the paths fixed already.
    pub fn rebase(&self, base: &Scenario, set: &[&str]) -> Result<ParameterDraws, Vec<Problem>> {
        let mut fixed = self.fixed.clone();
        for s in set {
            if self.posterior.parameters.iter().any(|p| p == s) && !fixed.iter().any(|f| f == s) {
                fixed.push(s.to_string());
            }
        }
        ParameterDraws::new(base, self.posterior.clone(), fixed)
    }

    /// The particle replicate `replicate` of a run with master seed `seed` uses.
    pub fn particle(&self, seed: u64, replicate: u32) -> usize {
        pick(&self.posterior.weights, seed, replicate)
    }

    /// The parameter set of particle `i`.
    pub fn params(&self, i: usize) -> &ModelParams {
        &self.particles[i]
    }

    /// The paths whose values are drawn (the posterior's, less the fixed).
    pub fn drawn(&self) -> impl Iterator<Item = &str> {
        self.posterior
            .parameters
            .iter()
            .filter(|p| !self.fixed.contains(p))
            .map(String::as_str)
    }
}

/// Attaches draws to a scenario (`None` detaches them).
pub fn attach(sc: &mut Scenario, draws: Option<ParameterDraws>) {
    sc.draws = draws.map(Arc::new);
}

/// Weights must be finite, not negative, and not all zero.
fn check_weights(posterior: &Posterior, problems: &mut Vec<Problem>) {
    if posterior.values.is_empty() {
        problems.push(Problem::new(
            "",
            Message::new("problem-no-particles"),
            Message::new("valid-particle-rows"),
        ));
        return;
    }
    for (i, w) in posterior.weights.iter().enumerate() {
        if !w.is_finite() || *w < 0.0 {
            let mut p = Problem::new(
                "weight",
                Message::new("problem-particle-weight")
                    .arg("particle", i)
                    .arg("weight", w),
                Message::new("valid-weight"),
            );
            p.line = Some(posterior.lines[i]);
            problems.push(p);
        }
    }
    if problems.is_empty() && posterior.weights.iter().sum::<f64>() <= 0.0 {
        problems.push(Problem::new(
            "weight",
            Message::new("problem-zero-weights"),
            Message::new("valid-positive-weight"),
        ));
    }
}
