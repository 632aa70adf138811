//! No input makes the library panic.
//!
//! Random strings, random bytes and mutated versions of the bundled
//! scenarios (lines deleted, duplicated, swapped or inserted, characters
//! flipped, numbers replaced by extreme values, the text cut short) go to
//! `scenario::parse` and `scenario::load`: each must return, never panic,
//! and whatever it accepts must satisfy the scenario's invariants and print
//! (`resim check`) to a file that loads back to the same scenario. Mutations
//! that parse are then run through the engine on a tiny population: every
//! state stays finite and in range.
//!
//! The case counts fit CI (a few seconds in release). For a longer search:
//!
//! ```sh
//! PROPTEST_CASES=100000 cargo test --release --test it fuzz::
//! ```

use std::path::Path;
use std::sync::LazyLock;
use std::sync::atomic::AtomicBool;

use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use resilience_sim::engine::{self, RunOptions};
use resilience_sim::guard;
use resilience_sim::model::N_OUTCOMES;
use resilience_sim::population::MAX_STUDENTS;
use resilience_sim::scenario::{self, ModelParams, Scenario, Traits};

/// Cases for a property: `PROPTEST_CASES` when set, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

fn config(default: u32) -> ProptestConfig {
    let cases = cases(default);
    ProptestConfig {
        cases,
        // The engine property skips mutations the loader refuses.
        max_global_rejects: cases.saturating_mul(20),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/proptest-regressions/fuzz.txt",
        ))),
        ..ProptestConfig::default()
    }
}

fn read_dir(dir: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned())
        .collect()
}

/// The bundled scenarios: valid bases for mutation.
static GOOD: LazyLock<Vec<String>> = LazyLock::new(|| read_dir("scenarios"));

/// The bundled scenarios and the bad scenarios of `tests/bad_scenarios/`.
static ALL: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut all = GOOD.clone();
    all.extend(read_dir("tests/bad_scenarios"));
    all
});

/// Values that have broken parsers before: overflow, sign, NaN, infinity,
/// exponents beyond `f32`, other TOML types.
const EXTREMES: &[&str] = &[
    "1e300",
    "-1e300",
    "1e39",
    "-1e39",
    "3.4e38",
    "1e-300",
    "1e-45",
    "-1",
    "-0",
    "-0.0",
    "0",
    "0.0",
    "1",
    "nan",
    "-nan",
    "+nan",
    "inf",
    "-inf",
    "+inf",
    "4294967295",
    "4294967296",
    "2147483648",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "18446744073709551615",
    "18446744073709551616",
    "99999999999999999999999999999",
    "0x7fffffff",
    "0xffffffffffffffff",
    "0o777",
    "0b1",
    "1_000_000",
    "20000000",
    "20000001",
    "1000000",
    "1000001",
    "500",
    "501",
    "520",
    "53",
    "54",
    "20",
    "21",
    "0.999",
    "0.001",
    "1.0000001",
    "\"7\"",
    "\"\"",
    "[]",
    "[0]",
    "[[1, 2]]",
    "{}",
    "{ mean = 0.5, sd = 0.1 }",
    "true",
    "1979-05-27",
    "07:32:00",
];

