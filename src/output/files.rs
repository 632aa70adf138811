//! The manifest of a run, and what identifies the program and parameters behind it.

use serde::Serialize;

use super::{FileEntry, fnv1a};
use crate::scenario::Scenario;

/// The git commit this program was built from: 40 hex digits, with
/// `-modified` when the working tree had uncommitted changes, or `unknown`
/// when it was not built from a git checkout (e.g. from a source archive).
pub const GIT_COMMIT: &str = git_version::git_version!(
    args = [
        "--always",
        "--abbrev=40",
        "--dirty=-modified",
        "--exclude=*"
    ],
    fallback = "unknown"
);

/// The identity of a parameter set: FNV-1a of every model parameter's value
/// (each `param_group!` and `[components]` parameter, as the resolved
/// scenario writes them). Two runs with the same hash simulated the same
/// model, whatever their population, strategies, seed or file layout.
pub fn parameter_set_hash(scenario: &Scenario) -> String {
    let text = toml::to_string(&scenario.params)
        .unwrap_or_else(|e| format!("unprintable parameters: {e}"));
    fnv1a(text.as_bytes())
}

/// `manifest.json`: what was run, by which program, and how fast.
#[derive(Debug, Serialize)]
pub struct Manifest<'a> {
    /// Program name.
    pub program: &'static str,
    /// Program version.
    pub version: &'static str,
    /// The git commit the program was built from ([`GIT_COMMIT`]).
    pub git_commit: &'static str,
    /// The job that wrote the set: `run` (also for `whatif` and `merge`).
    pub command: &'static str,
    /// Scenario file as given.
    pub scenario_file: String,
    /// FNV-1a hash of the scenario file's bytes.
    pub scenario_hash: String,
    /// The identity of the model parameters ([`parameter_set_hash`]).
    pub parameter_set_hash: String,
    /// The parameter draws of a run with parameter uncertainty
    /// (`--uncertainty`): the posterior, its SHA-256, the draws; absent
    /// when every replicate ran the scenario's parameters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uncertainty: Option<super::UncertaintyRecord>,
    /// Master seed.
    pub seed: u64,
    /// Replicates run.
    pub replicates: u32,
    /// Worker threads.
    pub threads: usize,
    /// Students per replicate.
    pub students: u64,
    /// Student-weeks simulated: students × (burn-in weeks + strategies × weeks) × replicates (the burn-in is shared by the strategies).
    pub student_weeks: u64,
    /// Wall-clock seconds of the simulation.
    pub wall_seconds: f64,
    /// Student-weeks per second.
    pub student_weeks_per_second: f64,
    /// Estimated peak memory of the run in bytes (`resilience_sim::guard::estimate_memory`).
    pub memory_estimate_bytes: u64,
    /// The steady-state check a run (or `resim merge`, from its shards'
    /// burn-ins) made after the replicates: the drift, and the burn-ins it
    /// simulated besides the run's; absent only where no check was made.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub steady_state: Option<super::SteadyStateRecord>,
    /// Every file of the result set with its size and checksum (the
    /// manifest is written last; readers check the files against it).
    pub files: Vec<FileEntry>,
    /// The resolved scenario.
    pub scenario: &'a Scenario,
}
