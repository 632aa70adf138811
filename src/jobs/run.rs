//! `run`: every strategy of a scenario on the same synthetic students over
//! its replicates, as values — the summary and the rows of every CSV file —
//! and [`RunFiles`], which writes them.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::time::Instant;

use rayon::prelude::*;

use crate::engine;
use crate::guard;
use crate::output::{
    self, AcceptabilityRow, AtomicFile, DecisionRow, EffectRow, EquityRow, EvpiFileRow, FileEntry,
    Fnv, MANIFEST, Manifest, OutputDir, OutputError, OutputFormat, ParameterRow, SetWriter,
    StrategyRow, StudentRecord, SurveyRow, TrajectoryRow, to_csv,
};
use crate::problem::Message;
use crate::scenario::Scenario;
use crate::shard::Kind;
use crate::stats::Summary;
use crate::sweep::Plan;

use super::points::PointJob;
use super::progress::Counter;
use super::setup::{check_resources, pool, thread_count};
use super::{Cancel, JobError, Progress, ScenarioFile};

/// What to run.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// The scenario, with any [`super::Overrides`] applied.
    pub scenario: ScenarioFile,
    /// Worker threads [default: `SLURM_CPUS_PER_TASK`, else every core].
    pub threads: Option<usize>,
}

impl RunOptions {
    /// The run as a job of one point, to run in shards ([`super::shard()`]);
    /// refuses work over the limit or beyond the memory first.
    pub fn shard_job(&self) -> Result<PointJob, JobError> {
        let sc = &self.scenario.scenario;
        let threads = thread_count(self.threads)?;
        check_resources(sc, threads, false, &self.scenario.file)?;
        Ok(PointJob::new(
            Kind::Run,
            &self.scenario,
            Plan::single(sc.clone()),
            self.scenario.parameters.to_json(),
            threads,
            None,
        ))
    }
}

/// Receives every student's state in the first and the last week while a
/// run runs (`students.csv`), one replicate, strategy and week at a time,
/// in replicate order. A `Vec<StudentRecord>` keeps them in memory.
pub trait StudentSink: Send {
    /// Takes the records of one replicate, strategy and week.
    fn write(&mut self, records: Vec<StudentRecord>) -> Result<(), OutputError>;
}

impl StudentSink for Vec<StudentRecord> {
    fn write(&mut self, records: Vec<StudentRecord>) -> Result<(), OutputError> {
        self.extend(records);
        Ok(())
    }
}

/// A finished run: the scenario as run, where it came from, the summary,
/// the rows of each CSV file and how the run went.
#[derive(Debug, Clone)]
pub struct RunResult {
    /// The scenario as run.
    pub scenario: Scenario,
    /// The scenario file as the user named it.
    pub scenario_file: String,
    /// FNV-1a hash of its text.
    pub scenario_hash: String,
    /// The exact statistics of every strategy.
    pub summary: Summary,
    /// `effects.csv`.
    pub effects: Vec<EffectRow>,
    /// `trajectories.csv`.
    pub trajectories: Vec<TrajectoryRow>,
    /// `strategies.csv`.
    pub strategies: Vec<StrategyRow>,
    /// `survey.csv`.
    pub survey: Vec<SurveyRow>,
    /// `equity.csv`.
    pub equity: Vec<EquityRow>,
    /// `decision.csv`.
    pub decision: Vec<DecisionRow>,
    /// `ceac.csv`: acceptability curves over a range of willingness to
    /// pay (empty, and the file not written, without parameter uncertainty).
    pub ceac: Vec<AcceptabilityRow>,
    /// `evpi.csv`: the expected value of perfect information (empty, and
    /// the file not written, without parameter uncertainty).
    pub evpi: Vec<EvpiFileRow>,
    /// `parameters.csv`: each replicate's drawn parameters (empty, and the
    /// file not written, without parameter uncertainty).
    pub parameters: Vec<ParameterRow>,
    /// Worker threads used.
    pub threads: usize,
    /// Wall-clock seconds of the simulation.
    pub wall_seconds: f64,
    /// Student-weeks simulated: the burn-in once per replicate, then every strategy.
    pub student_weeks: u64,
    /// The memory estimate the run was admitted with, in bytes.
    pub memory_estimate_bytes: u64,
    /// The steady-state check made after the replicates (or by `resim
    /// merge`, from the shards' burn-ins); `None` until then.
    pub steady_state: Option<output::SteadyStateRecord>,
    /// Wall-clock seconds of the steady-state check (the burn-ins it
    /// simulated besides the run's), not in [`wall_seconds`](Self::wall_seconds).
    pub steady_state_seconds: f64,
}

