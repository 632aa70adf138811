//! Culturally responsive practice with families (seed 003; seed 001).
//!
//! Channel: cultural fit: closes the trust gap of minority families.

use super::{Component, ComponentSettings, component_info};
use crate::model::{StudentLevers, WeekInfo};
use crate::population::Student;

/// Culturally responsive practice with families.
pub struct CulturallyResponsive {
    settings: ComponentSettings,
}

fn defaults(_weeks_per_year: u32) -> ComponentSettings {
    let mut s = ComponentSettings::new(1.0, 5.0, 0.5);
    s.fidelity = 0.9;
    s
}

component_info!(
    CulturallyResponsive,
    "culturally_responsive",
    Class,
    SchoolWeeks,
    "culturally responsive practice with families",
    "seed 003; seed 001",
    "cultural fit: closes the trust gap of minority families"
);

impl Component for CulturallyResponsive {
    fn step(&self, _week: &WeekInfo, _student: &Student, dose: f32, levers: &mut StudentLevers) {
        levers.cultural += dose;
    }
}
