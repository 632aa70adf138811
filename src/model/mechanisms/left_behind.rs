//! Mechanism 8 — left-behind children (seed 002; Wang et al. 2019; Chen et
//! al. 2020; Guang et al. 2017; Shi et al. 2016).
//!
//! Absent parents lower caregiver presence (both away more than one away);
//! grandparent carers meet physical needs but talk less about feelings;
//! separation is a weekly stressor. Remote contact (calls, video) partly
//! restores presence and buffers the separation stress. In the Spring
//! Festival return weeks parents are home: presence is full and separation
//! stress stops, which lifts support and lowers the transient strain for a
//! few weeks — slow symptoms do not reset (Shi et al. 2016: return brings no
//! quick recovery). The `on` switch (0) makes left-behind children live as if
//! with both parents.

use crate::params::{Stress, Support};
use crate::population::LeftBehind;

/// Caregiver presence this week (1 with parents at home); `away` is the
/// family's presence while migrant parents are away ([`Family::presence`](crate::population::Family::presence)).
#[inline]
pub fn presence(p: &Support, away: f32, parents_home: f32, remote_contact: f32, on: f32) -> f32 {
    let away = away + (1.0 - away) * p.remote_restore * remote_contact.min(1.0);
    let absent = on * (1.0 - parents_home);
    absent * away + (1.0 - absent)
}

/// Emotional talk at home relative to parents (grandparent carers talk
/// less); `grandparent_care` is 1 when grandparents care for the child
/// while the parents are away ([`Family::grandparent_care`](crate::population::Family::grandparent_care)), else 0.
#[inline]
pub fn emotional_talk(p: &Support, grandparent_care: f32, parents_home: f32, on: f32) -> f32 {
    let grand = grandparent_care * on * (1.0 - parents_home);
    1.0 - grand * (1.0 - p.grandparent_talk)
}

/// Weekly separation stress after remote contact buffers it (0 with
/// parents home or not left behind).
#[inline]
pub fn separation_stress(
    p: &Stress,
    s: &Support,
    kind: LeftBehind,
    parents_home: f32,
    remote_contact: f32,
    on: f32,
) -> f32 {
    let base = separation_base(p, kind);
    on * (1.0 - parents_home) * base * (1.0 - s.remote_restore * remote_contact.min(1.0))
}

/// The weekly separation stress of a family's arrangement before remote
/// contact and the return weeks: 0 with both parents at home,
/// `separation_one_parent` or `separation_both_parents` otherwise.
///
/// Picks the value's bits with integer masks rather than a `match`, so a
/// lane of students picks theirs with a few vector instructions instead of
/// a branch and a load per student; the value is the parameter itself, bit
/// for bit (0.0 is the all-zero bit pattern).
#[inline]
pub fn separation_base(p: &Stress, kind: LeftBehind) -> f32 {
    // All ones where the kind matches, else all zeros.
    let mask = |k: LeftBehind| ((kind == k) as u32).wrapping_neg();
    f32::from_bits(
        (mask(LeftBehind::OneParent) & p.separation_one_parent.to_bits())
            | (mask(LeftBehind::BothParents) & p.separation_both_parents.to_bits()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::population::Family;

    #[test]
    fn each_arrangement_has_its_own_separation_stress_bit_for_bit() {
        for (one, both) in [(0.3f32, 0.6f32), (-0.0, f32::MIN_POSITIVE), (1.0, 0.0)] {
            let p = Stress {
                separation_one_parent: one,
                separation_both_parents: both,
                ..Stress::default()
            };
            let bits = |k| separation_base(&p, k).to_bits();
            assert_eq!(bits(LeftBehind::None), 0.0f32.to_bits());
            assert_eq!(bits(LeftBehind::OneParent), one.to_bits());
            assert_eq!(bits(LeftBehind::BothParents), both.to_bits());
        }
    }

    fn family(kind: LeftBehind) -> Family {
        let p = Support::default();
        let (presence, grandparent_care) = match kind {
            LeftBehind::None => (1.0, false),
            LeftBehind::OneParent => (p.one_parent_presence, false),
            LeftBehind::BothParents => (p.both_away_presence, true),
        };
        Family {
            presence,
            grandparent_care,
            warmth: 0.6,
            modelling_skill: 0.5,
            availability: 0.7,
            ses: 0.5,
            trust0: 0.6,
            parent_efficacy0: 0.5,
        }
    }

    #[test]
    fn both_away_is_worse_than_one_away_and_remote_contact_and_returns_help() {
        let (sp, st) = (Support::default(), Stress::default());
        let one = family(LeftBehind::OneParent);
        let both = family(LeftBehind::BothParents);
        assert!(
            presence(&sp, both.presence, 0.0, 0.2, 1.0)
                < presence(&sp, one.presence, 0.0, 0.2, 1.0)
        );
        assert!(
            presence(&sp, both.presence, 0.0, 0.8, 1.0)
                > presence(&sp, both.presence, 0.0, 0.2, 1.0)
        );
        assert_eq!(presence(&sp, both.presence, 1.0, 0.2, 1.0), 1.0);
        let sep = |k, home, remote| separation_stress(&st, &sp, k, home, remote, 1.0);
        assert!(sep(LeftBehind::BothParents, 0.0, 0.2) > sep(LeftBehind::OneParent, 0.0, 0.2));
        assert!(sep(LeftBehind::BothParents, 0.0, 0.8) < sep(LeftBehind::BothParents, 0.0, 0.2));
        assert_eq!(sep(LeftBehind::BothParents, 1.0, 0.2), 0.0);
        assert_eq!(sep(LeftBehind::None, 0.0, 0.0), 0.0);
        assert!(emotional_talk(&sp, both.grandparent_care as u8 as f32, 0.0, 1.0) < 1.0);
    }

    #[test]
    fn off_means_living_with_both_parents() {
        let (sp, st) = (Support::default(), Stress::default());
        let both = family(LeftBehind::BothParents);
        assert_eq!(presence(&sp, both.presence, 0.0, 0.0, 0.0), 1.0);
        assert_eq!(
            emotional_talk(&sp, both.grandparent_care as u8 as f32, 0.0, 0.0),
            1.0
        );
        assert_eq!(
            separation_stress(&st, &sp, LeftBehind::BothParents, 0.0, 0.0, 0.0),
            0.0
        );
    }
}
