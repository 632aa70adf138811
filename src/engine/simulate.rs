//! One strategy on one replicate's population: burn-in, then the run.
//!
//! Students are stepped in blocks of whole classes. A small population is one
//! block; a large one is split so that a single replicate uses every core.
//! Blocks read last week's peers and write only their own students, and
//! their records are exact integer sums, so the result does not depend on
//! how many threads run the blocks.

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::components::{
    ComponentInfo, ComponentParams, ComponentRef, ComponentSettings, Lever, OfferUnit, Target,
    Weight, When,
};
use crate::model::mechanisms::adults;
use crate::model::{self, Block, BlockInputs, StudentLevers, StudentState, WeekInfo};
use crate::population::{Family, LOW_TRUST, Population, Student};
use crate::rng::{self, Stream};
use crate::scenario::{ModelParams, Scenario, StrategySpec};
use crate::stats::{Record, SurveyPlan, SurveyRun};

/// Students per block at least (blocks end at class boundaries).
pub const BLOCK_STUDENTS: usize = 16_384;

/// One component of a compiled strategy: its registry entry, its resolved
/// settings and its loadings with their values.
pub struct CompiledComponent {
    /// The registry entry.
    pub info: &'static ComponentInfo,
    /// Index in the registry (the key of its offer draws).
    pub index: usize,
    /// Resolved settings.
    pub settings: ComponentSettings,
    /// `(lever, only for left-behind students, weight)` for each loading that
    /// applies under these settings.
    pub loadings: Vec<(Lever, bool, f32)>,
}

impl CompiledComponent {
    /// Builds a component from its registry entry, its settings and the
    /// scenario's loading values.
    pub fn new(
        component: ComponentRef,
        settings: &ComponentSettings,
        params: &ComponentParams,
    ) -> Self {
        let info = component.info();
        let loadings = info
            .loadings
            .iter()
            .filter(|l| match l.when {
                When::Always | When::LeftBehind => true,
                When::TwoWay => settings.two_way,
                When::OneWay => !settings.two_way,
            })
            .map(|l| {
                let w = match &l.weight {
                    Weight::Unit => 1.0,
                    Weight::Param(p) => params
                        .get(p.key)
                        .expect("every declared loading has a value"),
                };
                (l.lever, l.when == When::LeftBehind, w)
            })
            .collect();
        CompiledComponent {
            info,
            index: info.index(),
            settings: settings.clone(),
            loadings,
        }
    }

    /// Initialise: whether a student is in the component's target group,
    /// judged on the population and the state at week 0.
    fn eligible(
        &self,
        student: &Student,
        family: &Family,
        state0: &StudentState,
        visible: f32,
    ) -> bool {
        match self.settings.target {
            Target::All => true,
            Target::LeftBehind => student.left_behind.is_left_behind(),
            Target::Rural => student.rural,
            Target::Urban => !student.rural,
            Target::AtRisk => state0.distress > visible,
            Target::Minority => student.minority,
            Target::LowTrust => family.trust0 < LOW_TRUST,
        }
    }

    /// Whether the component runs in `week`: from its start week, in the
    /// weeks of its schedule, up to its end week (the validation's end of
    /// programme, `validation::programme_end`, is the last such week).
    pub fn runs_in(&self, week: &WeekInfo) -> bool {
        self.settings.active_in(week.week)
            && self.info.schedule.includes(week.in_school, week.conference)
    }

    /// Step: adds this week's dose for one offered student into the levers.
    fn step(&self, student: &Student, dose: f32, levers: &mut StudentLevers) {
        let left_behind = student.left_behind.is_left_behind();
        for &(lever, only_left_behind, w) in &self.loadings {
            if !only_left_behind || left_behind {
                *levers.slot_mut(lever, self.settings.two_way) += w * dose;
            }
        }
    }
}

/// A strategy with its components built.
pub struct CompiledStrategy {
    /// Name.
    pub name: String,
    /// Components in the strategy's order.
    pub components: Vec<CompiledComponent>,
}

