//! Panel statistics: the same students surveyed twice, `lag` weeks apart.
//!
//! At each window week `w` whose second wave `w + lag` is still in the run,
//! every student's panel measures ([`PANEL_MEASURES`]) and screening status
//! are kept ([`Wave`]: 7 numbers and a flag per student) until `w + lag`.
//! There, per survey subgroup (membership is fixed), a [`PanelRecord`] adds
//!
//! * the exact co-moments of each measure at `w` with the same measure at
//!   `w + lag`, centred on each wave's own mean and pooled over the start
//!   weeks like the survey window's: their ratio is the **rank-order
//!   stability** r (the correlation of a student's value with the same
//!   student's value a lag later — Garrison et al. 1990 report r = 0.53 at
//!   one year and 0.36 at two for depressive symptoms);
//! * the students screening positive at `w` and those positive at both
//!   waves: their ratio is the **persistence** of depressive symptoms (Chi
//!   et al. 2020: 46.4 % of screen-positive grade-7 students still positive
//!   a year later).
//!
//! Memory: one wave per start week still waiting for its last lag, 29 bytes
//! per student each, only in runs long enough for a lag.

use serde::{Deserialize, Serialize};

use super::effects::Moments;
use super::survey::{SURVEY_GROUPS, cell_mask, comoment, fisher_z, fixed, present_cells};
use crate::model::{StatesRef, StudentState};
use crate::population::Student;

/// The measures whose stability is recorded, in output order.
pub const PANEL_MEASURES: [&str; K] = [
    "distress",
    "resilience",
    "self_efficacy",
    "hope",
    "emotion_regulation",
    "social_competence",
    "perceived_support",
];

/// Number of panel measures.
pub const K: usize = 7;

const G: usize = SURVEY_GROUPS;

/// Bytes a wave keeps per student.
pub const WAVE_BYTES_PER_STUDENT: u64 = (K * 4 + 1) as u64;

/// Index of a panel measure by name.
pub fn panel_measure_index(name: &str) -> Option<usize> {
    PANEL_MEASURES.iter().position(|m| *m == name)
}

/// The panel measures of one student, on 0–100.
#[inline]
fn values(st: &StudentState) -> [f32; K] {
    [
        100.0 * st.distress,
        100.0 * st.resilience(),
        100.0 * st.self_efficacy,
        100.0 * st.hope,
        100.0 * st.emotion_regulation,
        100.0 * st.social_competence,
        100.0 * st.support,
    ]
}

/// Every student's panel measures at one window week (the first wave).
#[derive(Debug, Clone)]
pub struct Wave {
    /// The week.
    pub week: usize,
    values: Vec<[f32; K]>,
    positive: Vec<bool>,
}

impl Wave {
    /// The first wave of the students in state `state` at week `week`.
    pub fn of(week: usize, state: StatesRef<'_>, threshold: f32) -> Wave {
        Wave {
            week,
            values: state.rows().map(|s| values(&s)).collect(),
            positive: state.distress.iter().map(|&d| d > threshold).collect(),
        }
    }
}

/// One simulation's panel of one lag: exact co-moments per survey subgroup
/// and measure, pooled over the start weeks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelRecord {
    /// Weeks between the two waves.
    pub lag: u32,
    /// Window weeks that start a pair of waves (`week + lag` in the run).
    pub starts: Vec<u32>,
    /// Students per survey subgroup (one pair of waves).
    pub n: Vec<u64>,
    /// Pairs of waves added so far.
    pub pairs: u32,
    /// `n·Σx² − (Σx)²` of the first wave per `[subgroup][measure]`, summed over pairs.
    pub var0: Vec<i128>,
    /// The same of the second wave.
    pub var1: Vec<i128>,
    /// `n·Σxy − Σx·Σy` of first with second wave per `[subgroup][measure]`.
    pub cov: Vec<i128>,
    /// Students screening positive in the first wave, summed over pairs.
    pub positive: Vec<u64>,
    /// Students screening positive in both waves, summed over pairs.
    pub persistent: Vec<u64>,
}

impl PanelRecord {
    /// An empty panel of `lag` weeks started at `starts`.
    pub fn new(lag: usize, starts: &[usize]) -> PanelRecord {
        PanelRecord {
            lag: lag as u32,
            starts: starts.iter().map(|&w| w as u32).collect(),
            n: vec![0; G],
            pairs: 0,
            var0: vec![0; G * K],
            var1: vec![0; G * K],
            cov: vec![0; G * K],
            positive: vec![0; G],
            persistent: vec![0; G],
        }
    }

