//! Mechanism 1 — stress and bounce-back (seed 000 §2.1–2.3).
//!
//! Weekly stressors from every ecological layer — academic load that builds
//! over each term, peer conflict, community risk, separation from migrant
//! parents, school alienation of minority students and the student's chronic
//! strain — are filtered by support, regulation and resilience. What gets
//! through feeds two time scales: a **transient strain** with a memory of a
//! week or two (the calendar moves it: holidays lower it quickly) and **slow
//! symptoms** that rise with strain and remit at a rate resilience sets
//! (half-lives of months, Chi et al. 2020). A screen reads their sum. A
//! moderate challenge that is coped with strengthens regulation and efficacy;
//! overwhelming stress erodes efficacy and hope (inverted U).

use crate::params::Stress;

/// This week's stressors, in stress units.
#[derive(Debug, Clone, Copy)]
pub struct Stressors {
    /// School work.
    pub academic: f32,
    /// Peer conflict.
    pub peer: f32,
    /// Community risk event.
    pub community: f32,
    /// Separation from migrant parents.
    pub separation: f32,
    /// School alienation of minority students.
    pub alienation: f32,
    /// Chronic strain.
    pub chronic: f32,
}

impl Stressors {
    /// Their sum.
    #[inline]
    pub fn total(&self) -> f32 {
        self.academic
            + self.peer
            + self.community
            + self.separation
            + self.alienation
            + self.chronic
    }
}

/// What a student is exposed to this week.
#[derive(Debug, Clone, Copy)]
pub struct Exposure {
    /// 1 in a school week, 0 in holidays.
    pub in_school: f32,
    /// 1 in an exam week.
    pub exam: f32,
    /// Progress through the term (0–1).
    pub term_progress: f32,
    /// The school's academic pressure multiplier.
    pub pressure: f32,
    /// Grades above 7 (× the sex–grade switch).
    pub grade_step: f32,
    /// The student's social competence.
    pub social_competence: f32,
    /// The school's community risk after partnership work.
    pub community_risk: f32,
    /// Separation stress (from [`super::left_behind`]).
    pub separation: f32,
    /// School-alienation stress (from [`super::trust`]).
    pub alienation: f32,
    /// Chronic strain (from [`super::chronic`]).
    pub chronic: f32,
}

/// The academic load of a school week: base × term ramp × exam × pressure ×
/// grade step (0 in holidays).
#[inline]
pub fn academic_load(p: &Stress, x: &Exposure) -> f32 {
    let exam = 1.0 + (p.exam_multiplier - 1.0) * x.exam;
    x.in_school
        * p.academic_load
        * (1.0 + p.term_ramp * x.term_progress)
        * exam
        * x.pressure
        * (1.0 + p.grade_load * x.grade_step)
}

/// This week's stressors; `u` holds the week's uniforms: academic noise,
/// (unused: the family event goes to chronic strain), peer conflict,
/// community event. Events are selected, not branched on.
#[inline]
pub fn stressors(p: &Stress, x: &Exposure, u: [f32; 4]) -> Stressors {
    let peer_rate = x.in_school * p.peer_conflict_rate * (1.5 - x.social_competence);
    let community_rate = p.community_event_rate * x.community_risk;
    Stressors {
        academic: academic_load(p, x) * (0.5 + u[0]),
        peer: p.peer_conflict_size * (u[2] < peer_rate) as u8 as f32,
        community: p.community_event_size * (u[3] < community_rate) as u8 as f32,
        separation: x.separation,
        alienation: x.alienation,
        chronic: x.chronic,
    }
}

/// The jump a family adversity event adds to chronic strain this week
/// (0 without one): rate × (1 + g·(1 − SES)).
#[inline]
pub fn family_event(p: &Stress, ses: f32, u: f32) -> f32 {
    let rate = p.family_event_rate * (1.0 + p.ses_gradient * (1.0 - ses));
    p.family_event_size * (u < rate) as u8 as f32
}

/// Stress that gets through resilience: `incoming × (1 − k·resilience)`.
#[inline]
pub fn resisted(p: &Stress, incoming: f32, resilience: f32) -> f32 {
    incoming * (1.0 - p.stress_resistance * resilience)
}

/// The transient strain after this week's filtered stress.
#[inline]
pub fn strain(p: &Stress, current: f32, filtered: f32) -> f32 {
    let tau = p.strain_persistence;
    tau * current + (1.0 - tau) * p.strain_gain * filtered
}

