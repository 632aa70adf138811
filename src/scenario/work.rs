//! The work limit: how many student-weeks one scenario may ask for.
//!
//! Loading refuses a scenario over the limit (`resim check` too), and
//! `guard::check_work` refuses a run over it before anything is allocated.

use super::Scenario;
use crate::problem::{Message, Problem};

/// Most student-weeks one run may simulate (each replicate's burn-in once,
/// then every strategy): 10^13, a week of computing on two cores and hours
/// on a large node.
pub const MAX_STUDENT_WEEKS: u64 = 10_000_000_000_000;

/// Student-weeks a scenario asks for: [`simulated_student_weeks`] of its
/// replicates.
pub fn student_weeks(sc: &Scenario) -> u64 {
    Work::of(sc).student_weeks
}

/// Student-weeks simulated by `replicates` replicates of a scenario:
/// students × (burn-in weeks + strategies × weeks) × replicates, since the
/// burn-in (usual practice for every strategy) is simulated once per
/// replicate (saturating, so absurd values stay comparable).
pub fn simulated_student_weeks(sc: &Scenario, replicates: u32) -> u64 {
    Work::with_replicates(sc, replicates).student_weeks
}

/// The factors of a scenario's work and the student-weeks they simulate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Work {
    /// Students per replicate.
    pub students: u64,
    /// Burn-in weeks (simulated once per replicate).
    pub burn_in: u64,
    /// Weeks after the burn-in (simulated for every strategy).
    pub weeks: u64,
    /// Strategies.
    pub strategies: u64,
    /// Replicates.
    pub replicates: u64,
    /// Students × (burn-in + strategies × weeks) × replicates (saturating).
    pub student_weeks: u64,
}

impl Work {
    /// The work `sc` asks for.
    pub fn of(sc: &Scenario) -> Work {
        Work::with_replicates(sc, sc.run.replicates)
    }

    /// The work of `replicates` replicates of `sc`.
    pub fn with_replicates(sc: &Scenario, replicates: u32) -> Work {
        let students = sc.students();
        let burn_in = sc.calendar.burn_in_weeks as u64;
        let weeks = sc.calendar.total_weeks() as u64;
        let strategies = sc.strategies.len() as u64;
        let replicates = replicates as u64;
        Work {
            students,
            burn_in,
            weeks,
            strategies,
            replicates,
            student_weeks: students
                .saturating_mul(strategies.saturating_mul(weeks).saturating_add(burn_in))
                .saturating_mul(replicates),
        }
    }

    /// Whether the work is over [`MAX_STUDENT_WEEKS`].
    pub fn too_much(&self) -> bool {
        self.student_weeks > MAX_STUDENT_WEEKS
    }

    /// The catalogue message `id` with the work's factors and product as
    /// its arguments (`students`, `burn_in`, `strategies`, `weeks`,
    /// `replicates`, `student_weeks`): a scenario file over the limit, or a
    /// run the resource guard refuses.
    pub fn message(&self, id: &'static str) -> Message {
        Message::new(id)
            .arg("students", self.students)
            .arg("burn_in", self.burn_in)
            .arg("strategies", self.strategies)
            .arg("weeks", self.weeks)
            .arg("replicates", self.replicates)
            .arg("student_weeks", self.student_weeks)
    }

    /// The problem of a scenario file over the limit (at `run.replicates`).
    pub(super) fn problem(&self) -> Problem {
        Problem::new(
            "run.replicates",
            self.message("problem-too-much-work"),
            Message::new("valid-work").arg("max", MAX_STUDENT_WEEKS),
        )
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn work_is_the_product_of_its_factors_and_saturates() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/scenarios/quickstart.toml"
        ))
        .unwrap();
        let mut sc = crate::scenario::parse(&text, Path::new("quickstart.toml")).unwrap();
        let w = Work::of(&sc);
        assert_eq!(
            (w.students, w.burn_in, w.weeks, w.strategies, w.replicates),
            (320, 156, 52, 3, 16)
        );
        // The burn-in is simulated once per replicate, then every strategy.
        assert_eq!(w.student_weeks, 320 * (156 + 3 * 52) * 16);
        assert_eq!(student_weeks(&sc), w.student_weeks);
        assert_eq!(simulated_student_weeks(&sc, 2), 320 * (156 + 3 * 52) * 2);
        assert!(!w.too_much());
        sc.run.replicates = u32::MAX;
        sc.population.schools = u32::MAX;
        let w = Work::of(&sc);
        assert_eq!(w.student_weeks, u64::MAX);
        assert!(w.too_much());
        assert_eq!(w.problem().key, "run.replicates");
    }
}
