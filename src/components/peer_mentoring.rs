//! Older or trained peers mentor students (seed 000 §4.2).
//!
//! Channel: peer support and social competence.

use super::{Component, ComponentSettings, component_info};
use crate::model::{StudentLevers, WeekInfo};
use crate::population::Student;

/// Older or trained peers mentor students.
pub struct PeerMentoring {
    settings: ComponentSettings,
}

fn defaults(_weeks_per_year: u32) -> ComponentSettings {
    ComponentSettings::new(1.0, 10.0, 1.0)
}

component_info!(
    PeerMentoring,
    "peer_mentoring",
    Class,
    SchoolWeeks,
    "older or trained peers mentor students",
    "seed 000 §4.2",
    "peer support and social competence"
);

impl Component for PeerMentoring {
    fn step(&self, _week: &WeekInfo, _student: &Student, dose: f32, levers: &mut StudentLevers) {
        levers.mentoring += dose;
    }
}
