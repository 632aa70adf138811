//! The pipeline `resim run` and `resim whatif` share: scenario → engine →
//! result files, with threads, memory checks, progress and Ctrl-C handling.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use resilience_sim::engine::{self, RunOptions};
use resilience_sim::guard;
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

/// Checks and applies a `--survey-weeks` window (or a one-week
/// `--survey-week`), replacing the scenario's `run.survey_weeks`.
pub fn set_survey_weeks(
    sc: &mut Scenario,
    weeks: Option<&[u32]>,
    flag: &str,
) -> Result<(), CliError> {
    if let Some(weeks) = weeks {
        let last = sc.calendar.total_weeks();
        if let Some(w) = weeks.iter().find(|w| **w > last) {
            return Err(CliError::Input(format!(
                "{flag} {w}: valid weeks are 0 (after burn-in) to {last}, the last week"
            )));
        }
        if let Some((i, w)) = weeks
            .iter()
            .enumerate()
            .find(|(i, w)| weeks[..*i].contains(w))
            .map(|(i, w)| (i, *w))
        {
            return Err(CliError::Input(format!(
                "{flag}: week {w} is listed twice (position {})",
                i + 1
            )));
        }
        sc.run.survey_week = None;
        sc.run.survey_weeks = Some(weeks.to_vec());
    }
    Ok(())
}

/// Refuses a run that would never finish or cannot fit in memory, naming
/// the scenario file, the estimate and the memory available.
pub fn check_memory(sc: &Scenario, threads: usize, file: &str) -> Result<(), CliError> {
    check_resources(sc, threads, false, file)
}

/// [`check_memory`] for a run that may also keep every student's state for
/// `students.csv`.
pub fn check_resources(
    sc: &Scenario,
    threads: usize,
    students_csv: bool,
    file: &str,
) -> Result<(), CliError> {
    let refuse = |e: guard::GuardError| CliError::Input(format!("{file}: {e}"));
    guard::check_work(sc).map_err(refuse)?;
    let available = guard::available_memory().map_err(CliError::Input)?;
    guard::check_memory(sc, threads, students_csv, available).map_err(refuse)
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

/// Installs SIGINT/SIGTERM handling once per process and returns the flag
/// the engine polls. Call it first, so a signal at any point stops cleanly.
pub fn cancel_flag() -> Arc<AtomicBool> {
    static FLAG: OnceLock<Arc<AtomicBool>> = OnceLock::new();
    FLAG.get_or_init(|| {
        let flag = Arc::new(AtomicBool::new(false));
        let f = flag.clone();
        // If another handler is installed (a library user's), run on without ours.
        let _ = ctrlc::set_handler(move || f.store(true, Ordering::SeqCst));
        flag
    })
    .clone()
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
    let cancel = cancel_flag();
    let threads = thread_count(job.threads)?;
    let dir = OutputDir::check(&job.out, job.force).map_err(out_err)?;
    check_resources(sc, threads, job.students, &job.scenario_file)?;
    let result = simulate_and_write(sc, &job, threads, &dir, &cancel);
    if result.is_err() {
        // The temporary files went when `simulate_and_write` returned; the
        // directories this run made go too, if nothing else is in them.
        dir.remove_created_if_empty();
    }
    result
}

/// Runs the engine and writes every output file under a temporary name;
/// only when the whole run succeeded and no signal arrived are the files
/// renamed into place, all together at the end.
fn simulate_and_write(
    sc: &Scenario,
    job: &Job,
    threads: usize,
    dir: &OutputDir,
    cancel: &AtomicBool,
) -> Result<Finished, CliError> {
    if cancel.load(Ordering::SeqCst) {
        return Err(CliError::Interrupted);
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| CliError::Internal(format!("cannot start {threads} threads: {e}")))?;
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
    let student_weeks = write_run_outputs(
        sc,
        &summary,
        dir,
        &Provenance {
            scenario_file: &job.scenario_file,
            scenario_hash: &output::fnv1a(&job.scenario_bytes),
            threads,
            wall,
            memory_estimate_bytes: guard::estimate_memory(sc, threads, job.students),
        },
        students_file,
        job.extra_files.clone(),
        Some(cancel),
    )?;
    Ok(Finished {
        summary,
        threads,
        student_weeks,
        wall,
    })
}

/// Where a summary came from, for `manifest.json`.
pub struct Provenance<'a> {
    /// The scenario file as the user named it.
    pub scenario_file: &'a str,
    /// Hash of its bytes.
    pub scenario_hash: &'a str,
    /// Worker threads.
    pub threads: usize,
    /// Wall-clock seconds of the simulation.
    pub wall: f64,
    /// The memory estimate the run was admitted with.
    pub memory_estimate_bytes: u64,
}

/// Writes `effects.csv`, `trajectories.csv`, `strategies.csv` and
/// `manifest.json` (with `students` and `extra_files`) of a run — on one
/// machine or merged from shards — into `dir`. Every file is written and
/// synced under a temporary name first; if `cancel` is set by then nothing
/// is renamed, so existing results are never half-replaced. Returns the
/// student-weeks simulated.
pub fn write_run_outputs(
    sc: &Scenario,
    summary: &Summary,
    dir: &OutputDir,
    from: &Provenance<'_>,
    students: Option<AtomicFile>,
    extra_files: Vec<(&'static str, Vec<u8>)>,
    cancel: Option<&AtomicBool>,
) -> Result<u64, CliError> {
    let student_weeks = sc.students()
        * (sc.calendar.total_weeks() + sc.calendar.burn_in_weeks) as u64
        * sc.strategies.len() as u64
        * summary.replicates as u64;
    let manifest = Manifest {
        program: "resim",
        version: env!("CARGO_PKG_VERSION"),
        scenario_file: from.scenario_file.to_string(),
        scenario_hash: from.scenario_hash.to_string(),
        seed: sc.run.seed,
        replicates: summary.replicates,
        threads: from.threads,
        students: sc.students(),
        student_weeks,
        wall_seconds: from.wall,
        student_weeks_per_second: student_weeks as f64 / from.wall.max(1e-9),
        memory_estimate_bytes: from.memory_estimate_bytes,
        scenario: sc,
    };
    dir.create().map_err(out_err)?;
    let mut contents: Vec<(&str, Vec<u8>)> = vec![
        ("effects.csv", output::effects_csv(summary)),
        ("survey.csv", output::survey_csv(sc, summary)),
        ("trajectories.csv", output::trajectories_csv(summary)),
        ("strategies.csv", output::strategies_csv(sc, summary)),
        (
            "manifest.json",
            serde_json::to_vec_pretty(&manifest)
                .map_err(|e| CliError::Internal(format!("cannot encode manifest.json: {e}")))?,
        ),
    ];
    contents.extend(extra_files);
    let mut files: Vec<AtomicFile> = students.into_iter().collect();
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
    if cancel.is_some_and(|c| c.load(Ordering::SeqCst)) {
        return Err(CliError::Interrupted);
    }
    for f in files {
        f.commit().map_err(out_err)?;
    }
    Ok(student_weeks)
}
