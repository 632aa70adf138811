//! `[run]`: the Monte Carlo settings of a scenario.

use serde::{Deserialize, Serialize};

use crate::model::Calendar;
use crate::problem::{Message, Problem};

/// `[run]`: Monte Carlo settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RunSettings {
    /// Replicates: independent synthetic populations and event histories.
    pub replicates: u32,
    /// Master seed; every random number derives from it.
    pub seed: u64,
    /// The survey window of `survey.csv` and of cross-sectional validation
    /// targets: weeks from 0 (after burn-in) to the last week, pooled. When
    /// neither this nor `survey_week` is given, [`default_survey_weeks`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub survey_weeks: Option<Vec<u32>>,
    /// A one-week survey window (`survey_weeks = [W]`); kept for scenarios
    /// written before survey windows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub survey_week: Option<u32>,
    /// Weeks between the two waves of the panel statistics (rank-order
    /// stability, persistence); only lags that fit the run after a window
    /// week are recorded. Default: one and two years (`weeks_per_year` and
    /// twice that).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub panel_lags: Option<Vec<u32>>,
    /// Weeks (besides the last) at which the engine keeps sums of squares,
    /// so that effect sizes can be read there. Set by programs (validation
    /// reads effects at the end of a programme and at follow-up); not a
    /// scenario key.
    #[serde(skip)]
    pub moment_weeks: Vec<u32>,
    /// Parameter uncertainty: each replicate draws the fitted parameters
    /// from a posterior (`posterior`, else the shipped ABC-SMC posterior);
    /// values the scenario sets itself are kept (`resim run --uncertainty`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub uncertainty: bool,
    /// The posterior file of `uncertainty`, relative to the scenario
    /// file's directory (the columns of `data/posterior/posterior.csv`);
    /// giving it turns `uncertainty` on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub posterior: Option<String>,
}

impl Default for RunSettings {
    fn default() -> Self {
        RunSettings {
            replicates: 20,
            seed: 20_190_128,
            survey_weeks: None,
            survey_week: None,
            panel_lags: None,
            moment_weeks: Vec::new(),
            uncertainty: false,
            posterior: None,
        }
    }
}

/// The default survey window of a calendar: ordinary school weeks spread over
/// the year.
///
/// For each term, its *ordinary* weeks are its weeks that are not exam weeks;
/// of the `n` ordinary weeks the window takes the ⌈n/3⌉-th and the ⌈2n/3⌉-th,
/// so each term is surveyed a third and two thirds of the way through. The
/// weeks are those of the first simulated year (weeks 1 to `weeks_per_year`)
/// that fall inside the run; if none does (a run shorter than a third of a
/// term), the window is the last week. With the default calendar (terms 1–20
/// and 25–44, exams 19, 20, 43, 44) the window is weeks 6, 12, 30 and 36.
pub fn default_survey_weeks(calendar: &Calendar) -> Vec<u32> {
    let last = calendar.total_weeks();
    let mut out: Vec<u32> = Vec::new();
    for t in &calendar.terms {
        let ordinary: Vec<u32> = (t[0]..=t[1])
            .filter(|w| !calendar.exam_weeks.contains(w))
            .collect();
        let n = ordinary.len() as u32;
        if n == 0 {
            continue;
        }
        for k in [1, 2] {
            let w = ordinary[((k * n).div_ceil(3).max(1) - 1) as usize];
            if w <= last && !out.contains(&w) {
                out.push(w);
            }
        }
    }
    out.sort_unstable();
    if out.is_empty() {
        out.push(last);
    }
    out
}

impl RunSettings {
    /// The survey window: `survey_weeks`, else `[survey_week]`, else the
    /// calendar's default; ascending.
    pub fn window(&self, calendar: &Calendar) -> Vec<u32> {
        let mut w = match (&self.survey_weeks, self.survey_week) {
            (Some(list), _) => list.clone(),
            (None, Some(w)) => vec![w],
            (None, None) => default_survey_weeks(calendar),
        };
        w.sort_unstable();
        w
    }

    /// The panel lags: `panel_lags`, else one and two years.
    pub fn lags(&self, calendar: &Calendar) -> Vec<u32> {
        match &self.panel_lags {
            Some(l) => l.clone(),
            None => vec![calendar.weeks_per_year, 2 * calendar.weeks_per_year],
        }
    }

