//! The input: a probabilistic sensitivity analysis sample.

use super::DecisionError;
use super::nmb::means;

/// Total cost per student: direct cost plus teacher hours valued at an
/// hourly cost, `cost + hours · hourly_cost`.
///
/// resim counts teacher time apart from money (`strategies.csv` has both);
/// a cost-effectiveness analysis from the school system's perspective
/// values the hours at what an hour of a teacher costs (salary and on-costs)
/// and adds them, so that a programme that "costs nothing" but takes
/// teachers' time is not free.
pub fn full_cost(cost: f64, teacher_hours: f64, hourly_cost: f64) -> f64 {
    cost + teacher_hours * hourly_cost
}

/// A probabilistic sensitivity analysis (PSA) sample: per parameter draw and
/// strategy, the mean cost per student and the mean of each named effect per
/// student.
///
/// Values are stored draw-major: the value of strategy `s` in draw `d` is
/// at index `d · S + s` (S = number of strategies). Effects are oriented so
/// that higher is better (resilience points gained; depressive cases averted,
/// i.e. minus prevalence or cases averted against the comparator). Only
/// differences between strategies matter to every analysis here, so an
/// effect may be an absolute level or a gain against the comparator.
///
/// Strategy names are unique; one of them is the comparator (usual practice),
/// against which incremental net benefit and increments are reported. The
/// strategies of one draw share its parameters and random numbers (common
/// random numbers), so per-draw differences are paired.
#[derive(Debug, Clone, PartialEq)]
pub struct Psa {
    strategies: Vec<String>,
    comparator: usize,
    draws: usize,
    cost: Vec<f64>,
    effects: Vec<(String, Vec<f64>)>,
}

impl Psa {
    /// A sample of `draws` draws with costs per student (draw-major, see
    /// [`Psa`]); add effect measures with [`Psa::add_effect`].
    pub fn new(
        strategies: Vec<String>,
        comparator: &str,
        draws: usize,
        cost: Vec<f64>,
    ) -> Result<Self, DecisionError> {
        check_names(&strategies)?;
        let comparator = strategies
            .iter()
            .position(|s| s == comparator)
            .ok_or_else(|| DecisionError::UnknownComparator {
                given: comparator.to_string(),
                valid: strategies.join(", "),
            })?;
        if draws == 0 {
            return Err(DecisionError::NoDraws);
        }
        check_values("cost", &strategies, draws, &cost)?;
        Ok(Psa {
            strategies,
            comparator,
            draws,
            cost,
            effects: Vec::new(),
        })
    }

    /// Adds a named effect measure (draw-major, higher is better).
    pub fn add_effect(&mut self, name: &str, values: Vec<f64>) -> Result<(), DecisionError> {
        if self.effects.iter().any(|(n, _)| n == name) {
            return Err(DecisionError::DuplicateMeasure(name.to_string()));
        }
        check_values(
            &format!("effect {name:?}"),
            &self.strategies,
            self.draws,
            &values,
        )?;
        self.effects.push((name.to_string(), values));
        Ok(())
    }

    /// The strategy names, in the order given.
    pub fn strategies(&self) -> &[String] {
        &self.strategies
    }

    /// The number of parameter draws.
    pub fn draws(&self) -> usize {
        self.draws
    }

    /// The effect measure names, in the order added.
    pub fn measures(&self) -> Vec<&str> {
        self.effects.iter().map(|(n, _)| n.as_str()).collect()
    }

    /// The costs and one effect measure, for the analyses.
    pub fn outcomes(&self, measure: &str) -> Result<Outcomes<'_>, DecisionError> {
        let effect = self
            .effects
            .iter()
            .find(|(n, _)| n == measure)
            .map(|(_, v)| v.as_slice())
            .ok_or_else(|| DecisionError::UnknownMeasure {
                given: measure.to_string(),
                valid: self.measures().join(", "),
            })?;
        Ok(Outcomes {
            strategies: &self.strategies,
            comparator: self.comparator,
            draws: self.draws,
            cost: &self.cost,
            effect,
        })
    }
}

/// Costs and one effect measure of a [`Psa`]: what every analysis reads.
/// Obtained from [`Psa::outcomes`], so it is always valid.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcomes<'a> {
    strategies: &'a [String],
    comparator: usize,
    draws: usize,
    cost: &'a [f64],
    effect: &'a [f64],
}

