//! The terminal side of a job: a progress bar on stderr and Ctrl-C.

use std::io::IsTerminal;
use std::sync::{Mutex, OnceLock};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use resilience_sim::jobs::{Cancel, Progress};
use resilience_sim::problem::Message;

/// Progress as an indicatif bar on stderr, drawn only on a terminal and
/// not with `--quiet`; notes (warnings, "nothing to do") always go to stderr.
pub struct Bar {
    quiet: bool,
    bar: Mutex<Option<ProgressBar>>,
}

impl Bar {
    /// A bar, hidden with `quiet`.
    pub fn new(quiet: bool) -> Bar {
        Bar {
            quiet,
            bar: Mutex::new(None),
        }
    }

    fn with(&self, f: impl FnOnce(&mut Option<ProgressBar>)) {
        f(&mut self.bar.lock().unwrap_or_else(|e| e.into_inner()));
    }
}

impl Progress for Bar {
    fn begin(&self, what: &str, total: u64, done: u64) {
        if self.quiet || !std::io::stderr().is_terminal() {
            return;
        }
        let pb = ProgressBar::with_draw_target(Some(total.max(done)), ProgressDrawTarget::stderr());
        pb.set_style(
            ProgressStyle::with_template(
                "{spinner} {prefix} {pos}/{len} [{bar:30}] {elapsed_precise} elapsed, ETA {eta}  {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        pb.set_prefix(what.to_string());
        if done > 0 {
            pb.set_position(done);
            pb.reset_eta();
        }
        self.with(|b| *b = Some(pb));
    }

    fn advance(&self, done: u64) {
        self.with(|b| {
            if let Some(pb) = b {
                pb.set_position(done);
            }
        });
    }

    fn status(&self, text: &str) {
        self.with(|b| {
            if let Some(pb) = b {
                pb.set_message(text.to_string());
            }
        });
    }

    fn note(&self, line: &Message) {
        self.with(|b| match b {
            Some(pb) => pb.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        });
    }

    fn end(&self) {
        self.with(|b| {
            if let Some(pb) = b.take() {
                pb.finish_and_clear();
            }
        });
    }
}

/// Installs SIGINT/SIGTERM handling once per process and returns the token
/// it sets. A command that runs a job calls it first, so a signal at any
/// point stops the job cleanly.
pub fn cancel_on_signal() -> Cancel {
    static TOKEN: OnceLock<Cancel> = OnceLock::new();
    TOKEN
        .get_or_init(|| {
            let token = Cancel::new();
            let set = token.clone();
            // If another handler is installed, run on without ours.
            let _ = ctrlc::set_handler(move || set.cancel());
            token
        })
        .clone()
}
