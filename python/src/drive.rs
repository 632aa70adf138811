//! Runs a job on a worker thread while the calling (Python) thread waits
//! with the GIL released, shows progress and checks for signals.

use std::sync::{Condvar, Mutex};
use std::time::Duration;

use pyo3::prelude::*;
use resilience_sim::jobs::{Cancel, JobError, Progress};
use resilience_sim::problem::Message;

use crate::errors::job_error;

/// How often the calling thread wakes to show progress and check signals.
pub const POLL: Duration = Duration::from_millis(100);

/// One thing a job told its [`Progress`], queued for the calling thread.
enum Event {
    Begin(String, u64, u64),
    Advance(u64),
    Status(String),
    Note(String),
    End,
}

/// A [`Progress`] that queues events; the calling thread hands them to the
/// Python progress object. Consecutive advances are merged into the last.
#[derive(Default)]
struct Queue {
    events: Mutex<Vec<Event>>,
}

impl Queue {
    fn push(&self, e: Event) {
        let mut q = self.events.lock().unwrap_or_else(|p| p.into_inner());
        if let (Event::Advance(_), Some(Event::Advance(last))) = (&e, q.last_mut()) {
            if let Event::Advance(n) = e {
                *last = n;
            }
            return;
        }
        q.push(e);
    }

    fn take(&self) -> Vec<Event> {
        std::mem::take(&mut *self.events.lock().unwrap_or_else(|p| p.into_inner()))
    }
}

impl Progress for Queue {
    fn begin(&self, what: &str, total: u64, done: u64) {
        self.push(Event::Begin(what.to_string(), total, done));
    }
    fn advance(&self, done: u64) {
        self.push(Event::Advance(done));
    }
    fn status(&self, text: &str) {
        self.push(Event::Status(text.to_string()));
    }
    fn note(&self, line: &Message) {
        self.push(Event::Note(line.to_string()));
    }
    fn end(&self) {
        self.push(Event::End);
    }
}

/// Set by the worker when it is done (however it ended), waking the caller.
#[derive(Default)]
struct Finished {
    done: Mutex<bool>,
    wake: Condvar,
}

impl Finished {
    fn set(&self) {
        *self.done.lock().unwrap_or_else(|p| p.into_inner()) = true;
        self.wake.notify_all();
    }

    /// Waits at most `timeout` for the worker; whether it is done.
    fn wait(&self, timeout: Duration) -> bool {
        let guard = self.done.lock().unwrap_or_else(|p| p.into_inner());
        let (guard, _) = self
            .wake
            .wait_timeout_while(guard, timeout, |done| !*done)
            .unwrap_or_else(|p| p.into_inner());
        *guard
    }
}

/// Sets [`Finished`] when dropped: also when the job panics.
struct SetOnDrop<'a>(&'a Finished);

impl Drop for SetOnDrop<'_> {
    fn drop(&mut self) {
        self.0.set();
    }
}

/// Hands queued events to the Python progress object (its `begin`,
/// `advance`, `status`, `note` and `end` methods).
fn show(progress: Option<&Bound<'_, PyAny>>, events: Vec<Event>) -> PyResult<()> {
    let Some(p) = progress else {
        return Ok(());
    };
    for e in events {
        match e {
            Event::Begin(what, total, done) => p.call_method1("begin", (what, total, done))?,
            Event::Advance(done) => p.call_method1("advance", (done,))?,
            Event::Status(text) => p.call_method1("status", (text,))?,
            Event::Note(line) => p.call_method1("note", (line,))?,
            Event::End => p.call_method0("end")?,
        };
    }
    Ok(())
}

/// Runs `job` on a worker thread with a progress queue and a cancel token.
/// The calling thread releases the GIL while it waits, and every [`POLL`]
/// shows progress and checks for signals: on KeyboardInterrupt (Ctrl-C),
/// or an exception from the progress object, it cancels the job, waits for
/// it to stop cleanly (nothing half written) and raises that exception.
/// A job error becomes the matching `resilience_sim` exception.
pub fn drive<T, F>(py: Python<'_>, progress: Option<&Bound<'_, PyAny>>, job: F) -> PyResult<T>
where
    T: Send,
    F: FnOnce(&dyn Progress, &Cancel) -> Result<T, JobError> + Send,
{
    let queue = Queue::default();
    let cancel = Cancel::new();
    let finished = Finished::default();
    let (outcome, raised) = std::thread::scope(|s| {
        let worker = s.spawn(|| {
            let _finished = SetOnDrop(&finished);
            job(&queue, &cancel)
        });
        let mut raised: Option<PyErr> = None;
        loop {
            let done = py.detach(|| finished.wait(POLL));
            if raised.is_none() {
                let checked = show(progress, queue.take()).and_then(|()| py.check_signals());
                if let Err(e) = checked {
                    cancel.cancel();
                    raised = Some(e);
                }
            }
            if done {
                break;
            }
        }
        (worker.join(), raised)
    });
    // The last events (the end of a stage, a note) after the job finished.
    let shown = show(progress, queue.take());
    if let Some(e) = raised {
        return Err(e);
    }
    shown?;
    match outcome {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => Err(job_error(py, e)),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".into());
            Err(job_error(
                py,
                JobError::internal(format!("the job stopped: {what}")),
            ))
        }
    }
}
