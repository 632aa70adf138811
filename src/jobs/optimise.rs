//! `optimise`: the best portfolio of components for a budget, found by
//! racing portfolios with common random numbers (see [`crate::optimise`]).

use std::time::Instant;

use crate::components::{ComponentRef, REGISTRY};
use crate::engine;
use crate::model::OUTCOMES;
use crate::optimise::rows::{FrontierRow, PortfolioRow};
use crate::optimise::{
    Budget, MAX_PORTFOLIOS, Objective, Portfolio, Prices, Race, Tally, frontier, portfolios,
};
use crate::output::{self, FileEntry, GIT_COMMIT, OutputDir, SetWriter};
use crate::population::{SUBGROUPS, subgroup_index};
use crate::problem::valid_names;
use crate::scenario::{Scenario, StrategySpec, simulated_student_weeks};
use crate::stats::Record;

use super::setup::{check_replicates, check_resources, pool, thread_count};
use super::{Cancel, JobError, Progress, ScenarioFile};

/// Portfolios simulated together in one run of the engine (beside the
/// baseline): they share its burn-in.
const BATCH: usize = 32;

/// Most portfolios run in full for the frontier besides the finalists.
const MAX_FRONTIER: usize = 20;

/// What to search.
#[derive(Debug, Clone)]
pub struct OptimiseOptions {
    /// The scenario: its population, calendar, parameters and baseline
    /// strategy (its other strategies are ignored).
    pub scenario: ScenarioFile,
    /// Components a portfolio may use [default: every component].
    pub components: Vec<ComponentRef>,
    /// Most components in one portfolio [default: no limit].
    pub max_components: Option<usize>,
    /// The budget.
    pub budget: Budget,
    /// The subgroup whose outcome is maximised [default: `all`].
    pub subgroup: String,
    /// The outcome maximised (reduced, where lower is better) [default: `resilience`].
    pub outcome: String,
    /// Replicates every portfolio runs in the screening round [default: 2].
    pub screen_replicates: u32,
    /// Replicates the finalists and the frontier run [default: the scenario's `run.replicates`].
    pub replicates: Option<u32>,
    /// Portfolios left when the race stops [default: 5].
    pub finalists: usize,
    /// Master seed [default: the scenario's `run.seed`].
    pub seed: Option<u64>,
    /// Worker threads [default: `SLURM_CPUS_PER_TASK`, else every core].
    pub threads: Option<usize>,
}

impl OptimiseOptions {
    /// Options with the defaults for `scenario`.
    pub fn new(scenario: ScenarioFile) -> OptimiseOptions {
        OptimiseOptions {
            scenario,
            components: Vec::new(),
            max_components: None,
            budget: Budget::default(),
            subgroup: "all".into(),
            outcome: "resilience".into(),
            screen_replicates: 2,
            replicates: None,
            finalists: 5,
            seed: None,
            threads: None,
        }
    }
}

/// A finished search.
#[derive(Debug, Clone)]
pub struct OptimiseResult {
    /// The scenario file searched.
    pub file: String,
    /// The scenario as run (its baseline only, at the final replicates and seed).
    pub base: Scenario,
    /// What was maximised.
    pub objective: Objective,
    /// The budget.
    pub budget: Budget,
    /// Each component's price alone.
    pub prices: Prices,
    /// Components a portfolio could use.
    pub components: usize,
    /// Portfolios of the allowed components before the budget screen.
    pub enumerated: usize,
    /// The race, every candidate with its results.
    pub race: Race,
    /// Replicates of the final round.
    pub replicates: u32,
    /// Rows of `portfolios.csv`, best first.
    pub portfolios: Vec<PortfolioRow>,
    /// Rows of `frontier.csv`, cheapest first.
    pub frontier: Vec<FrontierRow>,
    /// The best portfolio and the two after it as a runnable scenario
    /// (`best.toml`), when any portfolio kept to the budget.
    pub best: Option<Scenario>,
    /// Student-weeks simulated.
    pub student_weeks: u64,
    /// Portfolio-replicates simulated (one portfolio for one replicate).
    pub simulations: u64,
    /// Threads used.
    pub threads: usize,
    /// Wall-clock seconds of the search.
    pub wall_seconds: f64,
}

