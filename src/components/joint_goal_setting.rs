//! Teacher and parents set realistic goals together and monitor progress (seed 001; seed 000 §4.3; seed 003).
//!
//! Channel: self-efficacy via mastery, detection, home-school alignment.

use super::{ComponentInfo, Defaults, Lever, Loading, OfferUnit, Schedule, When};

/// Registry entry of this component.
pub const INFO: ComponentInfo = ComponentInfo {
    name: "joint_goal_setting",
    summary: "teacher and parents set realistic goals together and monitor progress",
    seed: "seed 001; seed 000 §4.3; seed 003",
    channel: "self-efficacy via mastery, detection, home-school alignment",
    unit: OfferUnit::Family,
    schedule: Schedule::SchoolWeeks,
    defaults: Defaults {
        frequency: 0.5,
        cost_per_student: 30.0,
        teacher_hours_per_student: 4.0,
        ..Defaults::USUAL
    },
    loadings: &[
        Loading::unit(Lever::Goals),
        Loading::param(
            Lever::Info,
            When::Always,
            "joint_goal_setting_info",
            0.2,
            [0.0, 5.0],
            "Information about the student reaching an adult per unit of dose of joint goal setting (progress monitoring).",
            "seed 000 §4.3; seed 003; assumption for the size",
        ),
        Loading::param(
            Lever::TwoWay,
            When::Always,
            "joint_goal_setting_two_way",
            0.3,
            [0.0, 5.0],
            "Two-way home–school contact per unit of dose of joint goal setting.",
            "seed 001; seed 003; assumption for the size",
        ),
    ],
};
