//! `resim validate`: the model against published targets.

use std::path::PathBuf;

use clap::Args;
use resilience_sim::jobs::validate::{parse_set, replacement_scenario};
use resilience_sim::jobs::{self, JobError, Targets, ValidateOptions, ValidationResult};
use resilience_sim::validation::report;

use super::args::{SimArgs, WriteArgs};
use super::terminal::{Bar, cancel_on_signal};

/// Arguments of `resim validate`.
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
    #[command(flatten)]
    sim: SimArgs,
    /// Exit with code 3 when any target is outside its band or cannot be measured.
    #[arg(long)]
    strict: bool,
    /// Output directory for validation.csv [default: results/validation, or
    /// results/validation-STEM for --targets STEM.csv].
    #[arg(long)]
    out: Option<PathBuf>,
    #[command(flatten)]
    write: WriteArgs,
}

/// Measures the targets, writes validation.csv, prints the table; with
/// `--strict`, fails when a target is outside its band or not measured.
pub fn validate(args: ValidateArgs) -> Result<(), JobError> {
    let cancel = cancel_on_signal();
    let targets = Targets::load(args.targets.as_deref())?;
    let scenario = args
        .scenario
        .as_deref()
        .map(replacement_scenario)
        .transpose()?;
    let sets = args
        .set
        .iter()
        .map(|s| parse_set(s))
        .collect::<Result<Vec<_>, _>>()?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| jobs::validate::default_out(args.targets.as_deref()));
    let dir = jobs::output_dir(&out, args.write.force)?;
    let v = jobs::validate(
        &ValidateOptions {
            targets,
            scenario,
            sets,
            replicates: args.sim.replicates,
            seed: args.sim.seed,
            threads: args.sim.threads,
        },
        &Bar::new(args.write.quiet),
        &cancel,
    )?;
    v.write(&dir)?;
    drop(dir);
    print_validation(&v, &args.set);
    println!("results in {}", out.join("validation.csv").display());
    if args.strict {
        v.strict()?;
    }
    Ok(())
}

/// The scenarios run, the table of targets and the summary.
fn print_validation(v: &ValidationResult, set: &[String]) {
    if set.is_empty() {
        println!("validation of {}:", v.targets_name);
    } else {
        println!(
            "validation of {}, with {} in every scenario:",
            v.targets_name,
            set.iter()
                .map(|s| format!("--set {s}"))
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    for r in &v.runs {
        let sc = &r.scenario;
        println!(
            "  {} on {}: {} students, {} measured ({}), {} weeks, survey weeks {}, {} replicates, seed {}",
            plural(r.targets, "target", "targets"),
            r.shown,
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
            r.replicates,
            r.seed
        );
    }
    println!();
    print!("{}", report::table(&v.results));
    println!();
    println!("{}.", report::summary_line(&v.results));
    println!(
        "A target passes when the simulated mean over replicates lies in its band; the interval is the mean's 95% Monte Carlo interval (Student's t)."
    );
}
