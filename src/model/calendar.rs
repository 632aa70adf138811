//! The chronosystem: the school calendar a run follows week by week.

use serde::{Deserialize, Serialize};

use crate::problem::{Message, Problem};

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
    /// resilience by less than 0.35 points in every bundled scenario
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
        let whole = |lo: u32, hi: u32| {
            Message::new("valid-whole-range")
                .arg("lo", lo)
                .arg("hi", hi)
        };
        if !(1..=20).contains(&self.years) {
            out.push(Problem::new(
                "calendar.years",
                Message::new("problem-calendar-years").arg("years", self.years),
                whole(1, 20),
            ));
        }
        if !(1..=53).contains(&self.weeks_per_year) {
            out.push(Problem::new(
                "calendar.weeks_per_year",
                Message::new("problem-calendar-weeks").arg("weeks", self.weeks_per_year),
                whole(1, 53),
            ));
        }
        if self.weeks > self.years.max(1) * self.weeks_per_year.max(1) {
            out.push(Problem::new(
                "calendar.weeks",
                Message::new("problem-calendar-weeks-more")
                    .arg("weeks", self.weeks)
                    .arg("max", self.years * self.weeks_per_year),
                Message::new("valid-calendar-run-weeks"),
            ));
        }
        if self.burn_in_weeks > 520 {
            out.push(Problem::new(
                "calendar.burn_in_weeks",
                Message::new("problem-calendar-weeks").arg("weeks", self.burn_in_weeks),
                whole(0, 520),
            ));
        }
        let w = self.weeks_per_year;
        let valid = Message::new("valid-calendar-week").arg("weeks", w);
        for (i, t) in self.terms.iter().enumerate() {
            if t[0] < 1 || t[1] > w || t[0] > t[1] {
                out.push(Problem::new(
                    format!("calendar.terms.{i}"),
                    Message::new("problem-calendar-term-outside")
                        .arg("first", t[0])
                        .arg("last", t[1]),
                    Message::new("valid-calendar-term").arg("weeks", w),
                ));
            }
        }
        if self.terms.is_empty() {
            out.push(Problem::new(
                "calendar.terms",
                Message::new("problem-calendar-no-terms"),
                Message::new("valid-calendar-terms").arg("weeks", w),
            ));
        }
        let mut sorted: Vec<(usize, [u32; 2])> = self.terms.iter().copied().enumerate().collect();
        sorted.sort_by_key(|(_, t)| t[0]);
        for pair in sorted.windows(2) {
            let ((_, a), (j, b)) = (pair[0], pair[1]);
            if b[0] <= a[1] {
                out.push(Problem::new(
                    format!("calendar.terms.{j}"),
                    Message::new("problem-calendar-terms-overlap")
                        .arg("first", b[0])
                        .arg("last", b[1])
                        .arg("other_first", a[0])
                        .arg("other_last", a[1]),
                    Message::new("valid-calendar-terms-apart"),
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
                    Message::new("problem-calendar-week-outside").arg("week", bad),
                    valid.clone(),
                ));
            }
        }
    }
}
