//! App, messages and video calls between school, carers and migrant parents (seed 000 §3.1; seed 002 §2.3).
//!
//! Channel: information flow; remote contact of migrant parents.

use super::{Component, ComponentSettings, component_info};
use crate::model::{StudentLevers, WeekInfo};
use crate::population::Student;

/// App, messages and video calls between school, carers and migrant parents.
pub struct DigitalChannel {
    settings: ComponentSettings,
}

fn defaults(_weeks_per_year: u32) -> ComponentSettings {
    let mut s = ComponentSettings::new(2.0, 12.0, 2.0);
    s.fidelity = 0.85;
    s
}

component_info!(
    DigitalChannel,
    "digital_channel",
    Family,
    EveryWeek,
    "app, messages and video calls between school, carers and migrant parents",
    "seed 000 §3.1; seed 002 §2.3",
    "information flow; remote contact of migrant parents"
);

impl Component for DigitalChannel {
    fn step(&self, _week: &WeekInfo, student: &Student, dose: f32, levers: &mut StudentLevers) {
        levers.info += 0.35 * dose;
        if self.settings.two_way {
            levers.two_way += 0.25 * dose;
        } else {
            levers.one_way += 0.25 * dose;
        }
        if student.left_behind.is_left_behind() {
            levers.remote += 0.5 * dose;
        }
    }
}
