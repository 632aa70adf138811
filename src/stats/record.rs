//! What one (replicate, strategy) simulation records.

use super::histogram::{BINS, bin_of};
use crate::model::{N_OUTCOMES, StudentState};
use crate::population::{Population, SUBGROUPS};

/// Weekly sums, sums of squares and histograms per subgroup and outcome of
/// one simulation, plus its cost and teacher hours.
#[derive(Debug, Clone)]
pub struct Record {
    /// Recorded weeks: 0 (after burn-in) to the last week.
    pub weeks: usize,
    /// Students per subgroup.
    pub n: Vec<u64>,
    /// Sum per `[week][subgroup][outcome]`.
    pub sum: Vec<f64>,
    /// Sum of squares per `[week][subgroup][outcome]`.
    pub sumsq: Vec<f64>,
    /// Counts per `[week][subgroup][outcome][bin]`.
    pub hist: Vec<u32>,
    /// Money spent on components over the run.
    pub cost: f64,
    /// Teacher hours per class over the run (components and joint care).
    pub teacher_hours: Vec<f64>,
    /// State of every student at week 0 and at the last week, when asked for.
    pub snapshots: Option<(Vec<StudentState>, Vec<StudentState>)>,
}

const G: usize = SUBGROUPS.len();
const O: usize = N_OUTCOMES;

impl Record {
    /// An empty record for `weeks` recorded weeks.
    pub fn new(pop: &Population, weeks: usize) -> Record {
        let mut n = vec![0u64; G];
        for s in &pop.students {
            for (g, c) in n.iter_mut().enumerate() {
                *c += ((s.groups >> g) & 1) as u64;
            }
        }
        Record {
            weeks,
            n,
            sum: vec![0.0; weeks * G * O],
            sumsq: vec![0.0; weeks * G * O],
            hist: vec![0; weeks * G * O * BINS],
            cost: 0.0,
            teacher_hours: vec![0.0; pop.classes.len()],
            snapshots: None,
        }
    }

    /// Records every student's outcomes in recorded week `w`.
    pub fn observe(&mut self, w: usize, pop: &Population, state: &[StudentState], threshold: f32) {
        let base = w * G * O;
        for (s, st) in pop.students.iter().zip(state) {
            let values = st.outcomes(threshold);
            let mut mask = s.groups;
            while mask != 0 {
                let g = mask.trailing_zeros() as usize;
                mask &= mask - 1;
                let cell = base + g * O;
                for (o, &v) in values.iter().enumerate() {
                    let v64 = v as f64;
                    self.sum[cell + o] += v64;
                    self.sumsq[cell + o] += v64 * v64;
                    self.hist[(cell + o) * BINS + bin_of(v)] += 1;
                }
            }
        }
    }

    /// Index of `[week][subgroup][outcome]` in `sum` and `sumsq`.
    #[inline]
    pub fn cell(w: usize, g: usize, o: usize) -> usize {
        (w * G + g) * O + o
    }

    /// Mean and variance of an outcome in a subgroup at a recorded week.
    pub fn moments(&self, w: usize, g: usize, o: usize) -> (f64, f64, f64) {
        let n = self.n[g] as f64;
        let c = Self::cell(w, g, o);
        if n == 0.0 {
            return (0.0, f64::NAN, 0.0);
        }
        let mean = self.sum[c] / n;
        let var = if n > 1.0 {
            ((self.sumsq[c] - self.sum[c] * mean) / (n - 1.0)).max(0.0)
        } else {
            0.0
        };
        (n, mean, var)
    }
}