/// Checks the options and resolves the objective.
fn objective(opts: &OptimiseOptions) -> Result<(Objective, usize, usize), JobError> {
    let g = subgroup_index(&opts.subgroup).ok_or_else(|| {
        let names: Vec<&str> = SUBGROUPS.iter().map(|s| s.name).collect();
        JobError::Input(format!(
            "--subgroup `{}`: {}",
            opts.subgroup,
            valid_names(&opts.subgroup, &names)
        ))
    })?;
    let o = OUTCOMES
        .iter()
        .position(|o| o.name == opts.outcome)
        .ok_or_else(|| {
            let names: Vec<&str> = OUTCOMES.iter().map(|o| o.name).collect();
            JobError::Input(format!(
                "--outcome `{}`: {}",
                opts.outcome,
                valid_names(&opts.outcome, &names)
            ))
        })?;
    Ok((
        Objective {
            subgroup: opts.subgroup.clone(),
            outcome: opts.outcome.clone(),
            higher_is_better: OUTCOMES[o].higher_is_better,
        },
        g,
        o,
    ))
}

/// The scenario with only its baseline strategy, at `replicates` and `seed`.
fn base_scenario(opts: &OptimiseOptions, replicates: u32) -> Scenario {
    let mut sc = opts.scenario.scenario.clone();
    let baseline = sc.strategies[sc.baseline_index()].clone();
    sc.strategies = vec![baseline];
    sc.run.replicates = replicates;
    if let Some(seed) = opts.seed {
        sc.run.seed = seed;
    }
    sc.sweep = None;
    // best.toml is written elsewhere: a posterior file is named by its
    // absolute path (the one given on the command line, else the
    // scenario's, relative to the scenario file).
    if sc.draws.is_some() {
        let absolute = |p: &std::path::Path| {
            std::path::absolute(p)
                .unwrap_or_else(|_| p.to_path_buf())
                .display()
                .to_string()
        };
        if let Some(p) = &opts.scenario.parameters.posterior {
            sc.run.posterior = Some(absolute(std::path::Path::new(p)));
        } else if let Some(p) = &sc.run.posterior {
            let dir = std::path::Path::new(&opts.scenario.file)
                .parent()
                .unwrap_or(std::path::Path::new(""));
            sc.run.posterior = Some(absolute(&dir.join(p)));
        }
    }
    sc
}

/// Runs portfolios, batch by batch, and returns their results.
struct Runner<'a> {
    base: &'a Scenario,
    g: usize,
    o: usize,
    objective: &'a Objective,
    cancel: &'a Cancel,
    pool: rayon::ThreadPool,
    progress: &'a dyn Progress,
    done: u64,
    student_weeks: u64,
    simulations: u64,
}

