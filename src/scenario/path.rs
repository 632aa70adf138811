//! Parameter paths: every number of a scenario by a dotted name, for sweeps,
//! sensitivity analyses and calibration.
//!
//! | path | what |
//! |---|---|
//! | `stress.academic_load`, `trust.rate`, … | the model parameters (`resim list parameters`) |
//! | `population.rural_share`, `population.class_size`, … | population numbers (whole numbers are rounded) |
//! | `traits.NAME.mean`, `traits.NAME.sd`, `traits.minority_trust_shift`, `traits.rural_ses_shift` | trait distributions |
//! | `calendar.years`, `calendar.weeks_per_year`, `calendar.burn_in_weeks` | calendar lengths (rounded) |
//! | `run.replicates`, `run.seed` | Monte Carlo settings (rounded) |
//! | `strategies.STRATEGY.COMPONENT.SETTING` | `coverage`, `intensity`, `frequency`, `fidelity`, `start_week` (rounded), `cost_per_student`, `teacher_hours_per_student` of a component the strategy has |
//!
//! [`set`] changes one number and validates the whole scenario again, with the
//! same checks as loading a file; [`apply`] changes it without validating, for
//! callers that set several numbers before one [`super::validate`].

use super::{ModelParams, Scenario, Traits};
use crate::components::{ComponentSettings, NumberMut};
use crate::problem::{Problem, nearest, valid_names};

/// Population keys that hold whole numbers.
const POPULATION_INTS: &[&str] = &["schools", "classes_per_school", "class_size"];
/// Population keys that hold numbers.
const POPULATION_FLOATS: &[&str] = &[
    "rural_share",
    "minority_share",
    "female_share",
    "left_behind_one_parent",
    "left_behind_both_parents",
    "urban_left_behind_ratio",
    "friends_per_student",
];
/// Numeric calendar keys (whole numbers).
const CALENDAR_INTS: &[&str] = &["years", "weeks_per_year", "burn_in_weeks"];
/// Numeric run keys (whole numbers).
const RUN_INTS: &[&str] = &["replicates", "seed"];
/// Trait shifts (plain numbers rather than `{ mean, sd }`).
const TRAIT_SHIFTS: &[&str] = &["minority_trust_shift", "rural_ses_shift"];

/// The first segments of every path.
const SECTIONS: &[&str] = &[
    "stress",
    "support",
    "learning",
    "academic",
    "detection",
    "trust",
    "adults",
    "exosystem",
    "macrosystem",
    "components",
    "population",
    "traits",
    "calendar",
    "run",
    "strategies",
];

