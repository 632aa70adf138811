//! `sweep.csv`, streamed point by point, and the manifest of sweeps and
//! sensitivity analyses.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::plan::{Plan, format_value};
use crate::output::{AtomicFile, OutputError, effects_csv};
use crate::scenario::Scenario;
use crate::stats::Summary;

/// Splits `effects.csv` bytes into its header line and its rows.
fn split_effects(summary: &Summary) -> (Vec<u8>, Vec<u8>) {
    let bytes = effects_csv(summary);
    let cut = bytes
        .iter()
        .position(|&b| b == b'\n')
        .map(|i| i + 1)
        .unwrap_or(bytes.len());
    (bytes[..cut].to_vec(), bytes[cut..].to_vec())
}

/// `sweep.csv`: `point`, each swept parameter, then the columns of
/// `effects.csv`; one row per point × strategy × subgroup × outcome.
pub struct SweepCsv {
    file: AtomicFile,
    path: PathBuf,
}

impl SweepCsv {
    /// Starts `path` (under a temporary name) and writes the header.
    pub fn create(path: &Path, parameters: &[String]) -> Result<SweepCsv, OutputError> {
        let mut file = AtomicFile::create(path)?;
        let (header, _) = split_effects(&Summary::new(&[], 0, 1));
        let mut line = b"point".to_vec();
        for p in parameters {
            line.push(b',');
            line.extend_from_slice(p.as_bytes());
        }
        line.push(b',');
        line.extend_from_slice(&header);
        file.write_all(&line).map_err(|source| OutputError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(SweepCsv {
            file,
            path: path.to_path_buf(),
        })
    }

    /// Appends the rows of point `p`.
    pub fn point(&mut self, plan: &Plan, p: u64, summary: &Summary) -> Result<(), OutputError> {
        let mut prefix = p.to_string();
        for (path, v) in plan.parameters.iter().zip(plan.values(p)) {
            prefix.push(',');
            prefix.push_str(&format_value(path, v));
        }
        prefix.push(',');
        let (_, rows) = split_effects(summary);
        let mut out = Vec::with_capacity(rows.len() * 2);
        for line in rows.split_inclusive(|&b| b == b'\n') {
            out.extend_from_slice(prefix.as_bytes());
            out.extend_from_slice(line);
        }
        self.file.write_all(&out).map_err(|source| OutputError::Io {
            path: self.path.clone(),
            source,
        })
    }

    /// Renames the finished file into place.
    pub fn commit(self) -> Result<(), OutputError> {
        self.file.commit()
    }
}

/// `manifest.json` of a sweep or sensitivity analysis.
#[derive(Debug, Serialize)]
pub struct JobManifest<'a> {
    /// Program name.
    pub program: &'static str,
    /// Program version.
    pub version: &'static str,
    /// `sweep` or `sensitivity`.
    pub command: &'static str,
    /// Scenario file as given.
    pub scenario_file: &'a str,
    /// FNV-1a hash of the scenario file's bytes.
    pub scenario_hash: &'a str,
    /// Master seed (every point uses its replicate keys).
    pub seed: u64,
    /// Replicates per point.
    pub replicates: u32,
    /// Points run.
    pub points: u64,
    /// Swept parameters.
    pub parameters: &'a [String],
    /// Command options that shape the results (sensitivity design, outputs).
    pub options: &'a serde_json::Value,
    /// Shards the work was split into (1: one machine).
    pub shards: u32,
    /// Worker threads (of shard 0 when merged).
    pub threads: usize,
    /// Wall-clock seconds of the simulation (summed over shards when merged).
    pub wall_seconds: f64,
    /// The resolved base scenario.
    pub scenario: &'a Scenario,
}
