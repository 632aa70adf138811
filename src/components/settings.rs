//! The settings every component shares: coverage, intensity, frequency,
//! target group, start week, fidelity and cost.

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::problem::{Message, Problem, check_range};

/// Who a component is offered to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// Every student.
    All,
    /// Students with one or both parents working away.
    LeftBehind,
    /// Students in rural schools.
    Rural,
    /// Students in urban schools.
    Urban,
    /// Students whose distress at week 0 is above the visibility level.
    AtRisk,
    /// Students from the minority group.
    Minority,
    /// Families whose trust in school starts below 0.45.
    LowTrust,
}

impl Target {
    /// Every target name, for `resim list` and error messages.
    pub const NAMES: &'static [&'static str] = &[
        "all",
        "left_behind",
        "rural",
        "urban",
        "at_risk",
        "minority",
        "low_trust",
    ];

    /// The name a scenario file uses, e.g. `left_behind`.
    pub fn name(self) -> &'static str {
        match self {
            Target::All => "all",
            Target::LeftBehind => "left_behind",
            Target::Rural => "rural",
            Target::Urban => "urban",
            Target::AtRisk => "at_risk",
            Target::Minority => "minority",
            Target::LowTrust => "low_trust",
        }
    }
}

/// A target group is written as its name; anything else (a number, a table)
/// is refused naming the valid names rather than in serde's enum words.
impl<'de> Deserialize<'de> for Target {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Target;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                let names: Vec<String> = Target::NAMES.iter().map(|n| format!("`{n}`")).collect();
                write!(
                    f,
                    "a target group written as text: one of {}",
                    names.join(", ")
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Target, E> {
                const ALL: [Target; 7] = [
                    Target::All,
                    Target::LeftBehind,
                    Target::Rural,
                    Target::Urban,
                    Target::AtRisk,
                    Target::Minority,
                    Target::LowTrust,
                ];
                ALL.into_iter()
                    .find(|t| t.name() == v)
                    .ok_or_else(|| E::unknown_variant(v, Target::NAMES))
            }
        }
        d.deserialize_any(V)
    }
}

/// Sessions or contacts per week. Written as a number or as a name:
/// `daily` (5), `twice_weekly` (2), `weekly` (1), `fortnightly` (0.5),
/// `monthly` (0.25), `termly` (0.05).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frequency(pub f32);

impl Frequency {
    /// Named frequencies and their contacts per week.
    pub const NAMED: &'static [(&'static str, f32)] = &[
        ("daily", 5.0),
        ("twice_weekly", 2.0),
        ("weekly", 1.0),
        ("fortnightly", 0.5),
        ("monthly", 0.25),
        ("termly", 0.05),
    ];
}

const FREQUENCY_NAMES: &[&str] = &[
    "daily",
    "twice_weekly",
    "weekly",
    "fortnightly",
    "monthly",
    "termly",
];

impl Serialize for Frequency {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f32(self.0)
    }
}

impl<'de> Deserialize<'de> for Frequency {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Frequency;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("contacts per week as a number, or one of `daily`, `twice_weekly`, `weekly`, `fortnightly`, `monthly`, `termly`")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Frequency, E> {
                Ok(Frequency(v as f32))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Frequency, E> {
                Ok(Frequency(v as f32))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Frequency, E> {
                Ok(Frequency(v as f32))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Frequency, E> {
                Frequency::NAMED
                    .iter()
                    .find(|(n, _)| *n == v)
                    .map(|(_, f)| Frequency(*f))
                    .ok_or_else(|| E::unknown_variant(v, FREQUENCY_NAMES))
            }
        }
        d.deserialize_any(V)
    }
}

/// How a setting is written and what a parameter path may do with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingKind {
    /// A number (sweepable by path).
    Real,
    /// A whole number, e.g. a week (sweepable by path; values are rounded).
    Whole,
    /// One of a list of names.
    Choice(&'static [&'static str]),
    /// `true` or `false`.
    Flag,
}

/// Documentation of one component setting: what `resim list` and the
/// parameter paths read.
#[derive(Debug, Clone, Copy)]
pub struct SettingDoc {
    /// Key inside a component table.
    pub name: &'static str,
    /// How it is written.
    pub kind: SettingKind,
    /// What it means.
    pub meaning: &'static str,
    /// The valid range of a number (`None` for names and flags).
    pub range: Option<(f32, f32)>,
}

