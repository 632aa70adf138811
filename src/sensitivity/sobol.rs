//! Sobol' first-order and total indices from Saltelli's sampling scheme.
//!
//! Two independent `N × k` sample matrices A and B (here Latin hypercubes)
//! and, for each input `i`, the matrix AB⁽ⁱ⁾ — A with column `i` taken from B
//! — give `N(k + 2)` model runs. With `V` the variance of the outputs of A
//! and B together (Saltelli et al. 2010, *Comput. Phys. Commun.* 181:259–270):
//!
//! * first order (Saltelli 2010, table 2 (b)):
//!   `S_i = mean_j f(B)_j (f(AB⁽ⁱ⁾)_j − f(A)_j) / V`
//! * total (Jansen 1999, table 2 (f)):
//!   `ST_i = mean_j (f(A)_j − f(AB⁽ⁱ⁾)_j)² / (2V)`
//!
//! The outputs are centred on their mean first (the indices do not change
//! when a constant is added to the output, but the first-order estimator's
//! variance does: without centring it grows with the squared mean, which is
//! large for an effect size far from 0). Confidence intervals are bootstrap
//! percentiles over rows `j`.

use crate::sweep::design::{DesignRng, latin_hypercube};

/// Row of A_j, AB⁽ⁱ⁾_j (`i` in `0..k`) and B_j in the design: rows of one
/// `j` are consecutive, A first and B last.
pub fn row(j: usize, k: usize, which: Which) -> usize {
    j * (k + 2)
        + match which {
            Which::A => 0,
            Which::AB(i) => 1 + i,
            Which::B => k + 1,
        }
}

/// A matrix of the Saltelli scheme.
#[derive(Debug, Clone, Copy)]
pub enum Which {
    /// The A matrix.
    A,
    /// A with column `i` from B.
    AB(usize),
    /// The B matrix.
    B,
}

/// The `N(k + 2)` points of the scheme in the unit cube.
pub fn design(k: usize, n: usize, rng_a: &mut DesignRng, rng_b: &mut DesignRng) -> Vec<Vec<f64>> {
    let a = latin_hypercube(n, k, rng_a);
    let b = latin_hypercube(n, k, rng_b);
    let mut rows = Vec::with_capacity(n * (k + 2));
    for j in 0..n {
        rows.push(a[j].clone());
        for i in 0..k {
            let mut ab = a[j].clone();
            ab[i] = b[j][i];
            rows.push(ab);
        }
        rows.push(b[j].clone());
    }
    rows
}

/// First-order and total indices from the outputs of the rows `rows` (with
/// repetition, for the bootstrap).
fn indices(y: &[f64], k: usize, rows: &[usize]) -> (Vec<f64>, Vec<f64>) {
    let n = rows.len() as f64;
    let ya = |j: usize| y[row(j, k, Which::A)];
    let yb = |j: usize| y[row(j, k, Which::B)];
    let mean = rows.iter().map(|&j| ya(j) + yb(j)).sum::<f64>() / (2.0 * n);
    let var = rows
        .iter()
        .map(|&j| (ya(j) - mean).powi(2) + (yb(j) - mean).powi(2))
        .sum::<f64>()
        / (2.0 * n);
    let mut s1 = vec![0.0; k];
    let mut st = vec![0.0; k];
    for i in 0..k {
        let yab = |j: usize| y[row(j, k, Which::AB(i))];
        let v1 = rows
            .iter()
            .map(|&j| (yb(j) - mean) * (yab(j) - ya(j)))
            .sum::<f64>()
            / n;
        let vt = rows.iter().map(|&j| (ya(j) - yab(j)).powi(2)).sum::<f64>() / (2.0 * n);
        s1[i] = v1 / var;
        st[i] = vt / var;
    }
    (s1, st)
}

/// An index with its bootstrap interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    /// The estimate from all rows.
    pub value: f64,
    /// 2.5 % bootstrap percentile.
    pub lo: f64,
    /// 97.5 % bootstrap percentile.
    pub hi: f64,
}

/// Percentile interval of bootstrap replicates (NaN if any is NaN).
pub fn percentile_interval(mut xs: Vec<f64>) -> (f64, f64) {
    if xs.is_empty() || xs.iter().any(|x| x.is_nan()) {
        return (f64::NAN, f64::NAN);
    }
    xs.sort_by(f64::total_cmp);
    let at = |q: f64| {
        let pos = q * (xs.len() - 1) as f64;
        let (i, f) = (pos.floor() as usize, pos.fract());
        if i + 1 < xs.len() {
            xs[i] * (1.0 - f) + xs[i + 1] * f
        } else {
            xs[i]
        }
    };
    (at(0.025), at(0.975))
}

