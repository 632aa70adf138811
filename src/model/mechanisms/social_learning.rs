//! Mechanism 5 — social learning (seed 000 §3.2, §4.1; Bandura).
//!
//! Students learn regulation by watching their parents and teachers. The
//! regulation they move toward rises with their models' skill, with a
//! mental-health curriculum, and with programmes that train parents to model.

use crate::params::Learning;

/// Average skill of models in the default population, the zero point of the shift.
const MODEL_REFERENCE: f32 = 0.45;

/// Skill of the student's models this week (0–1).
#[inline]
pub fn model_skill(
    p: &Learning,
    parent_skill: f32,
    presence: f32,
    modelling_programme: f32,
    teacher_skill: f32,
    in_school: f32,
) -> f32 {
    let parent =
        (parent_skill * presence * (1.0 + p.modelling_gain * modelling_programme)).min(1.0);
    let teacher = teacher_skill * in_school;
    (0.6 * parent + 0.4 * teacher) / (0.6 + 0.4 * in_school)
}

/// The regulation level the student is learning toward: the set point,
/// shifted by the models' skill, the curriculum and perceived support
/// (co-regulation, seed 000 §3.1).
#[inline]
pub fn regulation_target(
    p: &Learning,
    set_point: f32,
    models: f32,
    curriculum: f32,
    support: f32,
) -> f32 {
    set_point
        + p.model_shift * (models - MODEL_REFERENCE)
        + p.curriculum_gain * curriculum
        + p.support_regulation_gain * (support - super::mastery::SUPPORT_REFERENCE)
}

/// Regulation after a week of learning at `speed` (from mechanism 3).
/// Consistency speeds learning up toward a higher target; losses fade at
/// the plain rate.
#[inline]
pub fn regulation(p: &Learning, current: f32, target: f32, speed: f32) -> f32 {
    let speed = if target > current { speed } else { 1.0 };
    current + (p.social_learning_rate * speed).min(1.0) * (target - current)
}
