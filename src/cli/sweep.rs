//! `resim sweep`, and the machinery every multi-point or sharded job shares:
//! output directory rules, the journal, the progress bar, shard files.

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::Args;
use resilience_sim::output::{self, OutputDir};
use resilience_sim::scenario::{self, Scenario};
use resilience_sim::shard::{
    Job, Kind, PointSummary, Shard, ShardHeader, ShardWriter, read_header,
};
use resilience_sim::sweep::{Exec, ExecError, JobManifest, Journal, Plan, SweepCsv};

use super::CliError;
use super::pipeline::{cancel_flag, out_err, progress_bar, thread_count};

/// Options shared by `sweep` and `sensitivity`.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Scenario file (TOML) with a [sweep] section.
    pub scenario: PathBuf,
    /// Output directory [default: results/<scenario name>-<command>].
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Replicates per point (overrides the scenario's run.replicates).
    #[arg(long)]
    pub replicates: Option<u32>,
    /// Worker threads [default: SLURM_CPUS_PER_TASK, else all cores].
    #[arg(long)]
    pub threads: Option<usize>,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
    /// Continue an interrupted run from its journal, computing only what is missing.
    #[arg(long)]
    pub resume: bool,
    /// Start again: replace the outputs and discard any journal.
    #[arg(long)]
    pub force: bool,
    /// Run only shard I of N (`I/N`, or `auto` inside a Slurm array job) and
    /// write DIR/shards/shard-I-of-N.json; `resim merge DIR` combines the shards.
    #[arg(long, value_name = "I/N|auto")]
    pub shard: Option<String>,
}

/// How to run a job.
pub struct JobSettings {
    pub threads: usize,
    pub quiet: bool,
    pub resume: bool,
    pub force: bool,
    /// Keep only the effect accumulators of each point.
    pub slim: bool,
}

/// The scenario of a sweep or sensitivity analysis, with --replicates applied.
pub fn load(args: &CommonArgs) -> Result<(Scenario, String), CliError> {
    let mut sc = scenario::load(&args.scenario)?;
    if let Some(r) = args.replicates {
        if !(1..=1_000_000).contains(&r) {
            return Err(CliError::Input(format!(
                "--replicates {r}: valid is 1 to 1000000"
            )));
        }
        sc.run.replicates = r;
    }
    let text = std::fs::read_to_string(&args.scenario)
        .map_err(|e| CliError::Internal(format!("{}: {e}", args.scenario.display())))?;
    Ok((sc, text))
}

/// The job record of a sweep or sensitivity analysis.
pub fn job(
    kind: Kind,
    args: &CommonArgs,
    text: String,
    plan: &Plan,
    options: serde_json::Value,
) -> Job {
    Job {
        version: env!("CARGO_PKG_VERSION").into(),
        kind,
        scenario_file: args.scenario.display().to_string(),
        scenario_hash: output::fnv1a(text.as_bytes()),
        scenario_text: text,
        replicates: plan.base.run.replicates,
        seed: plan.base.run.seed,
        points: plan.len(),
        options,
    }
}