/// First-order and total indices of every input, with bootstrap intervals.
pub fn analyse(
    y: &[f64],
    k: usize,
    bootstrap: u32,
    rng: &mut DesignRng,
) -> Vec<(Estimate, Estimate)> {
    let n = y.len() / (k + 2);
    let all: Vec<usize> = (0..n).collect();
    let (s1, st) = indices(y, k, &all);
    let mut boot_s1 = vec![Vec::new(); k];
    let mut boot_st = vec![Vec::new(); k];
    for _ in 0..bootstrap {
        let rows: Vec<usize> = (0..n).map(|_| rng.below(n as u64) as usize).collect();
        let (b1, bt) = indices(y, k, &rows);
        for i in 0..k {
            boot_s1[i].push(b1[i]);
            boot_st[i].push(bt[i]);
        }
    }
    (0..k)
        .map(|i| {
            let (l1, h1) = percentile_interval(std::mem::take(&mut boot_s1[i]));
            let (lt, ht) = percentile_interval(std::mem::take(&mut boot_st[i]));
            (
                Estimate {
                    value: s1[i],
                    lo: l1,
                    hi: h1,
                },
                Estimate {
                    value: st[i],
                    lo: lt,
                    hi: ht,
                },
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::f64::consts::PI;

    fn ishigami(x: &[f64]) -> f64 {
        let (a, b) = (7.0, 0.1);
        x[0].sin() + a * x[1].sin().powi(2) + b * x[2].powi(4) * x[0].sin()
    }

    #[test]
    fn reproduces_the_analytical_indices_of_the_ishigami_function() {
        let (a, b) = (7.0f64, 0.1f64);
        // Analytical values (Ishigami & Homma 1990; Sobol' & Levitan 1999).
        let v1 = 0.5 * (1.0 + b * PI.powi(4) / 5.0).powi(2);
        let v2 = a * a / 8.0;
        let v13 = b * b * PI.powi(8) * (1.0 / 18.0 - 1.0 / 50.0);
        let v = v1 + v2 + v13;
        let s1_true = [v1 / v, v2 / v, 0.0];
        let st_true = [(v1 + v13) / v, v2 / v, v13 / v];
        for (x, want) in s1_true.iter().zip([0.3139, 0.4424, 0.0]) {
            assert!((x - want).abs() < 5e-4);
        }
        for (x, want) in st_true.iter().zip([0.5576, 0.4424, 0.2437]) {
            assert!((x - want).abs() < 5e-4);
        }

        let (k, n) = (3, 20_000);
        let unit = design(k, n, &mut DesignRng::new(1, 1), &mut DesignRng::new(1, 2));
        let y: Vec<f64> = unit
            .iter()
            .map(|u| {
                let x: Vec<f64> = u.iter().map(|&u| -PI + 2.0 * PI * u).collect();
                ishigami(&x)
            })
            .collect();
        let est = analyse(&y, k, 200, &mut DesignRng::new(1, 3));
        for i in 0..k {
            let (s1, st) = est[i];
            assert!(
                (s1.value - s1_true[i]).abs() < 0.03,
                "S1[{i}] = {} vs {}",
                s1.value,
                s1_true[i]
            );
            assert!(
                (st.value - st_true[i]).abs() < 0.03,
                "ST[{i}] = {} vs {}",
                st.value,
                st_true[i]
            );
            assert!(s1.lo <= s1.value && s1.value <= s1.hi);
            assert!(st.lo <= st.value && st.value <= st.hi);
            assert!(s1.hi - s1.lo < 0.1 && st.hi - st.lo < 0.1);
        }
    }

    #[test]
    fn ab_rows_take_one_column_from_b() {
        let (k, n) = (3, 5);
        let rows = design(k, n, &mut DesignRng::new(2, 1), &mut DesignRng::new(2, 2));
        for j in 0..n {
            let a = &rows[row(j, k, Which::A)];
            let b = &rows[row(j, k, Which::B)];
            for i in 0..k {
                let ab = &rows[row(j, k, Which::AB(i))];
                for c in 0..k {
                    assert_eq!(ab[c], if c == i { b[c] } else { a[c] });
                }
            }
        }
    }
}
