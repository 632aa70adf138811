//! One strategy on one replicate's population: burn-in, then the run.
//!
//! Students are stepped in blocks of whole classes. A small population is one
//! block; a large one is split so that a single replicate uses every core.
//! Blocks read last week's peers and write only their own students, and
//! their records are exact integer sums, so the result does not depend on
//! how many threads run the blocks.

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::components::{Component, OfferUnit, REGISTRY};
use crate::model::{self, Block, StudentLevers, StudentState, WeekInfo};
use crate::population::Population;
use crate::rng::{self, Stream};
use crate::scenario::{Scenario, StrategySpec};
use crate::stats::{Record, SurveyRecord};

/// Students per block at least (blocks end at class boundaries).
pub const BLOCK_STUDENTS: usize = 16_384;

/// A strategy with its components built.
pub struct CompiledStrategy {
    /// Name.
    pub name: String,
    /// Components with their registry index (the key of their offer draws).
    pub components: Vec<(usize, Box<dyn Component>)>,
}

impl CompiledStrategy {
    /// Builds the components of a resolved strategy.
    pub fn new(spec: &StrategySpec) -> Self {
        let components = spec
            .components
            .iter()
            .filter_map(|(name, settings)| {
                let idx = REGISTRY.iter().position(|c| c.name == name)?;
                Some((idx, (REGISTRY[idx].build)(settings.clone())))
            })
            .collect();
        CompiledStrategy {
            name: spec.name.clone(),
            components,
        }
    }
}

/// Which students each component is offered to: initialise of the lifecycle.
///
/// The offer draw of a unit depends on the replicate, the component and the
/// unit only, so two strategies that share a component offer it to the same
/// families (common random numbers).
fn offers(
    sc: &Scenario,
    pop: &Population,
    strategy: &CompiledStrategy,
    key: u64,
    state0: &[StudentState],
) -> Vec<Vec<u32>> {
    let visible = sc.params.detection.visible_distress;
    strategy
        .components
        .iter()
        .map(|(idx, comp)| {
            let coverage = comp.settings().coverage;
            let unit = comp.info().unit;
            (0..pop.len() as u32)
                .filter(|&i| {
                    let s = &pop.students[i as usize];
                    let unit_id = match unit {
                        OfferUnit::Family => i as u64,
                        OfferUnit::Class => s.class as u64,
                        OfferUnit::School => s.school as u64,
                    };
                    let u = rng::uniform(rng::key(key, Stream::Offer, unit_id, *idx as i64), 0);
                    u < coverage
                        && comp.eligible(s, &pop.families[i as usize], &state0[i as usize], visible)
                })
                .collect()
        })
        .collect()
}

/// Cost and teacher hours per offered student per running week of each
/// component: its yearly figures spread over the weeks of a year it runs.
fn weekly_costs(sc: &Scenario, strategy: &CompiledStrategy) -> Vec<(f64, f64)> {
    let cal = &sc.calendar;
    strategy
        .components
        .iter()
        .map(|(_, c)| {
            let running = (1..=cal.weeks_per_year as i32)
                .filter(|&w| {
                    let mut week = WeekInfo::of(cal, w);
                    week.week = i32::MAX;
                    c.runs_in(&week)
                })
                .count() as u32;
            c.weekly_cost(running)
        })
        .collect()
}

/// Offered students per class, as `(class, count)`, for each component.
fn per_class(pop: &Population, offered: &[Vec<u32>]) -> Vec<Vec<(u32, u32)>> {
    offered
        .iter()
        .map(|list| {
            let mut per: Vec<(u32, u32)> = Vec::new();
            for &i in list {
                let c = pop.students[i as usize].class;
                match per.last_mut() {
                    Some((last, n)) if *last == c => *n += 1,
                    _ => per.push((c, 1)),
                }
            }
            per
        })
        .collect()
}

/// Splits the population into blocks of whole classes.
fn blocks(pop: &Population) -> Vec<Block> {
    let mut out = Vec::new();
    let mut start_class = 0;
    let mut start_student = 0;
    for (c, class) in pop.classes.iter().enumerate() {
        let end = (class.first + class.size) as usize;
        if end - start_student >= BLOCK_STUDENTS || c + 1 == pop.classes.len() {
            out.push(Block {
                students: start_student..end,
                classes: start_class..c + 1,
            });
            start_class = c + 1;
            start_student = end;
        }
    }
    out
}

/// Splits `slice` into the pieces named by consecutive `ranges`.
fn split_by<T>(
    mut slice: &mut [T],
    ranges: impl Iterator<Item = std::ops::Range<usize>>,
) -> Vec<&mut [T]> {
    let mut out = Vec::new();
    let mut at = 0;
    for r in ranges {
        let (head, tail) = slice.split_at_mut(r.end - at);
        out.push(&mut head[r.start - at..]);
        slice = tail;
        at = r.end;
    }
    out
}

/// One block's share of a week: its students' state, its classes' hours
/// and its record.
struct BlockWork<'b> {
    block: &'b Block,
    state: &'b mut [StudentState],
    hours: &'b mut [f64],
    record: &'b mut Record,
}

/// The state of one simulation and the week it is in.
struct Run<'a> {
    sc: &'a Scenario,
    pop: &'a Population,
    key: u64,
    blocks: Vec<Block>,
    state: Vec<StudentState>,
    peer: Vec<f32>,
    levers: Vec<StudentLevers>,
    care_hours: Vec<f64>,
    records: Vec<Record>,
}

