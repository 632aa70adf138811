//! The output layer: tidy CSV, a manifest and a readable table, written so
//! that nothing is ever half-written or silently overwritten.

mod atomic;
mod files;
mod hash;
mod survey;
mod table;

pub use atomic::{AtomicFile, OutputDir, OutputError, write_atomic};
pub use files::{
    Manifest, effects_csv, num, strategies_csv, student_rows, students_header, to_bytes,
    trajectories_csv,
};
pub use hash::{Fnv, fnv1a};
pub use survey::{SURVEY_COLUMNS, survey_csv};
pub use table::ranking_table;
