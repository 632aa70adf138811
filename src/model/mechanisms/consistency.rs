//! Mechanism 3 — consistency across settings (seed 000 §3.1).
//!
//! When home and school teach the same emotional strategies, regulation is
//! learnt faster. Alignment grows with two-way communication and joint
//! planning that the family takes up, and fades without them.

use crate::params::Learning;

/// Alignment after this week, following the joint work taken up (at most 1).
#[inline]
pub fn alignment(p: &Learning, current: f32, joint_work: f32) -> f32 {
    current + p.alignment_rate * (joint_work.min(1.0) - current)
}

/// How much faster regulation is learnt at this alignment; `on` is the
/// consistency switch.
#[inline]
pub fn learning_speed(p: &Learning, alignment: f32, on: f32) -> f32 {
    1.0 + on * p.alignment_gain * alignment
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joint_work_builds_alignment_which_speeds_learning_unless_off() {
        let p = Learning::default();
        assert!(alignment(&p, 0.0, 0.8) > 0.0);
        assert!(alignment(&p, 0.5, 0.0) < 0.5);
        assert!(learning_speed(&p, 0.5, 1.0) > learning_speed(&p, 0.0, 1.0));
        assert_eq!(learning_speed(&p, 0.5, 0.0), 1.0);
    }
}
