//! Mechanism 2 — social support buffers stress (seed 000 §3.1, §3.4; Yu et
//! al. 2011 in seed 000 §2.2).
//!
//! Support from family, teacher, peers and community fills perceived
//! support; perceived support (for extraverts) and emotion regulation (for
//! introverts, seed 000 §2.3) filter how much stress turns into distress.

use crate::params::Support;

/// Support available from each microsystem this week (0–1 scales, before weights).
#[derive(Debug, Clone, Copy)]
pub struct Sources {
    /// Family support.
    pub family: f32,
    /// Teacher support.
    pub teacher: f32,
    /// Peer support.
    pub peer: f32,
    /// Community support.
    pub community: f32,
}

/// Perceived support after a week: it moves toward the weighted support available.
#[inline]
pub fn perceived(p: &Support, current: f32, s: &Sources) -> f32 {
    let available = p.weight_family * s.family
        + p.weight_teacher * s.teacher
        + p.weight_peer * s.peer
        + p.weight_community * s.community;
    current + p.adapt_rate * (available.clamp(0.0, 1.0) - current)
}

/// Stress that gets through: extraverts lean on support, introverts on their
/// own regulation.
#[inline]
pub fn buffered(p: &Support, stress: f32, support: f32, regulation: f32, extraversion: f32) -> f32 {
    let shield = extraversion * support + (1.0 - extraversion) * regulation;
    stress * (1.0 - p.buffer_max * shield)
}
