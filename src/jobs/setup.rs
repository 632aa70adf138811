//! What every job checks before it starts, whatever the front end: the
//! thread count, overrides of the scenario's run settings, and whether the
//! work fits in the time and memory there is.

use crate::engine::{self, BurnInCheck};
use crate::guard;
use crate::problem::Message;
use crate::scenario::Scenario;

use super::JobError;

/// Most worker threads a job may ask for.
pub const MAX_THREADS: usize = 1024;

/// Most replicates a job may ask for.
pub const MAX_REPLICATES: u32 = 1_000_000;

/// Worker threads: `requested` (1 to [`MAX_THREADS`]), else
/// `SLURM_CPUS_PER_TASK` when set, else every core.
pub fn thread_count(requested: Option<usize>) -> Result<usize, JobError> {
    if let Some(t) = requested {
        if t == 0 || t > MAX_THREADS {
            return Err(JobError::flag_range("--threads", t, 1, MAX_THREADS));
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

/// A pool of `threads` workers for a job.
pub(crate) fn pool(threads: usize) -> Result<rayon::ThreadPool, JobError> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| {
            JobError::Internal(
                Message::new("problem-internal-threads")
                    .arg("threads", threads)
                    .arg("message", e),
            )
        })
}

/// The steady-state check of `sc` (its first replicates' burn-ins
/// simulated, see [`engine::burn_in_check`]) on a pool of `threads`
/// workers: what `resim check --threads` prints.
pub fn steady_check(sc: &Scenario, threads: usize) -> Result<BurnInCheck, JobError> {
    Ok(pool(threads)?.install(|| engine::burn_in_check(sc)))
}

/// Checks a replicate count: 1 to [`MAX_REPLICATES`].
pub fn check_replicates(replicates: u32) -> Result<u32, JobError> {
    if (1..=MAX_REPLICATES).contains(&replicates) {
        Ok(replicates)
    } else {
        Err(JobError::flag_range(
            "--replicates",
            replicates,
            1,
            MAX_REPLICATES,
        ))
    }
}

/// Changes to a scenario's run settings asked for besides the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    /// Replicates instead of `run.replicates`.
    pub replicates: Option<u32>,
    /// Master seed instead of `run.seed`.
    pub seed: Option<u64>,
    /// A one-week survey window (`--survey-week`): the same as
    /// `survey_weeks` with one week.
    pub survey_week: Option<u32>,
    /// The survey window instead of `run.survey_weeks` (`--survey-weeks`):
    /// weeks from 0 (right after burn-in) to the last, none twice.
    pub survey_weeks: Option<Vec<u32>>,
}

impl Overrides {
    /// Checks the overrides against `sc` and applies them.
    pub fn apply(&self, sc: &mut Scenario) -> Result<(), JobError> {
        if let Some(r) = self.replicates {
            sc.run.replicates = check_replicates(r)?;
        }
        if let Some(s) = self.seed {
            sc.run.seed = s;
        }
        match (&self.survey_weeks, self.survey_week) {
            (Some(_), Some(_)) => Err(JobError::Input(Message::new("problem-job-survey-both"))),
            (Some(w), None) => set_survey_weeks(sc, w, "--survey-weeks"),
            (None, Some(w)) => set_survey_weeks(sc, &[w], "--survey-week"),
            (None, None) => Ok(()),
        }
    }
}

/// Checks a survey window against `sc` (`flag` names it in messages) and
/// makes it the scenario's `run.survey_weeks`.
fn set_survey_weeks(sc: &mut Scenario, weeks: &[u32], flag: &str) -> Result<(), JobError> {
    let last = sc.calendar.total_weeks();
    if let Some(w) = weeks.iter().find(|w| **w > last) {
        return Err(JobError::Input(
            Message::new("problem-job-survey-week")
                .arg("flag", flag)
                .arg("week", w)
                .arg("last", last),
        ));
    }
    if weeks.is_empty() {
        return Err(JobError::Input(
            Message::new("problem-job-survey-no-week")
                .arg("flag", flag)
                .arg("last", last),
        ));
    }
    if let Some((i, w)) = weeks
        .iter()
        .enumerate()
        .find(|(i, w)| weeks[..*i].contains(w))
    {
        return Err(JobError::Input(
            Message::new("problem-job-survey-twice")
                .arg("flag", flag)
                .arg("week", w)
                .arg("position", i + 1),
        ));
    }
    sc.run.survey_week = None;
    sc.run.survey_weeks = Some(weeks.to_vec());
    Ok(())
}

/// Refuses a run that would never finish or cannot fit in memory, naming
/// the scenario `file`, the estimate and the memory available;
/// `students_csv`: every student's state is kept for `students.csv`.
pub fn check_resources(
    sc: &Scenario,
    threads: usize,
    students_csv: bool,
    file: &str,
) -> Result<(), JobError> {
    guard::check_work(sc).map_err(|e| refused(file, e))?;
    let available = guard::available_memory().map_err(|e| JobError::Input(e.message()))?;
    guard::check_memory(sc, threads, students_csv, available).map_err(|e| refused(file, e))
}

/// A run the resource guard refuses, naming the scenario `file` (typed: a
/// front end words it in its language).
fn refused(file: &str, e: guard::GuardError) -> JobError {
    JobError::Input(
        Message::new("problem-in-context")
            .arg("context", file)
            .with("message", e.message()),
    )
}

/// Refuses a job whose estimated peak memory `need` is more than
/// [`guard::MEMORY_HEADROOM`] of the memory available, naming the scenario
/// `file`.
pub(crate) fn check_need(need: u64, threads: usize, file: &str) -> Result<(), JobError> {
    let available = guard::available_memory().map_err(|e| JobError::Input(e.message()))?;
    guard::check_bytes(need, threads, false, available).map_err(|e| refused(file, e))
}
