//! `resim check`: validate and print the resolved scenario.

use std::path::Path;

use resilience_sim::{engine, scenario};

use resilience_sim::jobs::JobError;

pub fn check(path: &Path) -> Result<(), JobError> {
    let sc = scenario::load(path)?;
    print!("{}", sc.to_toml());
    eprintln!(
        "{}: OK — {} students ({} schools × {} classes × {}), {} strategies (baseline `{}`), {} weeks + {} burn-in, {} replicates",
        path.display(),
        sc.students(),
        sc.population.schools,
        sc.population.classes_per_school,
        sc.population.class_size,
        sc.strategies.len(),
        sc.baseline,
        sc.calendar.total_weeks(),
        sc.calendar.burn_in_weeks,
        sc.run.replicates
    );
    eprintln!("{}", engine::burn_in_check(&sc).describe());
    Ok(())
}
