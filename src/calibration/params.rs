//! Parameters to fit, named by their path in the scenario
//! ([`crate::scenario::path`]: `stress.academic_load`, `traits.trust.mean`,
//! `population.rural_share`, `strategies.S.COMPONENT.coverage`, …), with a
//! search range that the scenario's loader accepts at both ends.

use serde::{Deserialize, Serialize};

use super::CalibrationError;
use crate::problem::{Message, Part};
use crate::scenario::Scenario;
use crate::scenario::path::{Kind, Paths};

/// A parameter to fit and the range to search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParamSpec {
    /// Parameter path (see [`crate::scenario::path`]).
    pub path: String,
    /// Lowest value searched.
    pub lo: f64,
    /// Highest value searched.
    pub hi: f64,
}

/// Parses `PATH=LO..HI` for scenario `sc`: the path must name a real number
/// of the scenario and both ends of the range be values the scenario's
/// loader accepts there (a combination it refuses inside the range, e.g. an
/// SD too large for a mean also fitted, costs the search a penalty instead).
pub fn parse(arg: &str, sc: &Scenario) -> Result<ParamSpec, CalibrationError> {
    let (name, range) = arg
        .split_once('=')
        .ok_or_else(|| CalibrationError::NoEquals { arg: arg.into() })?;
    let name = name.trim();
    let (lo, hi) = range
        .split_once("..")
        .ok_or_else(|| CalibrationError::NoRange { arg: arg.into() })?;
    let num = |s: &str| {
        s.trim()
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite())
            .ok_or_else(|| CalibrationError::NotANumber {
                arg: arg.into(),
                text: s.trim().into(),
            })
    };
    let (lo, hi) = (num(lo)?, num(hi)?);
    let paths = Paths::of(sc);
    let kind = paths
        .number(name)
        .map_err(|problem| CalibrationError::Path {
            arg: arg.into(),
            problem: Box::new(problem),
        })?;
    if kind == Kind::Whole {
        return Err(CalibrationError::WholeNumber {
            arg: arg.into(),
            path: name.into(),
        });
    }
    if lo >= hi {
        return Err(CalibrationError::EmptyRange { arg: arg.into() });
    }
    for end in [lo, hi] {
        if let Some(problem) = paths.problem_with(name, end) {
            return Err(match valid_range(&problem.valid) {
                Some(range) => CalibrationError::OutsideValid {
                    arg: arg.into(),
                    path: name.into(),
                    range,
                },
                None => CalibrationError::RefusedEnd {
                    arg: arg.into(),
                    path: name.into(),
                    end,
                    problem: Box::new(problem),
                },
            });
        }
    }
    Ok(ParamSpec {
        path: name.to_string(),
        lo,
        hi,
    })
}

/// The range of a "a number from LO to HI" the loader gave as what is
/// valid, as `from LO to HI` (a catalogue message; a text from elsewhere
/// that reads "a number …" is kept as written), or `None` when what is
/// valid is not a range of numbers.
fn valid_range(valid: &Message) -> Option<Message> {
    if valid.id != "valid-number-range" {
        return valid.strip_prefix("a number ").map(Message::verbatim);
    }
    let end = |name: &str| {
        valid.args().iter().find_map(|(k, v)| match v {
            Part::Text(t) if *k == name => Some(t.clone()),
            _ => None,
        })
    };
    Some(
        Message::new("valid-from-to")
            .arg("lo", end("lo")?)
            .arg("hi", end("hi")?),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn probe() -> Scenario {
        crate::scenario::parse(
            "name = \"probe\"\n[strategies.a]\ncomponents = []\n[strategies.b]\ncomponents = [\"contact_book\"]\n",
            std::path::Path::new("probe"),
        )
        .expect("the probe scenario is valid")
    }

    #[test]
    fn parses_paths_and_ranges() {
        let sc = probe();
        let p = parse("stress.academic_load=0.05..0.12", &sc).unwrap();
        assert_eq!(p.path, "stress.academic_load");
        assert_eq!((p.lo, p.hi), (0.05, 0.12));
        assert!(parse("traits.trust.mean=0.3..0.8", &sc).is_ok());
        assert!(parse("population.rural_share=0..1", &sc).is_ok());
        assert!(parse("traits.minority_trust_shift=-0.4..0", &sc).is_ok());
        assert!(parse("strategies.b.contact_book.coverage=0.2..0.9", &sc).is_ok());
        let e = parse("stress.academic_lod=0.05..0.12", &sc)
            .unwrap_err()
            .to_string();
        assert!(e.contains("did you mean `stress.academic_load`"), "{e}");
        assert!(parse("stress.academic_load=0.05", &sc).is_err());
        assert!(parse("stress.academic_load=0.2..0.1", &sc).is_err());
        let e = parse("stress.academic_load=0.5..2", &sc)
            .unwrap_err()
            .to_string();
        assert!(e.contains("valid from"), "{e}");
        let e = parse("population.schools=1..4", &sc)
            .unwrap_err()
            .to_string();
        assert!(e.contains("whole number"), "{e}");
    }

    #[test]
    fn every_real_path_has_a_range_the_loader_names() {
        let sc = probe();
        let paths = Paths::of(&sc);
        let real: Vec<&str> = paths.numbers().filter(|p| !paths.is_whole(p)).collect();
        assert!(real.len() > 120, "{} real paths", real.len());
        for p in real {
            let e = parse(&format!("{p}=0..1e12"), &sc).unwrap_err();
            // Typed, so that a page words the range in its language.
            let CalibrationError::OutsideValid { range, .. } = &e else {
                panic!("{e}")
            };
            assert_eq!(range.id, "valid-from-to", "{p}");
            let e = e.to_string();
            assert!(e.contains(&format!("`{p}` is valid from ")), "{e}");
        }
        let e = parse("strategies.b.contact_book.coverage=0.5..1.5", &sc)
            .unwrap_err()
            .to_string();
        assert!(e.contains("is valid from 0 to 1"), "{e}");
    }

    #[test]
    fn a_trait_sd_is_refused_beyond_what_its_mean_allows() {
        let sc = probe();
        // mean 0.65: the largest SD is 0.95·√(0.65·0.35) ≈ 0.453.
        let e = parse("traits.trust.sd=0.1..0.47", &sc)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("`traits.trust.sd` is valid from 0 to 0.45"),
            "{e}"
        );
        assert!(parse("traits.trust.sd=0.1..0.45", &sc).is_ok());
    }

    #[test]
    fn choices_and_text_are_not_parameters_to_fit() {
        let sc = probe();
        let e = parse("strategies.b.contact_book.target=0..1", &sc)
            .unwrap_err()
            .to_string();
        assert!(e.contains("holds a choice"), "{e}");
        assert!(e.contains("`left_behind`"), "{e}");
        let e = parse("strategies.b.contact_book.two_way=0..1", &sc)
            .unwrap_err()
            .to_string();
        assert!(e.contains("holds a choice (`true`, `false`)"), "{e}");
        let e = parse("description=0..1", &sc).unwrap_err().to_string();
        assert!(e.contains("free text"), "{e}");
    }
}
