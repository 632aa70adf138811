//! How a job reports progress ([`Progress`]) and is told to stop ([`Cancel`]).
//!
//! A job calls its [`Progress`] from whichever thread it is on, so an
//! implementation is `Send + Sync` and assumes no terminal: `resim` draws an
//! indicatif bar on stderr, a browser studio would send events over a
//! socket, a Python package would call back into Python or tqdm.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use crate::problem::Message;

/// Receives a job's progress.
///
/// A job goes through stages; each [`Progress::begin`]s with the number of
/// units it will do (replicates, simulations), then [`Progress::advance`]s
/// as units finish, and [`Progress::end`]s. Besides the count, a job may set
/// a short [`Progress::status`] ("best loss 0.0123") and report
/// [`Progress::note`]s — lines the user should read whatever the progress
/// display, such as a warning or why there was nothing to do.
pub trait Progress: Send + Sync {
    /// A stage starts: `total` units of `what` (`"replicates"`,
    /// `"simulations"`), of which `done` are finished already (a resumed job).
    fn begin(&self, what: &str, total: u64, done: u64);
    /// `done` units of the stage are finished (a count, not an increment;
    /// it never decreases within a stage).
    fn advance(&self, done: u64);
    /// A short status shown beside the count; it replaces the last one.
    fn status(&self, _text: &str) {}
    /// A line for the user: a warning, or why a job did nothing. A
    /// catalogue message (`i18n/<lang>/notes.ftl`), so that a front end
    /// words it in its language; its `Display` is the English the CLI prints.
    fn note(&self, note: &Message);
    /// The stage is over (finished, failed or cancelled).
    fn end(&self) {}
}

/// Progress that is not shown: for tests, batch use and callers that only
/// want the result. Notes are dropped too.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {
    fn begin(&self, _what: &str, _total: u64, _done: u64) {}
    fn advance(&self, _done: u64) {}
    fn note(&self, _note: &Message) {}
}

/// A cancellation token: cloned into whatever may stop a job (a signal
/// handler, a stop button) and passed to the job, which polls it and stops
/// cleanly — within a simulated week — when it is set.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// A token that is not set.
    pub fn new() -> Cancel {
        Cancel::default()
    }

    /// A token around an existing flag (e.g. one a signal handler sets).
    pub fn from_flag(flag: Arc<AtomicBool>) -> Cancel {
        Cancel(flag)
    }

    /// Asks every job holding this token to stop.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    /// Whether cancellation was asked for.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }

    /// The flag the engine polls.
    pub fn flag(&self) -> &AtomicBool {
        &self.0
    }
}

/// Counts finished units of a stage from any thread and reports the count.
pub(crate) struct Counter<'a> {
    progress: &'a dyn Progress,
    done: Mutex<u64>,
}

impl<'a> Counter<'a> {
    /// Begins a stage of `total` units with `done` finished.
    pub(crate) fn begin(progress: &'a dyn Progress, what: &str, total: u64, done: u64) -> Self {
        progress.begin(what, total, done);
        Counter {
            progress,
            done: Mutex::new(done),
        }
    }

    /// One more unit is finished. The count is reported under a lock, so
    /// the progress sees it rise even when units finish on many threads.
    pub(crate) fn tick(&self) {
        let mut done = self.done.lock().unwrap_or_else(|e| e.into_inner());
        *done += 1;
        self.progress.advance(*done);
    }
}

impl Drop for Counter<'_> {
    fn drop(&mut self) {
        self.progress.end();
    }
}
