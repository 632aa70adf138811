//! Effect sizes and their Monte Carlo accumulation.

/// Fixed-point scale of per-replicate values (2³²): values are rounded to
/// about 2·10⁻¹⁰ and summed as integers.
const SCALE: f64 = 4_294_967_296.0;
/// Values are clamped to ±LIMIT before scaling, so sums cannot overflow.
const LIMIT: f64 = 1.0e6;

/// Count, sum and sum of squares of per-replicate values in exact
/// fixed-point integers.
///
/// Integer sums are associative and commutative, so accumulators filled in
/// any order — by threads, by shards on a cluster, by resumed runs — merge
/// into exactly the same bits. Non-finite values are counted apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Moments {
    /// Finite values added.
    pub n: u64,
    sum: i128,
    sumsq: i128,
}

impl Moments {
    /// Adds one value (non-finite values are ignored).
    pub fn push(&mut self, x: f64) {
        if !x.is_finite() {
            return;
        }
        let q = (x.clamp(-LIMIT, LIMIT) * SCALE).round() as i128;
        self.n += 1;
        self.sum += q;
        self.sumsq += q * q;
    }

    /// Adds another accumulator.
    pub fn merge(&mut self, other: &Moments) {
        self.n += other.n;
        self.sum += other.sum;
        self.sumsq += other.sumsq;
    }

    /// Mean (NaN when empty).
    pub fn mean(&self) -> f64 {
        if self.n == 0 {
            return f64::NAN;
        }
        self.sum as f64 / SCALE / self.n as f64
    }

    /// Sample standard deviation (0 with fewer than two values).
    pub fn sd(&self) -> f64 {
        if self.n < 2 {
            return 0.0;
        }
        let n = self.n as f64;
        let mean = self.sum as f64 / n;
        let var = (self.sumsq as f64 - mean * self.sum as f64) / (n - 1.0);
        var.max(0.0).sqrt() / SCALE
    }

    /// 95 % Monte Carlo interval of the mean: mean ± t₀.₉₇₅(n − 1) · SD/√n,
    /// Student's t with n − 1 degrees of freedom for n values (2.13 with 16
    /// replicates, 2.07 with 24, 1.96 only in the limit); a point with one
    /// value.
    pub fn interval(&self) -> (f64, f64) {
        let m = self.mean();
        if self.n < 2 {
            return (m, m);
        }
        let half = t_975(self.n - 1) * self.sd() / (self.n as f64).sqrt();
        (m - half, m + half)
    }
}

/// The 97.5 % quantile of Student's t distribution with `df` degrees of
/// freedom (`statrs`): the multiplier of the standard error in a two-sided
/// 95 % interval of a mean of `df + 1` values. Infinite for `df = 0`.
pub fn t_975(df: u64) -> f64 {
    use statrs::distribution::{ContinuousCDF, StudentsT};
    if df == 0 {
        return f64::INFINITY;
    }
    StudentsT::new(0.0, 1.0, df as f64)
        .map(|t| t.inverse_cdf(0.975))
        .unwrap_or(f64::NAN)
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
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
    pub wins: u64,
    /// Students in the subgroup, summed over replicates.
    pub students: u64,
}

impl EffectAcc {
    /// Share of replicates in which the strategy beat the baseline.
    pub fn p_better(&self) -> f64 {
        if self.g.n > 0 {
            self.wins as f64 / self.g.n as f64
        } else {
            f64::NAN
        }
    }

    /// Adds another accumulator.
    pub fn merge(&mut self, o: &EffectAcc) {
        self.mean.merge(&o.mean);
        self.baseline_mean.merge(&o.baseline_mean);
        self.diff.merge(&o.diff);
        self.g.merge(&o.g);
        self.wins += o.wins;
        self.students += o.students;
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
        assert!((m.mean() - 3.75).abs() < 1e-9);
        let var: f64 = xs.iter().map(|x| (x - 3.75) * (x - 3.75)).sum::<f64>() / 3.0;
        assert!((m.sd() - var.sqrt()).abs() < 1e-9);
    }

    #[test]
    fn intervals_use_students_t_with_n_minus_one_degrees_of_freedom() {
        // Published quantiles of t(0.975): df 1, 2, 15, 23, 1000.
        for (df, want) in [
            (1, 12.706_204_736),
            (2, 4.302_652_730),
            (15, 2.131_449_546),
            (23, 2.068_657_610),
            (1000, 1.962_339_081),
        ] {
            assert!((t_975(df) - want).abs() < 1e-8, "df {df}: {}", t_975(df));
        }
        // 16 values with mean 10 and SD 2: SE 0.5, t(15) 2.1314 — wider
        // than the normal approximation's 1.96 × 0.5.
        let mut m = Moments::default();
        for i in 0..16 {
            m.push(if i % 2 == 0 {
                10.0 - 2.0 * (15.0f64 / 16.0).sqrt()
            } else {
                10.0 + 2.0 * (15.0f64 / 16.0).sqrt()
            });
        }
        assert!((m.mean() - 10.0).abs() < 1e-9 && (m.sd() - 2.0).abs() < 1e-9);
        let (lo, hi) = m.interval();
        assert!((hi - 10.0 - 2.131_449_546 * 0.5).abs() < 1e-8, "{lo} {hi}");
        assert!((10.0 - lo - 2.131_449_546 * 0.5).abs() < 1e-8);
        assert!(hi - lo > 2.0 * 1.96 * 0.5 + 0.17);
        // One value: a point.
        let mut one = Moments::default();
        one.push(3.0);
        assert_eq!(one.interval(), (3.0, 3.0));
    }

    #[test]
    fn merging_in_any_order_gives_the_same_bits() {
        let xs: Vec<f64> = (0..100)
            .map(|i| ((i * 7919) % 101) as f64 * 0.137 - 3.0)
            .collect();
        let mut all = Moments::default();
        xs.iter().for_each(|&x| all.push(x));
        let mut a = Moments::default();
        let mut b = Moments::default();
        xs.iter()
            .enumerate()
            .for_each(|(i, &x)| if i % 3 == 0 { a.push(x) } else { b.push(x) });
        b.merge(&a);
        assert_eq!(all, b);
        assert_eq!(all.mean().to_bits(), b.mean().to_bits());
    }
}
