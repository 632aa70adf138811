//! Mechanism 4 — information flow and detection (seed 000 §3.1; seed 002
//! §1.2.4).
//!
//! A struggling student is helped only once the information reaches an adult
//! who acts. Each channel adds to a weekly detection hazard: the teacher's
//! own eye, home–school contact (contact book, app, conference), joint goal
//! monitoring and psychologist screening. Detection starts weeks of joint
//! home–school problem solving that relieve distress, more so when the
//! caregivers are engaged (seed 003).

use crate::params::Detection;

/// Weekly hazards of each channel, before visibility and stigma.
#[derive(Debug, Clone, Copy)]
pub struct Channels {
    /// The class teacher noticing unaided.
    pub teacher: f32,
    /// Information from home–school contact.
    pub contact: f32,
    /// Joint goal monitoring.
    pub goals: f32,
    /// Psychologist or counsellor screening.
    pub screening: f32,
}

/// Probability that a student with `distress` is noticed this week.
#[inline]
pub fn probability(p: &Detection, stigma: f32, c: &Channels, distress: f32) -> f32 {
    if distress <= p.visible_distress {
        return 0.0;
    }
    let visibility = (distress - p.visible_distress) / (1.0 - p.visible_distress).max(1e-6);
    let hazard = (c.teacher
        + p.info_gain * c.contact
        + p.goals_detection * c.goals
        + p.screening_rate * c.screening)
        * (1.0 - stigma);
    1.0 - (-hazard * visibility).exp()
}

/// Share of distress relieved in a week of joint care, given how engaged the
/// caregivers are in joint work (0–1).
#[inline]
pub fn relief(p: &Detection, synergy: f32, caregiver_engagement: f32) -> f32 {
    (p.care_effect * (1.0 + synergy * caregiver_engagement)).min(1.0)
}
