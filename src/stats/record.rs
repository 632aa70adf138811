//! What one (replicate, strategy) simulation records.

use super::histogram::{BINS, bin_of};
use crate::model::{N_OUTCOMES, StudentState};
use crate::population::{ATOMS, Population, SUBGROUPS, Student, atom_mask};

/// Fixed-point scale of student outcomes in sums (2¹⁶ per unit of 0–100).
pub const VALUE_SCALE: f64 = 65_536.0;

/// Weekly sums, sums of squares and histograms per subgroup and outcome of
/// one simulation, plus its cost and teacher hours.
///
/// Sums are exact integers of fixed-point values, so records of parts of a
/// population (threads) or of replicates (shards) add up to the same bits in
/// any order.
#[derive(Debug, Clone)]
pub struct Record {
    /// Recorded weeks: 0 (after burn-in) to the last week.
    pub weeks: usize,
    /// Students per subgroup.
    pub n: Vec<u64>,
    /// Fixed-point sum per `[week][subgroup][outcome]`.
    pub sum: Vec<i64>,
    /// Fixed-point sum of squares per `[week][subgroup][outcome]`.
    pub sumsq: Vec<i128>,
    /// Counts per `[week][subgroup][outcome][bin]`.
    pub hist: Vec<u32>,
    /// Money spent on components over the run.
    pub cost: f64,
    /// Teacher hours per class over the run (components and joint care).
    pub teacher_hours: Vec<f64>,
    /// State of every student at week 0 and at the last week, when asked for.
    pub snapshots: Option<(Vec<StudentState>, Vec<StudentState>)>,
    /// The cross-sectional survey of the survey week.
    pub survey: Option<super::survey::SurveyRecord>,
    /// One week's sums per atom, reused every week.
    scratch: Scratch,
}

/// Per-atom sums of one week: students are summed once into their atom, and
/// atoms are then added into every subgroup they belong to.
#[derive(Debug, Clone)]
struct Scratch {
    count: Vec<u64>,
    sum: Vec<i64>,
    sumsq: Vec<i128>,
    hist: Vec<u32>,
}

impl Scratch {
    fn new() -> Self {
        Scratch {
            count: vec![0; ATOMS],
            sum: vec![0; ATOMS * O],
            sumsq: vec![0; ATOMS * O],
            hist: vec![0; ATOMS * O * BINS],
        }
    }

    fn clear(&mut self) {
        self.count.iter_mut().for_each(|x| *x = 0);
        self.sum.iter_mut().for_each(|x| *x = 0);
        self.sumsq.iter_mut().for_each(|x| *x = 0);
        self.hist.iter_mut().for_each(|x| *x = 0);
    }
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
            sum: vec![0; weeks * G * O],
            sumsq: vec![0; weeks * G * O],
            hist: vec![0; weeks * G * O * BINS],
            cost: 0.0,
            teacher_hours: vec![0.0; pop.classes.len()],
            snapshots: None,
            survey: None,
            scratch: Scratch::new(),
        }
    }

    /// Records the outcomes of `students` (with their `state`) in recorded week `w`. Sums of
    /// squares (for effect sizes) are kept only when `squares` is set — the
    /// last week — since trajectories need only sums and histograms.
    pub fn observe(
        &mut self,
        w: usize,
        students: &[Student],
        state: &[StudentState],
        threshold: f32,
        squares: bool,
    ) {
        let sc = &mut self.scratch;
        sc.clear();
        for (s, st) in students.iter().zip(state) {
            let values = st.outcomes(threshold);
            let a = s.atom as usize;
            sc.count[a] += 1;
            let cell = a * O;
            for (o, &v) in values.iter().enumerate() {
                // Outcomes are in 0–100, so truncation after +0.5 rounds.
                let q = (v as f64 * VALUE_SCALE + 0.5) as i64;
                sc.sum[cell + o] += q;
                sc.hist[(cell + o) * BINS + bin_of(v)] += 1;
                if squares {
                    sc.sumsq[cell + o] += (q as i128) * (q as i128);
                }
            }
        }
        let base = w * G * O;
        for a in 0..ATOMS {
            if sc.count[a] == 0 {
                continue;
            }
            let mut mask = atom_mask(a as u8);
            while mask != 0 {
                let g = mask.trailing_zeros() as usize;
                mask &= mask - 1;
                let cell = base + g * O;
                for o in 0..O {
                    self.sum[cell + o] += sc.sum[a * O + o];
                    if squares {
                        self.sumsq[cell + o] += sc.sumsq[a * O + o];
                    }
                    let from = (a * O + o) * BINS;
                    let to = (cell + o) * BINS;
                    for b in 0..BINS {
                        self.hist[to + b] += sc.hist[from + b];
                    }
                }
            }
        }
    }

    /// Adds the record of another part of the same population and week range.
    pub fn merge(&mut self, other: &Record) {
        for (a, b) in self.sum.iter_mut().zip(&other.sum) {
            *a += b;
        }
        for (a, b) in self.sumsq.iter_mut().zip(&other.sumsq) {
            *a += b;
        }
        for (a, b) in self.hist.iter_mut().zip(&other.hist) {
            *a += b;
        }
    }

    /// Index of `[week][subgroup][outcome]` in `sum` and `sumsq`.
    #[inline]
    pub fn cell(w: usize, g: usize, o: usize) -> usize {
        (w * G + g) * O + o
    }

    /// Count, mean and variance of an outcome in a subgroup at a recorded week.
    pub fn moments(&self, w: usize, g: usize, o: usize) -> (f64, f64, f64) {
        let n = self.n[g] as f64;
        let c = Self::cell(w, g, o);
        if n == 0.0 {
            return (0.0, f64::NAN, 0.0);
        }
        let sum = self.sum[c] as f64;
        let mean = sum / n;
        let var = if n > 1.0 {
            ((self.sumsq[c] as f64 - sum * mean) / (n - 1.0)).max(0.0)
        } else {
            0.0
        };
        (n, mean / VALUE_SCALE, var / (VALUE_SCALE * VALUE_SCALE))
    }
}
