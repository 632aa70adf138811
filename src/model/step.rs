//! One week of the model for every student.

use super::mechanisms::{
    academic, adults, chronic, consistency, detection, left_behind, mastery, parenting,
    social_learning, stress, support, trust, unit,
};
use super::{StudentLevers, StudentState, WeekInfo};
use crate::params::{ModelParams, SwitchFactors};
use crate::population::Population;
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
/// block's classes, into which the teacher hours of joint care are added.
pub fn step(
    p: &ModelParams,
    pop: &Population,
    week: &WeekInfo,
    replicate_key: u64,
    inputs: &BlockInputs<'_>,
    state: &mut [StudentState],
    care_hours: &mut [f64],
) {
    let first = inputs.block.students.start;
    let first_class = inputs.block.classes.start;
    let sw = p.mechanisms.factors();
    for (k, s) in state.iter_mut().enumerate() {
        let i = first + k;
        let key = rng::key(
            replicate_key,
            Stream::StudentWeek,
            i as u64,
            week.week as i64,
        );
        let class = pop.students[i].class as usize - first_class;
        let hours = step_student(
            p,
            &sw,
            pop,
            week,
            key,
            i,
            &inputs.levers[k],
            inputs.peer[k],
            inputs.quality[class],
            s,
        );
        care_hours[class] += hours as f64;
    }
}

