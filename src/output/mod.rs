//! The output layer: tidy CSV, a manifest and a readable table, written so
//! that nothing is ever half-written or silently overwritten.
//!
//! Each CSV file of a run has a row struct, beside the function that makes
//! its rows: [`EffectRow`] (`effects.csv`), [`TrajectoryRow`]
//! (`trajectories.csv`), [`StrategyRow`] (`strategies.csv`), [`SurveyRow`]
//! (`survey.csv`), [`StudentRow`] (`students.csv`). Their field docs are the
//! column documentation; [`tidy`] writes and reads them, [`na`] formats
//! every number and `NA`. With `--format parquet|both` ([`OutputFormat`])
//! the big tables — students, trajectories, sweep — are also (or only)
//! written as Parquet from the same structs (`columnar`, behind the
//! `parquet` cargo feature).
//!
//! Writing is safe by construction: a job claims its directory
//! ([`OutputDir::claim`]: made, locked with [`Lock`], proved writable,
//! checked for other files), writes every file under an exclusive
//! temporary name ([`AtomicFile`], never through a symbolic link), and
//! commits its files as a set whose manifest, written last, lists each
//! file with its checksum ([`SetWriter`]); readers check a set against its
//! manifest ([`SavedSet`]).

mod acceptability;
mod atomic;
#[cfg(feature = "parquet")]
pub mod columnar;
mod decision;
mod dir;
mod effects;
mod equity;
mod error;
mod files;
mod format;
mod hash;
pub mod lock;
pub mod na;
mod parameters;
pub mod set;
mod steady;
mod strategies;
mod students;
mod survey;
mod table;
#[cfg(test)]
pub(crate) mod tests;
pub mod tidy;
mod trajectories;

pub use acceptability::{AcceptabilityRow, EvpiFileRow};
pub use atomic::{AtomicFile, FileEntry, sync_dir, write_atomic};
pub use decision::DecisionRow;
pub use dir::{OutputDir, probe, real_dir, refuse_replacing};
pub use effects::{EffectRow, effect_rows, effects_csv};
pub use equity::{EquityRow, equity_csv, equity_rows};
pub use error::OutputError;
pub use files::{GIT_COMMIT, Manifest, parameter_set_hash};
pub use format::{OutputFormat, read_table_rows};
pub use hash::{Fnv, fnv1a};
pub use lock::{Holder, LOCK_FILE, Lock};
pub use na::{NA, num};
pub use parameters::{ParameterRow, UncertaintyRecord, parameter_rows};
pub use set::{MANIFEST, SavedSet, SetError, SetWriter};
pub use steady::{SteadyStateRecord, recorded_check};
pub use strategies::{StrategyRow, strategies_csv, strategy_rows};
pub use students::{
    StudentRecord, StudentRow, read_students, student_records, student_rows, students_header,
    students_lines,
};
#[cfg(feature = "parquet")]
pub use students::{push_students, read_students_parquet, student_columns};
pub use survey::{SurveyRow, survey_csv, survey_rows};
pub use table::ranking_table;
pub use tidy::{ReadError, read_rows, to_csv};
pub use trajectories::{TrajectoryRow, trajectories_csv, trajectory_rows};