/// Lines worth inserting: headers, keys at their limits, odd shapes.
const LINES: &[&str] = &[
    "[population]",
    "[run]",
    "[calendar]",
    "[traits]",
    "[stress]",
    "[macrosystem]",
    "[strategies]",
    "[strategies.x]",
    "[strategies.x.contact_book]",
    "[strategies.usual_practice]",
    "[[strategies]]",
    "[[population.grades]]",
    "components = []",
    "components = [\"contact_book\"]",
    "components = [\"contact_book\", \"contact_book\"]",
    "components = [\"peer_mentoring\", \"school_psychologist\", \"mh_curriculum\"]",
    "schools = 50000",
    "classes_per_school = 400",
    "class_size = 500",
    "class_size = 1",
    "replicates = 1000000",
    "seed = 18446744073709551615",
    "years = 20",
    "weeks_per_year = 53",
    "weeks_per_year = 1",
    "burn_in_weeks = 520",
    "terms = [[1, 53]]",
    "terms = [[1, 1]]",
    "terms = []",
    "terms = [[2, 1]]",
    "exam_weeks = [1, 53]",
    "return_weeks = []",
    "grades = []",
    "grades = [12, 1, 12]",
    "friends_per_student = 20",
    "friends_per_student = 0",
    "rural_share = 1",
    "left_behind_one_parent = 1",
    "left_behind_both_parents = 1",
    "baseline = \"nope\"",
    "baseline = \"x\"",
    "name = \"\"",
    "name = \"../../etc\"",
    "description = \"\u{0}\u{1b}[31m\"",
    "frequency = \"daily\"",
    "frequency = 7",
    "frequency = 0",
    "target = \"at_risk\"",
    "target = \"low_trust\"",
    "start_week = 100000",
    "start_week = 1",
    "coverage = 0",
    "intensity = 5",
    "two_way = false",
    "hope = { mean = 0.001, sd = 0.0 }",
    "distress = { mean = 0.999, sd = 0.01 }",
    "mean = 0.5",
    "sd = 0.47",
    "minority_trust_shift = -1",
    "rural_ses_shift = 1",
    "hukou_reform = 1",
    "mh_funding = 0",
    "clinical_threshold = 0.99",
    "a.b.c = 1",
    "population.schools = 3",
    "\"quoted key\" = 1",
    "x = \"\"\"",
    "= 1",
    "[",
    "]]",
    "#",
];

const FLIPS: &[char] = &[
    '[',
    ']',
    '=',
    '"',
    '\'',
    '.',
    ',',
    '#',
    '{',
    '}',
    '\n',
    ' ',
    '\t',
    '\\',
    '0',
    '9',
    '-',
    '+',
    'e',
    '_',
    'x',
    'é',
    '\u{0}',
    '\u{7f}',
    '\u{feff}',
    '\u{10ffff}',
];

#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    InsertLine(usize, &'static str),
    FlipChar(usize, char),
    DeleteChar(usize),
    ReplaceNumber(usize, String),
    Truncate(usize),
}

/// Byte ranges of the numbers in a text (not digits inside names).
fn numbers(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let starts = (b[i].is_ascii_digit() || b[i] == b'-' || b[i] == b'+')
            && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_'));
        if starts {
            let mut j = i + 1;
            while j < b.len() && (b[j].is_ascii_alphanumeric() || b"._+-".contains(&b[j])) {
                j += 1;
            }
            if text[i..j].bytes().any(|c| c.is_ascii_digit()) {
                out.push((i, j));
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

fn apply(text: &str, m: &Mutation) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    let n = lines.len().max(1);
    match m {
        Mutation::DeleteLine(i) => {
            if !lines.is_empty() {
                lines.remove(i % n);
            }
            lines.join("\n")
        }
        Mutation::DuplicateLine(i) => {
            if !lines.is_empty() {
                let l = lines[i % n];
                lines.insert(i % n, l);
            }
            lines.join("\n")
        }
        Mutation::SwapLines(i, j) => {
            if !lines.is_empty() {
                lines.swap(i % n, j % n);
            }
            lines.join("\n")
        }
        Mutation::InsertLine(i, l) => {
            lines.insert(i % (lines.len() + 1), l);
            lines.join("\n")
        }
        Mutation::FlipChar(i, c) => {
            let mut chars: Vec<char> = text.chars().collect();
            if !chars.is_empty() {
                let k = i % chars.len();
                chars[k] = *c;
            }
            chars.into_iter().collect()
        }
        Mutation::DeleteChar(i) => {
            let mut chars: Vec<char> = text.chars().collect();
            if !chars.is_empty() {
                let k = i % chars.len();
                chars.remove(k);
            }
            chars.into_iter().collect()
        }
        Mutation::ReplaceNumber(i, v) => {
            let nums = numbers(text);
            if nums.is_empty() {
                return text.to_string();
            }
            let (a, b) = nums[i % nums.len()];
            format!("{}{}{}", &text[..a], v, &text[b..])
        }
        Mutation::Truncate(i) => {
            let chars: Vec<char> = text.chars().collect();
            chars[..i % (chars.len() + 1)].iter().collect()
        }
    }
}

fn extreme_value() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(EXTREMES).prop_map(str::to_string),
        1 => any::<f64>().prop_map(|x| format!("{x:e}")),
        1 => any::<i64>().prop_map(|x| x.to_string()),
        1 => any::<u64>().prop_map(|x| x.to_string()),
    ]
}

