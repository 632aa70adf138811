//! "Runs": runs, sweeps, sensitivity analyses (Morris and Sobol') and
//! portfolio searches of a bundled or user scenario, started from the
//! browser and done by a bounded pool of workers through the library job
//! layer — the same calls as `resim run --report`, `resim sweep`, `resim
//! sensitivity --method morris|sobol` and `resim optimise`, so the results
//! are the CLI's, in the same layout.
//!
//! A job's description and state are kept in `RESULTS/.studio/jobs/ID.json`
//! (written atomically), so the list survives a restart: a job that was
//! queued or running when the server stopped is shown as interrupted, and
//! a sweep or sensitivity analysis can be resumed from its journal, as
//! `resim sweep --resume` would.
//!
//! The queue stops with the server ([`Queue::shutdown`]): waiting jobs and
//! the running ones (asked to stop, their finished points saved) are
//! recorded as interrupted, and the worker threads are joined.
//!
//! Every message the queue shows — why a job was refused, failed, was
//! cancelled or interrupted — is a catalogue message ([`Message`]: an id of
//! `i18n/<lang>/studio.ftl` and its arguments), drawn in the page's
//! language; a job-layer error ([`JobError`]) becomes the message of its
//! variant, with what the error says as its `details`, typed: a scenario's
//! problems and the job layer's messages are kept as catalogue ids and
//! arguments (a record written before any page's language is known), so
//! each page words them in its own language; an older record's English
//! text is shown as written.

use std::collections::{BTreeMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde::{Deserialize, Deserializer, Serialize};

use crate::i18n::Lang;
use crate::jobs::optimise::{OptimiseOptions, optimise};
use crate::jobs::{
    self, Cancel, ErrorClass, JobError, Outcome, Overrides, Progress, RunFiles, RunOptions,
    ScenarioFile, SensitivityOptions, SweepOptions, Workspace,
};
use crate::optimise::Budget;
use crate::output;
use crate::report::{self, ReportOptions};
use crate::sensitivity::Method;

use super::{names, scenarios};

/// What a job does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// `resim run --report`.
    Run,
    /// `resim sweep`.
    Sweep,
    /// `resim sensitivity --method morris`.
    Morris,
    /// `resim sensitivity --method sobol`.
    Sobol,
    /// `resim optimise` (with `--max-cost`, `--max-hours`).
    Optimise,
}

impl Kind {
    /// The kind of a form value.
    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "run" => Some(Kind::Run),
            "sweep" => Some(Kind::Sweep),
            "morris" => Some(Kind::Morris),
            "sobol" => Some(Kind::Sobol),
            "optimise" => Some(Kind::Optimise),
            _ => None,
        }
    }

    /// Every kind, in the form's order.
    pub const ALL: [Kind; 5] = [
        Kind::Run,
        Kind::Sweep,
        Kind::Morris,
        Kind::Sobol,
        Kind::Optimise,
    ];

    /// The kind's form value (also its results folder's suffix).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Run => "run",
            Kind::Sweep => "sweep",
            Kind::Morris => "morris",
            Kind::Sobol => "sobol",
            Kind::Optimise => "optimise",
        }
    }

    /// Whether an interrupted job of this kind can continue from its journal
    /// (as `--resume` can: sweeps and sensitivity analyses).
    pub fn resumable(self) -> bool {
        matches!(self, Kind::Sweep | Kind::Morris | Kind::Sobol)
    }

    /// Whether the job needs the scenario's `[sweep]` section.
    pub fn needs_sweep(self) -> bool {
        matches!(self, Kind::Sweep | Kind::Morris | Kind::Sobol)
    }
}

/// Where a job is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Waiting for a worker.
    Queued,
    /// A worker is on it.
    Running,
    /// Finished: its results folder is whole.
    Done,
    /// Stopped by the user.
    Cancelled,
    /// The server stopped while it was queued or running.
    Interrupted,
    /// It failed; the job's own message.
    Failed,
}

