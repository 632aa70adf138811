//! What one (replicate, strategy) simulation records.
//!
//! Students are summed into their *atom* (the finest cell of subgroups, see
//! [`ATOMS`]); atoms are spread into subgroups only when the summary is made
//! ([`super::Summary`]), once per run rather than once per simulated week.
//! A week's histogram touches few of its cells in a small population, so the
//! record also lists the cells that became non-zero: adding a record into the
//! run's totals, or clearing it for reuse, costs what was recorded, not the
//! size of the histogram.

use super::histogram::{BINS, bin_of, round_to_integer};
use super::zeros::written_zeros;
use crate::model::{Isa, N_OUTCOMES, StatesRef, StudentState};
use crate::population::{ATOMS, Population, SUBGROUPS, Student, atom_mask};
use crate::scenario::Scenario;

/// Fixed-point scale of student outcomes in sums (2¹⁶ per unit of 0–100).
pub const VALUE_SCALE: f64 = 65_536.0;

const G: usize = SUBGROUPS.len();
const O: usize = N_OUTCOMES;
const A: usize = ATOMS;
/// Sum cells of one week: atoms × outcomes.
pub(crate) const WEEK_CELLS: usize = A * O;
/// Histogram cells of one week: atoms × outcomes × bins.
pub(crate) const WEEK_BINS: usize = A * O * BINS;

/// The subgroup mask of every atom.
static MASKS: std::sync::LazyLock<[u16; ATOMS]> =
    std::sync::LazyLock::new(|| std::array::from_fn(|a| atom_mask(a as u8)));

/// The recorded weeks (0 to the last) that keep sums of squares in a run of
/// `sc`: the last week and every week of `run.moment_weeks` from week 1 on
/// (week 0, the end of the burn-in, never does).
pub fn squared_weeks(sc: &Scenario) -> Vec<bool> {
    let last = sc.calendar.total_weeks() as usize;
    (0..=last)
        .map(|w| w >= 1 && (w == last || sc.run.moment_weeks.contains(&(w as u32))))
        .collect()
}

/// Students per atom of a population (or a part of it).
pub fn atom_counts(students: &[Student]) -> [u64; ATOMS] {
    let mut n = [0u64; ATOMS];
    for s in students {
        n[s.atom as usize] += 1;
    }
    n
}

/// Students per subgroup from students per atom.
pub fn subgroup_counts(atoms: &[u64; ATOMS]) -> Vec<u64> {
    let mut n = vec![0u64; G];
    for (a, &count) in atoms.iter().enumerate() {
        let mut mask = atom_mask(a as u8);
        while mask != 0 {
            let g = mask.trailing_zeros() as usize;
            mask &= mask - 1;
            n[g] += count;
        }
    }
    n
}

/// Histogram counts with a mask per histogram of the cells that may be
/// non-zero.
///
/// Cells come in rows of [`BINS`] (one histogram); each row has a 64-bit
/// mask, bit `b` set when cell `b` may be non-zero (all bits when the whole
/// row was recorded), so listing, moving or clearing what was recorded costs
/// one word per row plus the rows and cells recorded.
#[derive(Debug, Clone, Default)]
pub struct Cells {
    counts: Vec<u32>,
    touched: Vec<u64>,
}

const _: () = assert!(BINS == 64, "a row's mask has one bit per bin");

impl Cells {
    /// `rows` histograms of zero counts.
    pub fn new(rows: usize) -> Cells {
        Cells {
            counts: vec![0; rows * BINS],
            touched: vec![0; rows],
        }
    }

    /// Number of histograms.
    pub fn rows(&self) -> usize {
        self.touched.len()
    }