/// Values that often stay valid, so the engine sees many accepted variations.
fn mild_value() -> impl Strategy<Value = String> {
    prop_oneof![
        (0.0f64..=1.0).prop_map(|x| format!("{x}")),
        (1u32..=30).prop_map(|x| x.to_string()),
        proptest::sample::select(&["0", "1", "0.0", "1.0", "0.5", "0.999", "0.001"][..])
            .prop_map(str::to_string),
    ]
}

fn any_mutation() -> impl Strategy<Value = Mutation> {
    let i = any::<usize>();
    prop_oneof![
        1 => i.prop_map(Mutation::DeleteLine),
        1 => i.prop_map(Mutation::DuplicateLine),
        1 => (i, i).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        1 => (i, proptest::sample::select(LINES)).prop_map(|(a, l)| Mutation::InsertLine(a, l)),
        1 => (i, proptest::sample::select(FLIPS)).prop_map(|(a, c)| Mutation::FlipChar(a, c)),
        1 => i.prop_map(Mutation::DeleteChar),
        3 => (i, extreme_value()).prop_map(|(a, v)| Mutation::ReplaceNumber(a, v)),
        1 => (i, mild_value()).prop_map(|(a, v)| Mutation::ReplaceNumber(a, v)),
        1 => i.prop_map(Mutation::Truncate),
    ]
}

fn mild_mutation() -> impl Strategy<Value = Mutation> {
    let i = any::<usize>();
    prop_oneof![
        6 => (i, mild_value()).prop_map(|(a, v)| Mutation::ReplaceNumber(a, v)),
        1 => (i, extreme_value()).prop_map(|(a, v)| Mutation::ReplaceNumber(a, v)),
        1 => (i, proptest::sample::select(LINES)).prop_map(|(a, l)| Mutation::InsertLine(a, l)),
        1 => i.prop_map(Mutation::DeleteLine),
        1 => i.prop_map(Mutation::DuplicateLine),
    ]
}

/// Parses `text` as if it were a file in `scenarios/` (so a district file
/// a bundled scenario names is found beside it).
fn parse(text: &str) -> Result<Scenario, scenario::ScenarioError> {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/fuzz.toml");
    scenario::parse(text, &file)
}

fn in_unit(v: f32) -> bool {
    v.is_finite() && (0.0..=1.0).contains(&v)
}

