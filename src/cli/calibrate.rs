//! `resim calibrate`: fit parameters of a scenario to published targets.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use resilience_sim::calibration::{self, Calibrator, Settings, State};
use resilience_sim::engine::Cancelled;
use resilience_sim::output::{self, OutputDir, num, to_bytes};
use resilience_sim::scenario;
use resilience_sim::validation::{Status, report};

use super::CliError;
use super::run::{cancel_flag, out_err, thread_count};
use super::validate::{read_targets, replicates, warn_unmeasured};

/// Name of the checkpoint file.
const STATE_FILE: &str = "calibration_state.json";

#[derive(Debug, Args)]
pub struct CalibrateArgs {
    /// Scenario file (TOML) whose parameters are fitted; it must contain the
    /// strategies the targets compare (e.g. scenarios/meta_analysis_trial.toml).
    scenario: PathBuf,
    /// A parameter to fit and its search range, PATH=LO..HI, e.g.
    /// `stress.academic_load=0.05..0.12`; repeat for several. Paths are
    /// `section.key` (see `resim list parameters`), `traits.NAME.mean|sd`,
    /// `traits.minority_trust_shift`, `traits.rural_ses_shift`, `population.KEY`.
    #[arg(long = "param", value_name = "PATH=LO..HI", required = true)]
    params: Vec<String>,
    /// Targets CSV with the columns of calibration.csv [default: the bundled targets].
    #[arg(long, value_name = "CSV")]
    targets: Option<PathBuf>,
    /// Stop starting new iterations after this many simulations.
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
        .map(|p| calibration::params::parse(p))
        .collect::<Result<Vec<_>, _>>()
        .map_err(CliError::Input)?;
    let (targets, targets_name) = read_targets(args.targets.as_deref())?;
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
    let settings = Settings {
        params,
        replicates: reps,
        seed,
        budget: args.budget,
    };
    let cal = Calibrator::new(&sc, &targets, settings).map_err(CliError::Input)?;
    warn_unmeasured(&cal.plan);

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
        eprintln!(
            "interrupted after {} simulations; the search state of iteration {} is in {} — continue with --resume",
            state.evaluations,
            state.iterations,
            dir.file(STATE_FILE).display()
        );
        CliError::Interrupted
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
        if stepped.is_err() {
            pb.finish_and_clear();
            return Err(interrupted(&state));
        }
        write_state(&dir, &state)?;
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
        .map_err(|e| CliError::Internal(format!("fitted values refused: {e}")))?;
    let mut rows = vec![
        "parameter,start,lo,hi,fitted,sd,fitted_lo,fitted_hi,method,iterations,simulations,converged,loss"
            .split(',')
            .map(String::from)
            .collect::<Vec<_>>(),
    ];
    for ((p, start), v) in cal.settings.params.iter().zip(&cal.start).zip(&fit.values) {
        rows.push(vec![
            p.path.clone(),
            num(*start),
            num(p.lo),
            num(p.hi),
            num(*v),
            "NA".into(),
            "NA".into(),
            "NA".into(),
            calibration::METHOD.into(),
            state.iterations.to_string(),
            state.evaluations.to_string(),
            state.converged.to_string(),
            num(fit.loss),
        ]);
    }
    output::write_atomic(&dir.file("calibration.csv"), &to_bytes(rows)).map_err(out_err)?;
    output::write_atomic(
        &dir.file("fit.csv"),
        &report::csv(&fit.results, &cal.plan.scenario.name),
    )
    .map_err(out_err)?;
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
        cal.plan.items.len(),
        cal.plan.scenario.strategies.len(),
        reps
    );
    let how = if state.converged {
        format!(
            "converged after {} iterations ({} simulations)",
            state.iterations, state.evaluations
        )
    } else {
        format!(
            "stopped at the budget after {} iterations ({} simulations), not converged; continue with --resume --budget N (N > {})",
            state.iterations, state.evaluations, state.evaluations
        )
    };
    println!("Nelder-Mead on band-normalised squared residuals, common random numbers; {how}");
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
        "results in {}: calibration.csv, fit.csv, calibrated.toml, {STATE_FILE}",
        dir.path.display()
    );
    Ok(())
}