impl Runner<'_> {
    /// Runs `portfolios` on replicates `from..to`, appending each replicate's
    /// values to its tally (tallies in the order of `portfolios`).
    fn run(
        &mut self,
        portfolios: &[Portfolio],
        from: u32,
        to: u32,
        tallies: &mut [&mut Tally],
    ) -> Result<(), JobError> {
        let replicates: Vec<u32> = (from..to).collect();
        for (batch, tallies) in portfolios.chunks(BATCH).zip(tallies.chunks_mut(BATCH)) {
            let mut sc = self.base.clone();
            sc.strategies.extend(
                batch
                    .iter()
                    .enumerate()
                    .map(|(i, p)| p.strategy(&format!("p{i}"))),
            );
            let opts = engine::RunOptions {
                replicates: to,
                seed: sc.run.seed,
                snapshots: false,
            };
            let cal = &sc.calendar;
            let years = cal.years.max(1) as f64;
            let terms = (cal.terms.len().max(1)) as f64;
            let classes = sc.population.classes().max(1) as f64;
            let last = cal.total_weeks() as usize;
            let (g, o, objective) = (self.g, self.o, self.objective);
            let per_batch = batch.len() as u64;
            let progress = self.progress;
            let mut done = self.done;
            let mut folded: Vec<Vec<(f64, f64, f64)>> = Vec::new();
            let result = self.pool.install(|| {
                engine::run_replicates(&sc, &opts, &replicates, self.cancel.flag(), |rep| {
                    let base: &Record = &rep.records[0];
                    let base_value = base.moments(last, g, o).1;
                    let base_hours: f64 = base.teacher_hours.iter().sum();
                    folded.push(
                        rep.records[1..]
                            .iter()
                            .map(|r| {
                                let n = (r.n[0] as f64).max(1.0);
                                let hours: f64 = r.teacher_hours.iter().sum();
                                (
                                    objective.gain(r.moments(last, g, o).1, base_value),
                                    r.cost / n / years,
                                    (hours - base_hours) / classes / years / terms,
                                )
                            })
                            .collect(),
                    );
                    done += per_batch;
                    progress.advance(done);
                })
            });
            result.map_err(|engine::Cancelled| JobError::interrupted())?;
            self.done = done;
            self.student_weeks += simulated_student_weeks(&sc, replicates.len() as u32);
            self.simulations += per_batch * replicates.len() as u64;
            for values in folded {
                for (t, (gain, cost, hours)) in tallies.iter_mut().zip(values) {
                    t.gain.push(gain);
                    t.cost.push(cost);
                    t.hours.push(hours);
                }
            }
        }
        Ok(())
    }

    /// Runs every candidate `which` of the race up to `to` replicates, as
    /// one progress stage named `stage`.
    fn round(
        &mut self,
        race: &mut Race,
        which: &[usize],
        to: u32,
        stage: &str,
    ) -> Result<(), JobError> {
        // Group the candidates by the replicates they have run, so each
        // group runs the same replicates.
        let mut groups: Vec<(u32, Vec<usize>)> = Vec::new();
        for &i in which {
            let have = race.candidates[i].tally.replicates() as u32;
            if have >= to {
                continue;
            }
            match groups.iter_mut().find(|(h, _)| *h == have) {
                Some((_, list)) => list.push(i),
                None => groups.push((have, vec![i])),
            }
        }
        let total: u64 = groups
            .iter()
            .map(|(have, list)| (to - have) as u64 * list.len() as u64)
            .sum();
        if total == 0 {
            return Ok(());
        }
        self.progress.begin(stage, total, 0);
        self.done = 0;
        for (have, list) in groups {
            let ports: Vec<Portfolio> =
                list.iter().map(|&i| race.candidates[i].portfolio).collect();
            let mut tallies: Vec<Tally> = list
                .iter()
                .map(|&i| std::mem::take(&mut race.candidates[i].tally))
                .collect();
            let mut refs: Vec<&mut Tally> = tallies.iter_mut().collect();
            let outcome = self.run(&ports, have, to, &mut refs);
            for (&i, t) in list.iter().zip(tallies) {
                race.candidates[i].tally = t;
            }
            if let Err(e) = outcome {
                self.progress.end();
                return Err(e);
            }
        }
        self.progress.end();
        Ok(())
    }
}

