//! One week of the model for every student.
//!
//! The step walks a block's students in lanes of [`LANES`] (see
//! [`super::lane`]): a lane's state, levers, traits and random numbers are
//! gathered into arrays, each mechanism runs over the whole lane, and the
//! new state is scattered back. A lane computes, student by student, exactly
//! what one student's week computes: the same operations in the same order.

use super::lane::{LANES, Lane, lane_pairs, lanes, lanes_of};
use super::mechanisms::{
    academic, adults, chronic, consistency, detection, left_behind, mastery, parenting,
    social_learning, stress, support, trust, unit,
};
use super::state::resilience_of;
use super::{StudentLevers, StudentState, WeekInfo};
use crate::params::{ModelParams, SwitchFactors};
use crate::population::{Class, Family, Population, School, Student};
use crate::rng::{self, Draw, Stream};

/// Peer support of students `first..first + out.len()`: the mean social
/// competence of each student's friends at the start of the week
/// (`support.peer_alone` for a student with none). `state` holds the same
/// students as `out`: friends are classmates, and a block is made of whole
/// classes.
///
/// Computed before the step so that every student reads last week's peers,
/// whatever order (or thread) students are updated in.
pub fn peer_support(
    p: &ModelParams,
    pop: &Population,
    state: &[StudentState],
    first: usize,
    out: &mut [f32],
) {
    for (i, o) in out.iter_mut().enumerate() {
        let friends = pop.friends.of(first + i);
        *o = if friends.is_empty() {
            p.support.peer_alone
        } else {
            friends
                .iter()
                .map(|&j| state[j as usize - first].social_competence)
                .sum::<f32>()
                / friends.len() as f32
        };
    }
}

/// A contiguous block of whole classes, stepped as one piece of work.
#[derive(Debug, Clone)]
pub struct Block {
    /// Student indices.
    pub students: std::ops::Range<usize>,
    /// Class indices.
    pub classes: std::ops::Range<usize>,
}

/// What the engine hands the step for one block and week besides the state.
pub struct BlockInputs<'a> {
    /// The block.
    pub block: &'a Block,
    /// Levers of the block's students.
    pub levers: &'a [StudentLevers],
    /// Peer support of the block's students ([`peer_support`]).
    pub peer: &'a [f32],
    /// Quality of home–school contact of the block's classes this week
    /// (from last week's teacher hours, [`adults::contact_quality`]).
    pub quality: &'a [f32],
}

/// Moves the students of a block one week forward. `care_hours` holds the
/// block's classes, into which the teacher hours of joint care are added
/// (in student order).
pub fn step(
    p: &ModelParams,
    pop: &Population,
    week: &WeekInfo,
    replicate_key: u64,
    inputs: &BlockInputs<'_>,
    state: &mut [StudentState],
    care_hours: &mut [f64],
) {
    let sw = p.mechanisms.factors();
    let first = inputs.block.students.start;
    for (c, chunk) in state.chunks_mut(LANES).enumerate() {
        let k = c * LANES;
        let lane = LaneOf {
            first: first + k,
            levers: &inputs.levers[k..k + chunk.len()],
            peer: &inputs.peer[k..k + chunk.len()],
        };
        step_lane(
            p,
            &sw,
            pop,
            week,
            replicate_key,
            inputs,
            &lane,
            chunk,
            care_hours,
        );
    }
}

/// Where a lane's students are: the first one's index in the population and
/// their levers and peer support (as many as the lane has students).
struct LaneOf<'a> {
    first: usize,
    levers: &'a [StudentLevers],
    peer: &'a [f32],
}

lanes_of! {
    /// A lane's state at the start of the week.
    LaneState from StudentState {
        self_efficacy, hope, emotion_regulation, social_competence, support,
        academic_engagement, distress, symptoms, strain, chronic, development,
        trust, alignment, parent_efficacy, care_weeks, home_modelling, home_behaviour,
    }
}

lanes_of! {
    /// A lane's levers.
    LaneLevers from StudentLevers {
        info, two_way, one_way, remote, modelling, behaviour, goals, volunteer,
        homework, left_behind_care, curriculum, mentoring, screening, partnership,
        teacher_training, cultural,
    }
}

