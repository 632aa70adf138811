//! `optimise`: the best portfolio of components for a budget, found by
//! racing portfolios with common random numbers (see [`crate::optimise`]).

use crate::problem::Message;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::components::{ComponentRef, REGISTRY};
use crate::engine;
use crate::model::OUTCOMES;
use crate::optimise::rows::{FrontierRow, PortfolioRow};
use crate::optimise::tune::fit_share;
use crate::optimise::{
    Budget, Candidate, MAX_PORTFOLIOS, Objective, Portfolio, Prices, Race, Settings, Tally,
    frontier, portfolios, tune,
};
use crate::output::{self, FileEntry, GIT_COMMIT, OutputDir, SetWriter, write_atomic};
use crate::population::{SUBGROUPS, subgroup_index};
use crate::problem::valid_names;
use crate::scenario::{Scenario, StrategySpec, simulated_student_weeks};
use crate::shard::{Job, Kind, Shard, ShardHeader, ShardLine, ShardSet, ShardWriter};
use crate::stats::Record;

use super::points::{Outcome, ShardClaim, Workspace, claim_shard, scenario_of};
use super::setup::{check_replicates, check_resources, pool, thread_count};
use super::{Cancel, JobError, ParameterOptions, Progress, ScenarioFile};

/// Portfolios simulated together in one run of the engine (beside the
/// baseline): they share its burn-in.
const BATCH: usize = 32;

/// Most portfolios run in full for the frontier besides the finalists.
const MAX_FRONTIER: usize = 20;

/// Portfolios whose settings are tuned: the best three, those `best.toml`
/// writes.
pub const TUNE_TOP: usize = 3;

/// With the settings search on, a portfolio the budget affords only at
/// part coverage enters the race with its coverages scaled down to the
/// budget, if that keeps at least this share of them.
pub const MIN_SCALE: f64 = 0.5;

/// Fewest scaled-down portfolios a race may hold (at most as many as
/// race at their defaults, and at least this many).
pub const MIN_SCALED: usize = 32;

/// Scaled-down portfolios aim this share below the budget, so the
/// simulated cost keeps to it; the settings search then goes to its edge.
const SCALE_SLACK: f64 = 0.05;

/// Replicates of each settings evaluation unless the options say.
pub const TUNE_REPLICATES: u32 = 8;

/// Name of the search's checkpoint in the output directory.
pub const STATE_FILE: &str = "optimise_state.json";

/// Largest checkpoint read.
const MAX_STATE_BYTES: u64 = 1 << 30;

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
    /// Search the settings (coverage, frequency) too: portfolios the budget
    /// affords only at part coverage race scaled down, and the best
    /// [`TUNE_TOP`] portfolios' settings are tuned [default: true].
    pub tune: bool,
    /// Simulations (portfolio-replicates) the settings search may spend,
    /// shared by the portfolios it tunes [default: 1500].
    pub tune_budget: u64,
    /// Replicates of each settings evaluation; the best settings then run
    /// every replicate [default: 8, at most the replicates].
    pub tune_replicates: Option<u32>,
}

/// The budget of `--max-cost` (money per student per year) and
/// `--max-hours` (teacher hours per class per term), each checked to be a
/// number of 0 or more; the messages name the CLI's flags, which the Python
/// package's keywords mirror.
pub fn budget_of(max_cost: Option<f64>, max_hours: Option<f64>) -> Result<Budget, JobError> {
    for (flag, v) in [("--max-cost", max_cost), ("--max-hours", max_hours)] {
        if v.is_some_and(|v| !v.is_finite() || v < 0.0) {
            return Err(JobError::Input(
                Message::new("problem-optimise-budget")
                    .arg("flag", flag)
                    .arg("value", v.unwrap_or_default()),
            ));
        }
    }
    Ok(Budget {
        cost_per_student_year: max_cost,
        teacher_hours_per_class_term: max_hours,
    })
}

/// The components named by `--components` (names trimmed); an unknown
/// name is bad input naming the valid ones.
pub fn components_named(names: &[String]) -> Result<Vec<ComponentRef>, JobError> {
    names
        .iter()
        .map(|n| {
            crate::components::find(n.trim()).ok_or_else(|| {
                JobError::Input(
                    Message::new("problem-optimise-name")
                        .arg("flag", "--components")
                        .arg("given", n)
                        .with("valid", valid_names(n, &crate::components::names())),
                )
            })
        })
        .collect()
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
            tune: true,
            tune_budget: 1500,
            tune_replicates: None,
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
    /// The race, every candidate with its results (tuned portfolios last).
    pub race: Race,
    /// Candidates of the race (those after them in `race` are tuned).
    pub raced: usize,
    /// Portfolios whose settings were tuned, and the settings evaluated.
    pub tuned: Vec<(String, usize)>,
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
    /// Threads used (shard 0's and the merge's, when merged).
    pub threads: usize,
    /// Wall-clock seconds of the search (the shards' summed with the
    /// merge's, when merged).
    pub wall_seconds: f64,
    /// What was searched (the manifest's `search`).
    pub record: SearchRecord,
    /// Shards whose screening rounds were merged (1: the whole search on
    /// one machine).
    pub shards: u32,
}

