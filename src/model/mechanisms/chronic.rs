//! Chronic strain (evolving heterogeneity): each student carries a slowly
//! changing strain — ongoing family, school and peer difficulties — that adds
//! to every week's stress. It follows a discrete Ornstein–Uhlenbeck process
//! around a long-run mean that is higher in poorer families, with a normal
//! innovation each week (one common random number per student-week) and jumps
//! when a family adversity event strikes, so students' rank order changes
//! over a school year (Garrison et al. 1990). Developmental change
//! ([`development`]) is the same kind of process for the resilience
//! components' targets.

use crate::params::{Learning, Stress};

/// The long-run mean of a student's chronic strain, given the family's SES.
#[inline]
pub fn long_run_mean(p: &Stress, ses: f32) -> f32 {
    p.chronic_mean + p.chronic_ses * (0.5 - ses)
}

/// Next week's chronic strain: `c ← φ·c + (1 − φ)·mean + sd·√(1 − φ²)·z +
/// jump`, never below 0; `on` is 1 with the mechanism on, 0 off (no strain).
#[inline]
pub fn next(p: &Stress, current: f32, ses: f32, z: f32, jump: f32, on: f32) -> f32 {
    let phi = p.chronic_persistence;
    let innovation = p.chronic_sd * (1.0 - phi * phi).sqrt() * z;
    let c = phi * current + (1.0 - phi) * long_run_mean(p, ses) + innovation + jump;
    (c * on).max(0.0)
}

/// Next week's developmental change: `δ ← φ·δ + sd·√(1 − φ²)·z` around 0;
/// `on` is the development switch.
#[inline]
pub fn development(p: &Learning, current: f32, z: f32, on: f32) -> f32 {
    let phi = p.development_persistence;
    (phi * current + p.development_sd * (1.0 - phi * phi).sqrt() * z) * on
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strain_returns_to_a_mean_that_is_higher_in_poorer_families() {
        let p = Stress::default();
        assert!(long_run_mean(&p, 0.2) > long_run_mean(&p, 0.8));
        let mean = long_run_mean(&p, 0.5);
        let mut c = mean + 0.1;
        for _ in 0..200 {
            c = next(&p, c, 0.5, 0.0, 0.0, 1.0);
        }
        assert!((c - mean).abs() < 0.01 * 0.1 + 1e-6);
    }

    #[test]
    fn development_wanders_around_zero_and_off_is_zero() {
        let p = Learning::default();
        let mut d = 0.1;
        for _ in 0..300 {
            d = development(&p, d, 0.0, 1.0);
        }
        assert!(d.abs() < 0.001);
        assert!(development(&p, 0.0, 1.0, 1.0) > 0.0);
        assert_eq!(development(&p, 0.1, 1.0, 0.0), 0.0);
    }

    #[test]
    fn a_jump_persists_for_months_and_off_means_none() {
        let p = Stress::default();
        let mean = long_run_mean(&p, 0.5);
        let mut c = next(&p, mean, 0.5, 0.0, 0.1, 1.0);
        for _ in 0..4 {
            c = next(&p, c, 0.5, 0.0, 0.0, 1.0);
        }
        assert!(c - mean > 0.05, "most of a jump is left after a month");
        for _ in 0..48 {
            c = next(&p, c, 0.5, 0.0, 0.0, 1.0);
        }
        assert!(c - mean < 0.01, "little is left after a year");
        assert_eq!(next(&p, 0.3, 0.5, 2.0, 0.1, 0.0), 0.0);
    }
}
