//! A district's real schools (`[population] district = "schools.csv"`): one
//! row per school, so a planner models their own county instead of the
//! synthetic averages of `[population]`.
//!
//! The file is read by the scenario layer (`scenario::district`); this
//! module holds what a school *is* and how the synthesis uses it.

use serde::{Deserialize, Serialize};

use crate::problem::{Message, Problem, check_range};

/// Most schools a district file may list (a Chinese county has tens to a
/// few hundred; the resolved scenario, which carries them, must stay a
/// readable file).
pub const MAX_DISTRICT_SCHOOLS: usize = 2_000;

/// Share of families the `[traits]` SES distribution counts as low-income:
/// its poorest fifth. China's National Bureau of Statistics reports household
/// income by quintile and calls the lowest the low-income group (低收入组),
/// so a school whose `low_income_share` is 0.2 has the reference population's
/// SES distribution.
pub const LOW_INCOME_QUANTILE: f64 = 0.2;

/// Whether a school is rural or urban, as a district file writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Setting {
    /// A rural school (township or village).
    Rural,
    /// An urban school (county town or city).
    Urban,
}

/// One school of a district file: a row of its CSV and an entry of the
/// resolved scenario's `population.district_schools`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DistrictSchool {
    /// The school's name, as the district calls it.
    pub school: String,
    /// Rural or urban: sets community services and risk, teacher training,
    /// academic pressure and the barrier to contact with school.
    pub setting: Setting,
    /// Number of classes (each has one teacher).
    pub classes: u32,
    /// Students in each class.
    pub class_size: u32,
    /// Share of students with one migrant parent away.
    pub left_behind_one_parent: f32,
    /// Share of students with both parents away (grandparent care).
    pub left_behind_both_parents: f32,
    /// Share of students from a minority (culturally marginalised) group.
    pub minority_share: f32,
    /// Share of families in the low-income group (the poorest fifth of the
    /// reference SES distribution, [`LOW_INCOME_QUANTILE`]).
    pub low_income_share: f32,
    /// Whether a counsellor or psychologist works at the school.
    pub counsellor: bool,
}

impl DistrictSchool {
    /// Students in the school.
    pub fn students(&self) -> u64 {
        self.classes as u64 * self.class_size as u64
    }

    /// Problems with this school's numbers; `key` is its place in messages
    /// (e.g. `population.district_schools.3`).
    pub(crate) fn validate(&self, key: &str, out: &mut Vec<Problem>) {
        if self.school.trim().is_empty() {
            out.push(Problem::new(
                format!("{key}.school"),
                Message::new("problem-school-no-name"),
                Message::new("valid-school-name"),
            ));
        }
        for (field, v, max) in [
            ("classes", self.classes, super::MAX_CLASSES_PER_SCHOOL),
            ("class_size", self.class_size, super::MAX_CLASS_SIZE),
        ] {
            if v == 0 || v > max {
                out.push(Problem::new(
                    format!("{key}.{field}"),
                    Message::new("problem-out-of-range").arg("value", v),
                    Message::new("valid-whole-range")
                        .arg("lo", 1)
                        .arg("hi", max),
                ));
            }
        }
        for (field, v) in [
            ("left_behind_one_parent", self.left_behind_one_parent),
            ("left_behind_both_parents", self.left_behind_both_parents),
            ("minority_share", self.minority_share),
            ("low_income_share", self.low_income_share),
        ] {
            check_range(out, format!("{key}.{field}"), v, 0.0, 1.0);
        }
        check_left_behind_sum(
            out,
            format!("{key}.left_behind_both_parents"),
            self.left_behind_one_parent,
            self.left_behind_both_parents,
        );
    }
}

/// Refuses left-behind shares (one parent, both parents) that sum to more
/// than 1, reported at `key`.
pub(crate) fn check_left_behind_sum(out: &mut Vec<Problem>, key: String, one: f32, both: f32) {
    let lb = one + both;
    if lb > 1.0 + 1e-6 {
        out.push(Problem::new(
            key,
            Message::new("problem-left-behind-sum").arg("sum", lb),
            Message::new("valid-left-behind-sum"),
        ));
    }
}

