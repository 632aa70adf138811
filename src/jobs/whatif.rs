//! `what_if`: an educator's question about one class or school — the
//! scenario's baseline strategy with components added, removed or changed,
//! run against the baseline — answered in plain words.

use std::path::{Path, PathBuf};

use crate::components::{self, ComponentSpec};
use crate::problem::Message;
use crate::report::words::{self, interval, num, signed};
use crate::report::{ReportData, ReportError};
use crate::scenario::path::{Paths, Use};
use crate::scenario::{Problem, Scenario, StrategySpec};

use super::error::Refused;
use super::run::{RunOptions, RunResult, run};
use super::{Cancel, JobError, Overrides, Progress, ScenarioFile};

/// Name of the what-if strategy.
pub const WHAT_IF: &str = "what_if";

/// The scenario asked about when none is named.
pub const DEFAULT_SCENARIO: &str = "scenarios/one_class_contact_book.toml";

/// The question.
#[derive(Debug, Clone, Default)]
pub struct WhatIfQuestion {
    /// Scenario file, or a bundled scenario's name [default: [`DEFAULT_SCENARIO`]].
    pub scenario: Option<String>,
    /// Components to add to the baseline strategy.
    pub add: Vec<String>,
    /// Components of the baseline strategy to remove.
    pub remove: Vec<String>,
    /// Settings to change, `COMPONENT.KEY=VALUE`.
    pub set: Vec<String>,
    /// Replicates and seed instead of the scenario's.
    pub overrides: Overrides,
    /// Parameter uncertainty (`--uncertainty`): each replicate draws the
    /// fitted parameters from the posterior; the answer quotes the
    /// uncertainty interval.
    pub uncertainty: bool,
    /// The posterior file of `uncertainty` (implies it) [default: the
    /// scenario's `run.posterior`, else the shipped posterior].
    pub posterior: Option<String>,
}

/// The scenario that answers a question: the baseline strategy and the
/// what-if strategy.
#[derive(Debug, Clone)]
pub struct WhatIf {
    /// The two-strategy scenario.
    pub scenario: Scenario,
    /// The change in words, e.g. `added contact_book, set contact_book.frequency=daily`.
    pub change: String,
    /// The scenario file asked about.
    pub file: String,
    /// Whether the question is "what if we stopped everything we do?": the
    /// what-if strategy has no components. A scenario may leave only its
    /// baseline empty, so the what-if is then the baseline and what is done
    /// now is compared with it; the answer is turned back into the question's
    /// direction.
    pub stops_everything: bool,
}

/// The answer.
#[derive(Debug, Clone)]
pub struct WhatIfAnswer {
    /// The run of the what-if scenario.
    pub run: RunResult,
    /// The what-if scenario as a file: `resim run` on it gives the same results.
    pub scenario_toml: String,
    /// The answer in plain words.
    pub text: String,
}

impl WhatIfAnswer {
    /// Files written beside the run's: `scenario.toml`.
    pub fn extra_files(&self) -> Vec<(&'static str, Vec<u8>)> {
        vec![("scenario.toml", self.scenario_toml.clone().into_bytes())]
    }
}

fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `FLAG `NAME`: unknown component; [did you mean …? ]valid components: …`.
fn unknown_component_message(flag: &str, name: &str) -> Message {
    let names = components::names();
    let near = names
        .iter()
        .max_by(|a, b| strsim::jaro_winkler(name, a).total_cmp(&strsim::jaro_winkler(name, b)))
        .filter(|n| strsim::jaro_winkler(name, n) > 0.8);
    let m = match near {
        Some(n) => Message::new("problem-whatif-unknown-component-near").arg("near", n),
        None => Message::new("problem-whatif-unknown-component"),
    };
    m.arg("flag", flag)
        .arg("name", name)
        .arg("names", list(&names))
}

fn unknown_component(flag: &str, name: &str) -> JobError {
    JobError::Input(unknown_component_message(flag, name))
}

