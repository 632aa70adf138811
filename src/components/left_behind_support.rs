//! Files for left-behind children, carer education, regular calls with parents, holiday visits (seed 002 §2.3-2.4).
//!
//! Channel: family support and remote contact of left-behind children.

use super::{ComponentInfo, Defaults, Lever, Loading, OfferUnit, Schedule, Target, When};

/// Registry entry of this component.
pub const INFO: ComponentInfo = ComponentInfo {
    name: "left_behind_support",
    summary: "files for left-behind children, carer education, regular calls with parents, holiday visits",
    seed: "seed 002 §2.3-2.4",
    channel: "family support and remote contact of left-behind children",
    unit: OfferUnit::Family,
    schedule: Schedule::EveryWeek,
    defaults: Defaults {
        frequency: 1.0,
        cost_per_student: 40.0,
        teacher_hours_per_student: 3.0,
        target: Target::LeftBehind,
        ..Defaults::USUAL
    },
    loadings: &[
        Loading::unit(Lever::LeftBehindCare),
        Loading::param(
            Lever::Remote,
            When::Always,
            "left_behind_support_remote",
            0.6,
            [0.0, 5.0],
            "Remote contact with migrant parents per unit of dose of left-behind support (regular calls arranged).",
            "seed 002 §2.3–2.4; assumption for the size",
        ),
        Loading::param(
            Lever::Info,
            When::Always,
            "left_behind_support_info",
            0.2,
            [0.0, 5.0],
            "Information about the student reaching an adult per unit of dose of left-behind support (the child's file).",
            "seed 002 §2.4; assumption for the size",
        ),
    ],
};
