//! Percentiles of per-draw values (Hyndman & Fan 1996 definition 7, R's
//! `quantile` default), shared by `effects.csv`'s uncertainty interval and
//! the decision analysis (`decision::interval`, whose unit tests check it
//! against R).

/// The probabilities of a 95 % percentile interval: 2.5 % and 97.5 %.
pub const UI_PROBS: [f64; 2] = [0.025, 0.975];

/// The `p`-quantile (0 ≤ p ≤ 1) of values sorted ascending, by Hyndman &
/// Fan's definition 7 (R's default). NaN for no values or p outside [0, 1].
pub fn quantile(sorted: &[f64], p: f64) -> f64 {
    let n = sorted.len();
    if n == 0 || !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    debug_assert!(
        sorted.windows(2).all(|w| w[0] <= w[1]),
        "values must be sorted"
    );
    // As R: index <- 1 + (n - 1) * probs; lo <- floor(index); hi <- ceiling(index);
    // qs <- x[lo]; where index > lo and x[hi] != qs: h <- index - lo;
    // qs <- (1 - h) * qs + h * x[hi].
    let index = 1.0 + (n - 1) as f64 * p;
    let lo = index.floor();
    let q = sorted[lo as usize - 1];
    let hi = sorted[index.ceil() as usize - 1];
    if index > lo && hi != q {
        let h = index - lo;
        (1.0 - h) * q + h * hi
    } else {
        q
    }
}

/// The 2.5 % and 97.5 % percentiles of `values` (sorted here); NaN for no
/// values.
pub fn interval95(mut values: Vec<f64>) -> (f64, f64) {
    values.sort_by(f64::total_cmp);
    (
        quantile(&values, UI_PROBS[0]),
        quantile(&values, UI_PROBS[1]),
    )
}