    /// The non-zero cells and their counts, in cell order.
    pub fn entries(&self) -> impl Iterator<Item = (usize, u32)> + '_ {
        self.touched
            .iter()
            .enumerate()
            .filter(|(_, m)| **m != 0)
            .flat_map(move |(row, &mask)| {
                let mut m = mask;
                std::iter::from_fn(move || {
                    if m == 0 {
                        return None;
                    }
                    let b = m.trailing_zeros() as usize;
                    m &= m - 1;
                    let cell = row * BINS + b;
                    Some((cell, self.counts[cell]))
                })
            })
            .filter(|&(_, count)| count != 0)
    }

    /// Every count, cell by cell.
    pub fn counts(&self) -> &[u32] {
        &self.counts
    }

    /// Adds `count` to `cell`.
    #[inline]
    pub fn add(&mut self, cell: usize, count: u32) {
        self.counts[cell] += count;
        self.touched[cell / BINS] |= ((count != 0) as u64) << (cell % BINS);
    }

    /// Moves every count into `into` with `add(cell, count)` and leaves
    /// these cells at zero: whole rows at once where they were recorded whole.
    #[inline(always)]
    fn drain(&mut self, mut add: impl FnMut(usize, &mut [u32; BINS], u64)) {
        let (rows, _) = self.counts.as_chunks_mut::<BINS>();
        for ((r, mask), row) in self.touched.iter_mut().enumerate().zip(rows) {
            if *mask != 0 {
                add(r, row, *mask);
                *row = [0; BINS];
                *mask = 0;
            }
        }
    }

    /// Adds every count into `totals` (cells in the same order, from row
    /// `first` of `totals`) and leaves these cells at zero. Sums saturate
    /// at `u32::MAX`, unless `exact` says that no sum can reach it (plain
    /// additions are cheaper).
    ///
    /// `written` has a bit per row of `totals`, set once the row has been
    /// written: a row not yet written is still all zeros, so it is set to
    /// the counts rather than added to. Writing first matters when `totals`
    /// is lazily zeroed memory: reading a page and then writing it makes the
    /// kernel replace the shared zero page, with a TLB flush on every core
    /// running the process ([`written_zeros`](super::written_zeros)), while a
    /// page written first is simply mapped; and a page no count reaches is
    /// never made resident.
    ///
    /// Compiled for AVX2 too, chosen like the step ([`Isa`]): integer
    /// additions, the same numbers on every instruction set.
    pub fn drain_saturating(
        &mut self,
        totals: &mut [u32],
        written: &mut [u64],
        first: usize,
        exact: bool,
    ) {
        #[cfg(target_arch = "x86_64")]
        if Isa::detected() == Isa::Avx2 {
            // SAFETY: the CPU runs AVX2.
            unsafe { self.drain_saturating_avx2(totals, written, first, exact) };
            return;
        }
        self.drain_saturating_any(totals, written, first, exact);
    }

    /// [`drain_saturating`](Self::drain_saturating) compiled for AVX2.
    ///
    /// # Safety
    /// The CPU must run AVX2.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn drain_saturating_avx2(
        &mut self,
        totals: &mut [u32],
        written: &mut [u64],
        first: usize,
        exact: bool,
    ) {
        self.drain_saturating_any(totals, written, first, exact);
    }

    /// [`drain_saturating`](Self::drain_saturating) on whatever instruction
    /// set it is inlined into.
    #[inline(always)]
    fn drain_saturating_any(
        &mut self,
        totals: &mut [u32],
        written: &mut [u64],
        first: usize,
        exact: bool,
    ) {
        let (to, _) = totals.as_chunks_mut::<BINS>();
        self.drain(|r, row, mask| {
            let at = first + r;
            let to = &mut to[at];
            let bit = 1u64 << (at % 64);
            if written[at / 64] & bit == 0 {
                // Zeros plus the counts (cells outside the mask are zero).
                *to = *row;
                written[at / 64] |= bit;
            } else if mask == u64::MAX && exact {
                for (t, &c) in to.iter_mut().zip(row.iter()) {
                    *t += c;
                }
            } else if mask == u64::MAX {
                for (t, &c) in to.iter_mut().zip(row.iter()) {
                    *t = t.saturating_add(c);
                }
            } else {
                let mut m = mask;
                while m != 0 {
                    let b = m.trailing_zeros() as usize % BINS;
                    to[b] = to[b].saturating_add(row[b]);
                    m &= m - 1;
                }
            }
        });
    }

    /// Adds every count into `into`, row `r` into row `first + r`, and
    /// leaves these cells at zero.
    pub fn drain_into(&mut self, into: &mut Cells, first: usize) {
        let (to, _) = into.counts.as_chunks_mut::<BINS>();
        let masks = &mut into.touched;
        self.drain(|r, row, mask| {
            for (t, &c) in to[first + r].iter_mut().zip(row.iter()) {
                *t += c;
            }
            masks[first + r] |= mask;
        });
    }

    /// Sets every touched cell back to zero: the cost is what was recorded.
    pub fn clear(&mut self) {
        self.drain(|_, _, _| {});
    }
}

