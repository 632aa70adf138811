//! The students a component is offered to, one bit per student: a few
//! bytes per student for a whole strategy, where a list of indices took four
//! bytes per offered student and component (60 bytes a student for a
//! strategy of fifteen components offered to everyone).

use std::ops::Range;

use rayon::prelude::*;

/// A set of students of a population, one bit each, listed in student order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Offered {
    bits: Vec<u64>,
    count: usize,
}

impl Offered {
    /// The students `0..n` for which `offered(i)` holds; with `parallel`,
    /// looked at by several threads (the set is the same).
    pub fn of(n: usize, parallel: bool, offered: impl Fn(usize) -> bool + Sync) -> Offered {
        let word = |w: usize| {
            let start = w * 64;
            (start..(start + 64).min(n))
                .filter(|&i| offered(i))
                .fold(0u64, |bits, i| bits | 1 << (i - start))
        };
        let words = n.div_ceil(64);
        let bits: Vec<u64> = if parallel {
            (0..words)
                .into_par_iter()
                .with_min_len(64)
                .map(word)
                .collect()
        } else {
            (0..words).map(word).collect()
        };
        let count = bits.iter().map(|b| b.count_ones() as usize).sum();
        Offered { bits, count }
    }

    /// Number of students in the set.
    pub fn len(&self) -> usize {
        self.count
    }

    /// The students of the set in `range` (of `0..n`), in order.
    pub fn in_range(&self, range: Range<usize>) -> impl Iterator<Item = usize> + '_ {
        let (lo, hi) = (range.start, range.end);
        (lo / 64..hi.div_ceil(64)).flat_map(move |w| {
            let base = w * 64;
            let mut m = self.bits[w];
            if base < lo {
                m &= u64::MAX << (lo - base);
            }
            if hi - base < 64 {
                m &= (1u64 << (hi - base)) - 1;
            }
            std::iter::from_fn(move || {
                (m != 0).then(|| {
                    let b = m.trailing_zeros() as usize;
                    m &= m - 1;
                    base + b
                })
            })
        })
    }

    /// Every student of the set, in order.
    pub fn iter(&self, n: usize) -> impl Iterator<Item = usize> + '_ {
        self.in_range(0..n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_the_students_it_holds_in_order_in_any_range_on_any_threads() {
        let n = 300;
        let holds = |i: usize| i % 7 == 3 || (60..70).contains(&i) || i == 299;
        let set = Offered::of(n, false, holds);
        assert_eq!(set, Offered::of(n, true, holds));
        let all: Vec<usize> = (0..n).filter(|&i| holds(i)).collect();
        assert_eq!(set.len(), all.len());
        assert_eq!(set.iter(n).collect::<Vec<_>>(), all);
        for (lo, hi) in [
            (0, 0),
            (3, 3),
            (5, 64),
            (63, 65),
            (64, 128),
            (61, 299),
            (100, 300),
        ] {
            let want: Vec<usize> = all
                .iter()
                .copied()
                .filter(|i| (lo..hi).contains(i))
                .collect();
            assert_eq!(set.in_range(lo..hi).collect::<Vec<_>>(), want, "{lo}..{hi}");
        }
    }
}
