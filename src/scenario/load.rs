//! Reading a scenario file: bytes → TOML → typed sections → validation.

use std::path::Path;

use toml::de::DeTable;

use super::district;
use super::error::ScenarioError;
use super::messages::{duplicate_key, explain, shape_problems};
use super::raw::RawScenario;
use super::strategy::{STRATEGY_KEYS, StrategySpec};
use super::sweep_spec;
use super::work::Work;
use super::{ModelParams, Scenario};
use crate::components::{self, ComponentSpec};
use crate::input::{self, InputError};
use crate::problem::{Message, Problem, datetime_at, line_of, locate, valid_names};

/// Largest scenario file accepted (a scenario is a few kilobytes).
pub const MAX_FILE_BYTES: usize = 1 << 20;

/// Reads and validates a scenario file.
pub fn load(path: &Path) -> Result<Scenario, ScenarioError> {
    let text = read_text(path)?;
    parse(&text, path)
}

/// Reads a scenario file's text, at most [`MAX_FILE_BYTES`] bytes whatever
/// the file type (a pipe, `/dev/stdin` or `/dev/zero` is cut off at the
/// cap, not read to its end), and checks that it is UTF-8.
pub fn read_text(path: &Path) -> Result<String, ScenarioError> {
    let fail = |message: Message, valid: Message| {
        ScenarioError::single(path, Problem::new("", message, valid))
    };
    let bytes = match input::read_capped(path, MAX_FILE_BYTES as u64, "a scenario") {
        Ok(b) => b,
        Err(InputError::Directory { .. }) => {
            return Err(fail(
                Message::new("problem-file-directory"),
                Message::new("valid-scenario-file"),
            ));
        }
        Err(InputError::TooLarge { .. }) => {
            return Err(fail(
                Message::new("problem-file-larger").arg("max", MAX_FILE_BYTES),
                Message::new("valid-file-size").arg("max", MAX_FILE_BYTES),
            ));
        }
        Err(InputError::Io { source, .. }) => {
            return Err(fail(
                Message::new("problem-file-unreadable").arg("why", source),
                Message::new("valid-readable-file"),
            ));
        }
    };
    match String::from_utf8(bytes) {
        Ok(t) => Ok(t),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let line = line_of(&String::from_utf8_lossy(&e.as_bytes()[..at]), at);
            let mut p = Problem::new(
                "",
                Message::new("problem-not-utf8").arg("offset", at),
                Message::new("valid-utf8"),
            );
            p.line = Some(line);
            Err(ScenarioError::single(path, p))
        }
    }
}

/// Parses and validates scenario text; `file` is used in messages only.
pub fn parse(text: &str, file: &Path) -> Result<Scenario, ScenarioError> {
    let err = |problems: Vec<Problem>| ScenarioError {
        file: file.to_path_buf(),
        problems,
    };
    if text.len() > MAX_FILE_BYTES {
        return Err(err(vec![Problem::new(
            "",
            Message::new("problem-file-bytes").arg("bytes", text.len()),
            Message::new("valid-file-size").arg("max", MAX_FILE_BYTES),
        )]));
    }
    if text.trim().is_empty() {
        return Err(err(vec![Problem::new(
            "",
            Message::new("problem-file-empty"),
            Message::new("valid-scenario-minimum"),
        )]));
    }
    let doc = DeTable::parse(text).map_err(|e| {
        let mut p = Problem::new(
            "",
            Message::new("problem-not-toml").arg("why", e.message().trim()),
            Message::new("valid-toml-syntax"),
        );
        p.line = e.span().map(|s| line_of(text, s.start));
        if e.message().contains("duplicate key")
            && let Some(span) = e.span()
        {
            duplicate_key(text, span.start, &mut p);
        }
        err(vec![p])
    })?;
    let doc = doc.get_ref();
    if let Err(mut p) = super::schema::check(text) {
        p.line = locate(text, doc, &p.key);
        return Err(err(vec![p]));
    }
    let shape = shape_problems(doc);
    if !shape.is_empty() {
        let mut shape = shape;
        for p in &mut shape {
            p.line = locate(text, doc, &p.key);
        }
        return Err(err(shape));
    }
    let de = toml::Deserializer::parse(text).map_err(|e| {
        err(vec![Problem::new(
            "",
            Message::verbatim(e.message()),
            Message::new("valid-toml"),
        )])
    })?;
    let mut raw: RawScenario = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let mut p = explain(&path, inner.message());
        if let Some(d) = datetime_at(doc, &p.key) {
            p.message = Message::new("problem-datetime").arg("value", d);
        }
        p.line = inner
            .span()
            .filter(|s| s.start > 0 || s.end > 0)
            .map(|s| line_of(text, s.start))
            .or_else(|| locate(text, doc, &p.key));
        err(vec![p])
    })?;
    let mut problems = Vec::new();
    let written: Vec<&str> = doc
        .get("population")
        .and_then(|v| v.get_ref().as_table())
        .map(|t| t.iter().map(|(k, _)| k.get_ref().as_ref()).collect())
        .unwrap_or_default();
    district::load_into(&mut raw.population, file, &written, &mut problems);
    let sweep = raw.sweep.take();
    let mut scenario = build(raw, &mut problems);
    if problems.is_empty()
        && let Some(table) = &sweep
    {
        match sweep_spec::parse(table, &scenario, text, doc) {
            Ok(spec) => scenario.sweep = Some(spec),
            Err(ps) => problems.extend(ps),
        }
    }
    if problems.is_empty() {
        Ok(scenario)
    } else {
        for p in &mut problems {
            if p.line.is_none() {
                p.line = locate(text, doc, &p.key);
            }
        }
        Err(err(problems))
    }
}