/// What the synthesis needs to know about one school, whether it comes from
/// a district file or from `[population]`'s averages.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct SchoolPlan {
    /// Whether the school is rural.
    pub rural: bool,
    /// Number of classes.
    pub classes: u32,
    /// Students in each class.
    pub class_size: u32,
    /// Chance a student has one parent away (before household-registration reform).
    pub one_parent: f32,
    /// Chance a student has both parents away (before household-registration reform).
    pub both_parents: f32,
    /// Chance a student is from the minority group.
    pub minority_share: f32,
    /// Share of low-income families, when the school's is known.
    pub low_income_share: Option<f32>,
    /// Whether the school has a counsellor, when known (else drawn).
    pub counsellor: Option<bool>,
}

impl From<&DistrictSchool> for SchoolPlan {
    fn from(s: &DistrictSchool) -> Self {
        SchoolPlan {
            rural: s.setting == Setting::Rural,
            classes: s.classes,
            class_size: s.class_size,
            one_parent: s.left_behind_one_parent,
            both_parents: s.left_behind_both_parents,
            minority_share: s.minority_share,
            low_income_share: Some(s.low_income_share),
            counsellor: Some(s.counsellor),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::ModelParams;
    use crate::population::{Population, PopulationSpec, Traits};

    fn school(name: &str, setting: Setting, low_income: f32, counsellor: bool) -> DistrictSchool {
        DistrictSchool {
            school: name.into(),
            setting,
            classes: 40,
            class_size: 50,
            left_behind_one_parent: 0.3,
            left_behind_both_parents: 0.2,
            minority_share: 0.1,
            low_income_share: low_income,
            counsellor,
        }
    }

    /// Share of a school's families whose SES lies below the reference
    /// population's low-income line.
    fn below_line(pop: &Population, school: u32, line: f32) -> f64 {
        let members: Vec<usize> = (0..pop.len())
            .filter(|&i| pop.students[i].school == school)
            .collect();
        let low = members
            .iter()
            .filter(|&&i| pop.families[i].ses < line)
            .count();
        low as f64 / members.len() as f64
    }

    #[test]
    fn a_district_school_has_its_own_size_setting_counsellor_and_poverty() {
        let spec = PopulationSpec {
            district: Some("d.csv".into()),
            district_schools: vec![
                school("A", Setting::Urban, 0.2, false),
                school("B", Setting::Urban, 0.6, true),
                school("C", Setting::Rural, 0.2, false),
            ],
            ..PopulationSpec::default()
        };
        let traits = Traits::default();
        let pop = Population::synthesize(&spec, &traits, &ModelParams::default(), 7);
        assert_eq!(pop.len(), 3 * 2_000);
        assert_eq!(pop.classes.len(), 120);
        assert!(pop.classes.iter().all(|c| c.size == 50));
        let flags: Vec<(bool, bool)> = pop
            .schools
            .iter()
            .map(|s| (s.rural, s.counsellor))
            .collect();
        assert_eq!(flags, [(false, false), (false, true), (true, false)]);
        // The line below which the poorest fifth of a synthetic urban
        // population (the `[traits]` SES distribution, unshifted) lies.
        let synthetic = PopulationSpec {
            rural_share: 0.0,
            schools: 20,
            ..PopulationSpec::default()
        };
        let reference = Population::synthesize(&synthetic, &traits, &ModelParams::default(), 8);
        let mut reference: Vec<f32> = reference.families.iter().map(|f| f.ses).collect();
        reference.sort_by(f32::total_cmp);
        let line = reference[reference.len() / 5];
        let a = below_line(&pop, 0, line);
        let b = below_line(&pop, 1, line);
        assert!((a - 0.2).abs() < 0.03, "school A: {a}");
        assert!((b - 0.6).abs() < 0.04, "school B: {b}");
        // Left-behind shares are the school's own (30 % + 20 %), not scaled
        // down as synthetic urban schools are.
        let away = (0..2_000)
            .filter(|&i| pop.students[i].left_behind.is_left_behind())
            .count() as f64
            / 2_000.0;
        assert!((away - 0.5).abs() < 0.04, "left-behind share {away}");
    }
}
