//! `resim sensitivity`: Morris or Sobol' over the `[sweep]` ranges.

use std::path::Path;

use clap::{Args, ValueEnum};
use resilience_sim::output::{self, OutputDir};
use resilience_sim::scenario::Scenario;
use resilience_sim::sensitivity::{self, Method, Options, OutputSpec};
use resilience_sim::shard::{Job, Kind, Shard};
use resilience_sim::sweep::Plan;

use super::CliError;
use super::pipeline::{out_err, thread_count};
use super::sweep::{
    CommonArgs, JobSettings, Outcome, job, load, run_sharded, run_whole, write_manifest,
};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum MethodArg {
    /// Morris elementary effects: μ*, μ and σ (screening; r(k+1) points).
    Morris,
    /// Sobol' first-order and total indices (Saltelli sampling; N(k+2) points).
    Sobol,
}

#[derive(Debug, Args)]
pub struct SensitivityArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// The method.
    #[arg(long)]
    method: MethodArg,
    /// Output to analyse, STRATEGY:OUTCOME[:SUBGROUP] (Hedges' g vs the baseline);
    /// repeat for several [default: the first non-baseline strategy, resilience, all].
    #[arg(long = "output", value_name = "STRATEGY:OUTCOME[:SUBGROUP]")]
    outputs: Vec<String>,
    /// Morris: trajectories r.
    #[arg(long, default_value_t = 10)]
    trajectories: u32,
    /// Morris: grid levels p (even).
    #[arg(long, default_value_t = 4)]
    levels: u32,
    /// Sobol: base sample size N.
    #[arg(long, default_value_t = 64)]
    samples: u32,
    /// Bootstrap resamples for the 95% intervals.
    #[arg(long, default_value_t = 1000)]
    bootstrap: u32,
    /// Seed of the design and the bootstrap (the simulation uses run.seed).
    #[arg(long, default_value_t = 1)]
    design_seed: u64,
}

fn options(a: &SensitivityArgs, sc: &Scenario) -> Result<Options, CliError> {
    let method = match a.method {
        MethodArg::Morris => {
            if !(2..=10_000).contains(&a.trajectories) {
                return Err(CliError::Input(format!(
                    "--trajectories {}: valid is 2 to 10000",
                    a.trajectories
                )));
            }
            if a.levels < 2 || a.levels > 100 || !a.levels.is_multiple_of(2) {
                return Err(CliError::Input(format!(
                    "--levels {}: valid is an even number from 2 to 100",
                    a.levels
                )));
            }
            Method::Morris {
                trajectories: a.trajectories,
                levels: a.levels,
            }
        }
        MethodArg::Sobol => {
            if !(2..=1_000_000).contains(&a.samples) {
                return Err(CliError::Input(format!(
                    "--samples {}: valid is 2 to 1000000",
                    a.samples
                )));
            }
            Method::Sobol { samples: a.samples }
        }
    };
    if a.bootstrap > 100_000 {
        return Err(CliError::Input(format!(
            "--bootstrap {}: valid is 0 to 100000",
            a.bootstrap
        )));
    }
    let mut outputs = Vec::new();
    for o in &a.outputs {
        let spec = OutputSpec::parse(o, sc).map_err(CliError::Input)?;
        if !outputs.contains(&spec) {
            outputs.push(spec);
        }
    }
    if outputs.is_empty() {
        outputs.push(OutputSpec::default_for(sc));
    }
    Ok(Options {
        method,
        bootstrap: a.bootstrap,
        seed: a.design_seed,
        outputs,
    })
}

/// The plan of a sensitivity analysis, checked point by point.
pub fn plan(sc: Scenario, opts: &Options, file: &Path) -> Result<Plan, CliError> {
    let plan = sensitivity::plan(sc, opts)
        .map_err(|m| CliError::Input(format!("{}: {m}", file.display())))?;
    plan.check()
        .map_err(|m| CliError::Input(format!("{}: {m}", file.display())))?;
    Ok(plan)
}