impl CompiledStrategy {
    /// Builds the components of a resolved strategy with the scenario's
    /// loading values.
    pub fn new(spec: &StrategySpec, params: &ModelParams) -> Self {
        let components = spec
            .components
            .iter()
            .map(|(c, settings)| CompiledComponent::new(*c, settings, &params.components))
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
        .map(|comp| {
            let coverage = comp.settings.coverage;
            let unit = comp.info.unit;
            let idx = comp.index;
            (0..pop.len() as u32)
                .filter(|&i| {
                    let s = &pop.students[i as usize];
                    let unit_id = match unit {
                        OfferUnit::Family => i as u64,
                        OfferUnit::Class => s.class as u64,
                        OfferUnit::School => s.school as u64,
                    };
                    let u = rng::uniform(rng::key(key, Stream::Offer, unit_id, idx as i64), 0);
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
        .map(|c| {
            let running = (1..=cal.weeks_per_year as i32)
                .filter(|&w| {
                    let week = WeekInfo::of(cal, w);
                    c.info.schedule.includes(week.in_school, week.conference)
                })
                .count() as u32;
            c.settings.weekly_cost(running)
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

/// One block of whole classes and everything its students need for a week:
/// friends are classmates, so a block never reads another block's students
/// and blocks run in parallel without sharing anything.
struct BlockRun {
    block: Block,
    state: Vec<StudentState>,
    peer: Vec<f32>,
    levers: Vec<StudentLevers>,
    /// Teacher hours of joint care per class of the block, over the run.
    care_hours: Vec<f64>,
    /// The same at the start of this week (the week's care hours are the difference).
    care_before: Vec<f64>,
    /// Quality of home–school contact per class this week.
    quality: Vec<f32>,
    record: Record,
}

impl BlockRun {
    fn new(pop: &Population, p: &ModelParams, block: Block, weeks: usize) -> Self {
        let n = block.students.len();
        let classes = block.classes.len();
        BlockRun {
            state: StudentState::initial_states(pop, p, block.students.clone()),
            peer: vec![0.0; n],
            levers: vec![StudentLevers::default(); n],
            care_hours: vec![0.0; classes],
            care_before: vec![0.0; classes],
            quality: vec![1.0; classes],
            record: Record::new(pop, weeks),
            block,
        }
    }

    /// One week of the block: peers first, then the step, then the record,
    /// then next week's contact quality from this week's teacher hours
    /// (`component_hours` per class of the population).
    #[allow(clippy::too_many_arguments)]
    fn week(
        &mut self,
        p: &ModelParams,
        pop: &Population,
        week: &WeekInfo,
        key: u64,
        component_hours: &[f64],
        record_as: Option<(usize, bool)>,
    ) {
        let first = self.block.students.start;
        model::peer_support(p, pop, &self.state, first, &mut self.peer);
        let inputs = BlockInputs {
            block: &self.block,
            levers: &self.levers,
            peer: &self.peer,
            quality: &self.quality,
        };
        model::step(
            p,
            pop,
            week,
            key,
            &inputs,
            &mut self.state,
            &mut self.care_hours,
        );
        if let Some((at, squares)) = record_as {
            let students = &pop.students[self.block.students.clone()];
            self.record.observe(
                at,
                students,
                &self.state,
                p.stress.clinical_threshold,
                squares,
            );
        }
        let on = p.mechanisms.factors().teacher_capacity;
        for (k, c) in self.block.classes.clone().enumerate() {
            let care = self.care_hours[k] - self.care_before[k];
            self.care_before[k] = self.care_hours[k];
            let demand = (component_hours[c] + care) as f32;
            self.quality[k] = adults::contact_quality(&p.detection, demand, on);
        }
    }
}

/// The state of one simulation, block by block.
struct Run<'a> {
    sc: &'a Scenario,
    pop: &'a Population,
    key: u64,
    blocks: Vec<BlockRun>,
    /// Teacher hours per class per week of the components running this week.
    component_hours: Vec<f64>,
}

impl Run<'_> {
    /// One week for every block, in parallel when there are several.
    fn week(&mut self, week: &WeekInfo, record_as: Option<(usize, bool)>) {
        let (p, pop, key) = (&self.sc.params, self.pop, self.key);
        let hours = &self.component_hours;
        if self.blocks.len() == 1 {
            self.blocks[0].week(p, pop, week, key, hours, record_as);
        } else {
            self.blocks
                .par_iter_mut()
                .for_each(|b| b.week(p, pop, week, key, hours, record_as));
        }
    }

    /// Every student's state, in student order.
    fn state(&self) -> Vec<StudentState> {
        self.blocks
            .iter()
            .flat_map(|b| b.state.iter().copied())
            .collect()
    }

    /// The block holding student `i`.
    fn block_of(&mut self, i: usize) -> &mut BlockRun {
        let at = self.blocks.partition_point(|b| b.block.students.end <= i);
        &mut self.blocks[at]
    }

    /// Rewrites the levers for the components running this week.
    fn set_levers(&mut self, strategy: &CompiledStrategy, offered: &[Vec<u32>], running: u64) {
        for b in &mut self.blocks {
            b.levers
                .iter_mut()
                .for_each(|l| *l = StudentLevers::default());
        }
        let pop = self.pop;
        for (k, comp) in strategy.components.iter().enumerate() {
            if running & (1 << k) == 0 {
                continue;
            }
            let dose = comp.settings.weekly_dose();
            for &i in &offered[k] {
                let i = i as usize;
                let b = self.block_of(i);
                let local = i - b.block.students.start;
                comp.step(&pop.students[i], dose, &mut b.levers[local]);
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
    let total = cal.total_weeks() as i32;
    let weeks = total as usize + 1;
    let mut run = Run {
        sc,
        pop,
        key,
        blocks: blocks(pop)
            .into_iter()
            .map(|b| BlockRun::new(pop, &sc.params, b, weeks))
            .collect(),
        component_hours: vec![0.0; pop.classes.len()],
    };

    // Burn-in under usual practice: the population settles into its own dynamics.
    for w in (1 - cal.burn_in_weeks as i32)..=0 {
        if cancelled() {
            return None;
        }
        run.week(&WeekInfo::of(cal, w), None);
    }
    let threshold = sc.params.stress.clinical_threshold;
    for b in &mut run.blocks {
        b.care_hours.iter_mut().for_each(|h| *h = 0.0);
        b.care_before.iter_mut().for_each(|h| *h = 0.0);
        let students = &pop.students[b.block.students.clone()];
        b.record.observe(0, students, &b.state, threshold, false);
    }
    let state0 = run.state();
    let mut survey = SurveyRun::new(&SurveyPlan::of(sc));
    if survey.wants(0) {
        survey.observe(0, &pop.students, &state0, threshold);
    }
    let offered = offers(sc, pop, strategy, key, &state0);
    let first = snapshots.then_some(state0);

    let offered_per_class = per_class(pop, &offered);
    let costs = weekly_costs(sc, strategy);
    let mut cost = 0.0;
    // Teacher hours the components take, per class (joint care is counted in the blocks).
    let mut component_hours = vec![0.0f64; pop.classes.len()];
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
            .filter(|(_, comp)| comp.runs_in(&week))
            .fold(0u64, |m, (k, _)| m | (1 << k));
        if running != running_before {
            run.set_levers(strategy, &offered, running);
            running_before = running;
        }
        // Finish of the lifecycle, accrued weekly: cost and teacher hours of
        // what each running component offered (this week's hours per class
        // also set next week's contact quality).
        run.component_hours.iter_mut().for_each(|h| *h = 0.0);
        for (k, (c, hours)) in costs.iter().enumerate() {
            if running & (1 << k) != 0 {
                cost += c * offered[k].len() as f64;
                for &(class, count) in &offered_per_class[k] {
                    component_hours[class as usize] += hours * count as f64;
                    run.component_hours[class as usize] += hours * count as f64;
                }
            }
        }
        let squares = w == total || sc.run.moment_weeks.contains(&(w as u32));
        run.week(&week, Some((w as usize, squares)));
        if survey.wants(w as usize) {
            survey.observe(w as usize, &pop.students, &run.state(), threshold);
        }
    }

    let last = snapshots.then(|| run.state());
    let mut blocks = run.blocks.into_iter();
    let first_block = blocks.next().expect("a population has at least one block");
    let mut care_hours = first_block.care_hours;
    let mut record = first_block.record;
    for b in blocks {
        record.merge(&b.record);
        care_hours.extend(b.care_hours);
    }
    record.cost = cost;
    record.teacher_hours = component_hours
        .iter()
        .zip(&care_hours)
        .map(|(c, h)| c + h)
        .collect();
    record.survey = Some(survey.finish());
    if let (Some(first), Some(last)) = (first, last) {
        record.snapshots = Some((first, last));
    }
    Some(record)
}

/// Mean resilience (0–1) of the population after each burn-in week, under
/// usual practice, exactly as a run's burn-in computes it: the input of the
/// steady-state check ([`super::steady`]).
pub fn burn_in_resilience(sc: &Scenario, pop: &Population, key: u64) -> Vec<f64> {
    let cal = &sc.calendar;
    let mut run = Run {
        sc,
        pop,
        key,
        blocks: blocks(pop)
            .into_iter()
            .map(|b| BlockRun::new(pop, &sc.params, b, 1))
            .collect(),
        component_hours: vec![0.0; pop.classes.len()],
    };
    let n = pop.len().max(1) as f64;
    (1 - cal.burn_in_weeks as i32..=0)
        .map(|w| {
            run.week(&WeekInfo::of(cal, w), None);
            run.blocks
                .iter()
                .flat_map(|b| b.state.iter())
                .map(|s| s.resilience() as f64)
                .sum::<f64>()
                / n
        })
        .collect()
}