impl RunResult {
    /// The result of `summary`, a run of `sc` (on one machine or merged
    /// from shards): the rows of every file and the work done.
    pub fn new(
        sc: &Scenario,
        scenario_file: &str,
        scenario_hash: &str,
        summary: Summary,
        threads: usize,
        wall_seconds: f64,
        memory_estimate_bytes: u64,
    ) -> RunResult {
        let student_weeks = student_weeks(sc, summary.replicates);
        // The tables are independent: each is made on a thread of the
        // current rayon pool (the run's, for a run), the longest ones split
        // further by strategy.
        let (trajectories, (effects, (survey, rest))) = rayon::join(
            || output::trajectory_rows(&summary),
            || {
                rayon::join(
                    || output::effect_rows(&summary),
                    || {
                        rayon::join(
                            || output::survey_rows(sc, &summary),
                            || Self::small_tables(sc, &summary),
                        )
                    },
                )
            },
        );
        let SmallTables {
            strategies,
            equity,
            decision,
            ceac,
            evpi,
            parameters,
        } = rest;
        RunResult {
            scenario: sc.clone(),
            scenario_file: scenario_file.to_string(),
            scenario_hash: scenario_hash.to_string(),
            effects,
            trajectories,
            strategies,
            survey,
            equity,
            decision,
            ceac,
            evpi,
            parameters,
            summary,
            threads,
            wall_seconds,
            student_weeks,
            memory_estimate_bytes,
            steady_state: None,
            steady_state_seconds: 0.0,
        }
    }

    /// Was usual practice settled when week 1 started? The steady-state
    /// check read from the run's own first burn-ins (`burn_ins`, by
    /// replicate, as the engine or the shards handed them on), those it
    /// lacks simulated now on the current pool; recorded in the result
    /// (`manifest.json`'s `steady_state`), and a warning to `progress`
    /// when it fails. A trace of other weeks than the check reads (from a
    /// damaged shard file) is simulated again instead.
    pub(crate) fn check_steady_state(
        &mut self,
        mut burn_ins: BTreeMap<u32, engine::BurnInTrace>,
        progress: &dyn Progress,
        cancel: &Cancel,
    ) -> Result<(), JobError> {
        let sc = &self.scenario;
        let weeks = engine::steady::checked_weeks(sc);
        burn_ins.retain(|_, t| t.weekly.len() == weeks);
        let checking = Instant::now();
        let steady = engine::burn_in_check_from(sc, &burn_ins, cancel.flag())
            .map_err(|engine::Cancelled| JobError::interrupted())?;
        self.steady_state_seconds = checking.elapsed().as_secs_f64();
        if !steady.ok() {
            progress.note(&steady.message());
        }
        self.steady_state = Some(output::SteadyStateRecord::of(&steady));
        Ok(())
    }

    /// The tables of a run but trajectories, effects and the survey.
    fn small_tables(sc: &Scenario, summary: &Summary) -> SmallTables {
        // As for decision.csv: nothing a validated run's values can fail.
        let (ceac, evpi) = crate::decision::acceptability_rows(sc, summary).unwrap_or_default();
        SmallTables {
            strategies: output::strategy_rows(sc, summary),
            equity: output::equity_rows(summary),
            // A validated scenario's run has finite values, at least one
            // draw and a discount rate in range: nothing for it to refuse.
            decision: crate::decision::decision_rows(sc, summary).unwrap_or_default(),
            ceac,
            evpi,
            parameters: output::parameter_rows(
                sc,
                &summary
                    .draws
                    .iter()
                    .map(|d| d.replicate)
                    .collect::<Vec<_>>(),
            ),
        }
    }

    /// Runs `f` on a pool of the run's thread count, so that writing the
    /// files uses as many threads as the run did (and no more).
    fn on_run_threads<R: Send>(&self, f: impl FnOnce() -> R + Send) -> R {
        match pool(self.threads.max(1)) {
            Ok(pool) => pool.install(f),
            // No thread to be had: the calling thread does it all.
            Err(_) => f(),
        }
    }

