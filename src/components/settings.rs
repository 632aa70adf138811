//! The settings every component shares: coverage, intensity, frequency,
//! target group, start week, fidelity and cost.

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::problem::{Problem, check_range};

/// Who a component is offered to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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

/// A component's settings as written in a scenario: every key optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComponentSpec {
    /// Share of the target group (families, or classes for school components) offered the component.
    pub coverage: Option<f32>,
    /// Strength of each session relative to the evidence-based programme (1 = as designed).
    pub intensity: Option<f32>,
    /// Sessions or contacts per week.
    pub frequency: Option<Frequency>,
    /// Who is offered the component.
    pub target: Option<Target>,
    /// First week (counted over the whole run) in which the component runs.
    pub start_week: Option<u32>,
    /// Share of sessions delivered as designed.
    pub fidelity: Option<f32>,
    /// Cost per offered student per year at the stated frequency (currency units).
    pub cost_per_student: Option<f32>,
    /// Teacher hours per offered student per year at the stated frequency.
    pub teacher_hours_per_student: Option<f32>,
    /// Whether contact runs both ways (home ⇄ school) rather than school → home.
    pub two_way: Option<bool>,
}

/// A component's settings with every value resolved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComponentSettings {
    /// See [`ComponentSpec::coverage`].
    pub coverage: f32,
    /// See [`ComponentSpec::intensity`].
    pub intensity: f32,
    /// See [`ComponentSpec::frequency`].
    pub frequency: Frequency,
    /// See [`ComponentSpec::target`].
    pub target: Target,
    /// See [`ComponentSpec::start_week`].
    pub start_week: u32,
    /// See [`ComponentSpec::fidelity`].
    pub fidelity: f32,
    /// See [`ComponentSpec::cost_per_student`].
    pub cost_per_student: f32,
    /// See [`ComponentSpec::teacher_hours_per_student`].
    pub teacher_hours_per_student: f32,
    /// See [`ComponentSpec::two_way`].
    pub two_way: bool,
    /// Frequency at which the component delivers its designed dose.
    #[serde(skip)]
    pub reference_frequency: f32,
}

impl ComponentSettings {
    /// Settings with the usual values; components override what differs.
    pub fn new(frequency: f32, cost_per_student: f32, teacher_hours_per_student: f32) -> Self {
        ComponentSettings {
            coverage: 1.0,
            intensity: 1.0,
            frequency: Frequency(frequency),
            target: Target::All,
            start_week: 1,
            fidelity: 0.8,
            cost_per_student,
            teacher_hours_per_student,
            two_way: true,
            reference_frequency: frequency,
        }
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

    /// Validation of resolved settings; `prefix` is `strategies.S.component`.
    pub fn validate(&self, prefix: &str, out: &mut Vec<Problem>) {
        check_range(out, format!("{prefix}.coverage"), self.coverage, 0.0, 1.0);
        check_range(out, format!("{prefix}.intensity"), self.intensity, 0.0, 5.0);
        check_range(
            out,
            format!("{prefix}.frequency"),
            self.frequency.0,
            0.0,
            7.0,
        );
        check_range(out, format!("{prefix}.fidelity"), self.fidelity, 0.0, 1.0);
        check_range(
            out,
            format!("{prefix}.cost_per_student"),
            self.cost_per_student,
            0.0,
            1e6,
        );
        check_range(
            out,
            format!("{prefix}.teacher_hours_per_student"),
            self.teacher_hours_per_student,
            0.0,
            1000.0,
        );
        if !(1..=100_000).contains(&self.start_week) {
            out.push(Problem::new(
                format!("{prefix}.start_week"),
                format!("week {} does not exist", self.start_week),
                "a week from 1 (weeks count over the whole run)",
            ));
        }
    }
}

impl ComponentSpec {
    /// Overrides `settings` with every value the file gives.
    pub fn apply_to(&self, s: &mut ComponentSettings) {
        if let Some(v) = self.coverage {
            s.coverage = v;
        }
        if let Some(v) = self.intensity {
            s.intensity = v;
        }
        if let Some(v) = self.frequency {
            s.frequency = v;
        }
        if let Some(v) = self.target {
            s.target = v;
        }
        if let Some(v) = self.start_week {
            s.start_week = v;
        }
        if let Some(v) = self.fidelity {
            s.fidelity = v;
        }
        if let Some(v) = self.cost_per_student {
            s.cost_per_student = v;
        }
        if let Some(v) = self.teacher_hours_per_student {
            s.teacher_hours_per_student = v;
        }
        if let Some(v) = self.two_way {
            s.two_way = v;
        }
    }
}
