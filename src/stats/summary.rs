//! The Monte Carlo summary: records folded in replicate order.

use super::effects::{EffectAcc, hedges_g};
use super::histogram::BINS;
use super::record::Record;
use crate::model::{N_OUTCOMES, OUTCOMES};
use crate::population::SUBGROUPS;

const G: usize = SUBGROUPS.len();
const O: usize = N_OUTCOMES;

/// Everything known about one strategy after the replicates folded so far.
#[derive(Debug, Clone)]
pub struct StrategySummary {
    /// Strategy name.
    pub name: String,
    /// Students per subgroup, summed over replicates.
    pub n: Vec<u64>,
    /// Sum per `[week][subgroup][outcome]` over replicates.
    pub sum: Vec<f64>,
    /// Histogram counts per `[week][subgroup][outcome][bin]` over replicates.
    pub hist: Vec<u32>,
    /// Effect against the baseline per `[subgroup][outcome]`.
    pub effects: Vec<EffectAcc>,
    /// Money spent, summed over replicates.
    pub cost: f64,
    /// Teacher hours, summed over replicates and classes.
    pub teacher_hours: f64,
}

/// The whole run's statistics.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Per strategy, in scenario order.
    pub strategies: Vec<StrategySummary>,
    /// Index of the baseline.
    pub baseline: usize,
    /// Recorded weeks (0 to last).
    pub weeks: usize,
    /// Replicates folded.
    pub replicates: u32,
}

impl Summary {
    /// An empty summary.
    pub fn new(names: &[String], baseline: usize, weeks: usize) -> Summary {
        Summary {
            strategies: names
                .iter()
                .map(|name| StrategySummary {
                    name: name.clone(),
                    n: vec![0; G],
                    sum: vec![0.0; weeks * G * O],
                    hist: vec![0; weeks * G * O * BINS],
                    effects: vec![EffectAcc::default(); G * O],
                    cost: 0.0,
                    teacher_hours: 0.0,
                })
                .collect(),
            baseline,
            weeks,
            replicates: 0,
        }
    }

    /// Folds one replicate: one record per strategy, in scenario order.
    pub fn fold(&mut self, records: &[Record]) {
        let last = self.weeks - 1;
        let base = &records[self.baseline];
        for (acc, rec) in self.strategies.iter_mut().zip(records) {
            for (a, b) in acc.n.iter_mut().zip(&rec.n) {
                *a += b;
            }
            for (a, b) in acc.sum.iter_mut().zip(&rec.sum) {
                *a += b;
            }
            for (a, b) in acc.hist.iter_mut().zip(&rec.hist) {
                *a = a.saturating_add(*b);
            }
            acc.cost += rec.cost;
            acc.teacher_hours += rec.teacher_hours.iter().sum::<f64>();
            for g in 0..G {
                for (o, info) in OUTCOMES.iter().enumerate() {
                    let (n_s, m_s, v_s) = rec.moments(last, g, o);
                    let (n_b, m_b, v_b) = base.moments(last, g, o);
                    let e = &mut acc.effects[g * O + o];
                    e.students += n_s as u64;
                    if n_s == 0.0 {
                        continue;
                    }
                    let sign = if info.higher_is_better { 1.0 } else { -1.0 };
                    let diff = m_s - m_b;
                    e.mean.push(m_s);
                    e.baseline_mean.push(m_b);
                    e.diff.push(diff);
                    e.g.push(sign * hedges_g(n_s, m_s, v_s, n_b, m_b, v_b));
                    if sign * diff > 0.0 {
                        e.wins += 1;
                    }
                }
            }
        }
        self.replicates += 1;
    }
}
