//! School mental-health curriculum: emotion regulation and coping lessons (seed 000 §4.2).
//!
//! Channel: emotion regulation and coping.

use super::{ComponentInfo, Defaults, Lever, Loading, OfferUnit, Schedule};

/// Registry entry of this component.
pub const INFO: ComponentInfo = ComponentInfo {
    name: "mh_curriculum",
    summary: "school mental-health curriculum: emotion regulation and coping lessons",
    seed: "seed 000 §4.2",
    channel: "emotion regulation and coping",
    unit: OfferUnit::Class,
    schedule: Schedule::SchoolWeeks,
    defaults: Defaults {
        frequency: 1.0,
        cost_per_student: 15.0,
        teacher_hours_per_student: 1.0,
        ..Defaults::USUAL
    },
    loadings: &[Loading::unit(Lever::Curriculum)],
};
