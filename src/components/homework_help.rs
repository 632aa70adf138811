//! Parents helped to support homework (family literacy) (seed 001).
//!
//! Channel: academic engagement only: no social-emotional effect.

use super::{ComponentInfo, Defaults, Lever, Loading, OfferUnit, Schedule};

/// Registry entry of this component.
pub const INFO: ComponentInfo = ComponentInfo {
    name: "homework_help",
    summary: "parents helped to support homework (family literacy)",
    seed: "seed 001",
    channel: "academic engagement only: no social-emotional effect",
    unit: OfferUnit::Family,
    schedule: Schedule::SchoolWeeks,
    defaults: Defaults {
        frequency: 1.0,
        cost_per_student: 20.0,
        teacher_hours_per_student: 2.0,
        ..Defaults::USUAL
    },
    loadings: &[Loading::unit(Lever::Homework)],
};
