//! Mechanism 5 — social learning (seed 000 §3.2, §4.1; Bandura).
//!
//! Students learn regulation by watching their parents and teachers. The
//! regulation they move toward rises with their models' skill (parents' skill
//! grows with what a modelling programme trained, and stays in the family),
//! with a mental-health curriculum and with perceived support, and falls with
//! sustained distress.

use crate::params::Learning;

/// The skill of the student's models this week: parents (skill × presence ×
/// trained modelling) and, in school weeks, the teacher.
#[inline]
pub fn model_skill(
    p: &Learning,
    parent_skill: f32,
    presence: f32,
    home_modelling: f32,
    teacher_skill: f32,
    in_school: f32,
) -> f32 {
    let w = p.parent_model_weight;
    let parent = (parent_skill * presence * (1.0 + p.modelling_gain * home_modelling)).min(1.0);
    let teacher = teacher_skill * in_school;
    (w * parent + (1.0 - w) * teacher) / (w + (1.0 - w) * in_school).max(1e-6)
}

/// The regulation a student moves toward; `social_on` is the social-learning
/// switch and `distress_excess` distress above its reference times the
/// distress-feedback switch.
#[inline]
pub fn regulation_target(
    p: &Learning,
    set_point: f32,
    models: f32,
    curriculum: f32,
    support: f32,
    distress_excess: f32,
    social_on: f32,
) -> f32 {
    set_point
        + social_on * p.model_shift * (models - p.model_reference)
        + p.curriculum_gain * curriculum
        + p.support_regulation_gain * (support - p.support_reference)
        - p.distress_regulation * distress_excess
}

/// Regulation after this week: learning toward a higher target is sped up by
/// `speed` (alignment); falling toward a lower one is not.
#[inline]
pub fn regulation(p: &Learning, current: f32, target: f32, speed: f32) -> f32 {
    let up = (target > current) as u8 as f32;
    let speed = up * speed + (1.0 - up);
    current + (p.social_learning_rate * speed).min(1.0) * (target - current)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn better_models_a_curriculum_and_support_raise_the_target_and_distress_lowers_it() {
        let p = Learning::default();
        let t = |models, curriculum, support, excess, on| {
            regulation_target(&p, 0.5, models, curriculum, support, excess, on)
        };
        assert!(t(0.8, 0.0, 0.5, 0.0, 1.0) > t(0.3, 0.0, 0.5, 0.0, 1.0));
        assert_eq!(t(0.8, 0.0, 0.5, 0.0, 0.0), t(0.3, 0.0, 0.5, 0.0, 0.0));
        assert!(t(0.5, 1.0, 0.5, 0.0, 1.0) > t(0.5, 0.0, 0.5, 0.0, 1.0));
        assert!(t(0.5, 0.0, 0.8, 0.0, 1.0) > t(0.5, 0.0, 0.5, 0.0, 1.0));
        assert!(t(0.5, 0.0, 0.5, 0.3, 1.0) < t(0.5, 0.0, 0.5, 0.0, 1.0));
    }

    #[test]
    fn trained_parents_model_better_and_alignment_speeds_only_learning_up() {
        let p = Learning::default();
        assert!(
            model_skill(&p, 0.5, 1.0, 0.5, 0.5, 1.0) > model_skill(&p, 0.5, 1.0, 0.0, 0.5, 1.0)
        );
        assert!(
            model_skill(&p, 0.5, 0.5, 0.0, 0.5, 0.0) < model_skill(&p, 0.5, 1.0, 0.0, 0.5, 0.0)
        );
        assert!(regulation(&p, 0.4, 0.6, 2.0) > regulation(&p, 0.4, 0.6, 1.0));
        assert_eq!(regulation(&p, 0.6, 0.4, 2.0), regulation(&p, 0.6, 0.4, 1.0));
    }
}