/// Parses `component.key=value` into its parts and a TOML value; `keys` are
/// the settings `--set` may change.
fn parse_set(s: &str, keys: &[&str]) -> Result<(String, String, toml::Value), JobError> {
    // The field a refusal is shown beside: what was written before `=`.
    let written = s.split('=').next().unwrap_or(s).trim().to_string();
    let bad = || {
        JobError::setting(Refused::written(
            written.clone(),
            Message::new("problem-set-syntax")
                .arg("given", s)
                .arg("keys", list(keys)),
        ))
    };
    let (lhs, value) = s.split_once('=').ok_or_else(bad)?;
    let (comp, key) = lhs.trim().split_once('.').ok_or_else(bad)?;
    if components::find(comp).is_none() {
        return Err(JobError::setting(Refused::written(
            comp,
            unknown_component_message("--set", comp),
        )));
    }
    if !keys.contains(&key) {
        return Err(JobError::setting(Refused::written(
            written,
            Message::new("problem-set-not-a-setting")
                .arg("given", s)
                .arg("key", key)
                .arg("keys", list(keys)),
        )));
    }
    let value = value.trim();
    let parsed = toml::from_str::<toml::Table>(&format!("v = {value}"))
        .ok()
        .and_then(|mut t| t.remove("v"))
        .unwrap_or_else(|| toml::Value::String(value.to_string()));
    Ok((comp.to_string(), key.to_string(), parsed))
}

/// The baseline's components, minus `remove`, plus `add`, checked.
fn components_of(base: &StrategySpec, q: &WhatIfQuestion) -> Result<Vec<String>, JobError> {
    for c in &q.add {
        if components::find(c).is_none() {
            return Err(unknown_component("--add", c));
        }
    }
    let used: Vec<&str> = base.components.iter().map(|(n, _)| n.as_str()).collect();
    for c in &q.remove {
        if components::find(c).is_none() {
            return Err(unknown_component("--remove", c));
        }
        if !used.contains(&c.as_str()) {
            let m = if used.is_empty() {
                Message::new("problem-whatif-remove-unused-nothing")
            } else {
                Message::new("problem-whatif-remove-unused").arg("used", list(&used))
            };
            return Err(JobError::Input(
                m.arg("name", c).arg("baseline", &base.name),
            ));
        }
        if q.add.contains(c) {
            return Err(JobError::Input(
                Message::new("problem-whatif-added-and-removed").arg("name", c),
            ));
        }
    }
    let mut listed: Vec<String> = used
        .iter()
        .filter(|c| !q.remove.iter().any(|r| r == *c))
        .map(|c| c.to_string())
        .collect();
    for a in &q.add {
        if !listed.contains(a) {
            listed.push(a.clone());
        }
    }
    Ok(listed)
}

/// The settings of each listed component the baseline uses: the baseline's.
fn settings_of(
    base: &StrategySpec,
    listed: &[String],
) -> Result<Vec<(String, ComponentSpec)>, JobError> {
    let mut tables: Vec<(String, toml::Table)> = Vec::new();
    for (name, settings) in &base.components {
        if listed.iter().any(|l| l == name)
            && let Ok(toml::Value::Table(t)) = toml::Value::try_from(settings)
        {
            tables.push((name.to_string(), t));
        }
    }
    let mut specs = Vec::new();
    for (name, t) in tables {
        let spec: ComponentSpec =
            serde_path_to_error::deserialize(toml::Value::Table(t)).map_err(|e| {
                let key = format!("{name}.{}", e.path());
                JobError::setting(Refused::written(
                    key.clone(),
                    Message::new("problem-set-unreadable")
                        .arg("key", key)
                        .with("message", Message::verbatim(e.inner().message())),
                ))
            })?;
        specs.push((name, spec));
    }
    Ok(specs)
}

