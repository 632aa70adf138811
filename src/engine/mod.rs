//! The Monte Carlo engine: replicates × strategies in parallel.
//!
//! For each replicate the engine synthesises one population, runs the
//! burn-in (usual practice, the same for every strategy) once, and runs every
//! strategy from its end with the same random key, so strategies meet the
//! same students and the same stressor events (common random numbers) and
//! differ only by the strategy. Replicates and (replicate, strategy)
//! simulations are rayon jobs ([`schedule`](self)); finished replicates are
//! folded into the [`Summary`] in replicate order, and every statistic is an
//! exact integer sum, so the output is the same whatever the thread count.

mod cohort;
mod offered;
mod schedule;
mod simulate;
pub mod steady;
mod strategy;

use std::sync::atomic::AtomicBool;

pub use cohort::{BLOCK_STUDENTS, block_count, blocks, blocks_of};
pub use schedule::{lanes, window};
pub use simulate::{BurnedIn, burn_in, burn_in_trace, simulate, simulate_cancellable};
pub use steady::{BurnInCheck, BurnInTrace, DRIFT_LIMIT, burn_in_check, burn_in_check_from};
pub use strategy::{CompiledComponent, CompiledStrategy};

use crate::population::Population;
use crate::scenario::Scenario;
use crate::stats::{Record, Summary};

/// How to run a scenario.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Replicates to run.
    pub replicates: u32,
    /// Master seed.
    pub seed: u64,
    /// Keep every student's first- and last-week state (for `students.csv`).
    pub snapshots: bool,
}

impl RunOptions {
    /// The scenario's own run settings.
    pub fn from_scenario(sc: &Scenario) -> Self {
        RunOptions {
            replicates: sc.run.replicates,
            seed: sc.run.seed,
            snapshots: false,
        }
    }
}

/// The run was stopped before it finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

/// One finished replicate, handed to the caller's observer in replicate order.
pub struct ReplicateDone<'a> {
    /// Replicate index.
    pub replicate: u32,
    /// The replicate's population.
    pub population: &'a Population,
    /// One record per strategy, in scenario order.
    pub records: &'a [Record],
    /// What the steady-state check reads of the replicate's burn-in, for
    /// the first [`steady::check_replicates`] replicates (none when the
    /// burn-in is shorter than two years); with the scenario's own seed,
    /// a run hands these to [`burn_in_check_from`].
    pub burn_in: Option<&'a BurnInTrace>,
}

/// The strategies of `sc`, compiled with its parameters.
fn compile(sc: &Scenario) -> Vec<CompiledStrategy> {
    sc.strategies
        .iter()
        .map(|s| CompiledStrategy::new(s, &sc.params))
        .collect()
}

/// Runs every replicate and strategy of a scenario and returns the summary.
///
/// `observe` sees each replicate as it is folded (for progress bars and
/// streamed student rows); `cancel` stops the run within a simulated week.
pub fn run(
    sc: &Scenario,
    opts: &RunOptions,
    cancel: &AtomicBool,
    observe: impl FnMut(ReplicateDone<'_>),
) -> Result<Summary, Cancelled> {
    let all: Vec<u32> = (0..opts.replicates).collect();
    run_replicates(sc, opts, &all, cancel, observe)
}

/// Runs the given replicates (e.g. one shard's share) and returns their summary.
///
/// A replicate's random numbers depend only on the master seed and its index,
/// so summaries of disjoint sets of replicates merge ([`Summary::merge`]) into
/// exactly the summary of one run over all of them. Replicates are handed to
/// `observe` in the order given, on the calling thread.
pub fn run_replicates(
    sc: &Scenario,
    opts: &RunOptions,
    replicates: &[u32],
    cancel: &AtomicBool,
    mut observe: impl FnMut(ReplicateDone<'_>),
) -> Result<Summary, Cancelled> {
    let strategies = compile(sc);
    let names: Vec<String> = sc.strategies.iter().map(|s| s.name.clone()).collect();
    let weeks = sc.calendar.total_weeks() as usize + 1;
    let mut summary = Summary::new(&names, sc.baseline_index(), weeks);
    summary.parameters_drawn = sc.draws.is_some();
    schedule::run(
        sc,
        opts,
        &strategies,
        replicates,
        cancel,
        &mut summary,
        &mut observe,
    )?;
    Ok(summary)
}