/// Students observed at once: their outcomes are converted together, so
/// that the compiler can use vector instructions.
const CHUNK: usize = 32;

/// Index of the 0/1 outcome (depressive symptoms): its histogram is always
/// all in bin 0, and its sum counts the cases.
const BINARY: usize = 2;

/// One week of observations, per atom: sums, sums of squares (when kept) and
/// histogram counts. A view into a [`Record`]'s week or a [`WeekTally`].
pub struct Tally<'a> {
    sum: &'a mut [i64],
    sumsq: Option<&'a mut [i128]>,
    cells: &'a mut Cells,
    /// First histogram row of the week in `cells`.
    row: usize,
}

/// Fixed-point value of an outcome on 0–100: `⌊v · 2¹⁶ + ½⌋`, as
/// `(v as f64 * VALUE_SCALE + 0.5) as i64` computes it.
///
/// `y = v · 2¹⁶` is exact in `f32` (a power of two) and below 2²³ for
/// `v` ≤ 100; with `r` its nearest integer (ties to even), `y − r` is exact,
/// and `⌊y + ½⌋` is `r`, plus one when `y` is a tie rounded down. No
/// saturating conversion, so it vectorises. (Outcomes are finite and in
/// 0–100; a NaN gives 0.)
#[inline(always)]
#[allow(clippy::manual_clamp)] // `clamp` keeps a NaN, `max` turns it into 0
fn fixed(v: f32) -> i32 {
    let y = (v * VALUE_SCALE as f32).max(0.0).min(8_388_607.0);
    let (r, nearest) = round_to_integer(y);
    r + ((y - nearest) == 0.5) as i32
}