/// Test switch: stop as if interrupted after this many newly computed points.
fn stop_after() -> Option<u64> {
    std::env::var("RESIM_STOP_AFTER_POINTS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
}

fn identity(job: &Job, shard: Shard) -> serde_json::Value {
    let job = Job {
        scenario_file: String::new(),
        ..job.clone()
    };
    serde_json::json!({
        "format": "resim-journal/1",
        "job": job,
        "shard": shard,
        "scenario_hash": job.scenario_hash,
    })
}

/// Runs the plan's points of `shard`, with a journal, calling `sink` in
/// point order. Returns the journal (to remove once the results are safe)
/// and the wall-clock seconds.
fn execute(
    set: &JobSettings,
    job: &Job,
    plan: &Plan,
    shard: Shard,
    journal_dir: Option<&Path>,
    mut sink: impl FnMut(&PointSummary) -> Result<(), String> + Send,
) -> Result<(Option<Journal>, f64), CliError> {
    let journal = match journal_dir {
        Some(dir) => {
            Some(Journal::open(dir, &identity(job, shard), set.resume).map_err(CliError::Input)?)
        }
        None => None,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(set.threads)
        .build()
        .map_err(|e| CliError::Internal(format!("cannot start {} threads: {e}", set.threads)))?;
    let cancel = cancel_flag();
    let units = shard.units(plan.len(), plan.replicates());
    let pb = progress_bar(units, set.quiet);
    let progress = || pb.inc(1);
    let exec = Exec {
        plan,
        shard,
        journal: journal.as_ref(),
        slim: set.slim,
        cancel: &cancel,
        stop_after: stop_after(),
        threads: set.threads,
        progress: &progress,
    };
    let done = exec.done_units();
    if done > 0 {
        pb.set_position(done);
        pb.reset_eta();
    }
    let started = Instant::now();
    let result = pool.install(|| exec.run(&mut sink));
    let wall = started.elapsed().as_secs_f64();
    pb.finish_and_clear();
    match result {
        Ok(()) => Ok((journal, wall)),
        Err(ExecError::Cancelled { saved }) => Err(CliError::Resumable(match journal_dir {
            Some(dir) => format!(
                "stopped cleanly; {saved} of {} points are saved in {}; continue with --resume",
                plan.len(),
                dir.display()
            ),
            None => "stopped cleanly, no result files were written".into(),
        })),
        Err(ExecError::Failed(m)) => Err(CliError::Internal(m)),
    }
}

/// Runs one shard of a job into `out/shards/shard-I-of-N.json`.
pub fn run_sharded(
    set: &JobSettings,
    job: &Job,
    plan: &Plan,
    shard: Shard,
    out: &Path,
) -> Result<(), CliError> {
    let target = out.join("shards").join(shard.file_name());
    if target.exists() && !set.force {
        let same = read_header(&target).map(|h| h.job.same_work(job) && h.shard == shard);
        return match same {
            Ok(true) if set.resume => {
                eprintln!(
                    "shard {shard}: already complete in {}; nothing to do",
                    target.display()
                );
                Ok(())
            }
            Ok(true) => Err(CliError::Input(format!(
                "{} exists: this shard is already complete; pass --resume to keep it or --force to run it again",
                target.display()
            ))),
            _ => Err(CliError::Input(format!(
                "{} exists and belongs to another job; pass --force to replace it, or use another --out",
                target.display()
            ))),
        };
    }
    if out.exists() && !out.is_dir() {
        return Err(CliError::Input(format!(
            "output path {} exists and is not a directory",
            out.display()
        )));
    }
    let journal_dir = (job.kind != Kind::Run).then(|| Journal::dir_for(out, shard));
    if set.force
        && let Some(d) = &journal_dir
        && d.exists()
    {
        std::fs::remove_dir_all(d)
            .map_err(|e| CliError::Internal(format!("{}: {e}", d.display())))?;
    }
    let header = ShardHeader {
        format: resilience_sim::shard::FORMAT.into(),
        program: "resim".into(),
        job: job.clone(),
        shard,
    };
    let mut writer = ShardWriter::create(out, &header).map_err(out_err)?;
    let (journal, wall) = execute(set, job, plan, shard, journal_dir.as_deref(), |ps| {
        writer.point(ps).map_err(|e| e.to_string())
    })?;
    let path = writer.commit(set.threads, wall).map_err(out_err)?;
    if let Some(j) = journal {
        j.remove().map_err(CliError::Internal)?;
    }
    println!(
        "shard {shard}: {} of {} units ({} points × {} replicates) in {:.2} s → {}",
        shard.units(plan.len(), plan.replicates()),
        plan.len() * plan.replicates() as u64,
        plan.len(),
        plan.replicates(),
        wall,
        path.display()
    );
    println!(
        "when all {} shards are done: resim merge {}",
        shard.count,
        out.display()
    );
    Ok(())
}

/// Whether `out` already holds the finished results of `job` (for --resume).
fn already_complete(out: &Path, job: &Job, main_file: &str) -> bool {
    let Ok(bytes) = std::fs::read(out.join("manifest.json")) else {
        return false;
    };
    let Ok(m) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return false;
    };
    out.join(main_file).is_file()
        && m["scenario_hash"] == job.scenario_hash.as_str()
        && m["replicates"] == job.replicates
        && m["points"] == job.points
        && m["options"] == job.options
}

/// What an unsharded job does with its points.
pub enum Outcome<T> {
    /// Finished: the sink's state, the journal to remove, wall seconds.
    Done(T, Journal, f64),
    /// Nothing to do: the results are already complete.
    AlreadyComplete,
}

/// Runs a whole job on this machine with a journal in `out/journal`.
/// `start` creates the sink's state once the directory is settled.
pub fn run_whole<T: Send>(
    set: &JobSettings,
    job: &Job,
    plan: &Plan,
    out: &Path,
    main_file: &str,
    start: impl FnOnce(&OutputDir) -> Result<T, CliError>,
    mut on_point: impl FnMut(&mut T, &PointSummary) -> Result<(), String> + Send,
) -> Result<Outcome<T>, CliError> {
    let journal_dir = Journal::dir_for(out, Shard::WHOLE);
    let dir = if set.force {
        if journal_dir.exists() {
            std::fs::remove_dir_all(&journal_dir)
                .map_err(|e| CliError::Internal(format!("{}: {e}", journal_dir.display())))?;
        }
        OutputDir::check(out, true).map_err(out_err)?
    } else if Journal::exists(&journal_dir) {
        if !set.resume {
            return Err(CliError::Input(format!(
                "{} holds an unfinished run; continue it with --resume, or start again with --force",
                out.display()
            )));
        }
        OutputDir::check(out, true).map_err(out_err)?
    } else if set.resume && already_complete(out, job, main_file) {
        eprintln!(
            "{}: already complete; nothing to resume",
            out.join(main_file).display()
        );
        return Ok(Outcome::AlreadyComplete);
    } else {
        OutputDir::check(out, false).map_err(out_err)?
    };
    dir.create().map_err(out_err)?;
    let mut state = start(&dir)?;
    let (journal, wall) = execute(set, job, plan, Shard::WHOLE, Some(&journal_dir), |ps| {
        on_point(&mut state, ps)
    })?;
    let journal = journal.expect("a whole job keeps a journal");
    Ok(Outcome::Done(state, journal, wall))
}

#[derive(Debug, Args)]
pub struct SweepArgs {
    #[command(flatten)]
    common: CommonArgs,
}

/// The sweep's plan, checked point by point.
pub fn sweep_plan(sc: Scenario, file: &Path) -> Result<Plan, CliError> {
    let Some(spec) = sc.sweep.clone() else {
        return Err(CliError::Input(format!(
            "{}: the scenario has no [sweep] section; add one, e.g.\n  [sweep]\n  \"stress.academic_load\" = [0.06, 0.084, 0.12]\n  \"population.rural_share\" = {{ from = 0, to = 1, steps = 3 }}",
            file.display()
        )));
    };
    let problems = spec.runnable();
    if !problems.is_empty() {
        return Err(CliError::Input(
            scenario::ScenarioError {
                file: file.to_path_buf(),
                problems,
            }
            .to_string(),
        ));
    }
    let plan = Plan::sweep(sc, &spec);
    plan.check()
        .map_err(|m| CliError::Input(format!("{}: {m}", file.display())))?;
    Ok(plan)
}

/// Writes manifest.json of a sweep or sensitivity analysis.
#[allow(clippy::too_many_arguments)]
pub fn write_manifest(
    dir: &OutputDir,
    command: &'static str,
    job: &Job,
    plan: &Plan,
    shards: u32,
    threads: usize,
    wall: f64,
) -> Result<(), CliError> {
    let m = JobManifest {
        program: "resim",
        version: env!("CARGO_PKG_VERSION"),
        command,
        scenario_file: &job.scenario_file,
        scenario_hash: &job.scenario_hash,
        seed: job.seed,
        replicates: job.replicates,
        points: job.points,
        parameters: &plan.parameters,
        options: &job.options,
        shards,
        threads,
        wall_seconds: wall,
        scenario: &plan.base,
    };
    let bytes = serde_json::to_vec_pretty(&m).map_err(|e| CliError::Internal(e.to_string()))?;
    output::write_atomic(&dir.file("manifest.json"), &bytes).map_err(out_err)
}

/// Prints the closing line of a sweep.
pub fn report_sweep(plan: &Plan, out: &Path, wall: f64, threads: usize) {
    println!(
        "{} — sweep of {} point{} over {} ({} replicates each, common random numbers) in {:.2} s on {} threads; results in {}",
        plan.base.name,
        plan.len(),
        if plan.len() == 1 { "" } else { "s" },
        plan.parameters.join(", "),
        plan.replicates(),
        wall,
        threads,
        out.join("sweep.csv").display()
    );
}

pub fn sweep(args: SweepArgs) -> Result<(), CliError> {
    let a = &args.common;
    let (sc, text) = load(a)?;
    let threads = thread_count(a.threads)?;
    super::pipeline::check_memory(&sc, threads, &a.scenario.display().to_string())?;
    let out = a
        .out
        .clone()
        .unwrap_or_else(|| Path::new("results").join(format!("{}-sweep", sc.name)));
    let plan = sweep_plan(sc, &a.scenario)?;
    let job = job(Kind::Sweep, a, text, &plan, serde_json::Value::Null);
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
        "sweep.csv",
        |dir| SweepCsv::create(&dir.file("sweep.csv"), &plan.parameters).map_err(out_err),
        |csv, ps| {
            csv.point(&plan, ps.point, &ps.summary)
                .map_err(|e| e.to_string())
        },
    )?;
    let Outcome::Done(csv, journal, wall) = outcome else {
        return Ok(());
    };
    csv.commit().map_err(out_err)?;
    let dir = OutputDir::unchecked(&out);
    write_manifest(&dir, "sweep", &job, &plan, 1, threads, wall)?;
    journal.remove().map_err(CliError::Internal)?;
    report_sweep(&plan, &out, wall, threads);
    Ok(())
}
