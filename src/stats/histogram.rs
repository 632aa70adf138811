//! Fixed-bin histograms of 0–100 outcomes, for quantile bands.

/// Bins over 0–100; quantiles are interpolated inside a bin.
pub const BINS: usize = 64;

/// Bin of a value on the 0–100 scale.
///
/// The same as `((value · BINS / 100) as usize).min(BINS − 1)` for every
/// `f32` (NaN and negative values go to bin 0, large ones to the last), with
/// arithmetic that vectorises: `x` is clamped to `[0, BINS − ½]` (a NaN
/// becomes 0) and truncated with `round_to_integer`.
#[inline(always)]
pub fn bin_of(value: f32) -> usize {
    let x = (value * (BINS as f32 / 100.0))
        .max(0.0)
        .min(BINS as f32 - 0.5);
    let (r, nearest) = round_to_integer(x);
    (r - (nearest > x) as i32) as usize
}

/// 2²³: adding it to a float in `[0, 2²³)` leaves its nearest integer
/// (ties to even) in the low bits of the sum.
const MAGIC: f32 = 8_388_608.0;

/// The nearest integer to `x` (ties to even), as an integer and as a float,
/// for `x` in `[0, 2²³)`: exact float additions and a reading of the bits,
/// which vectorise where a saturating conversion does not.
#[inline(always)]
pub fn round_to_integer(x: f32) -> (i32, f32) {
    let m = x + MAGIC;
    ((m.to_bits() - MAGIC.to_bits()) as i32, m - MAGIC)
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
    fn bins_are_those_of_the_unsigned_conversion() {
        let old = |v: f32| ((v * (BINS as f32 / 100.0)) as usize).min(BINS - 1);
        for bits in (0..=200.0f32.to_bits()).step_by(1009) {
            let v = f32::from_bits(bits);
            assert_eq!(bin_of(v), old(v), "{v}");
            assert_eq!(bin_of(-v), old(-v), "{}", -v);
        }
        for v in [
            f32::NAN,
            f32::INFINITY,
            f32::NEG_INFINITY,
            1e30,
            -1e30,
            99.999,
            100.0,
        ] {
            assert_eq!(bin_of(v), old(v), "{v}");
        }
    }

    #[test]
    fn median_of_uniform_histogram_is_fifty() {
        let counts = vec![10u32; BINS];
        assert!((quantile(&counts, 0.5) - 50.0).abs() < 1e-9);
        assert!((quantile(&counts, 0.1) - 10.0).abs() < 1e-9);
    }
}