/// A number inside a scenario, by type.
enum Slot<'a> {
    Real(&'a mut f32),
    Whole(&'a mut u32),
    Wide(&'a mut u64),
}

/// Every valid path of `sc`, in documentation order.
pub fn paths(sc: &Scenario) -> Vec<String> {
    let mut out: Vec<String> = ModelParams::docs()
        .iter()
        .map(|d| format!("{}.{}", d.section, d.name))
        .collect();
    out.extend(
        POPULATION_INTS
            .iter()
            .chain(POPULATION_FLOATS)
            .map(|k| format!("population.{k}")),
    );
    for (name, ..) in Traits::DOCS {
        out.push(format!("traits.{name}.mean"));
        out.push(format!("traits.{name}.sd"));
    }
    out.extend(TRAIT_SHIFTS.iter().map(|k| format!("traits.{k}")));
    out.extend(CALENDAR_INTS.iter().map(|k| format!("calendar.{k}")));
    out.extend(RUN_INTS.iter().map(|k| format!("run.{k}")));
    for s in &sc.strategies {
        for (c, _) in &s.components {
            for k in ComponentSettings::numeric_names() {
                out.push(format!("strategies.{}.{c}.{k}", s.name));
            }
        }
    }
    out
}

/// Whether the number at `path` is a whole number (values are rounded).
pub fn is_whole(path: &str) -> bool {
    let mut seg = path.split('.');
    match (seg.next(), seg.next()) {
        (Some("population"), Some(k)) => POPULATION_INTS.contains(&k),
        (Some("calendar"), Some(_)) | (Some("run"), Some(_)) => true,
        (Some("strategies"), _) => ComponentSettings::SETTINGS.iter().any(|d| {
            d.kind == crate::components::SettingKind::Whole
                && path.ends_with(&format!(".{}", d.name))
        }),
        _ => false,
    }
}

/// An unknown path: names the nearest valid path and what is valid where the
/// path went wrong.
fn unknown(path: &str, level: &[String], what: &str, sc: &Scenario) -> Problem {
    let names: Vec<&str> = level.iter().map(String::as_str).collect();
    let mut valid = valid_names(path, &names);
    let level_hit = nearest(path, names.iter().copied()).is_some_and(|n| !n.ends_with('…'));
    if !level_hit {
        let all = paths(sc);
        if let Some(n) = nearest(path, all.iter().map(String::as_str)) {
            let list = valid
                .split_once("valid names: ")
                .map(|(_, l)| l.to_string())
                .unwrap_or_else(|| valid.trim_start_matches("one of ").to_string());
            valid = format!("did you mean `{n}`? valid names: {list}");
        }
    }
    Problem::new(
        path,
        format!("unknown {what} in parameter path `{path}`"),
        valid,
    )
}

fn resolve<'a>(sc: &'a mut Scenario, path: &str) -> Result<Slot<'a>, Problem> {
    let seg: Vec<&str> = path.split('.').collect();
    let section = seg[0];
    let prefixed = |p: &str, keys: &mut dyn Iterator<Item = String>| -> Vec<String> {
        keys.map(|k| format!("{p}.{k}")).collect()
    };
    if !SECTIONS.contains(&section) || (seg.len() < 2) {
        let level: Vec<String> = SECTIONS.iter().map(|s| format!("{s}.…")).collect();
        let snapshot = sc.clone();
        return Err(unknown(path, &level, "section", &snapshot));
    }
    let snapshot = sc.clone();
    let bad_key = |keys: Vec<String>| unknown(path, &keys, "key", &snapshot);
    match section {
        "population" if seg.len() == 2 => {
            let p = &mut sc.population;
            Ok(match seg[1] {
                "schools" => Slot::Whole(&mut p.schools),
                "classes_per_school" => Slot::Whole(&mut p.classes_per_school),
                "class_size" => Slot::Whole(&mut p.class_size),
                "rural_share" => Slot::Real(&mut p.rural_share),
                "minority_share" => Slot::Real(&mut p.minority_share),
                "female_share" => Slot::Real(&mut p.female_share),
                "left_behind_one_parent" => Slot::Real(&mut p.left_behind_one_parent),
                "left_behind_both_parents" => Slot::Real(&mut p.left_behind_both_parents),
                "urban_left_behind_ratio" => Slot::Real(&mut p.urban_left_behind_ratio),
                "friends_per_student" => Slot::Real(&mut p.friends_per_student),
                _ => {
                    return Err(bad_key(prefixed(
                        "population",
                        &mut POPULATION_INTS
                            .iter()
                            .chain(POPULATION_FLOATS)
                            .map(|s| s.to_string()),
                    )));
                }
            })
        }
        "calendar" if seg.len() == 2 => {
            let c = &mut sc.calendar;
            Ok(match seg[1] {
                "years" => Slot::Whole(&mut c.years),
                "weeks_per_year" => Slot::Whole(&mut c.weeks_per_year),
                "burn_in_weeks" => Slot::Whole(&mut c.burn_in_weeks),
                _ => {
                    return Err(bad_key(prefixed(
                        "calendar",
                        &mut CALENDAR_INTS.iter().map(|s| s.to_string()),
                    )));
                }
            })
        }
        "run" if seg.len() == 2 => Ok(match seg[1] {
            "replicates" => Slot::Whole(&mut sc.run.replicates),
            "seed" => Slot::Wide(&mut sc.run.seed),
            _ => {
                return Err(bad_key(prefixed(
                    "run",
                    &mut RUN_INTS.iter().map(|s| s.to_string()),
                )));
            }
        }),
        "traits" if seg.len() == 2 || seg.len() == 3 => {
            let valid: Vec<String> = Traits::DOCS
                .iter()
                .flat_map(|(n, ..)| [format!("traits.{n}.mean"), format!("traits.{n}.sd")])
                .chain(TRAIT_SHIFTS.iter().map(|k| format!("traits.{k}")))
                .collect();
            match sc.traits.get_mut(seg[1], seg.get(2).copied()) {
                Some(v) => Ok(Slot::Real(v)),
                None => Err(bad_key(valid)),
            }
        }
        "strategies" => {
            let names: Vec<String> = snapshot
                .strategies
                .iter()
                .map(|s| format!("strategies.{}.…", s.name))
                .collect();
            let Some(si) = seg
                .get(1)
                .and_then(|n| snapshot.strategies.iter().position(|s| s.name == *n))
            else {
                return Err(unknown(path, &names, "strategy", &snapshot));
            };
            let strategy = &snapshot.strategies[si];
            let comps: Vec<String> = strategy
                .components
                .iter()
                .map(|(c, _)| format!("strategies.{}.{c}.…", strategy.name))
                .collect();
            let Some(ci) = seg
                .get(2)
                .and_then(|c| strategy.components.iter().position(|(n, _)| n == c))
            else {
                let mut p = unknown(path, &comps, "component", &snapshot);
                if comps.is_empty() {
                    p.valid = format!(
                        "strategy `{}` has no components; choose a strategy that has",
                        strategy.name
                    );
                }
                return Err(p);
            };
            let prefix = format!("strategies.{}.{}", strategy.name, strategy.components[ci].0);
            let s = &mut sc.strategies[si].components[ci].1;
            match (seg.get(3).copied(), seg.len()) {
                (Some(k), 4) if s.number_mut(k).is_some() => {
                    Ok(match s.number_mut(k).expect("checked above") {
                        NumberMut::Real(v) => Slot::Real(v),
                        NumberMut::Whole(v) => Slot::Whole(v),
                    })
                }
                _ => Err(bad_key(
                    ComponentSettings::numeric_names()
                        .map(|k| format!("{prefix}.{k}"))
                        .collect(),
                )),
            }
        }
        _ if seg.len() == 2 => {
            let valid: Vec<String> = ModelParams::docs()
                .iter()
                .filter(|d| d.section == section)
                .map(|d| format!("{}.{}", d.section, d.name))
                .collect();
            match sc.params.get_mut(section, seg[1]) {
                Some(v) => Ok(Slot::Real(v)),
                None => Err(bad_key(valid)),
            }
        }
        _ => {
            // Right section, wrong depth.
            let valid: Vec<String> = paths(&snapshot)
                .into_iter()
                .filter(|p| p.starts_with(&format!("{section}.")))
                .collect();
            Err(bad_key(valid))
        }
    }
}

