//! The survey window and the panel statistics of `survey.csv`, checked
//! against what a researcher would compute by hand from `students.csv`.

use std::collections::HashMap;
use std::path::Path;

use crate::common::*;

/// A tiny trial whose survey window is week 0 and the last week — the two
/// weeks `students.csv` holds — with a panel lag of one school year.
const TINY: &str = r#"# Question: a tiny trial for survey tests
name = "tiny_survey"
[run]
replicates = 1
seed = 11
survey_weeks = [0, 52]
panel_lags = [52]
[population]
schools = 2
classes_per_school = 3
class_size = 30
[strategies.usual_practice]
components = []
[strategies.full_programme]
components = ["parent_modelling", "behaviour_support", "joint_goal_setting"]
"#;

/// One student-week of `students.csv`.
#[derive(Debug, Clone)]
struct StudentWeek {
    student: String,
    week: u32,
    female: bool,
    grade: String,
    left_behind: bool,
    depressive: f64,
    resilience: f64,
    distress: f64,
    without_support: f64,
}

fn student_weeks(dir: &Path) -> Vec<StudentWeek> {
    rows(&dir.join("students.csv"))
        .into_iter()
        .filter(|r| r["strategy"] == "usual_practice")
        .map(|r| StudentWeek {
            student: r["student"].clone(),
            week: r["week"].parse().unwrap(),
            female: r["sex"] == "female",
            grade: r["grade"].clone(),
            left_behind: r["left_behind"] != "none",
            depressive: num(&r["depressive"]),
            resilience: num(&r["resilience"]),
            distress: num(&r["distress"]),
            without_support: (num(&r["self_efficacy"])
                + num(&r["hope"])
                + num(&r["emotion_regulation"])
                + num(&r["social_competence"]))
                / 4.0,
        })
        .collect()
}

/// Sums of x, y, x², y², xy and n of a set of pairs.
fn comoments(pairs: &[(f64, f64)]) -> (f64, f64, f64, f64) {
    let n = pairs.len() as f64;
    let (mx, my) = (
        pairs.iter().map(|p| p.0).sum::<f64>() / n,
        pairs.iter().map(|p| p.1).sum::<f64>() / n,
    );
    let sxx = pairs.iter().map(|p| (p.0 - mx).powi(2)).sum();
    let syy = pairs.iter().map(|p| (p.1 - my).powi(2)).sum();
    let sxy = pairs.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    (n, sxx, syy, sxy)
}