impl<'a> Outcomes<'a> {
    /// The strategy names.
    pub fn strategies(&self) -> &'a [String] {
        self.strategies
    }

    /// The index of the comparator.
    pub fn comparator(&self) -> usize {
        self.comparator
    }

    /// The number of draws.
    pub fn draws(&self) -> usize {
        self.draws
    }

    /// Cost per student of strategy `s` in draw `d`.
    pub fn cost(&self, d: usize, s: usize) -> f64 {
        self.cost[d * self.strategies.len() + s]
    }

    /// Effect per student of strategy `s` in draw `d`.
    pub fn effect(&self, d: usize, s: usize) -> f64 {
        self.effect[d * self.strategies.len() + s]
    }

    /// Expected (mean over draws) cost per student of each strategy.
    pub fn mean_costs(&self) -> Vec<f64> {
        means(self.cost, self.strategies.len())
    }

    /// Expected (mean over draws) effect per student of each strategy.
    pub fn mean_effects(&self) -> Vec<f64> {
        means(self.effect, self.strategies.len())
    }
}

/// Checks that strategy names are present and unique.
pub(super) fn check_names<S: AsRef<str>>(names: &[S]) -> Result<(), DecisionError> {
    if names.is_empty() {
        return Err(DecisionError::NoStrategies);
    }
    let mut sorted: Vec<&str> = names.iter().map(AsRef::as_ref).collect();
    sorted.sort_unstable();
    match sorted.windows(2).find(|w| w[0] == w[1]) {
        Some(w) => Err(DecisionError::DuplicateStrategy(w[0].to_string())),
        None => Ok(()),
    }
}

/// Checks a draw-major vector: length draws × strategies, all finite.
fn check_values(
    what: &str,
    strategies: &[String],
    draws: usize,
    values: &[f64],
) -> Result<(), DecisionError> {
    let n = strategies.len();
    if values.len() != draws * n {
        return Err(DecisionError::Shape {
            what: format!("{what} ({draws} draws × {n} strategies)"),
            got: values.len(),
            expected: draws * n,
        });
    }
    match values.iter().position(|v| !v.is_finite()) {
        Some(i) => Err(DecisionError::NotFinite {
            what: what.to_string(),
            strategy: strategies[i % n].clone(),
            draw: Some(i / n),
            value: values[i],
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn teacher_hours_are_valued_at_the_hourly_cost() {
        // 8 money units plus 4.28 hours at 30 per hour.
        assert!((full_cost(8.0, 4.28, 30.0) - 136.4).abs() < 1e-12);
        assert_eq!(full_cost(8.0, 4.28, 0.0), 8.0);
    }

    #[test]
    fn means_are_per_strategy_over_draws() {
        let mut psa = Psa::new(names(&["a", "b"]), "a", 2, vec![1.0, 10.0, 3.0, 30.0]).unwrap();
        psa.add_effect("points", vec![0.0, 1.0, 0.0, 3.0]).unwrap();
        let o = psa.outcomes("points").unwrap();
        assert_eq!(o.mean_costs(), vec![2.0, 20.0]);
        assert_eq!(o.mean_effects(), vec![0.0, 2.0]);
        assert_eq!(o.cost(1, 1), 30.0);
        assert_eq!(o.effect(1, 1), 3.0);
        assert_eq!(o.comparator(), 0);
    }

    #[test]
    fn bad_inputs_are_refused_with_what_is_valid() {
        let two = names(&["usual", "book"]);
        assert_eq!(
            Psa::new(vec![], "usual", 1, vec![]),
            Err(DecisionError::NoStrategies)
        );
        assert_eq!(
            Psa::new(names(&["a", "a"]), "a", 1, vec![0.0, 0.0]),
            Err(DecisionError::DuplicateStrategy("a".into()))
        );
        let e = Psa::new(two.clone(), "nobody", 1, vec![0.0, 0.0]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "comparator \"nobody\" is not one of the strategies; valid: usual, book"
        );
        assert_eq!(
            Psa::new(two.clone(), "usual", 0, vec![]),
            Err(DecisionError::NoDraws)
        );
        let e = Psa::new(two.clone(), "usual", 2, vec![0.0; 3]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "cost (2 draws × 2 strategies) has 3 values; expected 4"
        );
        let e = Psa::new(two.clone(), "usual", 2, vec![0.0, 1.0, 2.0, f64::NAN]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "cost of strategy \"book\" in draw 1 is NaN; values must be finite"
        );
        let mut psa = Psa::new(two, "usual", 1, vec![0.0, 1.0]).unwrap();
        psa.add_effect("points", vec![0.0, 1.0]).unwrap();
        assert_eq!(
            psa.add_effect("points", vec![0.0, 1.0]),
            Err(DecisionError::DuplicateMeasure("points".into()))
        );
        let e = psa.outcomes("qalys").unwrap_err();
        assert_eq!(
            e.to_string(),
            "unknown effect measure \"qalys\"; valid: points"
        );
    }
}
