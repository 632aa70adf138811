//! The race: successive halving over portfolios with common random numbers.

use serde::{Deserialize, Serialize};

use super::{Budget, Portfolio, Settings};
use crate::stats::t_975;

/// Numbers saved bit for bit (a resumed search continues from exactly the
/// values it stopped at; NaN included).
mod bits {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(v: &[f64], s: S) -> Result<S::Ok, S::Error> {
        v.iter()
            .map(|x| x.to_bits())
            .collect::<Vec<u64>>()
            .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<f64>, D::Error> {
        Ok(Vec::<u64>::deserialize(d)?
            .into_iter()
            .map(f64::from_bits)
            .collect())
    }
}

/// What the search maximises: the end-of-run gain over the baseline in one
/// outcome of one subgroup (for outcomes where lower is better, the
/// reduction).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Objective {
    /// The subgroup's name (`all`, `left_behind`, … as in `effects.csv`).
    pub subgroup: String,
    /// The outcome's name (`resilience`, `distress`, `depressive`, …).
    pub outcome: String,
    /// Whether a higher value of the outcome is better.
    pub higher_is_better: bool,
}

impl Objective {
    /// The gain of `value` over `baseline`: positive is better.
    pub fn gain(&self, value: f64, baseline: f64) -> f64 {
        if self.higher_is_better {
            value - baseline
        } else {
            baseline - value
        }
    }

    /// The objective in words, e.g. `resilience of left_behind students`.
    pub fn describe(&self) -> String {
        let who = if self.subgroup == "all" {
            "all students".to_string()
        } else {
            format!("{} students", self.subgroup)
        };
        let how = if self.higher_is_better {
            "gain in"
        } else {
            "reduction in"
        };
        format!("{how} {} of {who}", self.outcome)
    }
}

/// A portfolio's results, one value per replicate run so far (in replicate
/// order: replicate `i` of every portfolio shares its random numbers).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tally {
    /// Gain over the baseline ([`Objective::gain`]).
    #[serde(with = "bits")]
    pub gain: Vec<f64>,
    /// Money per student per year.
    #[serde(with = "bits")]
    pub cost: Vec<f64>,
    /// Teacher hours per class per term beyond the baseline's.
    #[serde(with = "bits")]
    pub hours: Vec<f64>,
}

/// The mean of `v` (NaN when empty).
fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len() as f64
}

impl Tally {
    /// Replicates run.
    pub fn replicates(&self) -> usize {
        self.gain.len()
    }

    /// Mean gain.
    pub fn gain(&self) -> f64 {
        mean(&self.gain)
    }

    /// The 95 % Monte Carlo interval of the mean gain (Student's t).
    pub fn interval(&self) -> (f64, f64) {
        let n = self.gain.len();
        let m = self.gain();
        if n < 2 {
            return (f64::NAN, f64::NAN);
        }
        let var = self.gain.iter().map(|g| (g - m) * (g - m)).sum::<f64>() / (n - 1) as f64;
        let half = t_975(n as u64 - 1) * (var / n as f64).sqrt();
        (m - half, m + half)
    }

    /// Mean money per student per year.
    pub fn cost(&self) -> f64 {
        mean(&self.cost)
    }

    /// Mean teacher hours per class per term.
    pub fn hours(&self) -> f64 {
        mean(&self.hours)
    }
}

/// A portfolio in the race.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    /// The portfolio.
    pub portfolio: Portfolio,
    /// Its settings when they are not the registry's defaults: scaled down
    /// to the budget, or tuned.
    pub settings: Option<Settings>,
    /// Its estimated money and hours before it ran.
    pub estimate: (f64, f64),
    /// Its results so far.
    pub tally: Tally,
    /// The round it was dropped in (`None`: still racing, or a finalist).
    pub dropped: Option<u32>,
    /// Whether its simulated cost broke the budget.
    pub over_budget: bool,
}

/// Successive halving over candidates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Race {
    /// Every candidate, in screening order.
    pub candidates: Vec<Candidate>,
    /// Candidates kept at the end: the race stops when this many remain.
    pub finalists: usize,
    /// Share kept each round is one in `eta`.
    pub eta: usize,
    /// Rounds cut so far.
    pub rounds: u32,
}

impl Race {
    /// A race of `candidates` (portfolios with their estimates).
    pub fn new(candidates: Vec<(Portfolio, (f64, f64))>, finalists: usize, eta: usize) -> Race {
        Race {
            candidates: candidates
                .into_iter()
                .map(|(portfolio, estimate)| Candidate {
                    portfolio,
                    settings: None,
                    estimate,
                    tally: Tally::default(),
                    dropped: None,
                    over_budget: false,
                })
                .collect(),
            finalists: finalists.max(1),
            eta: eta.max(2),
            rounds: 0,
        }
    }

    /// Indices of the candidates still racing.
    pub fn alive(&self) -> Vec<usize> {
        (0..self.candidates.len())
            .filter(|&i| self.candidates[i].dropped.is_none())
            .collect()
    }

    /// Whether the race is over: no more than the finalists remain.
    pub fn done(&self) -> bool {
        self.alive().len() <= self.finalists
    }

