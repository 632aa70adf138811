//! Home-school contact book: a written record both ways, daily or weekly (seed 000 §4.3).
//!
//! Channel: information flow with little lag; two-way contact builds trust and alignment.

use super::{ComponentInfo, Defaults, Lever, Loading, OfferUnit, Schedule, When};

/// Registry entry of this component.
pub const INFO: ComponentInfo = ComponentInfo {
    name: "contact_book",
    summary: "home-school contact book: a written record both ways, daily or weekly",
    seed: "seed 000 §4.3",
    channel: "information flow with little lag; two-way contact builds trust and alignment",
    unit: OfferUnit::Family,
    schedule: Schedule::SchoolWeeks,
    defaults: Defaults {
        frequency: 1.0,
        cost_per_student: 8.0,
        teacher_hours_per_student: 3.0,
        ..Defaults::USUAL
    },
    loadings: &[
        Loading::param(
            Lever::Info,
            When::TwoWay,
            "contact_book_info_two_way",
            0.5,
            [0.0, 5.0],
            "Information about the student reaching an adult who can act per unit of dose of a two-way contact book (families write back).",
            "seed 000 §4.3 (a daily written record both ways); assumption for the size",
        ),
        Loading::param(
            Lever::Info,
            When::OneWay,
            "contact_book_info_one_way",
            0.15,
            [0.0, 5.0],
            "Information about the student reaching an adult who can act per unit of dose of a one-way contact book (school to home only: parents learn about school work, the school learns little about the child).",
            "seed 002 §1.2.4 (one-way contact carries little); assumption for the size",
        ),
        Loading::param(
            Lever::Contact,
            When::Always,
            "contact_book_contact",
            0.4,
            [0.0, 5.0],
            "Home–school contact per unit of dose of a contact book (two-way or one-way as the `two_way` setting says).",
            "seed 000 §4.3; assumption for the size",
        ),
    ],
};
