//! Mechanism 1 — stress and bounce-back (seed 000 §2.1–2.3).
//!
//! Weekly stressors from every ecological layer raise distress; resilience
//! sets how fast distress recovers. A moderate challenge that is coped with
//! strengthens regulation and efficacy; overwhelming stress erodes efficacy
//! and hope.

use crate::params::Stress;

/// The week's stressor events, drawn from common random numbers so that every
/// strategy meets the same events.
#[derive(Debug, Clone, Copy)]
pub struct Stressors {
    /// Academic load (0 outside school weeks).
    pub academic: f32,
    /// Family adversity event.
    pub family: f32,
    /// Peer conflict.
    pub peer: f32,
    /// Community risk event.
    pub community: f32,
    /// Separation from migrant parents.
    pub separation: f32,
}

impl Stressors {
    /// Total stress entering the student's week, before buffering.
    #[inline]
    pub fn total(&self) -> f32 {
        self.academic + self.family + self.peer + self.community + self.separation
    }
}

/// Inputs that set the chance and size of each stressor.
#[derive(Debug, Clone, Copy)]
pub struct Exposure {
    /// 1 in a school week, else 0.
    pub in_school: f32,
    /// An exam week.
    pub exam: bool,
    /// Academic-pressure multiplier of the school.
    pub pressure: f32,
    /// Family SES (0–1).
    pub ses: f32,
    /// Student's social competence (protects against conflict).
    pub social_competence: f32,
    /// Community risk (0–1), already lowered by any community partnership.
    pub community_risk: f32,
    /// Separation stress from mechanism 8.
    pub separation: f32,
}

/// Draws the week's stressors from four uniform numbers.
#[inline]
pub fn stressors(p: &Stress, x: &Exposure, u: [f32; 4]) -> Stressors {
    let exam = if x.exam { p.exam_multiplier } else { 1.0 };
    let academic = x.in_school * p.academic_load * exam * x.pressure * (0.5 + u[0]);
    let family_rate = p.family_event_rate * (1.0 + p.ses_gradient * (1.0 - x.ses));
    let peer_rate = x.in_school * p.peer_conflict_rate * (1.5 - x.social_competence);
    let community_rate = p.community_event_rate * x.community_risk;
    Stressors {
        academic,
        family: if u[1] < family_rate {
            p.family_event_size
        } else {
            0.0
        },
        peer: if u[2] < peer_rate {
            p.peer_conflict_size
        } else {
            0.0
        },
        community: if u[3] < community_rate {
            p.community_event_size
        } else {
            0.0
        },
        separation: x.separation,
    }
}

/// Share of buffered stress that gets through a student's resilience.
#[inline]
pub fn resisted(p: &Stress, incoming: f32, resilience: f32) -> f32 {
    incoming * (1.0 - p.stress_resistance * resilience)
}

/// Distress after a week: incoming stress fills the room left below 1,
/// and a share of distress recovers that grows with resilience (bounce-back).
#[inline]
pub fn bounce_back(p: &Stress, distress: f32, incoming: f32, resilience: f32) -> f32 {
    let recovery = (p.recovery_base + p.recovery_resilience * resilience).min(1.0);
    distress + incoming * (1.0 - distress) - recovery * distress
}

/// How a week's filtered stress changes regulation and efficacy (growth) or
/// efficacy and hope (erosion). Returns `(growth, erosion)` rates.
#[inline]
pub fn challenge(p: &Stress, incoming: f32, coped: bool) -> (f32, f32) {
    if incoming > p.overwhelm_level {
        (0.0, p.erosion_rate * (incoming - p.overwhelm_level))
    } else if incoming > p.challenge_level && coped {
        (p.inoculation_gain * incoming, 0.0)
    } else {
        (0.0, 0.0)
    }
}