/// A sensitivity analysis's sizes and a portfolio search's objective, as
/// the Runs form chose them; `None` is the CLI's default.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Design {
    /// Morris: trajectories r [default: 10].
    #[serde(default)]
    pub trajectories: Option<u32>,
    /// Morris: grid levels p, even [default: 4].
    #[serde(default)]
    pub levels: Option<u32>,
    /// Sobol': base sample size N [default: 64].
    #[serde(default)]
    pub samples: Option<u32>,
    /// Bootstrap resamples of the sensitivity intervals [default: 1000].
    #[serde(default)]
    pub bootstrap: Option<u32>,
    /// The outcome a portfolio search maximises [default: `resilience`].
    #[serde(default)]
    pub outcome: Option<String>,
    /// The subgroup whose outcome it maximises [default: `all`].
    #[serde(default)]
    pub subgroup: Option<String>,
}

/// The defaults and ranges of the Runs form's sizes: the `resim
/// sensitivity` defaults, and the ranges its job checks
/// ([`crate::jobs::SensitivityOptions::prepare`]; the tests hold both to it).
pub mod sizes {
    /// Morris trajectories: default, least, most.
    pub const TRAJECTORIES: (u32, u32, u32) = (10, 2, 10_000);
    /// Morris levels (even): default, least, most.
    pub const LEVELS: (u32, u32, u32) = (4, 2, 100);
    /// Sobol' base samples: default, least, most.
    pub const SAMPLES: (u32, u32, u32) = (64, 2, 1_000_000);
    /// Bootstrap resamples: default, least, most.
    pub const BOOTSTRAP: (u32, u32, u32) = (1000, 0, 100_000);
}

impl Design {
    fn method(&self, kind: Kind) -> Method {
        if kind == Kind::Morris {
            Method::Morris {
                trajectories: self.trajectories.unwrap_or(sizes::TRAJECTORIES.0),
                levels: self.levels.unwrap_or(sizes::LEVELS.0),
            }
        } else {
            Method::Sobol {
                samples: self.samples.unwrap_or(sizes::SAMPLES.0),
            }
        }
    }

    fn sensitivity(
        &self,
        kind: Kind,
        scenario: ScenarioFile,
        threads: Option<usize>,
    ) -> SensitivityOptions {
        SensitivityOptions {
            scenario,
            threads,
            method: self.method(kind),
            outputs: Vec::new(),
            bootstrap: self.bootstrap.unwrap_or(sizes::BOOTSTRAP.0),
            design_seed: 1,
            stop_after: None,
        }
    }
}

/// Everything a job form chose besides the job's kind and scenario.
#[derive(Debug, Clone, Default)]
pub struct Choices {
    /// Replicates instead of the scenario's.
    pub replicates: Option<u32>,
    /// Seed instead of the scenario's.
    pub seed: Option<u64>,
    /// A portfolio search's budget.
    pub budget: Budget,
    /// Sizes and objective.
    pub design: Design,
    /// The language of a run's report.
    pub lang: Lang,
}

/// A message of the studio's catalogue (`i18n/<lang>/studio.ftl`): its id
/// and its arguments, kept (in a job's record too) so that every page
/// draws it in its own language.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Message {
    /// The catalogue id.
    pub id: String,
    /// The arguments, by name (numbers already formatted).
    #[serde(default)]
    pub args: BTreeMap<String, Detail>,
}

/// An argument of a [`Message`]: a text shown as written, or what the job
/// layer said, kept typed so that it is drawn in the page's language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Detail {
    /// Shown as written in every language (a name, a number; the English
    /// text an older record kept).
    Text(String),
    /// A scenario file's problems.
    Problems(Problems),
    /// A message of the problems' catalogue (bad input, a refused setting).
    Message(crate::problem::Message),
}

/// A scenario file's problems as a record keeps them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Problems {
    /// The file as the user named it.
    pub file: String,
    /// Every problem.
    pub problems: Vec<crate::problem::Problem>,
}

impl Detail {
    /// The detail in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Detail::Text(t) => t.clone(),
            Detail::Problems(p) => crate::scenario::ScenarioError {
                file: PathBuf::from(&p.file),
                problems: p.problems.clone(),
            }
            .in_lang(lang),
            Detail::Message(m) => m.render(lang),
        }
    }
}