/// Reads a scenario from its resolved form as a TOML table, the way
/// [`parse`] reads a file's text after its syntax and shape checks: the same
/// deserialisation, checks and messages, without lines (no text) and
/// without `[sweep]` (the caller keeps its own). Parameter paths set values
/// through it.
pub(super) fn from_table(table: toml::Table) -> Result<Scenario, Vec<Problem>> {
    let raw: RawScenario =
        serde_path_to_error::deserialize(toml::Value::Table(table)).map_err(|e| {
            let path = e.path().to_string();
            vec![explain(&path, e.into_inner().message())]
        })?;
    let mut problems = Vec::new();
    let scenario = build(raw, &mut problems);
    if problems.is_empty() {
        Ok(scenario)
    } else {
        Err(problems)
    }
}

fn safe_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn build(raw: RawScenario, problems: &mut Vec<Problem>) -> Scenario {
    if !safe_name(&raw.name) {
        problems.push(Problem::new(
            "name",
            Message::new("problem-scenario-name").arg("name", &raw.name),
            Message::new("valid-name-rule"),
        ));
    }
    raw.run.validate(&raw.calendar, problems);
    raw.population.validate(problems);
    raw.traits.validate(problems);
    raw.calendar.validate(problems);
    let params = ModelParams {
        stress: raw.stress,
        support: raw.support,
        learning: raw.learning,
        academic: raw.academic,
        detection: raw.detection,
        trust: raw.trust,
        adults: raw.adults,
        exosystem: raw.exosystem,
        macrosystem: raw.macrosystem,
        economics: raw.economics,
        components: raw.components,
        mechanisms: raw.mechanisms,
    };
    params.validate(problems);

    let mut strategies = Vec::new();
    for (name, value) in &raw.strategies {
        let key = format!("strategies.{name}");
        if !safe_name(name) {
            problems.push(Problem::new(
                &key,
                Message::new("problem-strategy-name").arg("name", name),
                Message::new("valid-name-rule"),
            ));
        }
        let Some(table) = value.as_table() else {
            problems.push(Problem::new(
                &key,
                Message::new("problem-must-be-table"),
                Message::new("valid-strategy-table").arg("name", name),
            ));
            continue;
        };
        if let Some(s) = strategy(name, table, problems) {
            strategies.push(s);
        }
    }
    if raw.strategies.len() < 2 {
        problems.push(Problem::new(
            "strategies",
            Message::new(if raw.strategies.len() == 1 {
                "problem-one-strategy"
            } else {
                "problem-strategies"
            })
            .arg("count", raw.strategies.len()),
            Message::new("valid-two-strategies-baseline"),
        ));
    }
    let names: Vec<&str> = raw.strategies.keys().map(|k| k.as_str()).collect();
    let baseline = match raw.baseline {
        Some(b) => {
            if !names.contains(&b.as_str()) && !names.is_empty() {
                problems.push(Problem::new(
                    "baseline",
                    Message::new("problem-no-strategy").arg("name", &b),
                    valid_names(&b, &names),
                ));
            }
            b
        }
        None => names.first().map(|s| s.to_string()).unwrap_or_default(),
    };
    let baseline_known = names.contains(&baseline.as_str());
    for s in &strategies {
        if s.is_usual_practice() && s.name != baseline && baseline_known {
            problems.push(Problem::new(
                format!("strategies.{}", s.name),
                Message::new("problem-no-components"),
                Message::new("valid-add-component").arg("name", &s.name),
            ));
        }
        for (c, settings) in &s.components {
            let prefix = format!("strategies.{}.{c}", s.name);
            settings.validate(&prefix, problems);
            settings.validate_in_run(&prefix, raw.calendar.total_weeks(), problems);
        }
    }
    let scenario = Scenario {
        name: raw.name,
        description: raw.description,
        baseline,
        run: raw.run,
        population: raw.population,
        traits: raw.traits,
        calendar: raw.calendar,
        params,
        strategies,
        sweep: None,
        draws: None,
    };
    // The total only means something once every factor is valid.
    let work = Work::of(&scenario);
    if problems.is_empty() && work.too_much() {
        problems.push(work.problem());
    }
    scenario
}