/// Checks the options and resolves the objective.
fn objective(opts: &OptimiseOptions) -> Result<(Objective, usize, usize), JobError> {
    let g = subgroup_index(&opts.subgroup).ok_or_else(|| {
        let names: Vec<&str> = SUBGROUPS.iter().map(|s| s.name).collect();
        JobError::Input(
            Message::new("problem-optimise-name")
                .arg("flag", "--subgroup")
                .arg("given", &opts.subgroup)
                .with("valid", valid_names(&opts.subgroup, &names)),
        )
    })?;
    let o = OUTCOMES
        .iter()
        .position(|o| o.name == opts.outcome)
        .ok_or_else(|| {
            let names: Vec<&str> = OUTCOMES.iter().map(|o| o.name).collect();
            JobError::Input(
                Message::new("problem-optimise-name")
                    .arg("flag", "--outcome")
                    .arg("given", &opts.outcome)
                    .with("valid", valid_names(&opts.outcome, &names)),
            )
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
    /// The scenario one batch runs: the baseline and the batch's
    /// strategies, named by their place in it.
    fn batch_scenario(&self, batch: &[StrategySpec]) -> Scenario {
        let mut sc = self.base.clone();
        sc.strategies
            .extend(batch.iter().enumerate().map(|(i, s)| StrategySpec {
                name: format!("p{i}"),
                ..s.clone()
            }));
        sc
    }

    /// Counts the work of one batch (`sc`) over `replicates`.
    fn count(&mut self, sc: &Scenario, replicates: u32) {
        self.student_weeks += simulated_student_weeks(sc, replicates);
        self.simulations += (sc.strategies.len() as u64 - 1) * replicates as u64;
    }

    /// Counts the work that running `strategies` on `replicates` replicates,
    /// batch by batch, would do (a screening round the shards ran).
    fn count_as_run(&mut self, strategies: &[StrategySpec], replicates: u32) {
        for batch in strategies.chunks(BATCH) {
            let sc = self.batch_scenario(batch);
            self.count(&sc, replicates);
        }
    }

    /// Runs `strategies` on replicates `from..to`, appending each
    /// replicate's values to its tally (tallies in the order of
    /// `strategies`; their names are replaced).
    fn run(
        &mut self,
        strategies: &[StrategySpec],
        from: u32,
        to: u32,
        tallies: &mut [&mut Tally],
    ) -> Result<(), JobError> {
        let replicates: Vec<u32> = (from..to).collect();
        for (batch, tallies) in strategies.chunks(BATCH).zip(tallies.chunks_mut(BATCH)) {
            let sc = self.batch_scenario(batch);
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
            self.count(&sc, replicates.len() as u32);
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
            let strategies: Vec<StrategySpec> = list
                .iter()
                .map(|&i| strategy(&race.candidates[i], "p"))
                .collect();
            let mut tallies: Vec<Tally> = list
                .iter()
                .map(|&i| std::mem::take(&mut race.candidates[i].tally))
                .collect();
            let mut refs: Vec<&mut Tally> = tallies.iter_mut().collect();
            let outcome = self.run(&strategies, have, to, &mut refs);
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

/// A candidate as a strategy named `name`, at its settings.
fn strategy(c: &Candidate, name: &str) -> StrategySpec {
    c.portfolio.strategy_with(name, c.settings.as_ref())
}

/// The search so far, saved after every stage (`optimise_state.json`), so
/// an interrupted search continues where it stopped and ends with exactly
/// the outputs of an uninterrupted one.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct State {
    /// The resim version that wrote it.
    program: String,
    /// What is searched: the scenario and every option that shapes the
    /// results (not the threads).
    job: serde_json::Value,
    /// Each allowed component alone on the screening replicates.
    singles: Option<Vec<Tally>>,
    /// The race after its last finished round.
    race: Option<Race>,
    /// Replicates of the race's last finished round.
    have: u32,
    /// After the finalists and the frontier ran in full: the finalists and
    /// every candidate run in full.
    full: Option<(Vec<usize>, Vec<usize>)>,
    /// Candidates in the race (those after them are tuned).
    raced: usize,
    /// The candidates whose settings are searched, best first.
    tune_top: Option<Vec<usize>>,
    /// Portfolios whose settings search is finished, with the settings
    /// each evaluated.
    tuned: Vec<(String, usize)>,
    /// Student-weeks simulated.
    student_weeks: u64,
    /// Portfolio-replicates simulated.
    simulations: u64,
}

/// Every option that shapes a search's results, resolved: with the
/// scenario, the identity of its checkpoint; a shard's options (so `resim
/// merge` rebuilds the search from them); the manifest's `search`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchRecord {
    /// `--set`, `--uncertainty`, `--posterior`.
    #[serde(flatten)]
    pub parameters: ParameterOptions,
    /// The components a portfolio may use, in registry order.
    pub components: Vec<String>,
    /// Most components in one portfolio.
    pub max_components: usize,
    /// The budget's money per student per year.
    pub cost_per_student_year: Option<f64>,
    /// The budget's teacher hours per class per term.
    pub teacher_hours_per_class_term: Option<f64>,
    /// The subgroup whose outcome is maximised.
    pub subgroup: String,
    /// The outcome maximised.
    pub outcome: String,
    /// Replicates of the screening round.
    pub screen_replicates: u32,
    /// Replicates of the finalists and the frontier.
    pub replicates: u32,
    /// Master seed.
    pub seed: u64,
    /// Portfolios left when the race stops.
    pub finalists: usize,
    /// Whether settings are searched.
    pub tune: bool,
    /// Simulations the settings search may spend.
    pub tune_budget: u64,
    /// Replicates of each settings evaluation, as given.
    pub tune_replicates: Option<u32>,
}

impl SearchRecord {
    /// The options of the search this record is of, on `scenario` (the
    /// record's parameters applied to it).
    pub fn options(&self, mut scenario: ScenarioFile) -> Result<OptimiseOptions, JobError> {
        self.parameters.apply(&mut scenario)?;
        let mut opts = OptimiseOptions::new(scenario);
        opts.components = components_named(&self.components)?;
        opts.max_components = Some(self.max_components);
        opts.budget = budget_of(
            self.cost_per_student_year,
            self.teacher_hours_per_class_term,
        )?;
        opts.subgroup = self.subgroup.clone();
        opts.outcome = self.outcome.clone();
        opts.screen_replicates = self.screen_replicates;
        opts.replicates = Some(self.replicates);
        opts.seed = Some(self.seed);
        opts.finalists = self.finalists;
        opts.tune = self.tune;
        opts.tune_budget = self.tune_budget;
        opts.tune_replicates = self.tune_replicates;
        Ok(opts)
    }
}

/// A search's options checked and resolved, before anything runs.
struct Setup {
    threads: usize,
    objective: Objective,
    g: usize,
    o: usize,
    replicates: u32,
    screen: u32,
    allowed: Vec<ComponentRef>,
    max_size: usize,
    base: Scenario,
    record: SearchRecord,
}

impl Setup {
    /// Checks `opts` and resolves their defaults.
    fn of(opts: &OptimiseOptions) -> Result<Setup, JobError> {
        let threads = thread_count(opts.threads)?;
        let (objective, g, o) = objective(opts)?;
        let replicates = check_replicates(
            opts.replicates
                .unwrap_or(opts.scenario.scenario.run.replicates),
        )?;
        let screen = check_replicates(opts.screen_replicates)?.min(replicates);
        if opts.finalists == 0 {
            return Err(JobError::Input(
                Message::new("problem-optimise-at-least-1").arg("flag", "--finalists"),
            ));
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
                Message::new("problem-optimise-at-least-1").arg("flag", "--max-components"),
            ));
        }
        let base = base_scenario(opts, replicates);
        // The biggest batch at the final replicates must fit.
        let mut biggest = base.clone();
        biggest.strategies.extend(
            (0..BATCH).map(|i| Portfolio(1 << (i % REGISTRY.len())).strategy(&format!("p{i}"))),
        );
        check_resources(&biggest, threads, false, &opts.scenario.file)?;
        let record = SearchRecord {
            parameters: opts.scenario.parameters.clone(),
            components: allowed.iter().map(|c| c.name.to_string()).collect(),
            max_components: max_size,
            cost_per_student_year: opts.budget.cost_per_student_year,
            teacher_hours_per_class_term: opts.budget.teacher_hours_per_class_term,
            subgroup: opts.subgroup.clone(),
            outcome: opts.outcome.clone(),
            screen_replicates: screen,
            replicates,
            seed: base.run.seed,
            finalists: opts.finalists,
            tune: opts.tune,
            tune_budget: opts.tune_budget,
            tune_replicates: opts.tune_replicates,
        };
        Ok(Setup {
            threads,
            objective,
            g,
            o,
            replicates,
            screen,
            allowed,
            max_size,
            base,
            record,
        })
    }

    /// The record of what a search is: resuming needs the same.
    fn job(&self) -> serde_json::Value {
        serde_json::json!({
            "scenario": self.base.to_toml(),
            "search": self.record,
        })
    }

    /// Every portfolio of the allowed components.
    fn portfolios(&self) -> Result<Vec<Portfolio>, JobError> {
        let all = portfolios(&self.allowed, self.max_size);
        if all.len() > MAX_PORTFOLIOS {
            return Err(JobError::Input(
                Message::new("problem-optimise-too-many")
                    .arg("count", all.len())
                    .arg("max", MAX_PORTFOLIOS),
            ));
        }
        Ok(all)
    }

    /// Each allowed component alone.
    fn singles(&self) -> Vec<Portfolio> {
        self.allowed
            .iter()
            .map(|c| Portfolio(1 << c.index()))
            .collect()
    }

    /// Each component's price, from the runs of each alone.
    fn prices(&self, single_tallies: &[Tally]) -> Prices {
        let mut prices = Prices {
            cost: vec![0.0; REGISTRY.len()],
            hours: vec![0.0; REGISTRY.len()],
        };
        for (c, t) in self.allowed.iter().zip(single_tallies) {
            prices.cost[c.index()] = t.cost();
            prices.hours[c.index()] = t.hours();
        }
        prices
    }

    /// A runner of portfolios for this search, its work counted from
    /// `student_weeks` and `simulations`.
    fn runner<'a>(
        &'a self,
        progress: &'a dyn Progress,
        cancel: &'a Cancel,
        student_weeks: u64,
        simulations: u64,
    ) -> Result<Runner<'a>, JobError> {
        Ok(Runner {
            base: &self.base,
            g: self.g,
            o: self.o,
            objective: &self.objective,
            cancel,
            pool: pool(self.threads)?,
            progress,
            done: 0,
            student_weeks,
            simulations,
        })
    }
}

