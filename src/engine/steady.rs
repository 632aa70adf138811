//! Is usual practice in a steady state when the run starts?
//!
//! The burn-in starts near the stationary state (docs/ODD.md §5) and runs
//! whole years of usual practice so that week 1 falls in the right phase of
//! the calendar. This check measures what is left of the approach: the change
//! of the population's mean resilience from the second-last to the last
//! burn-in year (yearly means, so the calendar's seasons cancel). `resim
//! check` prints it and a run warns when it exceeds [`DRIFT_LIMIT`] or the
//! burn-in is not whole years.
//!
//! The check reads the burn-ins of the scenario's first
//! [`check_replicates`] replicates: the same students, random numbers and
//! weeks a run simulates, so a run of that many replicates or more measures
//! the drift for free as its engine burns in ([`BurnInTrace`], handed on
//! with each finished replicate), and a shorter run, or `resim check`,
//! simulates only the burn-ins it lacks ([`burn_in_check_from`]). The
//! weekly sums are exact integers, so the drift is the same bits whoever
//! simulated which burn-in, in whatever pieces, on any number of threads.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::Cancelled;
use super::cohort::block_count;
use super::schedule::window;
use super::simulate::burn_in_trace;
use crate::population::Population;
use crate::problem::Message;
use crate::rng;
use crate::scenario::Scenario;

/// Largest acceptable drift of mean resilience, points (0–100) per year.
pub const DRIFT_LIMIT: f64 = 0.5;

/// Students the check reads (at least): the burn-ins of as many of the
/// scenario's first replicates as make this many students, so the drift of
/// a population mean is measured with the same precision (±0.05 points)
/// whatever the scenario's size.
pub const CHECK_STUDENTS: u64 = 20_000;

/// Scale of the fixed-point resilience the check sums (2¹⁶ per unit, like
/// the recording's values): a student's resilience (0–1) becomes an integer
/// of 0 to 65,536, and integer sums do not depend on their order.
pub const TRACE_SCALE: f64 = crate::stats::survey::SCALE;

/// Replicates whose burn-ins the check reads: the first ⌈[`CHECK_STUDENTS`]
/// ÷ N⌉ of a scenario of N students a replicate (one when N ≥ 20,000).
pub fn check_replicates(sc: &Scenario) -> u32 {
    let students = sc.students().max(1);
    CHECK_STUDENTS.div_ceil(students).clamp(1, u32::MAX as u64) as u32
}

/// Burn-in weeks the check reads: the last two years, or none when the
/// burn-in is shorter than two years (there is no drift to measure, and
/// nothing is simulated for it).
pub fn checked_weeks(sc: &Scenario) -> usize {
    let wpy = sc.calendar.weeks_per_year as usize;
    if wpy > 0 && sc.calendar.burn_in_weeks as usize >= 2 * wpy {
        2 * wpy
    } else {
        0
    }
}

/// What the check reads of one replicate's burn-in: the sum over its
/// students of their resilience in fixed point ([`TRACE_SCALE`]) after each
/// of the last [`checked_weeks`] burn-in weeks. A shard file carries the
/// traces of the replicates it ran, so that `resim merge` makes the check a
/// run on one machine makes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BurnInTrace {
    /// Fixed-point resilience summed over the students, week by week.
    pub weekly: Vec<i64>,
    /// Students summed.
    pub students: u64,
}

impl BurnInTrace {
    /// An empty trace of `weeks` weeks (no students yet).
    pub fn new(weeks: usize) -> Self {
        BurnInTrace {
            weekly: vec![0; weeks],
            students: 0,
        }
    }

    /// A student's resilience (0–1) in fixed point: exact, since 2¹⁶ is a
    /// power of two, then rounded to the nearest integer.
    #[inline]
    pub fn fixed(resilience: f32) -> i64 {
        // The survey's fixed point: the same integer as `round`, without a
        // call to libm (one per checked student-week).
        crate::stats::survey::fixed(resilience)
    }

    /// Adds another trace of the same weeks (another piece of a population,
    /// or another replicate): integer sums, in any order.
    pub fn add(&mut self, other: &BurnInTrace) {
        debug_assert_eq!(self.weekly.len(), other.weekly.len());
        for (a, b) in self.weekly.iter_mut().zip(&other.weekly) {
            *a += b;
        }
        self.students += other.students;
    }

