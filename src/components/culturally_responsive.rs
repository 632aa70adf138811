//! Culturally responsive practice with families (seed 003; seed 001).
//!
//! Channel: cultural fit: closes the trust gap of minority families.

use super::{ComponentInfo, Defaults, Lever, Loading, OfferUnit, Schedule};

/// Registry entry of this component.
pub const INFO: ComponentInfo = ComponentInfo {
    name: "culturally_responsive",
    summary: "culturally responsive practice with families",
    seed: "seed 003; seed 001",
    channel: "cultural fit: closes the trust gap of minority families",
    unit: OfferUnit::Class,
    schedule: Schedule::SchoolWeeks,
    defaults: Defaults {
        frequency: 1.0,
        cost_per_student: 5.0,
        teacher_hours_per_student: 0.5,
        fidelity: 0.9,
        ..Defaults::USUAL
    },
    loadings: &[Loading::unit(Lever::Cultural)],
};
