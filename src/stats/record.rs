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
    /// Fixed-point sum of squares per `[week][subgroup][outcome]`, kept only
    /// in the weeks marked in `squared`.
    pub sumsq: Vec<i128>,
    /// Weeks whose sums of squares were kept (the last, and any week an
    /// effect is read at: `run.moment_weeks`).
    pub squared: Vec<bool>,
    /// Counts per `[week][subgroup][outcome][bin]`.
    pub hist: Vec<u32>,
    /// Money spent on components over the run.
    pub cost: f64,
    /// Teacher hours per class over the run (components and joint care).
    pub teacher_hours: Vec<f64>,
    /// State of every student at week 0 and at the last week, when asked for.
    pub snapshots: Option<(Vec<StudentState>, Vec<StudentState>)>,
    /// The cross-sectional survey over the survey window, with its panels.
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

    /// Zeroes what the last week recorded: the rows of the atoms it saw.
    fn clear(&mut self) {
        for a in 0..ATOMS {
            if self.count[a] == 0 {
                continue;
            }
            self.count[a] = 0;
            self.sum[a * O..(a + 1) * O].fill(0);
            self.sumsq[a * O..(a + 1) * O].fill(0);
            self.hist[a * O * BINS..(a + 1) * O * BINS].fill(0);
        }
    }
}

const G: usize = SUBGROUPS.len();
const O: usize = N_OUTCOMES;
/// Atoms of boys; a girl's atom is a boy's plus `HALF`.
const HALF: usize = ATOMS / 2;
/// Index of the `female` subgroup (`male` follows it).
const FEMALE: usize = G - 2;
const _: () = assert!(G == 12, "female and male are the last two subgroups");

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
            squared: vec![false; weeks],
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
    /// last week and the weeks an effect is read at — since trajectories need
    /// only sums and histograms.
    ///
    /// Students are summed into their atom; each atom is added into `female`
    /// or `male`, and the atoms of girls and boys are then added into one
    /// atom per other trait, which is spread into the other subgroups — so
    /// the sex split costs two subgroups, not twice the atoms.
    pub fn observe(
        &mut self,
        w: usize,
        students: &[Student],
        state: &[StudentState],
        threshold: f32,
        squares: bool,
    ) {
        self.squared[w] |= squares;
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
        // Boys' atoms into `male`, girls' into `female` and then into the
        // boy's atom with the same other traits.
        let base = w * G * O;
        let row = |g: usize| base + g * O;
        for (a, sex) in (0..ATOMS).map(|a| (a, row(FEMALE + (a < HALF) as usize))) {
            if sc.count[a] == 0 {
                continue;
            }
            for o in 0..O {
                let from = a * O + o;
                self.sum[sex + o] += sc.sum[from];
                if squares {
                    self.sumsq[sex + o] += sc.sumsq[from];
                }
                for b in 0..BINS {
                    self.hist[(sex + o) * BINS + b] += sc.hist[from * BINS + b];
                }
                if a >= HALF {
                    let to = from - HALF * O;
                    sc.sum[to] += sc.sum[from];
                    if squares {
                        sc.sumsq[to] += sc.sumsq[from];
                    }
                    for b in 0..BINS {
                        sc.hist[to * BINS + b] += sc.hist[from * BINS + b];
                    }
                }
            }
            if a >= HALF {
                sc.count[a - HALF] += sc.count[a];
            }
        }
        let others = !(0b11u16 << FEMALE);
        for a in 0..HALF {
            if sc.count[a] == 0 {
                continue;
            }
            let mut mask = atom_mask(a as u8) & others;
            while mask != 0 {
                let g = mask.trailing_zeros() as usize;
                mask &= mask - 1;
                let cell = row(g);
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
        for (a, b) in self.squared.iter_mut().zip(&other.squared) {
            *a |= b;
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

    /// Count, mean and variance of an outcome in a subgroup at a recorded
    /// week; the variance is NaN in a week whose sums of squares were not kept.
    pub fn moments(&self, w: usize, g: usize, o: usize) -> (f64, f64, f64) {
        let n = self.n[g] as f64;
        let c = Self::cell(w, g, o);
        if n == 0.0 {
            return (0.0, f64::NAN, 0.0);
        }
        let sum = self.sum[c] as f64;
        let mean = sum / n;
        let var = if !self.squared[w] {
            f64::NAN
        } else if n > 1.0 {
            ((self.sumsq[c] as f64 - sum * mean) / (n - 1.0)).max(0.0)
        } else {
            0.0
        };
        (n, mean / VALUE_SCALE, var / (VALUE_SCALE * VALUE_SCALE))
    }
}
