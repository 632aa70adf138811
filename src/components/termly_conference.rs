//! Parent-teacher conference in the calendar's conference weeks, one-way unless two_way = true (seed 000 §4.3; seed 002 §1.2.4).
//!
//! Channel: information flow and trust (little of either when one-way).

use super::{ComponentInfo, Defaults, Lever, Loading, OfferUnit, Schedule, When};

/// Registry entry of this component.
pub const INFO: ComponentInfo = ComponentInfo {
    name: "termly_conference",
    summary: "parent-teacher conference in the calendar's conference weeks, one-way unless two_way = true",
    seed: "seed 000 §4.3; seed 002 §1.2.4",
    channel: "information flow and trust (little of either when one-way)",
    unit: OfferUnit::Family,
    schedule: Schedule::ConferenceWeeks,
    defaults: Defaults {
        frequency: 1.0,
        cost_per_student: 5.0,
        teacher_hours_per_student: 0.5,
        fidelity: 0.9,
        two_way: false,
        ..Defaults::USUAL
    },
    loadings: &[
        Loading::param(
            Lever::Info,
            When::TwoWay,
            "termly_conference_info_two_way",
            1.0,
            [0.0, 5.0],
            "Information about the student reaching the teacher per unit of dose of a two-way conference (the family talks, the teacher listens).",
            "seed 000 §4.3 (two-way talk); assumption for the size",
        ),
        Loading::param(
            Lever::Info,
            When::OneWay,
            "termly_conference_info_one_way",
            0.3,
            [0.0, 5.0],
            "Information about the student reaching the teacher per unit of dose of a one-way conference (a single voice: the teacher reports).",
            "seed 002 §1.2.4 (one-way meetings carry little); assumption for the size",
        ),
        Loading::param(
            Lever::Contact,
            When::Always,
            "termly_conference_contact",
            0.5,
            [0.0, 5.0],
            "Home–school contact per unit of dose (two-way or one-way as the `two_way` setting says).",
            "seed 000 §4.3; assumption for the size",
        ),
    ],
};
