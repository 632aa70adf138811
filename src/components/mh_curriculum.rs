//! School mental-health curriculum: emotion regulation and coping lessons (seed 000 §4.2).
//!
//! Channel: emotion regulation and coping.

use super::{Component, ComponentSettings, component_info};
use crate::model::{StudentLevers, WeekInfo};
use crate::population::Student;

/// School mental-health curriculum: emotion regulation and coping lessons.
pub struct MhCurriculum {
    settings: ComponentSettings,
}

fn defaults(_weeks_per_year: u32) -> ComponentSettings {
    ComponentSettings::new(1.0, 15.0, 1.0)
}

component_info!(
    MhCurriculum,
    "mh_curriculum",
    Class,
    SchoolWeeks,
    "school mental-health curriculum: emotion regulation and coping lessons",
    "seed 000 §4.2",
    "emotion regulation and coping"
);

impl Component for MhCurriculum {
    fn step(&self, _week: &WeekInfo, _student: &Student, dose: f32, levers: &mut StudentLevers) {
        levers.curriculum += dose;
    }
}
