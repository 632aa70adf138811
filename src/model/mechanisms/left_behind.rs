//! Mechanism 8 — left-behind children (seed 002).
//!
//! Absent parents lower family support and modelling; grandparent carers meet
//! physical needs but talk less about feelings; remote contact (calls, video)
//! and the Spring Festival return partly restore support.

use crate::params::{Stress, Support};
use crate::population::{Family, LeftBehind};

/// Caregiving presence this week: full when parents are home, otherwise the
/// family's presence plus what remote contact restores of the absence.
#[inline]
pub fn presence(p: &Support, family: &Family, parents_home: bool, remote_contact: f32) -> f32 {
    if parents_home {
        1.0
    } else {
        family.presence + (1.0 - family.presence) * p.remote_restore * remote_contact.min(1.0)
    }
}

/// How much carers talk about feelings relative to parents.
#[inline]
pub fn emotional_talk(p: &Support, family: &Family, parents_home: bool) -> f32 {
    if family.grandparent_care && !parents_home {
        p.grandparent_talk
    } else {
        1.0
    }
}

/// Weekly stress of separation, lowered by remote contact, gone while parents are home.
#[inline]
pub fn separation_stress(
    p: &Stress,
    s: &Support,
    kind: LeftBehind,
    parents_home: bool,
    remote_contact: f32,
) -> f32 {
    if parents_home {
        return 0.0;
    }
    let base = match kind {
        LeftBehind::None => return 0.0,
        LeftBehind::OneParent => p.separation_one_parent,
        LeftBehind::BothParents => p.separation_both_parents,
    };
    base * (1.0 - s.remote_restore * remote_contact.min(1.0))
}
