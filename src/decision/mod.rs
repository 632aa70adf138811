//! Decisions under uncertainty, reported the way health economists do.
//!
//! The input is a probabilistic sensitivity analysis ([`Psa`]): for each of
//! D parameter draws and each of S strategies, the mean cost per student and
//! the mean of one or more named effects per student (higher is better). All
//! strategies of a draw share the draw's parameters and random numbers, so
//! per-draw differences between strategies are paired.
//!
//! From it this module computes, with pure deterministic functions:
//!
//! * the efficiency frontier and ICERs on expected values
//!   ([`icers`], [`expected_icers`]) — strict and extended dominance removed;
//! * net monetary benefit `λ·E − C` per draw and expected ([`net_benefit`],
//!   [`expected_nmb`]), incremental to the comparator;
//! * cost-effectiveness acceptability curves and the acceptability frontier
//!   ([`ceac`], [`ceaf`]);
//! * the expected value of perfect information per student and for a
//!   population ([`evpi`]);
//! * percentile uncertainty intervals of incremental costs and effects
//!   ([`increments`], [`quantile`]);
//! * discounting of yearly streams ([`Discount`]) and valuing teacher hours
//!   ([`full_cost`]).
//!
//! Definitions, conventions and references are in `docs/DECISIONS.md`; each
//! function's doc comment states its own. Nothing here does I/O; the result
//! rows derive `Serialize` with fields named as the CSV columns.

mod ceac;
mod discount;
mod evpi;
mod frontier;
mod interval;
mod nmb;
mod psa;
mod table;

pub use ceac::{CeacRow, CeafRow, ceac, ceaf, wtp_grid};
pub use discount::{Discount, Timing, WHO_CHOICE_RATE};
pub use evpi::{EvpiRow, Population, evpi, evpi_of_net_benefit};
pub use frontier::{IcerRow, Status, expected_icers, icers};
pub use interval::{Increment, Interval, UI_PROBS, increments, percentile_interval, quantile};
pub use nmb::{NmbRow, expected_nmb, net_benefit, nmb};
pub use psa::{Outcomes, Psa, full_cost};
pub use table::{WTP_POINTS, acceptability_rows, decision_rows, psa as run_psa, wtp_max};

/// A decision-analysis input that cannot be used, with what is valid.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DecisionError {
    /// No strategy was given.
    #[error("no strategies to compare: give at least one")]
    NoStrategies,
    /// Two strategies share a name.
    #[error("strategy {0:?} is given twice: strategy names must be unique")]
    DuplicateStrategy(String),
    /// The comparator is not one of the strategies.
    #[error("comparator {given:?} is not one of the strategies; valid: {valid}")]
    UnknownComparator {
        /// The name given.
        given: String,
        /// The strategy names.
        valid: String,
    },
    /// No parameter draw was given.
    #[error("no parameter draws: give at least one")]
    NoDraws,
    /// A vector has the wrong length.
    #[error("{what} has {got} values; expected {expected}")]
    Shape {
        /// Which input.
        what: String,
        /// Its length.
        got: usize,
        /// The length required.
        expected: usize,
    },
    /// A cost or effect is NaN or infinite.
    #[error(
        "{what} of strategy {strategy:?}{} is {value}; values must be finite",
        draw.map(|d| format!(" in draw {d}")).unwrap_or_default()
    )]
    NotFinite {
        /// Which input.
        what: String,
        /// The strategy.
        strategy: String,
        /// The draw (0-based), for per-draw values.
        draw: Option<usize>,
        /// The value.
        value: f64,
    },
    /// An effect measure name is unknown.
    #[error("unknown effect measure {given:?}; valid: {valid}")]
    UnknownMeasure {
        /// The name given.
        given: String,
        /// The measures present.
        valid: String,
    },
    /// An effect measure is given twice.
    #[error("effect measure {0:?} is given twice: measure names must be unique")]
    DuplicateMeasure(String),
    /// A parameter is out of its range.
    #[error("{what} is {value}; valid: {valid}")]
    OutOfRange {
        /// Which parameter.
        what: &'static str,
        /// The value given.
        value: f64,
        /// The valid range.
        valid: &'static str,
    },
}

/// Checks that a named parameter is finite and within `[lo, hi]`.
fn check_range(
    what: &'static str,
    value: f64,
    lo: f64,
    hi: f64,
    valid: &'static str,
) -> Result<(), DecisionError> {
    if value.is_finite() && value >= lo && value <= hi {
        Ok(())
    } else {
        Err(DecisionError::OutOfRange { what, value, valid })
    }
}

/// Checks a grid of willingness-to-pay values: each finite and ≥ 0.
fn check_wtps(wtps: &[f64]) -> Result<(), DecisionError> {
    for &w in wtps {
        check_range(
            "willingness to pay",
            w,
            0.0,
            f64::INFINITY,
            "finite and ≥ 0 (money per effect unit)",
        )?;
    }
    Ok(())
}
