//! Older or trained peers mentor students (seed 000 §4.2).
//!
//! Channel: peer support and social competence.

use super::{ComponentInfo, Defaults, Lever, Loading, OfferUnit, Schedule};

/// Registry entry of this component.
pub const INFO: ComponentInfo = ComponentInfo {
    name: "peer_mentoring",
    summary: "older or trained peers mentor students",
    seed: "seed 000 §4.2",
    channel: "peer support and social competence",
    unit: OfferUnit::Class,
    schedule: Schedule::SchoolWeeks,
    defaults: Defaults {
        frequency: 1.0,
        cost_per_student: 10.0,
        teacher_hours_per_student: 1.0,
        ..Defaults::USUAL
    },
    loadings: &[Loading::unit(Lever::Mentoring)],
};
