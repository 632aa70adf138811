//! The run outputs: each file has the columns README.md documents, and
//! reads back through its row struct to exactly what was written.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::tidy::{columns, documented_columns, read_rows, to_csv};
use super::*;
use crate::engine::{self, RunOptions};
use crate::model::OUTCOMES;
use crate::scenario::{self, Scenario};
use crate::stats::Summary;

/// The bundled quickstart scenario.
pub(crate) fn quickstart_scenario() -> Scenario {
    scenario::load(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/quickstart.toml"
    )))
    .expect("the quickstart scenario loads")
}

/// The bundled quickstart scenario run with 2 replicates.
pub(crate) fn quickstart() -> (Scenario, Summary) {
    let sc = quickstart_scenario();
    let opts = RunOptions {
        replicates: 2,
        seed: sc.run.seed,
        snapshots: false,
    };
    let summary = engine::run(&sc, &opts, &AtomicBool::new(false), |_| {}).expect("not cancelled");
    (sc, summary)
}

/// Rows compared exactly, NaN (`NA`) included: `Debug` prints every `f64`
/// in its shortest round-trip form.
fn same<T: std::fmt::Debug>(a: &[T], b: &[T]) -> bool {
    format!("{a:?}") == format!("{b:?}")
}

/// Writes rows, reads them back and checks they are the rows written.
fn round_trip<T: Serialize + DeserializeOwned + std::fmt::Debug + Sync>(rows: &[T]) {
    let bytes = to_csv(rows);
    let back: Vec<T> = read_rows("t.csv", &bytes).expect("reads back");
    assert!(same(rows, &back), "{rows:?}\n!=\n{back:?}");
}

/// Reads a written file and writes it again: the same bytes.
fn rewrites_identically<T: Serialize + DeserializeOwned + Sync>(
    name: &str,
    bytes: &[u8],
) -> Vec<T> {
    let rows: Vec<T> = read_rows(name, bytes).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        to_csv(&rows) == bytes,
        "{name} does not read back to what was written"
    );
    rows
}

#[test]
fn every_run_file_has_the_columns_the_readme_documents() {
    assert_eq!(documented_columns("effects.csv"), columns::<EffectRow>());
    assert_eq!(
        documented_columns("trajectories.csv"),
        columns::<TrajectoryRow>()
    );
    assert_eq!(
        documented_columns("strategies.csv"),
        columns::<StrategyRow>()
    );
    assert_eq!(documented_columns("survey.csv"), columns::<SurveyRow>());
    assert_eq!(documented_columns("students.csv"), columns::<StudentRow>());
    assert_eq!(
        documented_columns("ceac.csv"),
        columns::<AcceptabilityRow>()
    );
    assert_eq!(documented_columns("evpi.csv"), columns::<EvpiFileRow>());
    // students.csv goes on with every outcome.
    let header = String::from_utf8(students_header()).unwrap();
    let expected: Vec<&str> = columns::<StudentRow>()
        .iter()
        .copied()
        .chain(OUTCOMES.iter().map(|o| o.name))
        .collect();
    assert_eq!(header.trim_end(), expected.join(","));
}

#[test]
fn the_files_of_a_run_read_back_to_exactly_what_was_written() {
    let (sc, summary) = quickstart();
    let effects: Vec<EffectRow> = rewrites_identically("effects.csv", &effects_csv(&summary));
    let trajectories: Vec<TrajectoryRow> =
        rewrites_identically("trajectories.csv", &trajectories_csv(&summary));
    let strategies: Vec<StrategyRow> =
        rewrites_identically("strategies.csv", &strategies_csv(&sc, &summary));
    let survey: Vec<SurveyRow> = rewrites_identically("survey.csv", &survey_csv(&sc, &summary));

    // What is read is what was computed, to the 6 decimals written.
    let computed = effect_rows(&summary);
    assert_eq!(effects.len(), computed.len());
    for (r, c) in effects.iter().zip(&computed) {
        assert_eq!(
            (&r.strategy, &r.subgroup, &r.outcome),
            (&c.strategy, &c.subgroup, &c.outcome)
        );
        assert!((r.g - c.g).abs() <= 5e-7, "{r:?} vs {c:?}");
        assert_eq!(r.replicates, 2);
    }
    let weeks = summary.weeks;
    assert_eq!(
        trajectories
            .iter()
            .filter(|t| t.subgroup == "all" && t.outcome == "resilience")
            .count(),
        weeks * sc.strategies.len()
    );
    // A binary outcome has no percentiles: `NA` reads back as NaN.
    let dep = trajectories
        .iter()
        .find(|t| t.outcome == "depressive")
        .unwrap();
    assert!(dep.p10.is_nan() && dep.mean.is_finite());
    assert_eq!(
        strategies
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>(),
        sc.strategies
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
    );
    // The baseline gains nothing: its cost per point is `NA`.
    assert!(
        strategies[summary.baseline]
            .cost_per_resilience_point
            .is_nan()
    );
    assert!(
        survey
            .iter()
            .any(|s| s.statistic == "pearson_r" && s.reference.is_none())
    );
    assert!(
        survey
            .iter()
            .any(|s| s.statistic == "odds_ratio" && s.reference.as_deref() == Some("urban"))
    );
}