/// Prices each allowed component alone on the screening replicates (these
/// runs are also the screening round of the one-component portfolios).
fn price(
    runner: &mut Runner<'_>,
    singles: &[Portfolio],
    screen: u32,
) -> Result<Vec<Tally>, JobError> {
    let mut single_tallies = vec![Tally::default(); singles.len()];
    runner.progress.begin(
        "prices (each component alone)",
        singles.len() as u64 * screen as u64,
        0,
    );
    let strategies: Vec<StrategySpec> = singles.iter().map(|p| p.strategy("p")).collect();
    let mut refs: Vec<&mut Tally> = single_tallies.iter_mut().collect();
    let priced = runner.run(&strategies, 0, screen, &mut refs);
    runner.progress.end();
    priced?;
    Ok(single_tallies)
}

/// The candidates the screening round runs, in screening order: those
/// not yet run on the screening replicates (not the one-component
/// portfolios, whose pricing runs screened them).
fn screening_units(race: &Race, screen: u32) -> Vec<usize> {
    race.alive()
        .into_iter()
        .filter(|&i| (race.candidates[i].tally.replicates() as u32) < screen)
        .collect()
}

/// Shard `shard`'s share of `units`: the `index`-th of `count` consecutive
/// runs of them, as even as can be (the first ones one longer).
fn share_of(units: &[usize], shard: Shard) -> &[usize] {
    let (n, i) = (shard.count as usize, shard.index as usize);
    let at = |k: usize| k * units.len() / n;
    &units[at(i)..at(i + 1)]
}

