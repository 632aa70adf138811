//! Population synthesis: one replicate's students, families, classes,
//! schools and communities, drawn from the scenario's distributions
//! ([`PopulationSpec`], [`Traits`]) and the exosystem and macrosystem
//! parameters.
//!
//! Every ecological layer of Bronfenbrenner's model appears here as data:
//! the student (individual), family, class/teacher, peers and community
//! (microsystems), school and community resources (exosystem), and
//! household-registration reform (macrosystem). The mesosystem — the link of
//! each family with the school — starts from the family's trust and is then
//! set by the strategy.

mod columns;
mod district;
mod network;
mod spec;
mod subgroups;

use std::sync::atomic::{AtomicBool, Ordering};

use rand::RngExt;
use rand_distr::{Beta, Distribution};

use crate::params::ModelParams;
use crate::rng;

pub use columns::{ClassColumns, TraitColumns};
pub use district::{DistrictSchool, LOW_INCOME_QUANTILE, MAX_DISTRICT_SCHOOLS, Setting};
pub use network::{FRIEND_GROUP, Friendships, NO_FRIEND};
pub use spec::{
    Dist, MAX_CLASS_SIZE, MAX_CLASSES_PER_SCHOOL, MAX_STUDENTS, PopulationSpec, Traits,
};
pub use subgroups::{
    ATOMS, EQUITY_GAPS, EquityGap, LOW_TRUST, SUBGROUPS, Subgroup, atom_mask, subgroup_index,
};

/// Caregiving arrangement of a student's family (seed 002).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeftBehind {
    /// Both parents at home.
    None,
    /// One parent works away.
    OneParent,
    /// Both parents work away; grandparents care for the child.
    BothParents,
}

impl LeftBehind {
    /// Name used in output files.
    pub fn name(self) -> &'static str {
        match self {
            LeftBehind::None => "none",
            LeftBehind::OneParent => "one_parent",
            LeftBehind::BothParents => "both_parents",
        }
    }

    /// Whether any parent is away.
    pub fn is_left_behind(self) -> bool {
        self != LeftBehind::None
    }
}

/// A student: the individual layer's fixed traits and where the student sits
/// in the ecological system. Dynamic traits live in the model's `StudentState`.
#[derive(Debug, Clone)]
pub struct Student {
    /// Index of the class.
    pub class: u32,
    /// Index of the school (and of its community).
    pub school: u32,
    /// School grade.
    pub grade: u8,
    /// Whether the student is a girl.
    pub female: bool,
    /// Whether the school is rural.
    pub rural: bool,
    /// Whether the student belongs to the minority group.
    pub minority: bool,
    /// Caregiving arrangement.
    pub left_behind: LeftBehind,
    /// Extraversion: introverts lean on self-regulation, extraverts on support (seed 000 §2.3).
    pub extraversion: f32,
    /// Stress reactivity (temperament, 0–1; 0.5 is average): incoming stress
    /// is multiplied by `2 × reactivity` (seed 000 §2.3: students differ in
    /// how they respond to stress).
    pub reactivity: f32,
    /// Set point of self-efficacy: where it returns without support.
    pub self_efficacy0: f32,
    /// Set point of hope.
    pub hope0: f32,
    /// Set point of emotion regulation.
    pub emotion_regulation0: f32,
    /// Set point of social competence.
    pub social_competence0: f32,
    /// Set point of academic engagement.
    pub academic_engagement0: f32,
    /// Bit mask of the subgroups the student belongs to.
    pub groups: u16,
    /// The student's atom: the finest cell of subgroups (see [`ATOMS`]).
    pub atom: u8,
}

