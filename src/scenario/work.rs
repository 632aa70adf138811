//! The work limit: how many student-weeks one scenario may ask for.
//!
//! Loading refuses a scenario over the limit (`resim check` too), and
//! `guard::check_work` refuses a run over it before anything is allocated.

use super::Scenario;
use crate::problem::Problem;

/// Most student-weeks (burn-in included) one run may ask for: 10^13, a week
/// of computing on two cores and hours on a large node.
pub const MAX_STUDENT_WEEKS: u64 = 10_000_000_000_000;

/// Student-weeks a scenario asks for: students × (weeks + burn-in weeks) ×
/// strategies × replicates (saturating, so absurd values stay comparable).
pub fn student_weeks(sc: &Scenario) -> u64 {
    Work::of(sc).student_weeks
}

/// The factors of a scenario's work and their product.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Work {
    /// Students per replicate.
    pub students: u64,
    /// Weeks, burn-in included.
    pub weeks: u64,
    /// Strategies.
    pub strategies: u64,
    /// Replicates.
    pub replicates: u64,
    /// Their product (saturating).
    pub student_weeks: u64,
}

impl Work {
    /// The work `sc` asks for.
    pub fn of(sc: &Scenario) -> Work {
        let students = sc.students();
        let weeks = sc.calendar.total_weeks() as u64 + sc.calendar.burn_in_weeks as u64;
        let strategies = sc.strategies.len() as u64;
        let replicates = sc.run.replicates as u64;
        Work {
            students,
            weeks,
            strategies,
            replicates,
            student_weeks: students
                .saturating_mul(weeks)
                .saturating_mul(strategies)
                .saturating_mul(replicates),
        }
    }

    /// Whether the work is over [`MAX_STUDENT_WEEKS`].
    pub fn too_much(&self) -> bool {
        self.student_weeks > MAX_STUDENT_WEEKS
    }

    /// The problem of a scenario file over the limit (at `run.replicates`).
    pub(super) fn problem(&self) -> Problem {
        let Work {
            students,
            weeks,
            strategies,
            replicates,
            student_weeks,
        } = *self;
        Problem::new(
            "run.replicates",
            format!(
                "{students} students × {weeks} weeks (burn-in included) × {strategies} strategies × {replicates} replicates = {student_weeks} student-weeks, more than one run may ask for"
            ),
            format!(
                "at most {MAX_STUDENT_WEEKS} student-weeks; fewer replicates, students, weeks or strategies"
            ),
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
            (w.students, w.weeks, w.strategies, w.replicates),
            (320, 208, 3, 16)
        );
        assert_eq!(w.student_weeks, 320 * 208 * 3 * 16);
        assert_eq!(student_weeks(&sc), w.student_weeks);
        assert!(!w.too_much());
        sc.run.replicates = u32::MAX;
        sc.population.schools = u32::MAX;
        let w = Work::of(&sc);
        assert_eq!(w.student_weeks, u64::MAX);
        assert!(w.too_much());
        assert_eq!(w.problem().key, "run.replicates");
    }
}