    /// Change of yearly mean resilience (points, 0–100) from the first to
    /// the second year of the trace (`weeks_per_year` weeks each); `None`
    /// without two whole years or without students.
    pub fn drift(&self, weeks_per_year: usize) -> Option<f64> {
        let wpy = weeks_per_year;
        if wpy == 0 || self.weekly.len() != 2 * wpy || self.students == 0 {
            return None;
        }
        let first: i64 = self.weekly[..wpy].iter().sum();
        let last: i64 = self.weekly[wpy..].iter().sum();
        let scale = TRACE_SCALE * wpy as f64 * self.students as f64;
        Some(100.0 * (last - first) as f64 / scale)
    }
}

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
    /// Replicates whose burn-ins the check reads (the first ones).
    pub replicates: u32,
    /// Students of those replicates.
    pub students: u64,
    /// Replicates among them whose burn-ins the check simulated itself: those
    /// the run that hands its burn-ins on did not simulate (all of them for
    /// `resim check`; none when a run has as many replicates as the check
    /// reads, or the burn-in is shorter than two years).
    pub simulated: u32,
}

impl BurnInCheck {
    /// Whether the burn-in is a whole number of years (week 1 then falls at
    /// the start of the calendar's year).
    pub fn whole_years(&self) -> bool {
        self.weeks_per_year > 0 && self.burn_in_weeks.is_multiple_of(self.weeks_per_year)
    }

    /// Student-weeks the check simulated itself, beyond a run's own
    /// (`manifest.json`'s `steady_state`): the students of a replicate × the
    /// burn-in weeks × [`simulated`](Self::simulated).
    pub fn simulated_student_weeks(&self) -> u64 {
        let per_replicate = self.students / self.replicates.max(1) as u64;
        (self.simulated as u64)
            .saturating_mul(per_replicate)
            .saturating_mul(self.burn_in_weeks as u64)
    }

    /// Whether the drift is measured and within [`DRIFT_LIMIT`], with whole years.
    pub fn ok(&self) -> bool {
        self.whole_years() && self.drift.is_some_and(|d| d.abs() < DRIFT_LIMIT)
    }

    /// One line for the user, in English (what `resim check` prints, and
    /// the warning `resim run` notes): [`BurnInCheck::message`]'s text.
    pub fn describe(&self) -> String {
        self.message().to_string()
    }

    /// The line for the user as a catalogue message (`note-steady-…`), so
    /// that a front end words it in its language: the burn-in, the drift
    /// and which burn-ins were read; a warning, with what to set, when the
    /// check is not [`ok`](Self::ok).
    pub fn message(&self) -> Message {
        let years = self.burn_in_weeks as f64 / self.weeks_per_year.max(1) as f64;
        let drift = match self.drift {
            Some(d) => match self.replicates {
                1 => Message::new("note-steady-drift-one"),
                k => Message::new("note-steady-drift-many").arg("replicates", k),
            }
            .arg("drift", format!("{d:+.2}"))
            .arg("limit", DRIFT_LIMIT)
            .arg("students", self.students),
            None => Message::new("note-steady-drift-unmeasured"),
        };
        let line = Message::new("note-steady-state")
            .arg("weeks", self.burn_in_weeks)
            .arg("years", format!("{years:.2}"))
            .with("drift", drift);
        if self.ok() {
            return line;
        }
        let warning = if self.whole_years() {
            "note-steady-warning"
        } else {
            "note-steady-warning-not-whole-years"
        };
        Message::new(warning)
            .with("line", line)
            .arg("least", 2 * self.weeks_per_year.max(1))
    }
}

/// The scenario replicate `replicate` of a run with master seed `seed`
/// simulates: `sc` itself, or `sc` with the parameters of the replicate's
/// particle when they are drawn from a posterior ([`Scenario::draws`]).
pub(super) fn replicate_scenario(sc: &Scenario, seed: u64, replicate: u32) -> Cow<'_, Scenario> {
    match &sc.draws {
        Some(d) => {
            let mut drawn = sc.clone();
            drawn.params = d.params(d.particle(seed, replicate)).clone();
            Cow::Owned(drawn)
        }
        None => Cow::Borrowed(sc),
    }
}

/// Simulates the burn-ins of `sc`'s first [`check_replicates`] replicates
/// (master seed `sc.run.seed`) under usual practice and measures the drift
/// of mean resilience over their last year: `resim check`'s figure.
pub fn burn_in_check(sc: &Scenario) -> BurnInCheck {
    let never = AtomicBool::new(false);
    burn_in_check_from(sc, &BTreeMap::new(), &never).expect("a flag nobody can set never cancels")
}

