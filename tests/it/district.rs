//! District files: a planner models their own county's schools from a CSV
//! (`[population] district = "…"`), with the errors a spreadsheet deserves,
//! results that reproduce from the results folder alone, and determinism
//! when the district is big enough to be stepped in several blocks.

use std::fs;
use std::path::Path;

use crate::common::*;

const HEADER: &str = "school,setting,classes,class_size,left_behind_one_parent,left_behind_both_parents,minority_share,low_income_share,counsellor\n";

/// A scenario comparing usual practice with left-behind support in the
/// district file `district`, for `weeks` weeks after a burn-in of
/// `burn_in` weeks.
fn district_scenario(district: &str, weeks: u32, burn_in: u32) -> String {
    format!(
        "name = \"county\"\n[run]\nreplicates = 2\n[calendar]\nweeks = {weeks}\nburn_in_weeks = {burn_in}\n[population]\ndistrict = \"{district}\"\n[strategies.usual_practice]\ncomponents = []\n[strategies.left_behind_care]\ncomponents = [\"left_behind_support\"]\n"
    )
}

/// The bundled county scenario checks, names its schools in the summary,
/// and its resolved form carries the schools: the results folder's
/// scenario reruns to the same bytes with no district file beside it.
#[test]
fn a_county_runs_from_its_schools_and_reproduces_without_the_csv() {
    let out = run_ok(&["check", &scenario("county_district")]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("OK — 1192 students (6 schools and 26 classes from the district file districts/example_county.csv)"),
        "{err}"
    );
    let resolved = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(
        resolved.matches("[[population.district_schools]]").count(),
        6
    );
    assert!(
        !resolved.contains("classes_per_school"),
        "synthetic keys stay out:\n{resolved}"
    );

    let dir = tempdir();
    let a = path(dir.path(), "a");
    run_ok(&[
        "run",
        &scenario("county_district"),
        "--out",
        &a,
        "--quiet",
        "--replicates",
        "2",
    ]);
    // The resolved scenario, alone in another folder.
    let alone = write(dir.path(), "alone.toml", &resolved);
    let b = path(dir.path(), "b");
    run_ok(&[
        "run",
        &alone.to_string_lossy(),
        "--out",
        &b,
        "--quiet",
        "--replicates",
        "2",
    ]);
    for file in [
        "effects.csv",
        "equity.csv",
        "trajectories.csv",
        "decision.csv",
    ] {
        assert_eq!(
            fs::read(Path::new(&a).join(file)).unwrap(),
            fs::read(Path::new(&b).join(file)).unwrap(),
            "{file} differs"
        );
    }
}

/// Rural township schools with many migrant parents give the rural
/// students far more left-behind children than the county town's, as the
/// file says (not the synthetic 20 % urban ratio).
#[test]
fn each_school_keeps_its_own_left_behind_share() {
    let dir = tempdir();
    let csv = format!(
        "{HEADER}Town,urban,20,50,0.05,0.05,0,0.1,yes\nVillage,rural,20,50,0.35,0.30,0,0.4,no\n"
    );
    write(dir.path(), "d.csv", &csv);
    let sc = write(dir.path(), "s.toml", &district_scenario("d.csv", 4, 52));
    let out = path(dir.path(), "o");
    run_ok(&[
        "run",
        &sc.to_string_lossy(),
        "--out",
        &out,
        "--quiet",
        "--students",
        "--replicates",
        "1",
    ]);
    let students = rows(&Path::new(&out).join("students.csv"));
    let share = |rural: &str| {
        let group: Vec<_> = students
            .iter()
            .filter(|s| {
                s["week"] == "0" && s["strategy"] == "usual_practice" && s["rural"] == rural
            })
            .collect();
        assert_eq!(group.len(), 1_000);
        group.iter().filter(|s| s["left_behind"] != "none").count() as f64 / 1_000.0
    };
    let (town, village) = (share("0"), share("1"));
    assert!((town - 0.10).abs() < 0.04, "town {town}");
    assert!((village - 0.65).abs() < 0.05, "village {village}");
}

