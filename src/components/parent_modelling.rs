//! Home-based programme training parents to model emotion regulation and coping (seed 001; seed 000 §4.1).
//!
//! Channel: social learning (parents' modelling) and family support.

use super::{ComponentInfo, Defaults, Lever, Loading, OfferUnit, Schedule, When};

/// Registry entry of this component.
pub const INFO: ComponentInfo = ComponentInfo {
    name: "parent_modelling",
    summary: "home-based programme training parents to model emotion regulation and coping",
    seed: "seed 001; seed 000 §4.1",
    channel: "social learning (parents' modelling) and family support",
    unit: OfferUnit::Family,
    schedule: Schedule::EveryWeek,
    defaults: Defaults {
        frequency: 1.0,
        cost_per_student: 60.0,
        teacher_hours_per_student: 2.0,
        ..Defaults::USUAL
    },
    loadings: &[
        Loading::unit(Lever::Modelling),
        Loading::param(
            Lever::TwoWay,
            When::Always,
            "parent_modelling_two_way",
            0.15,
            [0.0, 5.0],
            "Two-way home–school contact per unit of dose of the modelling programme (sessions bring parents and school together).",
            "seed 001; assumption for the size",
        ),
    ],
};
