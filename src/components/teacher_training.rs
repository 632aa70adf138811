//! Teacher training in family engagement (seed 000 §4.3 ref [9]; seed 003).
//!
//! Channel: quality of every home-school contact and teacher support; trust.

use super::{ComponentInfo, Defaults, Lever, Loading, OfferUnit, Schedule};

/// Registry entry of this component.
pub const INFO: ComponentInfo = ComponentInfo {
    name: "teacher_training",
    summary: "teacher training in family engagement",
    seed: "seed 000 §4.3 ref [9]; seed 003",
    channel: "quality of every home-school contact and teacher support; trust",
    unit: OfferUnit::Class,
    schedule: Schedule::SchoolWeeks,
    defaults: Defaults {
        frequency: 1.0,
        cost_per_student: 10.0,
        teacher_hours_per_student: 1.0,
        fidelity: 0.9,
        ..Defaults::USUAL
    },
    loadings: &[Loading::unit(Lever::TeacherTraining)],
};
