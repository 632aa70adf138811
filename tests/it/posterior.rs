//! The shipped posterior (issue 11 item 7): `data/posterior/` holds the
//! weighted particles of the ABC-SMC calibration, and the model's defaults
//! are one stated point of it.

use std::path::Path;

use resilience_sim::calibration::rows::read_posterior;
use resilience_sim::scenario::{self, path};

fn posterior_file() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/posterior/posterior.csv")
}

/// `x` rounded to 3 significant digits, as the defaults were.
fn three_digits(x: f64) -> f64 {
    if x == 0.0 {
        return 0.0;
    }
    let scale = 10f64.powi(2 - x.abs().log10().floor() as i32);
    (x * scale).round() / scale
}

#[test]
fn the_defaults_are_the_weighted_mean_of_the_shipped_posterior() {
    let file = posterior_file();
    let bytes = std::fs::read(&file).expect("data/posterior/posterior.csv exists");
    let post = read_posterior("posterior.csv", &bytes).expect("posterior.csv reads");
    assert!(post.rows.len() >= 20, "{} particles", post.rows.len());
    let total: f64 = post.rows.iter().map(|r| r.particle.weight).sum();
    assert!((total - 1.0).abs() < 1e-4, "weights sum to {total}");
    // The stated point: the weighted posterior mean (what `resim calibrate`
    // reports as the fit), rounded to 3 significant digits.
    let sc = scenario::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/meta_analysis_trial.toml"),
    )
    .expect("bundled scenario loads");
    for (k, name) in post.parameters.iter().enumerate() {
        let mean: f64 = post
            .rows
            .iter()
            .map(|r| r.particle.weight * r.values[k])
            .sum();
        let default = path::get(&sc, name).expect("a parameter path");
        let stated = three_digits(mean);
        assert!(
            (default - stated).abs() <= 1e-6 * stated.abs().max(1e-3),
            "{name}: default {default}, posterior mean {mean} (rounded {stated})"
        );
    }
}

#[test]
fn the_posterior_manifest_names_its_command_targets_and_version() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/posterior");
    let manifest = std::fs::read_to_string(dir.join("README.md")).expect("manifest");
    assert!(manifest.contains("scripts/abc_calibration.sh"));
    assert!(manifest.contains("resim 0.3.0"));
    let targets = std::fs::read_to_string(dir.join("targets.csv")).expect("targets");
    let bytes = std::fs::read(posterior_file()).unwrap();
    let post = read_posterior("posterior.csv", &bytes).unwrap();
    for p in &post.parameters {
        assert!(manifest.contains(p.as_str()), "manifest names {p}");
    }
    // Only in-sample targets were fitted: no out-of-sample row was given.
    assert!(!targets.contains("out_of_sample"));
    assert!(targets.lines().count() > 10);
}