#[test]
fn window_statistics_are_the_pooled_weekly_sums_of_students_csv() {
    let dir = tempdir();
    let sc = write(dir.path(), "tiny.toml", TINY);
    let out = path(dir.path(), "o");
    run_ok(&[
        "run",
        sc.to_str().unwrap(),
        "--out",
        &out,
        "--quiet",
        "--students",
    ]);
    let out = Path::new(&out);
    let students = student_weeks(out);
    let survey: Vec<_> = rows(&out.join("survey.csv"))
        .into_iter()
        .filter(|r| r["strategy"] == "usual_practice")
        .collect();
    let find = |stat: &str, sg: &str, x: &str, other: Option<&str>| {
        survey
            .iter()
            .find(|r| {
                r["statistic"] == stat
                    && r["subgroup"] == sg
                    && r["x"] == x
                    && other.is_none_or(|o| r["y"] == o || r["reference"] == o)
            })
            .unwrap_or_else(|| panic!("no {stat} {sg} {x} {other:?}"))
    };
    let value = |stat: &str, sg: &str, x: &str, other: Option<&str>| {
        let r = find(stat, sg, x, other);
        assert_eq!(r["replicates"], "1", "{r:?}");
        num(&r["value"])
    };
    let weeks = [0u32, 52];
    assert_eq!(
        find("prevalence", "all", "depressive", None)["weeks"],
        "0;52"
    );
    let in_week = |w: u32| students.iter().filter(move |s| s.week == w);

    // Prevalence: cases over student-weeks of both weeks.
    for (sg, keep) in [
        (
            "all",
            &(|_: &StudentWeek| true) as &dyn Fn(&StudentWeek) -> bool,
        ),
        ("female", &|s: &StudentWeek| s.female),
        ("grade_7", &|s: &StudentWeek| s.grade == "7"),
    ] {
        let chosen: Vec<&StudentWeek> = students.iter().filter(|s| keep(s)).collect();
        let by_hand = chosen.iter().map(|s| s.depressive).sum::<f64>() / chosen.len() as f64;
        let got = value("prevalence", sg, "depressive", None);
        assert!((got - by_hand).abs() < 1e-6, "{sg}: {got} vs {by_hand}");
        assert_eq!(
            num(&find("prevalence", sg, "depressive", None)["students"]),
            chosen.len() as f64 / 2.0
        );
    }
    assert!(
        students.iter().any(|s| s.depressive > 0.0),
        "no case to check"
    );

    // Correlations: co-moments centred within each week, then pooled.
    for (y, get) in [
        (
            "distress",
            &(|s: &StudentWeek| s.distress) as &dyn Fn(&StudentWeek) -> f64,
        ),
        ("resilience_without_support", &|s: &StudentWeek| {
            s.without_support
        }),
    ] {
        let (mut sxx, mut syy, mut sxy) = (0.0, 0.0, 0.0);
        for w in weeks {
            let pairs: Vec<(f64, f64)> = in_week(w).map(|s| (s.resilience, get(s))).collect();
            let (_, a, b, c) = comoments(&pairs);
            sxx += a;
            syy += b;
            sxy += c;
        }
        let by_hand = sxy / (sxx * syy).sqrt();
        let got = value("pearson_r", "all", "resilience", Some(y));
        assert!(
            (got - by_hand).abs() < 1e-4,
            "r(resilience, {y}): {got} vs {by_hand}"
        );
    }

    // A mean over the window, and the girls-minus-boys SMD of distress with
    // the SD pooled within weeks and groups (Hedges' g).
    let boys: Vec<f64> = students
        .iter()
        .filter(|s| !s.female)
        .map(|s| s.resilience)
        .collect();
    let by_hand = boys.iter().sum::<f64>() / boys.len() as f64;
    let got = value("mean", "male", "resilience", None);
    assert!((got - by_hand).abs() < 1e-4, "{got} vs {by_hand}");
    let group = |female: bool| -> (f64, f64, f64) {
        let all: Vec<f64> = students
            .iter()
            .filter(|s| s.female == female)
            .map(|s| s.distress)
            .collect();
        let mean = all.iter().sum::<f64>() / all.len() as f64;
        let ss: f64 = weeks
            .iter()
            .map(|&w| {
                let xs: Vec<f64> = in_week(w)
                    .filter(|s| s.female == female)
                    .map(|s| s.distress)
                    .collect();
                let m = xs.iter().sum::<f64>() / xs.len() as f64;
                xs.iter().map(|x| (x - m).powi(2)).sum::<f64>()
            })
            .sum();
        (all.len() as f64 / 2.0, mean, ss)
    };
    let ((nf, mf, ssf), (nm, mm, ssm)) = (group(true), group(false));
    let sd = ((ssf + ssm) / (2.0 * (nf + nm - 2.0))).sqrt();
    let by_hand = (1.0 - 3.0 / (4.0 * (nf + nm) - 9.0)) * (mf - mm) / sd;
    let got = value("smd", "female", "distress", Some("male"));
    assert!((got - by_hand).abs() < 1e-4, "smd {got} vs {by_hand}");
    // The odds ratio of left-behind children from the pooled 2×2 table.
    let count = |lb: bool, case: bool| {
        students
            .iter()
            .filter(|s| s.left_behind == lb && (s.depressive > 0.5) == case)
            .count() as f64
    };
    let (a, b, c, d) = (
        count(true, true),
        count(true, false),
        count(false, true),
        count(false, false),
    );
    if a > 0.0 && b > 0.0 && c > 0.0 && d > 0.0 {
        let got = value(
            "odds_ratio",
            "left_behind",
            "depressive",
            Some("not_left_behind"),
        );
        assert!((got - a * d / (b * c)).abs() < 1e-4, "{got}");
    }

    // Stability and persistence: the same student at week 0 and 52 weeks later.
    let at = |w: u32| -> HashMap<&str, &StudentWeek> {
        in_week(w).map(|s| (s.student.as_str(), s)).collect()
    };
    let (w0, w52) = (at(0), at(52));
    let pairs: Vec<(f64, f64)> = w0
        .iter()
        .map(|(id, s)| (s.distress, w52[id].distress))
        .collect();
    let (_, sxx, syy, sxy) = comoments(&pairs);
    let stability = find("stability", "all", "distress", None);
    assert_eq!(
        (stability["lag"].as_str(), stability["weeks"].as_str()),
        ("52", "0")
    );
    let got = num(&stability["value"]);
    assert!(
        (got - sxy / (sxx * syy).sqrt()).abs() < 1e-4,
        "stability {got}"
    );
    let positive: Vec<&&str> = w0
        .iter()
        .filter(|(_, s)| s.depressive > 0.5)
        .map(|(id, _)| id)
        .collect();
    let persisting = positive
        .iter()
        .filter(|id| w52[**id].depressive > 0.5)
        .count();
    let p = find("persistence", "all", "depressive", None);
    if positive.is_empty() {
        assert_eq!(p["value"], "NA");
    } else {
        let by_hand = persisting as f64 / positive.len() as f64;
        assert!(
            (num(&p["value"]) - by_hand).abs() < 1e-6,
            "{p:?} vs {by_hand}"
        );
    }
}

