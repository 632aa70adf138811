//! `resim validate`: the model against published targets.

use std::path::{Path, PathBuf};

use clap::Args;
use resilience_sim::output::{self, OutputDir};
use resilience_sim::scenario::{self, Scenario};
use resilience_sim::validation::{self, Status, Suite, SuiteOptions, Target, report, targets};

use super::CliError;
use super::pipeline::{cancel_flag, out_err, progress_bar, thread_count};

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Targets CSV with the columns of calibration.csv
    /// (id,finding,statistic,value,low,high,population,source) and optional
    /// role,where,band,measured_as,scenario,survey_weeks,lag,after_end, e.g.
    /// data/patterns.csv [default: the bundled copy of
    /// shared/targets/calibration.csv].
    #[arg(long, value_name = "CSV")]
    targets: Option<PathBuf>,
    /// Scenario replacing the default validation scenario (the bundled
    /// scenarios/meta_analysis_trial.toml) for the targets measured on it;
    /// targets of other bundled validation scenarios keep theirs.
    #[arg(long, value_name = "FILE")]
    scenario: Option<PathBuf>,
    /// Set a value by its path in every scenario measured (repeatable), e.g.
    /// --set stress.academic_load=0.1; a switch, e.g. --set SECTION.KEY=false,
    /// reruns the validation with a mechanism off.
    #[arg(long, value_name = "PATH=VALUE")]
    set: Vec<String>,
    /// Replicates [default: the scenario's run.replicates].
    #[arg(long)]
    replicates: Option<u32>,
    /// Master seed [default: the scenario's run.seed].
    #[arg(long)]
    seed: Option<u64>,
    /// Worker threads [default: SLURM_CPUS_PER_TASK, else all cores].
    #[arg(long)]
    threads: Option<usize>,
    /// Exit with code 3 when any target is outside its band or cannot be measured.
    #[arg(long)]
    strict: bool,
    /// Output directory for validation.csv [default: results/validation].
    #[arg(long)]
    out: Option<PathBuf>,
    /// Replace the files of a non-empty output directory.
    #[arg(long)]
    force: bool,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
}

/// Reads the targets named by `--targets`, or the bundled ones.
pub(super) fn read_targets(path: Option<&Path>) -> Result<(Vec<Target>, String), CliError> {
    match path {
        Some(p) => {
            let t = targets::load(p).map_err(|e| CliError::Input(e.to_string()))?;
            Ok((t, p.display().to_string()))
        }
        None => Ok((targets::bundled(), targets::BUNDLED_NAME.to_string())),
    }
}

/// Replicates from `--replicates` (checked) or the scenario.
pub(super) fn replicates(arg: Option<u32>, sc: &Scenario) -> Result<u32, CliError> {
    match arg {
        Some(r) if !(1..=1_000_000).contains(&r) => Err(CliError::Input(format!(
            "--replicates {r}: valid is 1 to 1000000"
        ))),
        Some(r) => Ok(r),
        None => Ok(sc.run.replicates),
    }
}

/// Warns on stderr about target ids the model cannot measure.
pub(super) fn warn_unmeasured(suite: &Suite) {
    warn(&suite.unknown(), &suite.unmeasurable());
}

fn warn(unknown: &[&Target], unmeasurable: &[(&Target, &str)]) {
    if !unknown.is_empty() {
        eprintln!(
            "warning: {} target id{} with no measurement in the model, not measured: {}\n         known ids: {}",
            unknown.len(),
            if unknown.len() == 1 { "" } else { "s" },
            unknown
                .iter()
                .map(|t| match validation::measures::nearest_id(&t.id) {
                    Some(n) => format!("`{}` (did you mean `{n}`?)", t.id),
                    None => format!("`{}`", t.id),
                })
                .collect::<Vec<_>>()
                .join(", "),
            validation::measures::known_ids().join(", ")
        );
    }
    for (t, why) in unmeasurable {
        eprintln!("warning: target `{}` not measured: {why}", t.id);
    }
}