    pub(crate) fn validate(&self, calendar: &Calendar, out: &mut Vec<Problem>) {
        let last = calendar.total_weeks();
        let valid_week = || Message::new("valid-run-week").arg("last", last);
        if let Some(w) = self.survey_week
            && w > last
        {
            out.push(Problem::new(
                "run.survey_week",
                Message::new("problem-week-after-last").arg("week", w),
                valid_week(),
            ));
        }
        if self.survey_week.is_some() && self.survey_weeks.is_some() {
            out.push(Problem::new(
                "run.survey_weeks",
                Message::new("problem-survey-both"),
                Message::new("valid-survey-both"),
            ));
        }
        if let Some(list) = &self.survey_weeks {
            if list.is_empty() {
                out.push(Problem::new(
                    "run.survey_weeks",
                    Message::new("problem-empty-list"),
                    Message::new("valid-survey-weeks").arg(
                        "weeks",
                        default_survey_weeks(calendar)
                            .iter()
                            .map(u32::to_string)
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                ));
            }
            if let Some((i, w)) = list.iter().enumerate().find(|(_, w)| **w > last) {
                out.push(Problem::new(
                    format!("run.survey_weeks.{i}"),
                    Message::new("problem-week-after-last").arg("week", w),
                    valid_week(),
                ));
            }
            if let Some((i, w)) = list
                .iter()
                .enumerate()
                .find(|(i, w)| list[..*i].contains(w))
            {
                out.push(Problem::new(
                    format!("run.survey_weeks.{i}"),
                    Message::new("problem-week-twice").arg("week", w),
                    Message::new("valid-week-once"),
                ));
            }
        }
        if let Some(lags) = &self.panel_lags
            && let Some((i, l)) = lags
                .iter()
                .enumerate()
                .find(|(_, l)| !(1..=1040).contains(*l))
        {
            out.push(Problem::new(
                format!("run.panel_lags.{i}"),
                Message::new("problem-lag").arg("weeks", l),
                Message::new("valid-lag"),
            ));
        }
        if !(1..=1_000_000).contains(&self.replicates) {
            out.push(Problem::new(
                "run.replicates",
                Message::new("problem-replicates").arg("replicates", self.replicates),
                Message::new("valid-whole-range")
                    .arg("lo", 1)
                    .arg("hi", 1_000_000),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_window_is_ordinary_weeks_a_third_and_two_thirds_into_each_term() {
        let cal = Calendar::default();
        assert_eq!(default_survey_weeks(&cal), vec![6, 12, 30, 36]);
        // A run that ends with the second term (a trial's post-test in week
        // 44): the same terms, the same weeks.
        let trial = Calendar {
            weeks: 44,
            ..Calendar::default()
        };
        assert_eq!(default_survey_weeks(&trial), vec![6, 12, 30, 36]);
        // Exam weeks are never surveyed; a short term gives its one week.
        let odd = Calendar {
            terms: vec![[1, 4], [10, 10]],
            exam_weeks: vec![2],
            ..Calendar::default()
        };
        assert_eq!(default_survey_weeks(&odd), vec![1, 3, 10]);
        // No term at all: the last week.
        let none = Calendar {
            terms: vec![],
            ..Calendar::default()
        };
        assert_eq!(default_survey_weeks(&none), vec![52]);
        let run = RunSettings::default();
        assert_eq!(run.window(&cal), vec![6, 12, 30, 36]);
        assert_eq!(run.lags(&cal), vec![52, 104]);
        let one = RunSettings {
            survey_week: Some(44),
            ..RunSettings::default()
        };
        assert_eq!(one.window(&cal), vec![44]);
    }

    #[test]
    fn bad_windows_and_lags_are_problems() {
        let cal = Calendar::default();
        let problems = |run: RunSettings| {
            let mut out = Vec::new();
            run.validate(&cal, &mut out);
            out.iter()
                .map(|p| format!("{}: {} ({})", p.key, p.message, p.valid))
                .collect::<Vec<_>>()
                .join("\n")
        };
        let both = problems(RunSettings {
            survey_week: Some(3),
            survey_weeks: Some(vec![3]),
            ..RunSettings::default()
        });
        assert!(
            both.contains("both `survey_week` and `survey_weeks`"),
            "{both}"
        );
        let late = problems(RunSettings {
            survey_weeks: Some(vec![6, 53]),
            ..RunSettings::default()
        });
        assert!(
            late.contains("run.survey_weeks.1") && late.contains("week 53"),
            "{late}"
        );
        let twice = problems(RunSettings {
            survey_weeks: Some(vec![6, 6]),
            ..RunSettings::default()
        });
        assert!(twice.contains("listed twice"), "{twice}");
        let empty = problems(RunSettings {
            survey_weeks: Some(vec![]),
            ..RunSettings::default()
        });
        assert!(empty.contains("[6, 12, 30, 36]"), "{empty}");
        let lag = problems(RunSettings {
            panel_lags: Some(vec![0]),
            ..RunSettings::default()
        });
        assert!(lag.contains("run.panel_lags.0"), "{lag}");
    }
}
