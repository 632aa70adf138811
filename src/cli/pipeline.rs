//! The pipeline `resim run` and `resim whatif` share: scenario → engine →
//! result files, with threads, memory checks, progress and Ctrl-C handling.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use resilience_sim::engine::{self, RunOptions};
use resilience_sim::output::{self, AtomicFile, Manifest, OutputDir, OutputError};
use resilience_sim::scenario::Scenario;
use resilience_sim::stats::Summary;

use super::CliError;

/// Maps an output failure to its exit code: a refused directory is bad input.
pub fn out_err(e: OutputError) -> CliError {
    match e {
        OutputError::NotEmpty(_) | OutputError::NotADirectory(_) => CliError::Input(e.to_string()),
        OutputError::Io { .. } => CliError::Internal(e.to_string()),
    }
}

/// Threads: `--threads`, else `SLURM_CPUS_PER_TASK`, else every core.
pub fn thread_count(arg: Option<usize>) -> Result<usize, CliError> {
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

/// Checks and applies a `--replicates` override.
pub fn set_replicates(sc: &mut Scenario, replicates: Option<u32>) -> Result<(), CliError> {
    if let Some(r) = replicates {
        if !(1..=1_000_000).contains(&r) {
            return Err(CliError::Input(format!(
                "--replicates {r}: valid is 1 to 1000000"
            )));
        }
        sc.run.replicates = r;
    }
    Ok(())
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

/// Refuses a run that cannot fit in memory, naming the scenario file.
pub fn check_memory(sc: &Scenario, threads: usize, file: &str) -> Result<(), CliError> {
    let need = estimate_memory(sc, threads);
    if let Some(avail) = available_memory()
        && need > avail / 10 * 8
    {
        return Err(CliError::Input(format!(
            "{file}: this run needs about {:.1} GiB of memory but only {:.1} GiB is available; use fewer students, strategies, weeks or --threads",
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

/// A progress bar over `units` on stderr; hidden when quiet or not a terminal.
pub fn progress_bar(units: u64, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::with_draw_target(Some(units), ProgressDrawTarget::stderr());
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
pub fn cancel_flag() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    let f = flag.clone();
    // If a handler is already installed (tests calling twice), run on without one.
    let _ = ctrlc::set_handler(move || f.store(true, Ordering::SeqCst));
    flag
}

/// What to run and where its files go.
pub struct Job {
    /// The scenario file as the user named it (recorded in the manifest).
    pub scenario_file: String,
    /// The scenario file's bytes (their hash goes into the manifest).
    pub scenario_bytes: Vec<u8>,
    /// Output directory.
    pub out: PathBuf,
    /// Replace the files of a non-empty output directory.
    pub force: bool,
    /// `--threads`.
    pub threads: Option<usize>,
    /// No progress bar.
    pub quiet: bool,
    /// Also write `students.csv`.
    pub students: bool,
    /// Further files to write into the directory with the results.
    pub extra_files: Vec<(&'static str, Vec<u8>)>,
}

/// A finished run whose result files are written.
pub struct Finished {
    /// The aggregated results.
    pub summary: Summary,
    /// Worker threads used.
    pub threads: usize,
    /// Student-weeks simulated, burn-in included.
    pub student_weeks: u64,
    /// Wall-clock seconds of the simulation.
    pub wall: f64,
}

/// Runs `sc` and writes `effects.csv`, `trajectories.csv`, `strategies.csv`,
/// `manifest.json` (and `students.csv`) atomically into `job.out`.
pub fn execute(sc: &Scenario, job: Job) -> Result<Finished, CliError> {
    let threads = thread_count(job.threads)?;
    let dir = OutputDir::check(&job.out, job.force).map_err(out_err)?;
    check_memory(sc, threads, &job.scenario_file)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| CliError::Internal(format!("cannot start {threads} threads: {e}")))?;
    let cancel = cancel_flag();
    let opts = RunOptions {
        replicates: sc.run.replicates,
        seed: sc.run.seed,
        snapshots: job.students,
    };
    let pb = progress_bar(opts.replicates as u64, job.quiet);

    let mut students_file = None;
    if job.students {
        dir.create().map_err(out_err)?;
        let mut f = AtomicFile::create(&dir.file("students.csv")).map_err(out_err)?;
        f.write_all(&output::students_header())
            .map_err(|e| CliError::Internal(format!("cannot write students.csv: {e}")))?;
        students_file = Some(f);
    }
    let mut write_error = None;
    let threshold = sc.params.stress.clinical_threshold;
    let last_week = sc.calendar.total_weeks() as usize;
    let started = Instant::now();
    let result = pool.install(|| {
        engine::run(sc, &opts, &cancel, |done| {
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
            let _ = std::fs::remove_dir(&job.out);
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

    let student_weeks = write_run_outputs(
        sc,
        &summary,
        &dir,
        &job.scenario_file,
        &output::fnv1a(&job.scenario_bytes),
        threads,
        wall,
        job.extra_files,
    )?;
    Ok(Finished {
        summary,
        threads,
        student_weeks,
        wall,
    })
}

/// Writes `effects.csv`, `trajectories.csv`, `strategies.csv` and
/// `manifest.json` (and `extra_files`) of a run — on one machine or merged
/// from shards — atomically into `dir`. Returns the student-weeks simulated.
#[allow(clippy::too_many_arguments)]
pub fn write_run_outputs(
    sc: &Scenario,
    summary: &Summary,
    dir: &OutputDir,
    scenario_file: &str,
    scenario_hash: &str,
    threads: usize,
    wall: f64,
    extra_files: Vec<(&'static str, Vec<u8>)>,
) -> Result<u64, CliError> {
    let student_weeks = sc.students()
        * (sc.calendar.total_weeks() + sc.calendar.burn_in_weeks) as u64
        * sc.strategies.len() as u64
        * summary.replicates as u64;
    let manifest = Manifest {
        program: "resim",
        version: env!("CARGO_PKG_VERSION"),
        scenario_file: scenario_file.to_string(),
        scenario_hash: scenario_hash.to_string(),
        seed: sc.run.seed,
        replicates: summary.replicates,
        threads,
        students: sc.students(),
        student_weeks,
        wall_seconds: wall,
        student_weeks_per_second: student_weeks as f64 / wall.max(1e-9),
        scenario: sc,
    };
    dir.create().map_err(out_err)?;
    let mut files: Vec<(&str, Vec<u8>)> = vec![
        ("effects.csv", output::effects_csv(summary)),
        ("trajectories.csv", output::trajectories_csv(summary)),
        ("strategies.csv", output::strategies_csv(sc, summary)),
        (
            "manifest.json",
            serde_json::to_vec_pretty(&manifest)
                .map_err(|e| CliError::Internal(format!("cannot encode manifest.json: {e}")))?,
        ),
    ];
    files.extend(extra_files);
    for (name, bytes) in files {
        output::write_atomic(&dir.file(name), &bytes).map_err(out_err)?;
    }
    Ok(student_weeks)
}
