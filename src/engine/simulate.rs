//! One replicate's burn-in, and one strategy's run from its end.
//!
//! The burn-in is usual practice for every strategy: no lever is set before
//! week 1 (components run only in weeks 1 and later, whatever their start
//! week), the random numbers of a student-week depend on the replicate, the
//! student and the week only, and teacher hours are counted from week 1. So
//! every strategy of a replicate starts week 1 from the same state, and the
//! engine simulates the burn-in once per replicate ([`BurnedIn`]) and forks
//! its end for each strategy ([`run_strategy`]).

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use super::cohort::{Cohort, blocks, blocks_of, step_block};
use super::strategy::{CompiledStrategy, Offers};
use crate::model::{Block, States, StudentState, WeekInfo};
use crate::population::Population;
use crate::scenario::Scenario;
use crate::stats::{
    Cells, FirstWeek, Record, SurveyPlan, SurveyRun, WeekTally, atom_counts, squared_weeks,
};

/// A replicate after its burn-in: what every strategy starts week 1 from,
/// besides every student's state at week 0.
pub struct BurnedIn {
    /// Week 0 as recorded.
    pub first_week: FirstWeek,
    /// The survey so far: week 0 surveyed when it is in the survey window
    /// (and kept as a panel's first wave when a panel starts there).
    pub survey: SurveyRun,
    /// Students per atom.
    pub atoms: [u64; crate::population::ATOMS],
    /// Quality of home–school contact per class in week 1 (from the last
    /// burn-in week's teacher hours of joint care).
    pub quality: Vec<f32>,
}

/// Every student's state at the start of the burn-in (by every thread when
/// the population is split into blocks).
fn initial_states(sc: &Scenario, pop: &Population, blocks: &[Block]) -> States {
    if blocks.len() == 1 {
        return States::initial(&sc.params, pop);
    }
    // States::initial, block by block on every thread.
    let mut state = States::zeros(pop.len());
    let parts = state
        .view_mut()
        .split(blocks.iter().map(|b| b.students.len()));
    blocks.par_iter().zip(parts).for_each(|(b, mut part)| {
        for (k, i) in b.students.clone().enumerate() {
            let row = StudentState::initial(
                &sc.params,
                &pop.students[i],
                &pop.families[i],
                pop.initial_distress[i],
            );
            part.set(k, &row);
        }
    });
    state
}

/// Students per piece of a burn-in (at least; whole classes): about eight
/// pieces of a small population, pieces of [`BURN_IN_PIECE_STUDENTS`]
/// students beyond 16,384 students.
fn burn_in_pieces(pop: &Population) -> Vec<Block> {
    blocks_of(pop, (pop.len() / 8).clamp(64, BURN_IN_PIECE_STUDENTS))
}

/// Students per piece of a large population's burn-in (at least; whole
/// classes): each piece runs every burn-in week as one job
/// ([`burn_in_alone`]), small enough to stay in cache.
pub const BURN_IN_PIECE_STUDENTS: usize = 2_048;

/// One piece's burn-in, run alone ([`burn_in_alone`]).
struct PieceBurnedIn {
    /// Contact quality of the piece's classes in week 1.
    quality: Vec<f32>,
    /// The piece's students' resilience after each kept week, week after week.
    resilience: Vec<f32>,
}

