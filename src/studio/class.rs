//! "Ask about my class": an educator describes a class, ticks components to
//! try and moves their settings; the studio writes the class as a scenario
//! file, asks the what-if job ([`jobs::what_if`]) exactly as `resim whatif`
//! does, writes its results and report under the results folder and shows
//! the answer in plain words, as a picture of the class and as teacher time.
//! Every answer is a results folder: listed, compared side by side, and
//! downloaded like any other.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::components::{self, REGISTRY, Target};
use crate::i18n::{self, Lang};
use crate::jobs::whatif::{Change, WHAT_IF, change_of};
use crate::jobs::{self, Cancel, JobError, Overrides, RunFiles, Silent, WhatIf, WhatIfQuestion};
use crate::output::{self, fnv1a};
use crate::problem::{Message, Problem, in_words, name_list};
use crate::report::words::{num, signed};
use crate::report::{self, ReportData, ReportOptions};
use crate::scenario::{self, ScenarioError};

/// The seed of every class question (the bundled class scenario's).
pub const SEED: u64 = 45;

/// What the teacher typed, as the form sent it.
#[derive(Debug, Clone, Serialize)]
pub struct ClassForm {
    /// Students in the class.
    pub class_size: String,
    /// School grade (1–12).
    pub grade: String,
    /// Share of left-behind children, in percent.
    pub left_behind: String,
    /// `rural` or `urban`.
    pub area: String,
    /// Components the school uses now.
    pub now: Vec<String>,
    /// Components to try.
    pub tried: Vec<String>,
    /// Settings as sent: (`component.key`, value).
    pub settings: Vec<(String, String)>,
}

impl Default for ClassForm {
    fn default() -> Self {
        ClassForm {
            class_size: "45".into(),
            grade: "8".into(),
            left_behind: "35".into(),
            area: "rural".into(),
            now: vec!["termly_conference".into()],
            tried: vec!["contact_book".into()],
            settings: Vec::new(),
        }
    }
}

impl ClassForm {
    /// The form from its fields (repeated `now` and `try`, `set.C.K`).
    pub fn from_fields(fields: &[(String, String)]) -> ClassForm {
        let mut f = ClassForm {
            class_size: String::new(),
            grade: String::new(),
            left_behind: String::new(),
            area: String::new(),
            now: Vec::new(),
            tried: Vec::new(),
            settings: Vec::new(),
        };
        for (k, v) in fields {
            match k.as_str() {
                "class_size" => f.class_size = v.trim().to_string(),
                "grade" => f.grade = v.trim().to_string(),
                "left_behind" => f.left_behind = v.trim().to_string(),
                "area" => f.area = v.trim().to_string(),
                "now" => f.now.push(v.clone()),
                "try" => f.tried.push(v.clone()),
                _ => {
                    if let Some(key) = k.strip_prefix("set.") {
                        f.settings.push((key.to_string(), v.trim().to_string()));
                    }
                }
            }
        }
        f
    }

    fn setting(&self, component: &str, key: &str) -> Option<&str> {
        let want = format!("{component}.{key}");
        self.settings
            .iter()
            .find(|(k, _)| *k == want)
            .map(|(_, v)| v.as_str())
    }
}

/// A problem with the form: the field it belongs to (empty for the whole
/// form) and the loader's or the job's own message.
#[derive(Debug, Clone, Serialize)]
pub struct FieldError {
    /// The form field: `class_size`, `grade`, `left_behind`, `area`,
    /// `components` or a setting `set.C.K`; empty for the form.
    pub field: String,
    /// The message, as the loader or the job words it.
    pub message: String,
}

/// A number field that is not a number: the key of the scenario file it
/// becomes, as the loader would name it, and what is valid.
fn not_a_number(field: &str, key: &str, value: &str, valid: Message, lang: Lang) -> FieldError {
    let p = Problem::new(
        key,
        Message::new("problem-not-a-number").arg("value", value),
        valid,
    );
    FieldError {
        field: field.into(),
        message: in_words(&p, lang),
    }
}

