//! # resilience-sim
//!
//! An agent-based simulation of how home–school collaboration shapes
//! students' mental resilience, built on Bronfenbrenner's ecological systems.
//!
//! Data flows one way:
//!
//! ```text
//! scenario (TOML) → population → engine (model × replicates × strategies) → statistics → outputs
//! ```
//!
//! * [`scenario`] turns a file into validated values, with errors that name
//!   the file, line, key and what is valid;
//! * [`population`] synthesises students, families, classes, schools and
//!   communities for one replicate;
//! * [`model`] is the pure functional core: a student's state and one week;
//! * [`components`] are the collaboration components strategies are made of;
//! * [`engine`] runs replicates × strategies in parallel with common random
//!   numbers;
//! * [`stats`] aggregates while running; [`output`] writes files atomically;
//! * [`report`] reads a results directory back and writes an HTML report.
//! * [`sweep`] runs parameter sweeps with a crash-safe journal,
//!   [`sensitivity`] Morris and Sobol analyses over them, and [`shard`]
//!   splits any job over machines and merges the results exactly.
//! * [`guard`] refuses runs that would not fit in memory or never finish.
//! * [`decision`] turns per-draw costs and effects into the decision
//!   analysis health economists report: ICERs, net benefit, acceptability
//!   curves and the value of information.

pub mod calibration;
pub mod components;
pub mod decision;
pub mod engine;
pub mod guard;
pub mod model;
pub mod output;
pub mod population;
pub mod report;
pub mod rng;
pub mod scenario;
pub mod sensitivity;
pub mod shard;
pub mod stats;
pub mod sweep;
pub mod validation;
