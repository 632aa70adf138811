//! Mechanism 7 — trust and uptake (seed 003; seed 001).
//!
//! Collaboration rests on trust. A family's uptake of any programme is its
//! trust times its availability (time, transport and child care), less what
//! overlaps with outside resources. Two-way, culturally fitting contact moves
//! the trust target a share of the way to full trust — so low-trust families
//! gain most — and intensive contact moves trust toward its target faster;
//! parents present at school (volunteering) build it too; one-way contact
//! that does not fit the family's culture wears it down. Usual school
//! practice fits minority families less; besides trust, a poor fit is a
//! school-alienation stressor for minority students, which culturally
//! responsive practice removes. Children of families who distrust the school
//! perceive less of the teacher's support, so where trust is built the
//! students who needed it most gain most (seed 001's trust gap).

use crate::params::Trust;

/// Uptake: the share of what is offered that the family takes up.
#[inline]
pub fn uptake(p: &Trust, trust: f32, availability: f32, outside: f32) -> f32 {
    uptake_of_weight(p, trust_weight(p, trust), availability, outside)
}

/// How much the family's trust weighs in its uptake: the trust itself, or
/// `max(0, trust)^exponent` when the exponent is not 1.
#[inline]
pub fn trust_weight(p: &Trust, trust: f32) -> f32 {
    if p.exponent == 1.0 {
        trust
    } else {
        trust.max(0.0).powf(p.exponent)
    }
}

/// [`uptake`] from the trust's weight ([`trust_weight`]): the weekly step
/// decides once per lane whether the weight is the trust itself, so that
/// the rest runs in vector registers.
#[inline]
pub fn uptake_of_weight(p: &Trust, weight: f32, availability: f32, outside: f32) -> f32 {
    weight * availability * (1.0 - p.outside_substitution * outside)
}

/// The factor by which the family's trust scales the teacher support its
/// child perceives: `max(0, 1 + k·(trust − reference))`.
#[inline]
pub fn teacher_support_factor(p: &Trust, trust: f32) -> f32 {
    (1.0 + p.teacher_support_trust * (trust - p.reference)).max(0.0)
}

/// Outside mental-health resources of a student's school and class (0–1):
/// the school's community services ([`School::services`](crate::population::School::services)), 1 when it has a
/// counsellor ([`School::counsellor`](crate::population::School::counsellor)), else 0, and the teacher's
/// mental-health training ([`Class::teacher_mh_training`](crate::population::Class::teacher_mh_training)).
#[inline]
pub fn outside_resources(services: f32, counsellor: f32, mh_training: f32) -> f32 {
    (services.min(1.0) + counsellor + mh_training) / 3.0
}

/// Cultural fit of school practice for the family (1 for the majority, or
/// with the cultural-fit switch off `on` = 0).
#[inline]
pub fn cultural_fit(p: &Trust, minority: bool, responsive: f32, on: f32) -> f32 {
    let m = minority as u8 as f32 * on;
    1.0 - m * (1.0 - p.minority_fit) * (1.0 - responsive.min(1.0))
}

/// Weekly school-alienation stress of a student at this fit (school weeks).
#[inline]
pub fn alienation_stress(p: &Trust, fit: f32, in_school: f32) -> f32 {
    p.minority_stress * (1.0 - fit) * in_school
}

/// What the family sees of the school this week.
#[derive(Debug, Clone, Copy)]
pub struct Contact {
    /// Two-way contact (quality-weighted).
    pub two_way: f32,
    /// One-way contact.
    pub one_way: f32,
    /// Parent volunteering at school.
    pub volunteer: f32,
    /// Cultural fit.
    pub fit: f32,
}

/// Trust after this week; `on` is the trust-dynamics switch (0: trust stays).
#[inline]
pub fn trust(p: &Trust, current: f32, set_point: f32, c: &Contact, on: f32) -> f32 {
    let two_way = c.two_way.min(1.0);
    let target = set_point + p.two_way_gain * two_way * c.fit * (1.0 - set_point)
        - p.alienation * c.one_way.min(1.0) * (1.0 - c.fit)
        + p.volunteer_trust * c.volunteer.min(1.0);
    let rate = (p.rate + p.contact_rate * two_way) * on;
    current + rate * (target - current)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(two_way: f32, one_way: f32, fit: f32) -> Contact {
        Contact {
            two_way,
            one_way,
            volunteer: 0.0,
            fit,
        }
    }

    #[test]
    fn two_way_contact_builds_trust_fastest_where_it_is_lowest() {
        let p = Trust::default();
        let gain = |t0: f32| trust(&p, t0, t0, &contact(0.8, 0.0, 1.0), 1.0) - t0;
        assert!(gain(0.3) > gain(0.7) && gain(0.7) > 0.0);
        let slow = trust(&p, 0.3, 0.3, &contact(0.1, 0.0, 1.0), 1.0) - 0.3;
        assert!(gain(0.3) > 2.0 * slow);
        let vol = Contact {
            volunteer: 1.0,
            ..contact(0.0, 0.0, 1.0)
        };
        assert!(trust(&p, 0.5, 0.5, &vol, 1.0) > 0.5);
    }

    #[test]
    fn ill_fitting_one_way_contact_wears_trust_down_and_off_keeps_it() {
        let p = Trust::default();
        assert!(trust(&p, 0.5, 0.5, &contact(0.0, 1.0, 0.5), 1.0) < 0.5);
        assert_eq!(trust(&p, 0.5, 0.5, &contact(1.0, 1.0, 0.5), 0.0), 0.5);
    }

    #[test]
    fn responsive_practice_restores_fit_and_removes_alienation_stress() {
        let p = Trust::default();
        let usual = cultural_fit(&p, true, 0.0, 1.0);
        assert!(usual < 1.0 && cultural_fit(&p, true, 1.0, 1.0) == 1.0);
        assert_eq!(cultural_fit(&p, false, 0.0, 1.0), 1.0);
        assert_eq!(cultural_fit(&p, true, 0.0, 0.0), 1.0);
        assert!(alienation_stress(&p, usual, 1.0) > 0.0);
        assert_eq!(alienation_stress(&p, 1.0, 1.0), 0.0);
        assert_eq!(alienation_stress(&p, usual, 0.0), 0.0);
    }

    #[test]
    fn children_of_trusting_families_perceive_more_teacher_support() {
        let p = Trust::default();
        assert!(teacher_support_factor(&p, 0.3) < teacher_support_factor(&p, 0.8));
        assert_eq!(teacher_support_factor(&p, p.reference), 1.0);
        assert!(teacher_support_factor(&p, 0.0) >= 0.0);
    }

    #[test]
    fn uptake_rises_with_trust_and_falls_with_outside_resources() {
        let p = Trust::default();
        assert!(uptake(&p, 0.8, 0.7, 0.3) > uptake(&p, 0.4, 0.7, 0.3));
        assert!(uptake(&p, 0.8, 0.7, 0.9) < uptake(&p, 0.8, 0.7, 0.1));
    }
}