    /// `manifest.json`, listing `files` (every other file of the set).
    pub fn manifest(&self, files: Vec<FileEntry>) -> Manifest<'_> {
        Manifest {
            program: "resim",
            version: env!("CARGO_PKG_VERSION"),
            git_commit: output::GIT_COMMIT,
            command: "run",
            scenario_file: self.scenario_file.clone(),
            scenario_hash: self.scenario_hash.clone(),
            parameter_set_hash: output::parameter_set_hash(&self.scenario),
            uncertainty: output::UncertaintyRecord::of(&self.scenario, self.summary.replicates),
            seed: self.scenario.run.seed,
            replicates: self.summary.replicates,
            threads: self.threads,
            students: self.scenario.students(),
            student_weeks: self.student_weeks,
            wall_seconds: self.wall_seconds,
            student_weeks_per_second: self.student_weeks as f64 / self.wall_seconds.max(1e-9),
            memory_estimate_bytes: self.memory_estimate_bytes,
            steady_state: self.steady_state.clone(),
            files,
            scenario: &self.scenario,
        }
    }

    /// The bytes of `manifest.json` listing `files`.
    pub fn manifest_json(&self, files: Vec<FileEntry>) -> Result<Vec<u8>, JobError> {
        serde_json::to_vec_pretty(&self.manifest(files)).map_err(|e| {
            JobError::Internal(
                Message::new("problem-internal-encode")
                    .arg("file", "manifest.json")
                    .arg("message", e),
            )
        })
    }

    /// The CSV files of the run (not `students.csv`), by name, as written.
    pub fn csv_files(&self) -> Vec<(&'static str, Vec<u8>)> {
        self.on_run_threads(|| self.csv_tables(true))
    }

    /// The CSV files of the run (with `trajectories.csv` or without), each
    /// serialised on a thread of the current rayon pool.
    fn csv_tables(&self, trajectories: bool) -> Vec<(&'static str, Vec<u8>)> {
        self.csv_jobs(trajectories)
            .par_iter()
            .map(|(n, bytes)| (*n, bytes()))
            .collect()
    }

    /// The CSV files of the run (with `trajectories.csv` or without), each
    /// with what makes its bytes.
    fn csv_jobs(&self, trajectories: bool) -> Vec<CsvJob<'_>> {
        let mut tables: Vec<CsvJob<'_>> = vec![
            ("effects.csv", Box::new(|| to_csv(&self.effects))),
            ("survey.csv", Box::new(|| to_csv(&self.survey))),
            ("trajectories.csv", Box::new(|| to_csv(&self.trajectories))),
            ("strategies.csv", Box::new(|| to_csv(&self.strategies))),
            ("equity.csv", Box::new(|| to_csv(&self.equity))),
            ("decision.csv", Box::new(|| to_csv(&self.decision))),
        ];
        if !trajectories {
            tables.retain(|(n, _)| *n != "trajectories.csv");
        }
        if !self.parameters.is_empty() {
            tables.push(("parameters.csv", Box::new(|| to_csv(&self.parameters))));
        }
        if !self.ceac.is_empty() {
            tables.push(("ceac.csv", Box::new(|| to_csv(&self.ceac))));
            tables.push(("evpi.csv", Box::new(|| to_csv(&self.evpi))));
        }
        tables
    }

    /// The files of the run (not the students) in `format`, by name, as
    /// written: the CSV files, with `trajectories` as CSV, Parquet or both.
    /// They are made side by side on as many threads as the run had.
    pub fn table_files(&self, format: OutputFormat) -> Result<Vec<(String, Vec<u8>)>, JobError> {
        self.on_run_threads(|| {
            let (csv, parquet) = rayon::join(
                || self.csv_tables(format.csv()),
                || {
                    format
                        .parquet()
                        .then(|| trajectories_parquet(&self.trajectories))
                        .transpose()
                },
            );
            let mut files: Vec<(String, Vec<u8>)> =
                csv.into_iter().map(|(n, b)| (n.to_string(), b)).collect();
            if let Some(parquet) = parquet? {
                files.push(("trajectories.parquet".into(), parquet));
            }
            Ok(files)
        })
    }

    /// Writes the files of [`RunResult::table_files`] into `dir` under
    /// temporary names, in that order, for a result set to commit: each
    /// file is serialised, written (and checksummed) on a thread of its own
    /// — on as many threads as the run had — and its bytes freed once
    /// written. On an error, the temporary files written go with the others.
    fn write_tables(
        &self,
        format: OutputFormat,
        dir: &OutputDir,
    ) -> Result<Vec<AtomicFile>, JobError> {
        /// A file's bytes written under a temporary name.
        fn written(dir: &OutputDir, name: &str, bytes: &[u8]) -> Result<AtomicFile, JobError> {
            let path = dir.file(name);
            let mut file = AtomicFile::create(&path)?;
            file.write_all(bytes)
                .map_err(|source| OutputError::Io { path, source })?;
            Ok(file)
        }
        self.on_run_threads(|| {
            let (csv, parquet) = rayon::join(
                || {
                    self.csv_jobs(format.csv())
                        .par_iter()
                        .map(|(name, bytes)| written(dir, name, &bytes()))
                        .collect::<Vec<_>>()
                },
                || {
                    format
                        .parquet()
                        .then(|| {
                            let bytes = trajectories_parquet(&self.trajectories)?;
                            written(dir, "trajectories.parquet", &bytes)
                        })
                        .transpose()
                },
            );
            csv.into_iter().chain(parquet.transpose()).collect()
        })
    }

    /// Every file of the run but `students.csv`, by name, as written: the
    /// CSV files and the manifest that lists them.
    pub fn files(&self) -> Result<Vec<(&'static str, Vec<u8>)>, JobError> {
        let mut files = self.csv_files();
        let entries = files.iter().map(|(n, b)| entry(n, b)).collect();
        files.push((MANIFEST, self.manifest_json(entries)?));
        Ok(files)
    }
}

