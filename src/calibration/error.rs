//! Why a calibration cannot be set up, or a parameter value is refused.

use crate::problem::{Message, Problem};

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
        /// The valid range in words, e.g. `from 0 to 1` (a catalogue
        /// message, worded in a page's language).
        range: Message,
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
    Scenarios(Message),
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

impl CalibrationError {
    /// The refusal as a catalogue message: its English is this error's
    /// `Display` (what the CLI prints), and a front end words it in its
    /// language.
    pub fn message(&self) -> Message {
        let usage = || Message::new("problem-calibrate-usage");
        match self {
            CalibrationError::NoEquals { arg } => Message::new("problem-calibrate-no-equals")
                .arg("arg", arg)
                .with("usage", usage()),
            CalibrationError::NoRange { arg } => Message::new("problem-calibrate-no-range")
                .arg("arg", arg)
                .with("usage", usage()),
            CalibrationError::NotANumber { arg, text } => {
                Message::new("problem-calibrate-not-a-number")
                    .arg("arg", arg)
                    .arg("text", text)
                    .with("usage", usage())
            }
            CalibrationError::Path { arg, problem } => Message::new("problem-calibrate-path")
                .arg("arg", arg)
                .with("message", problem.message.clone())
                .with("valid", problem.valid.clone()),
            CalibrationError::WholeNumber { arg, path } => {
                Message::new("problem-calibrate-whole-number")
                    .arg("arg", arg)
                    .arg("path", path)
            }
            CalibrationError::EmptyRange { arg } => {
                Message::new("problem-calibrate-empty-range").arg("arg", arg)
            }
            CalibrationError::OutsideValid { arg, path, range } => {
                Message::new("problem-calibrate-outside-valid")
                    .arg("arg", arg)
                    .arg("path", path)
                    .with("range", range.clone())
            }
            CalibrationError::RefusedEnd {
                arg,
                path,
                end,
                problem,
            } => Message::new("problem-calibrate-refused-end")
                .arg("arg", arg)
                .arg("end", end)
                .arg("path", path)
                .with("message", problem.message.clone())
                .with("valid", problem.valid.clone()),
            CalibrationError::NoParams => Message::new("problem-calibrate-no-params"),
            CalibrationError::Duplicate { path } => {
                Message::new("problem-calibrate-duplicate").arg("path", path)
            }
            CalibrationError::NothingMeasurable { targets, scenario } => {
                Message::new("problem-calibrate-nothing-measurable")
                    .arg("count", targets)
                    .arg("scenario", scenario)
            }
            CalibrationError::Scenarios(m) => {
                Message::new("problem-calibrate-scenarios").with("message", m.clone())
            }
            CalibrationError::Unused { path, scenarios } => {
                Message::new("problem-calibrate-unused")
                    .arg("path", path)
                    .arg("scenarios", scenarios)
            }
            CalibrationError::Refused(p) => Message::new("problem-calibrate-refused-values")
                .arg("key", &p.key)
                .with("message", p.message.clone())
                .with("valid", p.valid.clone()),
            CalibrationError::RefusedScenario => Message::new("problem-calibrate-refused"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refusal_reads_as_the_cli_prints_it_in_english_and_in_chinese_on_chinese_pages() {
        let problem = || {
            Box::new(Problem::new(
                "stress.academic_load",
                crate::problem::Message::new("problem-out-of-range").arg("value", "2"),
                "from 0 to 1",
            ))
        };
        let arg = || "stress.academic_load=0.1..2".to_string();
        let all = [
            CalibrationError::NoEquals { arg: arg() },
            CalibrationError::NoRange { arg: arg() },
            CalibrationError::NotANumber {
                arg: arg(),
                text: "x".into(),
            },
            CalibrationError::Path {
                arg: arg(),
                problem: problem(),
            },
            CalibrationError::WholeNumber {
                arg: arg(),
                path: "population.schools".into(),
            },
            CalibrationError::EmptyRange { arg: arg() },
            CalibrationError::OutsideValid {
                arg: arg(),
                path: "stress.academic_load".into(),
                range: Message::new("valid-from-to").arg("lo", 0).arg("hi", 1),
            },
            CalibrationError::RefusedEnd {
                arg: arg(),
                path: "stress.academic_load".into(),
                end: 2.5,
                problem: problem(),
            },
            CalibrationError::NoParams,
            CalibrationError::Duplicate {
                path: "stress.academic_load".into(),
            },
            CalibrationError::NothingMeasurable {
                targets: 3,
                scenario: "quickstart".into(),
            },
            CalibrationError::Scenarios(
                Message::new("problem-validate-set-refused")
                    .arg("key", "stress.academic_load")
                    .with(
                        "message",
                        Message::new("problem-out-of-range").arg("value", "2"),
                    )
                    .arg("scenario", "quickstart")
                    .with(
                        "valid",
                        Message::new("valid-number-range").arg("lo", 0).arg("hi", 1),
                    ),
            ),
            CalibrationError::Unused {
                path: "stress.academic_load".into(),
                scenarios: "quickstart, rural".into(),
            },
            CalibrationError::Refused(problem()),
            CalibrationError::RefusedScenario,
        ];
        for e in all {
            let m = e.message();
            crate::problem::assert_worded(&m, &e.to_string());
        }
    }
}
