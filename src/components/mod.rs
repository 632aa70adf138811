//! Collaboration components, each declared once as data: one file per
//! component, one registry.
//!
//! A strategy is a bundle of components. A component's declaration
//! ([`ComponentInfo`]) holds everything about it: name, grounding, the unit it
//! is offered to, the weeks it runs in, its default settings and its
//! **loadings** — which levers of the model it feeds, and how much per unit of
//! dose. Like Starsim's interventions, every component has one lifecycle,
//! which the engine runs from the declaration alone:
//!
//! 1. **initialise** — offered to families, classes or schools in its target
//!    group, up to its coverage, using common random numbers keyed by the
//!    component, so every strategy that includes a component offers it to the
//!    same families;
//! 2. **step** — in each week it runs ([`Schedule`], from its start week), it
//!    adds `loading × dose` into each lever it feeds for each offered student
//!    ([`ComponentSettings::weekly_dose`]);
//! 3. **finish** — its cost and teacher hours are totalled from what it
//!    offered ([`ComponentSettings::weekly_cost`]).
//!
//! Components never touch the model's state: they only write levers, which
//! the weekly step reads through the mechanisms.
//!
//! **Loadings and units.** A lever that only one component feeds is measured
//! in that component's dose (its loading is 1 by definition, [`Weight::Unit`])
//! and the size of its effect is a parameter of the mechanism that reads it
//! (e.g. `learning.volunteer_gain`). A lever that several components feed
//! (information, home–school contact, remote contact) has one loading
//! parameter per component ([`Weight::Param`], section `[components]`), so
//! each component's share of the channel is its own named, range-checked,
//! sweepable parameter: one parameter per effect.
//!
//! Adding a component is one file here (its [`ComponentInfo`]) and its name
//! in the `registry!` list; adding a loading is one line in its table.

mod params;
mod settings;

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use params::ComponentParams;
pub use settings::{
    ComponentSettings, ComponentSpec, Frequency, NumberMut, SettingDoc, SettingKind, Target,
};

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

impl OfferUnit {
    /// The unit in words, as `resim list` prints it.
    pub fn name(self) -> &'static str {
        match self {
            OfferUnit::Family => "family",
            OfferUnit::Class => "class",
            OfferUnit::School => "school",
        }
    }
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
    /// Whether a component on this schedule runs in a week that is (or is
    /// not) a school week and a conference week.
    pub fn includes(self, in_school: bool, conference: bool) -> bool {
        match self {
            Schedule::SchoolWeeks => in_school,
            Schedule::EveryWeek => true,
            Schedule::ConferenceWeeks => conference,
        }
    }
}

/// The channels (levers) through which components act on a student's week;
/// the model's `StudentLevers` has one field for each but [`Lever::Contact`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lever {
    /// Information about the student reaching an adult who can act.
    Info,
    /// Home–school contact: two-way or one-way as the component's `two_way` setting says.
    Contact,
    /// Two-way home–school contact whatever the `two_way` setting (joint work).
    TwoWay,
    /// Remote contact with migrant parents.
    Remote,
    /// Parent modelling programme.
    Modelling,
    /// Parent training in behaviour support.
    Behaviour,
    /// Joint teacher–parent goal setting and progress monitoring.
    Goals,
    /// Parent volunteering at school.
    Volunteer,
    /// Homework help / family literacy.
    Homework,
    /// Left-behind care: files, carer education, regular calls.
    LeftBehindCare,
    /// School mental-health curriculum.
    Curriculum,
    /// Peer mentoring.
    Mentoring,
    /// Screening and treatment by a school psychologist.
    Screening,
    /// Community partnership.
    Partnership,
    /// Teacher training in family engagement.
    TeacherTraining,
    /// Culturally responsive practice.
    Cultural,
}

/// Which offered students and settings a loading applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Always.
    Always,
    /// Only when the component's contact runs both ways (`two_way = true`).
    TwoWay,
    /// Only when the component's contact runs one way (`two_way = false`).
    OneWay,
    /// Only for left-behind students.
    LeftBehind,
}

