//! `resim run`: the whole pipeline, scenario → engine → outputs.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use resilience_sim::engine::{self, RunOptions};
use resilience_sim::output::{self, AtomicFile, Manifest, OutputDir, OutputError};
use resilience_sim::scenario::{self, Scenario};
use resilience_sim::shard::{Job, Kind, Shard};
use resilience_sim::stats::Summary;
use resilience_sim::sweep::Plan;

use super::CliError;

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Scenario file (TOML), e.g. scenarios/quickstart.toml.
    scenario: PathBuf,
    /// Output directory [default: results/<scenario name>].
    #[arg(long)]
    out: Option<PathBuf>,
    /// Replicates (overrides the scenario's run.replicates).
    #[arg(long)]
    replicates: Option<u32>,
    /// Master seed (overrides the scenario's run.seed).
    #[arg(long)]
    seed: Option<u64>,
    /// Worker threads [default: SLURM_CPUS_PER_TASK, else all cores].
    #[arg(long)]
    threads: Option<usize>,
    /// Also write students.csv: every student's outcomes at week 0 and the last week.
    #[arg(long)]
    students: bool,
    /// Replace the files of a non-empty output directory.
    #[arg(long)]
    force: bool,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
    /// Run only shard I of N (`I/N`, or `auto` inside a Slurm array job) and
    /// write DIR/shards/shard-I-of-N.json; `resim merge DIR` combines the shards.
    #[arg(long, value_name = "I/N|auto")]
    shard: Option<String>,
    /// With --shard: keep this shard's file if it is already complete.
    #[arg(long)]
    resume: bool,
}

pub(super) fn out_err(e: OutputError) -> CliError {
    match e {
        OutputError::NotEmpty(_) | OutputError::NotADirectory(_) => CliError::Input(e.to_string()),
        OutputError::Io { .. } => CliError::Internal(e.to_string()),
    }
}

/// Threads: `--threads`, else `SLURM_CPUS_PER_TASK`, else every core.
pub(super) fn thread_count(arg: Option<usize>) -> Result<usize, CliError> {
    if let Some(t) = arg {
        if t == 0 || t > 1024 {
            return Err(CliError::Input(format!(
                "--threads {t}: valid is 1 to 1024"
            )));
        }
        return Ok(t);
    }
    if let Ok(v) = std::env::var("SLURM_CPUS_PER_TASK")
        && let Ok(t) = v.trim().parse::<usize>()
        && t > 0
    {
        return Ok(t);
    }
    Ok(std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1))
}

/// Rough peak memory of a run in bytes, to refuse what cannot fit.
pub fn estimate_memory(sc: &Scenario, threads: usize) -> u64 {
    let n = sc.students();
    let strategies = sc.strategies.len() as u64;
    let weeks = sc.calendar.total_weeks() as u64 + 1;
    let population = n * 200;
    let simulation = n * 120;
    let record =
        weeks * 100 * (16 + 4 * resilience_sim::stats::BINS as u64) + 8 * sc.population.classes();
    let in_flight = (threads as u64 * 2).min(sc.run.replicates as u64);
    in_flight * (population + strategies * record)
        + (threads as u64) * simulation
        + strategies * record
}

/// Refuses a run that cannot fit in memory.
pub(super) fn check_memory(sc: &Scenario, threads: usize, file: &Path) -> Result<(), CliError> {
    let need = estimate_memory(sc, threads);
    if let Some(avail) = available_memory()
        && need > avail / 10 * 8
    {
        return Err(CliError::Input(format!(
            "{}: this run needs about {:.1} GiB of memory but only {:.1} GiB is available; use fewer students, strategies, weeks or --threads",
            file.display(),
            need as f64 / (1u64 << 30) as f64,
            avail as f64 / (1u64 << 30) as f64
        )));
    }
    Ok(())
}

fn available_memory() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = text.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

