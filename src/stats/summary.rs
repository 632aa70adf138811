//! The Monte Carlo summary: records folded replicate by replicate.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::draws::{self, Draw};
use super::effects::{EffectAcc, hedges_g};
use super::equity::{GapAcc, empty_gaps, fold_gaps};
use super::histogram::BINS;
use super::record::{Record, VALUE_SCALE};
use super::survey::SurveyAcc;
use super::totals::AtomTotals;
use super::zeros::written_zeros;
use crate::model::{N_OUTCOMES, OUTCOMES};
use crate::population::SUBGROUPS;

const G: usize = SUBGROUPS.len();
const O: usize = N_OUTCOMES;
/// Fixed-point scale of money and hours (2²⁰ per unit).
const MONEY_SCALE: f64 = 1_048_576.0;

/// Everything known about one strategy after the replicates folded so far.
///
/// Every field is an exact integer sum, so summaries of disjoint sets of
/// replicates [`Summary::merge`] into the same bits in any order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StrategySummary {
    /// Strategy name.
    pub name: String,
    /// Students per subgroup, summed over replicates.
    pub n: Vec<u64>,
    /// Fixed-point sum per `[week][subgroup][outcome]` over replicates.
    pub sum: Vec<i128>,
    /// Histogram counts per `[week][subgroup][outcome][bin]` (saturating).
    pub hist: Vec<u32>,
    /// Effect against the baseline per `[subgroup][outcome]`.
    pub effects: Vec<EffectAcc>,
    /// Change of each equity gap against the baseline per `[gap][outcome]`
    /// (`population::EQUITY_GAPS`).
    pub gaps: Vec<GapAcc>,
    /// Money spent, fixed-point, summed over replicates.
    cost: i128,
    /// Teacher hours, fixed-point, summed over replicates and classes.
    teacher_hours: i128,
    /// The cross-sectional survey over replicates.
    pub survey: SurveyAcc,
}

impl StrategySummary {
    /// Mean of an outcome in a subgroup at a recorded week, over students and replicates.
    pub fn mean(&self, w: usize, g: usize, o: usize) -> f64 {
        let n = self.n[g] as f64;
        self.sum[(w * G + g) * O + o] as f64 / VALUE_SCALE / n
    }

    /// Histogram of an outcome in a subgroup at a recorded week.
    pub fn histogram(&self, w: usize, g: usize, o: usize) -> &[u32] {
        let c = (w * G + g) * O + o;
        &self.hist[c * BINS..(c + 1) * BINS]
    }

    /// Money spent over all replicates.
    pub fn cost(&self) -> f64 {
        self.cost as f64 / MONEY_SCALE
    }

    /// Teacher hours over all replicates and classes.
    pub fn teacher_hours(&self) -> f64 {
        self.teacher_hours as f64 / MONEY_SCALE
    }
}

/// The whole run's statistics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Per strategy, in scenario order.
    pub strategies: Vec<StrategySummary>,
    /// Index of the baseline.
    pub baseline: usize,
    /// Recorded weeks (0 to last).
    pub weeks: usize,
    /// Replicates folded.
    pub replicates: u32,
    /// Every replicate's cost and outcomes per strategy, in replicate
    /// order: the draws of a decision analysis (`decision.csv`).
    pub draws: Vec<Draw>,
    /// Whether each replicate's parameters were drawn from a posterior
    /// (`--uncertainty`): then the draws' spread includes parameter
    /// uncertainty, else it is simulation noise only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub parameters_drawn: bool,
}

impl Summary {
    /// An empty summary.
    pub fn new(names: &[String], baseline: usize, weeks: usize) -> Summary {
        Summary {
            // Each strategy's buffers written on a thread of the current
            // rayon pool.
            strategies: names
                .par_iter()
                .map(|name| StrategySummary {
                    name: name.clone(),
                    n: vec![0; G],
                    // Written now: the totals are spread into them on every thread.
                    sum: written_zeros(weeks * G * O),
                    hist: written_zeros(weeks * G * O * BINS),
                    effects: vec![EffectAcc::default(); G * O],
                    gaps: empty_gaps(),
                    cost: 0,
                    teacher_hours: 0,
                    survey: SurveyAcc::default(),
                })
                .collect(),
            baseline,
            weeks,
            replicates: 0,
            draws: Vec::new(),
            parameters_drawn: false,
        }
    }