/// What every accepted scenario satisfies.
fn check_invariants(sc: &Scenario) -> Result<(), TestCaseError> {
    let p = &sc.population;
    prop_assert!(p.schools >= 1 && p.classes_per_school >= 1 && p.class_size >= 1);
    prop_assert!(p.class_size <= 500);
    prop_assert!(sc.students() >= 1 && sc.students() <= MAX_STUDENTS);
    for v in [
        p.rural_share,
        p.minority_share,
        p.female_share,
        p.left_behind_one_parent,
        p.left_behind_both_parents,
        p.urban_left_behind_ratio,
    ] {
        prop_assert!(in_unit(v), "share {v}");
    }
    prop_assert!(p.left_behind_one_parent + p.left_behind_both_parents <= 1.0 + 1e-6);
    prop_assert!(
        p.friends_per_student.is_finite() && (0.0..=20.0).contains(&p.friends_per_student)
    );
    prop_assert!(!p.grades.is_empty() && p.grades.iter().all(|g| (1..=12).contains(g)));

    let mut traits = sc.traits.clone();
    for (name, ..) in Traits::DOCS {
        let mean = *traits.get_mut(name, Some("mean")).unwrap();
        let sd = *traits.get_mut(name, Some("sd")).unwrap();
        prop_assert!(
            mean.is_finite() && (0.001..=0.999).contains(&mean),
            "{name}.mean {mean}"
        );
        prop_assert!(
            sd.is_finite() && sd >= 0.0 && sd * sd < mean * (1.0 - mean),
            "{name}.sd {sd}"
        );
    }
    for shift in [traits.minority_trust_shift, traits.rural_ses_shift] {
        prop_assert!(shift.is_finite() && (-1.0..=1.0).contains(&shift));
    }
    let mut params = sc.params.clone();
    for d in ModelParams::docs() {
        let v = *params.get_mut(d.section, d.name).unwrap();
        prop_assert!(
            v.is_finite() && v >= d.lo && v <= d.hi,
            "{}.{} = {v}",
            d.section,
            d.name
        );
    }

    let c = &sc.calendar;
    prop_assert!((1..=20).contains(&c.years) && (1..=53).contains(&c.weeks_per_year));
    prop_assert!(c.burn_in_weeks <= 520);
    let w = c.weeks_per_year;
    for t in &c.terms {
        prop_assert!(1 <= t[0] && t[0] <= t[1] && t[1] <= w);
    }
    for list in [&c.exam_weeks, &c.return_weeks, &c.conference_weeks] {
        prop_assert!(list.iter().all(|x| (1..=w).contains(x)));
    }

    prop_assert!((1..=1_000_000).contains(&sc.run.replicates));
    prop_assert!(guard::student_weeks(sc) <= guard::MAX_STUDENT_WEEKS);
    prop_assert!(sc.strategies.len() >= 2);
    prop_assert!(sc.strategies.iter().any(|s| s.name == sc.baseline));
    for s in &sc.strategies {
        prop_assert!(!s.name.is_empty() && s.name.len() <= 64);
        for (_, set) in &s.components {
            prop_assert!(in_unit(set.coverage) && in_unit(set.fidelity));
            prop_assert!(set.intensity.is_finite() && (0.0..=5.0).contains(&set.intensity));
            prop_assert!(set.frequency.0.is_finite() && (0.0..=7.0).contains(&set.frequency.0));
            prop_assert!(set.start_week >= 1);
            prop_assert!(set.cost_per_student.is_finite() && set.cost_per_student >= 0.0);
            prop_assert!(
                set.teacher_hours_per_student.is_finite() && set.teacher_hours_per_student >= 0.0
            );
        }
    }
    // What `resim check` prints loads back to the same scenario.
    let printed = sc.to_toml();
    match parse(&printed) {
        Ok(again) => prop_assert_eq!(&again, sc, "check output loads back differently"),
        Err(e) => prop_assert!(false, "check output does not load back: {e}\n{printed}"),
    }
    Ok(())
}

/// Parses `text`; an accepted scenario must satisfy the invariants, a
/// refusal must name at least one problem.
fn parse_checked(text: &str) -> Result<Option<Scenario>, TestCaseError> {
    match parse(text) {
        Ok(sc) => {
            check_invariants(&sc)?;
            Ok(Some(sc))
        }
        Err(e) => {
            prop_assert!(!e.problems.is_empty());
            let shown = e.to_string();
            prop_assert!(shown.contains("fuzz.toml"));
            Ok(None)
        }
    }
}

proptest! {
    #![proptest_config(config(1500))]

    #[test]
    fn random_strings_never_panic(text in any::<String>()) {
        parse_checked(&text)?;
    }

    #[test]
    fn random_toml_like_text_never_panics(
        text in "([a-z_.]{0,12} ?= ?[-+0-9a-z_.\"\\[\\]{},]{0,16}\n|\\[{1,2}[a-z_.]{0,20}\\]{1,2}\n|#[^\n]{0,10}\n){0,30}"
    ) {
        parse_checked(&text)?;
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        parse_checked(&String::from_utf8_lossy(&bytes))?;
    }
}

proptest! {
    #![proptest_config(config(4000))]

    #[test]
    fn mutated_scenarios_never_panic_and_accepted_ones_are_valid(
        base in any::<usize>(),
        mutations in proptest::collection::vec(any_mutation(), 1..6),
    ) {
        let all = &*ALL;
        let mut text = all[base % all.len()].clone();
        for m in &mutations {
            text = apply(&text, m);
        }
        parse_checked(&text)?;
    }
}

