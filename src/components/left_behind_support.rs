//! Files for left-behind children, carer education, regular calls with parents, holiday visits (seed 002 §2.3-2.4).
//!
//! Channel: family support and remote contact of left-behind children.

use super::{Component, ComponentSettings, Target, component_info};
use crate::model::{StudentLevers, WeekInfo};
use crate::population::Student;

/// Files for left-behind children, carer education, regular calls with parents, holiday visits.
pub struct LeftBehindSupport {
    settings: ComponentSettings,
}

fn defaults(_weeks_per_year: u32) -> ComponentSettings {
    let mut s = ComponentSettings::new(1.0, 40.0, 3.0);
    s.target = Target::LeftBehind;
    s
}

component_info!(
    LeftBehindSupport,
    "left_behind_support",
    Family,
    EveryWeek,
    "files for left-behind children, carer education, regular calls with parents, holiday visits",
    "seed 002 §2.3-2.4",
    "family support and remote contact of left-behind children"
);

impl Component for LeftBehindSupport {
    fn step(&self, _week: &WeekInfo, _student: &Student, dose: f32, levers: &mut StudentLevers) {
        levers.left_behind_care += dose;
        levers.remote += 0.6 * dose;
        levers.info += 0.2 * dose;
    }
}
