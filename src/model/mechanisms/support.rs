//! Mechanism 2 — social support buffers stress (seed 000 §3.1, §3.4; Yu et
//! al. 2011 in seed 000 §2.2; Rueger et al. 2016).
//!
//! Support from family, teacher, peers and community fills perceived
//! support; distressed students perceive less of what is there (Ren et al.
//! 2018). Perceived support (for extraverts) and emotion regulation (for
//! introverts, seed 000 §2.3) filter how much stress turns into distress —
//! modestly, as buffering is weak in general youth samples.

use crate::params::Support;

/// The support each microsystem offers this week (0–1 each, before weights).
#[derive(Debug, Clone, Copy)]
pub struct Sources {
    /// Family.
    pub family: f32,
    /// Class teacher.
    pub teacher: f32,
    /// Friends.
    pub peer: f32,
    /// Community services.
    pub community: f32,
}

/// Perceived support after this week: it moves toward the support available
/// minus distress-driven withdrawal (`withdrawal` = distress above its
/// reference, times the distress-feedback switch), shifted by the student's
/// developmental change in how relationships are perceived (`development`).
#[inline]
pub fn perceived(p: &Support, current: f32, s: &Sources, withdrawal: f32, development: f32) -> f32 {
    let available = p.weight_family * s.family
        + p.weight_teacher * s.teacher
        + p.weight_peer * s.peer
        + p.weight_community * s.community
        - p.distress_withdrawal * withdrawal
        + development;
    current + p.adapt_rate * (available.clamp(0.0, 1.0) - current)
}

/// Stress after the support–regulation filter; `on` is the buffering switch.
#[inline]
pub fn buffered(
    p: &Support,
    stress: f32,
    support: f32,
    regulation: f32,
    extraversion: f32,
    on: f32,
) -> f32 {
    let shield = extraversion * support + (1.0 - extraversion) * regulation;
    stress * (1.0 - on * p.buffer_max * shield)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCES: Sources = Sources {
        family: 0.6,
        teacher: 0.5,
        peer: 0.5,
        community: 0.4,
    };

    #[test]
    fn more_support_available_raises_perceived_support_and_distress_lowers_it() {
        let p = Support::default();
        let more = Sources {
            family: 0.9,
            ..SOURCES
        };
        assert!(perceived(&p, 0.5, &more, 0.0, 0.0) > perceived(&p, 0.5, &SOURCES, 0.0, 0.0));
        assert!(perceived(&p, 0.5, &SOURCES, 0.2, 0.0) < perceived(&p, 0.5, &SOURCES, 0.0, 0.0));
        assert!(perceived(&p, 0.5, &SOURCES, 0.0, 0.1) > perceived(&p, 0.5, &SOURCES, 0.0, 0.0));
    }

    #[test]
    fn support_and_regulation_filter_stress_and_off_filters_nothing() {
        let p = Support::default();
        assert!(buffered(&p, 0.1, 0.8, 0.5, 1.0, 1.0) < buffered(&p, 0.1, 0.2, 0.5, 1.0, 1.0));
        assert!(buffered(&p, 0.1, 0.5, 0.8, 0.0, 1.0) < buffered(&p, 0.1, 0.5, 0.2, 0.0, 1.0));
        assert_eq!(buffered(&p, 0.1, 0.9, 0.9, 0.5, 0.0), 0.1);
    }
}
