//! Mechanism 6 — mastery and self-efficacy (seed 000 §3.3).
//!
//! Realistic shared goals with timely feedback give success experiences, and
//! each success raises self-efficacy; without them efficacy drifts back to the
//! student's set point.

use crate::params::Learning;

/// Weekly probability of a success experience.
#[inline]
pub fn success_probability(p: &Learning, goals: f32, behaviour_support: f32) -> f32 {
    (p.mastery_base + p.goals_mastery * goals + p.behaviour_mastery * behaviour_support).min(1.0)
}

/// Self-efficacy after a week with or without a success experience. It
/// drifts toward the student's set point, raised by perceived support above
/// [`SUPPORT_REFERENCE`] (seed 000 §3.1: support makes students feel valued).
#[inline]
pub fn self_efficacy(
    p: &Learning,
    current: f32,
    set_point: f32,
    success: bool,
    support: f32,
) -> f32 {
    let gained = if success {
        current + p.mastery_step * (1.0 - current)
    } else {
        current
    };
    let target = set_point + p.support_efficacy_gain * (support - SUPPORT_REFERENCE);
    gained + p.setpoint_rate * (target - gained)
}

/// Perceived support (0–1) at which support neither raises nor lowers the
/// set points it shifts (self-efficacy, regulation, hope).
pub const SUPPORT_REFERENCE: f32 = 0.5;
