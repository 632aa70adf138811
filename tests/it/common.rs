//! Helpers shared by the integration tests: run the `resim` binary, read CSV.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `resim` with `args` from the repository root.
pub fn resim(args: &[&str]) -> Output {
    resim_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// Runs `resim` with `args` in the working directory `dir` (for defaults
/// such as `results/…` that are relative to where the user stands).
pub fn resim_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_resim"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("resim runs")
}

/// What a finished `resim` wrote on stderr, as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Path of a bundled scenario.
pub fn scenario(name: &str) -> String {
    format!("{}/scenarios/{name}.toml", env!("CARGO_MANIFEST_DIR"))
}

/// Runs a scenario into `out` and panics with stderr if it fails.
pub fn run_ok(args: &[&str]) -> Output {
    let out = resim(args);
    assert!(
        out.status.success(),
        "resim {:?} failed ({:?}):\n{}",
        args,
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A row of `effects.csv`.
#[derive(Debug, Clone)]
pub struct Effect {
    pub strategy: String,
    pub subgroup: String,
    pub outcome: String,
    pub mean: f64,
    pub baseline_mean: f64,
    pub diff: f64,
    pub g: f64,
    pub g_lo: f64,
    pub g_hi: f64,
    pub p_better: f64,
}

/// Reads `DIR/effects.csv`.
pub fn effects(dir: &Path) -> Vec<Effect> {
    let mut r = csv::Reader::from_path(dir.join("effects.csv")).expect("effects.csv exists");
    let h = r.headers().unwrap().clone();
    let col = |name: &str| {
        h.iter()
            .position(|c| c == name)
            .unwrap_or_else(|| panic!("column {name}"))
    };
    let (s, sg, o, m, bm, d, g, glo, ghi, pb) = (
        col("strategy"),
        col("subgroup"),
        col("outcome"),
        col("mean"),
        col("baseline_mean"),
        col("diff"),
        col("hedges_g"),
        col("g_lo"),
        col("g_hi"),
        col("p_better"),
    );
    let f = |x: &str| x.parse::<f64>().unwrap_or(f64::NAN);
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            Effect {
                strategy: rec[s].to_string(),
                subgroup: rec[sg].to_string(),
                outcome: rec[o].to_string(),
                mean: f(&rec[m]),
                baseline_mean: f(&rec[bm]),
                diff: f(&rec[d]),
                g: f(&rec[g]),
                g_lo: f(&rec[glo]),
                g_hi: f(&rec[ghi]),
                p_better: f(&rec[pb]),
            }
        })
        .collect()
}

/// Runs a bundled scenario with `replicates` into a temporary directory and
/// returns its `effects.csv`.
pub fn run_effects(name: &str, replicates: u32) -> Vec<Effect> {
    let dir = tempdir();
    let out = path(dir.path(), "out");
    let reps = replicates.to_string();
    run_ok(&[
        "run",
        &scenario(name),
        "--out",
        &out,
        "--quiet",
        "--replicates",
        &reps,
    ]);
    effects(&dir.path().join("out"))
}

/// The effect of `strategy` on `outcome` in `subgroup`.
pub fn effect<'a>(rows: &'a [Effect], strategy: &str, subgroup: &str, outcome: &str) -> &'a Effect {
    rows.iter()
        .find(|e| e.strategy == strategy && e.subgroup == subgroup && e.outcome == outcome)
        .unwrap_or_else(|| panic!("no effect row for {strategy}/{subgroup}/{outcome}"))
}

/// A fresh temporary directory.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// `dir/name` as a string.
pub fn path(dir: &Path, name: &str) -> String {
    dir.join(name).to_string_lossy().into_owned()
}

/// Writes `text` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// Rows of a CSV file as maps from column to value.
pub fn rows(file: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let mut r = csv::Reader::from_path(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let h = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            h.iter()
                .zip(rec.iter())
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// A CSV cell as a number (`NA` and blanks are NaN).
pub fn num(x: &str) -> f64 {
    x.parse().unwrap_or(f64::NAN)
}
