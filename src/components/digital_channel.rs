//! App, messages and video calls between school, carers and migrant parents (seed 000 §3.1; seed 002 §2.3).
//!
//! Channel: information flow; remote contact of migrant parents.

use super::{ComponentInfo, Defaults, Lever, Loading, OfferUnit, Schedule, When};

/// Registry entry of this component.
pub const INFO: ComponentInfo = ComponentInfo {
    name: "digital_channel",
    summary: "app, messages and video calls between school, carers and migrant parents",
    seed: "seed 000 §3.1; seed 002 §2.3",
    channel: "information flow; remote contact of migrant parents",
    unit: OfferUnit::Family,
    schedule: Schedule::EveryWeek,
    defaults: Defaults {
        frequency: 2.0,
        cost_per_student: 12.0,
        teacher_hours_per_student: 2.0,
        fidelity: 0.85,
        ..Defaults::USUAL
    },
    loadings: &[
        Loading::param(
            Lever::Info,
            When::Always,
            "digital_channel_info",
            0.35,
            [0.0, 5.0],
            "Information about the student reaching an adult per unit of dose of the digital channel.",
            "seed 000 §3.1; assumption for the size",
        ),
        Loading::param(
            Lever::Contact,
            When::Always,
            "digital_channel_contact",
            0.25,
            [0.0, 5.0],
            "Home–school contact per unit of dose of the digital channel (two-way or one-way as the `two_way` setting says).",
            "seed 000 §3.1; assumption for the size",
        ),
        Loading::param(
            Lever::Remote,
            When::LeftBehind,
            "digital_channel_remote",
            0.5,
            [0.0, 5.0],
            "Remote contact with migrant parents per unit of dose, for left-behind students.",
            "seed 002 §2.3 (video calls with absent parents); assumption for the size",
        ),
    ],
};
