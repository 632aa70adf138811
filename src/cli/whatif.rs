//! `resim whatif`: an educator's question about one class or school, answered
//! in plain words — the scenario's baseline strategy with components added,
//! removed or changed, run against the baseline.

use std::path::{Path, PathBuf};

use clap::Args;
use resilience_sim::components::{self, ComponentSpec};
use resilience_sim::report::words::{self, interval, num, signed};
use resilience_sim::report::{ReportData, ReportError};
use resilience_sim::scenario::path::{Paths, Use};
use resilience_sim::scenario::{self, Problem, Scenario, StrategySpec};

use super::CliError;
use super::pipeline::{self, Job};
use super::report::{self, ReportChoice};

/// The bundled scenarios, so `resim whatif NAME` works from any directory.
const BUNDLED: &[(&str, &str)] = &[
    (
        "one_class_contact_book",
        include_str!("../../scenarios/one_class_contact_book.toml"),
    ),
    (
        "quickstart",
        include_str!("../../scenarios/quickstart.toml"),
    ),
    (
        "meta_analysis_trial",
        include_str!("../../scenarios/meta_analysis_trial.toml"),
    ),
    (
        "rural_left_behind",
        include_str!("../../scenarios/rural_left_behind.toml"),
    ),
    (
        "urban_exam_pressure",
        include_str!("../../scenarios/urban_exam_pressure.toml"),
    ),
    ("trust_gap", include_str!("../../scenarios/trust_gap.toml")),
];

/// Name of the what-if strategy.
const WHAT_IF: &str = "what_if";

/// Arguments of `resim whatif`.
#[derive(Debug, Args)]
pub struct WhatifArgs {
    /// Scenario file, or a bundled scenario's name [default: one_class_contact_book].
    scenario: Option<String>,
    /// Add a component to the baseline strategy (repeatable), e.g. --add contact_book.
    #[arg(long, value_name = "COMPONENT")]
    add: Vec<String>,
    /// Remove a component of the baseline strategy (repeatable).
    #[arg(long, value_name = "COMPONENT")]
    remove: Vec<String>,
    /// Change a setting (repeatable), e.g. --set contact_book.frequency=daily.
    #[arg(long, value_name = "COMPONENT.KEY=VALUE")]
    set: Vec<String>,
    /// Output directory [default: results/whatif-<scenario name>].
    #[arg(long)]
    out: Option<PathBuf>,
    /// Replicates (overrides the scenario's run.replicates).
    #[arg(long)]
    replicates: Option<u32>,
    /// Master seed (overrides the scenario's run.seed).
    #[arg(long)]
    seed: Option<u64>,
    /// Worker threads [default: SLURM_CPUS_PER_TASK, else all cores].
    #[arg(long)]
    threads: Option<usize>,
    #[command(flatten)]
    choice: ReportChoice,
    /// Replace the files of a non-empty output directory.
    #[arg(long)]
    force: bool,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
}

fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn unknown_component(flag: &str, name: &str) -> CliError {
    let names = components::names();
    let near = names
        .iter()
        .max_by(|a, b| strsim::jaro_winkler(name, a).total_cmp(&strsim::jaro_winkler(name, b)))
        .filter(|n| strsim::jaro_winkler(name, n) > 0.8)
        .map(|n| format!("did you mean `{n}`? "))
        .unwrap_or_default();
    CliError::Input(format!(
        "{flag} `{name}`: unknown component; {near}valid components: {}",
        list(&names)
    ))
}

/// Loads a scenario file, or a bundled scenario by name.
fn load(arg: Option<&str>) -> Result<(Scenario, String), CliError> {
    let given = arg.unwrap_or("scenarios/one_class_contact_book.toml");
    let path = Path::new(given);
    if path.exists() {
        return Ok((scenario::load(path)?, given.to_string()));
    }
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or(given);
    match BUNDLED.iter().find(|(n, _)| *n == stem) {
        Some((name, text)) => {
            let file = format!("scenarios/{name}.toml");
            Ok((scenario::parse(text, Path::new(&file))?, file))
        }
        None => Err(CliError::Input(format!(
            "no scenario file `{given}` and no bundled scenario of that name; bundled: {}",
            list(&BUNDLED.iter().map(|(n, _)| *n).collect::<Vec<_>>())
        ))),
    }
}

