//! Parameter paths as a user meets them: every path the README and
//! `resim list` document can be set; a value set by path prints and loads
//! back as the same scenario; a mistyped path gets the nearest valid one; a
//! choice (`target`, `two_way`) is changed only by `resim whatif --set`, and
//! refused elsewhere with its names.
//!
//! `PROPTEST_CASES=10000 cargo test --release --test it paths::` searches longer.

use std::path::Path;
use std::sync::LazyLock;

use proptest::prelude::*;
use proptest::sample::Index;
use resilience_sim::components::Target;
use resilience_sim::scenario::path::{Paths, Use};
use resilience_sim::scenario::{self, ModelParams, Scenario, Traits};

use crate::common::{path, resim, run_ok, scenario as bundled, tempdir, write};

/// Cases for a property: `PROPTEST_CASES` when set, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

/// Every bundled scenario, loaded.
static BUNDLED: LazyLock<Vec<Scenario>> = LazyLock::new(|| {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| scenario::load(f).unwrap_or_else(|e| panic!("{e}")))
        .collect()
});

fn quickstart() -> Scenario {
    scenario::load(Path::new(&bundled("quickstart"))).unwrap()
}

/// The names in backquotes of a piece of Markdown.
fn quoted(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

/// The rows of README's "Parameter paths" table: (paths, what).
fn readme_rows() -> Vec<(String, String)> {
    let readme = include_str!("../../README.md");
    let section = readme
        .split("## Parameter paths\n")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("README has a Parameter paths section");
    section
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split(" | ").collect();
            (cells[0].trim().to_string(), cells[1].trim().to_string())
        })
        .collect()
}

/// Sets the value at `path` to itself through `usage` and checks the
/// scenario is unchanged.
fn set_to_itself(paths: &Paths, sc: &Scenario, p: &str, usage: Use) {
    paths
        .kind(p, usage)
        .unwrap_or_else(|e| panic!("{p} is documented but refused: {e:?}"));
    let set = match usage {
        Use::Vary => paths.with([(p, paths.get(p).unwrap())]),
        Use::Set => {
            let choices = paths.choices(p).expect("a choice");
            let now = resolved_value(sc, p);
            assert!(choices.contains(&now), "{p}: {now} not among {choices:?}");
            let value = match now.as_str() {
                "true" => toml::Value::Boolean(true),
                "false" => toml::Value::Boolean(false),
                other => toml::Value::String(other.to_string()),
            };
            paths.with_values([(p, value)])
        }
    };
    assert_eq!(&set.unwrap_or_else(|e| panic!("{p}: {e:?}")), sc, "{p}");
}

