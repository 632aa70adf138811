//! The library job layer called directly, as a browser studio or a Python
//! package would: typed options in, typed results and `JobError` out, with
//! progress through a trait and cancellation through a token.

use std::path::Path;
use std::sync::Mutex;

use resilience_sim::engine;
use resilience_sim::jobs::validate::parse_set;
use resilience_sim::jobs::{
    self, Cancel, ErrorClass, JobError, Outcome, Overrides, Progress, RunFiles, RunOptions,
    ScenarioFile, Silent, SweepOptions, Targets, ValidateOptions, WhatIf, WhatIfQuestion,
    Workspace,
};
use resilience_sim::output::{StudentRecord, to_csv};
use resilience_sim::problem::Message;

use crate::common::{path, run_ok, tempdir, write};

/// A small scenario: two strategies, one school, a few replicates.
const SMALL: &str = r#"name = "small"

[run]
replicates = 4
seed = 11

[population]
schools = 1
classes_per_school = 2
class_size = 12

[calendar]
burn_in_weeks = 2

[strategies.usual_practice]
components = []

[strategies.contact_book]
components = ["contact_book"]

[sweep]
"stress.academic_load" = [0.06, 0.12]
"#;

/// What a progress implementation was told, in order.
#[derive(Debug, Clone, PartialEq)]
enum Event {
    Begin(String, u64, u64),
    Advance(u64),
    Status(String),
    Note(String),
    End,
}

/// Records every call; optionally cancels a token at the first advance.
#[derive(Default)]
struct Recorder {
    events: Mutex<Vec<Event>>,
    cancel_at_first_advance: Option<Cancel>,
}

impl Recorder {
    fn events(&self) -> Vec<Event> {
        self.events.lock().unwrap().clone()
    }
}

impl Progress for Recorder {
    fn begin(&self, what: &str, total: u64, done: u64) {
        self.events
            .lock()
            .unwrap()
            .push(Event::Begin(what.into(), total, done));
    }
    fn advance(&self, done: u64) {
        self.events.lock().unwrap().push(Event::Advance(done));
        if let Some(c) = &self.cancel_at_first_advance {
            c.cancel();
        }
    }
    fn status(&self, text: &str) {
        self.events.lock().unwrap().push(Event::Status(text.into()));
    }
    fn note(&self, line: &Message) {
        self.events
            .lock()
            .unwrap()
            .push(Event::Note(line.to_string()));
    }
    fn end(&self) {
        self.events.lock().unwrap().push(Event::End);
    }
}

fn small(dir: &Path) -> ScenarioFile {
    ScenarioFile::load(&write(dir, "small.toml", SMALL)).expect("the small scenario loads")
}

