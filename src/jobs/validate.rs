//! `validate`: the model against published targets, and the targets a job
//! reads.

use std::path::Path;

use crate::engine::RunOptions;
use crate::output::{OutputDir, write_atomic};
use crate::scenario::{self, Scenario};
use crate::validation::report::{self, ValidationRow};
use crate::validation::{self, Plan, Status, Target, TargetResult, targets};

use super::progress::Counter;
use super::setup::{check_replicates, pool, thread_count};
use super::{Cancel, JobError, Progress};

/// Published targets and the name of the file they came from.
#[derive(Debug, Clone, PartialEq)]
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

/// A scenario file, or with `None` the bundled validation scenario, and
/// the name it is known by in messages.
pub fn validation_scenario(path: Option<&Path>) -> Result<(Scenario, String), JobError> {
    Ok(match path {
        Some(p) => (scenario::load(p)?, p.display().to_string()),
        None => (
            validation::validation_scenario()?,
            format!("{} (bundled copy)", validation::VALIDATION_SCENARIO_PATH),
        ),
    })
}

/// Warnings about targets the plan cannot measure, one line (or paragraph) each.
pub(crate) fn unmeasured_notes(plan: &Plan) -> Vec<String> {
    let mut notes = Vec::new();
    if !plan.unknown.is_empty() {
        notes.push(format!(
            "warning: {} target id{} with no measurement in the model, not measured: {}\n         known ids: {}",
            plan.unknown.len(),
            if plan.unknown.len() == 1 { "" } else { "s" },
            plan.unknown
                .iter()
                .map(|t| format!("`{}`", t.id))
                .collect::<Vec<_>>()
                .join(", "),
            validation::measures::known_ids().join(", ")
        ));
    }
    for (t, why) in &plan.unmeasurable {
        notes.push(format!("warning: target `{}` not measured: {why}", t.id));
    }
    notes
}

/// What to validate.
#[derive(Debug, Clone)]
pub struct ValidateOptions {
    /// The targets.
    pub targets: Targets,
    /// The scenario to measure them on.
    pub scenario: Scenario,
    /// The scenario's name in messages.
    pub scenario_name: String,
    /// Replicates [default: the scenario's `run.replicates`].
    pub replicates: Option<u32>,
    /// Master seed [default: the scenario's `run.seed`].
    pub seed: Option<u64>,
    /// Worker threads [default: `SLURM_CPUS_PER_TASK`, else every core].
    pub threads: Option<usize>,
}

/// A finished validation: every target judged.
#[derive(Debug, Clone)]
pub struct ValidationResult {
    /// The targets' file name.
    pub targets_name: String,
    /// The scenario's name in messages.
    pub scenario_name: String,
    /// The scenario measured: the strategies the targets compare.
    pub scenario: Scenario,
    /// Replicates run.
    pub replicates: u32,
    /// Master seed.
    pub seed: u64,
    /// Every target with its simulated value and result, in the targets' order.
    pub results: Vec<TargetResult>,
}

impl ValidationResult {
    /// The rows of `validation.csv`.
    pub fn rows(&self) -> Vec<ValidationRow> {
        report::rows(&self.results, &self.scenario.name)
    }

    /// Writes `validation.csv` (atomically) into `dir`.
    pub fn write(&self, dir: &OutputDir) -> Result<(), JobError> {
        dir.create()?;
        Ok(write_atomic(
            &dir.file("validation.csv"),
            &report::csv(&self.results, &self.scenario.name),
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
        Err(JobError::ValidationFailed(format!(
            "{} target{} outside the band or not measured: {}",
            bad.len(),
            if bad.len() == 1 { "" } else { "s" },
            bad.join(", ")
        )))
    }
}

/// Measures every target the model can measure on the scenario (with
/// common random numbers) and judges it against its band. Targets that
/// cannot be measured are reported as notes and judged `unknown`.
pub fn validate(
    opts: &ValidateOptions,
    progress: &dyn Progress,
    cancel: &Cancel,
) -> Result<ValidationResult, JobError> {
    let sc = &opts.scenario;
    let replicates = match opts.replicates {
        Some(r) => check_replicates(r)?,
        None => sc.run.replicates,
    };
    let seed = opts.seed.unwrap_or(sc.run.seed);
    let threads = thread_count(opts.threads)?;
    let targets = &opts.targets;
    let plan = validation::plan(sc, &targets.targets);
    for note in unmeasured_notes(&plan) {
        progress.note(&note);
    }
    if plan.items.is_empty() {
        return Err(JobError::Input(format!(
            "none of the {} targets in {} can be measured on {}",
            targets.targets.len(),
            targets.name,
            opts.scenario_name
        )));
    }
    let pool = pool(threads)?;
    let run = RunOptions {
        replicates,
        seed,
        snapshots: false,
    };
    let counter = Counter::begin(progress, "replicates", replicates as u64, 0);
    let measured = pool
        .install(|| validation::measure(&plan, &run, cancel.flag(), || counter.tick()))
        .map_err(|_| JobError::interrupted())?;
    drop(counter);
    Ok(ValidationResult {
        targets_name: targets.name.clone(),
        scenario_name: opts.scenario_name.clone(),
        results: validation::judge(&targets.targets, &plan, &measured),
        scenario: plan.scenario,
        replicates,
        seed,
    })
}