/// Runs the whole burn-in of `state` (every student of `pop` at its start)
/// piece by piece, each piece (a block of whole classes) through every
/// burn-in week as one job on the pool, keeping its students' resilience in
/// the last `kept` weeks (4 bytes a student-week); `None` when `cancel` is
/// set at the start of a week.
///
/// Pieces do not interact in the burn-in (friends are classmates, contact
/// quality is per class, no component runs), and a student's random numbers
/// depend on the replicate, the student and the week only, so every
/// student's state and every class's contact quality are the same bits as
/// when the whole population is stepped week by week, whatever the pieces
/// and the thread count.
fn burn_in_alone(
    sc: &Scenario,
    pop: &Population,
    pieces: &[Block],
    key: u64,
    state: &mut States,
    kept: usize,
    cancel: &AtomicBool,
) -> Option<Vec<PieceBurnedIn>> {
    let cal = &sc.calendar;
    let burn_in = cal.burn_in_weeks as usize;
    let parts = state
        .view_mut()
        .split(pieces.iter().map(|b| b.students.len()));
    // No component runs in the burn-in.
    let no_hours = vec![0.0f64; pop.classes.len()];
    let p = &sc.params;
    pieces
        .par_iter()
        .zip(parts)
        .map(|(piece, mut state)| {
            let len = piece.students.len();
            let classes = piece.classes.len();
            let mut peer = vec![0.0f32; len];
            let mut care_hours = vec![0.0f64; classes];
            let mut care_before = vec![0.0f64; classes];
            let mut quality = vec![1.0f32; classes];
            let mut resilience = Vec::with_capacity(kept.min(burn_in) * len);
            for (k, w) in (1 - burn_in as i32..=0).enumerate() {
                if cancel.load(Ordering::Relaxed) {
                    return None;
                }
                step_block(
                    p,
                    pop,
                    &WeekInfo::of(cal, w),
                    key,
                    &no_hours,
                    piece,
                    None,
                    &mut peer,
                    state.reborrow(),
                    &mut care_hours,
                    &mut care_before,
                    &mut quality,
                );
                if k + kept >= burn_in {
                    let view = state.view();
                    resilience.extend((0..len).map(|i| view.resilience(i)));
                }
            }
            Some(PieceBurnedIn {
                quality,
                resilience,
            })
        })
        .collect()
}

/// Runs the burn-in of a replicate under usual practice, records week 0 and
/// returns it with every student's state at week 0; `None` when `cancel` is
/// set at the start of a week.
///
/// The burn-in runs in pieces of a few classes, each through every week as
/// one job ([`burn_in_alone`]), so that a small population's burn-in is
/// shared by every thread and a large one's does not fork and join every
/// week; the state at week 0 is the same bits as a week-by-week loop's over
/// `blocks`.
pub fn burn_in(
    sc: &Scenario,
    pop: &Population,
    blocks: &[Block],
    key: u64,
    cancel: &AtomicBool,
) -> Option<(BurnedIn, States)> {
    let mut state = initial_states(sc, pop, blocks);
    let pieces = burn_in_pieces(pop);
    let burned = burn_in_alone(sc, pop, &pieces, key, &mut state, 0, cancel)?;
    // Each class's contact quality in week 1, pieces in class order.
    let quality = burned.into_iter().flat_map(|b| b.quality).collect();
    let mut cohort = Cohort::new(pop, blocks, state, quality);
    let threshold = sc.params.stress.clinical_threshold;
    let mut week0 = WeekTally::new();
    cohort.observe(&mut week0, threshold);
    let mut survey = SurveyRun::new(&SurveyPlan::of(sc));
    if survey.wants(0) {
        cohort.survey(&mut survey, 0, threshold);
    }
    let start = BurnedIn {
        first_week: week0.first_week(),
        atoms: atom_counts(&pop.students),
        survey,
        quality: cohort.quality.clone(),
    };
    Some((start, cohort.state))
}

/// What becomes of the histogram counts of each recorded week, tallied in
/// one week's worth of cells: `hand_on(record, w, cells)` must leave `cells`
/// empty (the engine adds them to the run's totals; [`simulate`] keeps them
/// in the record).
pub(super) type HandOn<'h> = dyn FnMut(&mut Record, usize, &mut Cells) + 'h;