#[test]
fn handmade_rows_round_trip_with_na_and_quoted_text() {
    let effect = EffectRow {
        strategy: "contact_book".into(),
        subgroup: "rural".into(),
        outcome: "distress".into(),
        students: 106.5,
        mean: 28.352311,
        baseline_mean: 29.1,
        diff: -0.747689,
        diff_lo: -0.8,
        diff_hi: -0.7,
        diff_ui_lo: -1.1,
        diff_ui_hi: f64::NAN,
        spread_of: "parameters+chance".into(),
        g: 0.054,
        g_lo: f64::NAN,
        g_hi: 0.06,
        g_sd: 0.002,
        p_better: 1.0,
        replicates: 16,
    };
    round_trip(&[effect]);
    round_trip(&[TrajectoryRow {
        strategy: "usual_practice".into(),
        subgroup: "all".into(),
        week: 44,
        outcome: "depressive".into(),
        mean: 0.234961,
        p10: f64::NAN,
        p50: f64::NAN,
        p90: f64::NAN,
    }]);
    round_trip(&[StrategyRow {
        name: "full_programme".into(),
        components: "contact_book+joint_goal_setting".into(),
        students: 320,
        cost_per_student_year: 158.0,
        teacher_hours_per_student_year: 12.87,
        teacher_hours_per_class_term: 257.4,
        resilience_gain: 3.86,
        resilience_gain_lo: 3.76,
        resilience_gain_hi: 3.96,
        depressive_prevalence: 0.092,
        cases_averted_per_100: 14.3,
        cost_per_resilience_point: 40.932642,
        cost_per_case_averted: f64::NAN,
        description: "Everything, \"all at once\", with commas".into(),
    }]);
    round_trip(&[
        SurveyRow {
            strategy: "usual_practice".into(),
            weeks: "6;12;30;36".into(),
            lag: None,
            statistic: "odds_ratio".into(),
            subgroup: "left_behind".into(),
            reference: Some("not_left_behind".into()),
            x: "depressive".into(),
            y: None,
            students: 120.5,
            reference_students: Some(199.5),
            value: 1.8,
            lo: 1.2,
            hi: 2.7,
            sd: 0.3,
            replicates: 16,
        },
        SurveyRow {
            statistic: "pearson_r".into(),
            reference: None,
            x: "resilience".into(),
            y: Some("perceived_support".into()),
            reference_students: None,
            value: f64::NAN,
            ..SurveyRow {
                strategy: "a".into(),
                weeks: "0".into(),
                lag: Some(52),
                statistic: String::new(),
                subgroup: "all".into(),
                reference: None,
                x: String::new(),
                y: None,
                students: 320.0,
                reference_students: None,
                value: 0.0,
                lo: -0.1,
                hi: 0.1,
                sd: 0.05,
                replicates: 2,
            }
        },
    ]);
    // A file with no rows keeps its header.
    assert_eq!(
        to_csv::<SurveyRow>(&[]),
        format!("{}\n", columns::<SurveyRow>().join(",")).into_bytes()
    );
}

#[test]
fn students_csv_round_trips_with_one_column_per_outcome() {
    let records: Vec<StudentRecord> = (0..3)
        .map(|i| StudentRecord {
            student: StudentRow {
                replicate: 1,
                strategy: "contact_book".into(),
                student: i,
                week: 44,
                school: 0,
                class: i / 2,
                rural: i == 0,
                left_behind: "one_parent".into(),
                minority: i == 2,
                grade: 7,
                sex: if i == 1 { "female" } else { "male" }.into(),
            },
            outcomes: (0..OUTCOMES.len())
                .map(|o| if o == 2 { 1.0 } else { 50.25 + o as f64 })
                .collect(),
        })
        .collect();
    let mut bytes = students_header();
    bytes.extend(students_lines(&records));
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(
        text.lines()
            .nth(1)
            .unwrap()
            .starts_with("1,contact_book,0,44,0,0,1,one_parent,0,7,male,50.25,51.25,1,")
    );
    assert_eq!(read_students("s.csv", &bytes).unwrap(), records);
    let e = read_students("s.csv", b"replicate,strategy\n1,a\n").unwrap_err();
    assert_eq!(e.line, Some(1), "{e}");
}
