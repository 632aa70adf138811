//! The jobs a front end offers — run, what-if, sweep, sensitivity,
//! calibrate, optimise, validate, merge and report — as library
//! functions: typed options in, typed results and a [`JobError`] out.
//!
//! Every front end (the command line, a browser studio, a Python package)
//! calls the same functions, so the same checks apply everywhere: the
//! thread count, overrides of the scenario's run settings and the time and
//! memory a run may take ([`setup`]). A job reports progress through a
//! [`Progress`] the front end implements, and stops cleanly when the
//! [`Cancel`] token it was given is set (a signal handler, a stop button).
//! Test hooks are option fields (`stop_after`), never environment
//! variables.
//!
//! A result is a value — the summary and the typed rows of every file — so
//! a browser can show it and Python can turn it into data frames without
//! reading files back; writing it is a separate call (`RunFiles::commit`,
//! `SweepResult::write`, …). Jobs that must keep state on disk while they
//! run — the journal of a sweep, the checkpoint of a calibration, a shard's
//! journal — take a [`Workspace`]; without one they run in memory.
//!
//! Writing is safe whatever the front end: a job claims its output
//! directory before it runs (made, locked against a second job — "DIR is
//! in use by process N on HOST" —, proved writable, refused when it holds
//! other files unless forced), writes every file under an exclusive
//! temporary name, never through a symbolic link, and commits its files
//! as one set whose `manifest.json`, written last, lists each file with
//! its checksum; [`saved::open`] reads a set back and refuses one that is
//! not whole. `force` replaces a job's own files by name and removes
//! nothing else. A sweep or sensitivity analysis in a workspace streams
//! its rows to disk as points finish.
//!
//! | job | options | function | result | written by |
//! |---|---|---|---|---|
//! | run | [`RunOptions`] | [`run()`] | [`RunResult`] | [`RunFiles`] |
//! | what-if | [`WhatIfQuestion`] → [`WhatIf`] | [`what_if()`] | [`WhatIfAnswer`] | [`RunFiles`] |
//! | sweep | [`SweepOptions`] → [`PointJob`] | [`sweep()`], [`shard()`] | [`SweepResult`], [`ShardResult`] | their `write` |
//! | sensitivity | [`SensitivityOptions`] → [`Sensitivity`] | [`sensitivity()`], [`shard()`] | [`SensitivityResult`], [`ShardResult`] | their `write` |
//! | calibrate | [`CalibrateOptions`] → [`Calibration`] | [`calibrate()`] | [`CalibrationResult`] | its `write` |
//! | validate | [`ValidateOptions`] | [`validate()`] | [`ValidationResult`] | its `write` |
//! | optimise | [`optimise::OptimiseOptions`] | [`optimise::optimise_resumable`], [`optimise::optimise_shard`] | [`optimise::OptimiseResult`], [`optimise::OptimiseShard`] | their `write` |
//! | merge | a directory, [`MergeOut`] | [`merge()`] | [`MergeResult`] | [`MergeResult::write`] |
//! | report | a run's directory, [`ReportChoice`] | [`ReportChoice::write`] | `report.html` | itself |
//! | read back | a directory | [`saved::open`] | [`SavedResults`] | — |
//!
//! A run from a program, its effects as values, and its files written:
//!
//! ```
//! use resilience_sim::jobs::{self, Cancel, Overrides, RunFiles, RunOptions, ScenarioFile, Silent};
//!
//! let mut scenario = ScenarioFile::load("scenarios/quickstart.toml".as_ref())?;
//! Overrides { replicates: Some(2), ..Default::default() }.apply(&mut scenario.scenario)?;
//! let opts = RunOptions { scenario, threads: Some(2) };
//! let result = jobs::run(&opts, None, &Silent, &Cancel::new())?;
//! let g = result
//!     .effects
//!     .iter()
//!     .find(|e| e.strategy == "full_programme" && e.subgroup == "all" && e.outcome == "resilience")
//!     .map(|e| e.g);
//! assert!(g.is_some_and(|g| g > 0.0));
//!
//! let out = tempfile::tempdir().expect("a temporary directory");
//! RunFiles::create(out.path(), true, false)?.commit(&result, &[], None)?;
//! assert!(out.path().join("effects.csv").is_file());
//! # Ok::<(), jobs::JobError>(())
//! ```

pub mod calibrate;
mod error;
pub mod merge;
pub mod optimise;
pub mod points;
mod progress;
pub mod report;
pub mod run;
pub mod saved;
pub mod sensitivity;
pub mod setup;
mod source;
pub mod sweep;
pub mod uncertainty;
pub mod validate;
pub mod whatif;

/// The format of the big tables (students, trajectories, sweep).
pub use crate::output::OutputFormat;
pub use calibrate::{CalibrateOptions, Calibration, CalibrationResult, calibrate};
pub use error::{ErrorClass, JobError, Refused};
pub use merge::{MergeOut, MergeResult, Merged, merge};
pub use points::{Outcome, PointJob, ShardResult, Workspace, shard};
pub use progress::{Cancel, Progress, Silent};
pub use report::ReportChoice;
pub use run::{RunFiles, RunOptions, RunResult, StudentSink, run};
pub use saved::{SavedKind, SavedResults, SavedRun};
pub use sensitivity::{Sensitivity, SensitivityOptions, SensitivityResult, sensitivity};
pub use setup::{Overrides, steady_check, thread_count};
pub use source::{BUNDLED, ScenarioFile};
pub use sweep::{SweepOptions, SweepResult, sweep};
pub use uncertainty::ParameterOptions;
pub use validate::{Targets, ValidateOptions, ValidationResult, validate};
pub use whatif::{WhatIf, WhatIfAnswer, WhatIfQuestion, what_if};

/// Claims an output directory before a job writes into it: made if
/// missing, locked against other jobs, proved writable; a directory with
/// files in it needs `force`. Dropped, the claim is released.
pub fn output_dir(
    out: &std::path::Path,
    force: bool,
) -> Result<crate::output::OutputDir, JobError> {
    Ok(crate::output::OutputDir::claim(out, force)?)
}
