//! The output layer: tidy CSV, a manifest and a readable table, written so
//! that nothing is ever half-written or silently overwritten.

mod atomic;
mod files;
mod table;

pub use atomic::{AtomicFile, OutputDir, OutputError, write_atomic};
pub use files::{
    Manifest, effects_csv, fnv1a, strategies_csv, student_rows, students_header, trajectories_csv,
};
pub use table::ranking_table;
