//! Teacher and parents set realistic goals together and monitor progress (seed 001; seed 000 §4.3; seed 003).
//!
//! Channel: self-efficacy via mastery, detection, home-school alignment.

use super::{Component, ComponentSettings, component_info};
use crate::model::{StudentLevers, WeekInfo};
use crate::population::Student;

/// Teacher and parents set realistic goals together and monitor progress.
pub struct JointGoalSetting {
    settings: ComponentSettings,
}

fn defaults(_weeks_per_year: u32) -> ComponentSettings {
    ComponentSettings::new(0.5, 30.0, 4.0)
}

component_info!(
    JointGoalSetting,
    "joint_goal_setting",
    Family,
    SchoolWeeks,
    "teacher and parents set realistic goals together and monitor progress",
    "seed 001; seed 000 §4.3; seed 003",
    "self-efficacy via mastery, detection, home-school alignment"
);

impl Component for JointGoalSetting {
    fn step(&self, _week: &WeekInfo, _student: &Student, dose: f32, levers: &mut StudentLevers) {
        levers.goals += dose;
        levers.info += 0.2 * dose;
        levers.two_way += 0.3 * dose;
    }
}