/// A CSV file of a run: its name, and what makes its bytes.
type CsvJob<'r> = (&'static str, Box<dyn Fn() -> Vec<u8> + Send + Sync + 'r>);

/// The tables of a run made beside the three long ones ([`RunResult::new`]).
struct SmallTables {
    strategies: Vec<StrategyRow>,
    equity: Vec<EquityRow>,
    decision: Vec<DecisionRow>,
    ceac: Vec<AcceptabilityRow>,
    evpi: Vec<EvpiFileRow>,
    parameters: Vec<ParameterRow>,
}

/// `trajectories.parquet`.
#[cfg(feature = "parquet")]
fn trajectories_parquet(rows: &[TrajectoryRow]) -> Result<Vec<u8>, JobError> {
    Ok(output::columnar::to_parquet(rows, "trajectories.parquet")?)
}

/// `trajectories.parquet` (this program was built without Parquet support).
#[cfg(not(feature = "parquet"))]
fn trajectories_parquet(_: &[TrajectoryRow]) -> Result<Vec<u8>, JobError> {
    Err(JobError::input(OutputFormat::Parquet.check().unwrap_err()))
}

/// The manifest's entry of a file with these bytes.
fn entry(name: &str, bytes: &[u8]) -> FileEntry {
    let mut h = Fnv::default();
    h.update(bytes);
    FileEntry {
        name: name.to_string(),
        bytes: bytes.len() as u64,
        fnv1a: h.hex(),
    }
}

/// The names of the files of a run's result set (`students.csv` with
/// `--students`; the `.parquet` files with `--format parquet|both`),
/// besides the extra files a job adds.
pub const RUN_FILES: &[&str] = &[
    "effects.csv",
    "survey.csv",
    "trajectories.csv",
    "trajectories.parquet",
    "students.parquet",
    "strategies.csv",
    "equity.csv",
    "decision.csv",
    "parameters.csv",
    "ceac.csv",
    "evpi.csv",
    "students.csv",
    MANIFEST,
];

/// Student-weeks a run of `replicates` replicates of `sc` simulated (in the
/// manifest and the run's last line): each replicate's burn-in once, then
/// every strategy ([`guard::simulated_student_weeks`]).
fn student_weeks(sc: &Scenario, replicates: u32) -> u64 {
    guard::simulated_student_weeks(sc, replicates)
}