impl Tally<'_> {
    /// Adds the outcomes of students in state `state`, of atoms `atoms`
    /// (one per student, [`Student::atom`]).
    ///
    /// Compiled for AVX2 too, chosen like the step ([`Isa`]): integer sums
    /// and exact conversions, the same numbers on every instruction set.
    pub fn observe(&mut self, atoms: &[u8], state: StatesRef<'_>, threshold: f32) {
        #[cfg(target_arch = "x86_64")]
        if Isa::detected() == Isa::Avx2 {
            // SAFETY: the CPU runs AVX2.
            unsafe { self.observe_avx2(atoms, state, threshold) };
            return;
        }
        self.observe_any(atoms, state, threshold);
    }

    /// [`observe`](Self::observe) compiled for AVX2 (without FMA).
    ///
    /// # Safety
    /// The CPU must run AVX2.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn observe_avx2(&mut self, atoms: &[u8], state: StatesRef<'_>, threshold: f32) {
        self.observe_any(atoms, state, threshold);
    }

    /// [`observe`](Self::observe) on whatever instruction set it is inlined into.
    #[inline(always)]
    fn observe_any(&mut self, atoms: &[u8], state: StatesRef<'_>, threshold: f32) {
        match self.sumsq.take() {
            Some(sq) => {
                self.observe_with::<true>(atoms, state, threshold, sq);
                self.sumsq = Some(sq);
            }
            None => self.observe_with::<false>(atoms, state, threshold, &mut []),
        }
    }

    #[inline(always)]
    fn observe_with<const SQUARES: bool>(
        &mut self,
        atoms: &[u8],
        state: StatesRef<'_>,
        threshold: f32,
        sumsq: &mut [i128],
    ) {
        // Fixed-size rows, so that an atom index is checked once and a bin
        // index (at most BINS − 1) not at all.
        let (sums, _) = self.sum.as_chunks_mut::<O>();
        let rows = A * O;
        let first = self.row;
        let (hist, _) =
            self.cells.counts[first * BINS..(first + rows) * BINS].as_chunks_mut::<BINS>();
        let masks = &mut self.cells.touched[first..first + rows];
        let mut per_atom = [0u32; A];
        let mut values = [[0.0f32; CHUNK]; O];
        let mut q = [[0i32; CHUNK]; O];
        let mut bins = [[0u32; CHUNK]; O];
        for (c, atoms) in atoms.chunks(CHUNK).enumerate() {
            let first = c * CHUNK;
            // `values` is indexed [outcome][student]: one column per outcome,
            // computed column by column for a whole chunk (vector
            // instructions), student by student for the last part-filled one.
            if atoms.len() == CHUNK {
                state.outcome_columns::<CHUNK>(first, threshold, &mut values);
            } else {
                #[allow(clippy::needless_range_loop)]
                for j in 0..atoms.len() {
                    let v = state.outcomes(first + j, threshold);
                    for o in 0..O {
                        values[o][j] = v[o];
                    }
                }
            }
            for o in 0..O {
                for j in 0..CHUNK {
                    q[o][j] = fixed(values[o][j]);
                    bins[o][j] = bin_of(values[o][j]) as u32;
                }
            }
            for (j, &a) in atoms.iter().enumerate() {
                let a = a as usize;
                per_atom[a] += 1;
                let sum = &mut sums[a];
                for o in 0..O {
                    sum[o] += q[o][j] as i64;
                    if SQUARES {
                        sumsq[a * O + o] += (q[o][j] as i128) * (q[o][j] as i128);
                    }
                }
                let rows: &mut [[u32; BINS]; O] = (&mut hist[a * O..a * O + O])
                    .try_into()
                    .expect("a week has O histograms per atom");
                for o in (0..O).filter(|&o| o != BINARY) {
                    rows[o][bins[o][j] as usize % BINS] += 1;
                }
            }
        }
        // The histograms of the atoms seen are marked as recorded whole
        // (cheaper than marking every increment).
        for (a, &n) in per_atom.iter().enumerate() {
            if n == 0 {
                continue;
            }
            hist[a * O + BINARY][0] += n;
            for o in 0..O {
                masks[a * O + o] = if o == BINARY {
                    masks[a * O + o] | 1
                } else {
                    u64::MAX
                };
            }
        }
    }

    /// Adds a block's tally of the same week and clears it.
    pub fn absorb(&mut self, part: &mut WeekTally) {
        for (a, b) in self.sum.iter_mut().zip(part.sum.iter_mut()) {
            *a += *b;
            *b = 0;
        }
        if let Some(sq) = self.sumsq.as_deref_mut() {
            for (a, b) in sq.iter_mut().zip(part.sumsq.iter_mut()) {
                *a += *b;
                *b = 0;
            }
        }
        part.cells.drain_into(self.cells, self.row);
    }
}

/// One week's outcomes of a group of students, per atom: a block's share
/// (blocks of a population are stepped in parallel and then absorbed into
/// the week of the whole), or the week that ends the burn-in.
#[derive(Debug, Clone)]
pub struct WeekTally {
    sum: Vec<i64>,
    sumsq: Vec<i128>,
    cells: Cells,
}

impl Default for WeekTally {
    fn default() -> Self {
        WeekTally::new()
    }
}