/// The class as a scenario file (TOML): one school, one class, the grade,
/// the left-behind share split as in the default population (one parent
/// away : both away = 4 : 3), the area, and what the school does now as
/// the baseline strategy.
/// Its messages are in `lang`.
pub fn scenario_toml(
    f: &ClassForm,
    replicates: u32,
    lang: Lang,
) -> Result<String, Vec<FieldError>> {
    let mut errors = Vec::new();
    let size: Option<i64> = f.class_size.parse().ok();
    if size.is_none() {
        errors.push(not_a_number(
            "class_size",
            "population.class_size",
            &f.class_size,
            Message::new("valid-class-size"),
            lang,
        ));
    }
    let grade: Option<i64> = f.grade.parse().ok();
    if grade.is_none() {
        errors.push(not_a_number(
            "grade",
            "population.grades",
            &f.grade,
            Message::new("valid-class-grade"),
            lang,
        ));
    }
    let share: Option<f64> = f.left_behind.parse().ok().filter(|x: &f64| x.is_finite());
    if share.is_none() {
        errors.push(not_a_number(
            "left_behind",
            "population.left_behind",
            &f.left_behind,
            Message::new("valid-class-left-behind"),
            lang,
        ));
    }
    let rural = match f.area.as_str() {
        "rural" => Some(1.0),
        "urban" => Some(0.0),
        other => {
            errors.push(FieldError {
                field: "area".into(),
                message: in_words(
                    &Problem::new(
                        "population.rural_share",
                        Message::new("problem-given").arg("given", other),
                        Message::verbatim(name_list(&["rural", "urban"])),
                    ),
                    lang,
                ),
            });
            None
        }
    };
    for c in f.now.iter().chain(&f.tried) {
        if components::find(c).is_none() {
            errors.push(FieldError {
                field: "components".into(),
                message: i18n::text(
                    lang,
                    "problem-class-unknown-component",
                    &[("name", c), ("names", &components::names().join(", "))],
                ),
            });
        }
    }
    let (Some(size), Some(grade), Some(share), Some(rural)) = (size, grade, share, rural) else {
        return Err(errors);
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let share = share / 100.0;
    let one = (share * 4.0 / 7.0 * 1000.0).round() / 1000.0;
    let both = ((share - one) * 1000.0).round() / 1000.0;
    let mut population = toml::Table::new();
    population.insert("schools".into(), 1.into());
    population.insert("classes_per_school".into(), 1.into());
    population.insert("class_size".into(), size.into());
    population.insert("rural_share".into(), toml::Value::Float(rural));
    population.insert("grades".into(), toml::Value::Array(vec![grade.into()]));
    population.insert("left_behind_one_parent".into(), toml::Value::Float(one));
    population.insert("left_behind_both_parents".into(), toml::Value::Float(both));
    // The share is the class's own, whether rural or urban.
    population.insert("urban_left_behind_ratio".into(), toml::Value::Float(1.0));
    let mut run = toml::Table::new();
    run.insert("replicates".into(), i64::from(replicates).into());
    run.insert("seed".into(), (SEED as i64).into());
    let mut now = toml::Table::new();
    now.insert(
        "components".into(),
        toml::Value::Array(f.now.iter().map(|c| c.as_str().into()).collect()),
    );
    // The components tried beside those used now (settings are the
    // what-if's): a second strategy, so that the file is a scenario of its
    // own (`resim run` compares the two).
    let mut tried = toml::Table::new();
    let mut with: Vec<&String> = f.now.iter().collect();
    with.extend(f.tried.iter().filter(|c| !f.now.contains(c)));
    tried.insert(
        "components".into(),
        toml::Value::Array(with.iter().map(|c| c.as_str().into()).collect()),
    );
    let mut strategies = toml::Table::new();
    strategies.insert(NOW.into(), toml::Value::Table(now));
    strategies.insert(TRIED.into(), toml::Value::Table(tried));
    let mut file = toml::Table::new();
    file.insert("schema_version".into(), 1.into());
    file.insert("name".into(), "my_class".into());
    file.insert("baseline".into(), NOW.into());
    file.insert("run".into(), toml::Value::Table(run));
    file.insert("population".into(), toml::Value::Table(population));
    file.insert("strategies".into(), toml::Value::Table(strategies));
    let text = toml::to_string(&file).map_err(|e| {
        vec![FieldError {
            field: String::new(),
            message: e.to_string(),
        }]
    })?;
    match scenario::parse(&text, Path::new("class.toml")) {
        Ok(_) => Ok(text),
        Err(e) => Err(loader_errors(&e, lang)),
    }
}

/// The baseline strategy of a class: what the school does now.
pub const NOW: &str = "what_we_do_now";

/// The class file's second strategy: what is done now and what is tried.
pub const TRIED: &str = "with_what_we_try";

/// The loader's problems, each beside the form field it comes from.
fn loader_errors(e: &ScenarioError, lang: Lang) -> Vec<FieldError> {
    e.problems
        .iter()
        .map(|p| {
            let field = match p.key.as_str() {
                "population.class_size" => "class_size",
                k if k.starts_with("population.grades") => "grade",
                k if k.starts_with("population.left_behind") => "left_behind",
                "population.rural_share" => "area",
                k if k.starts_with("strategies") => "components",
                _ => "",
            };
            FieldError {
                field: field.into(),
                message: in_words(p, lang),
            }
        })
        .collect()
}

/// The default of a component's setting as the form shows it.
fn default_value(c: &components::ComponentInfo, key: &str) -> String {
    let d = c.default_settings();
    match key {
        "frequency" => format!("{}", d.frequency.0),
        "coverage" => format!("{}", d.coverage),
        "fidelity" => format!("{}", d.fidelity),
        "two_way" => format!("{}", d.two_way),
        "target" => d.target.name().to_string(),
        _ => String::new(),
    }
}

/// The settings the form offers for every component.
pub const SETTINGS: &[&str] = &["frequency", "coverage", "fidelity", "two_way", "target"];

/// The what-if question of a form: add what is tried and not used now, set
/// every setting that differs from its default.
pub fn question(f: &ClassForm, scenario: &str) -> WhatIfQuestion {
    let add: Vec<String> = f
        .tried
        .iter()
        .filter(|c| !f.now.contains(c))
        .cloned()
        .collect();
    let mut set = Vec::new();
    for c in REGISTRY {
        if !(f.tried.iter().any(|t| t == c.name) || f.now.iter().any(|t| t == c.name)) {
            continue;
        }
        for key in SETTINGS {
            if let Some(v) = f.setting(c.name, key) {
                let d = default_value(c, key);
                let same = match (v.parse::<f64>(), d.parse::<f64>()) {
                    (Ok(a), Ok(b)) => (a - b).abs() < 1e-6,
                    _ => v == d,
                };
                if !same && !v.is_empty() {
                    set.push(format!("{}.{key}={v}", c.name));
                }
            }
        }
    }
    WhatIfQuestion {
        scenario: Some(scenario.to_string()),
        add,
        remove: Vec::new(),
        set,
        overrides: Overrides::default(),
        uncertainty: false,
        posterior: None,
    }
}

/// A job error in `lang`, beside the field it names: a refused setting
/// beside that setting (`set.COMPONENT.KEY`; a refused value as the
/// component's problem), any other beside the components.
pub fn job_error(e: &JobError, lang: Lang) -> FieldError {
    match e {
        JobError::Setting(r) => FieldError {
            field: format!("set.{}", r.key),
            message: match &r.problem {
                Some(p) => in_words(p, lang),
                None => r.message.render(lang),
            },
        },
        JobError::Scenario(s) => FieldError {
            field: "components".into(),
            message: s.in_lang(lang),
        },
        e => FieldError {
            field: "components".into(),
            message: e.message().render(lang),
        },
    }
}

/// Asks the question of a form: writes the class scenario under
/// `results/.studio/classes/` (named by its hash, so the same class is one
/// file), runs the what-if, writes its results and report in a new folder
/// of `results` (the report in `lang`, the page's language) and returns
/// the folder's name.
pub fn ask(
    results: &Path,
    f: &ClassForm,
    replicates: u32,
    threads: Option<usize>,
    lang: Lang,
) -> Result<String, Vec<FieldError>> {
    let text = scenario_toml(f, replicates, lang)?;
    // A failure of the output layer, in the page's language.
    let internal = |e: Message| {
        vec![FieldError {
            field: String::new(),
            message: e.render(lang),
        }]
    };
    let classes = output::real_dir(results, Path::new(".studio/classes"))
        .map_err(|e| internal(e.message()))?;
    let file = classes.join(format!("class-{}.toml", fnv1a(text.as_bytes())));
    if !file.is_file() {
        output::write_atomic(&file, text.as_bytes()).map_err(|e| internal(e.message()))?;
    }
    let q = question(f, &file.display().to_string());
    let w = WhatIf::ask(&q).map_err(|e| vec![job_error(&e, lang)])?;
    let out = w.out_in(results);
    let files = RunFiles::create(&out, false, false).map_err(|e| internal(e.message()))?;
    let cancel = Cancel::new();
    let answer = jobs::what_if(&w, &out, threads, &Silent, &cancel)
        .map_err(|e| vec![job_error(&e, lang)])?;
    files
        .commit(&answer.run, &answer.extra_files(), Some(&cancel))
        .map_err(|e| internal(e.message()))?;
    let opts = ReportOptions {
        lang,
        ..Default::default()
    };
    report::write_report(&out, &opts).map_err(|e| internal(e.message()))?;
    Ok(out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default())
}

/// One outcome of an answer, formatted for the page.
#[derive(Debug, Clone, Serialize)]
pub struct Shown {
    /// With what is done now.
    pub before: String,
    /// With the what-if.
    pub after: String,
    /// The difference, signed.
    pub diff: String,
    /// Lower bound of its 95 % interval.
    pub lo: String,
    /// Upper bound of its 95 % interval.
    pub hi: String,
    /// Students in the subgroup.
    pub students: String,
}

impl Shown {
    fn of(c: Change, scale: f64) -> Shown {
        Shown {
            before: num(c.before * scale),
            after: num(c.after * scale),
            diff: signed(c.diff * scale),
            lo: num(c.lo * scale),
            hi: num(c.hi * scale),
            students: format!("{:.0}", c.students),
        }
    }
}

/// An answer read back from its results folder, ready for the page.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    /// The results folder's name.
    pub name: String,
    /// Students in the class.
    pub students: u64,
    /// School grade(s).
    pub grades: String,
    /// Whether the class is rural.
    pub rural: bool,
    /// Components used now (`none` when nothing).
    pub now: Vec<String>,
    /// Components of the what-if.
    pub what_if: Vec<String>,
    /// Settings changed from their defaults, `component.key=value`.
    pub settings_changed: Vec<String>,
    /// Replicates and seed.
    pub replicates: u64,
    /// The seed.
    pub seed: u64,
    /// Students with depressive symptoms at the end (counts).
    pub depressive: Option<Shown>,
    /// Average resilience (0–100).
    pub resilience: Option<Shown>,
    /// Resilience of left-behind students.
    pub left_behind: Option<Shown>,
    /// Teacher hours per class per term, now and with the what-if.
    pub hours_before: String,
    /// Teacher hours with the what-if.
    pub hours_after: String,
    /// Their difference, signed.
    pub hours_diff: String,
    /// Cost per student per year, now and with the what-if.
    pub cost_before: String,
    /// Cost with the what-if.
    pub cost_after: String,
    /// Their difference, signed.
    pub cost_diff: String,
    /// The class as figures: before.
    pub figures_before: Figures,
    /// The class as figures: after.
    pub figures_after: Figures,
}

