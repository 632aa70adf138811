//! Parameters named by path, e.g. `stress.academic_load`,
//! `traits.trust.mean` or `population.rural_share`, with their valid ranges.

use serde::{Deserialize, Serialize};

use crate::scenario::{ModelParams, Scenario};

/// A parameter to fit and the range to search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParamSpec {
    /// Path, `section.key` (model parameters), `traits.NAME.mean|sd`,
    /// `traits.minority_trust_shift`, `traits.rural_ses_shift` or
    /// `population.KEY` (a share or `friends_per_student`).
    pub path: String,
    /// Lowest value searched.
    pub lo: f64,
    /// Highest value searched.
    pub hi: f64,
}

/// Population keys that hold a number a calibration may set.
const POPULATION_KEYS: &[&str] = &[
    "rural_share",
    "minority_share",
    "female_share",
    "left_behind_one_parent",
    "left_behind_both_parents",
    "urban_left_behind_ratio",
    "friends_per_student",
];

/// Every path a calibration can set, for messages.
pub fn known_paths() -> Vec<String> {
    let mut out: Vec<String> = ModelParams::docs()
        .iter()
        .map(|d| format!("{}.{}", d.section, d.name))
        .collect();
    for (name, ..) in crate::scenario::Traits::DOCS {
        out.push(format!("traits.{name}.mean"));
        out.push(format!("traits.{name}.sd"));
    }
    out.push("traits.minority_trust_shift".into());
    out.push("traits.rural_ses_shift".into());
    out.extend(POPULATION_KEYS.iter().map(|k| format!("population.{k}")));
    out
}

/// Mutable access to the value at `path`.
pub fn get_mut<'a>(sc: &'a mut Scenario, path: &str) -> Option<&'a mut f32> {
    let parts: Vec<&str> = path.split('.').collect();
    match parts.as_slice() {
        ["traits", name] => sc.traits.get_mut(name, None),
        ["traits", name, part] => sc.traits.get_mut(name, Some(part)),
        ["population", key] => {
            let p = &mut sc.population;
            match *key {
                "rural_share" => Some(&mut p.rural_share),
                "minority_share" => Some(&mut p.minority_share),
                "female_share" => Some(&mut p.female_share),
                "left_behind_one_parent" => Some(&mut p.left_behind_one_parent),
                "left_behind_both_parents" => Some(&mut p.left_behind_both_parents),
                "urban_left_behind_ratio" => Some(&mut p.urban_left_behind_ratio),
                "friends_per_student" => Some(&mut p.friends_per_student),
                _ => None,
            }
        }
        [section, key] => sc.params.get_mut(section, key),
        _ => None,
    }
}

/// The valid range of the value at `path`.
pub fn valid_range(path: &str) -> Option<(f64, f64)> {
    let parts: Vec<&str> = path.split('.').collect();
    match parts.as_slice() {
        ["traits", "minority_trust_shift" | "rural_ses_shift"] => Some((-1.0, 1.0)),
        ["traits", _, "mean"] => Some((0.001, 0.999)),
        // The largest SD also depends on the mean; the scenario check refuses the rest.
        ["traits", _, "sd"] => Some((0.0, 0.475)),
        ["population", "friends_per_student"] => Some((0.0, 20.0)),
        ["population", _] => Some((0.0, 1.0)),
        [section, key] => ModelParams::docs()
            .iter()
            .find(|d| d.section == *section && d.name == *key)
            .map(|d| (d.lo as f64, d.hi as f64)),
        _ => None,
    }
}

/// Parses `PATH=LO..HI`, checking the path and that the range is valid.
pub fn parse(arg: &str) -> Result<ParamSpec, String> {
    let usage = "write --param PATH=LO..HI, e.g. --param stress.academic_load=0.05..0.12";
    let (path, range) = arg
        .split_once('=')
        .ok_or_else(|| format!("--param `{arg}`: no `=`; {usage}"))?;
    let path = path.trim();
    let (lo, hi) = range
        .split_once("..")
        .ok_or_else(|| format!("--param `{arg}`: the range needs `..`; {usage}"))?;
    let num = |s: &str| {
        s.trim()
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite())
            .ok_or_else(|| format!("--param `{arg}`: `{}` is not a number; {usage}", s.trim()))
    };
    let (lo, hi) = (num(lo)?, num(hi)?);
    let mut probe = probe();
    if get_mut(&mut probe, path).is_none() {
        let known = known_paths();
        let near = known
            .iter()
            .map(|k| (strsim::jaro_winkler(k, path), k))
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .filter(|(s, _)| *s > 0.8)
            .map(|(_, k)| format!("did you mean `{k}`? "))
            .unwrap_or_default();
        return Err(format!(
            "--param `{arg}`: unknown parameter `{path}`; {near}valid are model parameters `section.key` (see `resim list parameters`), `traits.NAME.mean`, `traits.NAME.sd`, `traits.minority_trust_shift`, `traits.rural_ses_shift` and `population.KEY` for {}",
            POPULATION_KEYS.join(", ")
        ));
    }
    let (vlo, vhi) = valid_range(path).unwrap_or((f64::MIN, f64::MAX));
    if lo >= hi {
        return Err(format!(
            "--param `{arg}`: the range must be LO..HI with LO < HI"
        ));
    }
    if lo < vlo || hi > vhi {
        return Err(format!(
            "--param `{arg}`: `{path}` is valid from {vlo} to {vhi}; choose a range inside it"
        ));
    }
    Ok(ParamSpec {
        path: path.to_string(),
        lo,
        hi,
    })
}

/// A default scenario used only to check parameter paths.
fn probe() -> Scenario {
    crate::scenario::parse(
        "name = \"probe\"\n[strategies.a]\ncomponents = []\n[strategies.b]\ncomponents = [\"contact_book\"]\n",
        std::path::Path::new("probe"),
    )
    .expect("the probe scenario is valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_paths_and_ranges() {
        let p = parse("stress.academic_load=0.05..0.12").unwrap();
        assert_eq!(p.path, "stress.academic_load");
        assert_eq!((p.lo, p.hi), (0.05, 0.12));
        assert!(parse("traits.trust.mean=0.3..0.8").is_ok());
        assert!(parse("population.rural_share=0..1").is_ok());
        assert!(parse("traits.minority_trust_shift=-0.4..0").is_ok());
        let e = parse("stress.academic_lod=0.05..0.12").unwrap_err();
        assert!(e.contains("did you mean `stress.academic_load`"), "{e}");
        assert!(parse("stress.academic_load=0.05").is_err());
        assert!(parse("stress.academic_load=0.2..0.1").is_err());
        assert!(
            parse("stress.academic_load=0.5..2")
                .unwrap_err()
                .contains("valid from")
        );
    }

    #[test]
    fn every_known_path_is_settable() {
        let mut sc = probe();
        for p in known_paths() {
            assert!(get_mut(&mut sc, &p).is_some(), "{p}");
            assert!(valid_range(&p).is_some(), "{p}");
        }
    }
}
