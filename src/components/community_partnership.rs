//! School-family-community partnership (the tripartite system) (seed 002 §2.5).
//!
//! Channel: community support and lower community risk.

use super::{ComponentInfo, Defaults, Lever, Loading, OfferUnit, Schedule};

/// Registry entry of this component.
pub const INFO: ComponentInfo = ComponentInfo {
    name: "community_partnership",
    summary: "school-family-community partnership (the tripartite system)",
    seed: "seed 002 §2.5",
    channel: "community support and lower community risk",
    unit: OfferUnit::School,
    schedule: Schedule::EveryWeek,
    defaults: Defaults {
        frequency: 1.0,
        cost_per_student: 20.0,
        teacher_hours_per_student: 0.5,
        ..Defaults::USUAL
    },
    loadings: &[Loading::unit(Lever::Partnership)],
};
