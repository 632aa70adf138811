//! What `manifest.json` records of the steady-state check.

use serde::{Deserialize, Serialize};

use crate::engine::BurnInCheck;

/// The steady-state check of a run (`engine::burn_in_check_from`): the drift
/// `resim check` prints, and the work the check added to the run's own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SteadyStateRecord {
    /// Burn-in weeks of the scenario.
    pub burn_in_weeks: u32,
    /// Change of yearly mean resilience (points, 0–100) over the last
    /// burn-in year; `null` when the burn-in is shorter than two years.
    pub drift_points_per_year: Option<f64>,
    /// Whether the drift is measured, within ±0.5 points, and the burn-in is
    /// whole years (otherwise the run warned).
    pub ok: bool,
    /// Replicates whose burn-ins the check reads (the first ones).
    pub replicates_read: u32,
    /// Of those, the replicates the run did not simulate, whose populations
    /// and burn-ins the check simulated after the run's replicates.
    pub burn_ins_simulated: u32,
    /// Student-weeks of those burn-ins: simulated besides the manifest's
    /// `student_weeks` and not in its `wall_seconds`.
    pub student_weeks: u64,
}

impl SteadyStateRecord {
    /// The record of `check`.
    pub fn of(check: &BurnInCheck) -> SteadyStateRecord {
        SteadyStateRecord {
            burn_in_weeks: check.burn_in_weeks,
            drift_points_per_year: check.drift,
            ok: check.ok(),
            replicates_read: check.replicates,
            burn_ins_simulated: check.simulated,
            student_weeks: check.simulated_student_weeks(),
        }
    }

    /// The check this record was made of, for a scenario of `weeks_per_year`
    /// weeks a year and `students` students a replicate: what a report reads
    /// back from `manifest.json` to say what the run said.
    pub fn check(&self, weeks_per_year: u32, students: u64) -> BurnInCheck {
        BurnInCheck {
            burn_in_weeks: self.burn_in_weeks,
            weeks_per_year,
            drift: self.drift_points_per_year,
            replicates: self.replicates_read,
            students: students.saturating_mul(self.replicates_read as u64),
            simulated: self.burn_ins_simulated,
        }
    }
}

/// The steady-state check a `manifest.json` records, for the year and the
/// students of the scenario it records: what a report or the studio reads
/// back to say what the run said. `None` for a manifest without one (older
/// runs, and jobs that make no check).
pub fn recorded_check(manifest: &serde_json::Value) -> Option<BurnInCheck> {
    let record = SteadyStateRecord::deserialize(manifest.get("steady_state")?).ok()?;
    let weeks_per_year = manifest
        .pointer("/scenario/calendar/weeks_per_year")?
        .as_u64()?;
    let students = manifest.get("students")?.as_u64()?;
    Some(record.check(u32::try_from(weeks_per_year).ok()?, students))
}