    /// Adds the pair of `first` with the students' state now.
    pub fn pair(
        &mut self,
        first: &Wave,
        students: &[Student],
        state: StatesRef<'_>,
        threshold: f32,
    ) {
        // Per cell: n, Σx, Σy, Σx², Σy², Σxy per measure; positive and persistent.
        let (slots, present) = present_cells(students);
        let cells = present.len();
        let mut n = vec![0u64; cells];
        let mut pos = vec![0u64; cells];
        let mut both = vec![0u64; cells];
        let mut sums = vec![[0i128; 5]; cells * K];
        for (i, (&c, st)) in slots.iter().zip(state.rows()).enumerate() {
            let c = c as usize;
            n[c] += 1;
            let was = first.positive[i];
            pos[c] += was as u64;
            both[c] += (was && st.distress > threshold) as u64;
            let now = values(&st);
            for k in 0..K {
                // Values are below 2²³, so their products fit an i64.
                let (x, y) = (fixed(first.values[i][k]), fixed(now[k]));
                let cell = &mut sums[c * K + k];
                cell[0] += x as i128;
                cell[1] += y as i128;
                cell[2] += (x * x) as i128;
                cell[3] += (y * y) as i128;
                cell[4] += (x * y) as i128;
            }
        }
        let mut group_n = vec![0u64; G];
        let mut group = vec![[0i128; 5]; G * K];
        for (c, &cell) in present.iter().enumerate() {
            let mut mask = cell_mask(cell);
            while mask != 0 {
                let g = mask.trailing_zeros() as usize;
                mask &= mask - 1;
                group_n[g] += n[c];
                self.positive[g] += pos[c];
                self.persistent[g] += both[c];
                for k in 0..K {
                    for (a, b) in group[g * K + k].iter_mut().zip(&sums[c * K + k]) {
                        *a += b;
                    }
                }
            }
        }
        for g in 0..G {
            let n = group_n[g];
            for k in 0..K {
                let [sx, sy, sxx, syy, sxy] = group[g * K + k];
                self.var0[g * K + k] += comoment(n, sx, sx, sxx);
                self.var1[g * K + k] += comoment(n, sy, sy, syy);
                self.cov[g * K + k] += comoment(n, sx, sy, sxy);
            }
        }
        self.n = group_n;
        self.pairs += 1;
    }

    /// Rank-order stability: the correlation of measure `k` at the first
    /// wave with the same measure at the second, in subgroup `g` (NaN
    /// without pairs, spread or two students).
    pub fn stability(&self, g: usize, k: usize) -> f64 {
        if self.pairs == 0 || self.n[g] < 2 {
            return f64::NAN;
        }
        let (a, b) = (self.var0[g * K + k], self.var1[g * K + k]);
        if a <= 0 || b <= 0 {
            return f64::NAN;
        }
        (self.cov[g * K + k] as f64 / ((a as f64).sqrt() * (b as f64).sqrt())).clamp(-1.0, 1.0)
    }

    /// Persistence: the share of students screening positive at the first
    /// wave who screen positive at the second (NaN when nobody was positive).
    pub fn persistence(&self, g: usize) -> f64 {
        if self.positive[g] == 0 {
            f64::NAN
        } else {
            self.persistent[g] as f64 / self.positive[g] as f64
        }
    }
}

/// A strategy's panel statistics of one lag over replicates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelAcc {
    /// Weeks between the waves.
    pub lag: u32,
    /// Window weeks that start a pair.
    pub starts: Vec<u32>,
    /// Students per survey subgroup, summed over replicates.
    pub n: Vec<u64>,
    /// Stability per replicate, per `[subgroup][measure]`.
    pub r: Vec<Moments>,
    /// Fisher's z of the stability per replicate, per `[subgroup][measure]`.
    pub z: Vec<Moments>,
    /// Persistence per replicate, per subgroup.
    pub persistence: Vec<Moments>,
}

impl PanelAcc {
    /// An empty accumulator for records like `rec`.
    pub fn for_record(rec: &PanelRecord) -> PanelAcc {
        PanelAcc {
            lag: rec.lag,
            starts: rec.starts.clone(),
            n: vec![0; G],
            r: vec![Moments::default(); G * K],
            z: vec![Moments::default(); G * K],
            persistence: vec![Moments::default(); G],
        }
    }

    /// Adds one replicate's panel.
    pub fn fold(&mut self, rec: &PanelRecord) {
        for g in 0..G {
            self.n[g] += rec.n[g];
            self.persistence[g].push(rec.persistence(g));
            for k in 0..K {
                let r = rec.stability(g, k);
                self.r[g * K + k].push(r);
                self.z[g * K + k].push(fisher_z(r));
            }
        }
    }

    /// Adds another accumulator of the same lag.
    pub fn merge(&mut self, o: &PanelAcc) {
        for (a, b) in self.n.iter_mut().zip(&o.n) {
            *a += b;
        }
        for (a, b) in [
            (&mut self.r, &o.r),
            (&mut self.z, &o.z),
            (&mut self.persistence, &o.persistence),
        ] {
            for (x, y) in a.iter_mut().zip(b) {
                x.merge(y);
            }
        }
    }

    /// Stability of measure `k` in subgroup `g`: tanh of the mean Fisher z,
    /// with its 95 % Monte Carlo interval mapped back.
    pub fn stability(&self, g: usize, k: usize) -> (f64, f64, f64) {
        let z = &self.z[g * K + k];
        let (lo, hi) = z.interval();
        (z.mean().tanh(), lo.tanh(), hi.tanh())
    }
}
