//! What a population is drawn from: `[population]` (who is simulated) and
//! `[traits]` (the starting distributions of students, families and teachers).

use serde::{Deserialize, Serialize};

use super::district::{DistrictSchool, MAX_DISTRICT_SCHOOLS, SchoolPlan, check_left_behind_sum};
use crate::problem::{Message, Problem, check_range};

/// `[population]`: who is simulated (the microsystems and their mix).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PopulationSpec {
    /// Number of schools; each school has its own community.
    pub schools: u32,
    /// Classes in each school; each class has one teacher.
    pub classes_per_school: u32,
    /// Students in each class.
    pub class_size: u32,
    /// Share of schools that are rural (the first `round(share × schools)` schools).
    pub rural_share: f32,
    /// Share of students from a minority (culturally marginalised) group.
    pub minority_share: f32,
    /// Share of students who are girls.
    pub female_share: f32,
    /// Grades the classes cycle through (7–9 is lower secondary).
    pub grades: Vec<u32>,
    /// Share of rural students with one migrant parent away.
    pub left_behind_one_parent: f32,
    /// Share of rural students with both parents away (grandparent care).
    pub left_behind_both_parents: f32,
    /// Left-behind shares in urban schools relative to rural schools.
    pub urban_left_behind_ratio: f32,
    /// Mean number of friends each student names inside the class.
    pub friends_per_student: f32,
    /// A CSV file of the district's real schools (relative to the scenario
    /// file), read when the scenario is loaded; its schools replace
    /// `schools`, `classes_per_school`, `class_size`, `rural_share`,
    /// `minority_share` and the left-behind shares.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    /// The district's schools as read from `district` (the resolved scenario
    /// carries them, so a results folder reproduces without the CSV file).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub district_schools: Vec<DistrictSchool>,
}

impl Default for PopulationSpec {
    fn default() -> Self {
        PopulationSpec {
            schools: 4,
            classes_per_school: 3,
            class_size: 40,
            rural_share: 0.5,
            minority_share: 0.10,
            female_share: 0.49,
            grades: vec![7, 8, 9],
            left_behind_one_parent: 0.20,
            left_behind_both_parents: 0.15,
            urban_left_behind_ratio: 0.2,
            friends_per_student: 4.0,
            district: None,
            district_schools: Vec::new(),
        }
    }
}

/// Hard cap on the students one scenario may ask for.
pub const MAX_STUDENTS: u64 = 20_000_000;

/// Most students one class may hold.
pub const MAX_CLASS_SIZE: u32 = 500;

/// Most classes one school may have (the largest schools have a few hundred).
pub const MAX_CLASSES_PER_SCHOOL: u32 = 1_000;

impl PopulationSpec {
    /// Whether the schools come from a district file.
    pub fn is_district(&self) -> bool {
        !self.district_schools.is_empty()
    }

    /// Number of students the scenario asks for.
    pub fn students(&self) -> u64 {
        if self.is_district() {
            return self.district_schools.iter().map(|s| s.students()).sum();
        }
        self.schools as u64 * self.classes_per_school as u64 * self.class_size as u64
    }

    /// Number of classes.
    pub fn classes(&self) -> u64 {
        if self.is_district() {
            return self.district_schools.iter().map(|s| s.classes as u64).sum();
        }
        self.schools as u64 * self.classes_per_school as u64
    }

    /// Number of schools.
    pub fn school_count(&self) -> u64 {
        if self.is_district() {
            return self.district_schools.len() as u64;
        }
        self.schools as u64
    }

