//! `resim run`: a scenario's strategies over its replicates; the ranking.

use std::path::{Path, PathBuf};

use clap::Args;
use resilience_sim::jobs::{
    self, JobError, Overrides, ParameterOptions, RunFiles, RunOptions, RunResult, ScenarioFile,
    Workspace,
};
use resilience_sim::output;
use resilience_sim::shard::Shard;

use super::args::{FormatArgs, SimArgs, WriteArgs, run_shard};
use super::report::ReportChoice;
use super::terminal::{Bar, cancel_on_signal};

/// Arguments of `resim run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Scenario file (TOML), e.g. scenarios/quickstart.toml, or a bundled scenario's name (quickstart).
    scenario: PathBuf,
    /// Output directory [default: results/<scenario name>].
    #[arg(long)]
    out: Option<PathBuf>,
    #[command(flatten)]
    sim: SimArgs,
    /// Also write students.csv: every student's outcomes at week 0 and the last week.
    #[arg(long)]
    students: bool,
    #[command(flatten)]
    format: FormatArgs,
    /// Survey window of survey.csv: weeks from 0 (after burn-in) to the last,
    /// comma-separated, e.g. 6,12,30,36 [default: run.survey_weeks, else
    /// ordinary school weeks a third and two thirds into each term].
    #[arg(long, value_name = "WEEKS", value_delimiter = ',')]
    survey_weeks: Option<Vec<u32>>,
    /// A one-week survey window: the same as --survey-weeks WEEK.
    #[arg(long, value_name = "WEEK", conflicts_with = "survey_weeks")]
    survey_week: Option<u32>,
    /// Set a scenario number or choice by its path, e.g. --set
    /// stress.academic_load=0.06 (repeatable; `resim list parameters`).
    /// Kept, not drawn, under --uncertainty.
    #[arg(long, value_name = "PATH=VALUE")]
    set: Vec<String>,
    /// Parameter uncertainty: each replicate draws the fitted parameters from
    /// the posterior (the shipped ABC-SMC posterior unless --posterior or
    /// run.posterior names another); values the scenario or --set gives are kept.
    #[arg(long)]
    uncertainty: bool,
    /// The posterior file of --uncertainty (implies it): the columns of
    /// data/posterior/posterior.csv.
    #[arg(long, value_name = "FILE")]
    posterior: Option<String>,
    /// Also write report.html (charts and plain-language findings) and plots/.
    #[arg(long)]
    report: bool,
    #[command(flatten)]
    choice: ReportChoice,
    #[command(flatten)]
    write: WriteArgs,
    /// Run only shard I of N (`I/N`, or `auto` inside a Slurm array job) and
    /// write DIR/shards/shard-I-of-N.json; `resim merge DIR` combines the shards.
    #[arg(long, value_name = "I/N|auto")]
    shard: Option<String>,
    /// With --shard: keep this shard's file if it is already complete.
    #[arg(long)]
    resume: bool,
}

/// Runs a scenario, writes its results (and report) and prints the ranking.
pub fn run(args: RunArgs) -> Result<(), JobError> {
    let cancel = cancel_on_signal();
    let mut file = ScenarioFile::load_or_bundled(&args.scenario.to_string_lossy())?;
    Overrides {
        survey_week: args.survey_week,
        survey_weeks: args.survey_weeks.clone(),
        ..args.sim.overrides()
    }
    .apply(&mut file.scenario)?;
    ParameterOptions {
        set: args.set.clone(),
        uncertainty: args.uncertainty,
        posterior: args.posterior.clone(),
    }
    .apply(&mut file)?;
    let report = args.choice.choice().for_run(args.report)?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| Path::new("results").join(&file.scenario.name));
    let opts = RunOptions {
        scenario: file,
        threads: args.sim.threads,
    };
    if let Some(shard) = &args.shard {
        return run_as_shard(&args, opts, shard, out);
    }
    if args.resume {
        return Err(JobError::input(
            "--resume: a plain run is not resumable; use it with --shard (or with resim sweep / sensitivity)",
        ));
    }
    let progress = Bar::new(args.write.quiet);
    let mut files = RunFiles::create_as(&out, args.write.force, args.students, args.format.format)?;
    files.protect_input(&args.scenario, &["report.html"])?;
    let done = jobs::run(&opts, files.students(), &progress, &cancel)?;
    files.commit(&done, &[], Some(&cancel))?;
    print_run(&done, &out);
    if let Some(report) = report {
        let written = report.write(&out, args.write.force)?;
        println!("report: {}", written.display());
    }
    Ok(())
}