pub(super) fn progress_bar(replicates: u64, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::with_draw_target(Some(replicates), ProgressDrawTarget::stderr());
    pb.set_style(
        ProgressStyle::with_template(
            "{spinner} replicates {pos}/{len} [{bar:30}] {elapsed_precise} elapsed, ETA {eta}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    pb
}

/// Installs SIGINT/SIGTERM handling once; returns the flag the engine polls.
pub(super) fn cancel_flag() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    let f = flag.clone();
    // If a handler is already installed (tests calling twice), run on without one.
    let _ = ctrlc::set_handler(move || f.store(true, Ordering::SeqCst));
    flag
}

pub fn run(args: RunArgs) -> Result<(), CliError> {
    let mut sc = scenario::load(&args.scenario)?;
    if let Some(r) = args.replicates {
        if !(1..=1_000_000).contains(&r) {
            return Err(CliError::Input(format!(
                "--replicates {r}: valid is 1 to 1000000"
            )));
        }
        sc.run.replicates = r;
    }
    if let Some(s) = args.seed {
        sc.run.seed = s;
    }
    let threads = thread_count(args.threads)?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| Path::new("results").join(&sc.name));
    if let Some(shard) = &args.shard {
        return run_shard(&args, sc, shard, threads, &out);
    }
    if args.resume {
        return Err(CliError::Input(
            "--resume: a plain run is not resumable; use it with --shard (or with resim sweep / sensitivity)".into(),
        ));
    }
    let dir = OutputDir::check(&out, args.force).map_err(out_err)?;
    check_memory(&sc, threads, &args.scenario)?;
    let scenario_bytes =
        std::fs::read(&args.scenario).map_err(|e| CliError::Internal(e.to_string()))?;

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| CliError::Internal(format!("cannot start {threads} threads: {e}")))?;
    let cancel = cancel_flag();
    let opts = RunOptions {
        replicates: sc.run.replicates,
        seed: sc.run.seed,
        snapshots: args.students,
    };
    let pb = progress_bar(opts.replicates as u64, args.quiet);

    let mut students_file = None;
    if args.students {
        dir.create().map_err(out_err)?;
        let mut f = AtomicFile::create(&dir.file("students.csv")).map_err(out_err)?;
        f.write_all(&output::students_header())
            .map_err(|e| CliError::Internal(e.to_string()))?;
        students_file = Some(f);
    }
    let mut write_error = None;
    let threshold = sc.params.stress.clinical_threshold;
    let last_week = sc.calendar.total_weeks() as usize;
    let started = Instant::now();
    let result = pool.install(|| {
        engine::run(&sc, &opts, &cancel, |done| {
            if let Some(f) = students_file.as_mut() {
                for (spec, rec) in sc.strategies.iter().zip(done.records) {
                    if let Some((first, last)) = &rec.snapshots {
                        for (week, state) in [(0, first), (last_week, last)] {
                            let rows = output::student_rows(
                                done.replicate,
                                &spec.name,
                                week,
                                done.population,
                                state,
                                threshold,
                            );
                            if let Err(e) = f.write_all(&rows) {
                                write_error.get_or_insert(e);
                            }
                        }
                    }
                }
            }
            pb.inc(1);
        })
    });
    let wall = started.elapsed().as_secs_f64();
    pb.finish_and_clear();
    let summary = match result {
        Ok(s) => s,
        Err(engine::Cancelled) => {
            drop(students_file);
            let _ = std::fs::remove_dir(&out);
            return Err(CliError::Interrupted);
        }
    };
    if let Some(e) = write_error {
        return Err(CliError::Internal(format!(
            "cannot write students.csv: {e}"
        )));
    }
    if let Some(f) = students_file {
        f.commit().map_err(out_err)?;
    }

    write_run_outputs(
        &sc,
        &summary,
        &dir,
        &args.scenario.display().to_string(),
        &output::fnv1a(&scenario_bytes),
        threads,
        wall,
    )
}

