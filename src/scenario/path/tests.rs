//! Parameter paths as a user meets them: every path settable, unknown paths
//! with the nearest valid one, values checked by the loader, choices only
//! where choices are allowed.

use super::*;
use crate::scenario::ModelParams;
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

fn contact_book(sc: &Scenario, strategy: &str) -> crate::components::ComponentSettings {
    sc.strategies
        .iter()
        .find(|s| s.name == strategy)
        .and_then(|s| s.components.iter().find(|(c, _)| c == "contact_book"))
        .map(|(_, s)| s.clone())
        .expect("the strategy has a contact book")
}

#[test]
fn the_paths_are_the_numbers_of_the_resolved_file_and_nothing_else() {
    let sc = quickstart();
    let paths = Paths::of(&sc);
    let numbers: Vec<&str> = paths.numbers().collect();
    for d in ModelParams::docs() {
        assert!(numbers.contains(&format!("{}.{}", d.section, d.name).as_str()));
    }
    for (name, ..) in super::super::Traits::DOCS {
        assert!(numbers.contains(&format!("traits.{name}.mean").as_str()));
        assert!(numbers.contains(&format!("traits.{name}.sd").as_str()));
    }
    for p in [
        "run.seed",
        "calendar.years",
        "population.friends_per_student",
    ] {
        assert!(numbers.contains(&p), "{p}");
    }
    for not in [
        "name",
        "population.grades",
        "calendar.exam_weeks",
        "strategies.contact_book.description",
        "strategies.contact_book.contact_book.target",
        "strategies.contact_book.contact_book.two_way",
    ] {
        assert!(!numbers.contains(&not), "{not}");
    }
    // A number's kind is how the resolved file writes it.
    assert!(paths.is_whole("population.class_size"));
    assert!(paths.is_whole("strategies.contact_book.contact_book.start_week"));
    assert!(!paths.is_whole("strategies.contact_book.contact_book.frequency"));
    assert_eq!(paths.stored("calendar.years", 1.6), 2.0);
    assert_eq!(paths.stored("stress.academic_load", 0.1), 0.1f32 as f64);
}

#[test]
fn a_components_settings_are_the_fields_it_declares() {
    let sc = quickstart();
    let paths = Paths::of(&sc);
    let declared: Vec<String> = match toml::Value::try_from(contact_book(&sc, "contact_book")) {
        Ok(toml::Value::Table(t)) => t.keys().cloned().collect(),
        other => panic!("settings serialise to a table: {other:?}"),
    };
    let prefix = "strategies.contact_book.contact_book";
    assert_eq!(paths.keys(prefix, Use::Set), declared);
    let numbers = paths.keys(prefix, Use::Vary);
    assert_eq!(
        numbers,
        declared
            .iter()
            .filter(|k| !["target", "two_way"].contains(&k.as_str()))
            .cloned()
            .collect::<Vec<_>>()
    );
    assert!(numbers.contains(&"start_week".to_string()));
}

#[test]
fn choices_are_set_only_as_choices_and_their_names_listed() {
    let sc = quickstart();
    let paths = Paths::of(&sc);
    let target = "strategies.contact_book.contact_book.target";
    let two_way = "strategies.contact_book.contact_book.two_way";
    let frequency = "strategies.contact_book.contact_book.frequency";
    let names = paths.choices(target).expect("target is a choice");
    assert_eq!(names, crate::components::Target::NAMES);
    assert_eq!(paths.choices(two_way).unwrap(), ["true", "false"]);
    assert_eq!(paths.choices("description"), None, "free text");
    assert_eq!(paths.choices(frequency), None, "a number");

    let set = paths
        .with_values([
            (target, toml::Value::String("left_behind".into())),
            (two_way, toml::Value::Boolean(false)),
            (frequency, toml::Value::String("daily".into())),
        ])
        .unwrap();
    let cb = contact_book(&set, "contact_book");
    assert_eq!(cb.target, crate::components::Target::LeftBehind);
    assert!(!cb.two_way);
    assert_eq!(cb.frequency.0, 5.0);

    // A name the loader does not know: its own message, every choice listed.
    let e = paths
        .with_values([(target, toml::Value::String("nobody".into()))])
        .unwrap_err();
    assert_eq!(e[0].key, target);
    assert_eq!(e[0].message, "unknown value `nobody`");
    for n in crate::components::Target::NAMES {
        assert!(e[0].valid.contains(&format!("`{n}`")), "{}", e[0].valid);
    }
    // Sweeps, sensitivity analyses and calibration vary numbers only.
    let e = paths.with([(target, 1.0)]).unwrap_err();
    assert_eq!(e[0].key, target);
    assert!(
        e[0].message
            .contains("holds a choice (`all`, `left_behind`"),
        "{e:?}"
    );
    assert!(e[0].valid.contains("resim whatif --set"), "{e:?}");
    let e = paths.number(two_way).unwrap_err();
    assert!(e.message.contains("(`true`, `false`)"), "{e:?}");
    // Free text and lists are not reached by paths at all.
    let e = paths
        .with_values([("description", toml::Value::String("x".into()))])
        .unwrap_err();
    assert!(e[0].message.contains("free text"), "{e:?}");
    let e = paths.number("population.grades").unwrap_err();
    assert!(e.message.contains("holds a list"), "{e:?}");
}

