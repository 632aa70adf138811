//! Mechanism 9 — outcomes beyond the student (seed 003).
//!
//! Parents' self-efficacy rises with their involvement; teachers pay for
//! collaboration in hours (counted by the engine from the components and from
//! joint care, see [`care_hours`]).

use crate::params::{Adults, Detection};

/// Parent efficacy after a week of the given involvement (0–1).
#[inline]
pub fn parent_efficacy(p: &Adults, current: f32, set_point: f32, involvement: f32) -> f32 {
    let target = set_point + p.parent_efficacy_gain * involvement.min(1.0);
    current + p.parent_efficacy_rate * (target - current)
}

/// Teacher hours that a week of joint care for one student takes.
#[inline]
pub fn care_hours(p: &Detection, in_care: bool) -> f32 {
    if in_care { p.care_hours } else { 0.0 }
}
