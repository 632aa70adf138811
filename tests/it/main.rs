//! The integration tests: one binary, one module per subject, so the suite
//! links the crate once.
//!
//! Run one subject with its module path as a filter, e.g.
//! `cargo test --release --test it fuzz::` or `cargo test --release --test it cli::`.
//! `tests/bad_scenarios/` holds the broken scenario files `bad_input` runs,
//! and `tests/proptest-regressions/` the failing cases proptest saved.

mod bad_input;
mod cli;
mod common;
mod decision;
mod district;
mod docs;
mod engine;
mod equity;
mod findings;
mod fuzz;
mod interrupt;
mod jobs;
mod lanes;
mod model_invariants;
mod module_graph;
mod optimise;
#[cfg(feature = "parquet")]
mod parquet_output;
mod paths;
mod posterior;
mod problems_i18n;
mod report;
mod report_i18n;
mod resources;
mod safety;
#[cfg(feature = "studio")]
mod studio;
#[cfg(feature = "studio")]
mod studio_browser;
#[cfg(feature = "studio")]
mod studio_jobs;
#[cfg(feature = "studio")]
mod studio_limits;
#[cfg(feature = "studio")]
mod studio_restart;
#[cfg(feature = "studio")]
mod studio_scenarios;
mod survey;
mod sweep;
mod uncertainty;
mod validation;
mod versions;
