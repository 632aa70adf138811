//! What `manifest.json` records of the steady-state check.

use serde::Serialize;

use crate::engine::BurnInCheck;

/// The steady-state check of a run (`engine::burn_in_check_from`): the drift
/// `resim check` prints, and the work the check added to the run's own.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
}