/// Runs one strategy from the end of the burn-in (`state` is a copy of the
/// state at week 0, or that state itself for the last strategy to start) and
/// records what happened into `record` (new, for the whole population);
/// `None` when `cancel` is set at the start of a week.
#[allow(clippy::too_many_arguments)]
pub(super) fn run_strategy(
    sc: &Scenario,
    pop: &Population,
    blocks: &[Block],
    strategy: &CompiledStrategy,
    key: u64,
    start: &BurnedIn,
    state: States,
    snapshots: bool,
    mut record: Record,
    hand_on: &mut HandOn<'_>,
    cancel: &AtomicBool,
) -> Option<Record> {
    let cal = &sc.calendar;
    let total = cal.total_weeks() as i32;
    record.set_first_week(&start.first_week);
    hand_on(&mut record, 0, &mut start.first_week.cells.clone());
    let threshold = sc.params.stress.clinical_threshold;
    let mut survey = start.survey.clone();
    let offers = Offers::new(sc, pop, strategy, key, &state.distress, blocks.len() > 1);
    let first = snapshots.then(|| state.to_rows());
    let mut cohort = Cohort::new(pop, blocks, state, start.quality.clone());

    let mut cost = 0.0;
    // Teacher hours the components take, per class (joint care is counted in the cohort).
    let mut component_hours = vec![0.0f64; pop.classes.len()];
    // The same, this week only.
    let mut week_hours = vec![0.0f64; pop.classes.len()];
    let mut running_before: u64 = 0;
    for w in 1..=total {
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        let week = WeekInfo::of(cal, w);
        let running = strategy.running(&week);
        if running != running_before {
            cohort.set_levers(&offers, strategy, running);
            running_before = running;
        }
        offers.accrue(running, &mut cost, &mut component_hours, &mut week_hours);
        cohort.week(
            &sc.params,
            &week,
            key,
            &week_hours,
            Some((&mut record, w as usize)),
        );
        hand_on(&mut record, w as usize, &mut cohort.week_cells);
        if survey.wants(w as usize) {
            cohort.survey(&mut survey, w as usize, threshold);
        }
    }

    record.cost = cost;
    record.teacher_hours = component_hours
        .iter()
        .zip(&cohort.care_hours)
        .map(|(c, h)| c + h)
        .collect();
    record.survey = Some(survey.finish());
    if let Some(first) = first {
        record.snapshots = Some((first, cohort.state.to_rows()));
    }
    Some(record)
}

/// Simulates one strategy on one population, burn-in included, and records
/// what happened.
pub fn simulate(
    sc: &Scenario,
    pop: &Population,
    strategy: &CompiledStrategy,
    key: u64,
    snapshots: bool,
) -> Record {
    let never = AtomicBool::new(false);
    simulate_cancellable(sc, pop, strategy, key, snapshots, &never)
        .expect("a flag nobody can set never cancels")
}

/// [`simulate`], stopping with `None` at the start of the first week
/// (burn-in included) in which `cancel` is set.
pub fn simulate_cancellable(
    sc: &Scenario,
    pop: &Population,
    strategy: &CompiledStrategy,
    key: u64,
    snapshots: bool,
    cancel: &AtomicBool,
) -> Option<Record> {
    let blocks = blocks(pop);
    let (start, state) = burn_in(sc, pop, &blocks, key, cancel)?;
    let record =
        Record::new(&start.atoms, pop.classes.len(), &squared_weeks(sc)).keeping_histograms();
    run_strategy(
        sc,
        pop,
        &blocks,
        strategy,
        key,
        &start,
        state,
        snapshots,
        record,
        &mut |rec: &mut Record, w, cells: &mut Cells| rec.keep_week(w, cells),
        cancel,
    )
}

/// Mean resilience (0–1) of the population after each of the last `weeks`
/// burn-in weeks (every week when the burn-in is shorter), under usual
/// practice, exactly as a run's burn-in computes it: the input of the
/// steady-state check ([`super::steady`]).
///
/// Blocks do not interact (friends are classmates; contact quality is per
/// class; no component runs), so each block runs the whole burn-in on its
/// own, one job per block on the pool, keeping its students' resilience in
/// the weeks asked for (4 bytes a student-week). Each week's mean is then
/// summed over every student in student order, as one pass over the whole
/// population after that week would: the means are the same bits whatever
/// the blocks and the thread count.
pub fn burn_in_resilience(
    sc: &Scenario,
    pop: &Population,
    blocks: &[Block],
    key: u64,
    weeks: usize,
) -> Vec<f64> {
    let cal = &sc.calendar;
    let burn_in = cal.burn_in_weeks as usize;
    let kept = weeks.min(burn_in);
    if kept == 0 {
        return Vec::new();
    }
    let mut state = initial_states(sc, pop, blocks);
    let never = AtomicBool::new(false);
    let kept_weeks = burn_in_alone(sc, pop, blocks, key, &mut state, kept, &never)
        .expect("a flag nobody can set never cancels");
    let n = pop.len().max(1) as f64;
    (0..kept)
        .into_par_iter()
        .map(|k| {
            blocks
                .iter()
                .zip(&kept_weeks)
                .flat_map(|(b, r)| {
                    let len = b.students.len();
                    &r.resilience[k * len..(k + 1) * len]
                })
                .map(|&r| r as f64)
                .sum::<f64>()
                / n
        })
        .collect()
}