/// The what-if strategy of a question about `sc`, and the change in words.
fn strategy(sc: &Scenario, q: &WhatIfQuestion) -> Result<(StrategySpec, String), JobError> {
    let base = &sc.strategies[sc.baseline_index()];
    let listed = components_of(base, q)?;
    let specs = settings_of(base, &listed)?;
    let mut change: Vec<String> = q.add.iter().map(|a| format!("added {a}")).collect();
    change.extend(q.remove.iter().map(|r| format!("removed {r}")));
    change.extend(q.set.iter().map(|s| format!("set {s}")));
    let description = format!("{}, {}", base.name, change.join(", "));
    let mut spec = StrategySpec::resolve(WHAT_IF, description.clone(), &listed, &specs);
    if !q.set.is_empty() {
        spec = with_settings(sc, spec, &q.set)?;
    }
    let mut problems: Vec<Problem> = Vec::new();
    for (c, settings) in &spec.components {
        settings.validate(c.as_str(), &mut problems);
    }
    if let Some(p) = problems.into_iter().next() {
        return Err(JobError::setting(Refused::value(p)));
    }
    if spec.components == base.components {
        return Err(JobError::Input(
            Message::new("problem-whatif-nothing-changes").arg("baseline", &base.name),
        ));
    }
    Ok((spec, description))
}