/// `PATH=VALUE` of `--set`: the value as a TOML integer, float, boolean or
/// string.
fn parse_set(s: &str) -> Result<(String, toml::Value), CliError> {
    let Some((path, value)) = s.split_once('=') else {
        return Err(CliError::Input(format!(
            "--set `{s}`: write PATH=VALUE, e.g. --set stress.academic_load=0.1"
        )));
    };
    let (path, value) = (path.trim(), value.trim());
    let value = if let Ok(i) = value.parse::<i64>() {
        toml::Value::Integer(i)
    } else if let Ok(x) = value.parse::<f64>() {
        toml::Value::Float(x)
    } else if let Ok(b) = value.parse::<bool>() {
        toml::Value::Boolean(b)
    } else {
        toml::Value::String(value.to_string())
    };
    Ok((path.to_string(), value))
}

pub fn validate(args: ValidateArgs) -> Result<(), CliError> {
    let (targets, targets_name) = read_targets(args.targets.as_deref())?;
    let scenario = match &args.scenario {
        Some(p) => Some((scenario::load(p)?, p.display().to_string())),
        None => None,
    };
    let reps = match (&scenario, args.replicates) {
        (Some((sc, _)), r) => Some(replicates(r, sc)?),
        (None, Some(r)) => Some(replicates(Some(r), &validation::validation_scenario()?)?),
        (None, None) => None,
    };
    let threads = thread_count(args.threads)?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| Path::new("results").join("validation"));
    let dir = OutputDir::check(&out, args.force).map_err(out_err)?;

    let sets = args
        .set
        .iter()
        .map(|s| parse_set(s))
        .collect::<Result<Vec<_>, _>>()?;
    let suite = Suite::new(
        &targets,
        &SuiteOptions {
            scenario,
            replicates: reps,
            seed: args.seed,
            sets,
        },
    )
    .map_err(CliError::Input)?;
    warn_unmeasured(&suite);
    if suite.measurable() == 0 {
        return Err(CliError::Input(format!(
            "none of the {} targets in {targets_name} can be measured",
            targets.len()
        )));
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| CliError::Internal(format!("cannot start {threads} threads: {e}")))?;
    let cancel = cancel_flag();
    let pb = progress_bar(suite.replicates(), args.quiet);
    let measured = pool
        .install(|| suite.measure(&cancel, || pb.inc(1)))
        .map_err(|_| CliError::Interrupted)?;
    pb.finish_and_clear();
    let results = suite.judge(&targets, &measured);

    dir.create().map_err(out_err)?;
    output::write_atomic(&dir.file("validation.csv"), &report::csv(&results)).map_err(out_err)?;

    if args.set.is_empty() {
        println!("validation of {targets_name}:");
    } else {
        println!(
            "validation of {targets_name}, with {} in every scenario:",
            args.set
                .iter()
                .map(|s| format!("--set {s}"))
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
    for g in suite.groups.iter().filter(|g| !g.plan.items.is_empty()) {
        let sc = &g.plan.scenario;
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        println!(
            "  {} on {}: {} students, {} measured ({}), {} weeks, survey weeks {}, {} replicates, seed {}",
            plural(g.plan.items.len(), "target", "targets"),
            g.shown,
            sc.students(),
            plural(sc.strategies.len(), "strategy", "strategies"),
            sc.strategies
                .iter()
                .map(|s| s.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            sc.calendar.total_weeks(),
            sc.survey_weeks()
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            g.run.replicates,
            g.run.seed
        );
    }
    println!();
    print!("{}", report::table(&results));
    println!();
    println!("{}.", report::summary_line(&results));
    println!(
        "A target passes when the simulated mean over replicates lies in its band; the interval is the mean's 95% Monte Carlo interval (Student's t)."
    );
    println!("results in {}", dir.file("validation.csv").display());

    let bad: Vec<&str> = results
        .iter()
        .filter(|r| r.status != Status::Pass)
        .map(|r| r.target.id.as_str())
        .collect();
    if args.strict && !bad.is_empty() {
        return Err(CliError::Failed(format!(
            "{} target{} outside the band or not measured: {}",
            bad.len(),
            if bad.len() == 1 { "" } else { "s" },
            bad.join(", ")
        )));
    }
    Ok(())
}
