//! Morris elementary effects (Morris 1991; μ* of Campolongo, Cariboni &
//! Saltelli 2007).
//!
//! `r` trajectories on a grid of `p` levels in the unit cube; each
//! trajectory has `k + 1` points and moves one input at a time by
//! Δ = p / (2(p − 1)). An input's elementary effect is the change of the
//! output divided by its (signed) move, in units of the input's whole range.

use crate::sweep::design::DesignRng;

/// The points of `r` Morris trajectories over `k` inputs and `p` levels (`p`
/// even), in the unit cube; trajectory `t` is rows `t(k+1) ..= t(k+1)+k`.
pub fn design(k: usize, r: usize, p: u32, rng: &mut DesignRng) -> Vec<Vec<f64>> {
    let p = p.max(2);
    let delta = p as f64 / (2.0 * (p as f64 - 1.0));
    let step = 1.0 / (p as f64 - 1.0);
    let mut rows = Vec::with_capacity(r * (k + 1));
    for _ in 0..r {
        let mut x: Vec<f64> = (0..k)
            .map(|_| rng.below((p / 2) as u64) as f64 * step)
            .collect();
        let up: Vec<bool> = (0..k).map(|_| rng.below(2) == 0).collect();
        for i in 0..k {
            if !up[i] {
                x[i] += delta;
            }
        }
        let order = rng.permutation(k);
        rows.push(x.clone());
        for &i in &order {
            x[i] += if up[i] { delta } else { -delta };
            // Keep grid values exact.
            x[i] = (x[i] / step).round() * step;
            rows.push(x.clone());
        }
    }
    rows
}

/// Elementary effects per input: `ee[i]` has one value per trajectory.
pub fn elementary_effects(unit: &[Vec<f64>], y: &[f64], k: usize) -> Vec<Vec<f64>> {
    let mut ee = vec![Vec::new(); k];
    for t in 0..unit.len() / (k + 1) {
        for m in 0..k {
            let a = t * (k + 1) + m;
            let b = a + 1;
            if let Some(i) = (0..k).find(|&i| unit[a][i] != unit[b][i]) {
                let delta = unit[b][i] - unit[a][i];
                ee[i].push((y[b] - y[a]) / delta);
            }
        }
    }
    ee
}

/// μ, μ* and σ of a set of elementary effects.
pub fn stats(ee: &[f64]) -> (f64, f64, f64) {
    let n = ee.len() as f64;
    if ee.is_empty() {
        return (f64::NAN, f64::NAN, f64::NAN);
    }
    let mu = ee.iter().sum::<f64>() / n;
    let mu_star = ee.iter().map(|e| e.abs()).sum::<f64>() / n;
    let sigma = if ee.len() > 1 {
        (ee.iter().map(|e| (e - mu) * (e - mu)).sum::<f64>() / (n - 1.0)).sqrt()
    } else {
        0.0
    };
    (mu, mu_star, sigma)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trajectories_move_one_input_at_a_time_on_the_grid() {
        let mut rng = DesignRng::new(5, 0);
        let (k, r, p) = (4, 6, 4);
        let rows = design(k, r, p, &mut rng);
        assert_eq!(rows.len(), r * (k + 1));
        let delta = 4.0 / 6.0;
        for t in 0..r {
            let mut moved = vec![false; k];
            for m in 0..k {
                let a = &rows[t * (k + 1) + m];
                let b = &rows[t * (k + 1) + m + 1];
                let diff: Vec<usize> = (0..k).filter(|&i| a[i] != b[i]).collect();
                assert_eq!(diff.len(), 1);
                assert!(((b[diff[0]] - a[diff[0]]).abs() - delta).abs() < 1e-12);
                moved[diff[0]] = true;
            }
            assert!(moved.iter().all(|&m| m));
        }
        for row in &rows {
            for &x in row {
                assert!((0.0..=1.0 + 1e-12).contains(&x));
                let level = x * 3.0;
                assert!((level - level.round()).abs() < 1e-9, "{x} is not a level");
            }
        }
    }

    #[test]
    fn ranks_the_inputs_of_a_linear_function() {
        let coef = [10.0, 5.0, -1.0, 0.0];
        let mut rng = DesignRng::new(11, 0);
        let rows = design(4, 10, 4, &mut rng);
        let y: Vec<f64> = rows
            .iter()
            .map(|x| x.iter().zip(coef).map(|(a, b)| a * b).sum())
            .collect();
        let ee = elementary_effects(&rows, &y, 4);
        let st: Vec<(f64, f64, f64)> = ee.iter().map(|e| stats(e)).collect();
        for (i, c) in coef.iter().enumerate() {
            assert!((st[i].0 - c).abs() < 1e-9, "mu of {i}");
            assert!((st[i].1 - c.abs()).abs() < 1e-9, "mu* of {i}");
            assert!(st[i].2.abs() < 1e-9, "sigma of a linear effect is 0");
        }
        let mut order: Vec<usize> = (0..4).collect();
        order.sort_by(|&a, &b| st[b].1.total_cmp(&st[a].1));
        assert_eq!(order, vec![0, 1, 2, 3]);
    }
}
