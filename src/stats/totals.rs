//! One strategy's weekly sums and histograms over replicates, per atom.
//!
//! The engine adds each finished simulation's record here (only the cells it
//! touched) and spreads atoms into subgroups once, when the run ends
//! ([`super::Summary::add_totals`]): spreading every simulated week into the
//! twelve subgroups would cost more than recording it.

use rayon::prelude::*;

use super::histogram::BINS;
use super::record::{Cells, Record, WEEK_BINS, WEEK_CELLS};
use super::zeros::written_zeros;
use crate::model::N_OUTCOMES;
use crate::population::{ATOMS, SUBGROUPS, atom_mask};

const G: usize = SUBGROUPS.len();
const O: usize = N_OUTCOMES;

/// Weekly sums and histogram counts per atom, summed over replicates.
///
/// Counts saturate at `u32::MAX` like the summary's: since every subgroup
/// holds all of its atoms' counts, a subgroup count spread from saturated
/// atoms saturates too, and the result is the same as saturating subgroup
/// counts replicate by replicate.
#[derive(Debug, Clone)]
pub struct AtomTotals {
    /// Fixed-point sums per `[week][atom][outcome]`.
    sum: Vec<i128>,
    /// Counts per `[week][atom][outcome][bin]`: zeroed lazily, so that
    /// the pages of atoms no student belongs to are never resident.
    hist: Vec<u32>,
    /// A bit per histogram of `hist` (row of [`BINS`] counts), set once it
    /// has been written (see [`Cells::drain_saturating`]).
    written: Vec<u64>,
    /// Students of the simulations that add to these totals: no count can
    /// exceed it.
    students: u64,
}

impl AtomTotals {
    /// Empty totals of `weeks` recorded weeks.
    pub fn new(weeks: usize) -> AtomTotals {
        AtomTotals {
            // Written now: every simulation adds to all of them.
            sum: written_zeros(weeks * WEEK_CELLS),
            hist: vec![0; weeks * WEEK_BINS],
            written: vec![0; (weeks * WEEK_CELLS).div_ceil(64)],
            students: 0,
        }
    }

    /// Announces a simulation of `students` students, before it adds its
    /// weeks (see [`AtomTotals::add_week`]).
    pub fn reserve(&mut self, students: u64) {
        self.students = self.students.saturating_add(students);
    }

    /// Bytes of totals of `weeks` recorded weeks (with a bit per histogram
    /// for whether it was written).
    pub fn bytes(weeks: usize) -> u64 {
        (weeks * (WEEK_CELLS * 16 + WEEK_BINS * 4) + (weeks * WEEK_CELLS).div_ceil(64) * 8) as u64
    }

    /// Adds the weekly sums of a record, and its histograms when it kept them.
    pub fn add(&mut self, rec: &Record) {
        self.add_sums(rec);
        for (cell, count) in rec.hist.entries() {
            let c = &mut self.hist[cell];
            *c = c.saturating_add(count);
            self.written[cell / BINS / 64] |= 1 << (cell / BINS % 64);
        }
    }

    /// Adds the weekly sums of a record.
    pub fn add_sums(&mut self, rec: &Record) {
        for (a, &b) in self.sum.iter_mut().zip(&rec.sum) {
            *a += b as i128;
        }
    }

    /// Adds the histograms of recorded week `w`, tallied in `cells`, and
    /// leaves `cells` empty. Every simulation that adds weeks must first be
    /// announced ([`AtomTotals::reserve`]): while the students announced
    /// cannot reach `u32::MAX` in one cell, counts are added without the
    /// cost of saturating.
    pub fn add_week(&mut self, w: usize, cells: &mut Cells) {
        let exact = self.students <= u32::MAX as u64;
        cells.drain_saturating(&mut self.hist, &mut self.written, w * WEEK_CELLS, exact);
    }

    /// Adds these totals, spread from atoms into subgroups, to a strategy's
    /// sums per `[week][subgroup][outcome]` and histograms per
    /// `[week][subgroup][outcome][bin]`, week by week in parallel.
    pub fn spread_into(&self, sum: &mut [i128], hist: &mut [u32]) {
        let members: Vec<Vec<usize>> = (0..G)
            .map(|g| {
                (0..ATOMS)
                    .filter(|&a| atom_mask(a as u8) & (1 << g) != 0)
                    .collect()
            })
            .collect();
        sum.par_chunks_mut(G * O)
            .zip(hist.par_chunks_mut(G * O * BINS))
            .zip(self.sum.par_chunks(WEEK_CELLS))
            .zip(self.hist.par_chunks(WEEK_BINS))
            .for_each(|(((sum, hist), sums), counts)| {
                spread_week(&members, sums, counts, sum, hist)
            });
    }
}

/// One week of [`AtomTotals::spread_into`].
fn spread_week(
    members: &[Vec<usize>],
    sums: &[i128],
    counts: &[u32],
    sum: &mut [i128],
    hist: &mut [u32],
) {
    for (g, atoms) in members.iter().enumerate() {
        for o in 0..O {
            sum[g * O + o] += atoms.iter().map(|&a| sums[a * O + o]).sum::<i128>();
        }
        // Saturating u32 sums of counts are the u64 sums capped at u32::MAX.
        let to = &mut hist[g * O * BINS..(g + 1) * O * BINS];
        for &a in atoms {
            for (h, &c) in to.iter_mut().zip(&counts[a * O * BINS..(a + 1) * O * BINS]) {
                *h = h.saturating_add(c);
            }
        }
    }
}