/// One line of an optimise shard file: the tally of one unit of its
/// screening round. Units are numbered: each allowed component alone first
/// (`0..components`, the prices, written by shard 0), then the screening
/// round's candidates in screening order (`components + j`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScreenLine {
    /// The unit.
    pub point: u64,
    /// Its results on the screening replicates, bit for bit.
    pub tally: Tally,
}

impl ShardLine for ScreenLine {
    fn point(&self) -> u64 {
        self.point
    }
}

/// The prices and screening tallies the shards of a search ran, checked
/// to be the whole screening round, each unit once.
fn assemble(
    lines: &[ScreenLine],
    components: usize,
    screen: u32,
) -> Result<(Vec<Tally>, BTreeMap<usize, Tally>), JobError> {
    let mut singles: Vec<Option<Tally>> = vec![None; components];
    let mut units: BTreeMap<usize, Tally> = BTreeMap::new();
    for l in lines {
        if l.tally.replicates() != screen as usize {
            return Err(JobError::Input(
                Message::new("problem-optimise-shard-replicates")
                    .arg("unit", l.point)
                    .arg("replicates", l.tally.replicates())
                    .arg("screen", screen),
            ));
        }
        let p = l.point as usize;
        let twice = if p < components {
            singles[p].replace(l.tally.clone()).is_some()
        } else {
            units.insert(p - components, l.tally.clone()).is_some()
        };
        if twice {
            return Err(JobError::Input(
                Message::new("problem-optimise-shard-twice").arg("unit", l.point),
            ));
        }
    }
    let singles = singles
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            t.ok_or_else(|| {
                JobError::Input(Message::new("problem-optimise-shard-price").arg("component", i))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok((singles, units))
}

/// Where a search saves its state: the claimed output directory, and
/// whether to continue the state saved there.
pub struct Checkpoint<'a> {
    /// The claimed output directory.
    pub dir: &'a OutputDir,
    /// Continue the search saved there.
    pub resume: bool,
}

impl Checkpoint<'_> {
    fn path(&self) -> std::path::PathBuf {
        self.dir.file(STATE_FILE)
    }

    /// The saved state, checked to be this search's.
    fn load(&self, job: &serde_json::Value) -> Result<Option<State>, JobError> {
        let path = self.path();
        if !self.resume {
            return Ok(None);
        }
        if !path.is_file() {
            return Err(JobError::Input(
                Message::new("problem-optimise-resume-none")
                    .arg("dir", self.dir.path.display())
                    .arg("file", STATE_FILE),
            ));
        }
        let text = crate::input::read_capped(&path, MAX_STATE_BYTES, "an optimise checkpoint")
            .map_err(|e| {
                JobError::Input(
                    Message::new("problem-optimise-resume-unreadable").with("message", e.message()),
                )
            })?;
        let state: State = serde_json::from_slice(&text).map_err(|e| {
            JobError::Input(
                Message::new("problem-optimise-not-a-state")
                    .arg("file", path.display())
                    .with("message", Message::verbatim(e.to_string())),
            )
        })?;
        let now = env!("CARGO_PKG_VERSION");
        if state.program != now {
            return Err(JobError::Input(
                Message::new("problem-optimise-resume-version")
                    .arg("file", path.display())
                    .arg("then", &state.program)
                    .arg("now", now),
            ));
        }
        if &state.job != job {
            return Err(JobError::Input(
                Message::new("problem-optimise-other").arg("file", path.display()),
            ));
        }
        Ok(Some(state))
    }

    fn save(&self, state: &State) -> Result<(), JobError> {
        let bytes = serde_json::to_vec(state).map_err(|e| JobError::internal(e.to_string()))?;
        Ok(write_atomic(&self.path(), &bytes)?)
    }
}

/// Removes the checkpoint of a finished search (after its results are
/// written).
pub fn remove_checkpoint(dir: &OutputDir) -> Result<(), JobError> {
    match std::fs::remove_file(dir.file(STATE_FILE)) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(JobError::Internal(
            Message::new("problem-in-context")
                .arg("context", dir.file(STATE_FILE).display())
                .arg("message", e),
        )),
    }
}

