//! Mechanism 6 — mastery and self-efficacy (seed 000 §3.3; Talsma et al.
//! 2018; Tak et al. 2017).
//!
//! Realistic shared goals with timely feedback, behaviour support at home and
//! engagement in school work give success experiences, and each success
//! raises self-efficacy (performance → self-efficacy is the strong arrow).
//! Without them efficacy drifts toward a target set by the student's set
//! point, perceived support and — two-way feedback — sustained distress,
//! which lowers it.

use crate::params::{Academic, Learning};

/// Weekly probability of a success experience; `academic_on` is the
/// academic-pathway switch (engagement's part).
#[inline]
pub fn success_probability(
    p: &Learning,
    a: &Academic,
    goals: f32,
    home_behaviour: f32,
    engagement: f32,
    academic_on: f32,
) -> f32 {
    (p.mastery_base
        + p.goals_mastery * goals
        + p.behaviour_mastery * home_behaviour
        + academic_on * a.engagement_mastery * (engagement - a.engagement_reference))
        .clamp(0.0, 1.0)
}

/// Self-efficacy after this week: a success (1 or 0) adds a step times
/// headroom, then efficacy moves toward its target; `distress_excess` is
/// distress above its reference times the distress-feedback switch.
#[inline]
pub fn self_efficacy(
    p: &Learning,
    current: f32,
    set_point: f32,
    success: f32,
    support: f32,
    distress_excess: f32,
) -> f32 {
    let gained = current + success * p.mastery_step * (1.0 - current);
    let target = set_point + p.support_efficacy_gain * (support - p.support_reference)
        - p.distress_efficacy * distress_excess;
    gained + p.setpoint_rate * (target - gained)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goals_behaviour_support_and_engagement_bring_success() {
        let (p, a) = (Learning::default(), Academic::default());
        let base = success_probability(&p, &a, 0.0, 0.0, a.engagement_reference, 1.0);
        assert!(success_probability(&p, &a, 0.5, 0.0, a.engagement_reference, 1.0) > base);
        assert!(success_probability(&p, &a, 0.0, 0.5, a.engagement_reference, 1.0) > base);
        assert!(success_probability(&p, &a, 0.0, 0.0, 0.9, 1.0) > base);
        assert_eq!(success_probability(&p, &a, 0.0, 0.0, 0.9, 0.0), base);
    }

    #[test]
    fn success_and_support_raise_efficacy_and_distress_lowers_it() {
        let p = Learning::default();
        let at = |success, support, excess| self_efficacy(&p, 0.5, 0.5, success, support, excess);
        assert!(at(1.0, 0.5, 0.0) > at(0.0, 0.5, 0.0));
        assert!(at(0.0, 0.8, 0.0) > at(0.0, 0.5, 0.0));
        assert!(at(0.0, 0.5, 0.3) < at(0.0, 0.5, 0.0));
    }
}
