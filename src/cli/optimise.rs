//! `resim optimise`: the best portfolio of components for a budget.

use std::path::PathBuf;

use clap::Args;
use resilience_sim::components;
use resilience_sim::jobs::optimise::{
    Checkpoint, OptimiseOptions, OptimiseResult, budget_of, claim_output, components_named,
    optimise_resumable, optimise_shard, remove_checkpoint,
};
use resilience_sim::jobs::{self, JobError, Outcome, ScenarioFile, Workspace};
use resilience_sim::output::{self, na::num};
use resilience_sim::shard::Shard;

use super::args::WriteArgs;
use super::terminal::{Bar, cancel_on_signal};

/// Arguments of `resim optimise`.
#[derive(Debug, Args)]
pub struct OptimiseArgs {
    /// Scenario file (TOML) or a bundled scenario's name: its population,
    /// calendar, parameters and baseline strategy (its other strategies are
    /// not used).
    scenario: PathBuf,
    /// Most money per student per year a portfolio may cost.
    #[arg(long, value_name = "MONEY")]
    max_cost: Option<f64>,
    /// Most teacher hours per class per term a portfolio may add to usual practice.
    #[arg(long, value_name = "HOURS")]
    max_hours: Option<f64>,
    /// The outcome to improve: resilience (raise) or distress, depressive … (lower); `resim list outcomes`.
    #[arg(long, default_value = "resilience")]
    outcome: String,
    /// The students whose outcome counts (`resim list subgroups`), e.g. left_behind.
    #[arg(long, default_value = "all")]
    subgroup: String,
    /// Components a portfolio may use, comma-separated [default: every component].
    #[arg(long, value_delimiter = ',', value_name = "NAMES")]
    components: Vec<String>,
    /// Most components in one portfolio.
    #[arg(long, value_name = "K")]
    max_components: Option<usize>,
    /// Portfolios left when the race stops; they run every replicate.
    #[arg(long, default_value_t = 5)]
    finalists: usize,
    /// Replicates of the screening round, where every affordable portfolio runs.
    #[arg(long, default_value_t = 2)]
    screen_replicates: u32,
    /// Replicates of the finalists and the frontier [default: the scenario's run.replicates].
    #[arg(long)]
    replicates: Option<u32>,
    /// Master seed [default: the scenario's run.seed].
    #[arg(long)]
    seed: Option<u64>,
    /// Worker threads [default: SLURM_CPUS_PER_TASK, else all cores].
    #[arg(long)]
    threads: Option<usize>,
    /// Set a scenario number or choice by its path, e.g. --set
    /// stress.academic_load=0.06 (repeatable; kept, not drawn, under --uncertainty).
    #[arg(long, value_name = "PATH=VALUE")]
    set: Vec<String>,
    /// Parameter uncertainty: each replicate draws the fitted parameters from
    /// the posterior, the same draw for every portfolio of the replicate, so
    /// the intervals and p_best include what the parameters leave uncertain.
    #[arg(long)]
    uncertainty: bool,
    /// The posterior file of --uncertainty (implies it): the columns of
    /// data/posterior/posterior.csv [default: the shipped posterior].
    #[arg(long, value_name = "FILE")]
    posterior: Option<String>,
    /// Keep every component at its default settings: no settings search
    /// (the race of component sets only, as fast as it was).
    #[arg(long)]
    no_tune: bool,
    /// Simulations (portfolio-replicates) the settings search may spend on
    /// the best three portfolios' coverage and frequency.
    #[arg(long, value_name = "N", default_value_t = 1500)]
    tune_budget: u64,
    /// Replicates of each settings evaluation; the best settings then run
    /// every replicate [default: 8].
    #[arg(long, value_name = "R")]
    tune_replicates: Option<u32>,
    /// Continue an interrupted search from DIR/optimise_state.json (with
    /// --shard: keep a finished shard file).
    #[arg(long)]
    resume: bool,
    /// Run only shard I of N (`I/N`, or `auto` inside a Slurm array job) of
    /// the screening round and write DIR/shards/shard-I-of-N.json; `resim
    /// merge DIR` finishes the search.
    #[arg(long, value_name = "I/N|auto")]
    shard: Option<String>,
    /// Output directory [default: results/<scenario name>-optimise].
    #[arg(long)]
    out: Option<PathBuf>,
    #[command(flatten)]
    write: WriteArgs,
}

