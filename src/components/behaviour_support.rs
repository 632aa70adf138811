//! Parent training in behaviour support: reinforcement and goal setting at home (seed 001; seed 000 §3.3).
//!
//! Channel: self-efficacy through mastery experiences.

use super::{ComponentInfo, Defaults, Lever, Loading, OfferUnit, Schedule};

/// Registry entry of this component.
pub const INFO: ComponentInfo = ComponentInfo {
    name: "behaviour_support",
    summary: "parent training in behaviour support: reinforcement and goal setting at home",
    seed: "seed 001; seed 000 §3.3",
    channel: "self-efficacy through mastery experiences",
    unit: OfferUnit::Family,
    schedule: Schedule::EveryWeek,
    defaults: Defaults {
        frequency: 0.5,
        cost_per_student: 60.0,
        teacher_hours_per_student: 2.0,
        ..Defaults::USUAL
    },
    loadings: &[Loading::unit(Lever::Behaviour)],
};