impl WeekTally {
    /// An empty tally.
    pub fn new() -> WeekTally {
        WeekTally {
            sum: vec![0; WEEK_CELLS],
            sumsq: vec![0; WEEK_CELLS],
            cells: Cells::new(WEEK_CELLS),
        }
    }

    /// The tally as a place to observe into.
    pub fn tally(&mut self, squares: bool) -> Tally<'_> {
        Tally {
            sum: &mut self.sum,
            sumsq: squares.then_some(&mut self.sumsq[..]),
            cells: &mut self.cells,
            row: 0,
        }
    }

    /// The week as recorded, to be copied into the records of strategies.
    pub fn first_week(&self) -> FirstWeek {
        FirstWeek {
            sum: self.sum.clone(),
            cells: self.cells.clone(),
        }
    }

    /// Bytes a tally holds.
    pub fn bytes() -> u64 {
        (WEEK_CELLS * (8 + 16 + 8) + WEEK_BINS * 4) as u64
    }
}

/// Sums and histogram counts of week 0 (the end of the burn-in), the same
/// for every strategy of a replicate.
#[derive(Debug, Clone)]
pub struct FirstWeek {
    sum: Vec<i64>,
    /// Histogram counts, one week's worth of cells.
    pub cells: Cells,
}

/// Weekly sums per atom and outcome of one simulation, with sums of squares
/// in the weeks that keep them ([`squared_weeks`]), plus its cost, teacher hours and survey; and, when it keeps
/// them, its weekly histograms.
///
/// A simulation tallies each week's histograms in a [`Cells`] of one week
/// (small enough to stay in cache), and then hands them on: the engine adds
/// them to the run's totals ([`super::AtomTotals`]); a record that keeps its
/// histograms ([`Record::keeping_histograms`]) keeps them
/// ([`Record::keep_week`]).
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
    /// Fixed-point sum per `[week][atom][outcome]`.
    pub sum: Vec<i64>,
    /// Fixed-point sum of squares per `[squared week][atom][outcome]`, one
    /// row per week marked in `squared`, in week order.
    pub sumsq: Vec<i128>,
    /// Weeks whose sums of squares are kept (the last, and any week an
    /// effect is read at: `run.moment_weeks`; see [`squared_weeks`]).
    pub squared: Vec<bool>,
    /// Counts per `[week][atom][outcome][bin]` when the record keeps its
    /// histograms; no rows when they went to the run's totals.
    pub hist: Cells,
    /// Money spent on components over the run.
    pub cost: f64,
    /// Teacher hours per class over the run (components and joint care).
    pub teacher_hours: Vec<f64>,
    /// State of every student at week 0 and at the last week, when asked for.
    pub snapshots: Option<(Vec<StudentState>, Vec<StudentState>)>,
    /// The cross-sectional survey over the survey window, with its panels.
    pub survey: Option<super::survey::SurveyRecord>,
}

impl Record {
    /// An empty record of `squared.len()` recorded weeks, keeping sums of
    /// squares in the weeks marked in `squared`, for a population with
    /// `atoms` students per atom and `classes` classes, without histograms.
    pub fn new(atoms: &[u64; ATOMS], classes: usize, squared: &[bool]) -> Record {
        let weeks = squared.len();
        let rows = squared.iter().filter(|&&b| b).count();
        Record {
            weeks,
            n: subgroup_counts(atoms),
            // Written now: the simulation adds to them (see `written_zeros`).
            sum: written_zeros(weeks * WEEK_CELLS),
            sumsq: written_zeros(rows * WEEK_CELLS),
            squared: squared.to_vec(),
            hist: Cells::default(),
            cost: 0.0,
            teacher_hours: vec![0.0; classes],
            snapshots: None,
            survey: None,
        }
    }

