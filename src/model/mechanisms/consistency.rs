//! Mechanism 3 — consistency across settings (seed 000 §3.1).
//!
//! When home and school teach the same emotional strategies, regulation is
//! learnt faster. Alignment grows with two-way communication and joint
//! planning that the family takes up, and fades without them.

use crate::params::Learning;

/// Alignment after a week, moving toward the joint work the family takes up.
#[inline]
pub fn alignment(p: &Learning, current: f32, joint_work: f32) -> f32 {
    current + p.alignment_rate * (joint_work.min(1.0) - current)
}

/// Speed-up of regulation learning at a given alignment.
#[inline]
pub fn learning_speed(p: &Learning, alignment: f32) -> f32 {
    1.0 + p.alignment_gain * alignment
}
