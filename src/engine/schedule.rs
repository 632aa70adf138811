//! Work units on rayon: replicates and (replicate, strategy) simulations,
//! folded in replicate order without a barrier.
//!
//! A replicate's job synthesises its population and runs the burn-in once
//! (in pieces of a few classes, each through every burn-in week as one job,
//! so that a small population's burn-in is not one thread's alone); it then
//! spawns the replicate's strategies, one job per *lane* (a lane runs
//! its strategies one after the other). When a population is one block,
//! every strategy is a lane of its own; when it is split into blocks, each
//! simulation already uses several threads, so there are just enough lanes
//! to keep every thread busy, which bounds the memory held.
//!
//! At most [`window`] replicates are in flight, from synthesis until they
//! are folded. The calling thread folds finished replicates in replicate
//! order and hands them to the observer; between folds it works on the
//! pool's jobs like any other thread (or waits, when it is not one of the
//! pool's threads). Each replicate folded starts the next one, so workers do
//! not wait for a slow replicate unless it falls a whole window behind.
//!
//! A simulation adds each week's histograms to its strategy's
//! [`AtomTotals`] as it goes, and its weekly sums when it ends, so what
//! waits to be folded is small. Every total is an exact integer sum, so the
//! order in which simulations add to it does not matter.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use rayon::prelude::*;

use super::cohort::{block_count, blocks};
use super::simulate::{BurnedIn, burn_in, run_strategy};
use super::steady::{check_replicates, checked_weeks, replicate_scenario};
use super::strategy::CompiledStrategy;
use super::{Cancelled, ReplicateDone, RunOptions, compile};
use crate::model::{Block, States};
use crate::population::Population;
use crate::rng;
use crate::scenario::Scenario;
use crate::stats::{AtomTotals, Cells, Record, Summary, squared_weeks};

/// Replicates in flight at once (synthesised and not yet folded) on
/// `threads` threads, for populations of `blocks` blocks: two per thread
/// when a population is one block, so that every thread always finds work;
/// two when populations are split into blocks (one simulating, the next
/// being synthesised).
pub fn window(blocks: usize, threads: usize, replicates: usize) -> usize {
    let per = if blocks > 1 { 2 } else { 2 * threads.max(1) };
    per.min(replicates).max(1)
}

