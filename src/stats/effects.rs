//! Effect sizes and their Monte Carlo accumulation.

/// Running mean and variance (Welford), for values across replicates.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Moments {
    /// Count.
    pub n: f64,
    /// Mean.
    pub mean: f64,
    m2: f64,
}

impl Moments {
    /// Adds one value.
    pub fn push(&mut self, x: f64) {
        self.n += 1.0;
        let d = x - self.mean;
        self.mean += d / self.n;
        self.m2 += d * (x - self.mean);
    }

    /// Sample standard deviation (0 with fewer than two values).
    pub fn sd(&self) -> f64 {
        if self.n > 1.0 {
            (self.m2 / (self.n - 1.0)).max(0.0).sqrt()
        } else {
            0.0
        }
    }

    /// 95 % interval of the mean (normal approximation); a point with one value.
    pub fn interval(&self) -> (f64, f64) {
        let half = 1.96 * self.sd() / self.n.max(1.0).sqrt();
        (self.mean - half, self.mean + half)
    }
}

/// Hedges' g of `a` against `b` from counts, means and variances; 0 when
/// both groups have no spread.
pub fn hedges_g(n_a: f64, mean_a: f64, var_a: f64, n_b: f64, mean_b: f64, var_b: f64) -> f64 {
    let df = n_a + n_b - 2.0;
    if df <= 0.0 {
        return 0.0;
    }
    let pooled = (((n_a - 1.0) * var_a + (n_b - 1.0) * var_b) / df)
        .max(0.0)
        .sqrt();
    if pooled == 0.0 {
        return 0.0;
    }
    let j = 1.0 - 3.0 / (4.0 * (n_a + n_b) - 9.0);
    j * (mean_a - mean_b) / pooled
}

/// One strategy's effect on one outcome in one subgroup, over replicates.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct EffectAcc {
    /// End-of-run mean under the strategy.
    pub mean: Moments,
    /// End-of-run mean under the baseline.
    pub baseline_mean: Moments,
    /// Difference of means, strategy minus baseline, in the outcome's units.
    pub diff: Moments,
    /// Hedges' g, signed so that improvement is positive.
    pub g: Moments,
    /// Replicates in which the strategy was strictly better than the baseline.
    pub wins: u32,
    /// Students in the subgroup, summed over replicates.
    pub students: u64,
}

impl EffectAcc {
    /// Share of replicates in which the strategy beat the baseline.
    pub fn p_better(&self) -> f64 {
        if self.g.n > 0.0 {
            self.wins as f64 / self.g.n
        } else {
            f64::NAN
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hedges_g_matches_textbook_example() {
        // Two groups of 20 with SD 10 and means 55 vs 50: d = 0.5, J = 1 − 3/151.
        let g = hedges_g(20.0, 55.0, 100.0, 20.0, 50.0, 100.0);
        assert!((g - 0.5 * (1.0 - 3.0 / 151.0)).abs() < 1e-12);
    }

    #[test]
    fn moments_match_two_pass() {
        let xs = [1.0, 2.0, 4.0, 8.0];
        let mut m = Moments::default();
        xs.iter().for_each(|&x| m.push(x));
        assert!((m.mean - 3.75).abs() < 1e-12);
        let var: f64 = xs.iter().map(|x| (x - 3.75) * (x - 3.75)).sum::<f64>() / 3.0;
        assert!((m.sd() - var.sqrt()).abs() < 1e-12);
    }
}
