//! School psychologist or counsellor: screening and treatment (seed 003; seed 002 §1.2.2).
//!
//! Channel: screening (detection) and joint care.

use super::{Component, ComponentSettings, component_info};
use crate::model::{StudentLevers, WeekInfo};
use crate::population::Student;

/// School psychologist or counsellor: screening and treatment.
pub struct SchoolPsychologist {
    settings: ComponentSettings,
}

fn defaults(_weeks_per_year: u32) -> ComponentSettings {
    ComponentSettings::new(1.0, 40.0, 0.5)
}

component_info!(
    SchoolPsychologist,
    "school_psychologist",
    School,
    SchoolWeeks,
    "school psychologist or counsellor: screening and treatment",
    "seed 003; seed 002 §1.2.2",
    "screening (detection) and joint care"
);

impl Component for SchoolPsychologist {
    fn step(&self, _week: &WeekInfo, _student: &Student, dose: f32, levers: &mut StudentLevers) {
        levers.screening += dose;
    }
}
