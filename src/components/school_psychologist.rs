//! School psychologist or counsellor: screening and treatment (seed 003; seed 002 §1.2.2).
//!
//! Channel: screening (detection) and joint care.

use super::{ComponentInfo, Defaults, Lever, Loading, OfferUnit, Schedule};

/// Registry entry of this component.
pub const INFO: ComponentInfo = ComponentInfo {
    name: "school_psychologist",
    summary: "school psychologist or counsellor: screening and treatment",
    seed: "seed 003; seed 002 §1.2.2",
    channel: "screening (detection) and joint care",
    unit: OfferUnit::School,
    schedule: Schedule::SchoolWeeks,
    defaults: Defaults {
        frequency: 1.0,
        cost_per_student: 40.0,
        teacher_hours_per_student: 0.5,
        ..Defaults::USUAL
    },
    loadings: &[Loading::unit(Lever::Screening)],
};