/// Whether `dir` holds the checkpoint of an unfinished search.
pub fn unfinished(dir: &Path) -> bool {
    dir.join(STATE_FILE).is_file()
}

/// Claims the output directory `out` of a search and says where it saves
/// its state: with `resume` (and not `force`) the directory as it is, its
/// saved search continued; else a new or empty directory (`force`:
/// replacing resim's files), refused when it holds an unfinished search.
pub fn claim_output(out: &Path, resume: bool, force: bool) -> Result<OutputDir, JobError> {
    if resume && !force {
        return Ok(OutputDir::claim_existing(out)?);
    }
    if !force && unfinished(out) {
        return Err(JobError::Input(
            Message::new("problem-optimise-unfinished").arg("dir", out.display()),
        ));
    }
    super::output_dir(out, force)
}

/// Searches the portfolios of the allowed components for the one with the
/// highest expected gain that keeps to the budget (see [`crate::optimise`]),
/// in memory.
pub fn optimise(
    opts: &OptimiseOptions,
    progress: &dyn Progress,
    cancel: &Cancel,
) -> Result<OptimiseResult, JobError> {
    search(opts, None, None, progress, cancel)
}

/// [`optimise`], saving the search's state in the claimed output directory
/// after every stage (`optimise_state.json`: the prices, each round of the
/// race, the full runs, each portfolio's settings search); with `resume`
/// the saved search continues and ends with exactly the outputs of an
/// uninterrupted one. Interrupted, the error says how to continue.
pub fn optimise_resumable(
    opts: &OptimiseOptions,
    checkpoint: &Checkpoint<'_>,
    progress: &dyn Progress,
    cancel: &Cancel,
) -> Result<OptimiseResult, JobError> {
    search(opts, Some(checkpoint), None, progress, cancel).map_err(|e| match e {
        JobError::Interrupted { .. } if checkpoint.path().is_file() => JobError::resumable(
            Message::new("problem-stopped-search-saved").arg("file", checkpoint.path().display()),
        ),
        e => e,
    })
}

