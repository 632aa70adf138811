//! One strategy on one replicate's population: burn-in, then the run.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::components::{Component, OfferUnit, REGISTRY};
use crate::model::{self, StudentLevers, WeekInfo};
use crate::population::Population;
use crate::rng::{self, Stream};
use crate::scenario::{Scenario, StrategySpec};
use crate::stats::Record;

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
    state0: &[model::StudentState],
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
    let p = &sc.params;
    let cal = &sc.calendar;
    let n = pop.len();
    let total = cal.total_weeks() as i32;
    let threshold = p.stress.clinical_threshold;
    let mut record = Record::new(pop, total as usize + 1);
    let mut state = pop.initial.clone();
    let mut peer = vec![0.0f32; n];
    let mut levers = vec![StudentLevers::default(); n];
    let mut care_hours = vec![0.0f64; pop.classes.len()];

    let mut week_step = |week: &WeekInfo,
                         levers: &[StudentLevers],
                         state: &mut [model::StudentState],
                         care_hours: &mut [f64]| {
        model::peer_support(pop, state, &mut peer);
        model::step(p, pop, week, key, levers, &peer, state, care_hours);
    };

    // Burn-in under usual practice: the population settles into its own dynamics.
    for w in (1 - cal.burn_in_weeks as i32)..=0 {
        if cancelled() {
            return None;
        }
        week_step(&WeekInfo::of(cal, w), &levers, &mut state, &mut care_hours);
    }
    care_hours.iter_mut().for_each(|h| *h = 0.0);
    record.observe(0, pop, &state, threshold);
    let first = snapshots.then(|| state.clone());

    let offered = offers(sc, pop, strategy, key, &state);
    let wpy = cal.weeks_per_year;
    let costs: Vec<(f64, f64)> = strategy
        .components
        .iter()
        .map(|(_, c)| c.weekly_cost(wpy))
        .collect();
    let mut running_before: u64 = 0;
    for w in 1..=total {
        if cancelled() {
            return None;
        }
        let week = WeekInfo::of(cal, w);
        let mut running: u64 = 0;
        for (k, (_, comp)) in strategy.components.iter().enumerate() {
            if comp.runs_in(&week) {
                running |= 1 << k;
            }
        }
        if running != running_before {
            levers
                .iter_mut()
                .for_each(|l| *l = StudentLevers::default());
            for (k, (_, comp)) in strategy.components.iter().enumerate() {
                if running & (1 << k) == 0 {
                    continue;
                }
                let dose = comp.settings().weekly_dose();
                for &i in &offered[k] {
                    comp.step(
                        &week,
                        &pop.students[i as usize],
                        dose,
                        &mut levers[i as usize],
                    );
                }
            }
            running_before = running;
        }
        // Finish of the lifecycle, accrued weekly: cost and teacher hours of
        // what each running component offered.
        for (k, (cost, hours)) in costs.iter().enumerate() {
            if running & (1 << k) != 0 {
                record.cost += cost * offered[k].len() as f64;
                for &i in &offered[k] {
                    care_hours[pop.students[i as usize].class as usize] += hours;
                }
            }
        }
        week_step(&week, &levers, &mut state, &mut care_hours);
        record.observe(w as usize, pop, &state, threshold);
    }
    record.teacher_hours = care_hours;
    if let Some(first) = first {
        record.snapshots = Some((first, state));
    }
    Some(record)
}
