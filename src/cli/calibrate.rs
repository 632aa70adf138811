//! `resim calibrate`: fit parameters of a scenario to published targets.

use std::path::{Path, PathBuf};

use clap::Args;
use resilience_sim::calibration::{self, FitPoint, Method};
use resilience_sim::jobs::calibrate::STATE_FILE;
use resilience_sim::jobs::{
    self, CalibrateOptions, Calibration, CalibrationResult, JobError, ScenarioFile, Targets,
    Workspace,
};
use resilience_sim::validation::{Status, report};

use super::args::{SimArgs, WriteArgs};
use super::terminal::{Bar, cancel_on_signal};

/// Arguments of `resim calibrate`.
#[derive(Debug, Args)]
pub struct CalibrateArgs {
    /// Scenario file (TOML) whose parameters are fitted; it must contain the
    /// strategies the targets compare (e.g. scenarios/meta_analysis_trial.toml,
    /// or a bundled scenario's name: meta_analysis_trial).
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
    #[command(flatten)]
    sim: SimArgs,
    #[command(flatten)]
    write: WriteArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum MethodArg {
    /// Nelder–Mead.
    NelderMead,
    /// ABC-SMC.
    Abc,
}

/// Fits the parameters, writes the results and prints the fit.
pub fn calibrate(args: CalibrateArgs) -> Result<(), JobError> {
    let cancel = cancel_on_signal();
    let scenario = ScenarioFile::load_or_bundled(&args.scenario.to_string_lossy())?;
    let params = args
        .params
        .iter()
        .map(|p| calibration::params::parse(p, &scenario.scenario))
        .collect::<Result<Vec<_>, _>>()?;
    let targets = Targets::load(args.targets.as_deref())?;
    let out = args.out.clone().unwrap_or_else(|| {
        Path::new("results").join(format!("{}-calibration", scenario.scenario.name))
    });
    if args.write.force {
        let mut inputs = vec![args.scenario.as_path()];
        inputs.extend(args.targets.as_deref());
        jobs::calibrate::protect_inputs(&out, &inputs)?;
    }
    let opts = CalibrateOptions {
        scenario,
        params,
        targets,
        method: match args.method {
            MethodArg::NelderMead => Method::NelderMead,
            MethodArg::Abc => Method::Abc {
                particles: args.particles,
                tolerance: args.tolerance,
            },
        },
        budget: args.budget,
        replicates: args.sim.replicates,
        seed: args.sim.seed,
        threads: args.sim.threads,
    };
    let progress = Bar::new(args.write.quiet);
    let c = Calibration::prepare(&opts, &progress)?;
    let ws = Workspace {
        dir: out,
        resume: args.resume,
        force: args.write.force,
    };
    let mut result = jobs::calibrate(c, Some(&ws), &progress, &cancel)?;
    result.write(&ws.dir, ws.force)?;
    print_fit(&result, &args.scenario, &ws.dir);
    Ok(())
}

/// How the search went, the fitted parameters, every target at the fit.
fn print_fit(r: &CalibrationResult, file: &Path, dir: &Path) {
    let cal = &r.calibrator;
    let state = &r.state;
    let fit = &r.fit;
    let sc = &cal.scenario;
    let measured: Vec<_> = cal
        .suite
        .groups
        .iter()
        .filter(|g| !g.plan.items.is_empty())
        .collect();
    println!(
        "calibration of {} ({}): {} parameter{}, {} targets from {} measured on {} ({}), {} replicates per simulation, seed {}",
        sc.name,
        file.display(),
        cal.settings.params.len(),
        if cal.settings.params.len() == 1 {
            ""
        } else {
            "s"
        },
        cal.suite.measurable(),
        r.targets_name,
        if measured.len() == 1 {
            "1 scenario".to_string()
        } else {
            format!("{} scenarios", measured.len())
        },
        measured
            .iter()
            .map(|g| format!(
                "{}: {} target{}, {} strateg{}",
                g.plan.scenario.name,
                g.plan.items.len(),
                if g.plan.items.len() == 1 { "" } else { "s" },
                g.plan.scenario.strategies.len(),
                if g.plan.scenario.strategies.len() == 1 {
                    "y"
                } else {
                    "ies"
                }
            ))
            .collect::<Vec<_>>()
            .join("; "),
        cal.settings.replicates,
        cal.settings.seed
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
    print_parameters(r);
    println!();
    print!("{}", report::table(&fit.results));
    println!();
    println!("{}.", report::summary_line(&fit.results));
    let fails = fit
        .results
        .iter()
        .filter(|r| r.status == Status::Fail)
        .count();
    if let FitPoint::Start { searched_loss } = fit.point {
        println!(
            "The {} (loss {searched_loss:.4}) fits worse than the scenario's own values (loss {:.4}), so calibrated.toml keeps the starting values.",
            match cal.settings.method {
                Method::NelderMead => "best point found",
                Method::Abc { .. } => "posterior mean",
            },
            fit.loss
        );
    }
    if fails > 0 {
        let are = if fails == 1 { " is" } else { "s are" };
        if state.converged {
            println!(
                "{fails} target{are} outside the band at the fit: the parameters chosen cannot reach every target, or the ranges are too narrow."
            );
        } else {
            println!(
                "{fails} target{are} outside the band at the fit, but the search ran out of its budget ({} simulations) before it converged: continue it with --resume --budget N (N > {}) before judging the parameters or their ranges.",
                state.evaluations, state.evaluations
            );
        }
    } else if !state.converged {
        println!(
            "The search ran out of its budget ({} simulations) before it converged; continue it with --resume --budget N (N > {}).",
            state.evaluations, state.evaluations
        );
    }
    println!(
        "results in {}: calibration.csv, fit.csv, calibrated.toml, {}{STATE_FILE}",
        dir.display(),
        if state.population.is_some() {
            "posterior.csv, "
        } else {
            ""
        }
    );
}

/// The table of fitted parameters.
fn print_parameters(r: &CalibrationResult) {
    let cal = &r.calibrator;
    let fit = &r.fit;
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
}