/// A named loading parameter: section `[components]`, key `COMPONENT_EFFECT`.
#[derive(Debug, Clone, Copy)]
pub struct LoadingParam {
    /// Key in the `[components]` section, starting with the component's name.
    pub key: &'static str,
    /// Default value.
    pub default: f32,
    /// Smallest valid value.
    pub lo: f32,
    /// Largest valid value.
    pub hi: f32,
    /// What it means.
    pub meaning: &'static str,
    /// Where the default comes from.
    pub source: &'static str,
}

/// How much of a component's dose goes into a lever.
#[derive(Debug, Clone, Copy)]
pub enum Weight {
    /// The lever is measured in this component's dose: 1 by definition.
    Unit,
    /// A named parameter.
    Param(LoadingParam),
}

/// One loading: `lever += weight × dose` for the students and settings of `when`.
#[derive(Debug, Clone, Copy)]
pub struct Loading {
    /// The lever fed.
    pub lever: Lever,
    /// Which students and settings it applies to.
    pub when: When,
    /// How much per unit of dose.
    pub weight: Weight,
}

impl Loading {
    /// A lever measured in this component's dose (weight 1 by definition).
    pub const fn unit(lever: Lever) -> Loading {
        Loading {
            lever,
            when: When::Always,
            weight: Weight::Unit,
        }
    }

    /// A lever fed with a named weight.
    #[allow(clippy::too_many_arguments)]
    pub const fn param(
        lever: Lever,
        when: When,
        key: &'static str,
        default: f32,
        range: [f32; 2],
        meaning: &'static str,
        source: &'static str,
    ) -> Loading {
        Loading {
            lever,
            when,
            weight: Weight::Param(LoadingParam {
                key,
                default,
                lo: range[0],
                hi: range[1],
                meaning,
                source,
            }),
        }
    }
}

/// A component's default settings, those that differ between components.
#[derive(Debug, Clone, Copy)]
pub struct Defaults {
    /// Designed sessions or contacts per week.
    pub frequency: f32,
    /// Cost per offered student per year at the designed frequency.
    pub cost_per_student: f32,
    /// Teacher hours per offered student per year at the designed frequency.
    pub teacher_hours_per_student: f32,
    /// Share of sessions delivered as designed.
    pub fidelity: f32,
    /// Whether contact runs both ways.
    pub two_way: bool,
    /// Who is offered the component.
    pub target: Target,
}

impl Defaults {
    /// The usual values; a component overrides what differs.
    pub const USUAL: Defaults = Defaults {
        frequency: 1.0,
        cost_per_student: 0.0,
        teacher_hours_per_student: 0.0,
        fidelity: 0.8,
        two_way: true,
        target: Target::All,
    };
}

/// A registry entry: everything about one component.
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
    /// Default settings.
    pub defaults: Defaults,
    /// The levers it feeds.
    pub loadings: &'static [Loading],
}

impl ComponentInfo {
    /// Default settings of this component.
    pub fn default_settings(&self) -> ComponentSettings {
        let d = &self.defaults;
        ComponentSettings {
            coverage: 1.0,
            intensity: 1.0,
            frequency: Frequency(d.frequency),
            target: d.target,
            start_week: 1,
            end_week: 0,
            fidelity: d.fidelity,
            cost_per_student: d.cost_per_student,
            teacher_hours_per_student: d.teacher_hours_per_student,
            two_way: d.two_way,
            reference_frequency: d.frequency,
        }
    }

    /// Index of this component in [`REGISTRY`] (the key of its offer draws).
    pub fn index(&self) -> usize {
        REGISTRY
            .iter()
            .position(|c| c.name == self.name)
            .expect("a component info comes from the registry")
    }
}

/// Declares the component modules and the registry in one list, so a new
/// component is its file and one name here.
macro_rules! registry {
    ($($component:ident),* $(,)?) => {
        $( mod $component; )*

        /// Every component, in the order strategies list them (the index is the
        /// key of a component's offer draws: append, never reorder).
        pub const REGISTRY: &[ComponentInfo] = &[$($component::INFO),*];
    };
}

registry!(
    termly_conference,
    contact_book,
    digital_channel,
    parent_volunteering,
    homework_help,
    parent_modelling,
    behaviour_support,
    joint_goal_setting,
    mh_curriculum,
    peer_mentoring,
    school_psychologist,
    community_partnership,
    left_behind_support,
    teacher_training,
    culturally_responsive,
);

