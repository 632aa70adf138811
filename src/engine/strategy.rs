//! A strategy's components: whom they are offered to, what they cost, and
//! the levers they set.

use super::offered::Offered;
use crate::components::{
    ComponentInfo, ComponentParams, ComponentRef, ComponentSettings, Lever, OfferUnit, Target,
    Weight, When,
};
use crate::model::{LeversMut, WeekInfo};
use crate::population::{Family, LOW_TRUST, Population, Student};
use crate::rng::{self, Stream};
use crate::scenario::{ModelParams, Scenario, StrategySpec};

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
    /// judged on the population and the student's distress at week 0.
    fn eligible(&self, student: &Student, family: &Family, distress0: f32, visible: f32) -> bool {
        match self.settings.target {
            Target::All => true,
            Target::LeftBehind => student.left_behind.is_left_behind(),
            Target::Rural => student.rural,
            Target::Urban => !student.rural,
            Target::AtRisk => distress0 > visible,
            Target::Minority => student.minority,
            Target::LowTrust => family.trust0 < LOW_TRUST,
        }
    }

    /// Whether the component runs in `week`: from its start week to its end
    /// week, in the weeks of its schedule.
    pub fn runs_in(&self, week: &WeekInfo) -> bool {
        self.settings.active_in(week.week)
            && self.info.schedule.includes(week.in_school, week.conference)
    }

    /// Step: adds this week's dose for one offered student (student `i` of
    /// `levers`) into the levers.
    fn step(&self, student: &Student, dose: f32, levers: &mut LeversMut<'_>, i: usize) {
        let left_behind = student.left_behind.is_left_behind();
        for &(lever, only_left_behind, w) in &self.loadings {
            if !only_left_behind || left_behind {
                levers.column_mut(lever, self.settings.two_way)[i] += w * dose;
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

    /// Bit `k` set when component `k` runs in `week`.
    pub(super) fn running(&self, week: &WeekInfo) -> u64 {
        self.components
            .iter()
            .enumerate()
            .filter(|(_, comp)| comp.runs_in(week))
            .fold(0u64, |m, (k, _)| m | (1 << k))
    }
}

/// What a strategy does to one replicate's population: whom each component
/// is offered to (the lifecycle's initialise), and what a running week costs.
pub(super) struct Offers {
    /// Offered students of each component.
    pub students: Vec<Offered>,
    /// Offered students per class, as `(class, count)`, of each component.
    pub per_class: Vec<Vec<(u32, u32)>>,
    /// Cost and teacher hours per offered student per running week of each component.
    pub weekly: Vec<(f64, f64)>,
}

impl Offers {
    /// Which students each component is offered to.
    ///
    /// The offer draw of a unit depends on the replicate, the component and
    /// the unit only, so two strategies that share a component offer it to
    /// the same families (common random numbers). With `parallel`, the
    /// students are looked at by several threads (for populations of
    /// several blocks).
    pub fn new(
        sc: &Scenario,
        pop: &Population,
        strategy: &CompiledStrategy,
        key: u64,
        distress0: &[f32],
        parallel: bool,
    ) -> Offers {
        let visible = sc.params.detection.visible_distress;
        let n = pop.len();
        let students: Vec<Offered> = strategy
            .components
            .iter()
            .map(|comp| {
                let coverage = comp.settings.coverage;
                let unit = comp.info.unit;
                let idx = comp.index;
                let offered = |i: usize| {
                    let s = &pop.students[i];
                    let unit_id = match unit {
                        OfferUnit::Family => i as u64,
                        OfferUnit::Class => s.class as u64,
                        OfferUnit::School => s.school as u64,
                    };
                    let u = rng::uniform(rng::key(key, Stream::Offer, unit_id, idx as i64), 0);
                    u < coverage && comp.eligible(s, &pop.families[i], distress0[i], visible)
                };
                Offered::of(n, parallel, offered)
            })
            .collect();
        let per_class = students
            .iter()
            .map(|list| {
                let mut per: Vec<(u32, u32)> = Vec::new();
                for i in list.iter(n) {
                    let c = pop.students[i].class;
                    match per.last_mut() {
                        Some((last, n)) if *last == c => *n += 1,
                        _ => per.push((c, 1)),
                    }
                }
                per
            })
            .collect();
        Offers {
            students,
            per_class,
            weekly: weekly_costs(sc, strategy),
        }
    }

    /// Rewrites the levers of students `first..first + levers.len()` for the
    /// components running this week (bit `k` of `running` for component `k`).
    /// Every lever is reset, then each offered student's running components
    /// add their doses in component order, whatever part of the population
    /// is rewritten.
    pub fn set_levers(
        &self,
        pop: &Population,
        strategy: &CompiledStrategy,
        running: u64,
        first: usize,
        mut levers: LeversMut<'_>,
    ) {
        let range = first..first + levers.len();
        // Only offered students ever hold a lever that is not 0, so zeroing
        // every column (a contiguous fill each) clears exactly what clearing
        // the offered students would.
        levers.fill(0.0);
        for (k, comp) in strategy.components.iter().enumerate() {
            if running & (1 << k) == 0 {
                continue;
            }
            let dose = comp.settings.weekly_dose();
            for i in self.students[k].in_range(range.clone()) {
                comp.step(&pop.students[i], dose, &mut levers, i - first);
            }
        }
    }

    /// Finish of the lifecycle, accrued weekly: cost and teacher hours (per
    /// class, into `hours`) of what each running component offered, added
    /// in component order (float sums keep their order); `week_hours` is
    /// set to this week's hours per class (they set next week's contact
    /// quality).
    pub fn accrue(&self, running: u64, cost: &mut f64, hours: &mut [f64], week_hours: &mut [f64]) {
        week_hours.fill(0.0);
        for (k, (c, h)) in self.weekly.iter().enumerate() {
            if running & (1 << k) != 0 {
                *cost += c * self.students[k].len() as f64;
                for &(class, count) in &self.per_class[k] {
                    hours[class as usize] += h * count as f64;
                    week_hours[class as usize] += h * count as f64;
                }
            }
        }
    }
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