/// The slow symptoms after this week: they rise with filtered stress
/// (times headroom) and remit at `recovery_base + recovery_resilience ×
/// resilience`.
#[inline]
pub fn symptoms(p: &Stress, current: f32, filtered: f32, resilience: f32) -> f32 {
    let recovery = p.recovery_base + p.recovery_resilience * resilience;
    current + p.symptom_gain * filtered * (1.0 - current) - recovery * current
}

/// Growth and erosion of resilience components from this week's filtered
/// stress: growth (× inoculation) for a challenge that was coped with (not
/// screening positive), erosion above the overwhelm level; `on` is the
/// stress-growth switch.
#[inline]
pub fn challenge(p: &Stress, filtered: f32, coped: f32, on: f32) -> (f32, f32) {
    let over = (filtered - p.overwhelm_level).max(0.0);
    let is_over = (over > 0.0) as u8 as f32;
    let challenged = (filtered > p.challenge_level) as u8 as f32 * (1.0 - is_over) * coped;
    (
        on * challenged * p.inoculation_gain * filtered,
        on * p.erosion_rate * over,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exposure() -> Exposure {
        Exposure {
            in_school: 1.0,
            exam: 0.0,
            term_progress: 0.0,
            pressure: 1.0,
            grade_step: 0.0,
            social_competence: 0.5,
            community_risk: 0.5,
            separation: 0.0,
            alienation: 0.0,
            chronic: 0.0,
        }
    }

    #[test]
    fn academic_load_builds_over_the_term_is_modest_in_exams_and_absent_in_holidays() {
        let p = Stress::default();
        let start = academic_load(&p, &exposure());
        let end = academic_load(
            &p,
            &Exposure {
                term_progress: 1.0,
                ..exposure()
            },
        );
        let exam = academic_load(
            &p,
            &Exposure {
                term_progress: 1.0,
                exam: 1.0,
                ..exposure()
            },
        );
        let holiday = academic_load(
            &p,
            &Exposure {
                in_school: 0.0,
                ..exposure()
            },
        );
        assert!(end > start && exam > end && exam < 2.0 * start);
        assert_eq!(holiday, 0.0);
        let grade9 = academic_load(
            &p,
            &Exposure {
                grade_step: 2.0,
                ..exposure()
            },
        );
        assert!(grade9 > start && grade9 < 1.2 * start);
    }

    #[test]
    fn symptoms_are_slow_and_strain_is_fast() {
        let p = Stress::default();
        // A month without stress: strain is nearly gone, symptoms mostly stay.
        let (mut s, mut d) = (0.2, 0.3);
        for _ in 0..4 {
            s = strain(&p, s, 0.0);
            d = symptoms(&p, d, 0.0, 0.5);
        }
        assert!(s < 0.02, "strain {s}");
        assert!(d > 0.25, "symptoms {d}");
        // Higher resilience: faster remission.
        assert!(symptoms(&p, 0.3, 0.0, 0.8) < symptoms(&p, 0.3, 0.0, 0.2));
        // More stress: more symptoms.
        assert!(symptoms(&p, 0.3, 0.2, 0.5) > symptoms(&p, 0.3, 0.0, 0.5));
    }

    #[test]
    fn events_fire_below_their_rate_and_resilience_keeps_stress_out() {
        let p = Stress::default();
        let x = exposure();
        assert_eq!(
            stressors(&p, &x, [0.5, 0.0, 0.0, 0.0]).peer,
            p.peer_conflict_size
        );
        assert_eq!(stressors(&p, &x, [0.5, 0.0, 0.99, 0.99]).peer, 0.0);
        assert!(family_event(&p, 0.1, 0.0) > 0.0 && family_event(&p, 0.1, 0.99) == 0.0);
        assert!(resisted(&p, 0.1, 0.8) < resisted(&p, 0.1, 0.2));
    }

    #[test]
    fn challenge_is_an_inverted_u_and_off_is_neutral() {
        let p = Stress::default();
        let (g_none, _) = challenge(&p, 0.0, 1.0, 1.0);
        let (g_mid, e_mid) = challenge(&p, 0.08, 1.0, 1.0);
        let (g_high, e_high) = challenge(&p, 0.3, 1.0, 1.0);
        assert!(g_mid > g_none && g_mid > g_high && e_mid == 0.0 && e_high > 0.0);
        assert_eq!(challenge(&p, 0.08, 0.0, 1.0).0, 0.0, "not coped: no growth");
        assert_eq!(challenge(&p, 0.3, 1.0, 0.0), (0.0, 0.0));
    }
}
