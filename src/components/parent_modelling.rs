//! Home-based programme training parents to model emotion regulation and coping (seed 001; seed 000 §4.1).
//!
//! Channel: social learning (parents' modelling) and family support.

use super::{Component, ComponentSettings, component_info};
use crate::model::{StudentLevers, WeekInfo};
use crate::population::Student;

/// Home-based programme training parents to model emotion regulation and coping.
pub struct ParentModelling {
    settings: ComponentSettings,
}

fn defaults(_weeks_per_year: u32) -> ComponentSettings {
    ComponentSettings::new(1.0, 60.0, 2.0)
}

component_info!(
    ParentModelling,
    "parent_modelling",
    Family,
    EveryWeek,
    "home-based programme training parents to model emotion regulation and coping",
    "seed 001; seed 000 §4.1",
    "social learning (parents' modelling) and family support"
);

impl Component for ParentModelling {
    fn step(&self, _week: &WeekInfo, _student: &Student, dose: f32, levers: &mut StudentLevers) {
        levers.modelling += dose;
        levers.two_way += 0.15 * dose;
    }
}