/// Looks a component up by name.
pub fn find(name: &str) -> Option<ComponentRef> {
    REGISTRY.iter().find(|c| c.name == name).map(ComponentRef)
}

/// Every component name, for error messages.
pub fn names() -> Vec<&'static str> {
    REGISTRY.iter().map(|c| c.name).collect()
}

/// A reference to a registry entry: what a strategy holds, so a strategy can
/// only name a component that exists. Written and read as its name.
#[derive(Clone, Copy)]
pub struct ComponentRef(pub &'static ComponentInfo);

impl ComponentRef {
    /// The component's name.
    pub fn as_str(&self) -> &'static str {
        self.0.name
    }

    /// The registry entry.
    pub fn info(&self) -> &'static ComponentInfo {
        self.0
    }
}

impl std::ops::Deref for ComponentRef {
    type Target = ComponentInfo;
    fn deref(&self) -> &ComponentInfo {
        self.0
    }
}

impl fmt::Debug for ComponentRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0.name, f)
    }
}

impl fmt::Display for ComponentRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.name)
    }
}

impl PartialEq for ComponentRef {
    fn eq(&self, other: &Self) -> bool {
        self.0.name == other.0.name
    }
}

impl PartialEq<str> for ComponentRef {
    fn eq(&self, other: &str) -> bool {
        self.0.name == other
    }
}

impl PartialEq<&str> for ComponentRef {
    fn eq(&self, other: &&str) -> bool {
        self.0.name == *other
    }
}

impl PartialEq<String> for ComponentRef {
    fn eq(&self, other: &String) -> bool {
        self.0.name == other
    }
}

impl PartialEq<ComponentRef> for &str {
    fn eq(&self, other: &ComponentRef) -> bool {
        *self == other.0.name
    }
}

impl PartialEq<ComponentRef> for String {
    fn eq(&self, other: &ComponentRef) -> bool {
        self == other.0.name
    }
}

impl Serialize for ComponentRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.name)
    }
}

impl<'de> Deserialize<'de> for ComponentRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        find(&name).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown component `{name}`; valid: {}",
                names().join(", ")
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn target_names_are_those_a_scenario_writes() {
        for name in Target::NAMES {
            let t: Target = serde_json::from_str(&format!("\"{name}\"")).unwrap();
            assert_eq!(t.name(), *name);
        }
    }

    #[test]
    fn names_are_unique_and_found() {
        for (i, c) in REGISTRY.iter().enumerate() {
            assert_eq!(find(c.name).map(|r| r.index()), Some(i));
        }
        assert!(find("no_such_component").is_none());
    }

    #[test]
    fn loading_keys_start_with_their_component_and_defaults_lie_in_range() {
        for c in REGISTRY {
            for l in c.loadings {
                if let Weight::Param(p) = l.weight {
                    assert!(
                        p.key.starts_with(&format!("{}_", c.name)),
                        "{} does not start with {}_",
                        p.key,
                        c.name
                    );
                    assert!(p.lo <= p.default && p.default <= p.hi, "{}", p.key);
                    assert!(!p.meaning.is_empty() && !p.source.is_empty(), "{}", p.key);
                }
            }
        }
    }

    #[test]
    fn every_component_feeds_a_lever_and_unit_levers_have_one_component() {
        for c in REGISTRY {
            assert!(!c.loadings.is_empty(), "{} feeds nothing", c.name);
        }
        // A lever measured in a component's dose belongs to that component alone.
        for c in REGISTRY {
            for l in c
                .loadings
                .iter()
                .filter(|l| matches!(l.weight, Weight::Unit))
            {
                let feeders = REGISTRY
                    .iter()
                    .filter(|o| o.loadings.iter().any(|m| m.lever == l.lever))
                    .count();
                assert_eq!(feeders, 1, "{:?} of {} is shared", l.lever, c.name);
            }
        }
    }

    #[test]
    fn a_strategy_reference_reads_back_only_known_names() {
        let r: ComponentRef = serde_json::from_str("\"contact_book\"").unwrap();
        assert_eq!(r, "contact_book");
        assert_eq!(serde_json::to_string(&r).unwrap(), "\"contact_book\"");
        let err = serde_json::from_str::<ComponentRef>("\"contact_bok\"").unwrap_err();
        assert!(err.to_string().contains("valid: termly_conference"));
    }
}