/// Outputs per point, collected as points finish.
pub struct Collector {
    pub y: Vec<Vec<f64>>,
}

impl Collector {
    pub fn new(opts: &Options, points: u64) -> Collector {
        Collector {
            y: vec![vec![f64::NAN; points as usize]; opts.outputs.len()],
        }
    }

    pub fn add(&mut self, opts: &Options, point: u64, summary: &resilience_sim::stats::Summary) {
        for (ys, o) in self.y.iter_mut().zip(&opts.outputs) {
            ys[point as usize] = o.value(summary);
        }
    }
}

/// Writes sensitivity.csv, sensitivity_points.csv and the manifest, and prints the table.
#[allow(clippy::too_many_arguments)]
pub fn finish(
    dir: &OutputDir,
    job: &Job,
    plan: &Plan,
    opts: &Options,
    y: &[Vec<f64>],
    shards: u32,
    threads: usize,
    wall: f64,
) -> Result<(), CliError> {
    let rows = sensitivity::analyse(opts, &plan.parameters, y);
    dir.create().map_err(out_err)?;
    output::write_atomic(&dir.file("sensitivity.csv"), &sensitivity::csv(opts, &rows))
        .map_err(out_err)?;
    output::write_atomic(
        &dir.file("sensitivity_points.csv"),
        &sensitivity::points_csv(plan, opts, y),
    )
    .map_err(out_err)?;
    write_manifest(dir, "sensitivity", job, plan, shards, threads, wall)?;
    let design = match opts.method {
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
    print!("{}", sensitivity::table(opts, &rows));
    match opts.method {
        Method::Morris { .. } => println!(
            "mu* = mean |elementary effect|, the change in g over a parameter's whole range; sigma = spread (interactions, non-linearity); 95% bootstrap intervals."
        ),
        Method::Sobol { .. } => println!(
            "S1 = share of the variance of g due to the parameter alone; ST = including its interactions; 95% bootstrap intervals."
        ),
    }
    println!(
        "{:.2} s on {} threads; results in {}",
        wall,
        threads,
        dir.file("sensitivity.csv").display()
    );
    Ok(())
}

pub fn sensitivity(args: SensitivityArgs) -> Result<(), CliError> {
    let a = &args.common;
    let (sc, text) = load(a)?;
    let threads = thread_count(a.threads)?;
    super::pipeline::check_memory(&sc, threads, &a.scenario.display().to_string())?;
    let opts = options(&args, &sc)?;
    let out = a.out.clone().unwrap_or_else(|| {
        Path::new("results").join(format!("{}-{}", sc.name, opts.method.name()))
    });
    let plan = plan(sc, &opts, &a.scenario)?;
    let job = job(
        Kind::Sensitivity,
        a,
        text,
        &plan,
        serde_json::to_value(&opts).map_err(|e| CliError::Internal(e.to_string()))?,
    );
    let set = JobSettings {
        threads,
        quiet: a.quiet,
        resume: a.resume,
        force: a.force,
        slim: true,
    };
    if let Some(s) = &a.shard {
        let shard = Shard::parse(s).map_err(CliError::Input)?;
        return run_sharded(&set, &job, &plan, shard, &out);
    }
    let outcome = run_whole(
        &set,
        &job,
        &plan,
        &out,
        "sensitivity.csv",
        |_| Ok(Collector::new(&opts, plan.len())),
        |c, ps| {
            c.add(&opts, ps.point, &ps.summary);
            Ok(())
        },
    )?;
    let Outcome::Done(c, journal, wall) = outcome else {
        return Ok(());
    };
    let dir = OutputDir::unchecked(&out);
    finish(&dir, &job, &plan, &opts, &c.y, 1, threads, wall)?;
    journal.remove().map_err(CliError::Internal)?;
    Ok(())
}
