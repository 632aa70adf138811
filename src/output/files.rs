//! The manifest of a run, and the hash that identifies a scenario file.

use serde::Serialize;

use super::FileEntry;
use crate::scenario::Scenario;

/// `manifest.json`: what was run, by which program, and how fast.
#[derive(Debug, Serialize)]
pub struct Manifest<'a> {
    /// Program name.
    pub program: &'static str,
    /// Program version.
    pub version: &'static str,
    /// The job that wrote the set: `run` (also for `whatif` and `merge`).
    pub command: &'static str,
    /// Scenario file as given.
    pub scenario_file: String,
    /// FNV-1a hash of the scenario file's bytes.
    pub scenario_hash: String,
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
    /// Every file of the result set with its size and checksum (the
    /// manifest is written last; readers check the files against it).
    pub files: Vec<FileEntry>,
    /// The resolved scenario.
    pub scenario: &'a Scenario,
}