impl Run<'_> {
    /// One week for every block: peers first, then the step, then the record.
    fn week(&mut self, week: &WeekInfo, record_as: Option<(usize, bool)>) {
        let (p, pop, key) = (&self.sc.params, self.pop, self.key);
        let threshold = p.stress.clinical_threshold;
        let state = &self.state;
        let peers = split_by(
            &mut self.peer,
            self.blocks.iter().map(|b| b.students.clone()),
        );
        let work = |(b, peer): (&Block, &mut [f32])| {
            model::peer_support(pop, state, b.students.start, peer)
        };
        if self.blocks.len() == 1 {
            peers
                .into_iter()
                .zip(&self.blocks)
                .for_each(|(peer, b)| work((b, peer)));
        } else {
            self.blocks.par_iter().zip(peers).for_each(work);
        }
        let states = split_by(
            &mut self.state,
            self.blocks.iter().map(|b| b.students.clone()),
        );
        let hours = split_by(
            &mut self.care_hours,
            self.blocks.iter().map(|b| b.classes.clone()),
        );
        let work: Vec<BlockWork> = self
            .blocks
            .iter()
            .zip(states)
            .zip(hours)
            .zip(self.records.iter_mut())
            .map(|(((block, state), hours), record)| BlockWork {
                block,
                state,
                hours,
                record,
            })
            .collect();
        let (levers, peer) = (&self.levers, &self.peer);
        let step = |w: BlockWork| {
            let r = w.block.students.clone();
            model::step(
                p,
                pop,
                week,
                key,
                w.block,
                &levers[r.clone()],
                &peer[r.clone()],
                w.state,
                w.hours,
            );
            if let Some((at, squares)) = record_as {
                w.record
                    .observe(at, &pop.students[r], w.state, threshold, squares);
            }
        };
        if work.len() == 1 {
            work.into_iter().for_each(step);
        } else {
            work.into_par_iter().for_each(step);
        }
    }

    /// Rewrites the levers for the components running this week.
    fn set_levers(
        &mut self,
        strategy: &CompiledStrategy,
        offered: &[Vec<u32>],
        running: u64,
        week: &WeekInfo,
    ) {
        self.levers
            .iter_mut()
            .for_each(|l| *l = StudentLevers::default());
        for (k, (_, comp)) in strategy.components.iter().enumerate() {
            if running & (1 << k) == 0 {
                continue;
            }
            let dose = comp.settings().weekly_dose();
            for &i in &offered[k] {
                comp.step(
                    week,
                    &self.pop.students[i as usize],
                    dose,
                    &mut self.levers[i as usize],
                );
            }
        }
    }
}

/// Simulates one strategy on one population and records what happened.
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
    let cancelled = || cancel.load(Ordering::Relaxed);
    let cal = &sc.calendar;
    let n = pop.len();
    let total = cal.total_weeks() as i32;
    let blocks = blocks(pop);
    let records = blocks
        .iter()
        .map(|_| Record::new(pop, total as usize + 1))
        .collect();
    let mut run = Run {
        sc,
        pop,
        key,
        blocks,
        state: pop.initial.clone(),
        peer: vec![0.0; n],
        levers: vec![StudentLevers::default(); n],
        care_hours: vec![0.0; pop.classes.len()],
        records,
    };

    // Burn-in under usual practice: the population settles into its own dynamics.
    for w in (1 - cal.burn_in_weeks as i32)..=0 {
        if cancelled() {
            return None;
        }
        run.week(&WeekInfo::of(cal, w), None);
    }
    run.care_hours.iter_mut().for_each(|h| *h = 0.0);
    for (b, record) in run.blocks.iter().zip(run.records.iter_mut()) {
        let r = b.students.clone();
        record.observe(
            0,
            &pop.students[r.clone()],
            &run.state[r],
            sc.params.stress.clinical_threshold,
            false,
        );
    }
    let first = snapshots.then(|| run.state.clone());
    let (survey_week, threshold) = (sc.survey_week(), sc.params.stress.clinical_threshold);
    let mut survey = SurveyRecord::capture(0, survey_week, pop, &run.state, threshold);

    let offered = offers(sc, pop, strategy, key, &run.state);
    let offered_per_class = per_class(pop, &offered);
    let costs = weekly_costs(sc, strategy);
    let mut cost = 0.0;
    let mut running_before: u64 = 0;
    for w in 1..=total {
        if cancelled() {
            return None;
        }
        let week = WeekInfo::of(cal, w);
        let running = strategy
            .components
            .iter()
            .enumerate()
            .filter(|(_, (_, comp))| comp.runs_in(&week))
            .fold(0u64, |m, (k, _)| m | (1 << k));
        if running != running_before {
            run.set_levers(strategy, &offered, running, &week);
            running_before = running;
        }
        // Finish of the lifecycle, accrued weekly: cost and teacher hours of
        // what each running component offered.
        for (k, (c, hours)) in costs.iter().enumerate() {
            if running & (1 << k) != 0 {
                cost += c * offered[k].len() as f64;
                for &(class, count) in &offered_per_class[k] {
                    run.care_hours[class as usize] += hours * count as f64;
                }
            }
        }
        run.week(&week, Some((w as usize, w == total)));
        survey = survey
            .or_else(|| SurveyRecord::capture(w as usize, survey_week, pop, &run.state, threshold));
    }

    let mut records = std::mem::take(&mut run.records).into_iter();
    let mut record = records.next().expect("a population has at least one block");
    for other in records {
        record.merge(&other);
    }
    record.cost = cost;
    record.teacher_hours = run.care_hours;
    record.survey = survey;
    if let Some(first) = first {
        record.snapshots = Some((first, run.state));
    }
    Some(record)
}
