//! `resim check`: validate and print the resolved scenario.

use std::path::Path;

use resilience_sim::guard;
use resilience_sim::jobs::{self, JobError};
use resilience_sim::scenario::Scenario;

/// Loads the scenario at `path` (or a bundled one), prints it resolved, and
/// reports its size, the steady-state check (simulated on `threads`
/// workers) and the memory a run would need.
pub fn check(path: &Path, threads: Option<usize>, students: bool) -> Result<(), JobError> {
    let threads = jobs::thread_count(threads)?;
    let sc = jobs::ScenarioFile::load_or_bundled(&path.to_string_lossy())?.scenario;
    print!("{}", sc.to_toml());
    let p = &sc.population;
    let who = match &p.district {
        Some(file) if p.is_district() => format!(
            "{} and {} from the district file {file}",
            count(p.school_count(), "school", "schools"),
            count(p.classes(), "class", "classes"),
        ),
        None if p.is_district() => format!(
            "{} and {} listed in the scenario's [[population.district_schools]]",
            count(p.school_count(), "school", "schools"),
            count(p.classes(), "class", "classes"),
        ),
        _ => format!(
            "{} × {} × {} students",
            count(p.schools as u64, "school", "schools"),
            count(p.classes_per_school as u64, "class", "classes"),
            p.class_size
        ),
    };
    eprintln!(
        "{}: OK — {} students ({who}), {} (baseline `{}`), {} + {} burn-in, {}",
        path.display(),
        sc.students(),
        count(sc.strategies.len() as u64, "strategy", "strategies"),
        sc.baseline,
        count(sc.calendar.total_weeks() as u64, "week", "weeks"),
        sc.calendar.burn_in_weeks,
        count(sc.run.replicates as u64, "replicate", "replicates")
    );
    eprintln!("{}", jobs::steady_check(&sc, threads)?.describe());
    eprintln!("{}", memory_line(&sc, threads, students)?);
    Ok(())
}

/// The run's estimated peak memory beside what it may use, e.g. `memory:
/// about 33 MiB (33321852 bytes) at peak for `resim run` on 2 threads; …`.
fn memory_line(sc: &Scenario, threads: usize, students: bool) -> Result<String, JobError> {
    let need = guard::estimate_memory(sc, threads, students);
    let mut line = format!(
        "memory: about {} ({need} bytes) at peak for `resim run` on {} {}(estimate, src/guard.rs)",
        guard::human(need),
        count(threads as u64, "thread", "threads"),
        if students { "with --students " } else { "" }
    );
    let available = guard::available_memory().map_err(|e| JobError::input(e.to_string()))?;
    if let Some(a) = available {
        let may = (a.bytes as f64 * guard::MEMORY_HEADROOM) as u64;
        line += &format!(
            "; a run may use at most {:.0} % of the {} available ({}), {}{}",
            guard::MEMORY_HEADROOM * 100.0,
            guard::human(a.bytes),
            a.source,
            guard::human(may),
            if need > may {
                ", so `resim run` would refuse it"
            } else {
                ""
            }
        );
    }
    Ok(line)
}

/// `1 school`, `3 schools`.
fn count(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
