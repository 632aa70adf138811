//! Parents helped to support homework (family literacy) (seed 001).
//!
//! Channel: academic engagement only: no social-emotional effect.

use super::{Component, ComponentSettings, component_info};
use crate::model::{StudentLevers, WeekInfo};
use crate::population::Student;

/// Parents helped to support homework (family literacy).
pub struct HomeworkHelp {
    settings: ComponentSettings,
}

fn defaults(_weeks_per_year: u32) -> ComponentSettings {
    ComponentSettings::new(1.0, 20.0, 2.0)
}

component_info!(
    HomeworkHelp,
    "homework_help",
    Family,
    SchoolWeeks,
    "parents helped to support homework (family literacy)",
    "seed 001",
    "academic engagement only: no social-emotional effect"
);

impl Component for HomeworkHelp {
    fn step(&self, _week: &WeekInfo, _student: &Student, dose: f32, levers: &mut StudentLevers) {
        levers.homework += dose;
    }
}
