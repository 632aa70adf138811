//! Fixed-bin histograms of 0–100 outcomes, for quantile bands.

/// Bins over 0–100; quantiles are interpolated inside a bin.
pub const BINS: usize = 64;

/// Bin of a value on the 0–100 scale.
#[inline(always)]
pub fn bin_of(value: f32) -> usize {
    ((value * (BINS as f32 / 100.0)) as usize).min(BINS - 1)
}

/// The `q`-quantile (0–1) of a histogram over 0–100, linearly interpolated
/// inside the bin; NaN for an empty histogram.
pub fn quantile(counts: &[u32], q: f64) -> f64 {
    let total: u64 = counts.iter().map(|&c| c as u64).sum();
    if total == 0 {
        return f64::NAN;
    }
    let target = q * total as f64;
    let width = 100.0 / counts.len() as f64;
    let mut seen = 0.0;
    for (b, &c) in counts.iter().enumerate() {
        let c = c as f64;
        if c > 0.0 && seen + c >= target {
            let within = ((target - seen) / c).clamp(0.0, 1.0);
            return (b as f64 + within) * width;
        }
        seen += c;
    }
    100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_uniform_histogram_is_fifty() {
        let counts = vec![10u32; BINS];
        assert!((quantile(&counts, 0.5) - 50.0).abs() < 1e-9);
        assert!((quantile(&counts, 0.1) - 10.0).abs() < 1e-9);
    }
}