/// Checks that `path` names a number of `sc`.
pub fn check(sc: &Scenario, path: &str) -> Result<(), Problem> {
    let mut copy = sc.clone();
    resolve(&mut copy, path).map(|_| ())
}

/// The number at `path`.
pub fn get(sc: &Scenario, path: &str) -> Result<f64, Problem> {
    let mut copy = sc.clone();
    Ok(match resolve(&mut copy, path)? {
        Slot::Real(v) => *v as f64,
        Slot::Whole(v) => *v as f64,
        Slot::Wide(v) => *v as f64,
    })
}

/// The value `value` becomes when stored at `path`: rounded for whole
/// numbers, rounded to single precision otherwise.
pub fn stored(path: &str, value: f64) -> f64 {
    if is_whole(path) {
        value.round()
    } else {
        value as f32 as f64
    }
}

/// Sets the number at `path` without validating the scenario.
pub fn apply(sc: &mut Scenario, path: &str, value: f64) -> Result<(), Problem> {
    let whole = |max: f64| -> Result<f64, Problem> {
        let r = value.round();
        if !value.is_finite() || r < 0.0 || r > max {
            Err(Problem::new(
                path,
                format!("{value} is not a whole number that fits"),
                format!("a whole number from 0 to {max}"),
            ))
        } else {
            Ok(r)
        }
    };
    match resolve(sc, path)? {
        Slot::Real(v) => *v = value as f32,
        Slot::Whole(v) => *v = whole(u32::MAX as f64)? as u32,
        Slot::Wide(v) => *v = whole(9_007_199_254_740_992.0)? as u64,
    }
    Ok(())
}