#[test]
fn a_path_that_stops_at_a_table_or_runs_past_a_value_is_explained() {
    let paths = Paths::of(&quickstart());
    let e = paths.number("stress").unwrap_err();
    assert_eq!(
        e.message,
        "parameter path `stress` names a table, not a number"
    );
    assert!(e.valid.contains("`stress.academic_load`"), "{}", e.valid);
    let e = paths.number("stress.academic_load.x").unwrap_err();
    assert!(
        e.valid.contains("did you mean `stress.academic_load`?"),
        "{}",
        e.valid
    );
    let e = paths.number("traits.trust").unwrap_err();
    assert!(e.valid.contains("`traits.trust.mean`"), "{}", e.valid);
}

#[test]
fn optional_values_are_paths_where_the_scenario_gives_them() {
    let mut sc = quickstart();
    let e = check(&sc, "run.survey_week").unwrap_err();
    assert!(e.message.contains("unknown key"), "{e:?}");
    sc.run.survey_week = Some(10);
    let paths = Paths::of(&sc);
    assert!(paths.is_whole("run.survey_week"));
    let set = paths.with([("run.survey_week", 20.4)]).unwrap();
    assert_eq!(set.run.survey_week, Some(20));
    let e = paths.with([("run.survey_week", 1000.0)]).unwrap_err();
    assert_eq!(e[0].key, "run.survey_week");
    assert!(e[0].valid.contains("a week from 0"), "{e:?}");
}

#[test]
fn the_sweep_is_kept_and_not_a_path() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/quickstart.toml"
    ))
    .unwrap()
        + "\n[sweep]\n\"stress.academic_load\" = [0.06, 0.1]\n";
    let sc = super::super::parse(&text, Path::new("q.toml")).unwrap();
    assert!(sc.sweep.is_some());
    let paths = Paths::of(&sc);
    assert!(paths.numbers().all(|p| !p.starts_with("sweep.")));
    let set = paths.with([("stress.academic_load", 0.07)]).unwrap();
    assert_eq!(set.sweep, sc.sweep);
    assert!(check(&sc, "sweep.stress.academic_load").is_err());
}

#[test]
fn the_loaders_checks_apply_to_a_value_set_by_path() {
    let paths = Paths::of(&quickstart());
    // The work limit, checked when loading a file, holds for set values too.
    let e = paths
        .with([("population.schools", 1e6), ("run.replicates", 1e6)])
        .unwrap_err();
    assert!(e.iter().any(|p| p.key == "population"), "{e:?}");
    let e = paths.with([("run.seed", f64::NAN)]).unwrap_err();
    assert_eq!(e[0].message, "NaN is not a whole number that fits");
    let e = paths
        .with([("stress.academic_load", f64::NAN)])
        .unwrap_err();
    assert_eq!(e[0].key, "stress.academic_load");
    assert_eq!(
        paths
            .problem_with("stress.academic_load", 2.0)
            .unwrap()
            .valid,
        "a number from 0 to 1"
    );
    assert_eq!(paths.problem_with("stress.academic_load", 0.5), None);
}

#[test]
fn nothing_set_is_the_scenario_itself() {
    let sc = quickstart();
    let paths = Paths::of(&sc);
    let none: [(&str, f64); 0] = [];
    assert_eq!(paths.with(none).unwrap(), sc);
    let all: Vec<(&str, f64)> = paths
        .numbers()
        .map(|p| (p, paths.get(p).unwrap()))
        .collect();
    assert_eq!(paths.with(all).unwrap(), sc, "every number set to itself");
}
