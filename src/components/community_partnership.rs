//! School-family-community partnership (the tripartite system) (seed 002 §2.5).
//!
//! Channel: community support and lower community risk.

use super::{Component, ComponentSettings, component_info};
use crate::model::{StudentLevers, WeekInfo};
use crate::population::Student;

/// School-family-community partnership (the tripartite system).
pub struct CommunityPartnership {
    settings: ComponentSettings,
}

fn defaults(_weeks_per_year: u32) -> ComponentSettings {
    ComponentSettings::new(1.0, 20.0, 0.5)
}

component_info!(
    CommunityPartnership,
    "community_partnership",
    School,
    EveryWeek,
    "school-family-community partnership (the tripartite system)",
    "seed 002 §2.5",
    "community support and lower community risk"
);

impl Component for CommunityPartnership {
    fn step(&self, _week: &WeekInfo, _student: &Student, dose: f32, levers: &mut StudentLevers) {
        levers.partnership += dose;
    }
}
