//! The population's constant traits as columns, one array per trait, built
//! once per population: what the weekly step reads of students, families,
//! classes and schools, laid out so that a lane of consecutive students is
//! one contiguous load (no gather through per-student structs).

use super::{Class, Family, LeftBehind, School, Student};

/// The constant traits the weekly step reads, one array per trait:
/// per student (indexed like [`Population::students`](super::Population))
/// and per class (school traits copied to each of its classes).
#[derive(Debug, Clone, Default)]
pub struct TraitColumns {
    /// Extraversion of every student.
    pub extraversion: Vec<f32>,
    /// Stress reactivity of every student.
    pub reactivity: Vec<f32>,
    /// Self-efficacy set point of every student.
    pub self_efficacy0: Vec<f32>,
    /// Hope set point of every student.
    pub hope0: Vec<f32>,
    /// Emotion-regulation set point of every student.
    pub emotion_regulation0: Vec<f32>,
    /// Social-competence set point of every student.
    pub social_competence0: Vec<f32>,
    /// Academic-engagement set point of every student.
    pub academic_engagement0: Vec<f32>,
    /// 1 for a girl, 0 for a boy.
    pub female: Vec<u8>,
    /// 1 for an ethnic-minority student.
    pub minority: Vec<u8>,
    /// Left-behind status of every student.
    pub left_behind: Vec<LeftBehind>,
    /// Class of every student.
    pub class: Vec<u32>,
    /// Atom of every student (the finest cell of subgroups, see [`ATOMS`](super::ATOMS)).
    pub atom: Vec<u8>,
    /// Caregiver presence of every student's family while migrant parents are away.
    pub presence: Vec<f32>,
    /// 1 when grandparents care for the student while the parents are away.
    pub grandparent_care: Vec<u8>,
    /// Parental warmth.
    pub warmth: Vec<f32>,
    /// Parents' modelling skill.
    pub modelling_skill: Vec<f32>,
    /// Parents' time available.
    pub availability: Vec<f32>,
    /// Family socio-economic status.
    pub ses: Vec<f32>,
    /// Family's trust set point.
    pub trust0: Vec<f32>,
    /// Parents' self-efficacy set point.
    pub parent_efficacy0: Vec<f32>,
    /// Each class's traits and its school's.
    pub classes: ClassColumns,
}

/// Class and school traits per class.
#[derive(Debug, Clone, Default)]
pub struct ClassColumns {
    /// Grade of the class, as a number.
    pub grade: Vec<f32>,
    /// Teacher's skill.
    pub teacher_skill: Vec<f32>,
    /// Teacher's mental-health training.
    pub mh_training: Vec<f32>,
    /// The school's community services.
    pub services: Vec<f32>,
    /// The community's risk.
    pub risk: Vec<f32>,
    /// The school's academic pressure.
    pub pressure: Vec<f32>,
    /// 1 when the school has a counsellor.
    pub counsellor: Vec<f32>,
}

impl TraitColumns {
    /// Bytes the columns hold per student: fourteen `f32` traits, four
    /// one-byte flags and the left-behind arrangement, the class index.
    pub const BYTES_PER_STUDENT: usize =
        14 * size_of::<f32>() + 4 * size_of::<u8>() + size_of::<LeftBehind>() + size_of::<u32>();
    /// Bytes the columns hold per class: seven `f32` traits.
    pub const BYTES_PER_CLASS: usize = 7 * size_of::<f32>();

    /// Bytes the columns hold (every field, so a new column must be
    /// counted here and in [`BYTES_PER_STUDENT`](Self::BYTES_PER_STUDENT)).
    pub fn bytes(&self) -> usize {
        fn b<T>(v: &[T]) -> usize {
            size_of_val(v)
        }
        let TraitColumns {
            extraversion,
            reactivity,
            self_efficacy0,
            hope0,
            emotion_regulation0,
            social_competence0,
            academic_engagement0,
            female,
            minority,
            left_behind,
            class,
            atom,
            presence,
            grandparent_care,
            warmth,
            modelling_skill,
            availability,
            ses,
            trust0,
            parent_efficacy0,
            classes:
                ClassColumns {
                    grade,
                    teacher_skill,
                    mh_training,
                    services,
                    risk,
                    pressure,
                    counsellor,
                },
        } = self;
        [
            b(extraversion),
            b(reactivity),
            b(self_efficacy0),
            b(hope0),
            b(emotion_regulation0),
            b(social_competence0),
            b(academic_engagement0),
            b(female),
            b(minority),
            b(left_behind),
            b(class),
            b(atom),
            b(presence),
            b(grandparent_care),
            b(warmth),
            b(modelling_skill),
            b(availability),
            b(ses),
            b(trust0),
            b(parent_efficacy0),
            b(grade),
            b(teacher_skill),
            b(mh_training),
            b(services),
            b(risk),
            b(pressure),
            b(counsellor),
        ]
        .iter()
        .sum()
    }

    /// The columns of a population's students, families, classes and
    /// schools.
    pub fn of(
        students: &[Student],
        families: &[Family],
        classes: &[Class],
        schools: &[School],
    ) -> TraitColumns {
        let st = |f: fn(&Student) -> f32| students.iter().map(f).collect::<Vec<f32>>();
        let fam = |f: fn(&Family) -> f32| families.iter().map(f).collect::<Vec<f32>>();
        let school = |c: &Class| &schools[c.school as usize];
        TraitColumns {
            extraversion: st(|s| s.extraversion),
            reactivity: st(|s| s.reactivity),
            self_efficacy0: st(|s| s.self_efficacy0),
            hope0: st(|s| s.hope0),
            emotion_regulation0: st(|s| s.emotion_regulation0),
            social_competence0: st(|s| s.social_competence0),
            academic_engagement0: st(|s| s.academic_engagement0),
            female: students.iter().map(|s| s.female as u8).collect(),
            minority: students.iter().map(|s| s.minority as u8).collect(),
            left_behind: students.iter().map(|s| s.left_behind).collect(),
            class: students.iter().map(|s| s.class).collect(),
            atom: students.iter().map(|s| s.atom).collect(),
            presence: fam(|f| f.presence),
            grandparent_care: families.iter().map(|f| f.grandparent_care as u8).collect(),
            warmth: fam(|f| f.warmth),
            modelling_skill: fam(|f| f.modelling_skill),
            availability: fam(|f| f.availability),
            ses: fam(|f| f.ses),
            trust0: fam(|f| f.trust0),
            parent_efficacy0: fam(|f| f.parent_efficacy0),
            classes: ClassColumns {
                grade: classes.iter().map(|c| c.grade as f32).collect(),
                teacher_skill: classes.iter().map(|c| c.teacher_skill).collect(),
                mh_training: classes.iter().map(|c| c.teacher_mh_training).collect(),
                services: classes.iter().map(|c| school(c).services).collect(),
                risk: classes.iter().map(|c| school(c).risk).collect(),
                pressure: classes.iter().map(|c| school(c).pressure).collect(),
                counsellor: classes
                    .iter()
                    .map(|c| school(c).counsellor as u8 as f32)
                    .collect(),
            },
        }
    }
}
