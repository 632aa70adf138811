//! The chronosystem seen from one week.

use super::Calendar;

/// What kind of week it is.
#[derive(Debug, Clone, Copy, PartialEq)]
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
    /// Progress through the current term: 0 in its first week, 1 in its last
    /// (0 in holidays).
    pub term_progress: f32,
}

impl WeekInfo {
    /// The week `week` of a calendar; burn-in weeks wrap back from week 0 into
    /// the end of the previous year.
    pub fn of(cal: &Calendar, week: i32) -> WeekInfo {
        let wpy = cal.weeks_per_year.max(1) as i32;
        let week_of_year = ((week - 1).rem_euclid(wpy) + 1) as u32;
        let term = cal
            .terms
            .iter()
            .find(|t| (t[0]..=t[1]).contains(&week_of_year));
        let in_school = term.is_some();
        let term_progress = term.map_or(0.0, |t| {
            (week_of_year - t[0]) as f32 / (t[1] - t[0]).max(1) as f32
        });
        WeekInfo {
            week,
            week_of_year,
            in_school,
            exam: in_school && cal.exam_weeks.contains(&week_of_year),
            parents_home: cal.return_weeks.contains(&week_of_year),
            conference: in_school && cal.conference_weeks.contains(&week_of_year),
            term_progress,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_year_has_two_terms_a_winter_and_a_summer_holiday() {
        let cal = Calendar::default();
        let w = |n| WeekInfo::of(&cal, n);
        assert!(w(1).in_school && w(1).term_progress == 0.0);
        assert!(w(20).in_school && w(20).exam && w(20).term_progress == 1.0);
        assert!(!w(21).in_school && w(21).parents_home);
        assert!(w(30).in_school && w(30).term_progress > 0.2 && w(30).term_progress < 0.4);
        assert!(!w(48).in_school && !w(48).parents_home, "summer");
        // Burn-in weeks wrap into the previous year: week 0 is the last summer week.
        assert_eq!(w(0).week_of_year, 52);
        assert_eq!(w(-51).week_of_year, 1);
    }
}
