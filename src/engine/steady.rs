//! Is usual practice in a steady state when the run starts?
//!
//! The burn-in starts near the stationary state (docs/ODD.md §5) and runs
//! whole years of usual practice so that week 1 falls in the right phase of
//! the calendar. This check measures what is left of the approach: the change
//! of the population's mean resilience from the second-last to the last
//! burn-in year (yearly means, so the calendar's seasons cancel). `resim
//! check` prints it and a run warns when it exceeds [`DRIFT_LIMIT`] or the
//! burn-in is not whole years.

use super::cohort::blocks_of;
use super::simulate::burn_in_resilience;
use crate::population::Population;
use crate::rng;
use crate::scenario::Scenario;

/// Largest acceptable drift of mean resilience, points (0–100) per year.
pub const DRIFT_LIMIT: f64 = 0.5;

/// Students the check simulates (at least): the scenario's schools are
/// repeated or cut to about this many, so the drift of a population mean is
/// measured with the same precision (±0.05 points) whatever the scenario's size.
pub const CHECK_STUDENTS: u64 = 20_000;

/// Students per block of the check's burn-in (at least; whole classes):
/// about ten blocks of [`CHECK_STUDENTS`], each running the whole burn-in as
/// one job, so that two to eight threads share them evenly, each block small
/// enough to stay in cache.
pub const CHECK_BLOCK_STUDENTS: usize = 2_048;

/// What the steady-state check found.
#[derive(Debug, Clone, PartialEq)]
pub struct BurnInCheck {
    /// Burn-in weeks of the scenario.
    pub burn_in_weeks: u32,
    /// Weeks of the scenario's year.
    pub weeks_per_year: u32,
    /// Change of yearly mean resilience (points) from the second-last to the
    /// last burn-in year; `None` when the burn-in is shorter than two years.
    pub drift: Option<f64>,
    /// Students simulated for the check.
    pub students: usize,
}

impl BurnInCheck {
    /// Whether the burn-in is a whole number of years (week 1 then falls at
    /// the start of the calendar's year).
    pub fn whole_years(&self) -> bool {
        self.weeks_per_year > 0 && self.burn_in_weeks.is_multiple_of(self.weeks_per_year)
    }

    /// Whether the drift is measured and within [`DRIFT_LIMIT`], with whole years.
    pub fn ok(&self) -> bool {
        self.whole_years() && self.drift.is_some_and(|d| d.abs() < DRIFT_LIMIT)
    }

    /// One line for the user.
    pub fn describe(&self) -> String {
        let years = self.burn_in_weeks as f64 / self.weeks_per_year.max(1) as f64;
        let drift = match self.drift {
            Some(d) => format!(
                "mean resilience moves {d:+.2} points over the last burn-in year (limit ±{DRIFT_LIMIT})"
            ),
            None => "drift not measured: the burn-in is shorter than two years".into(),
        };
        let mut line = format!(
            "steady state: {} burn-in weeks ({years:.2} years); {drift}; checked on {} students like the scenario's",
            self.burn_in_weeks, self.students
        );
        if !self.ok() {
            line.insert_str(0, "warning: ");
            if !self.whole_years() {
                line.push_str(
                    "; the burn-in is not a whole number of years, so week 1 is not at the start of the calendar's year",
                );
            }
            line.push_str(&format!(
                "; set calendar.burn_in_weeks to {} or more (whole years)",
                2 * self.weeks_per_year.max(1)
            ));
        }
        line
    }
}

/// Runs the burn-in of replicate 0 of `sc` under usual practice and measures
/// the drift of mean resilience over its last year (nothing is simulated
/// when the burn-in is shorter than two years: there is no drift to measure).
pub fn burn_in_check(sc: &Scenario) -> BurnInCheck {
    let mut like = sc.clone();
    let pop = &mut like.population;
    if pop.is_district() {
        // The district's schools in turn until there are enough students.
        let mut schools = Vec::new();
        let mut students = 0;
        for school in sc.population.district_schools.iter().cycle() {
            if students >= CHECK_STUDENTS {
                break;
            }
            students += school.students();
            schools.push(school.clone());
        }
        pop.district_schools = schools;
    } else {
        let per_school = (pop.classes_per_school * pop.class_size).max(1) as u64;
        pop.schools = CHECK_STUDENTS.div_ceil(per_school).max(1) as u32;
    }
    let key = rng::replicate_key(sc.run.seed, 0);
    let pop = Population::synthesize(&like.population, &like.traits, &like.params, key);
    // Blocks of a few classes, each running the whole burn-in as one job,
    // so that every thread steps a share of the check (it runs before the
    // run starts, on the run's threads). The drift needs the weekly means
    // of the last two years only.
    let blocks = blocks_of(&pop, CHECK_BLOCK_STUDENTS);
    let wpy = sc.calendar.weeks_per_year as usize;
    let drift = (wpy > 0 && sc.calendar.burn_in_weeks as usize >= 2 * wpy).then(|| {
        let means = burn_in_resilience(&like, &pop, &blocks, key, 2 * wpy);
        let year = |from: usize| means[from..from + wpy].iter().sum::<f64>() / wpy as f64;
        100.0 * (year(wpy) - year(0))
    });
    BurnInCheck {
        burn_in_weeks: sc.calendar.burn_in_weeks,
        weeks_per_year: sc.calendar.weeks_per_year,
        drift,
        students: pop.len(),
    }
}
