//! `resim check`: validate and print the resolved scenario.

use std::path::Path;

use resilience_sim::engine;
use resilience_sim::jobs::{self, JobError};

pub fn check(path: &Path) -> Result<(), JobError> {
    let sc = jobs::ScenarioFile::load_or_bundled(&path.to_string_lossy())?.scenario;
    print!("{}", sc.to_toml());
    eprintln!(
        "{}: OK — {} students ({} × {} × {} students), {} (baseline `{}`), {} + {} burn-in, {}",
        path.display(),
        sc.students(),
        count(sc.population.schools as u64, "school", "schools"),
        count(sc.population.classes_per_school as u64, "class", "classes"),
        sc.population.class_size,
        count(sc.strategies.len() as u64, "strategy", "strategies"),
        sc.baseline,
        count(sc.calendar.total_weeks() as u64, "week", "weeks"),
        sc.calendar.burn_in_weeks,
        count(sc.run.replicates as u64, "replicate", "replicates")
    );
    eprintln!("{}", engine::burn_in_check(&sc).describe());
    Ok(())
}

/// `1 school`, `3 schools`.
fn count(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
