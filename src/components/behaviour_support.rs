//! Parent training in behaviour support: reinforcement and goal setting at home (seed 001; seed 000 §3.3).
//!
//! Channel: self-efficacy through mastery experiences.

use super::{Component, ComponentSettings, component_info};
use crate::model::{StudentLevers, WeekInfo};
use crate::population::Student;

/// Parent training in behaviour support: reinforcement and goal setting at home.
pub struct BehaviourSupport {
    settings: ComponentSettings,
}

fn defaults(_weeks_per_year: u32) -> ComponentSettings {
    ComponentSettings::new(0.5, 60.0, 2.0)
}

component_info!(
    BehaviourSupport,
    "behaviour_support",
    Family,
    EveryWeek,
    "parent training in behaviour support: reinforcement and goal setting at home",
    "seed 001; seed 000 §3.3",
    "self-efficacy through mastery experiences"
);

impl Component for BehaviourSupport {
    fn step(&self, _week: &WeekInfo, _student: &Student, dose: f32, levers: &mut StudentLevers) {
        levers.behaviour += dose;
    }
}