/// A setting's number, by type, for parameter paths.
pub enum NumberMut<'a> {
    /// A real number.
    Real(&'a mut f32),
    /// A whole number.
    Whole(&'a mut u32),
}

/// What the type of a setting brings: its kind, its range check and access
/// to its number.
trait Setting {
    const KIND: SettingKind;
    fn check(&self, _key: String, _lo: f32, _hi: f32, _out: &mut Vec<Problem>) {}
    fn number_mut(&mut self) -> Option<NumberMut<'_>> {
        None
    }
}

impl Setting for f32 {
    const KIND: SettingKind = SettingKind::Real;
    fn check(&self, key: String, lo: f32, hi: f32, out: &mut Vec<Problem>) {
        check_range(out, key, *self, lo, hi);
    }
    fn number_mut(&mut self) -> Option<NumberMut<'_>> {
        Some(NumberMut::Real(self))
    }
}

impl Setting for Frequency {
    const KIND: SettingKind = SettingKind::Real;
    fn check(&self, key: String, lo: f32, hi: f32, out: &mut Vec<Problem>) {
        check_range(out, key, self.0, lo, hi);
    }
    fn number_mut(&mut self) -> Option<NumberMut<'_>> {
        Some(NumberMut::Real(&mut self.0))
    }
}

/// Whole-number settings are weeks counted over the whole run.
impl Setting for u32 {
    const KIND: SettingKind = SettingKind::Whole;
    fn check(&self, key: String, lo: f32, hi: f32, out: &mut Vec<Problem>) {
        if !(lo..=hi).contains(&(*self as f32)) {
            out.push(Problem::new(
                key,
                Message::new("problem-no-such-week").arg("week", self),
                Message::new(if lo == 0.0 {
                    "valid-end-week-setting"
                } else {
                    "valid-start-week-setting"
                }),
            ));
        }
    }
    fn number_mut(&mut self) -> Option<NumberMut<'_>> {
        Some(NumberMut::Whole(self))
    }
}

impl Setting for Target {
    const KIND: SettingKind = SettingKind::Choice(Target::NAMES);
}

impl Setting for bool {
    const KIND: SettingKind = SettingKind::Flag;
}

