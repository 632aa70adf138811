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
use super::steady::BurnInTrace;
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
    /// What the steady-state check reads of this burn-in, when it was asked
    /// for ([`burn_in`]'s `kept` weeks; [`super::steady`]).
    pub trace: Option<BurnInTrace>,
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
    /// The piece's students' resilience summed in fixed point after each
    /// kept week.
    trace: BurnInTrace,
}

/// Runs the whole burn-in of `state` (every student of `pop` at its start)
/// piece by piece, each piece (a block of whole classes) through every
/// burn-in week as one job on the pool, summing its students' resilience in
/// fixed point after each of the last `kept` weeks (one integer a week);
/// `None` when `cancel` is set at the start of a week.
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
            let kept = kept.min(burn_in);
            let mut trace = BurnInTrace::new(kept);
            trace.students = len as u64;
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
                    trace.weekly[k + kept - burn_in] = (0..len)
                        .map(|i| BurnInTrace::fixed(view.resilience(i)))
                        .sum();
                }
            }
            Some(PieceBurnedIn { quality, trace })
        })
        .collect()
}

/// A whole burn-in in pieces ([`burn_in_alone`]): every student's state at
/// week 0, each class's contact quality in week 1 (pieces in class order),
/// and the trace of the last `kept` weeks when `kept` > 0.
fn burn_in_states(
    sc: &Scenario,
    pop: &Population,
    blocks: &[Block],
    key: u64,
    kept: usize,
    cancel: &AtomicBool,
) -> Option<(States, Vec<f32>, Option<BurnInTrace>)> {
    let mut state = initial_states(sc, pop, blocks);
    let pieces = burn_in_pieces(pop);
    let burned = burn_in_alone(sc, pop, &pieces, key, &mut state, kept, cancel)?;
    let trace = (kept > 0).then(|| {
        let mut trace = BurnInTrace::new(kept.min(sc.calendar.burn_in_weeks as usize));
        for piece in &burned {
            trace.add(&piece.trace);
        }
        trace
    });
    let quality = burned.into_iter().flat_map(|b| b.quality).collect();
    Some((state, quality, trace))
}

/// Runs the burn-in of a replicate under usual practice, records week 0 and
/// returns it with every student's state at week 0; `None` when `cancel` is
/// set at the start of a week. With `kept` > 0 it also sums the students'
/// resilience after each of the last `kept` burn-in weeks
/// ([`BurnedIn::trace`], for the steady-state check; 8 bytes a week per
/// piece, whatever the students).
///
/// The burn-in runs in pieces of a few classes, each through every week as
/// one job ([`burn_in_alone`]), so that a small population's burn-in is
/// shared by every thread and a large one's does not fork and join every
/// week; the state at week 0 is the same bits as a week-by-week loop's over
/// `blocks`, and the trace's integer sums the same whatever the pieces.
pub fn burn_in(
    sc: &Scenario,
    pop: &Population,
    blocks: &[Block],
    key: u64,
    kept: usize,
    cancel: &AtomicBool,
) -> Option<(BurnedIn, States)> {
    let (state, quality, trace) = burn_in_states(sc, pop, blocks, key, kept, cancel)?;
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
        trace,
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
    let (start, state) = burn_in(sc, pop, &blocks, key, 0, cancel)?;
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

/// The steady-state check's trace of one population's burn-in under usual
/// practice: its students' resilience summed in fixed point after each of
/// the last `weeks` burn-in weeks (every week when the burn-in is shorter),
/// exactly as a run's burn-in sums it ([`burn_in`] with `kept` = `weeks`);
/// `None` when `cancel` is set at the start of a week.
///
/// Pieces of a few classes run the whole burn-in each, one job per piece on
/// the pool; the sums are integers, the same whatever the pieces and the
/// thread count.
pub fn burn_in_trace(
    sc: &Scenario,
    pop: &Population,
    key: u64,
    weeks: usize,
    cancel: &AtomicBool,
) -> Option<BurnInTrace> {
    let weeks = weeks.min(sc.calendar.burn_in_weeks as usize);
    if weeks == 0 {
        return Some(BurnInTrace::new(0));
    }
    let blocks = burn_in_pieces(pop);
    let (_, _, trace) = burn_in_states(sc, pop, &blocks, key, weeks, cancel)?;
    trace
}
