//! One week of the model for every student.

use super::mechanisms::{
    adults, consistency, detection, left_behind, mastery, social_learning, stress, support, trust,
    unit,
};
use super::{StudentLevers, StudentState, WeekInfo};
use crate::params::ModelParams;
use crate::population::Population;
use crate::rng::{self, Draw, Stream};

/// Peer support of students `first..first + out.len()`: the mean social
/// competence of each student's friends at the start of the week (0.3 for a
/// student with none). `state` holds the same students as `out`: friends are
/// classmates, and a block is made of whole classes.
///
/// Computed before the step so that every student reads last week's peers,
/// whatever order (or thread) students are updated in.
pub fn peer_support(pop: &Population, state: &[StudentState], first: usize, out: &mut [f32]) {
    for (i, o) in out.iter_mut().enumerate() {
        let friends = pop.friends.of(first + i);
        *o = if friends.is_empty() {
            0.3
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

/// Moves the students of `block` one week forward. `levers`, `peer` and
/// `state` hold the block's students; `care_hours` its classes, into which
/// the teacher hours of joint care are added.
#[allow(clippy::too_many_arguments)]
pub fn step(
    p: &ModelParams,
    pop: &Population,
    week: &WeekInfo,
    replicate_key: u64,
    block: &Block,
    levers: &[StudentLevers],
    peer: &[f32],
    state: &mut [StudentState],
    care_hours: &mut [f64],
) {
    let first = block.students.start;
    for (k, s) in state.iter_mut().enumerate() {
        let i = first + k;
        let key = rng::key(
            replicate_key,
            Stream::StudentWeek,
            i as u64,
            week.week as i64,
        );
        let hours = step_student(p, pop, week, key, i, &levers[k], peer[k], s);
        if hours > 0.0 {
            care_hours[pop.students[i].class as usize - block.classes.start] += hours as f64;
        }
    }
}

/// One student's week, mechanism by mechanism. Returns teacher hours of care.
#[allow(clippy::too_many_arguments)]
#[inline]
pub fn step_student(
    p: &ModelParams,
    pop: &Population,
    week: &WeekInfo,
    key: u64,
    i: usize,
    lev: &StudentLevers,
    peer: f32,
    s: &mut StudentState,
) -> f32 {
    let student = &pop.students[i];
    let family = &pop.families[i];
    let class = &pop.classes[student.class as usize];
    let school = &pop.schools[student.school as usize];
    let in_school = week.in_school as u8 as f32;

    // 7. Trust and uptake: how much of what is offered this family takes up.
    let outside = trust::outside_resources(school, class);
    let uptake = trust::uptake(&p.trust, s.trust, family.availability, outside);
    let contact_quality = 1.0 + p.support.teacher_training_gain * lev.teacher_training;

    // 8. Left-behind children: presence at home, emotional talk, separation.
    let remote = p.support.baseline_remote_contact + lev.remote * uptake;
    let presence = left_behind::presence(&p.support, family, week.parents_home, remote);
    let talk = left_behind::emotional_talk(&p.support, family, week.parents_home);
    let separation = left_behind::separation_stress(
        &p.stress,
        &p.support,
        student.left_behind,
        week.parents_home,
        remote,
    );

    // 2. Social support from each microsystem.
    let in_care = s.care_weeks > 0.0;
    let sources = support::Sources {
        family: family.warmth * presence * talk
            + p.support.left_behind_care_gain * lev.left_behind_care
            + p.support.modelling_support_gain * lev.modelling * uptake,
        teacher: in_school * class.teacher_skill * contact_quality
            + p.support.care_support * in_care as u8 as f32,
        peer: peer + p.support.mentoring_gain * lev.mentoring,
        community: school.services * (1.0 + p.support.partnership_gain * lev.partnership),
    };
    s.support = unit(support::perceived(&p.support, s.support, &sources));

    // 1. Stress and bounce-back, buffered by support and regulation (2).
    let exposure = stress::Exposure {
        in_school,
        exam: week.exam,
        pressure: school.pressure,
        ses: family.ses,
        social_competence: s.social_competence,
        community_risk: school.risk * (1.0 - 0.5 * lev.partnership.min(1.0)),
        separation,
    };
    let u = [
        rng::draw(key, Draw::Academic),
        rng::draw(key, Draw::FamilyEvent),
        rng::draw(key, Draw::PeerConflict),
        rng::draw(key, Draw::CommunityEvent),
    ];
    let load = stress::stressors(&p.stress, &exposure, u).total() * 2.0 * student.reactivity;
    let resilience = s.resilience();
    let buffered = support::buffered(
        &p.support,
        load,
        s.support,
        s.emotion_regulation,
        student.extraversion,
    );
    let incoming = stress::resisted(&p.stress, buffered, resilience);
    let mut distress = stress::bounce_back(&p.stress, s.distress, incoming, resilience);
    let (growth, erosion) =
        stress::challenge(&p.stress, incoming, distress < p.stress.clinical_threshold);

    // 4. Information flow and detection: noticed students get joint care.
    if !in_care {
        let channels = detection::Channels {
            teacher: in_school
                * p.detection.teacher_observation
                * (1.0 + p.detection.mh_training_gain * class.teacher_mh_training),
            contact: lev.info * uptake * contact_quality,
            goals: lev.goals * uptake,
            screening: in_school
                * (lev.screening
                    + p.detection.counsellor_screening * school.counsellor as u8 as f32),
        };
        let p_notice =
            detection::probability(&p.detection, p.macrosystem.stigma, &channels, distress);
        if p_notice > 0.0 && rng::draw(key, Draw::Detection) < p_notice {
            s.care_weeks = p.detection.care_weeks;
        }
    }
    let caring = s.care_weeks > 0.0;
    let mut hours = 0.0;
    if caring {
        let joint = (uptake * (lev.two_way + lev.goals)).min(1.0);
        distress -= detection::relief(&p.detection, p.learning.caregiver_synergy, joint) * distress;
        s.care_weeks = (s.care_weeks - 1.0).max(0.0);
        hours = adults::care_hours(&p.detection, true);
    }
    s.distress = unit(distress);

    // 3. Consistency across settings: alignment speeds regulation learning.
    s.alignment = unit(consistency::alignment(
        &p.learning,
        s.alignment,
        (lev.two_way + lev.goals) * uptake,
    ));
    let speed = consistency::learning_speed(&p.learning, s.alignment);

    // 5. Social learning of regulation from parents and teachers.
    let models = social_learning::model_skill(
        &p.learning,
        family.modelling_skill,
        presence,
        lev.modelling * uptake,
        class.teacher_skill,
        in_school,
    );
    let curriculum = lev.curriculum * (1.0 + p.learning.caregiver_synergy * uptake * s.alignment);
    let target = social_learning::regulation_target(
        &p.learning,
        student.emotion_regulation0,
        models,
        curriculum,
        s.support,
    );
    let er = social_learning::regulation(&p.learning, s.emotion_regulation, target, speed);
    s.emotion_regulation = unit(er + growth * (1.0 - er));

    // 6. Mastery: success experiences raise self-efficacy.
    let p_success =
        mastery::success_probability(&p.learning, lev.goals * uptake, lev.behaviour * uptake);
    let success = rng::draw(key, Draw::Mastery) < p_success;
    let se = mastery::self_efficacy(
        &p.learning,
        s.self_efficacy,
        student.self_efficacy0,
        success,
        s.support,
    );
    s.self_efficacy = unit(se + growth * (1.0 - se) - erosion * se);

    // Hope, social competence and engagement drift to targets set by support,
    // peers and programmes.
    let l = &p.learning;
    let hope_target = student.hope0 + l.hope_support_gain * (s.support - 0.5);
    s.hope = unit(s.hope + l.setpoint_rate * (hope_target - s.hope) - erosion * s.hope);
    let social_target = student.social_competence0
        + l.peer_social_gain * (peer - 0.5)
        + l.programme_social_gain * (lev.behaviour + lev.goals + lev.modelling) * uptake
        + l.volunteer_gain * lev.volunteer * uptake
        + l.mentoring_social_gain * lev.mentoring;
    s.social_competence =
        unit(s.social_competence + l.setpoint_rate * (social_target - s.social_competence));
    let engagement_target = student.academic_engagement0
        + l.homework_gain * lev.homework * uptake
        + l.goals_engagement * lev.goals * uptake
        - l.distress_drag * (s.distress - 0.2);
    s.academic_engagement =
        unit(s.academic_engagement + l.setpoint_rate * (engagement_target - s.academic_engagement));

    // 7. Trust follows the kind and cultural fit of contact.
    let fit = trust::cultural_fit(&p.trust, student.minority, lev.cultural);
    s.trust = unit(trust::trust(
        &p.trust,
        s.trust,
        family.trust0,
        lev.two_way * contact_quality,
        lev.one_way,
        fit,
    ));

    // 9. Adults: parent efficacy follows involvement.
    let involvement = uptake * (lev.behaviour + lev.goals + lev.modelling + 0.5 * lev.two_way);
    s.parent_efficacy = unit(adults::parent_efficacy(
        &p.adults,
        s.parent_efficacy,
        family.parent_efficacy0,
        involvement,
    ));
    hours
}