/// Parses `component.key=value` into its parts and a TOML value; `keys` are
/// the settings `--set` may change.
fn parse_set(s: &str, keys: &[&str]) -> Result<(String, String, toml::Value), CliError> {
    let bad = || {
        CliError::Input(format!(
            "--set `{s}`: write COMPONENT.KEY=VALUE, e.g. --set contact_book.frequency=daily; keys: {}",
            list(keys)
        ))
    };
    let (lhs, value) = s.split_once('=').ok_or_else(bad)?;
    let (comp, key) = lhs.trim().split_once('.').ok_or_else(bad)?;
    if components::find(comp).is_none() {
        return Err(unknown_component("--set", comp));
    }
    if !keys.contains(&key) {
        return Err(CliError::Input(format!(
            "--set `{s}`: `{key}` is not a setting; valid settings: {}",
            list(keys)
        )));
    }
    let value = value.trim();
    let parsed = toml::from_str::<toml::Table>(&format!("v = {value}"))
        .ok()
        .and_then(|mut t| t.remove("v"))
        .unwrap_or_else(|| toml::Value::String(value.to_string()));
    Ok((comp.to_string(), key.to_string(), parsed))
}

/// The what-if strategy: the baseline's components, minus `--remove`, plus
/// `--add`, with `--set` applied; and a description of the change.
fn what_if(sc: &Scenario, args: &WhatifArgs) -> Result<(StrategySpec, String), CliError> {
    for c in args.add.iter() {
        if components::find(c).is_none() {
            return Err(unknown_component("--add", c));
        }
    }
    let base = &sc.strategies[sc.baseline_index()];
    let used: Vec<&str> = base.components.iter().map(|(n, _)| n.as_str()).collect();
    for c in args.remove.iter() {
        if components::find(c).is_none() {
            return Err(unknown_component("--remove", c));
        }
        if !used.contains(&c.as_str()) {
            return Err(CliError::Input(format!(
                "--remove `{c}`: the baseline strategy `{}` does not use it; it uses: {}",
                base.name,
                if used.is_empty() {
                    "nothing".into()
                } else {
                    list(&used)
                }
            )));
        }
        if args.add.contains(c) {
            return Err(CliError::Input(format!("`{c}` is both added and removed")));
        }
    }
    let mut listed: Vec<String> = used
        .iter()
        .filter(|c| !args.remove.iter().any(|r| r == *c))
        .map(|c| c.to_string())
        .collect();
    for a in &args.add {
        if !listed.contains(a) {
            listed.push(a.clone());
        }
    }
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
                CliError::Input(format!(
                    "--set {name}.{}: {}",
                    e.path(),
                    e.inner().message()
                ))
            })?;
        specs.push((name, spec));
    }
    let mut change: Vec<String> = args.add.iter().map(|a| format!("added {a}")).collect();
    change.extend(args.remove.iter().map(|r| format!("removed {r}")));
    change.extend(args.set.iter().map(|s| format!("set {s}")));
    let description = format!("{}, {}", base.name, change.join(", "));
    let mut spec = StrategySpec::resolve(WHAT_IF, description.clone(), &listed, &specs);
    if !args.set.is_empty() {
        spec = with_settings(sc, spec, &args.set)?;
    }
    let mut problems: Vec<Problem> = Vec::new();
    for (c, settings) in &spec.components {
        settings.validate(c.as_str(), &mut problems);
    }
    if let Some(p) = problems.first() {
        return Err(CliError::Input(format!(
            "--set {}: {}; valid: {}",
            p.key, p.message, p.valid
        )));
    }
    if spec.components.is_empty() {
        return Err(CliError::Input(
            "the what-if strategy would have no components; keep or add at least one".into(),
        ));
    }
    if spec.components == base.components {
        return Err(CliError::Input(format!(
            "nothing changes: `{}` already is this strategy; use --add, --remove or --set, e.g. --add contact_book",
            base.name
        )));
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
) -> Result<StrategySpec, CliError> {
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
            return Err(CliError::Input(format!(
                "--set `{s}`: `{comp}` is not in the what-if strategy; add it with --add {comp}"
            )));
        }
        changes.push((format!("strategies.{WHAT_IF}.{comp}.{key}"), value));
    }
    let set = paths
        .with_values(changes.iter().map(|(p, v)| (p.as_str(), v.clone())))
        .map_err(|problems| match problems.first() {
            Some(p) => {
                let key = p
                    .key
                    .strip_prefix(&format!("strategies.{WHAT_IF}."))
                    .unwrap_or(&p.key);
                CliError::Input(format!("--set {key}: {}; valid: {}", p.message, p.valid))
            }
            None => CliError::Internal("the what-if scenario was refused".into()),
        })?;
    set.strategies
        .into_iter()
        .find(|s| s.name == WHAT_IF)
        .ok_or_else(|| CliError::Internal("the what-if strategy was lost".into()))
}

