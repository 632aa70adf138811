//! Mechanism 4 — information flow and detection (seed 000 §3.1; seed 002
//! §1.2.4; Moor et al. 2007; Sekhar et al. 2021).
//!
//! A struggling student is helped only once the information reaches an adult
//! who acts. Each channel adds to a weekly detection hazard: the teacher's
//! own eye, home–school contact (contact book, app, conference — at the
//! week's contact quality), joint goal monitoring and psychologist screening.
//! Detection starts weeks of joint home–school problem solving that relieve
//! a share of the slow symptoms — so relief is larger where need is larger
//! (Leijten et al. 2013) — more so when caregivers are engaged (seed 003).

use crate::params::Detection;

/// The week's detection channels, as hazards before stigma.
#[derive(Debug, Clone, Copy)]
pub struct Channels {
    /// The class teacher's own observation.
    pub teacher: f32,
    /// Information through home–school contact (taken up, quality-weighted).
    pub contact: f32,
    /// Joint goal setting and progress monitoring (taken up).
    pub goals: f32,
    /// Psychologist or counsellor screening.
    pub screening: f32,
}

/// Probability that a struggling student is noticed this week: `h·v / (1 +
/// h·v)` for hazard h and visibility v of the distress above the visible
/// level (0 below it); `on` is the detection switch. A rational form rather
/// than `1 − exp(−h·v)`: no `exp` in the weekly step.
#[inline]
pub fn probability(p: &Detection, stigma: f32, c: &Channels, distress: f32, on: f32) -> f32 {
    let visibility =
        (distress - p.visible_distress).max(0.0) / (1.0 - p.visible_distress).max(1e-6);
    let hazard = (c.teacher
        + p.info_gain * c.contact
        + p.goals_detection * c.goals
        + p.screening_rate * c.screening)
        * (1.0 - stigma)
        * on;
    let x = hazard * visibility;
    x / (1.0 + x)
}

/// Weekly share of slow symptoms relieved in joint care, given how engaged
/// the caregivers are.
#[inline]
pub fn relief(p: &Detection, synergy: f32, caregiver_engagement: f32) -> f32 {
    (p.care_effect * (1.0 + synergy * caregiver_engagement)).min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CH: Channels = Channels {
        teacher: 0.3,
        contact: 0.2,
        goals: 0.0,
        screening: 0.0,
    };

    #[test]
    fn more_distress_and_more_channels_are_noticed_more_and_off_is_never() {
        let p = Detection::default();
        assert_eq!(
            probability(&p, 0.3, &CH, p.visible_distress - 0.01, 1.0),
            0.0
        );
        assert!(probability(&p, 0.3, &CH, 0.6, 1.0) > probability(&p, 0.3, &CH, 0.4, 1.0));
        let more = Channels {
            screening: 1.0,
            ..CH
        };
        assert!(probability(&p, 0.3, &more, 0.5, 1.0) > probability(&p, 0.3, &CH, 0.5, 1.0));
        assert!(probability(&p, 0.6, &CH, 0.5, 1.0) < probability(&p, 0.3, &CH, 0.5, 1.0));
        assert_eq!(probability(&p, 0.3, &more, 0.9, 0.0), 0.0);
    }

    #[test]
    fn engaged_caregivers_relieve_more() {
        let p = Detection::default();
        assert!(relief(&p, 2.0, 0.8) > relief(&p, 2.0, 0.0));
        assert_eq!(relief(&p, 0.0, 0.8), p.care_effect);
    }
}
