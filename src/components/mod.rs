//! Collaboration components: one trait, one file per component, one registry.
//!
//! A strategy is a bundle of components. Like Starsim's interventions, every
//! component has one lifecycle:
//!
//! 1. **initialise** — the engine offers it to families or classes in its
//!    target group, up to its coverage, using common random numbers keyed by
//!    the component, so every strategy that includes a component offers it to
//!    the same families ([`Component::eligible`]);
//! 2. **step** — in each week it runs ([`Component::runs_in`]), it writes its
//!    dose into the levers of each offered student ([`Component::step`]);
//! 3. **finish** — its cost and teacher hours are totalled from what it
//!    offered ([`Component::weekly_cost`]).
//!
//! Components never touch the model's state: they only write levers, which
//! the weekly step reads through the nine mechanisms.

mod settings;

mod behaviour_support;
mod community_partnership;
mod contact_book;
mod culturally_responsive;
mod digital_channel;
mod homework_help;
mod joint_goal_setting;
mod left_behind_support;
mod mh_curriculum;
mod parent_modelling;
mod parent_volunteering;
mod peer_mentoring;
mod school_psychologist;
mod teacher_training;
mod termly_conference;

pub use settings::{ComponentSettings, ComponentSpec, Frequency, Target};

use crate::model::{StudentLevers, StudentState, WeekInfo};
use crate::population::{Family, LOW_TRUST, Student};

/// The unit a component is offered to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfferUnit {
    /// Each family separately (home-based and home–school programmes).
    Family,
    /// Whole classes (classroom programmes, teacher practice).
    Class,
    /// Whole schools with their communities.
    School,
}

/// The weeks in which a component runs, once started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schedule {
    /// Term weeks: school-based work pauses in the holidays.
    SchoolWeeks,
    /// Every week: home-based work, calls with migrant parents, community work.
    EveryWeek,
    /// The calendar's conference weeks only.
    ConferenceWeeks,
}

impl Schedule {
    /// Whether a component on this schedule runs in `week`.
    pub fn includes(self, week: &WeekInfo) -> bool {
        match self {
            Schedule::SchoolWeeks => week.in_school,
            Schedule::EveryWeek => true,
            Schedule::ConferenceWeeks => week.conference,
        }
    }
}

/// A registry entry: what a component is and how to build it.
#[derive(Debug, Clone, Copy)]
pub struct ComponentInfo {
    /// Name in scenario files.
    pub name: &'static str,
    /// One line on what it is.
    pub summary: &'static str,
    /// The seed section it is grounded in.
    pub seed: &'static str,
    /// The model channel it acts through.
    pub channel: &'static str,
    /// What it is offered to.
    pub unit: OfferUnit,
    /// The weeks it runs in.
    pub schedule: Schedule,
    /// Default settings, given the weeks in a year.
    pub defaults: fn(u32) -> ComponentSettings,
    /// Builds the component from resolved settings.
    pub build: fn(ComponentSettings) -> Box<dyn Component>,
}

/// Every component, in the order strategies list them.
pub const REGISTRY: &[ComponentInfo] = &[
    termly_conference::INFO,
    contact_book::INFO,
    digital_channel::INFO,
    parent_volunteering::INFO,
    homework_help::INFO,
    parent_modelling::INFO,
    behaviour_support::INFO,
    joint_goal_setting::INFO,
    mh_curriculum::INFO,
    peer_mentoring::INFO,
    school_psychologist::INFO,
    community_partnership::INFO,
    left_behind_support::INFO,
    teacher_training::INFO,
    culturally_responsive::INFO,
];

/// Looks a component up by name.
pub fn find(name: &str) -> Option<&'static ComponentInfo> {
    REGISTRY.iter().find(|c| c.name == name)
}

/// Every component name, for error messages.
pub fn names() -> Vec<&'static str> {
    REGISTRY.iter().map(|c| c.name).collect()
}

/// What every component knows about itself; [`component_info!`] implements it.
pub trait Described {
    /// The registry entry.
    fn info(&self) -> &'static ComponentInfo;

    /// Resolved settings.
    fn settings(&self) -> &ComponentSettings;
}

/// A collaboration component: the lifecycle every component shares.
pub trait Component: Described + Send + Sync {
    /// Initialise: whether a student is in the component's target group, judged
    /// on the population and the state at week 0.
    fn eligible(
        &self,
        student: &Student,
        family: &Family,
        state0: &StudentState,
        visible: f32,
    ) -> bool {
        match self.settings().target {
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
    /// weeks of its [`Schedule`].
    fn runs_in(&self, week: &WeekInfo) -> bool {
        week.week >= self.settings().start_week as i32 && self.info().schedule.includes(week)
    }

    /// Step: adds this week's dose for one offered student into the levers.
    /// `dose` is [`ComponentSettings::weekly_dose`].
    fn step(&self, week: &WeekInfo, student: &Student, dose: f32, levers: &mut StudentLevers);

    /// Finish: cost (currency) and teacher hours per offered student per week
    /// the component runs, given how many weeks of a year it runs: the yearly
    /// cost at the stated frequency is spread over those weeks.
    fn weekly_cost(&self, running_weeks_per_year: u32) -> (f64, f64) {
        let s = self.settings();
        let per_week = s.frequency_ratio() as f64 / running_weeks_per_year.max(1) as f64;
        (
            s.cost_per_student as f64 * per_week,
            s.teacher_hours_per_student as f64 * per_week,
        )
    }
}

/// Declares a component's registry entry next to its implementation.
macro_rules! component_info {
    ($ty:ident, $name:literal, $unit:ident, $schedule:ident, $summary:literal, $seed:literal, $channel:literal) => {
        /// Registry entry of this component.
        pub const INFO: super::ComponentInfo = super::ComponentInfo {
            name: $name,
            summary: $summary,
            seed: $seed,
            channel: $channel,
            unit: super::OfferUnit::$unit,
            schedule: super::Schedule::$schedule,
            defaults,
            build: |settings| Box::new($ty { settings }),
        };

        impl super::Described for $ty {
            fn info(&self) -> &'static super::ComponentInfo {
                &INFO
            }

            fn settings(&self) -> &super::ComponentSettings {
                &self.settings
            }
        }
    };
}
pub(crate) use component_info;