/// Every problem of a scenario's values, with the checks of loading a file
/// (no lines: the values need not come from a file). Empty when valid.
pub fn validate(sc: &Scenario) -> Vec<Problem> {
    let mut problems = Vec::new();
    if !safe_name(&sc.name) {
        problems.push(Problem::new(
            "name",
            Message::new("problem-scenario-name").arg("name", &sc.name),
            Message::new("valid-name-rule"),
        ));
    }
    sc.run.validate(&sc.calendar, &mut problems);
    sc.population.validate(&mut problems);
    sc.traits.validate(&mut problems);
    sc.calendar.validate(&mut problems);
    sc.params.validate(&mut problems);
    if sc.strategies.len() < 2 {
        problems.push(Problem::new(
            "strategies",
            Message::new("problem-strategies").arg("count", sc.strategies.len()),
            Message::new("valid-two-strategies"),
        ));
    }
    let names: Vec<&str> = sc.strategies.iter().map(|s| s.name.as_str()).collect();
    if !names.contains(&sc.baseline.as_str()) {
        problems.push(Problem::new(
            "baseline",
            Message::new("problem-no-strategy").arg("name", &sc.baseline),
            valid_names(&sc.baseline, &names),
        ));
    }
    for s in &sc.strategies {
        for (c, settings) in &s.components {
            let prefix = format!("strategies.{}.{c}", s.name);
            settings.validate(&prefix, &mut problems);
            settings.validate_in_run(&prefix, sc.calendar.total_weeks(), &mut problems);
        }
    }
    problems
}

