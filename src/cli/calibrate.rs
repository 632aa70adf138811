//! `resim calibrate`: fit parameters of a scenario to published targets.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use resilience_sim::calibration::{self, Calibrator, Method, Settings, State, Step, rows};
use resilience_sim::engine::Cancelled;
use resilience_sim::output::{self, OutputDir};
use resilience_sim::scenario;
use resilience_sim::validation::{Status, report};

use super::CliError;
use super::pipeline::{cancel_flag, out_err, thread_count};
use super::validate::{read_targets, replicates, warn_unmeasured};

/// Name of the checkpoint file.
const STATE_FILE: &str = "calibration_state.json";

#[derive(Debug, Args)]
pub struct CalibrateArgs {
    /// Scenario file (TOML) whose parameters are fitted; it must contain the
    /// strategies the targets compare (e.g. scenarios/meta_analysis_trial.toml).
    scenario: PathBuf,
    /// A parameter to fit and its search range, PATH=LO..HI, e.g.
    /// `stress.academic_load=0.05..0.12`; repeat for several. Paths are those
    /// of `resim sweep` that hold real numbers: `section.key` (see `resim list
    /// parameters`), `traits.NAME.mean|sd`, `traits.minority_trust_shift`,
    /// `traits.rural_ses_shift`, `population.KEY` (shares), and
    /// `strategies.STRATEGY.COMPONENT.SETTING`.
    #[arg(long = "param", value_name = "PATH=LO..HI", required = true)]
    params: Vec<String>,
    /// Targets CSV with the columns of calibration.csv [default: the bundled targets].
    #[arg(long, value_name = "CSV")]
    targets: Option<PathBuf>,
    /// Search method: `nelder-mead` (a point estimate from the scenario's
    /// values) or `abc` (ABC-SMC from a uniform prior on the ranges: posterior
    /// mean, SD and 95% interval of each parameter).
    #[arg(long, value_enum, default_value_t = MethodArg::NelderMead)]
    method: MethodArg,
    /// ABC: particles per generation.
    #[arg(long, default_value_t = 40)]
    particles: usize,
    /// ABC: stop when the median distance (RMS of band-normalised residuals;
    /// 1 = on average at the ends of the bands) is at most this.
    #[arg(long, default_value_t = 0.5)]
    tolerance: f64,
    /// Stop starting new iterations (Nelder-Mead) or generations (ABC) after
    /// this many simulations.
    #[arg(long, default_value_t = 200)]
    budget: u64,
    /// Continue the search saved in OUT/calibration_state.json.
    #[arg(long)]
    resume: bool,
    /// Output directory [default: results/<scenario name>-calibration].
    #[arg(long)]
    out: Option<PathBuf>,
    /// Replicates per simulation [default: the scenario's run.replicates].
    #[arg(long)]
    replicates: Option<u32>,
    /// Seed of every simulation [default: the scenario's run.seed].
    #[arg(long)]
    seed: Option<u64>,
    /// Worker threads [default: SLURM_CPUS_PER_TASK, else all cores].
    #[arg(long)]
    threads: Option<usize>,
    /// Replace the files of a non-empty output directory (without --resume).
    #[arg(long)]
    force: bool,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum MethodArg {
    /// Nelder–Mead.
    NelderMead,
    /// ABC-SMC.
    Abc,
}

fn bar(budget: u64, done: u64, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::with_draw_target(Some(budget.max(done)), ProgressDrawTarget::stderr());
    pb.set_style(
        ProgressStyle::with_template(
            "{spinner} simulations {pos}/{len} [{bar:30}] {elapsed_precise}, ETA {eta}  {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    pb.set_position(done);
    pb
}

fn write_state(dir: &OutputDir, state: &State) -> Result<(), CliError> {
    let bytes = serde_json::to_vec_pretty(state).map_err(|e| CliError::Internal(e.to_string()))?;
    output::write_atomic(&dir.file(STATE_FILE), &bytes).map_err(out_err)
}

fn read_state(path: &Path) -> Result<State, CliError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        CliError::Input(format!(
            "--resume: cannot read {}: {e}; start without --resume",
            path.display()
        ))
    })?;
    serde_json::from_str(&text).map_err(|e| {
        CliError::Input(format!(
            "--resume: {} is not a calibration state ({e})",
            path.display()
        ))
    })
}

