//! Mechanism 7 — trust and uptake (seed 003; seed 001).
//!
//! Collaboration rests on trust. Two-way, culturally fitting contact builds
//! it; one-way contact that does not fit the family's culture wears it down.
//! A family's uptake of any programme is its trust times its availability
//! (time, transport and child care).

use crate::params::Trust;
use crate::population::{Class, School};

/// Share of what is offered that the family takes up this week and that
/// adds to what it already gets: trust × availability, less the part that
/// outside resources already provide (`outside`, 0–1, see
/// [`outside_resources`]).
#[inline]
pub fn uptake(p: &Trust, trust: f32, availability: f32, outside: f32) -> f32 {
    let t = if p.exponent == 1.0 {
        trust
    } else {
        trust.max(0.0).powf(p.exponent)
    };
    t * availability * (1.0 - p.outside_substitution * outside)
}

/// Mental-health resources around a student outside the family–school link
/// (0–1): the mean of the community's services, whether the school has a
/// counsellor, and the teacher's mental-health training (seed 001 ¶5,
/// seed 002 §1.2.2: plentiful in cities, scarce in rural areas).
#[inline]
pub fn outside_resources(school: &School, class: &Class) -> f32 {
    (school.services.min(1.0) + school.counsellor as u8 as f32 + class.teacher_mh_training) / 3.0
}

/// Cultural fit of school practice for a family: 1 for the majority; for the
/// minority it rises from `minority_fit` with culturally responsive practice.
#[inline]
pub fn cultural_fit(p: &Trust, minority: bool, responsive: f32) -> f32 {
    if minority {
        p.minority_fit + (1.0 - p.minority_fit) * responsive.min(1.0)
    } else {
        1.0
    }
}

/// Trust after a week of contact of the given kind and quality.
#[inline]
pub fn trust(p: &Trust, current: f32, set_point: f32, two_way: f32, one_way: f32, fit: f32) -> f32 {
    let target = set_point + p.two_way_gain * two_way.min(1.0) * fit
        - p.alienation * one_way.min(1.0) * (1.0 - fit);
    current + p.rate * (target - current)
}