/// Searches the portfolios of the allowed components for the one with the
/// highest expected gain that keeps to the budget (see [`crate::optimise`]).
pub fn optimise(
    opts: &OptimiseOptions,
    progress: &dyn Progress,
    cancel: &Cancel,
) -> Result<OptimiseResult, JobError> {
    let started = Instant::now();
    let threads = thread_count(opts.threads)?;
    let (objective, g, o) = objective(opts)?;
    let replicates = check_replicates(
        opts.replicates
            .unwrap_or(opts.scenario.scenario.run.replicates),
    )?;
    let screen = check_replicates(opts.screen_replicates)?.min(replicates);
    if opts.finalists == 0 {
        return Err(JobError::Input("--finalists 0: valid is 1 or more".into()));
    }
    let allowed: Vec<ComponentRef> = if opts.components.is_empty() {
        REGISTRY.iter().map(ComponentRef).collect()
    } else {
        let mut c = opts.components.clone();
        c.sort_by_key(|c| c.index());
        c.dedup_by_key(|c| c.index());
        c
    };
    let max_size = opts.max_components.unwrap_or(allowed.len());
    if max_size == 0 {
        return Err(JobError::Input(
            "--max-components 0: valid is 1 or more".into(),
        ));
    }
    let base = base_scenario(opts, replicates);
    // The biggest batch at the final replicates must fit.
    let mut biggest = base.clone();
    biggest.strategies.extend(
        (0..BATCH).map(|i| Portfolio(1 << (i % REGISTRY.len())).strategy(&format!("p{i}"))),
    );
    check_resources(&biggest, threads, false, &opts.scenario.file)?;
    if cancel.is_cancelled() {
        return Err(JobError::interrupted());
    }
    let mut runner = Runner {
        base: &base,
        g,
        o,
        objective: &objective,
        cancel,
        pool: pool(threads)?,
        progress,
        done: 0,
        student_weeks: 0,
        simulations: 0,
    };

    // Price each allowed component alone; these runs are also the
    // screening round of the one-component portfolios.
    let singles: Vec<Portfolio> = allowed.iter().map(|c| Portfolio(1 << c.index())).collect();
    let mut single_tallies = vec![Tally::default(); singles.len()];
    progress.begin(
        "prices (each component alone)",
        singles.len() as u64 * screen as u64,
        0,
    );
    {
        let mut refs: Vec<&mut Tally> = single_tallies.iter_mut().collect();
        let priced = runner.run(&singles, 0, screen, &mut refs);
        progress.end();
        priced?;
    }
    let mut prices = Prices {
        cost: vec![0.0; REGISTRY.len()],
        hours: vec![0.0; REGISTRY.len()],
    };
    for (c, t) in allowed.iter().zip(&single_tallies) {
        prices.cost[c.index()] = t.cost();
        prices.hours[c.index()] = t.hours();
    }

    // Every portfolio of the allowed components the budget may admit.
    let all = portfolios(&allowed, max_size);
    let enumerated = all.len();
    if enumerated > MAX_PORTFOLIOS {
        return Err(JobError::Input(format!(
            "{enumerated} portfolios: at most {MAX_PORTFOLIOS}"
        )));
    }
    let candidates: Vec<(Portfolio, (f64, f64))> = all
        .into_iter()
        .map(|p| (p, prices.estimate(p.0)))
        .filter(|(_, (cost, hours))| {
            opts.budget
                .admits(*cost, *hours, crate::optimise::prices::SCREEN_MARGIN)
        })
        .collect();
    if candidates.is_empty() {
        let cheapest = allowed
            .iter()
            .map(|c| (prices.cost[c.index()], c.name))
            .min_by(|a, b| a.0.total_cmp(&b.0));
        return Err(JobError::Input(format!(
            "no portfolio keeps to the budget ({}); the cheapest component alone, {}, costs {:.2} per student per year",
            opts.budget.describe(),
            cheapest.map_or("none", |c| c.1),
            cheapest.map_or(f64::NAN, |c| c.0)
        )));
    }
    let mut race = Race::new(candidates, opts.finalists, 3);
    for (p, t) in singles.iter().zip(single_tallies) {
        if let Some(c) = race.candidates.iter_mut().find(|c| c.portfolio == *p) {
            c.tally = t;
        }
    }

    // Successive halving: twice the replicates for a third of the portfolios.
    let mut have = screen;
    let alive = race.alive();
    runner.round(&mut race, &alive, have, "screening")?;
    race.cut(&opts.budget);
    while !race.done() && have < replicates {
        have = (have * 2).min(replicates);
        let alive = race.alive();
        let stage = format!(
            "round {} ({} portfolios, {have} replicates)",
            race.rounds,
            alive.len()
        );
        runner.round(&mut race, &alive, have, &stage)?;
        race.cut(&opts.budget);
    }

    // The finalists and the cost–effect frontier run in full.
    let ranking = race.ranking();
    let finalists: Vec<usize> = ranking.iter().copied().take(opts.finalists).collect();
    let within: Vec<usize> = (0..race.candidates.len())
        .filter(|&i| !race.candidates[i].over_budget)
        .collect();
    let points: Vec<(f64, f64)> = within
        .iter()
        .map(|&i| {
            (
                race.candidates[i].tally.cost(),
                race.candidates[i].tally.gain(),
            )
        })
        .collect();
    let on_frontier: Vec<usize> = frontier(&points).iter().map(|&k| within[k]).collect();
    let mut full: Vec<usize> = finalists.clone();
    for &i in on_frontier.iter().take(MAX_FRONTIER) {
        if !full.contains(&i) {
            full.push(i);
        }
    }
    runner.round(&mut race, &full, replicates, "finalists and frontier")?;
    // Budgets judged again on the full runs.
    for &i in &full {
        let c = &mut race.candidates[i];
        if !opts.budget.admits(c.tally.cost(), c.tally.hours(), 0.0) {
            c.over_budget = true;
        }
    }
    let (rows, frontier_rows, best) = results(&race, &full, &finalists, replicates, &base);
    Ok(OptimiseResult {
        file: opts.scenario.file.clone(),
        student_weeks: runner.student_weeks,
        simulations: runner.simulations,
        base,
        objective,
        budget: opts.budget,
        prices,
        components: allowed.len(),
        enumerated,
        race,
        replicates,
        portfolios: rows,
        frontier: frontier_rows,
        best,
        threads,
        wall_seconds: started.elapsed().as_secs_f64(),
    })
}

