//! ABC-SMC: approximate Bayesian computation by sequential Monte Carlo
//! (Toni et al. 2009; Beaumont et al. 2009), on the unit cube.
//!
//! The prior is uniform on each parameter's range. Generation 0 draws the
//! particles from the prior; each later generation keeps the proposals
//! whose distance to the targets is at most the median distance of the
//! previous generation, moving particles drawn by weight with a Gaussian
//! kernel of twice the weighted variance per parameter, and re-weights them
//! by prior over kernel density. The distance is the root mean square of the
//! band-normalised residuals (1 = on average at the ends of the bands).
//!
//! Every random number is a pure function of the seed, the generation, the
//! attempt and the coordinate, so a generation can be redone after an
//! interruption and gives the same particles.

use serde::{Deserialize, Serialize};

use crate::rng::mix;

/// Simulated proposals per particle after which a generation is given up
/// (acceptance has collapsed) and the search ends with the previous
/// generation. Proposals that leave the unit cube (prior density 0) are
/// redrawn without a simulation, as in Toni et al. (2009), and do not count:
/// with many parameters most kernel moves leave the cube.
pub const MAX_ATTEMPTS_PER_PARTICLE: u64 = 100;

/// Proposals per particle (in the cube or not) after which a generation is
/// given up: a guard against a kernel that almost never stays in the cube.
/// Proposals cost no simulation, so the guard is generous.
pub const MAX_PROPOSALS_PER_PARTICLE: u64 = 1_000_000;

/// One generation of particles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Population {
    /// Generation (0 = drawn from the prior).
    pub generation: u64,
    /// Particles in unit-cube coordinates.
    pub particles: Vec<Vec<f64>>,
    /// Normalised importance weights.
    pub weights: Vec<f64>,
    /// Distance of each particle to the targets.
    pub distances: Vec<f64>,
    /// Tolerance the particles were accepted at (infinite for generation 0,
    /// which JSON writes as `null` and reads back as infinite).
    #[serde(deserialize_with = "infinite_if_null")]
    pub epsilon: f64,
}

/// A number that JSON wrote as `null` (serde_json writes an infinite
/// number so) read back as infinite: the checkpoint of generation 0 resumes.
fn infinite_if_null<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    Ok(Option::<f64>::deserialize(d)?.unwrap_or(f64::INFINITY))
}

/// A uniform on [0, 1) from the seed and three counters.
pub fn uniform(seed: u64, generation: u64, attempt: u64, k: u64) -> f64 {
    let z =
        mix(seed ^ mix(generation.wrapping_add(0x5EED) ^ mix(attempt ^ mix(k.wrapping_add(1)))));
    (z >> 11) as f64 / (1u64 << 53) as f64
}

