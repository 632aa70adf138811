//! Parents volunteer in the school or class (seed 001).
//!
//! Channel: social competence only: no mental-health effect.

use super::{ComponentInfo, Defaults, Lever, Loading, OfferUnit, Schedule};

/// Registry entry of this component.
pub const INFO: ComponentInfo = ComponentInfo {
    name: "parent_volunteering",
    summary: "parents volunteer in the school or class",
    seed: "seed 001",
    channel: "social competence only: no mental-health effect",
    unit: OfferUnit::Family,
    schedule: Schedule::SchoolWeeks,
    defaults: Defaults {
        frequency: 0.25,
        cost_per_student: 5.0,
        teacher_hours_per_student: 1.0,
        ..Defaults::USUAL
    },
    loadings: &[Loading::unit(Lever::Volunteer)],
};