    /// Makes this record what [`Record::new`] makes of the same arguments,
    /// reusing its memory: a finished simulation's record, once folded,
    /// serves the next simulation (allocating and freeing it per simulation
    /// costs page faults and TLB flushes across threads).
    pub fn renew(&mut self, atoms: &[u64; ATOMS], classes: usize, squared: &[bool]) {
        let weeks = squared.len();
        let rows = squared.iter().filter(|&&b| b).count();
        self.weeks = weeks;
        self.n = subgroup_counts(atoms);
        self.sum.clear();
        self.sum.resize(weeks * WEEK_CELLS, 0);
        self.sumsq.clear();
        self.sumsq.resize(rows * WEEK_CELLS, 0);
        self.squared.clear();
        self.squared.extend_from_slice(squared);
        self.hist = Cells::default();
        self.cost = 0.0;
        self.teacher_hours.clear();
        self.teacher_hours.resize(classes, 0.0);
        self.snapshots = None;
        self.survey = None;
    }

    /// The record, keeping its weekly histograms.
    pub fn keeping_histograms(mut self) -> Record {
        self.hist = Cells::new(self.weeks * WEEK_CELLS);
        self
    }

    /// An empty record for the whole of `pop`, keeping its histograms (and
    /// sums of squares in the weeks marked in `squared`).
    pub fn for_population(pop: &Population, squared: &[bool]) -> Record {
        Record::new(&atom_counts(&pop.students), pop.classes.len(), squared).keeping_histograms()
    }

    /// Bytes of a record of `classes` classes and `weeks` recorded weeks,
    /// `squared` of which keep sums of squares, without histograms.
    pub fn bytes(classes: usize, weeks: usize, squared: usize) -> u64 {
        (weeks * WEEK_CELLS * 8 + squared * WEEK_CELLS * 16 + weeks) as u64
            + 8 * classes as u64
            + 8 * G as u64
    }

    /// Whether recorded week `w` keeps sums of squares.
    #[inline]
    pub fn squares(&self, w: usize) -> bool {
        self.squared.get(w).copied().unwrap_or(false)
    }

    /// The cells of week `w`'s sums of squares, when it keeps them.
    fn squares_of(&self, w: usize) -> Option<std::ops::Range<usize>> {
        if !self.squares(w) {
            return None;
        }
        let row = self.squared[..w].iter().filter(|&&b| b).count();
        Some(row * WEEK_CELLS..(row + 1) * WEEK_CELLS)
    }

    /// Where the observations of recorded week `w` go: sums (and, in a week
    /// that keeps them, sums of squares, for effect sizes) into this record,
    /// histogram counts into `cells`, one week's worth of cells.
    pub fn tally<'a>(&'a mut self, w: usize, cells: &'a mut Cells) -> Tally<'a> {
        let squares = self.squares_of(w);
        Tally {
            sum: &mut self.sum[w * WEEK_CELLS..(w + 1) * WEEK_CELLS],
            sumsq: squares.map(|r| &mut self.sumsq[r]),
            cells,
            row: 0,
        }
    }

    /// Keeps the histograms of week `w`, tallied in `cells` (when the record
    /// keeps its histograms), and leaves `cells` empty.
    pub fn keep_week(&mut self, w: usize, cells: &mut Cells) {
        if self.hist.rows() == 0 {
            cells.clear();
        } else {
            cells.drain_into(&mut self.hist, w * WEEK_CELLS);
        }
    }

    /// Records the outcomes of students of atoms `atoms` (with their
    /// `state`) in recorded week `w`.
    pub fn observe(&mut self, w: usize, atoms: &[u8], state: StatesRef<'_>, threshold: f32) {
        let mut cells = Cells::new(WEEK_CELLS);
        self.tally(w, &mut cells).observe(atoms, state, threshold);
        self.keep_week(w, &mut cells);
    }

    /// Sets the sums of week 0 to a week recorded elsewhere (whose histogram
    /// counts are `first.cells`).
    pub fn set_first_week(&mut self, first: &FirstWeek) {
        self.sum[..WEEK_CELLS].copy_from_slice(&first.sum);
    }