/// Lanes of a replicate: strategy jobs that run at the same time.
pub fn lanes(blocks: usize, strategies: usize, threads: usize) -> usize {
    if blocks <= 1 {
        strategies.max(1)
    } else {
        threads.div_ceil(blocks).clamp(1, strategies.max(1))
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A replicate's own scenario and strategies, when its parameters are
/// drawn from a posterior ([`Scenario::draws`]).
struct Drawn {
    sc: Scenario,
    strategies: Vec<CompiledStrategy>,
}

/// A replicate in flight.
struct Replicate {
    position: usize,
    index: u32,
    key: u64,
    /// Its own parameters; `None` when every replicate runs the scenario's.
    drawn: Option<Box<Drawn>>,
    pop: Population,
    blocks: Vec<Block>,
    start: BurnedIn,
    /// Strategies still to fork the state at week 0, and that state (the
    /// last to fork takes it).
    fork: Mutex<(usize, Option<Arc<States>>)>,
    records: Mutex<Vec<Option<Record>>>,
    unfinished: AtomicUsize,
}

impl Replicate {
    /// A copy of the state at week 0, or that state itself for the last
    /// strategy to ask (copied outside the lock, by several threads when the
    /// population is in blocks).
    fn fork(&self) -> States {
        let state = {
            let mut f = lock(&self.fork);
            f.0 -= 1;
            let state = if f.0 == 0 { f.1.take() } else { f.1.clone() };
            state.expect("the state at week 0 is kept until the last fork")
        };
        Arc::try_unwrap(state).unwrap_or_else(|shared| {
            if self.blocks.len() > 1 {
                // Column by column, on every thread.
                let columns = shared.columns();
                States::from_columns(columns.par_iter().map(|c| c.to_vec()).collect())
            } else {
                States::clone(&shared)
            }
        })
    }
}

/// Finished replicates waiting to be folded, by position.
#[derive(Default)]
struct Inbox {
    done: BTreeMap<usize, Arc<Replicate>>,
    /// A job stopped early (cancelled, or panicked).
    stopped: bool,
}

/// What every job of one run shares.
struct Shared<'a> {
    sc: &'a Scenario,
    opts: &'a RunOptions,
    strategies: &'a [CompiledStrategy],
    replicates: &'a [u32],
    cancel: &'a AtomicBool,
    threads: usize,
    /// Replicates whose burn-ins the steady-state check reads (the first
    /// ones) and the burn-in weeks it reads of each ([`super::steady`]).
    checked: u32,
    kept: usize,
    totals: Vec<Mutex<AtomTotals>>,
    /// Recorded weeks that keep sums of squares.
    squared: Vec<bool>,
    inbox: Mutex<Inbox>,
    /// Records of folded replicates, for the next simulations to reuse
    /// ([`Record::renew`]): as many as were ever waiting at once.
    spare: Mutex<Vec<Record>>,
    wake: Condvar,
    /// Set when a job stopped early: jobs not yet started then return at once.
    stop: AtomicBool,
}

/// Marks the run stopped if a job ends without finishing (a panic unwinds
/// through it, or it returns early when cancelled).
struct StopUnlessDone<'s, 'a> {
    shared: &'s Shared<'a>,
    done: bool,
}

impl Drop for StopUnlessDone<'_, '_> {
    fn drop(&mut self) {
        if !self.done {
            self.shared.stop.store(true, Ordering::Relaxed);
            lock(&self.shared.inbox).stopped = true;
            self.shared.wake.notify_all();
        }
    }
}

impl<'a> Shared<'a> {
    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed) || self.stop.load(Ordering::Relaxed)
    }

    /// An empty record for a simulation of `rep`: a folded one renewed
    /// (outside the lock), or a new one.
    fn record(&self, rep: &Replicate) -> Record {
        let classes = rep.pop.classes.len();
        match lock(&self.spare).pop() {
            Some(mut record) => {
                record.renew(&rep.start.atoms, classes, &self.squared);
                record
            }
            None => Record::new(&rep.start.atoms, classes, &self.squared),
        }
    }

    /// Synthesises replicate `position`, runs its burn-in and spawns its lanes.
    fn replicate<'s>(&'s self, scope: &rayon::ScopeFifo<'s>, position: usize) {
        let mut guard = StopUnlessDone {
            shared: self,
            done: false,
        };
        if self.cancelled() {
            return;
        }
        let index = self.replicates[position];
        let key = rng::replicate_key(self.opts.seed, index as u64);
        let drawn = self.sc.draws.is_some().then(|| {
            let sc = replicate_scenario(self.sc, self.opts.seed, index).into_owned();
            let strategies = compile(&sc);
            Box::new(Drawn { sc, strategies })
        });
        let sc = drawn.as_ref().map_or(self.sc, |d| &d.sc);
        let Some(pop) = Population::synthesize_cancellable(
            &sc.population,
            &sc.traits,
            &sc.params,
            key,
            self.cancel,
        ) else {
            return;
        };
        let blocks = blocks(&pop);
        // The first replicates' burn-ins are the steady-state check's.
        let kept = if index < self.checked { self.kept } else { 0 };
        let Some((start, state0)) = burn_in(sc, &pop, &blocks, key, kept, self.cancel) else {
            return;
        };
        let s = self.strategies.len();
        let lanes = lanes(blocks.len(), s, self.threads);
        let rep = Arc::new(Replicate {
            position,
            index,
            key,
            drawn,
            pop,
            blocks,
            start,
            fork: Mutex::new((s, Some(Arc::new(state0)))),
            records: Mutex::new((0..s).map(|_| None).collect()),
            unfinished: AtomicUsize::new(s),
        });
        for lane in 0..lanes {
            let rep = rep.clone();
            scope.spawn_fifo(move |_| self.lane(&rep, lane, lanes));
        }
        self.wake.notify_all();
        guard.done = true;
    }

    /// Runs strategies `lane`, `lane + lanes`, … of a replicate.
    fn lane(&self, rep: &Arc<Replicate>, lane: usize, lanes: usize) {
        let mut guard = StopUnlessDone {
            shared: self,
            done: false,
        };
        let (sc, strategies) = match &rep.drawn {
            Some(d) => (&d.sc, &d.strategies[..]),
            None => (self.sc, self.strategies),
        };
        for k in (lane..strategies.len()).step_by(lanes) {
            if self.cancelled() {
                return;
            }
            let state = rep.fork();
            let totals = &self.totals[k];
            let record = self.record(rep);
            lock(totals).reserve(rep.pop.len() as u64);
            let Some(record) = run_strategy(
                sc,
                &rep.pop,
                &rep.blocks,
                &strategies[k],
                rep.key,
                &rep.start,
                state,
                self.opts.snapshots,
                record,
                &mut |_: &mut Record, w, cells: &mut Cells| lock(totals).add_week(w, cells),
                self.cancel,
            ) else {
                return;
            };
            lock(totals).add_sums(&record);
            lock(&rep.records)[k] = Some(record);
            if rep.unfinished.fetch_sub(1, Ordering::AcqRel) == 1 {
                lock(&self.inbox).done.insert(rep.position, rep.clone());
                self.wake.notify_all();
            }
        }
        guard.done = true;
    }
}