/// The class drawn as one figure per student, the first `marked` of them
/// marked as having depressive symptoms.
#[derive(Debug, Clone, Serialize)]
pub struct Figures {
    /// Every figure: its place in the picture and whether it is marked.
    pub people: Vec<Person>,
    /// How many are marked.
    pub marked: u64,
    /// Width of the picture.
    pub width: u32,
    /// Height of the picture.
    pub height: u32,
}

/// One figure of the picture.
#[derive(Debug, Clone, Serialize)]
pub struct Person {
    /// Left edge.
    pub x: u32,
    /// Top edge.
    pub y: u32,
    /// Marked as having depressive symptoms.
    pub marked: bool,
}

/// Figures per row of the picture.
const PER_ROW: u32 = 15;
/// Size of one figure's cell.
const CELL: u32 = 22;
/// Height of a figure's cell.
const CELL_HEIGHT: u32 = 34;

impl Figures {
    /// `n` students, `marked` of them marked.
    pub fn new(n: u64, marked: u64) -> Figures {
        let n = n.min(500) as u32;
        let people = (0..n)
            .map(|i| Person {
                x: (i % PER_ROW) * CELL + 2,
                y: (i / PER_ROW) * CELL_HEIGHT + 2,
                marked: u64::from(i) < marked,
            })
            .collect();
        Figures {
            people,
            marked,
            width: PER_ROW.min(n.max(1)) * CELL + 4,
            height: n.div_ceil(PER_ROW).max(1) * CELL_HEIGHT + 4,
        }
    }
}

