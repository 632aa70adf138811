//! Subgroups that results are reported for.

use super::{Family, LeftBehind, Student};

/// A reporting subgroup of students.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subgroup {
    /// Name in output files.
    pub name: &'static str,
    /// What it holds.
    pub meaning: &'static str,
}

/// Every subgroup, in output order; bit `i` of [`super::Student::groups`] is
/// membership of `SUBGROUPS[i]`.
pub const SUBGROUPS: &[Subgroup] = &[
    Subgroup {
        name: "all",
        meaning: "every student",
    },
    Subgroup {
        name: "rural",
        meaning: "students in rural schools",
    },
    Subgroup {
        name: "urban",
        meaning: "students in urban schools",
    },
    Subgroup {
        name: "left_behind",
        meaning: "one or both parents work away",
    },
    Subgroup {
        name: "not_left_behind",
        meaning: "both parents at home",
    },
    Subgroup {
        name: "one_parent",
        meaning: "one parent works away",
    },
    Subgroup {
        name: "both_parents",
        meaning: "both parents away, grandparent care",
    },
    Subgroup {
        name: "minority",
        meaning: "minority-group students",
    },
    Subgroup {
        name: "majority",
        meaning: "majority-group students",
    },
    Subgroup {
        name: "low_trust",
        meaning: "families starting with trust in school below 0.45",
    },
];

/// Trust below which a family counts as low-trust (subgroup and target group).
pub const LOW_TRUST: f32 = 0.45;

/// The subgroup mask of a student.
pub fn mask(s: &Student, f: &Family) -> u16 {
    let flags = [
        true,
        s.rural,
        !s.rural,
        s.left_behind.is_left_behind(),
        !s.left_behind.is_left_behind(),
        s.left_behind == LeftBehind::OneParent,
        s.left_behind == LeftBehind::BothParents,
        s.minority,
        !s.minority,
        f.trust0 < LOW_TRUST,
    ];
    flags
        .iter()
        .enumerate()
        .fold(0u16, |m, (i, &on)| m | ((on as u16) << i))
}
