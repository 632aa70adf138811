//! Home-school contact book: a written record both ways, daily or weekly (seed 000 §4.3).
//!
//! Channel: information flow with little lag; two-way contact builds trust and alignment.

use super::{Component, ComponentSettings, component_info};
use crate::model::{StudentLevers, WeekInfo};
use crate::population::Student;

/// Home-school contact book: a written record both ways, daily or weekly.
pub struct ContactBook {
    settings: ComponentSettings,
}

fn defaults(_weeks_per_year: u32) -> ComponentSettings {
    ComponentSettings::new(1.0, 8.0, 3.0)
}

component_info!(
    ContactBook,
    "contact_book",
    Family,
    SchoolWeeks,
    "home-school contact book: a written record both ways, daily or weekly",
    "seed 000 §4.3",
    "information flow with little lag; two-way contact builds trust and alignment"
);

impl Component for ContactBook {
    fn step(&self, _week: &WeekInfo, _student: &Student, dose: f32, levers: &mut StudentLevers) {
        levers.info += 0.5 * dose;
        if self.settings.two_way {
            levers.two_way += 0.4 * dose;
        } else {
            levers.one_way += 0.4 * dose;
        }
    }
}