    /// The size of every class, in the order the synthesis builds them.
    pub fn class_sizes(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.school_count() as usize).flat_map(move |s| {
            let plan = self.plan(s);
            std::iter::repeat_n(plan.class_size, plan.classes as usize)
        })
    }

    /// School `s` as the synthesis builds it: a district file's row, or
    /// `[population]`'s averages (the first `round(rural_share × schools)`
    /// schools rural; urban left-behind shares scaled by
    /// `urban_left_behind_ratio`; the counsellor drawn).
    pub(crate) fn plan(&self, s: usize) -> SchoolPlan {
        if let Some(school) = self.district_schools.get(s) {
            return school.into();
        }
        let n_rural = (self.rural_share * self.schools as f32).round() as usize;
        let rural = s < n_rural;
        let lb_scale = if rural {
            1.0
        } else {
            self.urban_left_behind_ratio
        };
        SchoolPlan {
            rural,
            classes: self.classes_per_school,
            class_size: self.class_size,
            one_parent: self.left_behind_one_parent * lb_scale,
            both_parents: self.left_behind_both_parents * lb_scale,
            minority_share: self.minority_share,
            low_income_share: None,
            counsellor: None,
        }
    }

    /// Problems of a district's schools.
    fn validate_district(&self, out: &mut Vec<Problem>) {
        if self.district_schools.len() > MAX_DISTRICT_SCHOOLS {
            out.push(Problem::new(
                "population.district_schools",
                Message::new("problem-schools").arg("count", self.district_schools.len()),
                Message::new("valid-district-schools").arg("max", MAX_DISTRICT_SCHOOLS),
            ));
        }
        for (i, school) in self.district_schools.iter().enumerate() {
            school.validate(&format!("population.district_schools.{i}"), out);
        }
        if let Some((i, s)) = self.district_schools.iter().enumerate().find(|(i, s)| {
            self.district_schools[..*i]
                .iter()
                .any(|t| t.school == s.school)
        }) {
            out.push(Problem::new(
                format!("population.district_schools.{i}.school"),
                Message::new("problem-listed-twice").arg("name", &s.school),
                Message::new("valid-school-once"),
            ));
        }
        if self.students() > MAX_STUDENTS {
            out.push(Problem::new(
                "population.district_schools",
                Message::new("problem-district-students").arg("students", self.students()),
                Message::new("valid-students").arg("max", MAX_STUDENTS),
            ));
        }
    }

    pub(crate) fn validate(&self, out: &mut Vec<Problem>) {
        let unread = !out.iter().any(|p| p.key == "population.district");
        if self.district.is_some() && !self.is_district() && unread {
            out.push(Problem::new(
                "population.district",
                Message::new("problem-district-unread"),
                Message::new("valid-district-file"),
            ));
        }
        if self.is_district() {
            self.validate_district(out);
        }
        for (key, v) in [
            ("schools", self.schools),
            ("classes_per_school", self.classes_per_school),
            ("class_size", self.class_size),
        ] {
            if v == 0 {
                out.push(Problem::new(
                    format!("population.{key}"),
                    Message::new("problem-at-least-1"),
                    Message::new("valid-whole-1-or-more"),
                ));
            }
        }
        let mut absurd = false;
        if self.class_size > MAX_CLASS_SIZE {
            absurd = true;
            out.push(Problem::new(
                "population.class_size",
                Message::new("problem-class-size").arg("size", self.class_size),
                Message::new("valid-whole-range")
                    .arg("lo", 1)
                    .arg("hi", MAX_CLASS_SIZE),
            ));
        }
        if self.classes_per_school > MAX_CLASSES_PER_SCHOOL {
            absurd = true;
            out.push(Problem::new(
                "population.classes_per_school",
                Message::new("problem-classes").arg("classes", self.classes_per_school),
                Message::new("valid-whole-range")
                    .arg("lo", 1)
                    .arg("hi", MAX_CLASSES_PER_SCHOOL),
            ));
        }
        if self.schools as u64 > MAX_STUDENTS {
            absurd = true;
            out.push(Problem::new(
                "population.schools",
                Message::new("problem-too-many-schools")
                    .arg("schools", self.schools)
                    .arg("max", MAX_STUDENTS),
                Message::new("valid-schools")
                    .with(
                        "range",
                        Message::new("valid-whole-range")
                            .arg("lo", 1)
                            .arg("hi", MAX_STUDENTS),
                    )
                    .arg("max", MAX_STUDENTS),
            ));
        }
        // The product is refused only when every number is plausible on its
        // own: otherwise the absurd number is the problem, named above.
        if !absurd && self.students() > MAX_STUDENTS {
            out.push(Problem::new(
                "population",
                Message::new("problem-too-many-students")
                    .arg("schools", self.schools)
                    .arg("classes", self.classes_per_school)
                    .arg("size", self.class_size)
                    .arg("students", self.students()),
                Message::new("valid-students").arg("max", MAX_STUDENTS),
            ));
        }
        for (key, v) in [
            ("rural_share", self.rural_share),
            ("minority_share", self.minority_share),
            ("female_share", self.female_share),
            ("left_behind_one_parent", self.left_behind_one_parent),
            ("left_behind_both_parents", self.left_behind_both_parents),
            ("urban_left_behind_ratio", self.urban_left_behind_ratio),
        ] {
            check_range(out, format!("population.{key}"), v, 0.0, 1.0);
        }
        check_left_behind_sum(
            out,
            "population.left_behind_both_parents".into(),
            self.left_behind_one_parent,
            self.left_behind_both_parents,
        );
        check_range(
            out,
            "population.friends_per_student".into(),
            self.friends_per_student,
            0.0,
            20.0,
        );
        if self.grades.is_empty() {
            out.push(Problem::new(
                "population.grades",
                Message::new("problem-no-grades"),
                Message::new("valid-grades"),
            ));
        }
        if let Some((i, g)) = self
            .grades
            .iter()
            .enumerate()
            .find(|(i, g)| self.grades[..*i].contains(g))
        {
            out.push(Problem::new(
                format!("population.grades.{i}"),
                Message::new("problem-grade-twice").arg("grade", g),
                Message::new("valid-grade-once"),
            ));
        }
        if let Some(g) = self.grades.iter().find(|g| !(1..=12).contains(*g)) {
            out.push(Problem::new(
                "population.grades",
                Message::new("problem-no-such-grade").arg("grade", g),
                Message::new("valid-grade-range"),
            ));
        }
    }
}