fn strategy(name: &str, table: &toml::Table, problems: &mut Vec<Problem>) -> Option<StrategySpec> {
    let key = format!("strategies.{name}");
    let mut description = String::new();
    let mut listed = Vec::new();
    let mut tables = Vec::new();
    let registry = components::names();
    let mut valid_keys: Vec<&str> = STRATEGY_KEYS.to_vec();
    valid_keys.extend(registry.iter().copied());
    let before = problems.len();
    for (k, v) in table {
        let sub = format!("{key}.{k}");
        match k.as_str() {
            "description" => match v.as_str() {
                Some(s) => description = s.to_string(),
                None => problems.push(Problem::new(
                    sub,
                    Message::new("problem-wrong-type").arg("got", v.type_str()),
                    Message::new("valid-string"),
                )),
            },
            "components" => match v.as_array() {
                Some(list) => {
                    for (i, item) in list.iter().enumerate() {
                        match item.as_str() {
                            Some(c) if components::find(c).is_some() => {
                                if listed.iter().any(|l: &String| l == c) {
                                    problems.push(Problem::new(
                                        format!("{sub}.{i}"),
                                        Message::new("problem-component-twice").arg("name", c),
                                        Message::new("valid-component-once"),
                                    ));
                                }
                                listed.push(c.to_string());
                            }
                            Some(c) => problems.push(Problem::new(
                                format!("{sub}.{i}"),
                                Message::new("problem-unknown-component").arg("name", c),
                                valid_names(c, &registry),
                            )),
                            None => problems.push(Problem::new(
                                format!("{sub}.{i}"),
                                Message::new("problem-wrong-type").arg("got", item.type_str()),
                                Message::new("valid-component-name"),
                            )),
                        }
                    }
                }
                None => problems.push(Problem::new(
                    sub,
                    Message::new("problem-wrong-type").arg("got", v.type_str()),
                    Message::new("valid-component-list"),
                )),
            },
            c if components::find(c).is_some() => {
                let Some(t) = v.as_table() else {
                    problems.push(Problem::new(
                        sub,
                        Message::new("problem-wrong-type").arg("got", v.type_str()),
                        Message::new("valid-settings-table")
                            .arg("key", &key)
                            .arg("name", c),
                    ));
                    continue;
                };
                let value = toml::Value::Table(t.clone());
                match serde_path_to_error::deserialize::<_, ComponentSpec>(value) {
                    Ok(spec) => tables.push((c.to_string(), spec)),
                    Err(e) => {
                        let inner_path = e.path().to_string();
                        let mut p = explain(&inner_path, e.into_inner().message());
                        if let Some(toml::Value::Datetime(d)) = t.get(p.key.as_str()) {
                            p.message = Message::new("problem-datetime").arg("value", d);
                        }
                        p.key = if p.key.is_empty() || p.key == "." {
                            sub.clone()
                        } else {
                            format!("{sub}.{}", p.key)
                        };
                        problems.push(p);
                    }
                }
            }
            other => problems.push(Problem::new(
                sub,
                Message::new("problem-unknown-component-or-key").arg("name", other),
                valid_names(other, &valid_keys),
            )),
        }
    }
    if problems.len() > before {
        return None;
    }
    Some(StrategySpec::resolve(name, description, &listed, &tables))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Calendar;

    const STRATEGIES: &str = "\n[strategies.usual_practice]\ncomponents = []\n\n[strategies.contact_book]\ncomponents = [\"contact_book\"]\n";

    fn file(head: &str) -> String {
        format!("name = \"t\"\n{head}{STRATEGIES}")
    }

    fn problems(text: &str) -> Vec<Problem> {
        parse(text, Path::new("t.toml"))
            .expect_err("the file is refused")
            .problems
    }

    #[test]
    fn a_short_file_takes_every_documented_default() {
        let sc = parse(&file(""), Path::new("t.toml")).expect("loads");
        assert_eq!(sc.baseline, "usual_practice", "the first strategy");
        assert_eq!(sc.params, ModelParams::default());
        assert_eq!(sc.calendar, Calendar::default());
        assert_eq!(sc.run.replicates, 20);
        assert_eq!(sc.strategies.len(), 2);
        assert!(sc.strategies[0].is_usual_practice());
        assert_eq!(sc.strategies[1].components[0].0, "contact_book");
        assert!(validate(&sc).is_empty());
    }

    #[test]
    fn an_unknown_section_is_named_with_its_line_and_the_nearest_key() {
        let ps = problems(&file("\n[popuation]\nschools = 2\n"));
        assert_eq!(ps.len(), 1, "{ps:?}");
        assert_eq!(ps[0].key, "popuation");
        assert_eq!(ps[0].message, "unknown key `popuation`");
        assert_eq!(ps[0].line, Some(3));
        assert!(
            ps[0].valid.starts_with("did you mean `population`?"),
            "{}",
            ps[0].valid
        );
    }

    #[test]
    fn a_parameter_out_of_range_is_named_with_its_line_and_range() {
        let ps = problems(&file(
            "\n[stress]\nexam_multiplier = 2.5\nacademic_load = 1.5\n",
        ));
        assert_eq!(ps.len(), 1, "{ps:?}");
        assert_eq!(ps[0].key, "stress.academic_load");
        assert_eq!(ps[0].message, "1.5 is out of range");
        assert_eq!(ps[0].valid, "a number from 0 to 1");
        assert_eq!(ps[0].line, Some(5));
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let ps = problems(&file(
            "\n[population]\nrural_share = 2\nschools = 0\n\n[trust]\nrate = -1\n",
        ));
        let keys: Vec<&str> = ps.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(
            keys,
            ["population.schools", "population.rural_share", "trust.rate"]
        );
        assert!(ps.iter().all(|p| p.line.is_some()), "{ps:?}");
    }

    #[test]
    fn too_much_work_is_refused_at_the_replicates() {
        let ps = problems(&file(
            "\n[run]\nreplicates = 1000000\n\n[population]\nschools = 1000\nclasses_per_school = 10\nclass_size = 500\n",
        ));
        assert_eq!(ps.len(), 1, "{ps:?}");
        assert_eq!(ps[0].key, "run.replicates");
        assert!(
            ps[0].message.starts_with(
                "5000000 students × (156 burn-in weeks + 2 strategies × 52 weeks) × 1000000 replicates = 1300000000000000 student-weeks"
            ),
            "{}",
            ps[0].message
        );
        assert_eq!(ps[0].line, Some(4));
    }

    #[test]
    fn the_sweep_section_is_parsed_against_the_scenario() {
        let sc = parse(
            &file("\n[sweep]\n\"stress.academic_load\" = [0.06, 0.1]\n"),
            Path::new("t.toml"),
        )
        .expect("loads");
        let sweep = sc.sweep.expect("a sweep");
        assert_eq!(sweep.parameters[0].path, "stress.academic_load");
        assert_eq!(sweep.points(), 2);
        let ps = problems(&file("\n[sweep]\n\"stress.academic_lod\" = [0.06, 0.1]\n"));
        assert_eq!(ps[0].key, "sweep.stress.academic_lod");
        assert!(
            ps[0].valid.contains("stress.academic_load"),
            "{}",
            ps[0].valid
        );
    }

    #[test]
    fn validating_values_finds_what_loading_would() {
        let mut sc = parse(&file(""), Path::new("t.toml")).expect("loads");
        sc.params.trust.rate = 2.0;
        sc.baseline = "usual".into();
        let ps = validate(&sc);
        let keys: Vec<&str> = ps.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(keys, ["trust.rate", "baseline"]);
        assert!(
            ps[1].valid.contains("did you mean `usual_practice`?"),
            "{}",
            ps[1].valid
        );
        assert!(ps.iter().all(|p| p.line.is_none()));
    }
}
