//! What a portfolio costs, estimated before it runs.
//!
//! A component's money is priced per offered student and its offers depend
//! only on the replicate and the component (common random numbers), so a
//! portfolio's money is the sum of its components' exactly. Teacher hours
//! are nearly additive: components' own hours add up, while the hours of
//! joint care after a detection depend on the whole portfolio. The search
//! prices each component from runs of it alone, screens portfolios on the
//! summed estimate with a margin, and judges the budget again on each
//! portfolio's simulated cost.

/// A budget a portfolio must keep to (`None`: no limit).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Budget {
    /// Money per student per year.
    pub cost_per_student_year: Option<f64>,
    /// Teacher hours per class per term, beyond usual practice.
    pub teacher_hours_per_class_term: Option<f64>,
}

/// Share by which an estimate may exceed the budget and still be screened
/// (the simulated cost decides).
pub const SCREEN_MARGIN: f64 = 0.10;

impl Budget {
    /// Whether `cost` and `hours` keep to the budget, with `margin` (a
    /// share) of slack.
    pub fn admits(&self, cost: f64, hours: f64, margin: f64) -> bool {
        let within =
            |limit: Option<f64>, v: f64| limit.is_none_or(|l| v <= l * (1.0 + margin) + 1e-9);
        within(self.cost_per_student_year, cost) && within(self.teacher_hours_per_class_term, hours)
    }

    /// The budget in words, e.g. `at most 20 per student per year and 10
    /// teacher hours per class per term` (the English of [`Budget::message`]).
    pub fn describe(&self) -> String {
        self.message().to_string()
    }

    /// The budget as a catalogue message, worded in a page's language.
    pub fn message(&self) -> crate::problem::Message {
        use crate::problem::Message;
        let cost = self
            .cost_per_student_year
            .map(|c| Message::new("valid-budget-cost").arg("cost", c));
        let hours = self
            .teacher_hours_per_class_term
            .map(|h| Message::new("valid-budget-hours").arg("hours", h));
        match (cost, hours) {
            (Some(c), Some(h)) => Message::new("valid-budget-both")
                .with("cost", c)
                .with("hours", h),
            (Some(one), None) | (None, Some(one)) => one,
            (None, None) => Message::new("valid-budget-none"),
        }
    }
}

/// Each component's cost alone, indexed by registry position.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Prices {
    /// Money per student per year.
    pub cost: Vec<f64>,
    /// Teacher hours per class per term beyond usual practice.
    pub hours: Vec<f64>,
}

impl Prices {
    /// The estimated money and teacher hours of the components of `mask`.
    pub fn estimate(&self, mask: u32) -> (f64, f64) {
        let mut cost = 0.0;
        let mut hours = 0.0;
        for i in 0..self.cost.len() {
            if mask & (1 << i) != 0 {
                cost += self.cost[i];
                hours += self.hours[i];
            }
        }
        (cost, hours)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_reads_as_before_in_english_and_in_chinese_on_chinese_pages() {
        use crate::i18n::Lang;
        let b = |c, h| Budget {
            cost_per_student_year: c,
            teacher_hours_per_class_term: h,
        };
        for (budget, english, chinese) in [
            (
                b(Some(20.0), Some(10.5)),
                "at most 20 per student per year and at most 10.5 teacher hours per class per term",
                "每名学生每年最多 20，且每班每学期最多 10.5 个教师工时",
            ),
            (
                b(Some(20.0), None),
                "at most 20 per student per year",
                "每名学生每年最多 20",
            ),
            (b(None, None), "no budget", "无预算"),
        ] {
            assert_eq!(budget.describe(), english);
            assert_eq!(budget.message().render(Lang::ZhCn), chinese);
        }
    }

    #[test]
    fn a_budget_admits_what_fits_with_its_margin() {
        let b = Budget {
            cost_per_student_year: Some(20.0),
            teacher_hours_per_class_term: None,
        };
        assert!(b.admits(20.0, 1e9, 0.0));
        assert!(!b.admits(21.0, 0.0, 0.0));
        assert!(b.admits(21.0, 0.0, SCREEN_MARGIN));
        assert!(Budget::default().admits(1e12, 1e12, 0.0));
        let p = Prices {
            cost: vec![1.0, 2.0, 4.0],
            hours: vec![0.5, 0.0, 1.0],
        };
        assert_eq!(p.estimate(0b101), (5.0, 1.5));
    }
}
