//! Discounting yearly costs and effects to present values.
//!
//! A cost or effect in year `t` of a programme (t = 0 for the first year) is
//! weighted by `(1 + r)^−(t + shift)`, with the shift set by when in the
//! year it is taken to occur ([`Timing`]). Costs and effects are discounted
//! at the same rate, by default 3 % a year: the WHO-CHOICE default (WHO guide
//! to cost-effectiveness analysis, Tan-Torres Edejer et al. 2003), and the
//! rate the US Public Health Service Panel on Cost-Effectiveness recommended
//! (as recorded by the VA Health Economics Resource Center).
//!
//! The default timing is [`Timing::StartOfYear`]: the first year is not
//! discounted, the second is divided by 1.03, the third by 1.03² (the
//! convention of the VA Health Economics Resource Center's guidance and of
//! most annual-cycle models). Its practical merit for resim: a one-year run
//! reports the same costs and effects discounted or not, so `decision.csv`
//! agrees with `strategies.csv`. Mid-year (costs spread evenly through the
//! school year) and end-of-year (paid in arrears) are available.

use super::{DecisionError, check_range};

/// The annual discount rate recommended by WHO-CHOICE: 3 %.
pub const WHO_CHOICE_RATE: f64 = 0.03;

/// When in each year its costs and effects are taken to occur.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Timing {
    /// At the start of the year: year t is weighted `(1 + r)^−t`, the first
    /// year not at all (the default).
    #[default]
    StartOfYear,
    /// In the middle of the year: `(1 + r)^−(t + ½)`, approximating flows
    /// spread evenly over the year.
    MidYear,
    /// At the end of the year: `(1 + r)^−(t + 1)`.
    EndOfYear,
}

impl Timing {
    /// The years elapsed before a year's flows occur, beyond its index.
    fn shift(self) -> f64 {
        match self {
            Timing::StartOfYear => 0.0,
            Timing::MidYear => 0.5,
            Timing::EndOfYear => 1.0,
        }
    }
}

/// An annual discount rate and timing convention.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Discount {
    rate: f64,
    timing: Timing,
}

impl Default for Discount {
    /// 3 % a year (WHO-CHOICE), first year undiscounted.
    fn default() -> Self {
        Discount {
            rate: WHO_CHOICE_RATE,
            timing: Timing::StartOfYear,
        }
    }
}

impl Discount {
    /// A discount rate per year (0 to 1, e.g. 0.03 for 3 %) and timing.
    pub fn new(rate: f64, timing: Timing) -> Result<Self, DecisionError> {
        check_range(
            "discount rate",
            rate,
            0.0,
            1.0,
            "0 to 1 per year (0.03 for 3 %)",
        )?;
        Ok(Discount { rate, timing })
    }

    /// The annual rate.
    pub fn rate(&self) -> f64 {
        self.rate
    }

    /// The timing convention.
    pub fn timing(&self) -> Timing {
        self.timing
    }

    /// The weight of year `year` (0 = the first year).
    pub fn factor(&self, year: usize) -> f64 {
        (1.0 + self.rate).powf(-(year as f64 + self.timing.shift()))
    }

    /// The present value of a yearly stream (`yearly[0]` = the first year).
    pub fn present_value(&self, yearly: &[f64]) -> f64 {
        yearly
            .iter()
            .enumerate()
            .map(|(t, v)| v * self.factor(t))
            .sum()
    }

    /// The sum of the weights of `years` years: the present value of 1 a
    /// year (an annuity factor).
    pub fn annuity(&self, years: u32) -> f64 {
        (0..years as usize).map(|t| self.factor(t)).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The NLM/NICHSR self-study course "Health Economics Information
    /// Resources", module 4 (discounting), example from Donaldson & Shackley
    /// (Oxford Textbook of Public Health, 1997): a drug costing 1000 a year
    /// in real terms over years 0, 1, 2 at 5 % has discounted costs 1000,
    /// 952, 907 and total 2859 (rounded), year 0 undiscounted.
    #[test]
    fn published_start_of_year_example() {
        let d = Discount::new(0.05, Timing::StartOfYear).unwrap();
        let years: Vec<f64> = (0..3).map(|t| 1000.0 * d.factor(t)).collect();
        assert_eq!(
            years.iter().map(|v| v.round()).collect::<Vec<_>>(),
            vec![1000.0, 952.0, 907.0]
        );
        assert_eq!(d.present_value(&[1000.0; 3]).round(), 2859.0);
    }

    /// The default: 3 %, the first year undiscounted, the second divided by
    /// 1.03 and the third by 1.03² (VA HERC guidance on discounting).
    #[test]
    fn default_is_three_percent_first_year_undiscounted() {
        let d = Discount::default();
        assert_eq!((d.rate(), d.timing()), (0.03, Timing::StartOfYear));
        assert_eq!(d.factor(0), 1.0);
        assert!((d.factor(1) - 1.0 / 1.03).abs() < 1e-15);
        assert!((d.factor(2) - 1.0 / 1.0609).abs() < 1e-15);
        assert_eq!(d.present_value(&[158.0]), 158.0);
        assert_eq!(d.annuity(1), 1.0);
    }

    /// Mid-year and end-of-year weights worked by hand at 3 %:
    /// 1.03^−0.5 = 0.985329…, 1.03^−1.5 = 0.956630…; 1.03^−1 = 0.970874….
    #[test]
    fn mid_and_end_of_year_conventions() {
        let mid = Discount::new(0.03, Timing::MidYear).unwrap();
        assert!((mid.factor(0) - 0.985_329_278_164_293_4).abs() < 1e-12);
        assert!((mid.factor(1) - 0.956_630_367_149_799_4).abs() < 1e-12);
        let end = Discount::new(0.03, Timing::EndOfYear).unwrap();
        assert!((end.factor(0) - 0.970_873_786_407_767).abs() < 1e-12);
        // Annuity of 3 years at the end of each year: (1 − 1.03^−3)/0.03.
        let closed = (1.0 - 1.03f64.powi(-3)) / 0.03;
        assert!((end.annuity(3) - closed).abs() < 1e-12);
        // Zero rate: no discounting whatever the timing.
        let none = Discount::new(0.0, Timing::EndOfYear).unwrap();
        assert_eq!(none.present_value(&[1.0, 2.0, 3.0]), 6.0);
    }

    #[test]
    fn bad_rates_are_refused() {
        let e = Discount::new(3.0, Timing::StartOfYear).unwrap_err();
        assert_eq!(
            e.to_string(),
            "discount rate is 3; valid: 0 to 1 per year (0.03 for 3 %)"
        );
        assert!(Discount::new(-0.01, Timing::MidYear).is_err());
        assert!(Discount::new(f64::NAN, Timing::MidYear).is_err());
    }
}
