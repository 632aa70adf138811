//! `parameters.csv` (runs with parameter uncertainty only): the value of
//! every posterior parameter each replicate ran with, drawn or kept.

use serde::{Deserialize, Serialize};

use crate::scenario::Scenario;
use crate::scenario::path::Paths;

/// One row of `parameters.csv`: one replicate's value of one parameter
/// of the posterior.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParameterRow {
    /// Replicate index.
    pub replicate: u32,
    /// The posterior particle (row, from 0) the replicate drew.
    pub particle: u64,
    /// Parameter path, e.g. `stress.academic_load`.
    pub parameter: String,
    /// The value the replicate ran with, as stored (single precision).
    #[serde(with = "super::na")]
    pub value: f64,
    /// `drawn` from the particle, or `kept`: set by the scenario file,
    /// `--set` or a sweep point, so the same in every replicate.
    pub source: String,
}

/// The rows of `parameters.csv` for `replicates` of `sc` (in the order
/// given, then by posterior column); none without parameter draws.
pub fn parameter_rows(sc: &Scenario, replicates: &[u32]) -> Vec<ParameterRow> {
    let Some(d) = &sc.draws else {
        return Vec::new();
    };
    let paths = Paths::of(sc);
    let post = &d.posterior;
    let mut rows = Vec::with_capacity(replicates.len() * post.parameters.len());
    for &r in replicates {
        let i = d.particle(sc.run.seed, r);
        for (j, p) in post.parameters.iter().enumerate() {
            let kept = d.fixed.contains(p);
            let value = if kept {
                paths.get(p).unwrap_or(f64::NAN)
            } else {
                paths.stored(p, post.values[i][j])
            };
            rows.push(ParameterRow {
                replicate: r,
                particle: i as u64,
                parameter: p.clone(),
                value,
                source: if kept { "kept" } else { "drawn" }.into(),
            });
        }
    }
    rows
}

/// What `manifest.json` records of a run's parameter draws.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UncertaintyRecord {
    /// The posterior file as named (`data/posterior/posterior.csv` for the
    /// one built into the program).
    pub posterior: String,
    /// SHA-256 of the posterior file's bytes.
    pub posterior_sha256: String,
    /// Parameter sets drawn: one per replicate.
    pub draws: u32,
    /// Particles in the posterior.
    pub particles: usize,
    /// Paths drawn from the posterior.
    pub drawn: Vec<String>,
    /// Paths of the posterior kept at the scenario's values.
    pub kept: Vec<String>,
}

impl UncertaintyRecord {
    /// The record of a run of `sc` over `replicates` replicates; `None`
    /// when its parameters were not drawn.
    pub fn of(sc: &Scenario, replicates: u32) -> Option<UncertaintyRecord> {
        let d = sc.draws.as_ref()?;
        Some(UncertaintyRecord {
            posterior: d.posterior.file.clone(),
            posterior_sha256: d.posterior.sha256.clone(),
            draws: replicates,
            particles: d.posterior.values.len(),
            drawn: d.drawn().map(str::to_string).collect(),
            kept: d.fixed.clone(),
        })
    }
}
