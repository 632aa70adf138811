//! `validate`: the model against published targets, and the targets a job
//! reads.

use crate::problem::Message;
use std::path::Path;

use crate::output::{OutputDir, write_atomic};
use crate::scenario::{self, Scenario};
use crate::validation::report::{self, ValidationRow};
use crate::validation::{self, Status, Suite, SuiteOptions, Target, TargetResult, targets};

use super::progress::Counter;
use super::setup::{check_replicates, pool, thread_count};
use super::{Cancel, JobError, Progress};

/// Published targets and the name of the file they came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Targets {
    /// The targets, in file order.
    pub targets: Vec<Target>,
    /// The file as named, or the bundled name.
    pub name: String,
}

impl Targets {
    /// Reads a targets CSV, or with `None` the bundled targets.
    pub fn load(path: Option<&Path>) -> Result<Targets, JobError> {
        Ok(match path {
            Some(p) => Targets {
                targets: targets::load(p)?,
                name: p.display().to_string(),
            },
            None => Targets {
                targets: targets::bundled(),
                name: targets::BUNDLED_NAME.to_string(),
            },
        })
    }
}

/// A scenario file replacing the default validation scenario, with the
/// name it is shown by (its path).
pub fn replacement_scenario(path: &Path) -> Result<(Scenario, String), JobError> {
    Ok((scenario::load(path)?, path.display().to_string()))
}

/// Warnings about targets the suite cannot measure, one line (or paragraph)
/// each: ids the model has no measurement for (with the nearest known id),
/// and known targets that cannot be measured, with the reason.
pub(crate) fn unmeasured_notes(suite: &Suite) -> Vec<Message> {
    let unknown = suite.unknown();
    let mut notes = Vec::new();
    if !unknown.is_empty() {
        let ids = unknown
            .iter()
            .map(|t| match validation::measures::nearest_id(&t.id) {
                Some(n) => Message::new("note-validate-unknown-id-near")
                    .arg("id", &t.id)
                    .arg("near", n),
                None => Message::new("note-validate-unknown-id").arg("id", &t.id),
            });
        let id = match unknown.len() {
            1 => "note-validate-unknown-one",
            _ => "note-validate-unknown-many",
        };
        notes.push(
            Message::new(id)
                .arg("count", unknown.len())
                .with("ids", Message::joined(ids, ", "))
                // Layout, the same in every language: the list of known ids
                // starts on a line of its own, under the first one.
                .arg("indent", "\n         ")
                .arg("known", validation::measures::known_ids().join(", ")),
        );
    }
    for (t, why) in suite.unmeasurable() {
        notes.push(
            Message::new("note-validate-unmeasurable")
                .arg("id", &t.id)
                .with("why", Message::verbatim(why)),
        );
    }
    notes
}

/// `PATH=VALUE` as given to `resim validate --set`: the path and the value
/// read as TOML (an integer, float, boolean, string or array), else taken
/// as a bare string.
pub fn parse_set(s: &str) -> Result<(String, toml::Value), JobError> {
    let Some((path, value)) = s.split_once('=') else {
        return Err(JobError::Input(
            Message::new("problem-validate-set-syntax").arg("given", s),
        ));
    };
    let (path, value) = (path.trim(), value.trim());
    if path.is_empty() {
        return Err(JobError::Input(
            Message::new("problem-validate-set-no-path").arg("given", s),
        ));
    }
    let value = toml::from_str::<toml::Table>(&format!("v = {value}"))
        .ok()
        .and_then(|mut t| t.remove("v"))
        .unwrap_or_else(|| toml::Value::String(value.to_string()));
    Ok((path.to_string(), value))
}

/// What to validate.
#[derive(Debug, Clone, Default)]
pub struct ValidateOptions {
    /// The targets.
    pub targets: Targets,
    /// A scenario replacing the default validation scenario (the bundled
    /// `scenarios/meta_analysis_trial.toml`) for the targets measured on
    /// it, with the name it is shown by; targets of other bundled
    /// validation scenarios keep theirs.
    pub scenario: Option<(Scenario, String)>,
    /// Values set by path in every scenario measured (`--set PATH=VALUE`,
    /// read by [`parse_set`]): a parameter changed, or a mechanism switched
    /// off for structural sensitivity.
    pub sets: Vec<(String, toml::Value)>,
    /// Replicates of every scenario [default: each scenario's `run.replicates`].
    pub replicates: Option<u32>,
    /// Master seed of every scenario [default: each scenario's `run.seed`].
    pub seed: Option<u64>,
    /// Worker threads [default: `SLURM_CPUS_PER_TASK`, else every core].
    pub threads: Option<usize>,
}

