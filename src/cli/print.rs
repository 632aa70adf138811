//! What several commands print: the closing lines of a shard, a sweep and a
//! sensitivity analysis (also printed by `resim merge`).

use std::path::Path;

use resilience_sim::jobs::{SensitivityResult, ShardResult, SweepResult};
use resilience_sim::sensitivity::{self, Method};

/// The closing lines of a shard.
pub fn print_shard(r: &ShardResult, path: &Path, out: &Path) {
    let shard = r.header.shard;
    println!(
        "shard {shard}: {} of {} units ({} points × {} replicates) in {:.2} s → {}",
        r.units,
        r.plan_points * r.replicates as u64,
        r.plan_points,
        r.replicates,
        r.wall_seconds,
        path.display()
    );
    println!(
        "when all {} shards are done: resim merge {}",
        shard.count,
        out.display()
    );
}

/// The closing line of a sweep.
pub fn print_sweep(r: &SweepResult, out: &Path) {
    let plan = &r.plan;
    println!(
        "{} — sweep of {} point{} over {} ({} replicates each, common random numbers) in {:.2} s on {} threads; results in {}",
        plan.base.name,
        plan.len(),
        if plan.len() == 1 { "" } else { "s" },
        plan.parameters.join(", "),
        plan.replicates(),
        r.wall_seconds,
        r.threads,
        out.join(r.format.main_file("sweep")).display()
    );
}

/// The table of indices and where the results are.
pub fn print_sensitivity(r: &SensitivityResult, out: &Path) {
    let plan = &r.plan;
    let design = match r.options.method {
        Method::Morris {
            trajectories,
            levels,
        } => format!("Morris, {trajectories} trajectories on {levels} levels"),
        Method::Sobol { samples } => format!("Sobol', N = {samples} (Saltelli scheme)"),
    };
    println!(
        "{} — {design}: {} points × {} replicates over {} parameters\n",
        plan.base.name,
        plan.len(),
        plan.replicates(),
        plan.parameters.len()
    );
    print!("{}", sensitivity::table(&r.options, &r.indices));
    for u in sensitivity::Undefined::find(&r.options.outputs, &r.y) {
        println!("{}\n", u.explain(plan));
    }
    match r.options.method {
        Method::Morris { .. } => println!(
            "mu* = mean |elementary effect|, the change in g over a parameter's whole range; sigma = spread (interactions, non-linearity); 95% bootstrap intervals."
        ),
        Method::Sobol { .. } => println!(
            "S1 = share of the variance of g due to the parameter alone; ST = including its interactions; 95% bootstrap intervals."
        ),
    }
    println!(
        "{:.2} s on {} threads; results in {}",
        r.wall_seconds,
        r.threads,
        out.join("sensitivity.csv").display()
    );
}