    /// Folds replicate `replicate`: one record per strategy, in scenario
    /// order, with its weekly sums and histograms.
    pub fn fold(&mut self, replicate: u32, records: &[Record]) {
        self.fold_replicate(replicate, records);
        for (k, rec) in records.iter().enumerate() {
            let mut totals = AtomTotals::new(self.weeks);
            totals.add(rec);
            self.add_totals(k, &totals);
        }
    }

    /// Folds what one replicate adds beyond the weekly sums and histograms
    /// (which come with [`Summary::add_totals`]): students, effects against
    /// the baseline, the survey, cost and teacher hours.
    pub fn fold_replicate(&mut self, replicate: u32, records: &[Record]) {
        let last = self.weeks - 1;
        let mut draw = Draw::of(replicate, records, last);
        draw.effects = vec![None; records.len() * G * O];
        let base = &records[self.baseline];
        for (k, (acc, rec)) in self.strategies.iter_mut().zip(records).enumerate() {
            for (a, b) in acc.n.iter_mut().zip(&rec.n) {
                *a += b;
            }
            if let Some(survey) = &rec.survey {
                acc.survey.fold(survey);
            }
            acc.cost += (rec.cost * MONEY_SCALE).round() as i128;
            acc.teacher_hours +=
                (rec.teacher_hours.iter().sum::<f64>() * MONEY_SCALE).round() as i128;
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
                    draw.effects[(k * G + g) * O + o] = Some(diff);
                    e.g.push(sign * hedges_g(n_s, m_s, v_s, n_b, m_b, v_b));
                    if sign * diff > 0.0 {
                        e.wins += 1;
                    }
                }
            }
            fold_gaps(&mut acc.gaps, rec, base, last);
        }
        draws::insert(&mut self.draws, draw);
        self.replicates += 1;
    }

    /// Adds strategy `k`'s weekly sums and histograms over replicates.
    pub fn add_totals(&mut self, k: usize, totals: &AtomTotals) {
        let acc = &mut self.strategies[k];
        totals.spread_into(&mut acc.sum, &mut acc.hist);
    }

    /// The 2.5–97.5 % percentiles over replicates of strategy `k`'s
    /// difference from the baseline in subgroup `g` and outcome `o`
    /// (replicates where the subgroup has students); NaN when the draws
    /// keep no effects.
    pub fn effect_percentiles(&self, k: usize, g: usize, o: usize) -> (f64, f64) {
        let at = (k * G + g) * O + o;
        let values: Vec<f64> = self
            .draws
            .iter()
            .filter_map(|d| d.effects.get(at).copied().flatten())
            .collect();
        super::percentile::interval95(values)
    }

    /// Adds a summary of other replicates of the same scenario.
    pub fn merge(&mut self, other: &Summary) {
        for (a, b) in self.strategies.iter_mut().zip(&other.strategies) {
            for (x, y) in a.n.iter_mut().zip(&b.n) {
                *x += y;
            }
            for (x, y) in a.sum.iter_mut().zip(&b.sum) {
                *x += y;
            }
            for (x, y) in a.hist.iter_mut().zip(&b.hist) {
                *x = x.saturating_add(*y);
            }
            for (x, y) in a.effects.iter_mut().zip(&b.effects) {
                x.merge(y);
            }
            for (x, y) in a.gaps.iter_mut().zip(&b.gaps) {
                x.merge(y);
            }
            a.cost += b.cost;
            a.teacher_hours += b.teacher_hours;
            a.survey.merge(&b.survey);
        }
        self.replicates += other.replicates;
        self.parameters_drawn |= other.parameters_drawn;
        for d in &other.draws {
            draws::insert(&mut self.draws, d.clone());
        }
    }
}