/// A standard normal (Box–Muller) from two counter-based uniforms.
fn normal(seed: u64, generation: u64, attempt: u64, k: u64) -> f64 {
    let u1 = uniform(seed, generation, attempt, 2 * k + 100).max(1e-300);
    let u2 = uniform(seed, generation, attempt, 2 * k + 101);
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// The `attempt`-th draw from the uniform prior.
pub fn prior_sample(seed: u64, attempt: u64, dim: usize) -> Vec<f64> {
    (0..dim as u64)
        .map(|k| uniform(seed, 0, attempt, k))
        .collect()
}

/// Kernel scale per parameter: the square root of twice the weighted variance.
pub fn kernel_sd(pop: &Population) -> Vec<f64> {
    let dim = pop.particles.first().map_or(0, |p| p.len());
    (0..dim)
        .map(|k| {
            let mean: f64 = pop
                .particles
                .iter()
                .zip(&pop.weights)
                .map(|(p, w)| w * p[k])
                .sum();
            let var: f64 = pop
                .particles
                .iter()
                .zip(&pop.weights)
                .map(|(p, w)| w * (p[k] - mean).powi(2))
                .sum();
            (2.0 * var).sqrt().max(1e-6)
        })
        .collect()
}

/// The `attempt`-th proposal of a generation: a particle of the previous
/// one chosen by weight, moved by the kernel. `None` when it leaves the cube
/// (prior density 0; no simulation is run).
pub fn propose(
    prev: &Population,
    sd: &[f64],
    seed: u64,
    generation: u64,
    attempt: u64,
) -> Option<Vec<f64>> {
    let u = uniform(seed, generation, attempt, 0);
    let mut acc = 0.0;
    let mut pick = prev.weights.len() - 1;
    for (i, w) in prev.weights.iter().enumerate() {
        acc += w;
        if u < acc {
            pick = i;
            break;
        }
    }
    let x: Vec<f64> = prev.particles[pick]
        .iter()
        .zip(sd)
        .enumerate()
        .map(|(k, (v, s))| v + s * normal(seed, generation, attempt, k as u64))
        .collect();
    x.iter().all(|v| (0.0..=1.0).contains(v)).then_some(x)
}

/// Importance weights of new particles: uniform prior over the kernel
/// mixture of the previous generation, normalised.
pub fn weights(new: &[Vec<f64>], prev: &Population, sd: &[f64]) -> Vec<f64> {
    let raw: Vec<f64> = new
        .iter()
        .map(|x| {
            let mix_density: f64 = prev
                .particles
                .iter()
                .zip(&prev.weights)
                .map(|(p, w)| {
                    let e: f64 = x
                        .iter()
                        .zip(p)
                        .zip(sd)
                        .map(|((a, b), s)| ((a - b) / s).powi(2))
                        .sum();
                    w * (-0.5 * e).exp()
                })
                .sum();
            1.0 / mix_density.max(1e-300)
        })
        .collect();
    let total: f64 = raw.iter().sum();
    raw.iter().map(|w| w / total).collect()
}

/// The median of the distances: the next generation's tolerance.
pub fn median(distances: &[f64]) -> f64 {
    let mut d = distances.to_vec();
    d.sort_by(f64::total_cmp);
    let n = d.len();
    if n == 0 {
        f64::NAN
    } else if n % 2 == 1 {
        d[n / 2]
    } else {
        0.5 * (d[n / 2 - 1] + d[n / 2])
    }
}

/// Weighted mean, SD and 2.5 % and 97.5 % quantiles of coordinate `k`.
pub fn marginal(pop: &Population, k: usize) -> (f64, f64, f64, f64) {
    let mean: f64 = pop
        .particles
        .iter()
        .zip(&pop.weights)
        .map(|(p, w)| w * p[k])
        .sum();
    let var: f64 = pop
        .particles
        .iter()
        .zip(&pop.weights)
        .map(|(p, w)| w * (p[k] - mean).powi(2))
        .sum();
    let mut order: Vec<(f64, f64)> = pop
        .particles
        .iter()
        .zip(&pop.weights)
        .map(|(p, w)| (p[k], *w))
        .collect();
    order.sort_by(|a, b| a.0.total_cmp(&b.0));
    let quantile = |q: f64| {
        let mut acc = 0.0;
        for (v, w) in &order {
            acc += w;
            if acc >= q {
                return *v;
            }
        }
        order.last().map_or(f64::NAN, |x| x.0)
    };
    (mean, var.max(0.0).sqrt(), quantile(0.025), quantile(0.975))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_zero_reads_back_from_its_checkpoint() {
        let pop = Population {
            generation: 0,
            particles: vec![vec![0.5]],
            weights: vec![1.0],
            distances: vec![2.0],
            epsilon: f64::INFINITY,
        };
        let text = serde_json::to_string(&pop).unwrap();
        assert!(text.contains("\"epsilon\":null"), "{text}");
        let back: Population = serde_json::from_str(&text).unwrap();
        assert_eq!(back, pop);
        let later = Population {
            epsilon: 0.25,
            ..pop
        };
        let text = serde_json::to_string(&later).unwrap();
        assert_eq!(serde_json::from_str::<Population>(&text).unwrap(), later);
    }

    #[test]
    fn uniforms_are_deterministic_and_spread() {
        assert_eq!(uniform(1, 2, 3, 4), uniform(1, 2, 3, 4));
        assert_ne!(uniform(1, 2, 3, 4), uniform(1, 2, 4, 4));
        let mean: f64 = (0..10_000).map(|i| uniform(9, 1, i, 0)).sum::<f64>() / 10_000.0;
        assert!((mean - 0.5).abs() < 0.02, "{mean}");
    }

    #[test]
    fn abc_smc_finds_the_posterior_of_a_simple_model() {
        // Distance |x − 0.3| / 0.05 in one dimension: the accepted set shrinks around 0.3.
        let seed = 4;
        let n = 200;
        let dist = |x: &[f64]| (x[0] - 0.3).abs() / 0.05;
        let particles: Vec<Vec<f64>> = (0..n).map(|i| prior_sample(seed, i, 1)).collect();
        let mut pop = Population {
            generation: 0,
            distances: particles.iter().map(|p| dist(p)).collect(),
            weights: vec![1.0 / n as f64; n as usize],
            particles,
            epsilon: f64::INFINITY,
        };
        for g in 1..8 {
            let eps = median(&pop.distances);
            let sd = kernel_sd(&pop);
            let mut acc = Vec::new();
            let mut attempt = 0;
            while acc.len() < n as usize {
                if let Some(x) = propose(&pop, &sd, seed, g, attempt)
                    && dist(&x) <= eps
                {
                    acc.push(x);
                }
                attempt += 1;
            }
            let w = weights(&acc, &pop, &sd);
            pop = Population {
                generation: g,
                distances: acc.iter().map(|p| dist(p)).collect(),
                particles: acc,
                weights: w,
                epsilon: eps,
            };
        }
        let (mean, sd, lo, hi) = marginal(&pop, 0);
        assert!((mean - 0.3).abs() < 0.01, "{mean}");
        assert!(sd < 0.02 && lo < 0.3 && hi > 0.3, "{sd} {lo} {hi}");
    }
}
