//! Which particle a replicate uses: a weighted draw keyed by the master
//! seed and the replicate index, on the parameter stream.

use crate::rng::{self, Stream};

/// A uniform number in `[0, 1)` with 53 bits for replicate `replicate` of
/// a run with master seed `seed`, from [`Stream::Parameters`] (no other
/// stream's numbers change).
pub fn uniform(seed: u64, replicate: u32) -> f64 {
    let key = rng::key(
        rng::replicate_key(seed, replicate as u64),
        Stream::Parameters,
        0,
        0,
    );
    (rng::mix(key) >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// The index whose cumulative weight first exceeds `u` times the total
/// (the last with a positive weight when rounding leaves `u` beyond it).
pub fn weighted_index(weights: &[f64], u: f64) -> usize {
    let total: f64 = weights.iter().sum();
    let target = u * total;
    let mut acc = 0.0;
    let mut last = 0;
    for (i, w) in weights.iter().enumerate() {
        if *w > 0.0 {
            last = i;
            acc += w;
            if target < acc {
                return i;
            }
        }
    }
    last
}

/// The particle of replicate `replicate`: a draw proportional to `weights`.
pub fn pick(weights: &[f64], seed: u64, replicate: u32) -> usize {
    weighted_index(weights, uniform(seed, replicate))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn particles_are_drawn_in_proportion_to_their_weights() {
        let w = [0.1, 0.0, 0.6, 0.3];
        let mut count = [0usize; 4];
        for r in 0..20_000 {
            count[pick(&w, 7, r)] += 1;
        }
        assert_eq!(count[1], 0, "a zero weight is never drawn");
        for (i, want) in [(0, 0.1), (2, 0.6), (3, 0.3)] {
            let got = count[i] as f64 / 20_000.0;
            assert!((got - want).abs() < 0.015, "particle {i}: {got} vs {want}");
        }
    }

    #[test]
    fn the_draw_depends_only_on_seed_and_replicate() {
        let w = [1.0; 40];
        let a: Vec<usize> = (0..50).map(|r| pick(&w, 11, r)).collect();
        let b: Vec<usize> = (0..50).rev().map(|r| pick(&w, 11, r)).rev().collect();
        assert_eq!(a, b);
        let c: Vec<usize> = (0..50).map(|r| pick(&w, 12, r)).collect();
        assert_ne!(a, c, "another seed draws other particles");
    }

    #[test]
    fn cumulative_weights_are_searched_by_hand_worked_values() {
        let w = [1.0, 2.0, 1.0];
        assert_eq!(weighted_index(&w, 0.0), 0);
        assert_eq!(weighted_index(&w, 0.24), 0);
        assert_eq!(weighted_index(&w, 0.25), 1);
        assert_eq!(weighted_index(&w, 0.74), 1);
        assert_eq!(weighted_index(&w, 0.75), 2);
        assert_eq!(weighted_index(&w, 0.999_999), 2);
        assert_eq!(weighted_index(&[0.5, 0.5, 0.0], 1.0), 1);
    }
}