/// The search, whole or (with `shards`, the lines of every shard file)
/// from a screening round the shards ran.
fn search(
    opts: &OptimiseOptions,
    checkpoint: Option<&Checkpoint<'_>>,
    shards: Option<&[ScreenLine]>,
    progress: &dyn Progress,
    cancel: &Cancel,
) -> Result<OptimiseResult, JobError> {
    let started = Instant::now();
    let setup = Setup::of(opts)?;
    let (replicates, screen) = (setup.replicates, setup.screen);
    let job = setup.job();
    let mut state = match checkpoint {
        Some(c) => c.load(&job)?,
        None => None,
    }
    .unwrap_or_else(|| State {
        program: env!("CARGO_PKG_VERSION").to_string(),
        job,
        singles: None,
        race: None,
        have: 0,
        full: None,
        raced: 0,
        tune_top: None,
        tuned: Vec::new(),
        student_weeks: 0,
        simulations: 0,
    });
    let save = |state: &State| match checkpoint {
        Some(c) => c.save(state),
        None => Ok(()),
    };
    if cancel.is_cancelled() {
        return Err(JobError::interrupted());
    }
    let mut runner = setup.runner(progress, cancel, state.student_weeks, state.simulations)?;
    let counted = |state: &mut State, runner: &Runner| {
        state.student_weeks = runner.student_weeks;
        state.simulations = runner.simulations;
    };
    let base = setup.base.clone();
    let threads = setup.threads;
    let objective = setup.objective.clone();
    let allowed = setup.allowed.clone();
    let singles = setup.singles();
    // The shards' screening round, checked whole.
    let assembled = shards
        .map(|lines| assemble(lines, singles.len(), screen))
        .transpose()?;

    // Price each allowed component alone; these runs are also the
    // screening round of the one-component portfolios.
    if state.singles.is_none() {
        let single_tallies = match &assembled {
            Some((single_tallies, _)) => {
                let strategies: Vec<StrategySpec> =
                    singles.iter().map(|p| p.strategy("p")).collect();
                runner.count_as_run(&strategies, screen);
                single_tallies.clone()
            }
            None => price(&mut runner, &singles, screen)?,
        };
        state.singles = Some(single_tallies);
        counted(&mut state, &runner);
        save(&state)?;
    }
    let single_tallies = state.singles.clone().unwrap_or_default();
    let prices = setup.prices(&single_tallies);

    // Every portfolio of the allowed components the budget may admit.
    let all = setup.portfolios()?;
    let enumerated = all.len();
    let mut race = match state.race.take() {
        Some(race) => race,
        None => {
            let mut race = screened(opts, &all, &prices, &allowed, &singles, single_tallies)?;
            let units = screening_units(&race, screen);
            match &assembled {
                None => runner.round(&mut race, &units, screen, "screening")?,
                Some((_, tallies)) => {
                    if tallies.len() != units.len()
                        || tallies
                            .keys()
                            .next_back()
                            .is_some_and(|&j| j >= units.len())
                    {
                        return Err(JobError::Input(
                            Message::new("problem-optimise-shard-other")
                                .arg("count", tallies.len())
                                .arg("total", units.len()),
                        ));
                    }
                    for (&j, t) in tallies {
                        race.candidates[units[j]].tally = t.clone();
                    }
                    let strategies: Vec<StrategySpec> = units
                        .iter()
                        .map(|&i| strategy(&race.candidates[i], "p"))
                        .collect();
                    runner.count_as_run(&strategies, screen);
                }
            }
            race.cut(&opts.budget);
            state.have = screen;
            state.race = Some(race);
            counted(&mut state, &runner);
            save(&state)?;
            state.race.take().unwrap_or_else(|| unreachable!())
        }
    };

    // Successive halving: twice the replicates for a third of the portfolios.
    while state.full.is_none() && !race.done() && state.have < replicates {
        let have = (state.have * 2).min(replicates);
        let alive = race.alive();
        let stage = format!(
            "round {} ({} portfolios, {have} replicates)",
            race.rounds,
            alive.len()
        );
        runner.round(&mut race, &alive, have, &stage)?;
        race.cut(&opts.budget);
        state.have = have;
        state.race = Some(race.clone());
        counted(&mut state, &runner);
        save(&state)?;
    }

    // The finalists and the cost–effect frontier run in full.
    let (finalists, mut full) = match state.full.clone() {
        Some(f) => f,
        None => {
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
            state.full = Some((finalists.clone(), full.clone()));
            state.raced = race.candidates.len();
            state.race = Some(race.clone());
            counted(&mut state, &runner);
            save(&state)?;
            (finalists, full)
        }
    };

    // The settings search: the best few portfolios, tuned in turn.
    if opts.tune {
        let top = match state.tune_top.clone() {
            Some(top) => top,
            None => {
                let mut ranked: Vec<usize> = full
                    .iter()
                    .copied()
                    .filter(|&i| !race.candidates[i].over_budget)
                    .collect();
                ranked.sort_by(|&a, &b| race.order(a, b));
                ranked.truncate(TUNE_TOP);
                state.tune_top = Some(ranked.clone());
                ranked
            }
        };
        let tune_reps = opts
            .tune_replicates
            .unwrap_or(TUNE_REPLICATES)
            .clamp(1, replicates);
        let share = opts.tune_budget / top.len().max(1) as u64;
        let max_evals = (share / tune_reps as u64) as usize;
        for &i in top.iter().skip(state.tuned.len()) {
            let c = race.candidates[i].clone();
            let start = c
                .settings
                .clone()
                .unwrap_or_else(|| Settings::defaults(c.portfolio));
            let label = c.portfolio.label();
            progress.begin(
                &format!("settings of {label}"),
                max_evals as u64 * tune_reps as u64,
                0,
            );
            runner.done = 0;
            let tuned = {
                let runner = &mut runner;
                let mut eval = |batch: &[Settings]| -> Result<Vec<Tally>, JobError> {
                    let strategies: Vec<StrategySpec> = batch
                        .iter()
                        .map(|s| c.portfolio.strategy_with("p", Some(s)))
                        .collect();
                    let mut tallies = vec![Tally::default(); batch.len()];
                    let mut refs: Vec<&mut Tally> = tallies.iter_mut().collect();
                    runner.run(&strategies, 0, tune_reps, &mut refs)?;
                    Ok(tallies)
                };
                // The first replicates of a full run are those of a short
                // one (common random numbers).
                let first = Tally {
                    gain: c.tally.gain[..tune_reps as usize].to_vec(),
                    cost: c.tally.cost[..tune_reps as usize].to_vec(),
                    hours: c.tally.hours[..tune_reps as usize].to_vec(),
                };
                tune(&start, &first, &opts.budget, &prices, max_evals, &mut eval)
            };
            progress.end();
            let tuned = tuned?;
            if tuned.settings != start {
                let estimate = tuned.settings.estimate(&prices);
                race.candidates.push(Candidate {
                    portfolio: c.portfolio,
                    settings: Some(tuned.settings),
                    estimate,
                    tally: tuned.tally,
                    dropped: None,
                    over_budget: false,
                });
                let k = race.candidates.len() - 1;
                // The tuned settings run in full; the budget is judged
                // again on the full run.
                runner.round(
                    &mut race,
                    &[k],
                    replicates,
                    &format!("tuned {label} in full"),
                )?;
                let t = &race.candidates[k];
                if !opts.budget.admits(t.tally.cost(), t.tally.hours(), 0.0) {
                    race.candidates[k].over_budget = true;
                }
                full.push(k);
            }
            state.tuned.push((label, tuned.evaluations));
            state.full = Some((finalists.clone(), full.clone()));
            state.race = Some(race.clone());
            counted(&mut state, &runner);
            save(&state)?;
        }
    }

    let (rows, frontier_rows, best) =
        results(&race, &full, &finalists, state.raced, replicates, &base);
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
        raced: state.raced,
        tuned: state.tuned,
        replicates,
        portfolios: rows,
        frontier: frontier_rows,
        best,
        threads,
        wall_seconds: started.elapsed().as_secs_f64(),
        record: setup.record.clone(),
        shards: 1,
    })
}

/// The record of a sharded search's shards: the scenario as given, the
/// resolved options, and the most units its screening round can hold.
fn shard_job(opts: &OptimiseOptions, setup: &Setup) -> Result<Job, JobError> {
    let enumerated = setup.portfolios()?.len();
    Ok(Job {
        version: env!("CARGO_PKG_VERSION").into(),
        kind: Kind::Optimise,
        scenario_file: opts.scenario.file.clone(),
        scenario_hash: opts.scenario.hash(),
        scenario_text: opts.scenario.text.clone(),
        replicates: setup.replicates,
        seed: setup.base.run.seed,
        points: (setup.allowed.len() + enumerated) as u64,
        options: serde_json::to_value(&setup.record)
            .map_err(|e| JobError::internal(e.to_string()))?,
    })
}

