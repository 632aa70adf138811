//! The nine mechanisms of the model brief, one module each.
//!
//! Each is a small pure function of the values it needs, so a researcher can
//! read, test and change one mechanism without reading the others. The order
//! in which [`super::step::step_student`] calls them is the order of a week.

pub mod adults;
pub mod consistency;
pub mod detection;
pub mod left_behind;
pub mod mastery;
pub mod social_learning;
pub mod stress;
pub mod support;
pub mod trust;

/// Clamps to the 0–1 scale every state variable lives on.
#[inline(always)]
pub fn unit(x: f32) -> f32 {
    x.clamp(0.0, 1.0)
}