/// Sets the number at `path` to `value` (whole numbers are rounded) and
/// validates the scenario again with the checks of loading a file.
pub fn set(sc: &mut Scenario, path: &str, value: f64) -> Result<(), Vec<Problem>> {
    apply(sc, path, value).map_err(|p| vec![p])?;
    let problems = super::validate(sc);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn quickstart() -> Scenario {
        super::super::load(Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/scenarios/quickstart.toml"
        )))
        .unwrap()
    }

    #[test]
    fn every_listed_path_can_be_read_and_set_to_its_own_value() {
        let sc = quickstart();
        let all = paths(&sc);
        assert!(all.len() > 150, "{} paths", all.len());
        for p in &all {
            let v = get(&sc, p).unwrap_or_else(|e| panic!("{p}: {e:?}"));
            let mut copy = sc.clone();
            set(&mut copy, p, v).unwrap_or_else(|e| panic!("{p} = {v}: {e:?}"));
            assert_eq!(copy, sc, "{p}");
        }
    }

    #[test]
    fn sets_model_population_trait_calendar_run_and_strategy_numbers() {
        let mut sc = quickstart();
        set(&mut sc, "stress.academic_load", 0.1).unwrap();
        assert_eq!(sc.params.stress.academic_load, 0.1f32);
        set(&mut sc, "population.class_size", 31.6).unwrap();
        assert_eq!(sc.population.class_size, 32);
        set(&mut sc, "population.rural_share", 0.25).unwrap();
        assert_eq!(sc.population.rural_share, 0.25);
        set(&mut sc, "traits.trust.mean", 0.5).unwrap();
        assert_eq!(sc.traits.trust.mean, 0.5);
        set(&mut sc, "traits.minority_trust_shift", -0.1).unwrap();
        assert_eq!(sc.traits.minority_trust_shift, -0.1);
        set(&mut sc, "calendar.years", 2.0).unwrap();
        assert_eq!(sc.calendar.years, 2);
        set(&mut sc, "run.seed", 7.0).unwrap();
        assert_eq!(sc.run.seed, 7);
        set(
            &mut sc,
            "strategies.full_programme.contact_book.coverage",
            0.5,
        )
        .unwrap();
        set(
            &mut sc,
            "strategies.full_programme.contact_book.frequency",
            2.0,
        )
        .unwrap();
        set(
            &mut sc,
            "strategies.contact_book.contact_book.start_week",
            3.4,
        )
        .unwrap();
        let fp = sc
            .strategies
            .iter()
            .find(|s| s.name == "full_programme")
            .unwrap();
        let cb = &fp
            .components
            .iter()
            .find(|(n, _)| n == "contact_book")
            .unwrap()
            .1;
        assert_eq!((cb.coverage, cb.frequency.0), (0.5, 2.0));
        assert_eq!(sc.strategies[1].components[0].1.start_week, 3);
    }

    #[test]
    fn unknown_paths_name_the_nearest_valid_path() {
        let mut sc = quickstart();
        for (bad, near) in [
            ("stress.academic_lod", "stress.academic_load"),
            ("stres.academic_load", "stress.academic_load"),
            ("population.clas_size", "population.class_size"),
            ("traits.trust.mea", "traits.trust.mean"),
            (
                "strategies.full_programe.contact_book.coverage",
                "strategies.full_programme.contact_book.coverage",
            ),
            (
                "strategies.full_programme.contact_bok.coverage",
                "strategies.full_programme.contact_book.coverage",
            ),
            (
                "strategies.full_programme.contact_book.coverag",
                "strategies.full_programme.contact_book.coverage",
            ),
        ] {
            let e = set(&mut sc, bad, 0.5).unwrap_err();
            assert_eq!(e.len(), 1);
            assert_eq!(e[0].key, bad);
            assert!(
                e[0].valid.contains(&format!("did you mean `{near}`?")),
                "{bad}: {}",
                e[0].valid
            );
        }
        let e = set(
            &mut sc,
            "strategies.usual_practice.contact_book.coverage",
            0.5,
        )
        .unwrap_err();
        assert!(e[0].valid.contains("has no components"), "{:?}", e[0]);
    }

    #[test]
    fn values_out_of_range_fail_validation_like_a_file() {
        let mut sc = quickstart();
        let e = set(&mut sc, "stress.academic_load", 1.5).unwrap_err();
        assert_eq!(e[0].key, "stress.academic_load");
        assert!(e[0].valid.contains("from 0 to 1"), "{:?}", e[0]);
        let mut sc = quickstart();
        let e = set(&mut sc, "population.schools", 0.0).unwrap_err();
        assert_eq!(e[0].key, "population.schools");
        let e = set(&mut sc, "population.schools", -3.0).unwrap_err();
        assert!(e[0].valid.contains("whole number"));
        let mut sc = quickstart();
        let e = set(&mut sc, "calendar.weeks_per_year", 30.0).unwrap_err();
        assert!(e.iter().any(|p| p.key.starts_with("calendar.")), "{e:?}");
    }
}