impl Message {
    /// The message `id` with `args`.
    pub fn new(id: &str, args: &[(&str, &str)]) -> Message {
        Message {
            id: id.to_string(),
            args: args
                .iter()
                .map(|(k, v)| (k.to_string(), Detail::Text(v.to_string())))
                .collect(),
        }
    }

    /// The message of a job-layer error: one catalogue id per variant,
    /// with what the error says as `details`, typed (a scenario's
    /// problems, a message of the problems' catalogue) so that a page
    /// draws it in its language.
    pub fn of_error(e: &JobError) -> Message {
        let id = match e {
            JobError::Scenario(_) => "job-error-scenario",
            JobError::Input(_) | JobError::Setting(_) => "job-error-input",
            JobError::Busy(_) => "job-error-busy",
            JobError::Interrupted { .. } => "job-error-stopped",
            JobError::Internal(_) => "job-error-internal",
            JobError::ValidationFailed(_) => "job-error-validation",
        };
        let details = match e {
            JobError::Scenario(s) => Detail::Problems(Problems {
                file: s.file.display().to_string(),
                problems: s.problems.clone(),
            }),
            e => Detail::Message(e.message()),
        };
        Message {
            id: id.to_string(),
            args: [("details".to_string(), details)].into(),
        }
    }

    /// The message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let args: Vec<(&str, String)> = self
            .args
            .iter()
            .map(|(k, v)| (k.as_str(), v.render(lang)))
            .collect();
        let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        crate::i18n::text(lang, &self.id, &args)
    }

    /// What the message is about, in English: its `details` (what the job
    /// layer said) when it has them, else the message itself; a leading
    /// `--flag` names the form field it belongs beside.
    pub fn subject(&self) -> String {
        self.args
            .get("details")
            .map(|d| d.render(Lang::En))
            .unwrap_or_else(|| self.render(Lang::En))
    }
}

impl std::fmt::Display for Message {
    /// The message in English.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// A record's message: a [`Message`], or the plain text an older record
/// kept (shown as written); an empty text is none.
fn message_or_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Message>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Stored {
        Message(Message),
        Text(String),
    }
    Ok(match Option::<Stored>::deserialize(d)? {
        Some(Stored::Message(m)) => Some(m),
        Some(Stored::Text(t)) if !t.is_empty() => {
            Some(Message::new("job-message-as-written", &[("details", &t)]))
        }
        _ => None,
    })
}

/// A job as kept on disk.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JobRecord {
    /// The job's id: its results folder's name.
    pub id: String,
    /// What it does.
    pub kind: Kind,
    /// A bundled scenario's name, or a file name in the scenarios folder.
    pub scenario: String,
    /// Replicates instead of the scenario's.
    pub replicates: Option<u32>,
    /// Seed instead of the scenario's (runs only).
    pub seed: Option<u64>,
    /// A portfolio search's budget: most money per student per year.
    #[serde(default)]
    pub max_cost: Option<f64>,
    /// A portfolio search's budget: most teacher hours per class per term.
    #[serde(default)]
    pub max_hours: Option<f64>,
    /// The sizes and the objective the form chose (defaults when empty).
    #[serde(default, flatten)]
    pub design: Design,
    /// The language of the run's report (`en`, `zh-CN`; empty is English).
    #[serde(default)]
    pub lang: String,
    /// Where it is.
    pub state: State,
    /// Why it failed, was cancelled or interrupted.
    #[serde(default, deserialize_with = "message_or_text")]
    pub message: Option<Message>,
    /// What the job told the user while it ran (a warning, such as a
    /// burn-in too short to settle; why it had nothing to do), kept typed
    /// so that every page words them in its language; empty for a job
    /// that said nothing, and in records written before notes were kept.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<crate::problem::Message>,
    /// Notes beyond the first [`KEPT_NOTES`], counted but not kept (a
    /// sweep resumed from a journal of many damaged points notes each), so
    /// that a record stays small enough to be read back.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub notes_left_out: u64,
}

/// Notes a job's record keeps; more are only counted.
pub const KEPT_NOTES: usize = 20;