/// One shard's share of a search's screening round, run: the lines of
/// its shard file, written by [`OptimiseShard::write`]. It holds the
/// shard's lock until written or dropped.
#[derive(Debug)]
pub struct OptimiseShard {
    /// The shard file's header.
    pub header: ShardHeader,
    /// Its lines: the prices (shard 0) and its share of the screening round.
    pub lines: Vec<ScreenLine>,
    /// Portfolios of the screening round this shard ran (of `units`).
    pub ran: usize,
    /// Portfolios in the screening round.
    pub units: usize,
    /// Worker threads.
    pub threads: usize,
    /// Wall-clock seconds.
    pub wall_seconds: f64,
    claim: Option<ShardClaim>,
}

impl OptimiseShard {
    /// Writes `DIR/shards/shard-I-of-N.json` (under a temporary name,
    /// renamed when complete), releases the shard's lock and returns the
    /// file's path.
    pub fn write(&mut self) -> Result<PathBuf, JobError> {
        let claim = self
            .claim
            .take()
            .ok_or_else(|| JobError::Internal(Message::new("problem-internal-shard-written")))?;
        let mut writer = ShardWriter::create(&claim.dir.path, &self.header)?;
        for l in &self.lines {
            writer.point(l)?;
        }
        Ok(writer.commit(self.threads, self.wall_seconds)?)
    }
}

/// Runs shard `shard` of a search: prices every component alone (each
/// shard does, the prices decide the race), then its consecutive share
/// of the screening round's portfolios, in screening order. `resim merge`
/// assembles the shards' screening round and finishes the search exactly
/// as one machine would. The shard's file is claimed as a sweep shard's
/// is (see [`claim_shard`]).
pub fn optimise_shard(
    opts: &OptimiseOptions,
    ws: &Workspace,
    shard: Shard,
    progress: &dyn Progress,
    cancel: &Cancel,
) -> Result<Outcome<OptimiseShard>, JobError> {
    let started = Instant::now();
    let setup = Setup::of(opts)?;
    let header = ShardHeader {
        format: crate::shard::FORMAT.into(),
        program: "resim".into(),
        job: shard_job(opts, &setup)?,
        shard,
    };
    let claim = match claim_shard::<ScreenLine>(&header.job, ws, shard, progress)? {
        Outcome::Done(c) => c,
        Outcome::AlreadyComplete(p) => return Ok(Outcome::AlreadyComplete(p)),
    };
    let mut runner = setup.runner(progress, cancel, 0, 0)?;
    let singles = setup.singles();
    let single_tallies = price(&mut runner, &singles, setup.screen)?;
    let prices = setup.prices(&single_tallies);
    let all = setup.portfolios()?;
    let mut race = screened(
        opts,
        &all,
        &prices,
        &setup.allowed,
        &singles,
        single_tallies.clone(),
    )?;
    let units = screening_units(&race, setup.screen);
    let mine = share_of(&units, shard).to_vec();
    runner.round(
        &mut race,
        &mine,
        setup.screen,
        &format!(
            "screening, shard {shard} ({} of {} portfolios)",
            mine.len(),
            units.len()
        ),
    )?;
    let k = singles.len() as u64;
    let mut lines: Vec<ScreenLine> = Vec::new();
    if shard.index == 0 {
        lines.extend(
            single_tallies
                .into_iter()
                .enumerate()
                .map(|(i, tally)| ScreenLine {
                    point: i as u64,
                    tally,
                }),
        );
    }
    for (j, &i) in units.iter().enumerate() {
        if mine.contains(&i) {
            lines.push(ScreenLine {
                point: k + j as u64,
                tally: race.candidates[i].tally.clone(),
            });
        }
    }
    Ok(Outcome::Done(OptimiseShard {
        header,
        lines,
        ran: mine.len(),
        units: units.len(),
        threads: setup.threads,
        wall_seconds: started.elapsed().as_secs_f64(),
        claim: Some(claim),
    }))
}

/// The search whose screening round the shards in `set` ran, finished as
/// one machine would finish it (the same files, byte for byte, but the
/// manifest's work and times); with `checkpoint`, saving its state there
/// after every stage and continuing a saved one.
pub fn merge_shards(
    set: &ShardSet,
    checkpoint: Option<&Checkpoint<'_>>,
    threads: Option<usize>,
    progress: &dyn Progress,
    cancel: &Cancel,
) -> Result<OptimiseResult, JobError> {
    let job = &set.job;
    let record: SearchRecord =
        serde_json::from_value(job.options.clone()).map_err(JobError::shard_options)?;
    let scenario = scenario_of(&Job {
        options: serde_json::Value::Null,
        ..job.clone()
    })?;
    let mut opts = record.options(scenario)?;
    opts.threads = threads;
    let (lines, wall, _) = set.lines::<ScreenLine>()?;
    let mut result = search(&opts, checkpoint, Some(&lines), progress, cancel)?;
    if result.record != record {
        return Err(JobError::Internal(Message::new(
            "problem-internal-merged-search-differs",
        )));
    }
    result.shards = set.files.len() as u32;
    result.wall_seconds += wall;
    Ok(result)
}