    /// Fixed-point sum of an outcome in a subgroup at a recorded week.
    pub fn subgroup_sum(&self, w: usize, g: usize, o: usize) -> i64 {
        let row = &self.sum[w * WEEK_CELLS..(w + 1) * WEEK_CELLS];
        let masks = &*MASKS;
        (0..A)
            .filter(|&a| masks[a] & (1 << g) != 0)
            .map(|a| row[a * O + o])
            .sum()
    }

    /// Fixed-point sum of squares of an outcome in a subgroup at a recorded
    /// week, `None` in a week whose sums of squares were not kept.
    pub fn subgroup_sumsq(&self, w: usize, g: usize, o: usize) -> Option<i128> {
        let row = &self.sumsq[self.squares_of(w)?];
        let masks = &*MASKS;
        Some(
            (0..A)
                .filter(|&a| masks[a] & (1 << g) != 0)
                .map(|a| row[a * O + o])
                .sum(),
        )
    }

    /// Count, mean and variance of an outcome in a subgroup at a recorded
    /// week; the variance is NaN in a week whose sums of squares were not kept.
    pub fn moments(&self, w: usize, g: usize, o: usize) -> (f64, f64, f64) {
        let n = self.n[g] as f64;
        if n == 0.0 {
            return (0.0, f64::NAN, 0.0);
        }
        let sum = self.subgroup_sum(w, g, o) as f64;
        let mean = sum / n;
        let var = match self.subgroup_sumsq(w, g, o) {
            None => f64::NAN,
            Some(sumsq) if n > 1.0 => ((sumsq as f64 - sum * mean) / (n - 1.0)).max(0.0),
            Some(_) => 0.0,
        };
        (n, mean / VALUE_SCALE, var / (VALUE_SCALE * VALUE_SCALE))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_point_values_are_those_of_the_f64_rounding() {
        let old = |v: f32| (v as f64 * VALUE_SCALE + 0.5) as i64;
        // Every 97th float of 0–100, and every float around the ties (v·2¹⁶ + ½ whole).
        for bits in (0..=100.0f32.to_bits()).step_by(97) {
            let v = f32::from_bits(bits);
            assert_eq!(fixed(v) as i64, old(v), "{v}");
        }
        for k in (0..6_553_600u32).step_by(7) {
            let tie = (k as f64 + 0.5) / VALUE_SCALE;
            let v = tie as f32;
            for v in [
                f32::from_bits(v.to_bits().saturating_sub(1)),
                v,
                f32::from_bits(v.to_bits() + 1),
            ] {
                if v <= 100.0 {
                    assert_eq!(fixed(v) as i64, old(v), "{v}");
                }
            }
        }
    }

    #[test]
    fn a_renewed_record_is_a_new_one() {
        let atoms: [u64; ATOMS] = std::array::from_fn(|a| a as u64 % 3);
        let squared = [false, true, false, true];
        let mut used = Record::new(&[1; ATOMS], 7, &[false, false, true]).keeping_histograms();
        used.sum.iter_mut().for_each(|x| *x = 5);
        used.sumsq.iter_mut().for_each(|x| *x = 6);
        used.hist.add(3, 2);
        used.cost = 1.5;
        used.teacher_hours[2] = 4.0;
        used.snapshots = Some((Vec::new(), Vec::new()));
        used.renew(&atoms, 5, &squared);
        let new = Record::new(&atoms, 5, &squared);
        assert_eq!(format!("{used:?}"), format!("{new:?}"));
    }

    #[test]
    fn cells_list_each_touched_cell_once_and_clear_to_zero() {
        let mut c = Cells::new(2);
        for (cell, n) in [(5, 1), (7, 2), (5, 3), (99, 1), (7, 0), (42, 0)] {
            c.add(cell, n);
        }
        let mut e: Vec<_> = c.entries().collect();
        e.sort();
        assert_eq!(e, vec![(5, 4), (7, 2), (99, 1)]);
        c.clear();
        assert!(c.counts().iter().all(|&x| x == 0));
        assert_eq!(c.entries().count(), 0);
    }
}