/// Declares the settings every component shares, once: the scenario's
/// optional table ([`ComponentSpec`]), the resolved settings
/// ([`ComponentSettings`]), how one overrides the other, their range checks,
/// their documentation ([`ComponentSettings::SETTINGS`]) and access to their
/// numbers by name — so a new setting is one line here.
macro_rules! component_settings {
    (
        $(
            $(#[doc = $doc:literal])*
            $field:ident : $ty:ty $(, [$lo:literal, $hi:literal])? ;
        )*
    ) => {
        /// A component's settings as written in a scenario: every key optional.
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct ComponentSpec {
            $( $(#[doc = $doc])* pub $field: Option<$ty>, )*
        }

        /// A component's settings with every value resolved.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        pub struct ComponentSettings {
            $( $(#[doc = $doc])* pub $field: $ty, )*
            /// Frequency at which the component delivers its designed dose.
            #[serde(skip)]
            pub reference_frequency: f32,
        }

        impl ComponentSpec {
            /// Overrides `settings` with every value the file gives.
            pub fn apply_to(&self, s: &mut ComponentSettings) {
                $( if let Some(v) = self.$field { s.$field = v; } )*
            }
        }

        impl ComponentSettings {
            /// Every setting of a component, in file order.
            pub const SETTINGS: &'static [SettingDoc] = &[
                $( SettingDoc {
                    name: stringify!($field),
                    kind: <$ty as Setting>::KIND,
                    meaning: concat!($($doc),*),
                    // The first of [Some(range), None], or of [None].
                    range: [$( Some(($lo as f32, $hi as f32)), )? None][0],
                }, )*
            ];

            /// Range checks of every setting; `prefix` is `strategies.S.component`.
            fn validate_each(&self, prefix: &str, out: &mut Vec<Problem>) {
                $( $(
                    Setting::check(
                        &self.$field,
                        format!("{prefix}.{}", stringify!($field)),
                        $lo as f32,
                        $hi as f32,
                        out,
                    );
                )? )*
            }

            /// The number of setting `key`, for parameter paths (`None` for
            /// names, flags and unknown keys).
            pub fn number_mut(&mut self, key: &str) -> Option<NumberMut<'_>> {
                match key {
                    $( stringify!($field) => Setting::number_mut(&mut self.$field), )*
                    _ => None,
                }
            }
        }
    };
}

component_settings! {
    /// Share of the target group (families, or classes for school components) offered the component.
    coverage: f32, [0.0, 1.0];
    /// Strength of each session relative to the evidence-based programme (1 = as designed).
    intensity: f32, [0.0, 5.0];
    /// Sessions or contacts per week.
    frequency: Frequency, [0.0, 7.0];
    /// Who is offered the component.
    target: Target;
    /// First week (counted over the whole run) in which the component runs.
    start_week: u32, [1, 100000];
    /// Last week (counted over the whole run) in which the component runs; 0 runs it to the end. Effects fade afterwards at the rate of the mechanism that holds them.
    end_week: u32, [0, 100000];
    /// Share of sessions delivered as designed.
    fidelity: f32, [0.0, 1.0];
    /// Cost per offered student per year at the stated frequency (currency units).
    cost_per_student: f32, [0.0, 1e6];
    /// Teacher hours per offered student per year at the stated frequency.
    teacher_hours_per_student: f32, [0.0, 1000.0];
    /// Whether contact runs both ways (home ⇄ school) rather than school → home.
    two_way: bool;
}

impl ComponentSettings {
    /// Validation of resolved settings; `prefix` is `strategies.S.component`.
    pub fn validate(&self, prefix: &str, out: &mut Vec<Problem>) {
        self.validate_each(prefix, out);
        if self.end_week != 0 && self.end_week < self.start_week {
            out.push(Problem::new(
                format!("{prefix}.end_week"),
                Message::new("problem-end-before-start")
                    .arg("week", self.end_week)
                    .arg("start", self.start_week),
                Message::new("valid-end-after-start"),
            ));
        }
    }

    /// Checks against the run: a component that starts after the last week
    /// of a run of `weeks` weeks would never run (and be costed at nothing).
    pub fn validate_in_run(&self, prefix: &str, weeks: u32, out: &mut Vec<Problem>) {
        if weeks > 0 && self.start_week > weeks {
            out.push(Problem::new(
                format!("{prefix}.start_week"),
                Message::new("problem-start-after-run")
                    .arg("week", self.start_week)
                    .arg("weeks", weeks),
                Message::new("valid-week-of-run").arg("weeks", weeks),
            ));
        }
    }

    /// Whether the component runs in week `week` of the run (counted from 1)
    /// as far as its start and end weeks go.
    pub fn active_in(&self, week: i32) -> bool {
        week >= self.start_week as i32 && (self.end_week == 0 || week <= self.end_week as i32)
    }

    /// Names of the settings whose value is a number (sweepable by path).
    pub fn numeric_names() -> impl Iterator<Item = &'static str> {
        Self::SETTINGS
            .iter()
            .filter(|d| matches!(d.kind, SettingKind::Real | SettingKind::Whole))
            .map(|d| d.name)
    }

    /// The dose of one offered student per week while the component runs:
    /// intensity × fidelity × a diminishing-returns factor of frequency
    /// (1 at the designed frequency, at most 2).
    pub fn weekly_dose(&self) -> f32 {
        let x = self.frequency.0 / self.reference_frequency.max(1e-6);
        self.intensity * self.fidelity * 2.0 * x / (1.0 + x)
    }

    /// Cost and teacher hours scale linearly with frequency.
    pub fn frequency_ratio(&self) -> f32 {
        self.frequency.0 / self.reference_frequency.max(1e-6)
    }

    /// Finish of the lifecycle: cost (currency) and teacher hours per offered
    /// student per week the component runs, given how many weeks of a year it
    /// runs: the yearly cost at the stated frequency is spread over those weeks.
    pub fn weekly_cost(&self, running_weeks_per_year: u32) -> (f64, f64) {
        let per_week = self.frequency_ratio() as f64 / running_weeks_per_year.max(1) as f64;
        (
            self.cost_per_student as f64 * per_week,
            self.teacher_hours_per_student as f64 * per_week,
        )
    }
}
