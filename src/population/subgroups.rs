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
    Subgroup {
        name: "female",
        meaning: "girls",
    },
    Subgroup {
        name: "male",
        meaning: "boys",
    },
];

/// A gap between two subgroups that equity results follow: does a
/// strategy help the group more or less than the reference?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EquityGap {
    /// Name in `equity.csv`.
    pub name: &'static str,
    /// The group of concern (a [`SUBGROUPS`] name).
    pub group: &'static str,
    /// The group it is compared with (a [`SUBGROUPS`] name).
    pub reference: &'static str,
}

/// Every gap `equity.csv` reports, in output order: the comparisons the
/// seeds single out (left-behind children, rural schools, minority and
/// low-trust families; seed 001's trust gap is low-trust against all) and
/// the sex gap in adolescent depression.
pub const EQUITY_GAPS: &[EquityGap] = &[
    EquityGap {
        name: "left_behind_vs_not_left_behind",
        group: "left_behind",
        reference: "not_left_behind",
    },
    EquityGap {
        name: "rural_vs_urban",
        group: "rural",
        reference: "urban",
    },
    EquityGap {
        name: "minority_vs_majority",
        group: "minority",
        reference: "majority",
    },
    EquityGap {
        name: "low_trust_vs_all",
        group: "low_trust",
        reference: "all",
    },
    EquityGap {
        name: "female_vs_male",
        group: "female",
        reference: "male",
    },
];

/// Index in [`SUBGROUPS`] of the subgroup named `name`.
pub fn subgroup_index(name: &str) -> Option<usize> {
    SUBGROUPS.iter().position(|s| s.name == name)
}

/// Trust below which a family counts as low-trust (subgroup and target group).
pub const LOW_TRUST: f32 = 0.45;

/// Number of atoms: the finest cells subgroups are made of
/// (rural/urban × left-behind type × minority/majority × low/other trust ×
/// girl/boy).
pub const ATOMS: usize = 48;

/// The atom of a student: every subgroup is a union of atoms, so outcomes can
/// be summed once per atom and then spread to subgroups.
pub fn atom(s: &Student, f: &Family) -> u8 {
    let lb = match s.left_behind {
        LeftBehind::None => 0,
        LeftBehind::OneParent => 1,
        LeftBehind::BothParents => 2,
    };
    (s.rural as u8)
        + 2 * lb
        + 6 * (s.minority as u8)
        + 12 * ((f.trust0 < LOW_TRUST) as u8)
        + 24 * (s.female as u8)
}

/// The subgroup mask of every student in an atom.
pub fn atom_mask(atom: u8) -> u16 {
    let rural = atom & 1 == 1;
    let lb = (atom / 2) % 3;
    let minority = (atom / 6) % 2 == 1;
    let low_trust = (atom / 12) % 2 == 1;
    let female = atom / 24 == 1;
    let flags = [
        true,
        rural,
        !rural,
        lb != 0,
        lb == 0,
        lb == 1,
        lb == 2,
        minority,
        !minority,
        low_trust,
        female,
        !female,
    ];
    flags
        .iter()
        .enumerate()
        .fold(0u16, |m, (i, &on)| m | ((on as u16) << i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_equity_gap_names_two_different_subgroups() {
        for gap in EQUITY_GAPS {
            let (a, b) = (subgroup_index(gap.group), subgroup_index(gap.reference));
            assert!(a.is_some() && b.is_some(), "{}", gap.name);
            assert_ne!(a, b, "{}", gap.name);
        }
        assert_eq!(subgroup_index("no such group"), None);
    }
}