/// Runs every replicate and strategy of the scenario. With `students`,
/// every student's first- and last-week state goes to it as each replicate
/// finishes. Refuses work over the limit or beyond the memory first.
pub fn run(
    opts: &RunOptions,
    mut students: Option<&mut dyn StudentSink>,
    progress: &dyn Progress,
    cancel: &Cancel,
) -> Result<RunResult, JobError> {
    let sc = &opts.scenario.scenario;
    let threads = thread_count(opts.threads)?;
    let keep = students.is_some();
    check_resources(sc, threads, keep, &opts.scenario.file)?;
    if cancel.is_cancelled() {
        return Err(JobError::interrupted());
    }
    let pool = pool(threads)?;
    let engine_opts = engine::RunOptions {
        replicates: sc.run.replicates,
        seed: sc.run.seed,
        snapshots: keep,
    };
    let threshold = sc.params.stress.clinical_threshold;
    let last_week = sc.calendar.total_weeks() as usize;
    let mut write_error: Option<OutputError> = None;
    // The first replicates' burn-ins, for the steady-state check.
    let mut burn_ins = BTreeMap::new();
    let counter = Counter::begin(progress, "replicates", engine_opts.replicates as u64, 0);
    let started = Instant::now();
    let result = pool.install(|| {
        engine::run(sc, &engine_opts, cancel.flag(), |done| {
            if let Some(sink) = students.as_mut()
                && write_error.is_none()
            {
                for (spec, rec) in sc.strategies.iter().zip(done.records) {
                    if let Some((first, last)) = &rec.snapshots {
                        for (week, state) in [(0, first), (last_week, last)] {
                            let records = output::student_records(
                                done.replicate,
                                &spec.name,
                                week,
                                done.population,
                                state,
                                threshold,
                            );
                            if let Err(e) = sink.write(records) {
                                write_error.get_or_insert(e);
                            }
                        }
                    }
                }
            }
            if let Some(trace) = done.burn_in {
                burn_ins.insert(done.replicate, trace.clone());
            }
            counter.tick();
        })
    });
    let wall = started.elapsed().as_secs_f64();
    drop(counter);
    let summary = result.map_err(|engine::Cancelled| JobError::interrupted())?;
    if let Some(e) = write_error {
        return Err(e.into());
    }
    // The tables on the run's threads.
    let mut result = pool.install(|| {
        RunResult::new(
            sc,
            &opts.scenario.file,
            &opts.scenario.hash(),
            summary,
            threads,
            wall,
            guard::estimate_memory(sc, threads, keep),
        )
    });
    pool.install(|| result.check_steady_state(burn_ins, progress, cancel))?;
    Ok(result)
}

/// `students.csv` and/or `students.parquet` written row by row under
/// temporary names.
struct StudentsFile {
    csv: Option<AtomicFile>,
    #[cfg(feature = "parquet")]
    parquet: Option<output::columnar::ParquetFile<AtomicFile>>,
}

impl std::fmt::Debug for StudentsFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StudentsFile")
            .field("csv", &self.csv)
            .finish_non_exhaustive()
    }
}

impl StudentsFile {
    /// Starts the students' files of `format` in `dir`.
    fn create(dir: &OutputDir, format: OutputFormat) -> Result<StudentsFile, JobError> {
        let csv = if format.csv() {
            let mut file = AtomicFile::create(&dir.file("students.csv"))?;
            file.write_all(&output::students_header()).map_err(|e| {
                JobError::Internal(
                    Message::new("problem-internal-cannot-write")
                        .arg("file", "students.csv")
                        .arg("message", e),
                )
            })?;
            Some(file)
        } else {
            None
        };
        #[cfg(feature = "parquet")]
        let parquet = if format.parquet() {
            let path = dir.file("students.parquet");
            Some(output::columnar::ParquetFile::new(
                AtomicFile::create(&path)?,
                &output::student_columns(),
                &path,
            )?)
        } else {
            None
        };
        #[cfg(not(feature = "parquet"))]
        format.check().map_err(JobError::input)?;
        Ok(StudentsFile {
            csv,
            #[cfg(feature = "parquet")]
            parquet,
        })
    }

    /// The finished files, to commit with the rest of the set.
    fn into_files(self) -> Result<Vec<AtomicFile>, OutputError> {
        let files = self.csv.into_iter();
        #[cfg(feature = "parquet")]
        let files = files.chain(self.parquet.map(|p| p.finish()).transpose()?);
        Ok(files.collect())
    }
}

