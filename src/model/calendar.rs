//! The chronosystem: the school calendar a run follows week by week.

use serde::{Deserialize, Serialize};

use crate::problem::Problem;

/// `[calendar]`: the chronosystem. Weeks are numbered from 1 within a school year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Calendar {
    /// School years simulated.
    pub years: u32,
    /// Weeks in each simulated year (terms, the winter holiday and the summer holiday).
    pub weeks_per_year: u32,
    /// Weeks simulated after the burn-in when the run should end before the
    /// last year's end (e.g. 44: a trial's post-test at the end of the second
    /// term); 0 runs `years × weeks_per_year` weeks.
    pub weeks: u32,
    /// Terms as `[first, last]` week pairs; other weeks are holidays.
    pub terms: Vec<[u32; 2]>,
    /// Exam weeks (academic load is multiplied by `stress.exam_multiplier`;
    /// within a term the load also rises toward its end, `stress.term_ramp`).
    pub exam_weeks: Vec<u32>,
    /// Holiday weeks in which migrant parents come home (Spring Festival).
    pub return_weeks: Vec<u32>,
    /// Weeks of the termly parent–teacher conference.
    pub conference_weeks: Vec<u32>,
    /// Weeks simulated under usual practice before week 1 so the population
    /// settles into its steady state. Whole years keep the calendar's phase
    /// (week 1 of the run follows the last week of a burn-in year). Three
    /// years by default: from the warm start, the last of them moves mean
    /// resilience by less than 0.2 points in every bundled scenario
    /// (`engine::burn_in_check`, printed by `resim check`).
    pub burn_in_weeks: u32,
}

impl Default for Calendar {
    fn default() -> Self {
        Calendar {
            years: 1,
            weeks_per_year: 52,
            weeks: 0,
            terms: vec![[1, 20], [25, 44]],
            exam_weeks: vec![19, 20, 43, 44],
            return_weeks: vec![21, 22, 23],
            conference_weeks: vec![3, 27],
            burn_in_weeks: 156,
        }
    }
}

impl Calendar {
    /// Weeks in the whole run (after burn-in).
    pub fn total_weeks(&self) -> u32 {
        if self.weeks > 0 {
            self.weeks
        } else {
            self.years * self.weeks_per_year
        }
    }

    pub(crate) fn validate(&self, out: &mut Vec<Problem>) {
        if !(1..=20).contains(&self.years) {
            out.push(Problem::new(
                "calendar.years",
                format!("{} years", self.years),
                "a whole number from 1 to 20",
            ));
        }
        if !(1..=53).contains(&self.weeks_per_year) {
            out.push(Problem::new(
                "calendar.weeks_per_year",
                format!("{} weeks", self.weeks_per_year),
                "a whole number from 1 to 53",
            ));
        }
        if self.weeks > self.years.max(1) * self.weeks_per_year.max(1) {
            out.push(Problem::new(
                "calendar.weeks",
                format!(
                    "{} weeks, more than years × weeks_per_year = {}",
                    self.weeks,
                    self.years * self.weeks_per_year
                ),
                "0 (run every year to its end) or a number of weeks up to years × weeks_per_year",
            ));
        }
        if self.burn_in_weeks > 520 {
            out.push(Problem::new(
                "calendar.burn_in_weeks",
                format!("{} weeks", self.burn_in_weeks),
                "a whole number from 0 to 520",
            ));
        }
        let w = self.weeks_per_year;
        let valid = format!("weeks from 1 to weeks_per_year = {w}");
        for (i, t) in self.terms.iter().enumerate() {
            if t[0] < 1 || t[1] > w || t[0] > t[1] {
                out.push(Problem::new(
                    format!("calendar.terms.{i}"),
                    format!("term [{}, {}] is not inside the year", t[0], t[1]),
                    format!("[first, last] with 1 ≤ first ≤ last ≤ {w}"),
                ));
            }
        }
        if self.terms.is_empty() {
            out.push(Problem::new(
                "calendar.terms",
                "no terms given: school would never be in session",
                format!("a list of [first, last] weeks, e.g. [[1, 20], [25, 44]], inside 1–{w}"),
            ));
        }
        let mut sorted: Vec<(usize, [u32; 2])> = self.terms.iter().copied().enumerate().collect();
        sorted.sort_by_key(|(_, t)| t[0]);
        for pair in sorted.windows(2) {
            let ((_, a), (j, b)) = (pair[0], pair[1]);
            if b[0] <= a[1] {
                out.push(Problem::new(
                    format!("calendar.terms.{j}"),
                    format!(
                        "term [{}, {}] overlaps term [{}, {}]",
                        b[0], b[1], a[0], a[1]
                    ),
                    "terms that do not overlap, each starting after the one before ends",
                ));
            }
        }
        for (key, list) in [
            ("exam_weeks", &self.exam_weeks),
            ("return_weeks", &self.return_weeks),
            ("conference_weeks", &self.conference_weeks),
        ] {
            if let Some((i, bad)) = list.iter().enumerate().find(|(_, x)| **x < 1 || **x > w) {
                out.push(Problem::new(
                    format!("calendar.{key}.{i}"),
                    format!("week {bad} is outside the calendar"),
                    valid.clone(),
                ));
            }
        }
    }
}