/// One scenario a validation ran, and what it measured there.
#[derive(Debug, Clone)]
pub struct ScenarioRun {
    /// How the scenario is shown (its file, or the bundled copy).
    pub shown: String,
    /// The scenario run: its survey window set, reduced to the strategies
    /// its targets compare.
    pub scenario: Scenario,
    /// Targets measured on it.
    pub targets: usize,
    /// Replicates run.
    pub replicates: u32,
    /// Master seed.
    pub seed: u64,
}

/// A finished validation: every target judged.
#[derive(Debug, Clone)]
pub struct ValidationResult {
    /// The targets' file name.
    pub targets_name: String,
    /// The values set by path in every scenario (as given).
    pub sets: Vec<(String, toml::Value)>,
    /// The scenarios run, in the order the targets first use them.
    pub runs: Vec<ScenarioRun>,
    /// Every target with its simulated value and result, in the targets' order.
    pub results: Vec<TargetResult>,
}

impl ValidationResult {
    /// The rows of `validation.csv`.
    pub fn rows(&self) -> Vec<ValidationRow> {
        report::rows(&self.results)
    }

    /// Writes `validation.csv` (atomically) into `dir`, claimed before
    /// the validation ran ([`super::output_dir`]).
    pub fn write(&self, dir: &OutputDir) -> Result<(), JobError> {
        Ok(write_atomic(
            &dir.file("validation.csv"),
            &report::csv(&self.results),
        )?)
    }

    /// Ids of the targets outside their band or not measured.
    pub fn failed(&self) -> Vec<&str> {
        self.results
            .iter()
            .filter(|r| r.status != Status::Pass)
            .map(|r| r.target.id.as_str())
            .collect()
    }

    /// A strict validation: fails (class [`super::ErrorClass::ValidationFailed`])
    /// when any target is outside its band or cannot be measured.
    pub fn strict(&self) -> Result<(), JobError> {
        let bad = self.failed();
        if bad.is_empty() {
            return Ok(());
        }
        let id = if bad.len() == 1 {
            "problem-validation-failed-one"
        } else {
            "problem-validation-failed-many"
        };
        Err(JobError::ValidationFailed(
            Message::new(id)
                .arg("count", bad.len())
                .arg("ids", bad.join(", ")),
        ))
    }
}

/// Groups the targets by the scenario (and survey window) they are
/// measured on ([`Suite`]), measures every target the model can measure
/// (with common random numbers in each scenario) and judges it against its
/// band. Targets that cannot be measured are reported as notes and judged
/// not measured.
pub fn validate(
    opts: &ValidateOptions,
    progress: &dyn Progress,
    cancel: &Cancel,
) -> Result<ValidationResult, JobError> {
    let replicates = opts.replicates.map(check_replicates).transpose()?;
    let threads = thread_count(opts.threads)?;
    let targets = &opts.targets;
    let suite = Suite::new(
        &targets.targets,
        &SuiteOptions {
            scenario: opts.scenario.clone(),
            replicates,
            seed: opts.seed,
            sets: opts.sets.clone(),
        },
    )
    .map_err(JobError::input)?;
    for note in unmeasured_notes(&suite) {
        progress.note(&note);
    }
    if suite.measurable() == 0 {
        return Err(JobError::Input(
            Message::new("problem-validate-none-measurable")
                .arg("count", targets.targets.len())
                .arg("name", &targets.name),
        ));
    }
    let pool = pool(threads)?;
    let counter = Counter::begin(progress, "replicates", suite.replicates(), 0);
    let measured = pool
        .install(|| suite.measure(cancel.flag(), || counter.tick()))
        .map_err(|_| JobError::interrupted())?;
    drop(counter);
    let runs = suite
        .groups
        .iter()
        .filter(|g| !g.plan.items.is_empty())
        .map(|g| ScenarioRun {
            shown: g.shown.clone(),
            scenario: g.plan.scenario.clone(),
            targets: g.plan.items.len(),
            replicates: g.run.replicates,
            seed: g.run.seed,
        })
        .collect();
    Ok(ValidationResult {
        targets_name: targets.name.clone(),
        sets: opts.sets.clone(),
        runs,
        results: suite.judge(&targets.targets, &measured),
    })
}

/// Where `resim validate` writes when no `--out` is given: `results/validation`
/// for the bundled targets, `results/validation-STEM` for a targets file
/// (`data/patterns.csv` → `results/validation-patterns`), so that validations
/// against different targets keep their own results.
pub fn default_out(targets: Option<&std::path::Path>) -> std::path::PathBuf {
    let results = std::path::Path::new("results");
    match targets
        .and_then(|t| t.file_stem())
        .map(|s| s.to_string_lossy())
    {
        Some(stem) => results.join(format!("validation-{stem}")),
        None => results.join("validation"),
    }
}