/// The steady-state check of `sc` from the traces of the replicates a run
/// has already burnt in (`known`, by replicate index, as the engine hands
/// them on with master seed `sc.run.seed`); the first [`check_replicates`]
/// replicates missing from it are simulated here, population and burn-in
/// (no strategy), at most a window of them at a time on the current pool.
/// Stops with [`Cancelled`] when `cancel` is set.
///
/// The drift is the same bits whichever replicates were known.
pub fn burn_in_check_from(
    sc: &Scenario,
    known: &BTreeMap<u32, BurnInTrace>,
    cancel: &AtomicBool,
) -> Result<BurnInCheck, Cancelled> {
    let replicates = check_replicates(sc);
    let weeks = checked_weeks(sc);
    let mut total = BurnInTrace::new(weeks);
    let mut simulated = 0;
    if weeks > 0 {
        for (_, trace) in known.range(..replicates) {
            total.add(trace);
        }
        let missing: Vec<u32> = (0..replicates).filter(|r| !known.contains_key(r)).collect();
        simulated = missing.len() as u32;
        // `at_once` jobs, each taking the next missing replicate until none
        // is left: never more populations at once, and no thread waits for
        // a batch to end.
        let threads = rayon::current_num_threads();
        let at_once = window(block_count(sc), threads, missing.len());
        let next = AtomicUsize::new(0);
        let sums: Vec<Option<BurnInTrace>> = (0..at_once)
            .into_par_iter()
            .map(|_| {
                let mut sum = BurnInTrace::new(weeks);
                while let Some(&r) = missing.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let sc = replicate_scenario(sc, sc.run.seed, r);
                    let key = rng::replicate_key(sc.run.seed, r as u64);
                    let pop = Population::synthesize_cancellable(
                        &sc.population,
                        &sc.traits,
                        &sc.params,
                        key,
                        cancel,
                    )?;
                    sum.add(&burn_in_trace(&sc, &pop, key, weeks, cancel)?);
                }
                Some(sum)
            })
            .collect();
        for sum in sums {
            total.add(&sum.ok_or(Cancelled)?);
        }
    }
    Ok(BurnInCheck {
        burn_in_weeks: sc.calendar.burn_in_weeks,
        weeks_per_year: sc.calendar.weeks_per_year,
        drift: total.drift(sc.calendar.weeks_per_year as usize),
        replicates,
        students: replicates as u64 * sc.students(),
        simulated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn check(
        burn_in_weeks: u32,
        drift: Option<f64>,
        replicates: u32,
        students: u64,
    ) -> BurnInCheck {
        BurnInCheck {
            burn_in_weeks,
            weeks_per_year: 52,
            drift,
            replicates,
            students,
            simulated: 0,
        }
    }

    /// The English line is word for word what `resim check` and `resim run`
    /// have always printed; the Chinese one keeps the numbers and the key.
    #[test]
    fn the_line_reads_in_english_as_printed_and_in_chinese_with_its_numbers() {
        let settled = check(156, Some(0.1234), 63, 20_160);
        assert!(settled.ok());
        assert_eq!(
            settled.describe(),
            "steady state: 156 burn-in weeks (3.00 years); mean resilience moves +0.12 points over \
             the last burn-in year (limit ±0.5); checked on the burn-ins of the first 63 \
             replicates, 20160 students"
        );
        assert_eq!(
            check(104, Some(-0.7), 1, 25_000).describe(),
            "warning: steady state: 104 burn-in weeks (2.00 years); mean resilience moves -0.70 \
             points over the last burn-in year (limit ±0.5); checked on the burn-ins of the first \
             replicate, 25000 students; set calendar.burn_in_weeks to 104 or more (whole years)"
        );
        let broken = check(60, None, 63, 20_160);
        assert_eq!(
            broken.describe(),
            "warning: steady state: 60 burn-in weeks (1.15 years); drift not measured: the \
             burn-in is shorter than two years; the burn-in is not a whole number of years, so \
             week 1 is not at the start of the calendar's year; set calendar.burn_in_weeks to 104 \
             or more (whole years)"
        );
        let chinese = broken.message().render(Lang::ZhCn);
        assert!(
            chinese.starts_with("警告：稳态：预热期 60 周（1.15 年）；未测量漂移")
                && chinese.contains("calendar.burn_in_weeks 设为 104")
                && !chinese.contains("warning"),
            "{chinese}"
        );
    }
}