/// Writes effects.csv, trajectories.csv, strategies.csv and manifest.json of a
/// run (one machine, or merged shards) and prints the ranked table.
pub(super) fn write_run_outputs(
    sc: &Scenario,
    summary: &Summary,
    dir: &OutputDir,
    scenario_file: &str,
    scenario_hash: &str,
    threads: usize,
    wall: f64,
) -> Result<(), CliError> {
    let out = &dir.path;
    let student_weeks = sc.students()
        * (sc.calendar.total_weeks() + sc.calendar.burn_in_weeks) as u64
        * sc.strategies.len() as u64
        * sc.run.replicates as u64;
    let manifest = Manifest {
        program: "resim",
        version: env!("CARGO_PKG_VERSION"),
        scenario_file: scenario_file.to_string(),
        scenario_hash: scenario_hash.to_string(),
        seed: sc.run.seed,
        replicates: sc.run.replicates,
        threads,
        students: sc.students(),
        student_weeks,
        wall_seconds: wall,
        student_weeks_per_second: student_weeks as f64 / wall.max(1e-9),
        scenario: sc,
    };
    dir.create().map_err(out_err)?;
    let files: [(&str, Vec<u8>); 4] = [
        ("effects.csv", output::effects_csv(summary)),
        ("trajectories.csv", output::trajectories_csv(summary)),
        ("strategies.csv", output::strategies_csv(sc, summary)),
        (
            "manifest.json",
            serde_json::to_vec_pretty(&manifest).map_err(|e| CliError::Internal(e.to_string()))?,
        ),
    ];
    for (name, bytes) in files {
        output::write_atomic(&dir.file(name), &bytes).map_err(out_err)?;
    }

    println!(
        "{} — {} students, {} strategies, {} replicates, {} weeks (baseline: {})",
        sc.name,
        sc.students(),
        sc.strategies.len(),
        sc.run.replicates,
        sc.calendar.total_weeks(),
        sc.baseline
    );
    println!();
    print!("{}", output::ranking_table(sc, summary));
    println!();
    println!(
        "Δ = end-of-run change in resilience (0-100) vs baseline, 95% Monte Carlo interval; g = Hedges' g (positive = better);"
    );
    println!(
        "depr. % = share with depressive symptoms at the end; cost and teacher hours per student per year."
    );
    println!(
        "simulated {} student-weeks in {:.2} s ({:.1} M student-weeks/s on {} threads); results in {}",
        student_weeks,
        wall,
        student_weeks as f64 / wall.max(1e-9) / 1e6,
        threads,
        out.display()
    );
    Ok(())
}

/// `resim run --shard I/N`: this shard's replicates into DIR/shards/.
fn run_shard(
    args: &RunArgs,
    sc: Scenario,
    shard: &str,
    threads: usize,
    out: &Path,
) -> Result<(), CliError> {
    if args.students {
        return Err(CliError::Input(
            "--students cannot be combined with --shard: students.csv is written by single-machine runs only".into(),
        ));
    }
    let shard = Shard::parse(shard).map_err(CliError::Input)?;
    check_memory(&sc, threads, &args.scenario)?;
    let text = std::fs::read_to_string(&args.scenario)
        .map_err(|e| CliError::Internal(format!("{}: {e}", args.scenario.display())))?;
    let job = Job {
        version: env!("CARGO_PKG_VERSION").into(),
        kind: Kind::Run,
        scenario_file: args.scenario.display().to_string(),
        scenario_hash: output::fnv1a(text.as_bytes()),
        scenario_text: text,
        replicates: sc.run.replicates,
        seed: sc.run.seed,
        points: 1,
        options: serde_json::Value::Null,
    };
    let plan = Plan::single(sc);
    super::sweep::run_sharded(
        &super::sweep::JobSettings {
            threads,
            quiet: args.quiet,
            resume: args.resume,
            force: args.force,
            slim: false,
        },
        &job,
        &plan,
        shard,
        out,
    )
}