/// The race of every portfolio whose estimate keeps to the budget (with
/// the settings search on, also those it affords at part coverage, scaled
/// down), with the one-component portfolios' screening runs in.
fn screened(
    opts: &OptimiseOptions,
    all: &[Portfolio],
    prices: &Prices,
    allowed: &[ComponentRef],
    singles: &[Portfolio],
    single_tallies: Vec<Tally>,
) -> Result<Race, JobError> {
    let mut within: Vec<(Portfolio, (f64, f64))> = Vec::new();
    let mut over: Vec<(f64, Portfolio, Settings)> = Vec::new();
    for &p in all {
        let estimate = prices.estimate(p.0);
        if opts.budget.admits(
            estimate.0,
            estimate.1,
            crate::optimise::prices::SCREEN_MARGIN,
        ) {
            within.push((p, estimate));
        } else if opts.tune {
            let defaults = Settings::defaults(p);
            let share = fit_share(&opts.budget, &defaults, prices) * (1.0 - SCALE_SLACK);
            if share >= MIN_SCALE {
                over.push((share, p, defaults.scaled(share)));
            }
        }
    }
    // The portfolios that need the least scaling down, at most as many as
    // race at their defaults (and at least MIN_SCALED).
    over.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    over.truncate(within.len().max(MIN_SCALED));
    over.sort_by_key(|a| a.1);
    let mut candidates: Vec<(Portfolio, (f64, f64), Option<Settings>)> =
        within.into_iter().map(|(p, e)| (p, e, None)).collect();
    candidates.extend(over.into_iter().map(|(_, p, s)| {
        let e = s.estimate(prices);
        (p, e, Some(s))
    }));
    candidates.sort_by(|a, b| a.0.cmp(&b.0).then(a.2.is_some().cmp(&b.2.is_some())));
    let scaled: Vec<Option<Settings>> = candidates.iter().map(|c| c.2.clone()).collect();
    let candidates: Vec<(Portfolio, (f64, f64))> =
        candidates.into_iter().map(|(p, e, _)| (p, e)).collect();
    if candidates.is_empty() {
        let cheapest = allowed
            .iter()
            .map(|c| (prices.cost[c.index()], c.name))
            .min_by(|a, b| a.0.total_cmp(&b.0));
        return Err(JobError::Input(
            Message::new("problem-optimise-over-budget")
                .with("budget", opts.budget.message())
                .arg("cheapest", cheapest.map_or("none", |c| c.1))
                .arg("cost", format!("{:.2}", cheapest.map_or(f64::NAN, |c| c.0))),
        ));
    }
    let mut race = Race::new(candidates, opts.finalists, 3);
    for (c, s) in race.candidates.iter_mut().zip(scaled) {
        c.settings = s;
    }
    for (p, t) in singles.iter().zip(single_tallies) {
        if let Some(c) = race
            .candidates
            .iter_mut()
            .find(|c| c.portfolio == *p && c.settings.is_none())
        {
            c.tally = t;
        }
    }
    Ok(race)
}

/// A candidate's settings in words (`portfolios.csv`, `frontier.csv`).
fn settings_label(c: &Candidate) -> String {
    match &c.settings {
        Some(s) => s.label(),
        None => Settings::defaults(c.portfolio).label(),
    }
}

/// The rows of `portfolios.csv` and `frontier.csv` and the best portfolios
/// as a scenario.
fn results(
    race: &Race,
    full: &[usize],
    finalists: &[usize],
    raced: usize,
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
            } else if i >= raced {
                "tuned"
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
                settings: settings_label(c),
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
                settings: settings_label(&race.candidates[i]),
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
            let c = &race.candidates[i];
            let mut s: StrategySpec = strategy(c, &name);
            s.description = format!(
                "{}{} (resim optimise: rank {})",
                c.portfolio.label().replace('+', ", "),
                match &c.settings {
                    Some(t) => format!(" at {}", t.label().replace(';', ", ")),
                    None => String::new(),
                },
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
            "search": self.record,
            "shards": self.shards,
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
            "portfolios_screened": self.raced,
            "rounds": self.race.rounds,
            "settings_search": self.tuned.iter().map(|(p, n)| serde_json::json!({"portfolio": p, "settings_evaluated": n})).collect::<Vec<_>>(),
            "replicates": self.replicates,
            "seed": self.base.run.seed,
            "simulations": self.simulations,
            "student_weeks": self.student_weeks,
            "threads": self.threads,
            "wall_seconds": self.wall_seconds,
            "files": files,
        });
        serde_json::to_vec_pretty(&value).map_err(|e| JobError::internal(e.to_string()))
    }

    /// Writes `portfolios.csv`, `frontier.csv`, `frontier.svg`, `best.toml`
    /// (when a portfolio kept to the budget) and `manifest.json` into `dir`
    /// as one result set.
    pub fn write(&self, dir: &OutputDir) -> Result<(), JobError> {
        let mut set = SetWriter::new(dir);
        set.add("portfolios.csv", &output::to_csv(&self.portfolios))?;
        set.add("frontier.csv", &output::to_csv(&self.frontier))?;
        let chart = crate::optimise::frontier_chart(&self.portfolios, &self.objective.describe())
            .map_err(|e| JobError::Internal(e.message()))?;
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