fn read(dir: &Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn a_runs_typed_result_is_what_the_command_line_writes() {
    let dir = tempdir();
    let file = small(dir.path());
    let cli_out = path(dir.path(), "cli");
    let sc = dir.path().join("small.toml");
    run_ok(&[
        "run",
        sc.to_str().unwrap(),
        "--out",
        &cli_out,
        "--quiet",
        "--students",
        "--replicates",
        "3",
        "--seed",
        "5",
        "--survey-week",
        "4",
    ]);

    let mut file = file;
    Overrides {
        replicates: Some(3),
        seed: Some(5),
        survey_week: Some(4),
        survey_weeks: None,
    }
    .apply(&mut file.scenario)
    .unwrap();
    let opts = RunOptions {
        scenario: file,
        threads: Some(1),
    };
    let mut students: Vec<StudentRecord> = Vec::new();
    let result = jobs::run(&opts, Some(&mut students), &Silent, &Cancel::new()).unwrap();

    let cli = Path::new(&cli_out);
    assert_eq!(to_csv(&result.effects), read(cli, "effects.csv"));
    assert_eq!(to_csv(&result.trajectories), read(cli, "trajectories.csv"));
    assert_eq!(to_csv(&result.strategies), read(cli, "strategies.csv"));
    assert_eq!(to_csv(&result.survey), read(cli, "survey.csv"));
    let mut csv = resilience_sim::output::students_header();
    csv.extend(resilience_sim::output::students_lines(&students));
    assert_eq!(csv, read(cli, "students.csv"));
    // 3 replicates × 2 strategies × 2 weeks × 24 students.
    assert_eq!(students.len(), 3 * 2 * 2 * 24);
    assert_eq!(result.summary.replicates, 3);
    assert_eq!(result.scenario.run.seed, 5);
    assert_eq!(result.threads, 1);
    let manifest: serde_json::Value = serde_json::from_slice(&read(cli, "manifest.json")).unwrap();
    assert_eq!(manifest["student_weeks"], result.student_weeks);
    assert_eq!(manifest["scenario_hash"], result.scenario_hash.as_str());

    // Writing the result with the library's own call gives the same files.
    let lib_out = dir.path().join("lib");
    RunFiles::create(&lib_out, false, false)
        .unwrap()
        .commit(&result, &[], None)
        .unwrap();
    for f in [
        "effects.csv",
        "trajectories.csv",
        "strategies.csv",
        "survey.csv",
        "equity.csv",
        "decision.csv",
    ] {
        assert_eq!(read(&lib_out, f), read(cli, f), "{f}");
    }
}

#[test]
fn a_cancelled_run_is_interrupted_and_writes_nothing() {
    let dir = tempdir();
    let opts = RunOptions {
        scenario: small(dir.path()),
        threads: Some(1),
    };
    // Cancelled before it starts.
    let cancel = Cancel::new();
    cancel.cancel();
    let e = jobs::run(&opts, None, &Silent, &cancel).unwrap_err();
    assert_eq!(e.class(), ErrorClass::Interrupted);
    assert!(!e.is_resumable());

    // Cancelled as the first replicate finishes, streaming students.csv
    // into a directory the run makes: no file and no directory remain.
    let out = dir.path().join("new").join("out");
    let cancel = Cancel::new();
    let progress = Recorder {
        cancel_at_first_advance: Some(cancel.clone()),
        ..Default::default()
    };
    let mut files = RunFiles::create(&out, false, true).unwrap();
    assert!(out.is_dir(), "students.csv is streamed into the directory");
    let e = jobs::run(&opts, files.students(), &progress, &cancel).unwrap_err();
    assert_eq!(e.class(), ErrorClass::Interrupted, "{e}");
    drop(files);
    assert!(
        !dir.path().join("new").exists(),
        "the directories made are gone"
    );
    assert_eq!(
        progress.events().last(),
        Some(&Event::End),
        "the stage ends"
    );

    // A sweep in a workspace stops with its finished points saved.
    let work = SweepOptions {
        scenario: small(dir.path()),
        threads: Some(1),
        stop_after: None,
        format: Default::default(),
    }
    .prepare()
    .unwrap();
    let ws = Workspace {
        dir: dir.path().join("sweep"),
        resume: false,
        force: false,
    };
    let cancel = Cancel::new();
    let progress = Recorder {
        cancel_at_first_advance: Some(cancel.clone()),
        ..Default::default()
    };
    let e = jobs::sweep(&work, Some(&ws), &progress, &cancel).unwrap_err();
    assert_eq!(e.class(), ErrorClass::Interrupted);
    assert!(e.is_resumable(), "{e}");
    assert!(e.to_string().contains("--resume"), "{e}");
    assert!(!ws.dir.join("sweep.csv").exists());
    assert!(!ws.dir.join("manifest.json").exists());
}

#[test]
fn progress_sees_each_stage_begin_advance_and_end() {
    let dir = tempdir();
    let opts = RunOptions {
        scenario: small(dir.path()),
        threads: Some(2),
    };
    let progress = Recorder::default();
    jobs::run(&opts, None, &progress, &Cancel::new()).unwrap();
    let events = progress.events();
    // The scenario's two burn-in weeks cannot settle usual practice: the
    // run says so once its replicates are done, in the line `resim check`
    // prints.
    let check = engine::burn_in_check(&opts.scenario.scenario);
    match events.last() {
        Some(Event::Note(line)) => {
            assert!(
                line.starts_with("warning: steady state")
                    && line.contains("calendar.burn_in_weeks"),
                "{line}"
            );
            assert_eq!(line, &check.describe());
        }
        e => panic!("a steady-state warning last, not {e:?}"),
    }
    assert_eq!(events[0], Event::Begin("replicates".into(), 4, 0));
    let advances: Vec<u64> = events
        .iter()
        .filter_map(|e| match e {
            Event::Advance(n) => Some(*n),
            _ => None,
        })
        .collect();
    assert_eq!(advances, vec![1, 2, 3, 4]);
    assert_eq!(events[events.len() - 2], Event::End);

    // A resumed sweep begins with the units already done; the hook
    // `stop_after` stops it as if cancelled, and the resumed result is the
    // same rows as an uninterrupted sweep in memory.
    let mut file = small(dir.path());
    file.scenario.run.replicates = 2;
    let options = |stop_after| SweepOptions {
        scenario: file.clone(),
        threads: Some(2),
        stop_after,
        format: Default::default(),
    };
    let ws = Workspace {
        dir: dir.path().join("sweep"),
        resume: false,
        force: false,
    };
    let e = jobs::sweep(
        &options(Some(1)).prepare().unwrap(),
        Some(&ws),
        &Silent,
        &Cancel::new(),
    )
    .unwrap_err();
    assert!(
        e.is_resumable() && e.to_string().contains("1 of 2 points"),
        "{e}"
    );
    let resumed = Workspace {
        resume: true,
        ..ws.clone()
    };
    let progress = Recorder::default();
    let Outcome::Done(done) = jobs::sweep(
        &options(None).prepare().unwrap(),
        Some(&resumed),
        &progress,
        &Cancel::new(),
    )
    .unwrap() else {
        panic!("the sweep was not finished");
    };
    assert_eq!(
        progress.events()[0],
        Event::Begin("replicates".into(), 4, 2)
    );
    let Outcome::Done(whole) = jobs::sweep(
        &options(None).prepare().unwrap(),
        None,
        &Silent,
        &Cancel::new(),
    )
    .unwrap() else {
        panic!("an in-memory sweep always runs");
    };
    // In a workspace the rows were streamed to disk as points finished
    // (memory does not grow with the points); in memory they are kept.
    assert!(done.is_streamed() && done.rows.is_empty());
    assert!(!whole.is_streamed());
    assert!(whole.rows.iter().any(|r| r.point == 1), "both points");
    let mut done = done;
    done.write(&ws.dir, false).unwrap();
    assert_eq!(read(&ws.dir, "sweep.csv"), whole.csv());
    assert!(
        !ws.dir.join("journal").exists(),
        "the journal goes once written"
    );
}

#[test]
fn bad_input_is_the_input_class_with_file_line_and_key() {
    let dir = tempdir();
    let bad = write(
        dir.path(),
        "bad.toml",
        "name = \"bad\"\n\n[population]\nschools = 1\nclass_size = 0\n\n[strategies.a]\ncomponents = []\n",
    );
    let e = ScenarioFile::load(&bad).unwrap_err();
    assert_eq!(e.class(), ErrorClass::BadInput);
    assert!(matches!(e, JobError::Scenario(_)));
    let m = e.to_string();
    assert!(m.contains(&format!("{}:5", bad.display())), "{m}");
    assert!(m.contains("population.class_size"), "{m}");

    // Options are checked before anything runs.
    let mut file = small(dir.path());
    let e = Overrides {
        survey_week: Some(999),
        ..Default::default()
    }
    .apply(&mut file.scenario)
    .unwrap_err();
    assert_eq!(e.class(), ErrorClass::BadInput);
    assert!(e.to_string().contains("--survey-week 999"), "{e}");
    let e = Overrides {
        survey_weeks: Some(vec![3, 6, 3]),
        ..Default::default()
    }
    .apply(&mut file.scenario)
    .unwrap_err();
    assert_eq!(e.class(), ErrorClass::BadInput);
    assert!(
        e.to_string()
            .contains("--survey-weeks: week 3 is listed twice"),
        "{e}"
    );
    let e = jobs::run(
        &RunOptions {
            scenario: file,
            threads: Some(0),
        },
        None,
        &Silent,
        &Cancel::new(),
    )
    .unwrap_err();
    assert_eq!(e.class(), ErrorClass::BadInput);
    assert!(e.to_string().contains("--threads 0"), "{e}");

    // A scenario without [sweep] cannot be swept, and says what to add.
    let plain = ScenarioFile::load(&write(
        dir.path(),
        "plain.toml",
        "name = \"plain\"\n[strategies.a]\ncomponents = []\n[strategies.b]\ncomponents = [\"contact_book\"]\n",
    ))
    .unwrap();
    let e = SweepOptions {
        scenario: plain,
        threads: Some(1),
        stop_after: None,
        format: Default::default(),
    }
    .prepare()
    .unwrap_err();
    assert_eq!(e.class(), ErrorClass::BadInput);
    assert!(
        e.to_string()
            .contains("plain.toml: the scenario has no [sweep] section"),
        "{e}"
    );
}

#[test]
fn a_what_if_answers_in_plain_words_without_files() {
    let question = |add: &str| WhatIfQuestion {
        scenario: Some("one_class_contact_book".into()),
        add: vec![add.into()],
        set: vec![format!("{add}.coverage=0.9")],
        overrides: Overrides {
            replicates: Some(2),
            ..Default::default()
        },
        ..Default::default()
    };
    let w = WhatIf::ask(&question("homework_help")).unwrap();
    assert_eq!(w.scenario.strategies.len(), 2);
    assert_eq!(w.scenario.run.replicates, 2);
    let dir = tempdir();
    let out = dir.path().join("whatif");
    let answer = jobs::what_if(&w, &out, Some(2), &Silent, &Cancel::new()).unwrap();
    assert!(
        answer
            .text
            .starts_with("What if your class added homework_help, set homework_help.coverage=0.9"),
        "{}",
        answer.text
    );
    assert!(
        answer.text.contains("Average resilience (0-100)"),
        "{}",
        answer.text
    );
    assert!(!out.exists(), "the answer is a value; nothing is written");
    // The scenario it ran reads back to the same scenario.
    let again = ScenarioFile::parse(&answer.scenario_toml, "again.toml").unwrap();
    assert_eq!(again.scenario, answer.run.scenario);

    let e = WhatIf::ask(&question("homework_hlp")).unwrap_err();
    assert_eq!(e.class(), ErrorClass::BadInput);
    assert!(
        e.to_string().contains("did you mean `homework_help`"),
        "{e}"
    );
}

#[test]
fn a_validation_measures_each_target_on_its_scenario_as_the_command_line_does() {
    let dir = tempdir();
    let targets = write(
        dir.path(),
        "t.csv",
        "id,value,low,high,role\n\
         baseline_depressive_prevalence,0.24,0.20,0.28,\n\
         depression_1yr_persistence_chi2020,0.464,0.418,0.511,out_of_sample\n\
         no_such_target,1,0,2,\n",
    );
    let cli_out = path(dir.path(), "cli");
    cli_validate(&targets, &cli_out);

    let rec = Recorder::default();
    let opts = ValidateOptions {
        targets: Targets::load(Some(&targets)).unwrap(),
        replicates: Some(2),
        seed: Some(7),
        threads: Some(1),
        ..Default::default()
    };
    let v = jobs::validate(&opts, &rec, &Cancel::new()).unwrap();
    // Each target on its own bundled scenario, every run with the options'
    // replicates and seed.
    let runs: Vec<(&str, u32, u64)> = v
        .runs
        .iter()
        .map(|r| (r.scenario.name.as_str(), r.replicates, r.seed))
        .collect();
    assert_eq!(
        runs,
        [("meta_analysis_trial", 2, 7), ("panel_cohort", 2, 7)]
    );
    // The typed rows are the file the command line writes.
    assert_eq!(
        to_csv(&v.rows()),
        read(Path::new(&cli_out), "validation.csv")
    );
    // The unknown id is a note for the user, and a strict validation fails on it.
    let events = rec.events();
    assert!(events.contains(&Event::Begin("replicates".into(), 4, 0)));
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::Note(n) if n.contains("`no_such_target`"))),
        "{events:?}"
    );
    let e = v.strict().unwrap_err();
    assert_eq!(e.class(), ErrorClass::ValidationFailed);
    assert!(e.to_string().contains("no_such_target"), "{e}");

    // A value set by a path no scenario has is bad input, before anything runs.
    let rec = Recorder::default();
    let e = jobs::validate(
        &ValidateOptions {
            sets: vec![parse_set("stress.no_such_key=0.1").unwrap()],
            ..opts.clone()
        },
        &rec,
        &Cancel::new(),
    )
    .unwrap_err();
    assert_eq!(e.class(), ErrorClass::BadInput);
    assert!(e.to_string().contains("stress.no_such_key"), "{e}");
    assert!(
        !rec.events().iter().any(|e| matches!(e, Event::Begin(..))),
        "nothing ran"
    );
}

/// `resim validate` of `targets` with 2 replicates and seed 7 into `out`.
fn cli_validate(targets: &Path, out: &str) {
    run_ok(&[
        "validate",
        "--targets",
        targets.to_str().unwrap(),
        "--replicates",
        "2",
        "--seed",
        "7",
        "--quiet",
        "--out",
        out,
    ]);
}
