//! Parents volunteer in the school or class (seed 001).
//!
//! Channel: social competence only: no mental-health effect.

use super::{Component, ComponentSettings, component_info};
use crate::model::{StudentLevers, WeekInfo};
use crate::population::Student;

/// Parents volunteer in the school or class.
pub struct ParentVolunteering {
    settings: ComponentSettings,
}

fn defaults(_weeks_per_year: u32) -> ComponentSettings {
    ComponentSettings::new(0.25, 5.0, 1.0)
}

component_info!(
    ParentVolunteering,
    "parent_volunteering",
    Family,
    SchoolWeeks,
    "parents volunteer in the school or class",
    "seed 001",
    "social competence only: no mental-health effect"
);

impl Component for ParentVolunteering {
    fn step(&self, _week: &WeekInfo, _student: &Student, dose: f32, levers: &mut StudentLevers) {
        levers.volunteer += dose;
    }
}
