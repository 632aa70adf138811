//! `resim run`: the whole pipeline, scenario → engine → outputs.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use resilience_sim::engine::{self, RunOptions};
use resilience_sim::guard;
use resilience_sim::output::{self, AtomicFile, Manifest, OutputDir, OutputError};
use resilience_sim::scenario::{self, Scenario};
use resilience_sim::stats::Summary;

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
}

fn out_err(e: OutputError) -> CliError {
    match e {
        OutputError::NotEmpty(_) | OutputError::NotADirectory(_) => CliError::Input(e.to_string()),
        OutputError::Io { .. } => CliError::Internal(e.to_string()),
    }
}

/// Threads: `--threads`, else `SLURM_CPUS_PER_TASK`, else every core.
fn thread_count(arg: Option<usize>) -> Result<usize, CliError> {
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

fn progress_bar(replicates: u32, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::with_draw_target(Some(replicates as u64), ProgressDrawTarget::stderr());
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
fn cancel_flag() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    let f = flag.clone();
    // If a handler is already installed (tests calling twice), run on without one.
    let _ = ctrlc::set_handler(move || f.store(true, Ordering::SeqCst));
    flag
}

fn io_internal(e: impl std::fmt::Display) -> CliError {
    CliError::Internal(e.to_string())
}

pub fn run(args: RunArgs) -> Result<(), CliError> {
    // First, so that a signal at any point stops the run cleanly.
    let cancel = cancel_flag();
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
    let mut dir = OutputDir::check(&out, args.force).map_err(out_err)?;
    let refuse =
        |e: guard::GuardError| CliError::Input(format!("{}: {e}", args.scenario.display()));
    guard::check_work(&sc).map_err(refuse)?;
    let available = guard::available_memory().map_err(CliError::Input)?;
    guard::check_memory(&sc, threads, args.students, available).map_err(refuse)?;
    let scenario_bytes = std::fs::read(&args.scenario).map_err(io_internal)?;

    let result = simulate_and_write(&args, &sc, threads, &scenario_bytes, &mut dir, &cancel);
    if result.is_err() {
        // The temporary files went when `simulate_and_write` returned; the
        // directories this run made go too, if nothing else is in them.
        dir.remove_created_if_empty();
    }
    let (summary, wall, student_weeks) = result?;

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
    print!("{}", output::ranking_table(&sc, &summary));
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

/// Runs the engine and writes every output file under a temporary name;
/// only when the whole run succeeded and no signal arrived are the files
/// renamed into place, all together at the end. On an error or a signal the
/// temporary files are removed and existing files are left as they were.
fn simulate_and_write(
    args: &RunArgs,
    sc: &Scenario,
    threads: usize,
    scenario_bytes: &[u8],
    dir: &mut OutputDir,
    cancel: &AtomicBool,
) -> Result<(Summary, f64, u64), CliError> {
    let interrupted = || {
        if cancel.load(Ordering::SeqCst) {
            Err(CliError::Interrupted)
        } else {
            Ok(())
        }
    };
    interrupted()?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| CliError::Internal(format!("cannot start {threads} threads: {e}")))?;
    let opts = RunOptions {
        replicates: sc.run.replicates,
        seed: sc.run.seed,
        snapshots: args.students,
    };
    let pb = progress_bar(opts.replicates, args.quiet);

    let mut students_file = None;
    if args.students {
        dir.create().map_err(out_err)?;
        let mut f = AtomicFile::create(&dir.file("students.csv")).map_err(out_err)?;
        f.write_all(&output::students_header())
            .map_err(io_internal)?;
        students_file = Some(f);
    }
    let mut write_error = None;
    let threshold = sc.params.stress.clinical_threshold;
    let last_week = sc.calendar.total_weeks() as usize;
    let started = Instant::now();
    let result = pool.install(|| {
        engine::run(sc, &opts, cancel, |done| {
            if let Some(f) = students_file.as_mut()
                && write_error.is_none()
            {
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
    let summary = result.map_err(|engine::Cancelled| CliError::Interrupted)?;
    if let Some(e) = write_error {
        return Err(CliError::Internal(format!(
            "cannot write {}: {e}",
            dir.file("students.csv").display()
        )));
    }
    interrupted()?;

    let student_weeks = guard::student_weeks(sc);
    let manifest = Manifest {
        program: "resim",
        version: env!("CARGO_PKG_VERSION"),
        scenario_file: args.scenario.display().to_string(),
        scenario_hash: output::fnv1a(scenario_bytes),
        seed: sc.run.seed,
        replicates: sc.run.replicates,
        threads,
        students: sc.students(),
        student_weeks,
        wall_seconds: wall,
        student_weeks_per_second: student_weeks as f64 / wall.max(1e-9),
        memory_estimate_bytes: guard::estimate_memory(sc, threads, args.students),
        scenario: sc,
    };
    dir.create().map_err(out_err)?;
    let contents: [(&str, Vec<u8>); 4] = [
        ("effects.csv", output::effects_csv(&summary)),
        ("trajectories.csv", output::trajectories_csv(&summary)),
        ("strategies.csv", output::strategies_csv(sc, &summary)),
        (
            "manifest.json",
            serde_json::to_vec_pretty(&manifest).map_err(io_internal)?,
        ),
    ];
    let mut files: Vec<AtomicFile> = students_file.into_iter().collect();
    for (name, bytes) in contents {
        let mut f = AtomicFile::create(&dir.file(name)).map_err(out_err)?;
        f.write_all(&bytes).map_err(|e| {
            CliError::Internal(format!("cannot write {}: {e}", dir.file(name).display()))
        })?;
        files.push(f);
    }
    for f in &mut files {
        f.sync().map_err(out_err)?;
    }
    // The last moment a signal stops the run: after this, only renames.
    interrupted()?;
    for f in files {
        f.commit().map_err(out_err)?;
    }
    Ok((summary, wall, student_weeks))
}