#[test]
fn the_window_is_ordinary_weeks_by_default_and_can_be_chosen() {
    let dir = tempdir();
    let default = path(dir.path(), "d");
    run_ok(&[
        "run",
        &scenario("quickstart"),
        "--out",
        &default,
        "--quiet",
        "--replicates",
        "2",
    ]);
    let table = rows(&Path::new(&default).join("survey.csv"));
    assert!(table.iter().all(|r| r["weeks"] == "6;12;30;36"));
    // One school year: too short for a panel lag of a year.
    assert!(!table.iter().any(|r| r["statistic"] == "stability"));
    assert!(
        table
            .iter()
            .any(|r| r["statistic"] == "smd" && r["subgroup"] == "female")
    );
    assert!(table.iter().any(|r| r["subgroup"] == "grade_8"));

    let chosen = path(dir.path(), "c");
    run_ok(&[
        "run",
        &scenario("quickstart"),
        "--out",
        &chosen,
        "--quiet",
        "--replicates",
        "2",
        "--survey-weeks",
        "3,9",
    ]);
    assert!(
        rows(&Path::new(&chosen).join("survey.csv"))
            .iter()
            .all(|r| r["weeks"] == "3;9")
    );
    for (args, expect) in [
        (vec!["--survey-weeks", "3,99"], "--survey-weeks 99"),
        (vec!["--survey-weeks", "3,3"], "listed twice"),
        (
            vec!["--survey-weeks", "3", "--survey-week", "4"],
            "cannot be used with",
        ),
    ] {
        let (sc, out) = (scenario("quickstart"), path(dir.path(), "bad"));
        let mut all: Vec<&str> = vec!["run", &sc, "--quiet", "--out", &out];
        all.extend(args.iter().copied());
        let o = resim(&all);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(expect), "{args:?}: {err}");
    }

    // In a scenario file: a window after the last week is refused with its line.
    let bad = write(
        dir.path(),
        "bad.toml",
        &TINY.replace("survey_weeks = [0, 52]", "survey_weeks = [0, 53]"),
    );
    let o = resim(&["check", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("bad.toml:6") && err.contains("run.survey_weeks.1"),
        "{err}"
    );
}

#[test]
fn panel_statistics_appear_when_the_run_is_long_enough() {
    let dir = tempdir();
    let two_years = write(
        dir.path(),
        "two.toml",
        &TINY
            .replace("survey_weeks = [0, 52]\npanel_lags = [52]\n", "")
            .replace("[population]", "[calendar]\nyears = 2\n[population]"),
    );
    let out = path(dir.path(), "t");
    run_ok(&["run", two_years.to_str().unwrap(), "--out", &out, "--quiet"]);
    let table = rows(&Path::new(&out).join("survey.csv"));
    let lags: std::collections::BTreeSet<&str> = table
        .iter()
        .filter(|r| r["statistic"] == "stability")
        .map(|r| r["lag"].as_str())
        .collect();
    // One year fits after every window week; two years do not.
    assert_eq!(lags.into_iter().collect::<Vec<_>>(), vec!["52"]);
    let s = table
        .iter()
        .find(|r| {
            r["statistic"] == "stability"
                && r["strategy"] == "usual_practice"
                && r["subgroup"] == "all"
                && r["x"] == "resilience"
        })
        .unwrap();
    assert_eq!(s["weeks"], "6;12;30;36");
    let v = num(&s["value"]);
    assert!(
        (-1.0..=1.0).contains(&v) && num(&s["lo"]) <= v && v <= num(&s["hi"]),
        "{s:?}"
    );
    for x in [
        "distress",
        "resilience",
        "self_efficacy",
        "hope",
        "emotion_regulation",
        "social_competence",
        "perceived_support",
    ] {
        assert!(
            table
                .iter()
                .any(|r| r["statistic"] == "stability" && r["x"] == x),
            "{x}"
        );
    }
}