/// A student's family: the home microsystem.
#[derive(Debug, Clone)]
pub struct Family {
    /// Share of caregiving presence at home (1 with both parents at home).
    pub presence: f32,
    /// Whether grandparents are the carers (both parents away).
    pub grandparent_care: bool,
    /// Warmth of family relations.
    pub warmth: f32,
    /// Caregivers' skill at modelling emotion regulation.
    pub modelling_skill: f32,
    /// Time and energy available for school contact (after rural barriers).
    pub availability: f32,
    /// Socio-economic status.
    pub ses: f32,
    /// Trust in the school at the start: the set point of trust.
    pub trust0: f32,
    /// Parents' self-efficacy at the start.
    pub parent_efficacy0: f32,
}

/// A class and its teacher.
#[derive(Debug, Clone)]
pub struct Class {
    /// Index of the school.
    pub school: u32,
    /// Grade taught.
    pub grade: u8,
    /// First student index.
    pub first: u32,
    /// Number of students.
    pub size: u32,
    /// Teacher warmth and family-engagement skill.
    pub teacher_skill: f32,
    /// Teacher's mental-health training.
    pub teacher_mh_training: f32,
}

/// A school with its community (exosystem resources).
#[derive(Debug, Clone)]
pub struct School {
    /// Whether the school is rural.
    pub rural: bool,
    /// Whether a counsellor or psychologist works at the school.
    pub counsellor: bool,
    /// Community mental-health services (0–1).
    pub services: f32,
    /// Community risk (0–1).
    pub risk: f32,
    /// Multiplier of academic load.
    pub pressure: f32,
}

/// One replicate's synthetic population.
#[derive(Debug, Clone)]
pub struct Population {
    /// Students, contiguous by class.
    pub students: Vec<Student>,
    /// Families, one per student.
    pub families: Vec<Family>,
    /// Classes, contiguous by school.
    pub classes: Vec<Class>,
    /// Schools with their communities.
    pub schools: Vec<School>,
    /// Friendship network inside each class.
    pub friends: Friendships,
    /// Distress of every student at the start of the burn-in (the model
    /// starts every other trait at the student's set point).
    pub initial_distress: Vec<f32>,
    /// The constant traits the weekly step reads, as columns.
    pub columns: TraitColumns,
}

/// The shape parameters of the Beta distribution with `d`'s mean and SD
/// (`None` when everyone has the mean).
fn beta_shape(d: Dist) -> Option<(f32, f32)> {
    if d.sd <= 0.0 {
        return None;
    }
    let m = d.mean.clamp(0.001, 0.999);
    let var = (d.sd * d.sd).min(m * (1.0 - m) * 0.9025);
    let k = m * (1.0 - m) / var - 1.0;
    Some((m * k, (1.0 - m) * k))
}

/// Draws from a 0–1 trait distribution, optionally shifted.
struct Sampler {
    dist: Option<Beta<f32>>,
    /// The Beta's shape parameters, for its quantiles.
    shape: Option<(f32, f32)>,
    mean: f32,
}

impl Sampler {
    fn new(d: Dist) -> Self {
        let shape = beta_shape(d);
        Sampler {
            dist: shape.and_then(|(a, b)| Beta::new(a, b).ok()),
            shape,
            mean: d.mean,
        }
    }

    fn draw<R: rand::Rng + ?Sized>(&self, rng: &mut R, shift: f32) -> f32 {
        let x = match &self.dist {
            Some(b) => b.sample(rng),
            None => self.mean,
        };
        (x + shift).clamp(0.0, 1.0)
    }

    /// The value below which the poorest [`LOW_INCOME_QUANTILE`] of the
    /// distribution lies (`None` when everyone has the mean).
    fn low_income_line(&self) -> Option<f32> {
        use statrs::distribution::ContinuousCDF;
        self.dist.as_ref()?;
        let (a, b) = self.shape?;
        let exact = statrs::distribution::Beta::new(a as f64, b as f64).ok()?;
        Some(exact.inverse_cdf(LOW_INCOME_QUANTILE) as f32)
    }