/// The rows of `portfolios.csv` and `frontier.csv` and the best portfolios
/// as a scenario.
fn results(
    race: &Race,
    full: &[usize],
    finalists: &[usize],
    replicates: u32,
    base: &Scenario,
) -> (Vec<PortfolioRow>, Vec<FrontierRow>, Option<Scenario>) {
    let mut ranked: Vec<usize> = full
        .iter()
        .copied()
        .filter(|&i| !race.candidates[i].over_budget)
        .collect();
    ranked.sort_by(|&a, &b| race.order(a, b));
    let top: Vec<usize> = ranked.iter().copied().take(finalists.len()).collect();
    let p_best = race.probability_best(&top);
    let points: Vec<(f64, f64)> = ranked
        .iter()
        .map(|&i| {
            (
                race.candidates[i].tally.cost(),
                race.candidates[i].tally.gain(),
            )
        })
        .collect();
    let on_frontier: Vec<usize> = frontier(&points).iter().map(|&k| ranked[k]).collect();

    let mut order: Vec<usize> = ranked.clone();
    let mut rest: Vec<usize> = (0..race.candidates.len())
        .filter(|i| !ranked.contains(i))
        .collect();
    rest.sort_by(|&a, &b| {
        let (ca, cb) = (&race.candidates[a], &race.candidates[b]);
        cb.tally
            .replicates()
            .cmp(&ca.tally.replicates())
            .then(race.order(a, b))
    });
    order.extend(rest);
    let rows = order
        .iter()
        .map(|&i| {
            let c = &race.candidates[i];
            let (lo, hi) = c.tally.interval();
            let rank = ranked.iter().position(|&r| r == i);
            let status = if c.over_budget {
                "over_budget"
            } else if finalists.contains(&i) {
                "finalist"
            } else if full.contains(&i) {
                "frontier"
            } else {
                "dropped"
            };
            PortfolioRow {
                rank: rank.map(|r| r as u64 + 1),
                portfolio: c.portfolio.label(),
                components: c.portfolio.len() as u32,
                estimated_cost: c.estimate.0,
                cost_per_student_year: c.tally.cost(),
                teacher_hours_per_class_term: c.tally.hours(),
                gain: c.tally.gain(),
                gain_lo: lo,
                gain_hi: hi,
                replicates: c.tally.replicates() as u32,
                status: status.into(),
                dropped_in: if full.contains(&i) {
                    None
                } else {
                    c.dropped.map(u64::from)
                },
                on_frontier: on_frontier.contains(&i),
                p_best: top
                    .iter()
                    .position(|&t| t == i)
                    .map_or(f64::NAN, |k| p_best[k]),
            }
        })
        .collect();
    let mut previous: Option<(f64, f64)> = None;
    let frontier_rows = on_frontier
        .iter()
        .map(|&i| {
            let t = &race.candidates[i].tally;
            let (lo, hi) = t.interval();
            let per = previous.map_or(f64::NAN, |(c, g)| (t.gain() - g) / (t.cost() - c));
            previous = Some((t.cost(), t.gain()));
            FrontierRow {
                portfolio: race.candidates[i].portfolio.label(),
                cost_per_student_year: t.cost(),
                teacher_hours_per_class_term: t.hours(),
                gain: t.gain(),
                gain_lo: lo,
                gain_hi: hi,
                gain_per_money: per,
                replicates: t.replicates() as u32,
            }
        })
        .collect();
    let best = (!top.is_empty()).then(|| {
        let mut sc = base.clone();
        sc.run.replicates = replicates;
        for (k, &i) in top.iter().take(3).enumerate() {
            let name = if k == 0 {
                "best".to_string()
            } else {
                format!("runner_up_{k}")
            };
            let mut s: StrategySpec = race.candidates[i].portfolio.strategy(&name);
            s.description = format!(
                "{} (resim optimise: rank {})",
                race.candidates[i].portfolio.label().replace('+', ", "),
                k + 1
            );
            sc.strategies.push(s);
        }
        sc
    });
    (rows, frontier_rows, best)
}

