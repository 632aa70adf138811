//! Teacher training in family engagement (seed 000 §4.3 ref [9]; seed 003).
//!
//! Channel: quality of every home-school contact and teacher support; trust.

use super::{Component, ComponentSettings, component_info};
use crate::model::{StudentLevers, WeekInfo};
use crate::population::Student;

/// Teacher training in family engagement.
pub struct TeacherTraining {
    settings: ComponentSettings,
}

fn defaults(_weeks_per_year: u32) -> ComponentSettings {
    let mut s = ComponentSettings::new(1.0, 10.0, 1.0);
    s.fidelity = 0.9;
    s
}

component_info!(
    TeacherTraining,
    "teacher_training",
    Class,
    SchoolWeeks,
    "teacher training in family engagement",
    "seed 000 §4.3 ref [9]; seed 003",
    "quality of every home-school contact and teacher support; trust"
);

impl Component for TeacherTraining {
    fn step(&self, _week: &WeekInfo, _student: &Student, dose: f32, levers: &mut StudentLevers) {
        levers.teacher_training += dose;
    }
}
