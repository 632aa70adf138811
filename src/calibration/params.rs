//! Parameters to fit, named by their path in the scenario
//! ([`crate::scenario::path`]: `stress.academic_load`, `traits.trust.mean`,
//! `population.rural_share`, `strategies.S.COMPONENT.coverage`, …), with a
//! search range.

use serde::{Deserialize, Serialize};

use super::CalibrationError;
use crate::scenario::{ModelParams, Scenario, path};

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

/// The valid range of the number at `path`, where it is fixed by the path
/// alone (the scenario check after setting a value catches the rest, e.g. an
/// SD too large for its mean).
pub fn valid_range(path: &str) -> Option<(f64, f64)> {
    let parts: Vec<&str> = path.split('.').collect();
    match parts.as_slice() {
        ["traits", "minority_trust_shift" | "rural_ses_shift"] => Some((-1.0, 1.0)),
        ["traits", _, "mean"] => Some((0.001, 0.999)),
        ["traits", _, "sd"] => Some((0.0, 0.475)),
        ["population", "friends_per_student"] => Some((0.0, 20.0)),
        ["population", _] => Some((0.0, 1.0)),
        ["strategies", _, _, "coverage" | "fidelity"] => Some((0.0, 1.0)),
        [section, key] => ModelParams::docs()
            .iter()
            .find(|d| d.section == *section && d.name == *key)
            .map(|d| (d.lo as f64, d.hi as f64)),
        _ => None,
    }
}

/// Parses `PATH=LO..HI` for scenario `sc`: the path must name a real number
/// of the scenario and the range lie inside its valid range.
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
    path::check(sc, name).map_err(|problem| CalibrationError::Path {
        arg: arg.into(),
        problem,
    })?;
    if path::is_whole(name) {
        return Err(CalibrationError::WholeNumber {
            arg: arg.into(),
            path: name.into(),
        });
    }
    if lo >= hi {
        return Err(CalibrationError::EmptyRange { arg: arg.into() });
    }
    if let Some((vlo, vhi)) = valid_range(name)
        && (lo < vlo || hi > vhi)
    {
        return Err(CalibrationError::OutsideValid {
            arg: arg.into(),
            path: name.into(),
            lo: vlo,
            hi: vhi,
        });
    }
    Ok(ParamSpec {
        path: name.to_string(),
        lo,
        hi,
    })
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
    fn every_real_path_with_a_fixed_range_is_known() {
        let sc = probe();
        for p in path::paths(&sc) {
            if path::is_whole(&p) || p.starts_with("strategies.") {
                continue;
            }
            assert!(valid_range(&p).is_some(), "{p}");
        }
    }
}