impl OptimiseResult {
    /// The best portfolio's row, if any kept to the budget.
    pub fn best_row(&self) -> Option<&PortfolioRow> {
        self.portfolios.first().filter(|r| r.rank == Some(1))
    }

    /// `manifest.json`: what was searched, how, and the files written.
    fn manifest(&self, files: Vec<FileEntry>) -> Result<Vec<u8>, JobError> {
        let value = serde_json::json!({
            "resim_version": env!("CARGO_PKG_VERSION"),
            "git_commit": GIT_COMMIT,
            "job": "optimise",
            "scenario_file": self.file,
            "scenario": self.base.to_toml(),
            "parameter_set_hash": output::parameter_set_hash(&self.base),
            "uncertainty": output::UncertaintyRecord::of(&self.base, self.replicates),
            "objective": {
                "subgroup": self.objective.subgroup,
                "outcome": self.objective.outcome,
                "higher_is_better": self.objective.higher_is_better,
            },
            "budget": {
                "cost_per_student_year": self.budget.cost_per_student_year,
                "teacher_hours_per_class_term": self.budget.teacher_hours_per_class_term,
            },
            "portfolios_enumerated": self.enumerated,
            "portfolios_screened": self.race.candidates.len(),
            "rounds": self.race.rounds,
            "replicates": self.replicates,
            "seed": self.base.run.seed,
            "simulations": self.simulations,
            "student_weeks": self.student_weeks,
            "threads": self.threads,
            "wall_seconds": self.wall_seconds,
            "files": files,
        });
        serde_json::to_vec_pretty(&value).map_err(|e| JobError::Internal(e.to_string()))
    }

    /// Writes `portfolios.csv`, `frontier.csv`, `frontier.svg`, `best.toml`
    /// (when a portfolio kept to the budget) and `manifest.json` into `dir`
    /// as one result set.
    pub fn write(&self, dir: &OutputDir) -> Result<(), JobError> {
        let mut set = SetWriter::new(dir);
        set.add("portfolios.csv", &output::to_csv(&self.portfolios))?;
        set.add("frontier.csv", &output::to_csv(&self.frontier))?;
        let chart = crate::optimise::frontier_chart(&self.portfolios, &self.objective.describe())
            .map_err(|e| JobError::Internal(e.to_string()))?;
        set.add("frontier.svg", chart.as_bytes())?;
        if let Some(best) = &self.best {
            let mut toml = best.to_toml();
            // Under parameter uncertainty the drawn parameters are left
            // out, so that `resim run best.toml` draws them again (a value
            // a file writes is kept, not drawn).
            if let Some(d) = &best.draws {
                let drawn: Vec<&str> = d.drawn().collect();
                toml = super::whatif::without_keys(&toml, &drawn);
            }
            let text = format!(
                "# The best portfolio{} for {}, by the {} (resim optimise on {}).\n# Run it: resim run best.toml\n{}",
                if best.strategies.len() > 2 { "s" } else { "" },
                self.budget.describe(),
                self.objective.describe(),
                self.file,
                toml
            );
            set.add("best.toml", text.as_bytes())?;
        }
        set.commit(|files| self.manifest(files), || None::<JobError>)
    }
}