/// The ranking of a run and where its results are.
fn print_run(done: &RunResult, out: &Path) {
    let sc = &done.scenario;
    println!(
        "{} — {} students, {} strategies, {} replicates, {} weeks (baseline: {})",
        sc.name,
        sc.students(),
        sc.strategies.len(),
        sc.run.replicates,
        sc.calendar.total_weeks(),
        sc.baseline
    );
    println!();
    print!("{}", output::ranking_table(sc, &done.summary));
    println!();
    println!(
        "Δ = end-of-run change in resilience (0-100) vs baseline, 95% Monte Carlo interval; g = Hedges' g (positive = better);"
    );
    println!(
        "depr. % = share with depressive symptoms at the end; cost and teacher hours per student per year."
    );
    if let Some(u) = output::UncertaintyRecord::of(sc, done.summary.replicates) {
        println!(
            "UI = 95% uncertainty interval: 2.5-97.5% of the {} per-replicate differences, each replicate with its own parameter set drawn from {} ({} of its {} parameters drawn{}); it does not shrink with more replicates, the CI does.",
            u.draws,
            u.posterior,
            u.drawn.len(),
            u.drawn.len() + u.kept.len(),
            if u.kept.is_empty() {
                String::new()
            } else {
                format!(", kept as given: {}", u.kept.join(", "))
            }
        );
        if u.draws < 100 {
            println!(
                "note: {} draws give a rough uncertainty interval; use --replicates 100 or more for planning figures.",
                u.draws
            );
        }
    }
    print_acceptability(done);
    println!(
        "simulated {} student-weeks in {:.2} s ({:.1} M student-weeks/s on {} threads){}; results in {}",
        done.student_weeks,
        done.wall_seconds,
        done.student_weeks as f64 / done.wall_seconds.max(1e-9) / 1e6,
        done.threads,
        check_work(done)
            .map(|w| format!(", then {w}"))
            .unwrap_or_default(),
        out.display()
    );
}

/// What the steady-state check simulated besides the run (or the merged
/// shards), for the last line of `run` and `merge`: the burn-ins of the
/// replicates it reads that the run lacked; `None` when it simulated none.
pub(super) fn check_work(done: &RunResult) -> Option<String> {
    let s = done.steady_state.as_ref().filter(|s| s.student_weeks > 0)?;
    Some(format!(
        "{} for the steady-state check (the burn-ins of {} more replicate{}) in {:.2} s",
        s.student_weeks,
        s.burn_ins_simulated,
        if s.burn_ins_simulated == 1 { "" } else { "s" },
        done.steady_state_seconds
    ))
}

/// Where the acceptability curves and EVPI are, and what they say at the
/// scenario's reference willingness to pay on each measure.
fn print_acceptability(done: &RunResult) {
    let econ = &done.scenario.params.economics;
    let mut draws = None;
    for (measure, unit, wtp) in [
        (
            "resilience_points",
            "resilience point",
            econ.wtp_resilience_point as f64,
        ),
        (
            "cases_averted",
            "case averted",
            econ.wtp_case_averted as f64,
        ),
    ] {
        let best = done
            .ceac
            .iter()
            .find(|r| r.measure == measure && r.on_frontier && r.wtp == wtp);
        let value = done
            .evpi
            .iter()
            .find(|r| r.measure == measure && r.wtp == wtp);
        let (Some(best), Some(value)) = (best, value) else {
            continue;
        };
        if draws.is_none() {
            println!(
                "decision under uncertainty ({} draws; acceptability curves in ceac.csv, value of information in evpi.csv):",
                best.draws
            );
        }
        draws = Some(best.draws);
        println!(
            "  at {} per {unit}: {} is the choice (highest expected net benefit), best in {:.0}% of draws; perfect information would be worth {} per student, {} for the {} students",
            output::num(wtp),
            best.strategy,
            100.0 * best.prob_best,
            output::num((value.evpi_per_student * 100.0).round() / 100.0),
            output::num(value.evpi_population.round()),
            value.students
        );
    }
    if let Some(n) = draws.filter(|&n| n < CEAC_DRAWS) {
        println!(
            "note: acceptability curves and EVPI need {CEAC_DRAWS} draws or more to be smooth; this run has {n} (--replicates {CEAC_DRAWS})."
        );
    }
}

/// The draws (replicates under `--uncertainty`) below which the run says
/// its acceptability curves and EVPI are rough.
pub const CEAC_DRAWS: u64 = 500;

/// `resim run --shard I/N`: this shard's replicates into DIR/shards/.
fn run_as_shard(
    args: &RunArgs,
    opts: RunOptions,
    shard: &str,
    out: PathBuf,
) -> Result<(), JobError> {
    if args.students {
        return Err(JobError::input(
            "--students cannot be combined with --shard: students.csv is written by single-machine runs only",
        ));
    }
    if args.format.format != jobs::OutputFormat::Csv {
        return Err(JobError::input(format!(
            "--format {} cannot be combined with --shard: shards hold no tables; give --format to `resim merge DIR`",
            args.format.format
        )));
    }
    if args.report {
        return Err(JobError::input(
            "--report cannot be combined with --shard: run `resim report DIR` after `resim merge DIR`",
        ));
    }
    let shard = Shard::parse(shard)?;
    let ws = Workspace {
        dir: out,
        resume: args.resume,
        force: args.write.force,
    };
    run_shard(&opts.shard_job()?, &ws, shard, args.write.quiet)
}