    /// Ends a round: drops candidates whose simulated cost breaks `budget`,
    /// then keeps the best one in `eta` of the rest by mean gain (at least
    /// the finalists; ties go to the smaller portfolio, then the lower
    /// mask, so the cut is deterministic).
    pub fn cut(&mut self, budget: &Budget) {
        let round = self.rounds;
        self.rounds += 1;
        let mut alive = Vec::new();
        for i in self.alive() {
            let c = &mut self.candidates[i];
            if !budget.admits(c.tally.cost(), c.tally.hours(), 0.0) {
                c.over_budget = true;
                c.dropped = Some(round);
            } else {
                alive.push(i);
            }
        }
        let keep = alive.len().div_ceil(self.eta).max(self.finalists);
        alive.sort_by(|&a, &b| self.order(a, b));
        for &i in alive.iter().skip(keep) {
            self.candidates[i].dropped = Some(round);
        }
    }

    /// Better candidates first: higher mean gain, then fewer components,
    /// then the lower mask, then default settings before others, then
    /// screening order.
    pub fn order(&self, a: usize, b: usize) -> std::cmp::Ordering {
        let (ca, cb) = (&self.candidates[a], &self.candidates[b]);
        cb.tally
            .gain()
            .total_cmp(&ca.tally.gain())
            .then(ca.portfolio.len().cmp(&cb.portfolio.len()))
            .then(ca.portfolio.cmp(&cb.portfolio))
            .then(ca.settings.is_some().cmp(&cb.settings.is_some()))
            .then(a.cmp(&b))
    }

    /// The still-racing candidates, best first.
    pub fn ranking(&self) -> Vec<usize> {
        let mut alive = self.alive();
        alive.sort_by(|&a, &b| self.order(a, b));
        alive
    }

    /// For each of `finalists`, the share of replicates in which it has the
    /// highest gain among them (a tie shares the replicate): how often it
    /// is best given the simulation noise.
    pub fn probability_best(&self, finalists: &[usize]) -> Vec<f64> {
        let n = finalists
            .iter()
            .map(|&i| self.candidates[i].tally.replicates())
            .min()
            .unwrap_or(0);
        let mut wins = vec![0.0; finalists.len()];
        for r in 0..n {
            let gains: Vec<f64> = finalists
                .iter()
                .map(|&i| self.candidates[i].tally.gain[r])
                .collect();
            let best = gains.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let ties = gains.iter().filter(|&&g| g == best).count() as f64;
            for (w, g) in wins.iter_mut().zip(&gains) {
                if *g == best {
                    *w += 1.0 / ties;
                }
            }
        }
        wins.iter().map(|w| w / n.max(1) as f64).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn race(gains: &[(u32, f64, f64)]) -> Race {
        let mut r = Race::new(
            gains
                .iter()
                .map(|&(m, _, _)| (Portfolio(m), (0.0, 0.0)))
                .collect(),
            2,
            3,
        );
        for (c, &(_, g, cost)) in r.candidates.iter_mut().zip(gains) {
            c.tally.gain = vec![g, g + 0.1];
            c.tally.cost = vec![cost, cost];
            c.tally.hours = vec![0.0, 0.0];
        }
        r
    }

    #[test]
    fn a_cut_keeps_the_best_third_within_budget() {
        let mut r = race(&[
            (0b1, 1.0, 5.0),
            (0b10, 3.0, 50.0),
            (0b11, 2.0, 10.0),
            (0b100, 0.5, 1.0),
            (0b101, 1.5, 6.0),
            (0b110, 0.1, 1.0),
            (0b111, 2.5, 12.0),
        ]);
        let budget = Budget {
            cost_per_student_year: Some(20.0),
            teacher_hours_per_class_term: None,
        };
        r.cut(&budget);
        // 0b10 is over budget; of the six left, two (a third) are kept.
        assert!(r.candidates[1].over_budget);
        let kept: Vec<u32> = r
            .ranking()
            .iter()
            .map(|&i| r.candidates[i].portfolio.0)
            .collect();
        assert_eq!(kept, [0b111, 0b11]);
        assert!(r.done());
    }

    #[test]
    fn the_probability_of_being_best_counts_replicates() {
        let mut r = race(&[(0b1, 1.0, 0.0), (0b10, 0.0, 0.0)]);
        r.candidates[0].tally.gain = vec![1.0, 0.0, 2.0, 3.0];
        r.candidates[1].tally.gain = vec![0.0, 1.0, 2.0, 1.0];
        assert_eq!(r.probability_best(&[0, 1]), [0.625, 0.375]);
    }

    #[test]
    fn the_interval_is_students_t() {
        let t = Tally {
            gain: vec![1.0, 2.0, 3.0],
            cost: vec![0.0; 3],
            hours: vec![0.0; 3],
        };
        let (lo, hi) = t.interval();
        // mean 2, sd 1, t(2) = 4.303: 2 ± 4.303/√3.
        assert!((lo - (2.0 - 2.4843)).abs() < 1e-3 && (hi - (2.0 + 2.4843)).abs() < 1e-3);
    }
}