/// The value at `path` as the resolved file writes it, without quotes.
fn resolved_value(sc: &Scenario, p: &str) -> String {
    let table: toml::Table = toml::from_str(&sc.to_toml()).unwrap();
    let mut v = &toml::Value::Table(table);
    for seg in p.split('.') {
        v = &v[seg];
    }
    match v {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[test]
fn every_path_the_readme_documents_is_settable_and_nothing_else_is_listed() {
    let mut sc = quickstart();
    sc.run.survey_week = Some(30); // `run.survey_week` is a path where it is set
    let paths = Paths::of(&sc);
    let mut documented = Vec::new();
    for (cell, what) in readme_rows() {
        let usage = if what.contains("only `resim whatif --set`") {
            Use::Set
        } else {
            Use::Vary
        };
        for pattern in quoted(&cell).into_iter().filter(|p| !p.contains('…')) {
            let mut expanded = vec![pattern.to_string()];
            if pattern.contains("NAME") {
                expanded = Traits::DOCS
                    .iter()
                    .map(|(n, ..)| pattern.replace("NAME", n))
                    .collect();
            }
            if pattern.contains("STRATEGY.COMPONENT") {
                expanded = sc
                    .strategies
                    .iter()
                    .flat_map(|s| {
                        s.components.iter().map(move |(c, _)| {
                            pattern.replace("STRATEGY.COMPONENT", &format!("{}.{c}", s.name))
                        })
                    })
                    .collect();
            }
            if pattern.ends_with("SETTING") {
                let settings = quoted(&what);
                expanded = expanded
                    .iter()
                    .flat_map(|p| settings.iter().map(move |k| p.replace("SETTING", k)))
                    .collect();
            }
            for p in expanded {
                set_to_itself(&paths, &sc, &p, usage);
                if usage == Use::Set {
                    let e = paths.number(&p).unwrap_err();
                    assert!(e.message.contains("holds a choice"), "{p}: {e:?}");
                }
                documented.push(p);
            }
        }
    }
    assert!(
        documented.len() > 50,
        "{} documented paths",
        documented.len()
    );
    // Every number of the scenario is documented: by name, or as a model
    // parameter (`resim list parameters`) or population number, which the
    // README shows by example.
    let by_example: Vec<String> = ModelParams::docs()
        .iter()
        .map(|d| format!("{}.", d.section))
        .chain(["population.".to_string()])
        .collect();
    for p in paths.numbers() {
        let covered = documented.iter().any(|d| d == p)
            || by_example.iter().any(|s| p.starts_with(s.as_str()));
        assert!(covered, "{p} is a path the README does not document");
    }
}

#[test]
fn every_parameter_trait_and_setting_resim_list_shows_is_a_path() {
    let sc = quickstart();
    let paths = Paths::of(&sc);
    let list = |topic: &str| String::from_utf8(run_ok(&["list", topic]).stdout).unwrap();

    let mut section = String::new();
    let mut parameters = 0;
    for line in list("parameters").lines() {
        let t = line.trim();
        if let Some(s) = t.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            section = s.to_string();
        } else if line.starts_with("    ") && t.contains(" = ") {
            let key = t.split_whitespace().next().unwrap();
            set_to_itself(&paths, &sc, &format!("{section}.{key}"), Use::Vary);
            parameters += 1;
        }
    }
    assert_eq!(parameters, ModelParams::docs().len());

    let mut traits = 0;
    for line in list("traits").lines().filter(|l| l.starts_with("    ")) {
        let name = line.split_whitespace().next().unwrap();
        if line.contains(" mean ") {
            for part in ["mean", "sd"] {
                set_to_itself(&paths, &sc, &format!("traits.{name}.{part}"), Use::Vary);
            }
        } else {
            set_to_itself(&paths, &sc, &format!("traits.{name}"), Use::Vary);
        }
        traits += 1;
    }
    assert_eq!(traits, Traits::DOCS.len() + 2);

    let components = list("components");
    let settings = components
        .lines()
        .find_map(|l| l.trim().strip_prefix("settings of every component: "))
        .expect("resim list names the settings");
    let settings: Vec<&str> = settings.split(", ").collect();
    let prefix = "strategies.full_programme.contact_book";
    assert_eq!(paths.keys(prefix, Use::Set), settings);
    for k in settings {
        let p = format!("{prefix}.{k}");
        let usage = if paths.choices(&p).is_some() {
            Use::Set
        } else {
            Use::Vary
        };
        set_to_itself(&paths, &sc, &p, usage);
    }
}

/// The range the loader gives for the number at `path`, if it names one.
fn range(paths: &Paths, path: &str) -> Option<(f64, f64)> {
    let p = paths.problem_with(path, 1e30)?;
    let (lo, hi) = p.valid.strip_prefix("a number from ")?.split_once(" to ")?;
    Some((lo.parse().ok()?, hi.parse().ok()?))
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(64),
        max_global_rejects: cases(64).saturating_mul(20),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Set → print (`resim check`) → load gives the same scenario, and the
    /// value reads back as stored (whole numbers rounded, reals at single
    /// precision).
    #[test]
    fn a_value_set_by_path_prints_and_loads_back_as_the_same_scenario(
        which in any::<Index>(),
        pick in any::<Index>(),
        u in 0.0f64..=1.0,
        step in -3i64..=3,
    ) {
        let sc = which.get(&BUNDLED);
        let paths = Paths::of(sc);
        let numbers: Vec<&str> = paths.numbers().collect();
        let path = *pick.get(&numbers);
        let now = paths.get(path).unwrap();
        let value = if paths.is_whole(path) {
            now + step as f64
        } else {
            match range(&paths, path) {
                Some((lo, hi)) => lo + u * (hi - lo),
                None => now + u - 0.5,
            }
        };
        let set = paths.with([(path, value)]);
        // A value in range can still break a combination (a mean that leaves
        // no room for its SD, weeks per year that cut a term): the loader says
        // so, and the property is about what it accepts.
        prop_assume!(set.is_ok());
        let set = set.unwrap();
        prop_assert_eq!(Paths::of(&set).get(path).unwrap(), paths.stored(path, value));
        let back = scenario::parse(&set.to_toml(), Path::new("set.toml"))
            .map_err(|e| TestCaseError::fail(format!("{path} = {value}: {e}")))?;
        prop_assert_eq!(back, set);
    }

    /// A path with a letter missing is refused with the nearest valid path.
    #[test]
    fn a_mistyped_path_gets_the_nearest_valid_one(
        which in any::<Index>(),
        pick in any::<Index>(),
        at in any::<Index>(),
    ) {
        let sc = which.get(&BUNDLED);
        let paths = Paths::of(sc);
        let numbers: Vec<&str> = paths.numbers().collect();
        let path = *pick.get(&numbers);
        let last = path.rfind('.').unwrap() + 1;
        let cut = last + at.index(path.len() - last);
        let typo = format!("{}{}", &path[..cut], &path[cut + 1..]);
        prop_assume!(paths.number(&typo).is_err());
        let e = paths.with([(typo.as_str(), 0.5)]).unwrap_err();
        prop_assert_eq!(&e[0].key, &typo);
        let near = e[0]
            .valid
            .strip_prefix("did you mean `")
            .and_then(|s| s.split('`').next())
            .ok_or_else(|| TestCaseError::fail(format!("{typo}: {}", e[0].valid)))?;
        prop_assert!(paths.number(near).is_ok(), "{} suggests {}", typo, near);
    }
}

#[test]
fn whatif_sets_choices_and_lists_them_when_wrong() {
    let dir = tempdir();
    let out = path(dir.path(), "w");
    let o = resim(&[
        "whatif",
        "--add",
        "contact_book",
        "--set",
        "contact_book.target=nobody",
        "--out",
        &out,
        "--quiet",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("--set contact_book.target: unknown value `nobody`"),
        "{stderr}"
    );
    for n in Target::NAMES {
        assert!(stderr.contains(&format!("`{n}`")), "{n}: {stderr}");
    }
    assert!(!Path::new(&out).exists());

    run_ok(&[
        "whatif",
        "--add",
        "contact_book",
        "--set",
        "contact_book.target=rural",
        "--set",
        "contact_book.two_way=false",
        "--set",
        "contact_book.start_week=3",
        "--replicates",
        "2",
        "--out",
        &out,
        "--quiet",
    ]);
    let sc = scenario::load(&Path::new(&out).join("scenario.toml")).unwrap();
    let (_, cb) = sc.strategies[1]
        .components
        .iter()
        .find(|(c, _)| c == "contact_book")
        .unwrap();
    assert_eq!(cb.target, Target::Rural);
    assert!(!cb.two_way);
    assert_eq!(cb.start_week, 3);
}

#[test]
fn sweeps_and_calibration_refuse_choices_with_their_names() {
    let dir = tempdir();
    let text = std::fs::read_to_string(bundled("quickstart")).unwrap()
        + "\n[sweep]\n\"strategies.contact_book.contact_book.target\" = [1, 2]\n";
    let file = write(dir.path(), "sweep.toml", &text);
    let o = resim(&["check", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("key `sweep.strategies.contact_book.contact_book.target`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("holds a choice (`all`, `left_behind`"),
        "{stderr}"
    );
    assert!(stderr.contains("resim whatif --set"), "{stderr}");

    let o = resim(&[
        "calibrate",
        &bundled("quickstart"),
        "--param",
        "strategies.contact_book.contact_book.two_way=0..1",
        "--quiet",
        "--out",
        &path(dir.path(), "c"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("holds a choice (`true`, `false`)"),
        "{stderr}"
    );
}

#[test]
fn a_swept_whole_number_is_rounded_and_written_as_one() {
    let dir = tempdir();
    let text = std::fs::read_to_string(bundled("quickstart"))
        .unwrap()
        .replace("replicates = 16", "replicates = 1")
        + "\n[sweep]\n\"population.class_size\" = [20.4, 30.6]\n\"strategies.contact_book.contact_book.start_week\" = [2.2]\n";
    let file = write(dir.path(), "sweep.toml", &text);
    let out = path(dir.path(), "s");
    run_ok(&["sweep", file.to_str().unwrap(), "--out", &out, "--quiet"]);
    let csv = std::fs::read_to_string(Path::new(&out).join("sweep.csv")).unwrap();
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().starts_with(
        "point,population.class_size,strategies.contact_book.contact_book.start_week,"
    ),);
    let points: Vec<String> = lines
        .map(|l| l.split(',').take(3).collect::<Vec<_>>().join(","))
        .collect();
    assert!(
        points.iter().any(|p| p == "0,20,2") && points.iter().any(|p| p == "1,31,2"),
        "{points:?}"
    );
}
