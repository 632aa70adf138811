//! `resim sweep`, and what the commands of many points share: loading
//! their scenario, running them whole or as one shard, and printing.

use std::path::{Path, PathBuf};

use clap::Args;
use resilience_sim::jobs::{
    self, JobError, Outcome, PointJob, ScenarioFile, ShardResult, SweepOptions, SweepResult,
    Workspace,
};
use resilience_sim::shard::Shard;

use super::args::PointArgs;
use super::terminal::{Bar, cancel_on_signal};

/// Arguments of `resim sweep`.
#[derive(Debug, Args)]
pub struct SweepArgs {
    #[command(flatten)]
    common: PointArgs,
}

/// The scenario of a sweep or sensitivity analysis, with --replicates applied.
pub fn load(args: &PointArgs) -> Result<ScenarioFile, JobError> {
    let mut file = ScenarioFile::load(&args.scenario)?;
    jobs::Overrides {
        replicates: args.replicates,
        ..Default::default()
    }
    .apply(&mut file.scenario)?;
    Ok(file)
}

/// Runs shard `spec` of a job into the workspace, writes its file and says
/// what to do next.
pub fn run_shard(work: &PointJob, ws: &Workspace, spec: &str, quiet: bool) -> Result<(), JobError> {
    let shard = Shard::parse(spec)?;
    let progress = Bar::new(quiet);
    if let Outcome::Done(result) = jobs::shard(work, ws, shard, &progress, &cancel_on_signal())? {
        let path = result.write()?;
        print_shard(&result, &path, &ws.dir);
    }
    Ok(())
}

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
        out.join("sweep.csv").display()
    );
}

/// Runs every point of the scenario's `[sweep]`, writes sweep.csv and says where.
pub fn sweep(args: SweepArgs) -> Result<(), JobError> {
    let a = &args.common;
    let cancel = cancel_on_signal();
    let file = load(a)?;
    let name = file.scenario.name.clone();
    let work = SweepOptions {
        scenario: file,
        threads: a.threads,
        stop_after: a.stop_after_points,
    }
    .prepare()?;
    let ws = a.workspace(|| PathBuf::from("results").join(format!("{name}-sweep")));
    if let Some(s) = &a.shard {
        return run_shard(&work, &ws, s, a.quiet);
    }
    let progress = Bar::new(a.quiet);
    if let Outcome::Done(result) = jobs::sweep(&work, Some(&ws), &progress, &cancel)? {
        result.write(&ws.dir)?;
        print_sweep(&result, &ws.dir);
    }
    Ok(())
}