/// The most bytes of a job's record read back after a restart.
const RECORD_CAP: u64 = 64 * 1024;

/// Whether a count is zero (a record then leaves it out).
fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// The message of a job that stopped before its end: `id`
/// (`job-cancelled`, `job-interrupted`) for a job that saved nothing,
/// `id-saved` for one whose finished points were kept (sweeps and
/// sensitivity analyses: resume goes on from them).
fn stopped(id: &str, saved: bool) -> Message {
    if saved {
        Message::new(&format!("{id}-saved"), &[])
    } else {
        Message::new(id, &[])
    }
}

/// The live progress of a job.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Live {
    /// Units of the current stage (replicates, simulations).
    pub what: String,
    /// Units in the stage.
    pub total: u64,
    /// Units finished.
    pub done: u64,
    /// Seconds left, estimated from the pace so far.
    pub eta_seconds: Option<u64>,
    /// The job's status line.
    pub status: String,
}

/// A job in the server: its record, progress and cancel token.
#[derive(Debug)]
pub struct Job {
    record: Mutex<JobRecord>,
    live: Mutex<(Live, Option<(Instant, u64)>)>,
    cancel: Cancel,
    /// The user asked it to stop (not the server's shutdown).
    cancelled_by_user: AtomicBool,
}

impl Job {
    /// The record as it is now.
    pub fn record(&self) -> JobRecord {
        lock(&self.record).clone()
    }

    /// The progress as it is now.
    pub fn live(&self) -> Live {
        lock(&self.live).0.clone()
    }

    /// Asks the job to stop, as the user's Cancel button does.
    pub fn cancel(&self) {
        self.cancelled_by_user.store(true, Ordering::SeqCst);
        self.cancel.cancel();
    }