lanes_of! {
    /// A lane's students' traits.
    LaneStudents from Student {
        extraversion, reactivity, self_efficacy0, hope0, emotion_regulation0,
        social_competence0, academic_engagement0,
    }
}

lanes_of! {
    /// A lane's families' traits.
    LaneFamilies from Family {
        warmth, modelling_skill, availability, ses, trust0, parent_efficacy0,
    }
}

/// The random numbers of a lane's student-week: for each student, the
/// counter-based key of (replicate, student, week) and its draws.
struct Draws {
    /// The four uniforms of [`Draw::Events`].
    events: [Lane; 4],
    /// Detection and success ([`Draw::Choices`]).
    choices: [Lane; 2],
    /// The innovations of chronic strain and development ([`Draw::Chronic`]).
    chronic: [Lane; 2],
}

impl Draws {
    /// The draws of students `student(0..LANES)` in `week`.
    #[inline(always)]
    fn of(replicate_key: u64, week: i32, student: impl Fn(usize) -> usize) -> Draws {
        let mut d = Draws {
            events: [[0.0; LANES]; 4],
            choices: [[0.0; LANES]; 2],
            chronic: [[0.0; LANES]; 2],
        };
        for j in 0..LANES {
            let key = rng::key(
                replicate_key,
                Stream::StudentWeek,
                student(j) as u64,
                week as i64,
            );
            let e = rng::uniforms4(key, Draw::Events);
            let c = rng::uniforms4(key, Draw::Choices);
            let z = rng::normals2(key, Draw::Chronic);
            for (lane, u) in d.events.iter_mut().zip(e) {
                lane[j] = u;
            }
            (d.choices[0][j], d.choices[1][j]) = (c[0], c[1]);
            (d.chronic[0][j], d.chronic[1][j]) = (z[0], z[1]);
        }
        d
    }
}