/// A count for the picture: `x` students rounded to a whole student.
fn whole(x: f64) -> u64 {
    x.round().max(0.0) as u64
}

/// Reads a what-if answer back from `results/name`.
pub fn answer(results: &Path, name: &str) -> Result<Answer, JobError> {
    let dir = results.join(name);
    let data = ReportData::from_dir(&dir)?;
    let sc = data.run.scenario.clone().ok_or_else(|| {
        JobError::Input(Message::new("problem-answer-no-scenario").arg("name", name))
    })?;
    let w = data
        .strategies
        .iter()
        .find(|s| s.name == WHAT_IF)
        .ok_or_else(|| {
            JobError::Input(Message::new("problem-answer-not-whatif").arg("name", name))
        })?;
    let base = data
        .strategies
        .iter()
        .find(|s| s.name != WHAT_IF)
        .ok_or_else(|| {
            JobError::Input(Message::new("problem-answer-no-baseline").arg("name", name))
        })?;
    let stops = sc.baseline == WHAT_IF;
    let n = sc.students() as f64;
    let split = |c: &str| -> Vec<String> {
        if c == "none" || c.is_empty() {
            Vec::new()
        } else {
            c.split('+').map(str::to_string).collect()
        }
    };
    let dep = change_of(&data, &base.name, stops, "all", "depressive");
    let change = sc
        .strategies
        .iter()
        .find(|s| s.name == WHAT_IF)
        .and_then(|s| s.description.split_once(", "))
        .map(|(_, c)| c.to_string())
        .unwrap_or_default();
    let students = sc.students();
    Ok(Answer {
        name: name.to_string(),
        students,
        grades: sc
            .population
            .grades
            .iter()
            .map(|g| g.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        rural: sc.population.rural_share >= 0.5,
        now: split(&base.components),
        what_if: split(&w.components),
        settings_changed: change
            .split(", ")
            .filter_map(|c| c.strip_prefix("set "))
            .map(str::to_string)
            .collect(),
        replicates: sc.run.replicates.into(),
        seed: sc.run.seed,
        depressive: dep.map(|c| Shown::of(c, n)),
        resilience: change_of(&data, &base.name, stops, "all", "resilience")
            .map(|c| Shown::of(c, 1.0)),
        left_behind: change_of(&data, &base.name, stops, "left_behind", "resilience")
            .map(|c| Shown::of(c, 1.0)),
        hours_before: num(base.teacher_hours_per_class_term),
        hours_after: num(w.teacher_hours_per_class_term),
        hours_diff: signed(w.teacher_hours_per_class_term - base.teacher_hours_per_class_term),
        cost_before: num(base.cost_per_student_year),
        cost_after: num(w.cost_per_student_year),
        cost_diff: signed(w.cost_per_student_year - base.cost_per_student_year),
        figures_before: Figures::new(students, dep.map_or(0, |c| whole(c.before * n))),
        figures_after: Figures::new(students, dep.map_or(0, |c| whole(c.after * n))),
    })
}

/// The saved answers in `results`: folders named `whatif-…` holding a
/// whole results set, newest first.
pub fn saved(results: &Path) -> Vec<String> {
    let mut found: Vec<(std::time::SystemTime, String)> = std::fs::read_dir(results)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let manifest = e.path().join(output::MANIFEST);
            let when = std::fs::metadata(&manifest)
                .and_then(|m| m.modified())
                .ok()?;
            name.starts_with("whatif-").then_some((when, name))
        })
        .collect();
    found.sort();
    found.reverse();
    found.into_iter().map(|(_, n)| n).collect()
}

