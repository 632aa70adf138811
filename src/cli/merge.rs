//! `resim merge DIR`: combine the shard files of a run, sweep or
//! sensitivity analysis into the outputs a single machine would write.

use std::path::{Path, PathBuf};

use clap::Args;
use resilience_sim::output::OutputDir;
use resilience_sim::scenario::{self, Scenario};
use resilience_sim::sensitivity::Options;
use resilience_sim::shard::{Job, Kind, MergeError, ShardSet};
use resilience_sim::stats::Summary;
use resilience_sim::sweep::SweepCsv;

use super::CliError;
use super::pipeline::{Provenance, out_err, write_run_outputs};
use super::sensitivity::{Collector, finish, plan as sensitivity_plan};
use super::sweep::{report_sweep, sweep_plan, write_manifest};

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Directory the shards wrote into (holds shards/shard-I-of-N.json).
    dir: PathBuf,
    /// Where to write the merged outputs [default: DIR].
    #[arg(long)]
    out: Option<PathBuf>,
}

/// The job's scenario, as the shards ran it.
fn scenario_of(job: &Job) -> Result<Scenario, CliError> {
    let mut sc = scenario::parse(&job.scenario_text, Path::new(&job.scenario_file))?;
    sc.run.replicates = job.replicates;
    sc.run.seed = job.seed;
    Ok(sc)
}

pub fn merge(args: MergeArgs) -> Result<(), CliError> {
    let set = ShardSet::open(&args.dir).map_err(|e| match e {
        MergeError::Missing { .. } => CliError::Input(format!("{}: {e}", args.dir.display())),
        MergeError::Invalid(m) => CliError::Input(m),
    })?;
    let job = set.job.clone();
    if job.version != env!("CARGO_PKG_VERSION") {
        return Err(CliError::Input(format!(
            "the shards were written by resim {}, this is {}; merge with the same version",
            job.version,
            env!("CARGO_PKG_VERSION")
        )));
    }
    let out = args.out.clone().unwrap_or_else(|| args.dir.clone());
    let dir = OutputDir::check(&out, true).map_err(out_err)?;
    let shards = set.files.len() as u32;
    let sc = scenario_of(&job)?;
    let file = Path::new(&job.scenario_file);
    match job.kind {
        Kind::Run => {
            let mut whole: Option<Summary> = None;
            let (wall, threads) = set
                .merge(|_, s| {
                    whole = Some(s.clone());
                    Ok(())
                })
                .map_err(CliError::Input)?;
            let summary = whole.ok_or_else(|| CliError::Input("no point in the shards".into()))?;
            let threads_used = threads;
            write_run_outputs(
                &sc,
                &summary,
                &dir,
                &Provenance {
                    scenario_file: &job.scenario_file,
                    scenario_hash: &job.scenario_hash,
                    threads: threads_used,
                    wall,
                    memory_estimate_bytes: resilience_sim::guard::estimate_memory(
                        &sc,
                        threads_used,
                        false,
                    ),
                },
                None,
                Vec::new(),
                None,
            )?;
            print!("{}", resilience_sim::output::ranking_table(&sc, &summary));
            println!("merged results in {}", dir.path.display());
        }
        Kind::Sweep => {
            let plan = sweep_plan(sc, file)?;
            dir.create().map_err(out_err)?;
            let mut csv =
                SweepCsv::create(&dir.file("sweep.csv"), &plan.parameters).map_err(out_err)?;
            let (wall, threads) = set
                .merge(|p, s| csv.point(&plan, p, s).map_err(|e| e.to_string()))
                .map_err(CliError::Input)?;
            csv.commit().map_err(out_err)?;
            write_manifest(&dir, "sweep", &job, &plan, shards, threads, wall)?;
            report_sweep(&plan, &out, wall, threads);
        }
        Kind::Sensitivity => {
            let opts: Options = serde_json::from_value(job.options.clone())
                .map_err(|e| CliError::Input(format!("shard options unreadable: {e}")))?;
            let plan = sensitivity_plan(sc, &opts, file)?;
            let mut c = Collector::new(&opts, plan.len());
            let (wall, threads) = set
                .merge(|p, s| {
                    c.add(&opts, p, s);
                    Ok(())
                })
                .map_err(CliError::Input)?;
            finish(&dir, &job, &plan, &opts, &c.y, shards, threads, wall)?;
        }
    }
    eprintln!(
        "merged {shards} shard{} from {}",
        if shards == 1 { "" } else { "s" },
        args.dir.join("shards").display()
    );
    Ok(())
}