/// One week of a lane of at most [`LANES`] students (`state` holds them),
/// mechanism by mechanism over the whole lane. A lane with fewer students
/// (the block's last) repeats its last student in the spare slots and
/// keeps only its own.
#[allow(clippy::too_many_arguments)]
#[inline]
fn step_lane(
    p: &ModelParams,
    sw: &SwitchFactors,
    pop: &Population,
    week: &WeekInfo,
    replicate_key: u64,
    inputs: &BlockInputs<'_>,
    lane: &LaneOf<'_>,
    state: &mut [StudentState],
    care_hours: &mut [f64],
) {
    let n = state.len();
    let at = |j: usize| j.min(n - 1);
    let (st, l) = (&p.stress, &p.learning);
    let in_school = week.in_school as u8 as f32;
    let parents_home = week.parents_home as u8 as f32;
    let first_class = inputs.block.classes.start;

    // Gather: the lane's traits, levers, state and random numbers, one lane
    // per field, so that the mechanisms below read only lanes.
    let student: [&Student; LANES] = std::array::from_fn(|j| &pop.students[lane.first + at(j)]);
    let family: [&Family; LANES] = std::array::from_fn(|j| &pop.families[lane.first + at(j)]);
    let class_of: [usize; LANES] = std::array::from_fn(|j| student[j].class as usize);
    let class: [&Class; LANES] = std::array::from_fn(|j| &pop.classes[class_of[j]]);
    let school: [&School; LANES] =
        std::array::from_fn(|j| &pop.schools[student[j].school as usize]);
    let stu = LaneStudents::gather(|j| student[j]);
    let fam = LaneFamilies::gather(|j| family[j]);
    let grade = lanes(|j| student[j].grade as f32);
    let female = lanes(|j| student[j].female as u8 as f32);
    let minority = lanes(|j| student[j].minority as u8 as f32);
    let teacher_skill = lanes(|j| class[j].teacher_skill);
    let mh_training = lanes(|j| class[j].teacher_mh_training);
    let services = lanes(|j| school[j].services);
    let risk = lanes(|j| school[j].risk);
    let pressure = lanes(|j| school[j].pressure);
    let counsellor = lanes(|j| school[j].counsellor as u8 as f32);
    let lev = LaneLevers::gather(|j| &lane.levers[at(j)]);
    let s = LaneState::gather(|j| &state[at(j)]);
    let peer = lanes(|j| lane.peer[at(j)]);
    let quality = lanes(|j| inputs.quality[class_of[j] - first_class]);
    let draws = Draws::of(replicate_key, week.week, |j| lane.first + at(j));
    let [z, z_dev] = draws.chronic;

    // 7. Trust and uptake: how much of what is offered this family takes up;
    // teacher training raises and teacher overload lowers contact quality.
    let outside = lanes(|j| trust::outside_resources(school[j], class[j]));
    let uptake = lanes(|j| trust::uptake(&p.trust, s.trust[j], fam.availability[j], outside[j]));
    let contact_quality =
        lanes(|j| (1.0 + p.support.teacher_training_gain * lev.teacher_training[j]) * quality[j]);
    let fit = lanes(|j| {
        trust::cultural_fit(
            &p.trust,
            minority[j] != 0.0,
            lev.cultural[j],
            sw.cultural_fit,
        )
    });

    // 8. Left-behind children: presence at home, emotional talk, separation.
    let remote = lanes(|j| p.support.baseline_remote_contact + lev.remote[j] * uptake[j]);
    let presence = lanes(|j| {
        left_behind::presence(
            &p.support,
            family[j],
            parents_home,
            remote[j],
            sw.left_behind,
        )
    });
    let talk =
        lanes(|j| left_behind::emotional_talk(&p.support, family[j], parents_home, sw.left_behind));
    let separation = lanes(|j| {
        left_behind::separation_stress(
            st,
            &p.support,
            student[j].left_behind,
            parents_home,
            remote[j],
            sw.left_behind,
        )
    });

    // Parenting persistence: what parent programmes train stays at home.
    let persist = sw.parenting_persistence;
    let home_modelling = lanes(|j| {
        unit(parenting::home_skill(
            l,
            s.home_modelling[j],
            lev.modelling[j] * uptake[j],
            persist,
        ))
    });
    let home_behaviour = lanes(|j| {
        unit(parenting::home_skill(
            l,
            s.home_behaviour[j],
            lev.behaviour[j] * uptake[j],
            persist,
        ))
    });

    // Two-way feedback: last week's distress above its reference.
    let excess = lanes(|j| sw.distress_feedback * (s.distress[j] - l.distress_reference));

    // 2. Social support from each microsystem.
    let in_care = lanes(|j| (s.care_weeks[j] > 0.0) as u8 as f32);
    // Developmental change shifts how the student perceives relationships
    // as well as the intrapersonal components' targets (one shared process).
    let dev = lanes(|j| chronic::development(l, s.development[j], z_dev[j], sw.development));
    let support = lanes(|j| {
        let sources = support::Sources {
            family: fam.warmth[j] * presence[j] * talk[j]
                + p.support.left_behind_care_gain * lev.left_behind_care[j]
                + p.support.modelling_support_gain * home_modelling[j],
            teacher: in_school
                * teacher_skill[j]
                * contact_quality[j]
                * trust::teacher_support_factor(&p.trust, s.trust[j])
                + p.support.care_support * in_care[j],
            peer: peer[j] + p.support.mentoring_gain * lev.mentoring[j],
            community: services[j] * (1.0 + p.support.partnership_gain * lev.partnership[j]),
        };
        unit(support::perceived(
            &p.support,
            s.support[j],
            &sources,
            excess[j],
            l.development_support * dev[j],
        ))
    });

    // 1. Stress: chronic strain, this week's stressors, the filter, and the
    // two time scales of symptoms.
    let events = draws.events;
    let jump = lanes(|j| stress::family_event(st, fam.ses[j], events[1][j]));
    let chronic_strain = lanes(|j| {
        chronic::next(
            st,
            s.chronic[j],
            fam.ses[j],
            z[j],
            jump[j],
            sw.chronic_strain,
        )
    });
    let load = lanes(|j| {
        let exposure = stress::Exposure {
            in_school,
            exam: week.exam as u8 as f32,
            term_progress: week.term_progress,
            pressure: pressure[j],
            grade_step: sw.sex_grade * (grade[j] - 7.0).max(0.0),
            social_competence: s.social_competence[j],
            community_risk: risk[j]
                * (1.0 - p.support.partnership_risk * lev.partnership[j].min(1.0)),
            separation: separation[j],
            alienation: trust::alienation_stress(&p.trust, fit[j], in_school),
            chronic: chronic_strain[j],
        };
        let female = female[j] * sw.sex_grade;
        let reactivity = 2.0 * stu.reactivity[j] * (1.0 + female * (st.female_reactivity - 1.0));
        let u = [events[0][j], events[1][j], events[2][j], events[3][j]];
        stress::stressors(st, &exposure, u).total() * reactivity
    });
    // Resilience with this week's support and last week's other components.
    let resilience = lanes(|j| {
        resilience_of(
            s.self_efficacy[j],
            s.hope[j],
            s.emotion_regulation[j],
            s.social_competence[j],
            support[j],
        )
    });
    let filtered = lanes(|j| {
        let buffered = support::buffered(
            &p.support,
            load[j],
            support[j],
            s.emotion_regulation[j],
            stu.extraversion[j],
            sw.support_buffering,
        );
        stress::resisted(st, buffered, resilience[j])
    });
    let strain = lanes(|j| stress::strain(st, s.strain[j], filtered[j]));
    let symptoms = lanes(|j| stress::symptoms(st, s.symptoms[j], filtered[j], resilience[j]));

    // 4. Information flow and detection: noticed students get joint care,
    // which relieves a share of their symptoms (more where there are more).
    let p_notice = lanes(|j| {
        let channels = detection::Channels {
            teacher: in_school
                * p.detection.teacher_observation
                * (1.0 + p.detection.mh_training_gain * mh_training[j]),
            contact: lev.info[j] * uptake[j] * contact_quality[j],
            goals: lev.goals[j] * uptake[j],
            screening: in_school
                * (lev.screening[j] + p.detection.counsellor_screening * counsellor[j]),
        };
        let seen = unit(symptoms[j] + strain[j]);
        detection::probability(
            &p.detection,
            p.macrosystem.stigma,
            &channels,
            seen,
            sw.detection,
        )
    });
    let choices = draws.choices;
    let care = lanes(|j| {
        let detected = (1.0 - in_care[j]) * (choices[0][j] < p_notice[j]) as u8 as f32;
        s.care_weeks[j] + detected * p.detection.care_weeks
    });
    let caring = lanes(|j| (care[j] > 0.0) as u8 as f32);
    let symptoms = lanes(|j| {
        let joint = (uptake[j] * (lev.two_way[j] + lev.goals[j])).min(1.0);
        let relief = detection::relief(&p.detection, l.caregiver_synergy, joint);
        unit(symptoms[j] - caring[j] * relief * symptoms[j])
    });
    let care_weeks = lanes(|j| (care[j] - caring[j]).max(0.0));
    let distress = lanes(|j| unit(symptoms[j] + strain[j]));
    let (growth, erosion) = lane_pairs(|j| {
        let coped = (distress[j] < st.clinical_threshold) as u8 as f32;
        stress::challenge(st, filtered[j], coped, sw.stress_growth)
    });

    // 3. Consistency across settings: alignment speeds regulation learning.
    let alignment = lanes(|j| {
        unit(consistency::alignment(
            l,
            s.alignment[j],
            (lev.two_way[j] + lev.goals[j]) * uptake[j],
        ))
    });

    // 5. Social learning of regulation from parents and teachers.
    let emotion_regulation = lanes(|j| {
        let speed = consistency::learning_speed(l, alignment[j], sw.consistency);
        let models = social_learning::model_skill(
            l,
            fam.modelling_skill[j],
            presence[j],
            home_modelling[j],
            teacher_skill[j],
            in_school,
        );
        let curriculum = lev.curriculum[j]
            * (1.0 + l.caregiver_synergy * uptake[j] * alignment[j] * sw.consistency);
        let target = social_learning::regulation_target(
            l,
            stu.emotion_regulation0[j] + l.development_regulation * dev[j],
            models,
            curriculum,
            support[j],
            excess[j],
            sw.social_learning,
        );
        let er = social_learning::regulation(l, s.emotion_regulation[j], target, speed);
        unit(er + growth[j] * (1.0 - er))
    });

    // 6. Mastery: success experiences raise self-efficacy.
    let self_efficacy = lanes(|j| {
        let p_success = mastery::success_probability(
            l,
            &p.academic,
            lev.goals[j] * uptake[j],
            home_behaviour[j],
            s.academic_engagement[j],
            sw.academic_pathway,
        );
        let success = (choices[1][j] < p_success) as u8 as f32;
        let se = mastery::self_efficacy(
            l,
            s.self_efficacy[j],
            stu.self_efficacy0[j] + dev[j],
            success,
            support[j],
            excess[j],
        );
        unit(se + growth[j] * (1.0 - se) - erosion[j] * se)
    });

    // Hope and social competence drift to targets set by support, distress,
    // peers and programmes.
    let hope = lanes(|j| {
        let target =
            stu.hope0[j] + dev[j] + l.hope_support_gain * (support[j] - l.support_reference)
                - l.distress_hope * excess[j];
        unit(s.hope[j] + l.setpoint_rate * (target - s.hope[j]) - erosion[j] * s.hope[j])
    });
    let social_competence = lanes(|j| {
        let target = stu.social_competence0[j]
            + dev[j]
            + l.peer_social_gain * (peer[j] - l.support_reference)
            + l.programme_social_gain
                * (home_behaviour[j] + lev.goals[j] * uptake[j] + home_modelling[j])
            + l.volunteer_gain * lev.volunteer[j] * uptake[j]
            + l.mentoring_social_gain * lev.mentoring[j];
        let sc = s.social_competence[j];
        unit(sc + l.setpoint_rate * (target - sc))
    });

    // The academic pathway: engagement follows efficacy, home socialisation,
    // goals, behaviour support and distress.
    let academic_engagement = lanes(|j| {
        let drivers = academic::Drivers {
            self_efficacy: self_efficacy[j],
            homework: lev.homework[j] * uptake[j],
            info: lev.info[j] * uptake[j] * contact_quality[j],
            goals: lev.goals[j] * uptake[j],
            home_behaviour: home_behaviour[j],
            distress_excess: excess[j],
        };
        let target = academic::engagement_target(
            &p.academic,
            stu.academic_engagement0[j],
            &drivers,
            sw.academic_pathway,
        );
        let ae = s.academic_engagement[j];
        unit(ae + l.setpoint_rate * (target - ae))
    });

    // 7. Trust follows the kind, intensity and cultural fit of contact.
    let trust = lanes(|j| {
        let contact = trust::Contact {
            two_way: lev.two_way[j] * contact_quality[j],
            one_way: lev.one_way[j],
            volunteer: lev.volunteer[j] * fam.availability[j],
            fit: fit[j],
        };
        unit(trust::trust(
            &p.trust,
            s.trust[j],
            fam.trust0[j],
            &contact,
            sw.trust_dynamics,
        ))
    });

    // 9. Adults: parent efficacy follows involvement.
    let parent_efficacy = lanes(|j| {
        let involvement = uptake[j]
            * (lev.behaviour[j]
                + lev.goals[j]
                + lev.modelling[j]
                + p.adults.two_way_involvement * lev.two_way[j]);
        unit(adults::parent_efficacy(
            &p.adults,
            s.parent_efficacy[j],
            fam.parent_efficacy0[j],
            involvement,
        ))
    });
    let hours = lanes(|j| adults::care_hours(&p.detection, caring[j]));

    // Scatter: the lane's students' new state, and their teacher hours of
    // care into their classes in student order.
    for (j, out) in state.iter_mut().enumerate() {
        *out = StudentState {
            self_efficacy: self_efficacy[j],
            hope: hope[j],
            emotion_regulation: emotion_regulation[j],
            social_competence: social_competence[j],
            support: support[j],
            academic_engagement: academic_engagement[j],
            distress: distress[j],
            symptoms: symptoms[j],
            strain: strain[j],
            chronic: chronic_strain[j],
            development: dev[j],
            trust: trust[j],
            alignment: alignment[j],
            parent_efficacy: parent_efficacy[j],
            care_weeks: care_weeks[j],
            home_modelling: home_modelling[j],
            home_behaviour: home_behaviour[j],
        };
        care_hours[class_of[j] - first_class] += hours[j] as f64;
    }
}