/// Searches, writes the result set and prints the finalists.
pub fn optimise(args: OptimiseArgs) -> Result<(), JobError> {
    let cancel = cancel_on_signal();
    let mut scenario = ScenarioFile::load_or_bundled(&args.scenario.to_string_lossy())?;
    jobs::ParameterOptions {
        set: args.set.clone(),
        uncertainty: args.uncertainty,
        posterior: args.posterior.clone(),
    }
    .apply(&mut scenario)?;
    let mut opts = OptimiseOptions::new(scenario);
    opts.budget = budget_of(args.max_cost, args.max_hours)?;
    opts.components = components_named(&args.components)?;
    opts.max_components = args.max_components;
    opts.outcome = args.outcome.clone();
    opts.subgroup = args.subgroup.clone();
    opts.finalists = args.finalists;
    opts.screen_replicates = args.screen_replicates;
    opts.replicates = args.replicates;
    opts.seed = args.seed;
    opts.threads = args.threads;
    opts.tune = !args.no_tune;
    opts.tune_budget = args.tune_budget;
    opts.tune_replicates = args.tune_replicates;
    let out = args.out.clone().unwrap_or_else(|| {
        PathBuf::from("results").join(format!("{}-optimise", opts.scenario.scenario.name))
    });
    if let Some(spec) = &args.shard {
        let shard = Shard::parse(spec)?;
        let ws = Workspace {
            dir: out.clone(),
            resume: args.resume,
            force: args.write.force,
        };
        let progress = Bar::new(args.write.quiet);
        if let Outcome::Done(mut r) = optimise_shard(&opts, &ws, shard, &progress, &cancel)? {
            let path = r.write()?;
            println!(
                "shard {shard}: {} of the screening round's {} portfolios on {} replicates in {:.2} s → {}",
                r.ran,
                r.units,
                r.header.job.options["screen_replicates"],
                r.wall_seconds,
                path.display()
            );
            println!(
                "when all {} shards are done: resim merge {} (it finishes the search)",
                shard.count,
                out.display()
            );
        }
        return Ok(());
    }
    let dir = claim_output(&out, args.resume, args.write.force)?;
    let checkpoint = Checkpoint {
        dir: &dir,
        resume: args.resume && !args.write.force,
    };
    let result = optimise_resumable(&opts, &checkpoint, &Bar::new(args.write.quiet), &cancel)?;
    result.write(&dir)?;
    remove_checkpoint(&dir)?;
    drop(dir);
    print_result(&result);
    println!("results in {}", out.display());
    if result.best.is_some() {
        println!(
            "run the best portfolios: resim run {}",
            out.join("best.toml").display()
        );
    }
    Ok(())
}

/// Whether a row's settings are the components' defaults.
fn is_default(row: &resilience_sim::optimise::rows::PortfolioRow) -> bool {
    let defaults =
        resilience_sim::optimise::Settings::defaults(resilience_sim::optimise::Portfolio(
            row.portfolio
                .split('+')
                .filter_map(components::find)
                .fold(0, |m, c| m | (1 << c.index())),
        ));
    defaults.label() == row.settings
}

/// The search in numbers, the finalists and the frontier.
pub fn print_result(r: &OptimiseResult) {
    println!(
        "{} — best portfolio for {}, by the {}",
        r.base.name,
        r.budget.describe(),
        r.objective.describe()
    );
    println!(
        "{} portfolios of {} components; {} within the budget's estimate screened on {} replicate{}, raced over {} round{}; finalists and frontier on {} replicates",
        r.enumerated,
        r.components,
        r.raced,
        r.race.candidates[..r.raced]
            .iter()
            .map(|c| c.tally.replicates())
            .min()
            .unwrap_or(0),
        if r.race.candidates[..r.raced]
            .iter()
            .map(|c| c.tally.replicates())
            .min()
            == Some(1)
        {
            ""
        } else {
            "s"
        },
        r.race.rounds,
        if r.race.rounds == 1 { "" } else { "s" },
        r.replicates
    );
    println!();
    println!(
        "{:>4}  {:>9} {:>9}  {:>24} {:>6}  portfolio",
        "rank", "cost/stud", "t-h/class", "gain (95% CI)", "p_best"
    );
    for row in r
        .portfolios
        .iter()
        .filter(|row| row.rank.is_some() && (row.status == "finalist" || row.status == "tuned"))
    {
        println!(
            "{:>4}  {:>9.1} {:>9.1}  {:>+8.2} ({:>+6.2}, {:>+6.2}) {:>6}  {}",
            row.rank.unwrap_or_default(),
            row.cost_per_student_year,
            row.teacher_hours_per_class_term,
            row.gain,
            row.gain_lo,
            row.gain_hi,
            num(row.p_best),
            row.portfolio
        );
        if row.status == "tuned" || !is_default(row) {
            println!("{:>59}{}", "", row.settings.replace(';', " "));
        }
    }
    println!();
    println!(
        "cost-effect frontier ({} portfolios, cheapest first; frontier.csv, frontier.svg):",
        r.frontier.len()
    );
    for f in &r.frontier {
        println!(
            "  {:>7.1}  {:>+7.2}  {}",
            f.cost_per_student_year, f.gain, f.portfolio
        );
    }
    println!();
    let drawn = output::UncertaintyRecord::of(&r.base, r.replicates);
    match &drawn {
        None => println!(
            "cost/stud = money per student per year; t-h/class = teacher hours per class per term beyond usual practice; gain = end-of-run change vs the baseline, 95% Monte Carlo interval; p_best = share of replicates in which the portfolio gains the most of the finalists (simulation noise, not parameter uncertainty: add --uncertainty)."
        ),
        Some(u) => println!(
            "cost/stud = money per student per year; t-h/class = teacher hours per class per term beyond usual practice; gain = end-of-run change vs the baseline, 95% interval of the mean over replicates; p_best = share of replicates in which the portfolio gains the most of the finalists, each replicate with its own parameter set drawn from {} and shared by every portfolio ({} of its {} parameters drawn): parameter uncertainty and chance.",
            u.posterior,
            u.drawn.len(),
            u.drawn.len() + u.kept.len()
        ),
    }
    for (p, n) in &r.tuned {
        println!("settings search: {n} settings of {p} evaluated");
    }
    println!(
        "simulated {} student-weeks ({} portfolio-replicates) in {:.1} s on {} thread{}",
        r.student_weeks,
        r.simulations,
        r.wall_seconds,
        r.threads,
        if r.threads == 1 { "" } else { "s" }
    );
}
