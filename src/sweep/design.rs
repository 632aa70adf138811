//! Random designs of experiments: a portable generator and Latin hypercubes.
//!
//! Designs are drawn from their own seed with a counter-based generator
//! (SplitMix64's mixer, as in [`crate::rng`]), so a design is the same on
//! every machine, every build and every shard.

use crate::rng::mix;

/// A counter-based generator of design draws.
#[derive(Debug, Clone)]
pub struct DesignRng {
    key: u64,
    counter: u64,
}

impl DesignRng {
    /// A generator whose outputs depend only on `seed` and `stream`.
    pub fn new(seed: u64, stream: u64) -> Self {
        DesignRng {
            key: mix(mix(seed ^ 0xD351_6E5E_ED00_0001).wrapping_add(stream)),
            counter: 0,
        }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.counter += 1;
        mix(self
            .key
            .wrapping_add(self.counter.wrapping_mul(0x9E37_79B9_7F4A_7C15)))
    }

    /// A uniform number in `[0, 1)` with 53 bits.
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// A uniform whole number in `0..n` (`n` ≥ 1).
    pub fn below(&mut self, n: u64) -> u64 {
        ((self.next_u64() as u128 * n as u128) >> 64) as u64
    }

    /// A random permutation of `0..n` (Fisher–Yates).
    pub fn permutation(&mut self, n: usize) -> Vec<usize> {
        let mut p: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            let j = self.below(i as u64 + 1) as usize;
            p.swap(i, j);
        }
        p
    }
}

/// A Latin hypercube of `n` points in `[0, 1)^k`: each dimension has exactly
/// one point in each of its `n` strata. Rows are points.
pub fn latin_hypercube(n: usize, k: usize, rng: &mut DesignRng) -> Vec<Vec<f64>> {
    let mut rows = vec![vec![0.0; k]; n];
    for d in 0..k {
        let perm = rng.permutation(n);
        for (i, row) in rows.iter_mut().enumerate() {
            row[d] = (perm[i] as f64 + rng.uniform()) / n as f64;
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_hypercube_has_one_point_per_stratum() {
        let mut rng = DesignRng::new(3, 0);
        let n = 37;
        let rows = latin_hypercube(n, 4, &mut rng);
        for d in 0..4 {
            let mut strata: Vec<usize> = rows.iter().map(|r| (r[d] * n as f64) as usize).collect();
            strata.sort();
            assert_eq!(strata, (0..n).collect::<Vec<_>>());
        }
        let again = latin_hypercube(n, 4, &mut DesignRng::new(3, 0));
        assert_eq!(rows, again, "same seed, same design");
    }
}
