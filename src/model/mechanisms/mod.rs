//! The mechanisms of the model, one module each.
//!
//! Each is a small pure scalar function of the `f32` values it needs —
//! branch-free where it can be (events and switches are 0/1 multipliers) — so
//! a researcher can read, test and change one mechanism without reading the
//! others, and the weekly step runs each of them over a lane of students
//! laid out as structure of arrays ([`super::lane`]). The order in which
//! [`super::step::step`] calls them is the order of a week. Every module has unit tests of its direction and of its
//! neutral form (its `[mechanisms]` switch off).

pub mod academic;
pub mod adults;
pub mod chronic;
pub mod consistency;
pub mod detection;
pub mod left_behind;
pub mod mastery;
pub mod parenting;
pub mod social_learning;
pub mod stress;
pub mod support;
pub mod trust;

/// Clamps a value to the unit interval.
#[inline(always)]
pub fn unit(x: f32) -> f32 {
    x.clamp(0.0, 1.0)
}