/// A district big enough for several blocks of classes (23,786 students,
/// more than `engine::BLOCK_STUDENTS`, in classes of unequal sizes) gives
/// the same bytes on one thread as on two.
#[test]
fn a_large_district_is_thread_independent() {
    let dir = tempdir();
    let mut csv = HEADER.to_string();
    for s in 0..12 {
        let setting = if s % 3 == 0 { "urban" } else { "rural" };
        csv.push_str(&format!(
            "School {s},{setting},{},{},0.2,0.15,0.05,0.3,no\n",
            30 + s,
            50 + s
        ));
    }
    write(dir.path(), "big.csv", &csv);
    let sc = write(dir.path(), "s.toml", &district_scenario("big.csv", 3, 2));
    let sc = sc.to_string_lossy();
    let one = path(dir.path(), "one");
    let two = path(dir.path(), "two");
    run_ok(&["run", &sc, "--out", &one, "--quiet", "--threads", "1"]);
    run_ok(&["run", &sc, "--out", &two, "--quiet", "--threads", "2"]);
    for file in ["effects.csv", "trajectories.csv", "survey.csv"] {
        assert_eq!(
            fs::read(Path::new(&one).join(file)).unwrap(),
            fs::read(Path::new(&two).join(file)).unwrap(),
            "{file} differs between 1 and 2 threads"
        );
    }
}

/// A typo in the district file is an error naming the scenario, the CSV
/// file, its line and column and what would be valid (exit 2); so is a
/// `[population]` key the district replaces, and a missing file.
#[test]
fn mistakes_in_a_district_name_file_line_and_column() {
    let dir = tempdir();
    let csv = format!(
        "{HEADER}Town,urban,20,50,0.05,0.05,0,0.1,yes\nVillage,rurl,20,4o,0.35,0.30,0,0.4,no\n"
    );
    write(dir.path(), "d.csv", &csv);
    let sc = write(dir.path(), "s.toml", &district_scenario("d.csv", 4, 52));
    let out = resim(&["check", &sc.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let csv_path = dir.path().join("d.csv");
    assert!(
        err.contains(&format!(
            "s.toml:8: key `population.district`: {} line 3, column `setting`: `rurl` is not `rural` or `urban`",
            csv_path.display()
        )),
        "{err}"
    );
    assert!(err.contains("valid: `rural` or `urban`"), "{err}");
    assert!(
        !err.contains("no schools were read"),
        "one message per mistake:\n{err}"
    );

    let both = district_scenario("d.csv", 4, 52)
        .replace("[population]\n", "[population]\nclass_size = 30\n");
    let sc = write(dir.path(), "both.toml", &both);
    let out = resim(&["check", &sc.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("key `population.class_size`: does not apply: the schools come from the district file `d.csv`"),
        "{err}"
    );

    let sc = write(
        dir.path(),
        "missing.toml",
        &district_scenario("nowhere.csv", 4, 52),
    );
    let out = resim(&["check", &sc.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nowhere.csv: cannot read the file"), "{err}");
}

/// The engine's count of blocks (which sizes its buffers before any
/// population exists) agrees with the blocks a district's population is cut
/// into, for classes of unequal sizes.
#[test]
fn the_block_count_agrees_with_the_blocks_of_a_district() {
    use resilience_sim::engine::{block_count, blocks};
    use resilience_sim::population::Population;
    let dir = tempdir();
    for (schools, size) in [(1, 30), (12, 50), (40, 120)] {
        let mut csv = HEADER.to_string();
        for s in 0..schools {
            csv.push_str(&format!(
                "S{s},rural,{},{},0.2,0.1,0,0.2,no\n",
                10 + s % 7,
                size + s % 5
            ));
        }
        write(dir.path(), "d.csv", &csv);
        let sc = write(dir.path(), "s.toml", &district_scenario("d.csv", 3, 2));
        let sc = resilience_sim::scenario::load(&sc).unwrap();
        let pop = Population::synthesize(&sc.population, &sc.traits, &sc.params, 1);
        assert_eq!(pop.len() as u64, sc.students());
        assert_eq!(
            block_count(&sc),
            blocks(&pop).len(),
            "{schools} schools of classes of {size}+"
        );
    }
}
