//! Parameter sweeps: the points a `[sweep]` section defines (the section is
//! parsed with the scenario, in `scenario::sweep_spec`, and re-exported here),
//! and running points with a crash-safe journal.
//!
//! Every point of a sweep runs the same replicates with the same replicate
//! keys (the master seed's), so points share common random numbers: a
//! difference between two points comes from the parameters alone, and a
//! point is exactly what `resim run` gives at the same parameter values.

pub mod design;
pub mod exec;
pub mod output;
pub mod plan;

pub use crate::scenario::{SweepMethod, SweepParam, SweepSpec, SweepValues};
pub use exec::{Exec, ExecError, Journal, JournalError, slim};
pub use output::{JobManifest, SweepCsv, SweepFiles};
pub use plan::{InvalidPoint, InvalidPoints, Plan, format_value};