/// The what-if strategy with `--set COMPONENT.KEY=VALUE` applied through its
/// parameter paths (`strategies.what_if.COMPONENT.KEY`): numbers and choices,
/// checked and explained by the scenario's loader.
fn with_settings(
    sc: &Scenario,
    spec: StrategySpec,
    sets: &[String],
) -> Result<StrategySpec, JobError> {
    let mut trial = sc.clone();
    trial.strategies = vec![sc.strategies[sc.baseline_index()].clone(), spec];
    let paths = Paths::of(&trial);
    let mut keys: Vec<String> = Vec::new();
    for (c, _) in &trial.strategies[1].components {
        for k in paths.keys(&format!("strategies.{WHAT_IF}.{c}"), Use::Set) {
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
    }
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    let mut changes = Vec::new();
    for s in sets {
        let (comp, key, value) = parse_set(s, &keys)?;
        if !trial.strategies[1]
            .components
            .iter()
            .any(|(c, _)| *c == comp)
        {
            return Err(JobError::setting(Refused::written(
                format!("{comp}.{key}"),
                Message::new("problem-set-not-in-strategy")
                    .arg("given", s)
                    .arg("name", comp),
            )));
        }
        changes.push((format!("strategies.{WHAT_IF}.{comp}.{key}"), value));
    }
    let set = paths
        .with_values(changes.iter().map(|(p, v)| (p.as_str(), v.clone())))
        .map_err(|problems| match problems.into_iter().next() {
            Some(mut p) => {
                if let Some(key) = p.key.strip_prefix(&format!("strategies.{WHAT_IF}.")) {
                    p.key = key.to_string();
                }
                JobError::setting(Refused::value(p))
            }
            None => JobError::Internal(Message::new("problem-internal-whatif-refused")),
        })?;
    set.strategies
        .into_iter()
        .find(|s| s.name == WHAT_IF)
        .ok_or_else(|| JobError::Internal(Message::new("problem-internal-whatif-lost")))
}

impl WhatIf {
    /// Reads the scenario and builds the what-if scenario of a question:
    /// the baseline strategy and the what-if strategy, with the overrides.
    pub fn ask(q: &WhatIfQuestion) -> Result<WhatIf, JobError> {
        let given =
            ScenarioFile::load_or_bundled(q.scenario.as_deref().unwrap_or(DEFAULT_SCENARIO))?;
        WhatIf::ask_about(given, q)
    }

    /// Builds the what-if scenario of a question about `given`, a scenario
    /// already read (a front end's scenario object, e.g. built from a
    /// Python dict); `q.scenario` is not read.
    pub fn ask_about(given: ScenarioFile, q: &WhatIfQuestion) -> Result<WhatIf, JobError> {
        let mut sc = given.scenario;
        let (spec, change) = strategy(&sc, q)?;
        let base = sc.strategies[sc.baseline_index()].clone();
        let stops_everything = spec.components.is_empty();
        if stops_everything {
            sc.baseline = WHAT_IF.to_string();
            sc.strategies = vec![spec, base];
        } else {
            sc.strategies = vec![base, spec];
        }
        sc.description = format!(
            "What if: {change} (from {}: {})",
            given.file, sc.description
        );
        q.overrides.apply(&mut sc)?;
        let sc = with_uncertainty(sc, &given.file, &given.text, q)?;
        Ok(WhatIf {
            scenario: sc,
            change,
            file: given.file,
            stops_everything,
        })
    }

    /// The folder of this question's answer under `results/`: named from the
    /// scenario and the question, e.g.
    /// `results/whatif-one_class_contact_book-add-contact_book-set-contact_book-frequency-daily`,
    /// so that every question keeps its own answer. When that folder already
    /// holds an answer (the same question asked again), the first free
    /// `…-2`, `…-3`, … is taken: earlier answers are never replaced.
    pub fn default_out(&self) -> PathBuf {
        self.out_in(Path::new("results"))
    }

    /// The folder of this question's answer under `results`, as
    /// [`WhatIf::default_out`] chooses it under `results/`.
    pub fn out_in(&self, results: &Path) -> PathBuf {
        let asked = self
            .change
            .split_once(", ")
            .map_or(&*self.change, |(_, c)| c);
        let stem = format!("whatif-{}-{}", self.scenario.name, slug(asked));
        let taken = |p: &Path| p.exists() && p.read_dir().map_or(true, |mut d| d.next().is_some());
        let first = results.join(&stem);
        if !taken(&first) {
            return first;
        }
        (2u32..)
            .map(|n| results.join(format!("{stem}-{n}")))
            .find(|p| !taken(p))
            .unwrap_or(first)
    }
}

/// The what-if scenario `sc` (from `file` with `text`) with the parameter
/// draws the question asks for: the posterior named by an absolute path
/// (the scenario is written elsewhere), the values the file sets kept.
fn with_uncertainty(
    mut sc: Scenario,
    file: &str,
    text: &str,
    q: &WhatIfQuestion,
) -> Result<Scenario, JobError> {
    let absolute = |p: &Path| {
        std::path::absolute(p)
            .unwrap_or_else(|_| p.to_path_buf())
            .display()
            .to_string()
    };
    if let Some(p) = &q.posterior {
        sc.run.posterior = Some(absolute(Path::new(p)));
    } else if let Some(p) = &sc.run.posterior {
        let dir = Path::new(file).parent().unwrap_or(Path::new(""));
        sc.run.posterior = Some(absolute(&dir.join(p)));
    }
    if q.uncertainty || sc.run.posterior.is_some() {
        sc.run.uncertainty = true;
    }
    let mut tmp = ScenarioFile {
        scenario: sc,
        file: file.to_string(),
        text: text.to_string(),
        parameters: Default::default(),
    };
    super::uncertainty::attach_draws(&mut tmp, None, &[])?;
    Ok(tmp.scenario)
}

/// TOML `text` of a resolved scenario without the `section.key` lines of
/// `paths` (the drawn parameters, so that the file draws them again).
pub(super) fn without_keys(text: &str, paths: &[&str]) -> String {
    let mut section = String::new();
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if t.starts_with('[') && t.ends_with(']') {
            section = t.trim_matches(|c| c == '[' || c == ']').to_string();
        } else if let Some((k, _)) = t.split_once(" = ")
            && paths.contains(&format!("{section}.{k}").as_str())
        {
            continue;
        }
        out.push_str(line);
    }
    out
}

/// The longest folder name taken from a question (the rest is cut).
const SLUG_MAX: usize = 80;