/// Builds the what-if strategy, runs it against the baseline, prints the
/// answer in plain words and writes the results and report.
pub fn whatif(args: WhatifArgs) -> Result<(), CliError> {
    args.choice.validate()?;
    let (mut sc, file) = load(args.scenario.as_deref())?;
    let (spec, change) = what_if(&sc, &args)?;
    let base = sc.strategies[sc.baseline_index()].clone();
    sc.strategies = vec![base, spec];
    sc.description = format!("What if: {change} (from {file}: {})", sc.description);
    pipeline::set_replicates(&mut sc, args.replicates)?;
    if let Some(s) = args.seed {
        sc.run.seed = s;
    }
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| Path::new("results").join(format!("whatif-{}", sc.name)));
    // Run exactly what scenario.toml says, so that `resim run` on it reproduces the answer.
    let text = sc.to_toml();
    let scenario_file = out.join("scenario.toml");
    let sc = scenario::parse(&text, &scenario_file)
        .map_err(|e| CliError::Internal(format!("the what-if scenario does not read back: {e}")))?;
    pipeline::execute(
        &sc,
        Job {
            scenario_file: scenario_file.display().to_string(),
            scenario_bytes: text.clone().into_bytes(),
            out: out.clone(),
            force: args.force,
            threads: args.threads,
            quiet: args.quiet,
            students: false,
            extra_files: vec![("scenario.toml", text.into_bytes())],
        },
    )?;
    let data = ReportData::from_dir(&out).map_err(|e| match e {
        ReportError::Input(m) => CliError::Internal(m),
        other => other.into(),
    })?;
    print!("{}", answer(&sc, &data));
    let report = report::write(&out, &args.choice, true)?;
    println!("Results and report: {}", report.display());
    Ok(())
}

/// The plain-language answer printed on the terminal.
fn answer(sc: &Scenario, data: &ReportData) -> String {
    let base = &data.strategies[data.baseline_index()];
    let n = sc.students() as f64;
    let classes = sc.population.classes();
    let (unit, who) = if classes == 1 {
        ("your class", format!("1 class of {}", sc.students()))
    } else if sc.population.schools == 1 {
        (
            "your school",
            format!("1 school, {classes} classes, {} students", sc.students()),
        )
    } else {
        (
            "these schools",
            format!(
                "{} schools, {classes} classes, {} students",
                sc.population.schools,
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
        .last()
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
    if let Some(d) = data.effect(WHAT_IF, "all", "depressive") {
        out.push_str(&format!(
            "  Students with depressive symptoms {when}: {} → {} of {} ({} students, 95 % interval {})\n",
            num(d.baseline_mean * n),
            num(d.mean * n),
            sc.students(),
            signed(d.diff * n),
            interval(d.diff_lo * n, d.diff_hi * n)
        ));
    }
    if let Some(r) = data.effect(WHAT_IF, "all", "resilience") {
        out.push_str(&format!(
            "  Average resilience (0-100): {} → {} ({} points, 95 % interval {})\n",
            num(r.baseline_mean),
            num(r.mean),
            signed(r.diff),
            interval(r.diff_lo, r.diff_hi)
        ));
    }
    if let Some(r) = data.effect(WHAT_IF, "left_behind", "resilience") {
        out.push_str(&format!(
            "  Left-behind students (about {:.0} of {}): resilience {} points (95 % interval {})\n",
            r.students,
            sc.students(),
            signed(r.diff),
            interval(r.diff_lo, r.diff_hi)
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
    for (_, p) in words::findings(data, "all") {
        out.push_str(&format!("\nIn plain words: {p}\n"));
    }
    out
}
