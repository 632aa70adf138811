//! Parent-teacher conference in the calendar's conference weeks, one-way unless two_way = true (seed 000 §4.3; seed 002 §1.2.4).
//!
//! Channel: information flow and trust (little of either when one-way).

use super::{Component, ComponentSettings, component_info};
use crate::model::{StudentLevers, WeekInfo};
use crate::population::Student;

/// Parent-teacher conference in the calendar's conference weeks, one-way unless two_way = true.
pub struct TermlyConference {
    settings: ComponentSettings,
}

fn defaults(_weeks_per_year: u32) -> ComponentSettings {
    let mut s = ComponentSettings::new(1.0, 5.0, 0.5);
    s.two_way = false;
    s.fidelity = 0.9;
    s
}

component_info!(
    TermlyConference,
    "termly_conference",
    Family,
    ConferenceWeeks,
    "parent-teacher conference in the calendar's conference weeks, one-way unless two_way = true",
    "seed 000 §4.3; seed 002 §1.2.4",
    "information flow and trust (little of either when one-way)"
);

impl Component for TermlyConference {
    fn step(&self, _week: &WeekInfo, _student: &Student, dose: f32, levers: &mut StudentLevers) {
        if self.settings.two_way {
            levers.info += 1.0 * dose;
            levers.two_way += 0.5 * dose;
        } else {
            levers.info += 0.3 * dose;
            levers.one_way += 0.5 * dose;
        }
    }
}