/// One student's week, mechanism by mechanism. Returns teacher hours of care.
#[allow(clippy::too_many_arguments)]
#[inline]
pub fn step_student(
    p: &ModelParams,
    sw: &SwitchFactors,
    pop: &Population,
    week: &WeekInfo,
    key: u64,
    i: usize,
    lev: &StudentLevers,
    peer: f32,
    quality: f32,
    s: &mut StudentState,
) -> f32 {
    let student = &pop.students[i];
    let family = &pop.families[i];
    let class = &pop.classes[student.class as usize];
    let school = &pop.schools[student.school as usize];
    let (st, l) = (&p.stress, &p.learning);
    let in_school = week.in_school as u8 as f32;
    let parents_home = week.parents_home as u8 as f32;
    let events = rng::uniforms4(key, Draw::Events);
    let choices = rng::uniforms4(key, Draw::Choices);
    let [z, z_dev] = rng::normals2(key, Draw::Chronic);

    // 7. Trust and uptake: how much of what is offered this family takes up;
    // teacher training raises and teacher overload lowers contact quality.
    let outside = trust::outside_resources(school, class);
    let uptake = trust::uptake(&p.trust, s.trust, family.availability, outside);
    let contact_quality = (1.0 + p.support.teacher_training_gain * lev.teacher_training) * quality;
    let fit = trust::cultural_fit(&p.trust, student.minority, lev.cultural, sw.cultural_fit);

    // 8. Left-behind children: presence at home, emotional talk, separation.
    let remote = p.support.baseline_remote_contact + lev.remote * uptake;
    let presence = left_behind::presence(&p.support, family, parents_home, remote, sw.left_behind);
    let talk = left_behind::emotional_talk(&p.support, family, parents_home, sw.left_behind);
    let separation = left_behind::separation_stress(
        st,
        &p.support,
        student.left_behind,
        parents_home,
        remote,
        sw.left_behind,
    );

    // Parenting persistence: what parent programmes train stays at home.
    let persist = sw.parenting_persistence;
    s.home_modelling = unit(parenting::home_skill(
        l,
        s.home_modelling,
        lev.modelling * uptake,
        persist,
    ));
    s.home_behaviour = unit(parenting::home_skill(
        l,
        s.home_behaviour,
        lev.behaviour * uptake,
        persist,
    ));

    // Two-way feedback: last week's distress above its reference.
    let excess = sw.distress_feedback * (s.distress - l.distress_reference);

    // 2. Social support from each microsystem.
    let in_care = (s.care_weeks > 0.0) as u8 as f32;
    let sources = support::Sources {
        family: family.warmth * presence * talk
            + p.support.left_behind_care_gain * lev.left_behind_care
            + p.support.modelling_support_gain * s.home_modelling,
        teacher: in_school
            * class.teacher_skill
            * contact_quality
            * trust::teacher_support_factor(&p.trust, s.trust)
            + p.support.care_support * in_care,
        peer: peer + p.support.mentoring_gain * lev.mentoring,
        community: school.services * (1.0 + p.support.partnership_gain * lev.partnership),
    };
    // Developmental change shifts how the student perceives relationships
    // as well as the intrapersonal components' targets (one shared process).
    s.development = chronic::development(l, s.development, z_dev, sw.development);
    let dev = s.development;
    s.support = unit(support::perceived(
        &p.support,
        s.support,
        &sources,
        excess,
        l.development_support * dev,
    ));

    // 1. Stress: chronic strain, this week's stressors, the filter, and the
    // two time scales of symptoms.
    let jump = stress::family_event(st, family.ses, events[1]);
    s.chronic = chronic::next(st, s.chronic, family.ses, z, jump, sw.chronic_strain);
    let exposure = stress::Exposure {
        in_school,
        exam: week.exam as u8 as f32,
        term_progress: week.term_progress,
        pressure: school.pressure,
        grade_step: sw.sex_grade * (student.grade as f32 - 7.0).max(0.0),
        social_competence: s.social_competence,
        community_risk: school.risk * (1.0 - p.support.partnership_risk * lev.partnership.min(1.0)),
        separation,
        alienation: trust::alienation_stress(&p.trust, fit, in_school),
        chronic: s.chronic,
    };
    let female = student.female as u8 as f32 * sw.sex_grade;
    let reactivity = 2.0 * student.reactivity * (1.0 + female * (st.female_reactivity - 1.0));
    let load = stress::stressors(st, &exposure, events).total() * reactivity;
    let resilience = s.resilience();
    let buffered = support::buffered(
        &p.support,
        load,
        s.support,
        s.emotion_regulation,
        student.extraversion,
        sw.support_buffering,
    );
    let filtered = stress::resisted(st, buffered, resilience);
    s.strain = stress::strain(st, s.strain, filtered);
    let mut symptoms = stress::symptoms(st, s.symptoms, filtered, resilience);

    // 4. Information flow and detection: noticed students get joint care,
    // which relieves a share of their symptoms (more where there are more).
    let channels = detection::Channels {
        teacher: in_school
            * p.detection.teacher_observation
            * (1.0 + p.detection.mh_training_gain * class.teacher_mh_training),
        contact: lev.info * uptake * contact_quality,
        goals: lev.goals * uptake,
        screening: in_school
            * (lev.screening + p.detection.counsellor_screening * school.counsellor as u8 as f32),
    };
    let seen = unit(symptoms + s.strain);
    let p_notice = detection::probability(
        &p.detection,
        p.macrosystem.stigma,
        &channels,
        seen,
        sw.detection,
    );
    let detected = (1.0 - in_care) * (choices[0] < p_notice) as u8 as f32;
    let care = s.care_weeks + detected * p.detection.care_weeks;
    let caring = (care > 0.0) as u8 as f32;
    let joint = (uptake * (lev.two_way + lev.goals)).min(1.0);
    let relief = detection::relief(&p.detection, l.caregiver_synergy, joint);
    symptoms -= caring * relief * symptoms;
    s.care_weeks = (care - caring).max(0.0);
    s.symptoms = unit(symptoms);
    s.distress = unit(s.symptoms + s.strain);
    let coped = (s.distress < st.clinical_threshold) as u8 as f32;
    let (growth, erosion) = stress::challenge(st, filtered, coped, sw.stress_growth);

    // 3. Consistency across settings: alignment speeds regulation learning.
    s.alignment = unit(consistency::alignment(
        l,
        s.alignment,
        (lev.two_way + lev.goals) * uptake,
    ));
    let speed = consistency::learning_speed(l, s.alignment, sw.consistency);

    // 5. Social learning of regulation from parents and teachers.
    let models = social_learning::model_skill(
        l,
        family.modelling_skill,
        presence,
        s.home_modelling,
        class.teacher_skill,
        in_school,
    );
    let curriculum =
        lev.curriculum * (1.0 + l.caregiver_synergy * uptake * s.alignment * sw.consistency);
    let target = social_learning::regulation_target(
        l,
        student.emotion_regulation0 + l.development_regulation * dev,
        models,
        curriculum,
        s.support,
        excess,
        sw.social_learning,
    );
    let er = social_learning::regulation(l, s.emotion_regulation, target, speed);
    s.emotion_regulation = unit(er + growth * (1.0 - er));

    // 6. Mastery: success experiences raise self-efficacy.
    let p_success = mastery::success_probability(
        l,
        &p.academic,
        lev.goals * uptake,
        s.home_behaviour,
        s.academic_engagement,
        sw.academic_pathway,
    );
    let success = (choices[1] < p_success) as u8 as f32;
    let se = mastery::self_efficacy(
        l,
        s.self_efficacy,
        student.self_efficacy0 + dev,
        success,
        s.support,
        excess,
    );
    s.self_efficacy = unit(se + growth * (1.0 - se) - erosion * se);

    // Hope and social competence drift to targets set by support, distress,
    // peers and programmes.
    let hope_target = student.hope0 + dev + l.hope_support_gain * (s.support - l.support_reference)
        - l.distress_hope * excess;
    s.hope = unit(s.hope + l.setpoint_rate * (hope_target - s.hope) - erosion * s.hope);
    let social_target = student.social_competence0
        + dev
        + l.peer_social_gain * (peer - l.support_reference)
        + l.programme_social_gain * (s.home_behaviour + lev.goals * uptake + s.home_modelling)
        + l.volunteer_gain * lev.volunteer * uptake
        + l.mentoring_social_gain * lev.mentoring;
    s.social_competence =
        unit(s.social_competence + l.setpoint_rate * (social_target - s.social_competence));

    // The academic pathway: engagement follows efficacy, home socialisation,
    // goals, behaviour support and distress.
    let drivers = academic::Drivers {
        self_efficacy: s.self_efficacy,
        homework: lev.homework * uptake,
        info: lev.info * uptake * contact_quality,
        goals: lev.goals * uptake,
        home_behaviour: s.home_behaviour,
        distress_excess: excess,
    };
    let engagement_target = academic::engagement_target(
        &p.academic,
        student.academic_engagement0,
        &drivers,
        sw.academic_pathway,
    );
    s.academic_engagement =
        unit(s.academic_engagement + l.setpoint_rate * (engagement_target - s.academic_engagement));

    // 7. Trust follows the kind, intensity and cultural fit of contact.
    let contact = trust::Contact {
        two_way: lev.two_way * contact_quality,
        one_way: lev.one_way,
        volunteer: lev.volunteer * family.availability,
        fit,
    };
    s.trust = unit(trust::trust(
        &p.trust,
        s.trust,
        family.trust0,
        &contact,
        sw.trust_dynamics,
    ));

    // 9. Adults: parent efficacy follows involvement.
    let involvement = uptake
        * (lev.behaviour + lev.goals + lev.modelling + p.adults.two_way_involvement * lev.two_way);
    s.parent_efficacy = unit(adults::parent_efficacy(
        &p.adults,
        s.parent_efficacy,
        family.parent_efficacy0,
        involvement,
    ));
    adults::care_hours(&p.detection, caring)
}