/// A question's change as a folder name: letters, digits and `_` kept, every
/// other run of characters one `-`; `added contact_book, set
/// contact_book.frequency=daily` → `add-contact_book-set-contact_book-frequency-daily`.
fn slug(change: &str) -> String {
    let words = change
        .replace("added ", "add ")
        .replace("removed ", "remove ");
    let mut out = String::new();
    for ch in words.chars() {
        if ch.is_ascii_alphanumeric() || ch == '_' {
            out.push(ch.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let mut cut: String = out.trim_end_matches('-').chars().take(SLUG_MAX).collect();
    while cut.ends_with('-') {
        cut.pop();
    }
    cut
}

/// Runs the what-if scenario against the baseline and answers in plain
/// words. The scenario is run exactly as `out/scenario.toml` says, so that
/// `resim run` on that file reproduces the answer.
pub fn what_if(
    w: &WhatIf,
    out: &Path,
    threads: Option<usize>,
    progress: &dyn Progress,
    cancel: &Cancel,
) -> Result<WhatIfAnswer, JobError> {
    let mut text = w.scenario.to_toml();
    if let Some(d) = &w.scenario.draws {
        let drawn: Vec<&str> = d.drawn().collect();
        text = without_keys(&text, &drawn);
    }
    let file = out.join("scenario.toml").display().to_string();
    let scenario = ScenarioFile::parse(&text, &file).map_err(|e| {
        JobError::Internal(
            Message::new("problem-internal-whatif-read-back")
                .with("message", Message::verbatim(e.to_string())),
        )
    })?;
    let result = run(&RunOptions { scenario, threads }, None, progress, cancel)?;
    let data = ReportData::from_files(&out.display().to_string(), &result.files()?).map_err(
        |e| match e {
            ReportError::Input(m) => JobError::Internal(m),
            other => other.into(),
        },
    )?;
    Ok(WhatIfAnswer {
        text: answer(&result.scenario, &data, w.stops_everything),
        run: result,
        scenario_toml: text,
    })
}

/// One outcome before and after the change, in the question's direction:
/// `before` is what is done now, `after` the what-if.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Change {
    /// The mean with what is done now.
    pub before: f64,
    /// The mean with the what-if.
    pub after: f64,
    /// `after − before`.
    pub diff: f64,
    /// Lower bound of the 95 % interval of the difference.
    pub lo: f64,
    /// Upper bound of the 95 % interval of the difference.
    pub hi: f64,
    /// Students in the subgroup (mean over replicates).
    pub students: f64,
    /// What `lo`–`hi` is: the Monte Carlo interval of the mean, or, when
    /// parameters were drawn, the uncertainty interval.
    pub label: &'static str,
}

/// The change of `outcome` in `subgroup` from what is done now (`current`) to
/// the what-if. When the what-if is the baseline (`stops`), effects.csv holds
/// what is done now against it, and the difference is turned round.
pub fn change_of(
    data: &ReportData,
    current: &str,
    stops: bool,
    subgroup: &str,
    outcome: &str,
) -> Option<Change> {
    if stops {
        data.effect(current, subgroup, outcome).map(|e| {
            let (lo, hi, label) = words::told_interval(e);
            Change {
                before: e.mean,
                after: e.baseline_mean,
                diff: -e.diff,
                lo: -hi,
                hi: -lo,
                students: e.students,
                label,
            }
        })
    } else {
        data.effect(WHAT_IF, subgroup, outcome).map(|e| {
            let (lo, hi, label) = words::told_interval(e);
            Change {
                before: e.baseline_mean,
                after: e.mean,
                diff: e.diff,
                lo,
                hi,
                students: e.students,
                label,
            }
        })
    }
}

/// The plain-language answer; `stops` when the what-if stops everything
/// done now (it is then the scenario's baseline).
fn answer(sc: &Scenario, data: &ReportData, stops: bool) -> String {
    let Some(base) = data.strategies.iter().find(|s| s.name != WHAT_IF) else {
        return String::new();
    };
    let n = sc.students() as f64;
    let classes = sc.population.classes();
    let (unit, who) = if classes == 1 {
        ("your class", format!("1 class of {}", sc.students()))
    } else if sc.population.school_count() == 1 {
        (
            "your school",
            format!("1 school, {classes} classes, {} students", sc.students()),
        )
    } else {
        (
            "these schools",
            format!(
                "{} schools, {classes} classes, {} students",
                sc.population.school_count(),
                sc.students()
            ),
        )
    };
    let when = if sc.calendar.years == 1 {
        "at the end of the year".to_string()
    } else {
        format!("after {} years", sc.calendar.years)
    };
    let used = if base.components == "none" {
        String::new()
    } else {
        format!(" ({})", base.components.replace('+', ", "))
    };
    let change = sc
        .strategies
        .iter()
        .find(|s| s.name == WHAT_IF)
        .and_then(|s| s.description.split_once(", "))
        .map(|(_, c)| c.to_string())
        .unwrap_or_default();
    let mut out = format!(
        "What if {unit} {change}, compared with what it does now: `{}`{used}?\n{} — {who}; {} replicates, seed {}, {} weeks\n\n",
        base.name,
        sc.name,
        sc.run.replicates,
        sc.run.seed,
        sc.calendar.total_weeks()
    );
    if let Some(d) = change_of(data, &base.name, stops, "all", "depressive") {
        out.push_str(&format!(
            "  Students with depressive symptoms {when}: {} → {} of {} ({} students, {} {})\n",
            num(d.before * n),
            num(d.after * n),
            sc.students(),
            signed(d.diff * n),
            d.label,
            interval(d.lo * n, d.hi * n)
        ));
    }
    if let Some(r) = change_of(data, &base.name, stops, "all", "resilience") {
        out.push_str(&format!(
            "  Average resilience (0-100): {} → {} ({} points, {} {})\n",
            num(r.before),
            num(r.after),
            signed(r.diff),
            r.label,
            interval(r.lo, r.hi)
        ));
    }
    if let Some(r) = change_of(data, &base.name, stops, "left_behind", "resilience") {
        out.push_str(&format!(
            "  Left-behind students (about {:.0} of {}): resilience {} points ({} {})\n",
            r.students,
            sc.students(),
            signed(r.diff),
            r.label,
            interval(r.lo, r.hi)
        ));
    }
    if let Some(w) = data.strategies.iter().find(|s| s.name == WHAT_IF) {
        out.push_str(&format!(
            "  Teacher time: {} → {} hours per class per term ({})\n  Cost: {} → {} per student per year ({})\n",
            num(base.teacher_hours_per_class_term),
            num(w.teacher_hours_per_class_term),
            signed(w.teacher_hours_per_class_term - base.teacher_hours_per_class_term),
            num(base.cost_per_student_year),
            num(w.cost_per_student_year),
            signed(w.cost_per_student_year - base.cost_per_student_year),
        ));
    }
    if stops {
        if let (Some(r), Some(w)) = (
            change_of(data, &base.name, stops, "all", "resilience"),
            data.strategies.iter().find(|s| s.name == WHAT_IF),
        ) {
            out.push_str(&format!(
                "\nIn plain words: without {} the average resilience of {unit} would change by {} points ({} {}) {when}, and {} hours of teacher time per class per term and {} per student per year would be freed.\n",
                base.components.replace('+', ", "),
                signed(r.diff),
                r.label,
                interval(r.lo, r.hi),
                num(base.teacher_hours_per_class_term - w.teacher_hours_per_class_term),
                num(base.cost_per_student_year - w.cost_per_student_year),
            ));
        }
    } else {
        for (_, p) in words::findings(data, "all") {
            out.push_str(&format!("\nIn plain words: {p}\n"));
        }
    }
    out
}
