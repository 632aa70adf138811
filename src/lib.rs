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
//! # Layers
//!
//! The modules form layers. A module uses modules of its own layer and of the
//! layers below, never above, so the module graph has no cycle: the model
//! depends on the parameters, not on how a file wrote them down.
//! `tests/it/module_graph.rs` reads every `crate::` path in `src/` and checks
//! both; it prints the layers and edges with
//! `cargo test --release --test it module_graph -- --nocapture`.
//!
//! | layer | modules | what they hold |
//! |---|---|---|
//! | 0 foundation | [`rng`], [`problem`], [`input`], [`i18n`] | keyed counter-based random streams; the one error item (key, line, message, what is valid) with range checks, nearest-name suggestions and line lookup; reading input with a hard byte cap, whatever the file type; the message catalogues (English, Simplified Chinese) of the report and the studio |
//! | 1 declarations | [`params`], [`components`] | every model parameter, declared once with default, range, meaning and source ([`params::ModelParams`]); the collaboration components strategies are made of, each declared once as data (settings and loadings) |
//! | 2 the world | [`population`] | what a population is drawn from ([`population::PopulationSpec`], [`population::Traits`]) and one replicate's students, families, classes, schools, communities, friendships and subgroups |
//! | 3 the model | [`model`] | the pure functional core: a student's state, levers, the nine mechanisms, the calendar and one week |
//! | 4 files | [`scenario`] | TOML in, validated values out (errors name file, line, key and what is valid): the raw file, loading, messages, parameter paths, the `[sweep]` section, the work limit |
//! | 5 running | [`engine`], [`stats`], [`guard`] | replicates × strategies in parallel with common random numbers; exact streaming statistics; the memory estimate and available memory |
//! | 6 results | [`output`], [`report`] | atomic CSV files, manifest and table; the HTML report read back from a results directory |
//! | 7 analyses | [`shard`], [`sweep`], [`sensitivity`], [`validation`], [`calibration`], [`decision`], [`optimise`] | shards and their exact merge; parameter sweeps with a crash-safe journal; Morris and Sobol'; published targets; calibration; decision analysis (ICERs, net benefit, acceptability curves, value of information); the best portfolio for a budget |
//! | 8 jobs | [`jobs`] | run, what-if, sweep, sensitivity, calibrate, validate and merge as library functions: typed options in, typed results and [`jobs::JobError`] out, progress through a trait, cancellation through a token; writing results is a separate call |
//! | front end | `resim` (`src/main.rs`, `src/cli/`), [`studio`] | the command line: flags, printing, exit codes; the browser studio (`resim serve`, cargo feature `studio`, on by default): pages, message catalogues, the job queue |

pub mod calibration;
pub mod components;
pub mod decision;
pub mod engine;
pub mod guard;
pub mod i18n;
pub mod input;
pub mod jobs;
pub mod model;
pub mod optimise;
pub mod output;
pub mod params;
pub mod population;
pub mod problem;
pub mod report;
pub mod rng;
pub mod scenario;
pub mod sensitivity;
pub mod shard;
pub mod stats;
#[cfg(feature = "studio")]
pub mod studio;
pub mod sweep;
pub mod validation;
