//! The chronosystem seen from one week.

use super::Calendar;

/// What kind of week it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekInfo {
    /// Week over the whole run: 1 is the first week, 0 and below are burn-in.
    pub week: i32,
    /// Week within its school year, 1-based.
    pub week_of_year: u32,
    /// School is in session (a term week).
    pub in_school: bool,
    /// An exam week.
    pub exam: bool,
    /// Migrant parents are home (Spring Festival).
    pub parents_home: bool,
    /// Termly parent–teacher conference this week.
    pub conference: bool,
}

impl WeekInfo {
    /// The week `week` of a calendar; burn-in weeks wrap back from week 0 into
    /// the end of the previous year.
    pub fn of(cal: &Calendar, week: i32) -> WeekInfo {
        let wpy = cal.weeks_per_year.max(1) as i32;
        let week_of_year = ((week - 1).rem_euclid(wpy) + 1) as u32;
        let in_school = cal
            .terms
            .iter()
            .any(|t| (t[0]..=t[1]).contains(&week_of_year));
        WeekInfo {
            week,
            week_of_year,
            in_school,
            exam: in_school && cal.exam_weeks.contains(&week_of_year),
            parents_home: cal.return_weeks.contains(&week_of_year),
            conference: in_school && cal.conference_weeks.contains(&week_of_year),
        }
    }
}
