//! Why a calibration cannot be set up, or a parameter value is refused.

use crate::problem::Problem;

/// How `--param` is written, for messages.
const USAGE: &str = "write --param PATH=LO..HI, e.g. --param stress.academic_load=0.05..0.12";

/// Why a calibration cannot be set up, or why parameter values are refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CalibrationError {
    /// `--param` without `=`.
    #[error("--param `{arg}`: no `=`; {USAGE}")]
    NoEquals {
        /// The text given.
        arg: String,
    },
    /// `--param` without a `LO..HI` range.
    #[error("--param `{arg}`: the range needs `..`; {USAGE}")]
    NoRange {
        /// The text given.
        arg: String,
    },
    /// An end of the range that is not a finite number.
    #[error("--param `{arg}`: `{text}` is not a number; {USAGE}")]
    NotANumber {
        /// The text given.
        arg: String,
        /// The end that does not read.
        text: String,
    },
    /// A path that names no number of the scenario.
    #[error("--param `{arg}`: {}; valid: {}", problem.message, problem.valid)]
    Path {
        /// The text given (or the path).
        arg: String,
        /// What is wrong and what is valid.
        problem: Box<Problem>,
    },
    /// A path that holds a whole number.
    #[error(
        "--param `{arg}`: `{path}` holds a whole number; calibrate fits real-valued parameters (model parameters, traits, shares, component settings)"
    )]
    WholeNumber {
        /// The text given.
        arg: String,
        /// The path.
        path: String,
    },
    /// `LO..HI` with `LO ≥ HI`.
    #[error("--param `{arg}`: the range must be LO..HI with LO < HI")]
    EmptyRange {
        /// The text given.
        arg: String,
    },
    /// A range reaching outside the parameter's valid range.
    #[error("--param `{arg}`: `{path}` is valid {range}; choose a range inside it")]
    OutsideValid {
        /// The text given.
        arg: String,
        /// The path.
        path: String,
        /// The valid range in words, e.g. `from 0 to 1`.
        range: String,
    },
    /// An end of the range the scenario's loader refuses for another reason.
    #[error("--param `{arg}`: {end} is refused at `{path}`: {}; valid: {}", problem.message, problem.valid)]
    RefusedEnd {
        /// The text given.
        arg: String,
        /// The path.
        path: String,
        /// The end refused.
        end: f64,
        /// Why, and what is valid.
        problem: Box<Problem>,
    },
    /// No `--param`.
    #[error("no --param given: name at least one parameter to fit")]
    NoParams,
    /// A parameter named twice.
    #[error("--param `{path}` is given twice")]
    Duplicate {
        /// The path.
        path: String,
    },
    /// No target can be measured on the scenario or on the bundled
    /// validation scenarios of the targets that name one.
    #[error(
        "none of the {targets} targets can be measured on scenario `{scenario}` or their bundled validation scenarios"
    )]
    NothingMeasurable {
        /// Targets given.
        targets: usize,
        /// Scenario name.
        scenario: String,
    },
    /// The scenarios of the targets cannot be set up.
    #[error("the targets' scenarios cannot be set up: {0}")]
    Scenarios(String),
    /// A parameter none of the scenarios measured has: it cannot change the fit.
    #[error(
        "--param `{path}`: none of the scenarios the targets are measured on ({scenarios}) has this path, so it cannot change the fit"
    )]
    Unused {
        /// The path.
        path: String,
        /// The scenarios measured, comma-separated.
        scenarios: String,
    },
    /// Parameter values the scenario refuses.
    #[error("{}: {} (valid: {})", .0.key, .0.message, .0.valid)]
    Refused(Box<Problem>),
    /// Parameter values the scenario refuses, without a reason.
    #[error("the scenario is refused")]
    RefusedScenario,
}