/// A distribution of a trait on the 0–1 scale, given by mean and SD (drawn as a Beta).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dist {
    /// Mean, strictly between 0 and 1.
    pub mean: f32,
    /// Standard deviation, 0 (everyone alike) up to below √(mean·(1 − mean)).
    pub sd: f32,
}

impl Dist {
    const fn new(mean: f32, sd: f32) -> Self {
        Dist { mean, sd }
    }

    fn validate(&self, key: &str, out: &mut Vec<Problem>) {
        check_range(out, format!("{key}.mean"), self.mean, 0.001, 0.999);
        let max_sd = (self.mean * (1.0 - self.mean)).max(0.0).sqrt() * 0.95;
        check_range(out, format!("{key}.sd"), self.sd, 0.0, max_sd);
    }
}

macro_rules! traits_section {
    ($( $(#[doc = $doc:literal])* $field:ident = ($mean:literal, $sd:literal), $src:literal; )*) => {
        /// `[traits]`: starting distributions of students, families and teachers (0–1 scales).
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(default, deny_unknown_fields)]
        pub struct Traits {
            $( $(#[doc = $doc])* pub $field: Dist, )*
            /// Shift of minority families' mean trust in school (the trust gap).
            pub minority_trust_shift: f32,
            /// Shift of rural families' mean SES.
            pub rural_ses_shift: f32,
        }

        impl Default for Traits {
            fn default() -> Self {
                Traits {
                    $( $field: Dist::new($mean, $sd), )*
                    minority_trust_shift: -0.20,
                    rural_ses_shift: -0.15,
                }
            }
        }

        impl Traits {
            /// Name, mean, SD, meaning and source of every trait distribution.
            pub const DOCS: &'static [(&'static str, f32, f32, &'static str, &'static str)] = &[
                $( (stringify!($field), $mean, $sd, concat!($($doc),*), $src), )*
            ];

            pub(crate) fn validate(&self, out: &mut Vec<Problem>) {
                $( self.$field.validate(concat!("traits.", stringify!($field)), out); )*
                check_range(out, "traits.minority_trust_shift".into(), self.minority_trust_shift, -1.0, 1.0);
                check_range(out, "traits.rural_ses_shift".into(), self.rural_ses_shift, -1.0, 1.0);
            }

            /// Mutable access to `name.mean` / `name.sd` or a shift, for sweeps.
            pub fn get_mut(&mut self, name: &str, part: Option<&str>) -> Option<&mut f32> {
                match (name, part) {
                    $( (stringify!($field), Some("mean")) => Some(&mut self.$field.mean),
                       (stringify!($field), Some("sd")) => Some(&mut self.$field.sd), )*
                    ("minority_trust_shift", None) => Some(&mut self.minority_trust_shift),
                    ("rural_ses_shift", None) => Some(&mut self.rural_ses_shift),
                    _ => None,
                }
            }
        }
    };
}

traits_section! {
    /// Student self-efficacy set point.
    self_efficacy = (0.55, 0.12), "seed 000 §2.2 (components of resilience)";
    /// Student hope / optimism set point.
    hope = (0.55, 0.12), "seed 000 §2.2";
    /// Student emotion-regulation set point.
    emotion_regulation = (0.50, 0.12), "seed 000 §2.2";
    /// Student social-competence set point.
    social_competence = (0.55, 0.12), "seed 000 §2.2";
    /// Student academic-engagement set point.
    academic_engagement = (0.55, 0.15), "Smith et al. (2020)";
    /// Student extraversion (0 = introvert, 1 = extravert).
    extraversion = (0.50, 0.20), "seed 000 §2.3";
    /// Student stress reactivity (temperament): incoming stress is multiplied by 2 × reactivity, so 0.5 is average.
    reactivity = (0.50, 0.10), "seed 000 §2.3 (individual differences in how students respond to stress: personality); sd assumption: with the chronic strain it sets the trait share of symptom stability (Garrison et al. 1990: about a quarter)";
    /// Student distress at the start of the burn-in.
    distress = (0.25, 0.10), "warm start near usual practice's steady state (Tang et al. 2019: 24 % screen positive)";
    /// Family warmth.
    warmth = (0.65, 0.15), "seed 000 §3.1";
    /// Caregivers' skill at modelling emotion regulation.
    modelling_skill = (0.50, 0.15), "seed 000 §3.2";
    /// Caregivers' time available for the child and the school.
    time_available = (0.70, 0.20), "seed 001 (busy schedules lower uptake)";
    /// Family socio-economic status.
    ses = (0.50, 0.20), "assumption";
    /// Family trust in the school.
    trust = (0.65, 0.15), "seed 003";
    /// Parents' self-efficacy.
    parent_efficacy = (0.55, 0.15), "seed 003";
    /// Teacher warmth and family-engagement skill.
    teacher_skill = (0.55, 0.15), "seed 000 §4.3 ref [9]";
}