impl StudentSink for StudentsFile {
    fn write(&mut self, records: Vec<StudentRecord>) -> Result<(), OutputError> {
        if let Some(file) = &mut self.csv {
            let path = file.target().to_path_buf();
            file.write_all(&output::students_lines(&records))
                .map_err(|source| OutputError::Io { path, source })?;
        }
        #[cfg(feature = "parquet")]
        if let Some(file) = &mut self.parquet {
            output::push_students(file, &records)?;
        }
        Ok(())
    }
}

/// The files of a run in an output directory, claimed before the run: the
/// directory is made, locked against other jobs and proved writable, and a
/// directory with files in it needs `force` (which replaces this run's
/// files by name and leaves every other file alone). `students.csv` is
/// streamed while the run runs; [`RunFiles::commit`] writes the rest and
/// renames the set into place, `manifest.json` — which lists every file
/// with its checksum — last. Dropped without a commit, it leaves nothing
/// behind: no temporary file, no lock, and no directory it made.
#[derive(Debug)]
pub struct RunFiles {
    // Dropped first: the temporary students.csv goes before the directory
    // is removed if empty.
    students: Option<StudentsFile>,
    format: OutputFormat,
    dir: OutputDir,
}

impl RunFiles {
    /// Claims the directory `out`; with `students`, starts `students.csv`.
    /// The tables are written as CSV ([`RunFiles::create_as`] chooses).
    pub fn create(out: &Path, force: bool, students: bool) -> Result<RunFiles, JobError> {
        RunFiles::create_as(out, force, students, OutputFormat::Csv)
    }

    /// Claims the directory `out`; with `students`, starts the students'
    /// files; the big tables (students, trajectories) are written in `format`.
    pub fn create_as(
        out: &Path,
        force: bool,
        students: bool,
        format: OutputFormat,
    ) -> Result<RunFiles, JobError> {
        format.check().map_err(JobError::input)?;
        let mut files = RunFiles {
            students: None,
            format,
            dir: OutputDir::claim(out, force)?,
        };
        if students {
            files.students = Some(StudentsFile::create(&files.dir, format)?);
        }
        Ok(files)
    }

    /// The files of a run in a directory already claimed (a merge), in `format`.
    pub(crate) fn claimed(dir: OutputDir, format: OutputFormat) -> RunFiles {
        RunFiles {
            students: None,
            format,
            dir,
        }
    }

    /// The format of the big tables.
    pub fn format(&self) -> OutputFormat {
        self.format
    }

    /// Refuses to go on if this run (with `extra` files) would replace
    /// `input`, the scenario file it reads.
    pub fn protect_input(&self, input: &Path, extra: &[&str]) -> Result<(), JobError> {
        let names: Vec<&str> = RUN_FILES.iter().chain(extra).copied().collect();
        Ok(self.dir.refuse_replacing(input, &names)?)
    }

    /// The output directory.
    pub fn dir(&self) -> &Path {
        &self.dir.path
    }

    /// Where the run sends every student's state, when `students.csv` is written.
    pub fn students(&mut self) -> Option<&mut dyn StudentSink> {
        self.students.as_mut().map(|s| s as &mut dyn StudentSink)
    }

    /// Writes the files of `result` (and `extra` files) beside
    /// `students.csv`, syncs them all, and — unless `cancel` was set by
    /// then — renames them into place, the manifest last.
    pub fn commit(
        mut self,
        result: &RunResult,
        extra: &[(&str, Vec<u8>)],
        cancel: Option<&Cancel>,
    ) -> Result<(), JobError> {
        let mut set = SetWriter::new(&self.dir);
        if let Some(s) = self.students.take() {
            for f in s.into_files()? {
                set.add_file(f);
            }
        }
        for file in result.write_tables(self.format, &self.dir)? {
            set.add_file(file);
        }
        for (name, bytes) in extra {
            set.add(name, bytes)?;
        }
        // The last moment a cancellation stops the run: after this, only renames.
        set.commit(
            |entries| result.manifest_json(entries),
            || {
                cancel
                    .is_some_and(Cancel::is_cancelled)
                    .then(JobError::interrupted)
            },
        )
    }
}