    fn new(record: JobRecord) -> Arc<Job> {
        Arc::new(Job {
            record: Mutex::new(record),
            live: Mutex::new(Default::default()),
            cancel: Cancel::new(),
            cancelled_by_user: AtomicBool::new(false),
        })
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Progress for Job {
    fn begin(&self, what: &str, total: u64, done: u64) {
        let mut l = lock(&self.live);
        l.0.what = what.to_string();
        l.0.total = total;
        l.0.done = done;
        l.0.eta_seconds = None;
        l.1 = Some((Instant::now(), done));
    }

    fn advance(&self, done: u64) {
        let mut l = lock(&self.live);
        l.0.done = done;
        if let Some((start, from)) = l.1
            && done > from
        {
            let per = start.elapsed().as_secs_f64() / (done - from) as f64;
            l.0.eta_seconds = Some((per * l.0.total.saturating_sub(done) as f64).ceil() as u64);
        }
    }

    fn status(&self, text: &str) {
        lock(&self.live).0.status = text.to_string();
    }

    /// Kept in the record, which is saved when the job ends: the first
    /// [`KEPT_NOTES`], and a count of the rest.
    fn note(&self, note: &crate::problem::Message) {
        let mut r = lock(&self.record);
        if r.notes.len() < KEPT_NOTES {
            r.notes.push(note.clone());
        } else {
            r.notes_left_out += 1;
        }
    }
}

/// The queue: jobs in order, waiting ones handed to a bounded pool of
/// workers; at most `capacity` may wait.
#[derive(Debug)]
pub struct Queue {
    results: PathBuf,
    scenarios: Option<PathBuf>,
    threads: Option<usize>,
    capacity: usize,
    jobs: Mutex<Vec<Arc<Job>>>,
    waiting: Mutex<VecDeque<Arc<Job>>>,
    wake: Condvar,
    /// Set by [`Queue::shutdown`]: no job is taken or accepted any more.
    stopping: AtomicBool,
    /// The worker threads not yet joined.
    workers: Mutex<Vec<JoinHandle<()>>>,
}

/// Why a job was not queued (or resumed).
#[derive(Debug, thiserror::Error)]
pub enum QueueError {
    /// Bad input: the queue's own message, or the loader's or the job
    /// layer's (as the message of its error's variant).
    #[error("{0}")]
    Input(Message),
    /// The queue is full.
    #[error("the queue is full ({0} jobs waiting)")]
    Full(usize),
    /// The studio is stopping: it takes no new job.
    #[error("the studio is stopping; it takes no new job")]
    Stopping,
}

impl QueueError {
    /// What the Runs page shows of it.
    pub fn message(&self) -> Message {
        match self {
            QueueError::Input(m) => m.clone(),
            QueueError::Full(n) => Message::new("runs-error-full", &[("count", &n.to_string())]),
            QueueError::Stopping => Message::new("runs-error-stopping", &[]),
        }
    }

    fn job(e: JobError) -> QueueError {
        QueueError::Input(Message::of_error(&e))
    }
}

/// How long [`Queue::shutdown`] waits for the workers when the studio
/// stops: a cancelled job stops within a simulated week.
pub const SHUTDOWN_WAIT: Duration = Duration::from_secs(30);

impl Queue {
    /// The queue of a results folder: the jobs recorded there (queued or
    /// running ones are now interrupted), and `workers` worker threads.
    pub fn start(
        results: &Path,
        scenarios: Option<PathBuf>,
        threads: Option<usize>,
        workers: usize,
        capacity: usize,
    ) -> Arc<Queue> {
        let q = Arc::new(Queue {
            results: results.to_path_buf(),
            scenarios,
            threads,
            capacity,
            jobs: Mutex::new(Vec::new()),
            waiting: Mutex::new(VecDeque::new()),
            wake: Condvar::new(),
            stopping: AtomicBool::new(false),
            workers: Mutex::new(Vec::new()),
        });
        for mut r in q.recorded() {
            if matches!(r.state, State::Queued | State::Running) {
                // Cut off by a stop this queue did not see (a kill, a crash):
                // a sweep's journal keeps the points it finished.
                let saved = r.kind.resumable() && results.join(&r.id).is_dir();
                r.message = Some(stopped("job-interrupted", saved));
                r.state = State::Interrupted;
                q.save(&r);
            }
            lock(&q.jobs).push(Job::new(r));
        }
        let handles = (0..workers.max(1))
            .map(|_| {
                let q = Arc::clone(&q);
                std::thread::spawn(move || q.work())
            })
            .collect();
        *lock(&q.workers) = handles;
        q
    }

    /// Stops the queue, as the studio does when it stops: no job is taken
    /// or accepted any more; waiting jobs are recorded as interrupted;
    /// running ones are asked to stop (within a simulated week, a sweep's
    /// or sensitivity analysis's finished points saved in its journal) and
    /// recorded as interrupted, to be resumed by the next server. Waits up
    /// to `within` for every worker thread to end and joins them; returns
    /// whether all were joined. Calling it again waits for the rest.
    pub fn shutdown(&self, within: Duration) -> bool {
        let drained: Vec<Arc<Job>> = {
            let mut w = lock(&self.waiting);
            self.stopping.store(true, Ordering::SeqCst);
            w.drain(..).collect()
        };
        self.wake.notify_all();
        for job in drained {
            let r = job.record();
            let saved = r.kind.resumable() && self.results.join(&r.id).is_dir();
            let m = stopped("job-interrupted", saved);
            self.finish(&job, State::Interrupted, Some(m));
        }
        // A job taken by a worker is running, or about to be.
        for job in lock(&self.jobs).iter() {
            if matches!(job.record().state, State::Queued | State::Running) {
                job.cancel.cancel();
            }
        }
        let deadline = Instant::now() + within;
        while self.workers_running() > 0 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        let mut handles = lock(&self.workers);
        let (ended, left): (Vec<_>, Vec<_>) = handles.drain(..).partition(|h| h.is_finished());
        for h in ended {
            let _ = h.join();
        }
        *handles = left;
        handles.is_empty()
    }

    /// Worker threads still running (none once [`Queue::shutdown`] has
    /// joined them all).
    pub fn workers_running(&self) -> usize {
        lock(&self.workers)
            .iter()
            .filter(|h| !h.is_finished())
            .count()
    }

    fn stopping(&self) -> bool {
        self.stopping.load(Ordering::SeqCst)
    }

    fn records_dir(&self) -> Option<PathBuf> {
        output::real_dir(&self.results, Path::new(".studio/jobs")).ok()
    }

    fn recorded(&self) -> Vec<JobRecord> {
        let Some(dir) = self.records_dir() else {
            return Vec::new();
        };
        let mut out: Vec<JobRecord> = names::list(&dir, true)
            .iter()
            .filter_map(|n| {
                let bytes = crate::input::read_capped(&dir.join(n), RECORD_CAP, "a job").ok()?;
                serde_json::from_slice(&bytes).ok()
            })
            .filter(|r: &JobRecord| names::plain(&r.id))
            .collect();
        out.sort_by(|a, b| a.id.cmp(&b.id));
        out
    }

    fn save(&self, r: &JobRecord) {
        if let (Some(dir), Ok(text)) = (self.records_dir(), serde_json::to_vec_pretty(r)) {
            let _ = output::write_atomic(&dir.join(format!("{}.json", r.id)), &text);
        }
    }

    /// Every job, newest first.
    pub fn jobs(&self) -> Vec<Arc<Job>> {
        let mut v = lock(&self.jobs).clone();
        v.reverse();
        v
    }

    /// The job `id`.
    pub fn job(&self, id: &str) -> Option<Arc<Job>> {
        lock(&self.jobs)
            .iter()
            .find(|j| lock(&j.record).id == id)
            .cloned()
    }

    /// The scenarios a job may use: bundled names, then the files of the
    /// scenarios folder.
    pub fn scenarios(&self) -> Vec<String> {
        scenarios::names(self.scenarios.as_deref())
    }

    /// The scenario file of a name the form sent: a bundled scenario, or a
    /// file listed in the scenarios folder.
    fn load(&self, name: &str) -> Result<ScenarioFile, JobError> {
        scenarios::load(self.scenarios.as_deref(), name)
    }

    /// Checks a job and puts it at the end of the queue; returns its id.
    pub fn submit(
        &self,
        kind: Kind,
        scenario: &str,
        choices: &Choices,
    ) -> Result<String, QueueError> {
        let Choices {
            replicates,
            seed,
            budget,
            design,
            lang,
        } = choices.clone();
        if self.stopping() {
            return Err(QueueError::Stopping);
        }
        let file = self.load(scenario).map_err(QueueError::job)?;
        // Check now what the job would refuse later.
        let mut sc = file.scenario.clone();
        Overrides {
            replicates,
            seed,
            ..Default::default()
        }
        .apply(&mut sc)
        .map_err(QueueError::job)?;
        if kind.needs_sweep() && sc.sweep.is_none() {
            return Err(QueueError::Input(Message::new(
                "runs-error-no-sweep",
                &[("scenario", scenario)],
            )));
        }
        if lock(&self.waiting).len() >= self.capacity {
            return Err(QueueError::Full(self.capacity));
        }
        for (what, v) in [
            ("max-cost", budget.cost_per_student_year),
            ("max-hours", budget.teacher_hours_per_class_term),
        ] {
            if let Some(v) = v.filter(|v| !v.is_finite() || *v < 0.0) {
                return Err(QueueError::Input(Message::new(
                    "runs-error-budget",
                    &[("flag", what), ("value", &v.to_string())],
                )));
            }
        }
        // The job layer's own checks of the sizes (and the resource guards),
        // and the outcome and subgroup names, before the job waits its turn.
        if kind.needs_sweep() && kind != Kind::Sweep {
            let mut checked = file.clone();
            checked.scenario = sc.clone();
            design
                .sensitivity(kind, checked, self.threads)
                .prepare()
                .map_err(QueueError::job)?;
        }
        if kind == Kind::Optimise {
            crate::report::check_names(design.subgroup.as_deref(), design.outcome.as_deref())
                .map_err(|e| QueueError::job(e.into()))?;
        }
        let stem = match kind {
            Kind::Run => sc.name.clone(),
            k => format!("{}-{}", sc.name, k.name()),
        };
        let id = {
            let jobs = lock(&self.jobs);
            let taken = |n: &str| {
                self.results.join(n).exists() || jobs.iter().any(|j| lock(&j.record).id == n)
            };
            let first = stem.clone();
            if taken(&first) {
                (2u32..)
                    .map(|n| format!("{stem}-{n}"))
                    .find(|n| !taken(n))
                    .unwrap_or(first)
            } else {
                first
            }
        };
        let record = JobRecord {
            id: id.clone(),
            kind,
            scenario: scenario.to_string(),
            replicates,
            seed,
            max_cost: budget.cost_per_student_year,
            max_hours: budget.teacher_hours_per_class_term,
            design,
            lang: lang.code().to_string(),
            state: State::Queued,
            message: None,
            notes: Vec::new(),
            notes_left_out: 0,
        };
        self.enqueue(record);
        Ok(id)
    }

    fn enqueue(&self, record: JobRecord) {
        self.save(&record);
        let id = record.id.clone();
        let job = Job::new(record);
        {
            let mut jobs = lock(&self.jobs);
            jobs.retain(|j| lock(&j.record).id != id);
            jobs.push(Arc::clone(&job));
        }
        lock(&self.waiting).push_back(job);
        self.wake.notify_one();
    }

    /// Queues an interrupted sweep or sensitivity analysis again, to go on
    /// from its journal.
    pub fn resume(&self, id: &str) -> Result<(), QueueError> {
        if self.stopping() {
            return Err(QueueError::Stopping);
        }
        let job = self
            .job(id)
            .ok_or_else(|| QueueError::Input(Message::new("runs-error-no-job", &[("id", id)])))?;
        let mut r = job.record();
        if !(r.kind.resumable() && matches!(r.state, State::Interrupted | State::Cancelled)) {
            return Err(QueueError::Input(Message::new(
                "runs-error-not-resumable",
                &[("id", id)],
            )));
        }
        r.state = State::Queued;
        r.message = None;
        self.enqueue(r);
        Ok(())
    }

    /// Asks job `id` to stop: a waiting job is taken off the queue, a
    /// running one stops within a simulated week.
    pub fn cancel(&self, id: &str) -> bool {
        let Some(job) = self.job(id) else {
            return false;
        };
        job.cancel();
        let removed = {
            let mut w = lock(&self.waiting);
            let before = w.len();
            w.retain(|j| !Arc::ptr_eq(j, &job));
            before != w.len()
        };
        if removed {
            let m = stopped("job-cancelled", false);
            self.finish(&job, State::Cancelled, Some(m));
        }
        true
    }

    fn finish(&self, job: &Job, state: State, message: Option<Message>) {
        let r = {
            let mut r = lock(&job.record);
            r.state = state;
            r.message = message;
            r.clone()
        };
        self.save(&r);
    }

    /// The next waiting job, or none once the queue stops.
    fn next(&self) -> Option<Arc<Job>> {
        let mut w = lock(&self.waiting);
        loop {
            if self.stopping() {
                return None;
            }
            if let Some(j) = w.pop_front() {
                return Some(j);
            }
            w = self.wake.wait(w).unwrap_or_else(|e| e.into_inner());
        }
    }

    fn work(&self) {
        while let Some(job) = self.next() {
            let resume =
                job.record().state == State::Queued && self.results.join(job.record().id).is_dir();
            {
                let mut r = lock(&job.record);
                r.state = State::Running;
                // A resumed job says again what still holds.
                r.notes.clear();
                r.notes_left_out = 0;
            }
            self.save(&job.record());
            let (state, message) = match self.execute(&job, resume) {
                Ok(()) => (State::Done, None),
                Err(e) if e.class() == ErrorClass::Interrupted => {
                    let saved = e.is_resumable();
                    if self.stopping() && !job.cancelled_by_user.load(Ordering::SeqCst) {
                        (State::Interrupted, Some(stopped("job-interrupted", saved)))
                    } else {
                        (State::Cancelled, Some(stopped("job-cancelled", saved)))
                    }
                }
                Err(e) => (State::Failed, Some(Message::of_error(&e))),
            };
            self.finish(&job, state, message);
        }
    }

    /// Does a job as the CLI does it.
    fn execute(&self, job: &Job, resume: bool) -> Result<(), JobError> {
        let r = job.record();
        let mut file = self.load(&r.scenario)?;
        if r.kind != Kind::Optimise {
            // `resim optimise` takes them as its own options, below.
            Overrides {
                replicates: r.replicates,
                seed: r.seed,
                ..Default::default()
            }
            .apply(&mut file.scenario)?;
        }
        let out = self.results.join(&r.id);
        let ws = Workspace {
            dir: out.clone(),
            resume,
            force: false,
        };
        match r.kind {
            Kind::Run => {
                let opts = RunOptions {
                    scenario: file,
                    threads: self.threads,
                };
                let files = RunFiles::create(&out, false, false)?;
                let done = jobs::run(&opts, None, job, &job.cancel)?;
                files.commit(&done, &[], Some(&job.cancel))?;
                let opts = ReportOptions {
                    lang: Lang::parse(&r.lang).unwrap_or_default(),
                    ..Default::default()
                };
                report::write_report(&out, &opts)?;
            }
            Kind::Sweep => {
                let work = SweepOptions {
                    scenario: file,
                    threads: self.threads,
                    stop_after: None,
                    format: Default::default(),
                }
                .prepare()?;
                if let Outcome::Done(mut result) = jobs::sweep(&work, Some(&ws), job, &job.cancel)?
                {
                    result.write(&out, false)?;
                }
            }
            Kind::Morris | Kind::Sobol => {
                let s = r.design.sensitivity(r.kind, file, self.threads).prepare()?;
                if let Outcome::Done(mut result) =
                    jobs::sensitivity(&s, Some(&ws), job, &job.cancel)?
                {
                    result.write(&out, false)?;
                }
            }
            Kind::Optimise => {
                let mut opts = OptimiseOptions::new(file);
                opts.budget = Budget {
                    cost_per_student_year: r.max_cost,
                    teacher_hours_per_class_term: r.max_hours,
                };
                opts.replicates = r.replicates;
                opts.seed = r.seed;
                opts.threads = self.threads;
                if let Some(o) = &r.design.outcome {
                    opts.outcome = o.clone();
                }
                if let Some(g) = &r.design.subgroup {
                    opts.subgroup = g.clone();
                }
                let dir = jobs::output_dir(&out, false)?;
                let result = optimise(&opts, job, &job.cancel)?;
                result.write(&dir)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::Message as Note;

    /// A job that notes more than a record keeps (a sweep resumed from a
    /// journal of many damaged points): the first [`KEPT_NOTES`] are kept,
    /// the rest counted, and the record stays small enough to be read back
    /// after a restart.
    #[test]
    fn a_record_keeps_the_first_notes_and_counts_the_rest() {
        let job = Job::new(JobRecord {
            id: "sweep".into(),
            kind: Kind::Sweep,
            scenario: "quickstart_sweep".into(),
            replicates: None,
            seed: None,
            max_cost: None,
            max_hours: None,
            design: Design::default(),
            lang: String::new(),
            state: State::Running,
            message: None,
            notes: Vec::new(),
            notes_left_out: 0,
        });
        let why = Note::verbatim("a damaged journal entry, ".repeat(10));
        for p in 0..500u64 {
            job.note(
                &Note::new("note-point-again")
                    .with("why", why.clone())
                    .arg("point", p),
            );
        }
        let r = job.record();
        assert_eq!(r.notes.len(), KEPT_NOTES);
        assert_eq!(r.notes_left_out, 500 - KEPT_NOTES as u64);
        assert!(r.notes[KEPT_NOTES - 1].contains("point 19 is computed again"));
        let bytes = serde_json::to_vec_pretty(&r).unwrap();
        assert!(bytes.len() < RECORD_CAP as usize, "{} bytes", bytes.len());
        let back: JobRecord = serde_json::from_slice(&bytes).unwrap();
        let english = |notes: &[Note]| notes.iter().map(Note::to_string).collect::<Vec<_>>();
        assert_eq!(english(&back.notes), english(&r.notes));
        assert_eq!(back.notes_left_out, r.notes_left_out);
    }
}