proptest! {
    #![proptest_config(config(200))]

    #[test]
    fn mutated_bytes_never_panic_the_file_loader(
        base in any::<usize>(),
        at in any::<usize>(),
        bytes in proptest::collection::vec(any::<u8>(), 1..8),
    ) {
        let good = &*GOOD;
        let mut data = good[base % good.len()].clone().into_bytes();
        let at = at % (data.len() + 1);
        data.splice(at..at, bytes);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fuzz.toml");
        std::fs::write(&path, &data).unwrap();
        if let Ok(sc) = scenario::load(&path) {
            check_invariants(&sc)?;
        }
    }

    #[test]
    fn accepted_mutations_simulate_with_every_state_in_range(
        base in any::<usize>(),
        mutations in proptest::collection::vec(mild_mutation(), 1..5),
        seed in any::<u64>(),
    ) {
        let good = &*GOOD;
        let mut text = good[base % good.len()].clone();
        for m in &mutations {
            text = apply(&text, m);
        }
        let parsed = parse_checked(&text)?;
        prop_assume!(parsed.is_some(), "the mutation was refused");
        let mut sc = parsed.expect("assumed");
        // A tiny population for a year: the point is the parameters.
        sc.population.schools = sc.population.schools.min(2);
        sc.population.classes_per_school = sc.population.classes_per_school.min(2);
        sc.population.class_size = sc.population.class_size.min(12);
        sc.calendar.years = 1;
        sc.calendar.burn_in_weeks = sc.calendar.burn_in_weeks.min(6);
        let opts = RunOptions { replicates: 2, seed, snapshots: true };
        let threshold = sc.params.stress.clinical_threshold;
        let mut bad = Vec::new();
        let summary = engine::run(&sc, &opts, &AtomicBool::new(false), |done| {
            for rec in done.records {
                let (first, last) = rec.snapshots.as_ref().expect("snapshots kept");
                for s in first.iter().chain(last) {
                    let outcomes = s.outcomes(threshold);
                    if outcomes.iter().any(|v| !(v.is_finite() && (0.0..=100.0).contains(v))) {
                        bad.push(format!("outcomes {outcomes:?}"));
                    }
                    for v in [s.trust, s.alignment, s.distress, s.support, s.parent_efficacy] {
                        if !in_unit(v) {
                            bad.push(format!("state {s:?}"));
                        }
                    }
                    if !(s.care_weeks.is_finite() && s.care_weeks >= 0.0) {
                        bad.push(format!("care weeks {s:?}"));
                    }
                }
                if !(rec.cost.is_finite() && rec.cost >= 0.0) {
                    bad.push(format!("cost {}", rec.cost));
                }
            }
        })
        .expect("never cancelled");
        prop_assert!(bad.is_empty(), "{} values out of range, e.g. {}", bad.len(), bad[0]);
        for st in &summary.strategies {
            for g in 0..st.n.len() {
                for o in 0..N_OUTCOMES {
                    if st.n[g] > 0 {
                        let m = st.mean(0, g, o);
                        prop_assert!(m.is_finite() && (0.0..=100.0).contains(&m), "mean {}", m);
                    }
                }
            }
            prop_assert!(st.cost().is_finite() && st.cost() >= 0.0);
            prop_assert!(st.teacher_hours().is_finite() && st.teacher_hours() >= 0.0);
            prop_assert_eq!(st.sum.len() % N_OUTCOMES, 0);
        }
    }
}

#[test]
fn the_mutation_helpers_do_what_they_say() {
    assert_eq!(
        numbers("a1 = 12\nb = -0.5e3 s2 [1, 2]"),
        vec![(5, 7), (12, 18), (23, 24), (26, 27)]
    );
    assert_eq!(apply("a\nb\nc", &Mutation::SwapLines(0, 2)), "c\nb\na");
    assert_eq!(
        apply("x = 5", &Mutation::ReplaceNumber(0, "nan".into())),
        "x = nan"
    );
    assert_eq!(apply("héllo", &Mutation::Truncate(2)), "hé");
    // Every bundled scenario is valid as it is.
    for text in GOOD.iter() {
        let sc = parse(text).expect("bundled scenario parses");
        check_invariants(&sc).unwrap();
    }
}