pub fn calibrate(args: CalibrateArgs) -> Result<(), CliError> {
    let sc = scenario::load(&args.scenario)?;
    let params = args
        .params
        .iter()
        .map(|p| calibration::params::parse(p, &sc))
        .collect::<Result<Vec<_>, _>>()
        .map_err(CliError::Input)?;
    let (all_targets, targets_name) = read_targets(args.targets.as_deref())?;
    let (targets, held_out): (Vec<_>, Vec<_>) =
        all_targets.into_iter().partition(|t| t.for_fitting());
    if !held_out.is_empty() {
        eprintln!(
            "note: {} out-of-sample target{} (role = out_of_sample) never used for fitting, left out: {}",
            held_out.len(),
            if held_out.len() == 1 { "" } else { "s" },
            held_out
                .iter()
                .map(|t| t.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if targets.is_empty() {
        return Err(CliError::Input(format!(
            "every target in {targets_name} is out of sample (role = out_of_sample); give targets that may be used for fitting"
        )));
    }
    let reps = replicates(args.replicates, &sc)?;
    let seed = args.seed.unwrap_or(sc.run.seed);
    if args.budget == 0 {
        return Err(CliError::Input(
            "--budget 0: give at least 1 simulation".into(),
        ));
    }
    let threads = thread_count(args.threads)?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| Path::new("results").join(format!("{}-calibration", sc.name)));
    let method = match args.method {
        MethodArg::NelderMead => Method::NelderMead,
        MethodArg::Abc => {
            if !(4..=100_000).contains(&args.particles) {
                return Err(CliError::Input(format!(
                    "--particles {}: valid is 4 to 100000",
                    args.particles
                )));
            }
            if !(args.tolerance.is_finite() && args.tolerance >= 0.0) {
                return Err(CliError::Input(format!(
                    "--tolerance {}: give a number of 0 or more",
                    args.tolerance
                )));
            }
            Method::Abc {
                particles: args.particles,
                tolerance: args.tolerance,
            }
        }
    };
    let settings = Settings {
        params,
        replicates: reps,
        seed,
        budget: args.budget,
        method,
    };
    let cal = Calibrator::new(&sc, &targets, settings).map_err(CliError::Input)?;
    warn_unmeasured(&cal.suite);

    let (dir, mut state) = if args.resume {
        let dir = OutputDir::check(&out, true).map_err(out_err)?;
        let state = read_state(&dir.file(STATE_FILE))?;
        if !cal.matches(&state) {
            return Err(CliError::Input(format!(
                "--resume: {} belongs to another calibration (scenario, parameters, ranges, targets, replicates or seed differ); start without --resume or use another --out",
                dir.file(STATE_FILE).display()
            )));
        }
        (dir, state)
    } else {
        let dir = OutputDir::check(&out, args.force).map_err(out_err)?;
        (dir, cal.fresh_state())
    };
    dir.create().map_err(out_err)?;

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| CliError::Internal(format!("cannot start {threads} threads: {e}")))?;
    let cancel = cancel_flag();
    let pb = bar(args.budget, state.evaluations, args.quiet);
    let interrupted = |state: &State| {
        CliError::Resumable(format!(
            "stopped after {} simulations; the search state of iteration {} is in {} — continue with --resume",
            state.evaluations,
            state.iterations,
            dir.file(STATE_FILE).display()
        ))
    };
    let mut best = state
        .simplex
        .as_ref()
        .map_or(f64::INFINITY, |s| s.values[0]);
    while !cal.done(&state) {
        let stepped = pool.install(|| {
            cal.step(&mut state, &cancel, |n, loss| {
                best = best.min(loss);
                pb.set_position(n);
                pb.set_message(format!("best loss {best:.4}"));
            })
        });
        match stepped {
            Err(Cancelled) => {
                pb.finish_and_clear();
                return Err(interrupted(&state));
            }
            Ok(Step::OutOfBudget) => break,
            Ok(Step::Done) => write_state(&dir, &state)?,
        }
    }
    let fit = match pool.install(|| cal.result(&state, &cancel)) {
        Ok(f) => f,
        Err(Cancelled) => {
            pb.finish_and_clear();
            return Err(interrupted(&state));
        }
    };
    pb.finish_and_clear();

    // Output files.
    let fitted_sc = cal
        .apply(&sc, &fit.values)
        .and_then(|f| {
            let problems = scenario::validate(&f);
            match problems.first() {
                Some(p) => Err(format!("{}: {}", p.key, p.message)),
                None => Ok(f),
            }
        })
        .map_err(|e| CliError::Internal(format!("fitted values refused: {e}")))?;
    output::write_atomic(
        &dir.file("calibration.csv"),
        &rows::calibration_csv(&cal, &state, &fit),
    )
    .map_err(out_err)?;
    if let Some(pop) = &state.population {
        output::write_atomic(&dir.file("posterior.csv"), &rows::posterior_csv(&cal, pop))
            .map_err(out_err)?;
    }
    output::write_atomic(&dir.file("fit.csv"), &report::csv(&fit.results)).map_err(out_err)?;
    let toml = format!(
        "# {} with the parameters fitted by `resim calibrate` ({} iterations, {} simulations, loss {:.4}).\n{}",
        sc.name,
        state.iterations,
        state.evaluations,
        fit.loss,
        fitted_sc.to_toml()
    );
    output::write_atomic(&dir.file("calibrated.toml"), toml.as_bytes()).map_err(out_err)?;

    // Report.
    println!(
        "calibration of {} ({}): {} parameter{}, {} targets from {targets_name}, {} strategies, {} replicates per simulation, seed {seed}",
        sc.name,
        args.scenario.display(),
        cal.settings.params.len(),
        if cal.settings.params.len() == 1 {
            ""
        } else {
            "s"
        },
        cal.suite.measurable(),
        cal.suite
            .groups
            .iter()
            .filter(|g| !g.plan.items.is_empty())
            .map(|g| g.plan.scenario.strategies.len())
            .sum::<usize>(),
        reps
    );
    let how = match (&cal.settings.method, state.converged) {
        (Method::NelderMead, true) => format!(
            "Nelder-Mead on band-normalised squared residuals, common random numbers; converged after {} iterations ({} simulations)",
            state.iterations, state.evaluations
        ),
        (Method::NelderMead, false) => format!(
            "Nelder-Mead on band-normalised squared residuals, common random numbers; stopped at the budget after {} iterations ({} simulations), not converged; continue with --resume --budget N (N > {})",
            state.iterations, state.evaluations, state.evaluations
        ),
        (
            Method::Abc {
                particles,
                tolerance,
            },
            done,
        ) => {
            let eps = state
                .population
                .as_ref()
                .map_or(f64::NAN, |p| calibration::abc::median(&p.distances));
            format!(
                "ABC-SMC, {particles} particles, uniform priors on the ranges, distance = RMS of band-normalised residuals, common random numbers; generation {} ({} simulations), median distance {eps:.3}{}",
                state.iterations,
                state.evaluations,
                if done {
                    format!(" — finished (target tolerance {tolerance})")
                } else {
                    format!(
                        "; stopped at the budget before tolerance {tolerance}; continue with --resume --budget N (N > {})",
                        state.evaluations
                    )
                }
            )
        }
    };
    println!("{how}");
    println!(
        "loss {:.4} at the fit ({:.4} at the start; 1 = one statistic at the end of its band)",
        fit.loss,
        state.start_loss.unwrap_or(f64::NAN)
    );
    println!();
    let w = cal
        .settings
        .params
        .iter()
        .map(|p| p.path.len())
        .max()
        .unwrap_or(9)
        .max(9);
    match &fit.uncertainty {
        None => {
            println!(
                "{:<w$}  {:>9}  {:<18}  {:>9}",
                "parameter", "start", "search range", "fitted"
            );
            for ((p, start), v) in cal.settings.params.iter().zip(&cal.start).zip(&fit.values) {
                println!(
                    "{:<w$}  {:>9.4}  {:<18}  {:>9.4}",
                    p.path,
                    start,
                    format!("[{}, {}]", p.lo, p.hi),
                    v
                );
            }
            println!(
                "(Nelder-Mead gives a point estimate; no uncertainty is reported for the fitted values.)"
            );
        }
        Some(unc) => {
            println!(
                "{:<w$}  {:<18}  {:>9}  {:>8}  {:<20}",
                "parameter", "prior range", "mean", "SD", "95% interval"
            );
            for ((p, v), u) in cal.settings.params.iter().zip(&fit.values).zip(unc) {
                println!(
                    "{:<w$}  {:<18}  {:>9.4}  {:>8.4}  [{:.4}, {:.4}]",
                    p.path,
                    format!("[{}, {}]", p.lo, p.hi),
                    v,
                    u.sd,
                    u.lo,
                    u.hi
                );
            }
            println!(
                "(posterior of the last generation; the targets below are judged at the posterior mean)"
            );
        }
    }
    println!();
    print!("{}", report::table(&fit.results));
    println!();
    println!("{}.", report::summary_line(&fit.results));
    let fails = fit
        .results
        .iter()
        .filter(|r| r.status == Status::Fail)
        .count();
    if fails > 0 {
        println!(
            "{fails} target{} outside the band at the fit: the parameters chosen cannot reach every target, or the ranges are too narrow.",
            if fails == 1 { " is" } else { "s are" }
        );
    }
    println!(
        "results in {}: calibration.csv, fit.csv, calibrated.toml, {}{STATE_FILE}",
        dir.path.display(),
        if state.population.is_some() {
            "posterior.csv, "
        } else {
            ""
        }
    );
    Ok(())
}