/// Runs `replicates` (in this order) and folds them into `summary`.
pub(super) fn run(
    sc: &Scenario,
    opts: &RunOptions,
    strategies: &[CompiledStrategy],
    replicates: &[u32],
    cancel: &AtomicBool,
    summary: &mut Summary,
    observe: &mut dyn FnMut(ReplicateDone<'_>),
) -> Result<(), Cancelled> {
    let n = replicates.len();
    if n == 0 {
        return Ok(());
    }
    let threads = rayon::current_num_threads();
    let window = window(block_count(sc), threads, n);
    let shared = Shared {
        sc,
        opts,
        strategies,
        replicates,
        cancel,
        threads,
        checked: check_replicates(sc),
        kept: checked_weeks(sc),
        // Each strategy's sums written on some thread.
        totals: (0..strategies.len())
            .into_par_iter()
            .map(|_| Mutex::new(AtomTotals::new(summary.weeks)))
            .collect(),
        squared: squared_weeks(sc),
        inbox: Mutex::new(Inbox::default()),
        spare: Mutex::new(Vec::new()),
        wake: Condvar::new(),
        stop: AtomicBool::new(false),
    };
    let mut result = Ok(());
    // A panic (in a job or in the observer) is raised once the jobs spawned
    // so far have returned: rayon's scope waits for them.
    rayon::in_place_scope_fifo(|scope| {
        let shared = &shared;
        for position in 0..window {
            scope.spawn_fifo(move |scope| shared.replicate(scope, position));
        }
        let mut spawned = window;
        let mut next = 0;
        while next < n {
            let ready = {
                let mut inbox = lock(&shared.inbox);
                let ready = inbox.done.remove(&next);
                if ready.is_none() && (inbox.stopped || shared.cancelled()) {
                    result = Err(Cancelled);
                    break;
                }
                ready
            };
            let Some(rep) = ready else {
                match rayon::yield_now() {
                    Some(rayon::Yield::Executed) => {}
                    _ => {
                        let inbox = lock(&shared.inbox);
                        if !inbox.done.contains_key(&next) && !inbox.stopped {
                            let _ = shared
                                .wake
                                .wait_timeout(inbox, Duration::from_micros(500))
                                .unwrap_or_else(PoisonError::into_inner);
                        }
                    }
                }
                continue;
            };
            if spawned < n {
                let position = spawned;
                scope.spawn_fifo(move |scope| shared.replicate(scope, position));
                spawned += 1;
            }
            let records: Vec<Record> = lock(&rep.records)
                .iter_mut()
                .map(|r| {
                    r.take()
                        .expect("every strategy of a finished replicate has a record")
                })
                .collect();
            summary.fold_replicate(rep.index, &records);
            observe(ReplicateDone {
                replicate: rep.index,
                population: &rep.pop,
                records: &records,
                burn_in: rep.start.trace.as_ref(),
            });
            // Snapshots and surveys are freed now; the rest serves again.
            let spare = records.into_iter().map(|mut r| {
                r.snapshots = None;
                r.survey = None;
                r
            });
            lock(&shared.spare).extend(spare);
            next += 1;
        }
    });
    result?;
    let totals: Vec<AtomTotals> = shared
        .totals
        .into_iter()
        .map(|t| t.into_inner().unwrap_or_else(PoisonError::into_inner))
        .collect();
    // Each strategy's totals are freed as soon as they are spread, on the
    // thread that spread them, while others still spread theirs (freeing
    // them all at the end was a serial tail of the run).
    summary
        .strategies
        .par_iter_mut()
        .zip(totals)
        .for_each(|(acc, t)| {
            t.spread_into(&mut acc.sum, &mut acc.hist);
            drop(t);
        });
    Ok(())
}