/// A component and its settings for the form.
#[derive(Debug, Clone, Serialize)]
pub struct ComponentField {
    /// Name in scenario files.
    pub name: String,
    /// Used now.
    pub now: bool,
    /// Ticked to try.
    pub tried: bool,
    /// Its settings: (key, value shown).
    pub settings: Vec<(String, String)>,
}

/// Every component of the registry, with the form's ticks and values (or
/// the defaults).
pub fn component_fields(f: &ClassForm) -> Vec<ComponentField> {
    REGISTRY
        .iter()
        .map(|c| ComponentField {
            name: c.name.to_string(),
            now: f.now.iter().any(|n| n == c.name),
            tried: f.tried.iter().any(|n| n == c.name),
            settings: SETTINGS
                .iter()
                .map(|k| {
                    (
                        k.to_string(),
                        f.setting(c.name, k)
                            .map(str::to_string)
                            .unwrap_or_else(|| default_value(c, k)),
                    )
                })
                .collect(),
        })
        .collect()
}

/// Every target group's name, for the settings' menus.
pub fn targets() -> &'static [&'static str] {
    Target::NAMES
}

/// The folder of a saved answer, if `name` is one (a name checked against
/// the folder's own listing).
pub fn folder(results: &Path, name: &str) -> Option<PathBuf> {
    super::names::entry(results, name).filter(|p| p.join(output::MANIFEST).is_file())
}