    /// A draw from the part of the distribution below `line` (`low`) or at
    /// or above it, by rejection (five draws on average below the poorest
    /// fifth's line, 1.25 above it), then shifted.
    fn draw_side<R: rand::Rng + ?Sized>(
        &self,
        rng: &mut R,
        shift: f32,
        line: Option<f32>,
        low: bool,
    ) -> f32 {
        let (Some(b), Some(line)) = (&self.dist, line) else {
            return self.draw(rng, shift);
        };
        let x = loop {
            let x = b.sample(rng);
            if (x < line) == low {
                break x;
            }
        };
        (x + shift).clamp(0.0, 1.0)
    }
}

impl Population {
    /// Synthesises the population of one replicate from the scenario's
    /// `[population]` and `[traits]` and its parameters. Deterministic in
    /// its arguments; the same for every strategy.
    pub fn synthesize(
        spec: &PopulationSpec,
        traits: &Traits,
        params: &ModelParams,
        replicate_key: u64,
    ) -> Population {
        let never = AtomicBool::new(false);
        Population::synthesize_cancellable(spec, traits, params, replicate_key, &never)
            .expect("a flag nobody can set never cancels")
    }

    /// [`Population::synthesize`], giving up with `None` at the next class
    /// once `cancel` is set (a population of millions takes seconds).
    pub fn synthesize_cancellable(
        spec: &PopulationSpec,
        traits: &Traits,
        params: &ModelParams,
        replicate_key: u64,
        cancel: &AtomicBool,
    ) -> Option<Population> {
        let cancelled = || cancel.load(Ordering::Relaxed);
        let tr = traits;
        let ex = &params.exosystem;
        let mac = &params.macrosystem;
        let sup = &params.support;
        let mut rng = rng::population_rng(replicate_key);

        let n_schools = spec.school_count() as usize;
        let schools: Vec<School> = (0..n_schools)
            .map(|s| {
                let plan = spec.plan(s);
                let rural = plan.rural;
                let (c, serv, risk) = if rural {
                    (ex.rural_counsellor, ex.rural_services, ex.rural_risk)
                } else {
                    (ex.urban_counsellor, ex.urban_services, ex.urban_risk)
                };
                School {
                    rural,
                    counsellor: plan
                        .counsellor
                        .unwrap_or_else(|| rng.random::<f32>() < (c * mac.mh_funding).min(1.0)),
                    services: (serv * mac.mh_funding).min(1.0),
                    risk,
                    pressure: if rural {
                        1.0
                    } else {
                        params.stress.urban_pressure
                    },
                }
            })
            .collect();

        let samplers = [
            &tr.self_efficacy,
            &tr.hope,
            &tr.emotion_regulation,
            &tr.social_competence,
            &tr.academic_engagement,
            &tr.extraversion,
            &tr.distress,
            &tr.warmth,
            &tr.modelling_skill,
            &tr.time_available,
            &tr.ses,
            &tr.trust,
            &tr.parent_efficacy,
            &tr.teacher_skill,
            &tr.reactivity,
        ]
        .map(|d| Sampler::new(*d));
        let [
            se,
            hope,
            er,
            scomp,
            ae,
            extra,
            distress,
            warmth,
            model,
            time,
            ses,
            trust,
            pe,
            tskill,
            reactivity,
        ] = samplers;

        let n = spec.students() as usize;
        let mut students = Vec::with_capacity(n);
        let mut families = Vec::with_capacity(n);
        let mut initial_distress = Vec::with_capacity(n);
        let mut classes = Vec::with_capacity(spec.classes() as usize);
        let grades = &spec.grades;
        // The poorest fifth's SES line, needed only for district schools.
        let line = spec.is_district().then(|| ses.low_income_line()).flatten();
        for (s, school) in schools.iter().enumerate() {
            let plan = spec.plan(s);
            let stay = 1.0 - mac.hukou_reform;
            let p_one = plan.one_parent * stay;
            let p_both = plan.both_parents * stay;
            let low_income = plan.low_income_share.map(|share| (share, line));
            let training = if school.rural {
                ex.rural_teacher_training
            } else {
                ex.urban_teacher_training
            };
            for c in 0..plan.classes as usize {
                if cancelled() {
                    return None;
                }
                let grade = grades[c % grades.len()] as u8;
                let class_index = classes.len() as u32;
                classes.push(Class {
                    school: s as u32,
                    grade,
                    first: students.len() as u32,
                    size: plan.class_size,
                    teacher_skill: tskill.draw(&mut rng, 0.0),
                    teacher_mh_training: training,
                });
                for _ in 0..plan.class_size {
                    let u: f32 = rng.random();
                    let left_behind = if u < p_both {
                        LeftBehind::BothParents
                    } else if u < p_both + p_one {
                        LeftBehind::OneParent
                    } else {
                        LeftBehind::None
                    };
                    let minority = rng.random::<f32>() < plan.minority_share;
                    let female = rng.random::<f32>() < spec.female_share;
                    let ses_shift = if school.rural {
                        tr.rural_ses_shift
                    } else {
                        0.0
                    };
                    let trust_shift = if minority {
                        tr.minority_trust_shift
                    } else {
                        0.0
                    };
                    let (presence, grandparent_care) = match left_behind {
                        LeftBehind::None => (1.0, false),
                        LeftBehind::OneParent => (sup.one_parent_presence, false),
                        LeftBehind::BothParents => (sup.both_away_presence, true),
                    };
                    let barrier = if school.rural {
                        params.trust.rural_barrier
                    } else {
                        0.0
                    };
                    let family = Family {
                        presence,
                        grandparent_care,
                        warmth: warmth.draw(&mut rng, 0.0),
                        modelling_skill: model.draw(&mut rng, 0.0),
                        availability: time.draw(&mut rng, 0.0) * (1.0 - barrier),
                        ses: match low_income {
                            None => ses.draw(&mut rng, ses_shift),
                            Some((share, line)) => {
                                let low = rng.random::<f32>() < share;
                                ses.draw_side(&mut rng, ses_shift, line, low)
                            }
                        },
                        trust0: trust.draw(&mut rng, trust_shift),
                        parent_efficacy0: pe.draw(&mut rng, 0.0),
                    };
                    let student = Student {
                        class: class_index,
                        school: s as u32,
                        grade,
                        female,
                        rural: school.rural,
                        minority,
                        left_behind,
                        extraversion: extra.draw(&mut rng, 0.0),
                        self_efficacy0: se.draw(&mut rng, 0.0),
                        hope0: hope.draw(&mut rng, 0.0),
                        emotion_regulation0: er.draw(&mut rng, 0.0),
                        social_competence0: scomp.draw(&mut rng, 0.0),
                        academic_engagement0: ae.draw(&mut rng, 0.0),
                        reactivity: reactivity.draw(&mut rng, 0.0),
                        groups: 0,
                        atom: 0,
                    };
                    let start_distress = distress.draw(&mut rng, 0.0);
                    let mut student = student;
                    student.atom = subgroups::atom(&student, &family);
                    student.groups = subgroups::atom_mask(student.atom);
                    students.push(student);
                    families.push(family);
                    initial_distress.push(start_distress);
                }
            }
        }
        let friends = Friendships::synthesize_cancellable(
            &classes,
            &students,
            spec.friends_per_student,
            &mut rng,
            cancel,
        )?;
        let columns = TraitColumns::of(&students, &families, &classes, &schools);
        Some(Population {
            students,
            families,
            classes,
            schools,
            friends,
            initial_distress,
            columns,
        })
    }

    /// Number of students.
    pub fn len(&self) -> usize {
        self.students.len()
    }

    /// Whether there are no students.
    pub fn is_empty(&self) -> bool {
        self.students.is_empty()
    }
}
