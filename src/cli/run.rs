//! `resim run`: the whole pipeline, scenario → engine → outputs (→ report).

use std::path::{Path, PathBuf};

use clap::Args;
use resilience_sim::output;
use resilience_sim::scenario::{self, Scenario};
use resilience_sim::shard::{Job as ShardJob, Kind, Shard};
use resilience_sim::sweep::Plan;

use super::CliError;
use super::pipeline::{self, Job};
use super::report::{self, ReportChoice};

/// Arguments of `resim run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Scenario file (TOML), e.g. scenarios/quickstart.toml.
    scenario: PathBuf,
    /// Output directory [default: results/<scenario name>].
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
    /// Also write students.csv: every student's outcomes at week 0 and the last week.
    #[arg(long)]
    students: bool,
    /// Survey window of survey.csv: weeks from 0 (after burn-in) to the last,
    /// comma-separated, e.g. 6,12,30,36 [default: run.survey_weeks, else
    /// ordinary school weeks a third and two thirds into each term].
    #[arg(long, value_name = "WEEKS", value_delimiter = ',')]
    survey_weeks: Option<Vec<u32>>,
    /// A one-week survey window: the same as --survey-weeks WEEK.
    #[arg(long, value_name = "WEEK", conflicts_with = "survey_weeks")]
    survey_week: Option<u32>,
    /// Also write report.html (charts and plain-language findings) and plots/.
    #[arg(long)]
    report: bool,
    #[command(flatten)]
    choice: ReportChoice,
    /// Replace the files of a non-empty output directory.
    #[arg(long)]
    force: bool,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
    /// Run only shard I of N (`I/N`, or `auto` inside a Slurm array job) and
    /// write DIR/shards/shard-I-of-N.json; `resim merge DIR` combines the shards.
    #[arg(long, value_name = "I/N|auto")]
    shard: Option<String>,
    /// With --shard: keep this shard's file if it is already complete.
    #[arg(long)]
    resume: bool,
}

/// Runs a scenario, writes its results (and report) and prints the ranking.
pub fn run(args: RunArgs) -> Result<(), CliError> {
    let mut sc = scenario::load(&args.scenario)?;
    pipeline::set_replicates(&mut sc, args.replicates)?;
    if let Some(s) = args.seed {
        sc.run.seed = s;
    }
    match (&args.survey_weeks, args.survey_week) {
        (Some(w), _) => pipeline::set_survey_weeks(&mut sc, Some(w), "--survey-weeks")?,
        (None, Some(w)) => pipeline::set_survey_weeks(&mut sc, Some(&[w]), "--survey-week")?,
        (None, None) => {}
    }
    if args.report {
        args.choice.validate()?;
    } else if args.choice.given() {
        return Err(CliError::Input(
            "--subgroup and --outcome choose what report.html shows; add --report".into(),
        ));
    }
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| Path::new("results").join(&sc.name));
    if let Some(shard) = &args.shard {
        let threads = pipeline::thread_count(args.threads)?;
        return run_shard(&args, sc, shard, threads, &out);
    }
    if args.resume {
        return Err(CliError::Input(
            "--resume: a plain run is not resumable; use it with --shard (or with resim sweep / sensitivity)".into(),
        ));
    }
    let scenario_bytes = std::fs::read(&args.scenario)
        .map_err(|e| CliError::Internal(format!("cannot read {}: {e}", args.scenario.display())))?;
    let done = pipeline::execute(
        &sc,
        Job {
            scenario_file: args.scenario.display().to_string(),
            scenario_bytes,
            out: out.clone(),
            force: args.force,
            threads: args.threads,
            quiet: args.quiet,
            students: args.students,
            extra_files: Vec::new(),
        },
    )?;

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
    print!("{}", output::ranking_table(&sc, &done.summary));
    println!();
    println!(
        "Δ = end-of-run change in resilience (0-100) vs baseline, 95% Monte Carlo interval; g = Hedges' g (positive = better);"
    );
    println!(
        "depr. % = share with depressive symptoms at the end; cost and teacher hours per student per year."
    );
    println!(
        "simulated {} student-weeks in {:.2} s ({:.1} M student-weeks/s on {} threads); results in {}",
        done.student_weeks,
        done.wall,
        done.student_weeks as f64 / done.wall.max(1e-9) / 1e6,
        done.threads,
        out.display()
    );
    if args.report {
        let written = report::write(&out, &args.choice, args.force)?;
        println!("report: {}", written.display());
    }
    Ok(())
}

/// `resim run --shard I/N`: this shard's replicates into DIR/shards/.
fn run_shard(
    args: &RunArgs,
    sc: Scenario,
    shard: &str,
    threads: usize,
    out: &Path,
) -> Result<(), CliError> {
    if args.students {
        return Err(CliError::Input(
            "--students cannot be combined with --shard: students.csv is written by single-machine runs only".into(),
        ));
    }
    if args.report {
        return Err(CliError::Input(
            "--report cannot be combined with --shard: run `resim report DIR` after `resim merge DIR`".into(),
        ));
    }
    let shard = Shard::parse(shard).map_err(CliError::Input)?;
    pipeline::check_memory(&sc, threads, &args.scenario.display().to_string())?;
    let text = std::fs::read_to_string(&args.scenario)
        .map_err(|e| CliError::Internal(format!("{}: {e}", args.scenario.display())))?;
    let job = ShardJob {
        version: env!("CARGO_PKG_VERSION").into(),
        kind: Kind::Run,
        scenario_file: args.scenario.display().to_string(),
        scenario_hash: output::fnv1a(text.as_bytes()),
        scenario_text: text,
        replicates: sc.run.replicates,
        seed: sc.run.seed,
        points: 1,
        options: serde_json::Value::Null,
    };
    let plan = Plan::single(sc);
    super::sweep::run_sharded(
        &super::sweep::JobSettings {
            threads,
            quiet: args.quiet,
            resume: args.resume,
            force: args.force,
            slim: false,
        },
        &job,
        &plan,
        shard,
        out,
    )
}
