//! Nelder–Mead on the unit cube, one iteration at a time.
//!
//! The state is plain data (the simplex and its values), so it can be saved
//! after every iteration and a resumed search takes exactly the steps an
//! uninterrupted one would. Points outside the cube are evaluated at their
//! projection onto it plus a quadratic penalty, which keeps the simplex
//! inside without collapsing it.

use serde::{Deserialize, Serialize};

/// Reflection, expansion, contraction and shrink coefficients (the standard ones).
const ALPHA: f64 = 1.0;
const GAMMA: f64 = 2.0;
const RHO: f64 = 0.5;
const SIGMA: f64 = 0.5;
/// Size of the initial simplex along each axis of the unit cube.
pub const INITIAL_STEP: f64 = 0.2;
/// Converged when every vertex is this close to the best (unit-cube units) …
pub const X_TOL: f64 = 1e-3;
/// … and the values differ by at most this much (relative to 1 + best).
pub const F_TOL: f64 = 1e-6;
/// Weight of the penalty for leaving the cube.
const PENALTY: f64 = 100.0;

/// The simplex and the loss at each vertex, best first after each iteration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Simplex {
    /// Vertices in the unit cube (before projection).
    pub points: Vec<Vec<f64>>,
    /// Loss at each vertex (penalty included).
    pub values: Vec<f64>,
}

/// Projects a point onto the unit cube and returns it with its penalty.
pub fn project(x: &[f64]) -> (Vec<f64>, f64) {
    let p: Vec<f64> = x.iter().map(|v| v.clamp(0.0, 1.0)).collect();
    let pen = x
        .iter()
        .zip(&p)
        .map(|(a, b)| (a - b) * (a - b))
        .sum::<f64>()
        * PENALTY;
    (p, pen)
}

impl Simplex {
    /// The initial vertices around `start` (unit-cube coordinates).
    pub fn initial_points(start: &[f64]) -> Vec<Vec<f64>> {
        let mut out = vec![start.to_vec()];
        for i in 0..start.len() {
            let mut v = start.to_vec();
            v[i] = if start[i] + INITIAL_STEP <= 1.0 {
                start[i] + INITIAL_STEP
            } else {
                start[i] - INITIAL_STEP
            };
            out.push(v);
        }
        out
    }

    /// Orders the vertices best first (ties keep their order).
    pub fn sort(&mut self) {
        let mut idx: Vec<usize> = (0..self.points.len()).collect();
        idx.sort_by(|&a, &b| self.values[a].total_cmp(&self.values[b]).then(a.cmp(&b)));
        self.points = idx.iter().map(|&i| self.points[i].clone()).collect();
        self.values = idx.iter().map(|&i| self.values[i]).collect();
    }

    /// Whether the simplex has shrunk onto a point.
    pub fn converged(&self) -> bool {
        let best = &self.points[0];
        let spread = self
            .points
            .iter()
            .flat_map(|p| p.iter().zip(best).map(|(a, b)| (a - b).abs()))
            .fold(0.0, f64::max);
        let fspread = self.values.iter().copied().fold(f64::MIN, f64::max) - self.values[0];
        (spread < X_TOL && fspread <= F_TOL * (1.0 + self.values[0].abs())) || self.values[0] == 0.0
    }

    /// One iteration. `f` evaluates a point; an error leaves the simplex as it was.
    pub fn iterate<E>(&mut self, f: &mut impl FnMut(&[f64]) -> Result<f64, E>) -> Result<(), E> {
        let mut next = self.clone();
        next.sort();
        let n = next.points.len() - 1;
        let dim = next.points[0].len();
        let centroid: Vec<f64> = (0..dim)
            .map(|j| next.points[..n].iter().map(|p| p[j]).sum::<f64>() / n as f64)
            .collect();
        let along = |t: f64| -> Vec<f64> {
            (0..dim)
                .map(|j| centroid[j] + t * (next.points[n][j] - centroid[j]))
                .collect()
        };
        let worst = next.values[n];
        let second = next.values[n - 1];
        let best = next.values[0];
        let xr = along(-ALPHA);
        let fr = f(&xr)?;
        if fr < best {
            let xe = along(-ALPHA * GAMMA);
            let fe = f(&xe)?;
            if fe < fr {
                next.points[n] = xe;
                next.values[n] = fe;
            } else {
                next.points[n] = xr;
                next.values[n] = fr;
            }
        } else if fr < second {
            next.points[n] = xr;
            next.values[n] = fr;
        } else {
            let (xc, fc) = if fr < worst {
                let xc = along(-ALPHA * RHO);
                let fc = f(&xc)?;
                (xc, fc)
            } else {
                let xc = along(RHO);
                let fc = f(&xc)?;
                (xc, fc)
            };
            if fc < fr.min(worst) {
                next.points[n] = xc;
                next.values[n] = fc;
            } else {
                let x0 = next.points[0].clone();
                for i in 1..=n {
                    let xs: Vec<f64> = (0..dim)
                        .map(|j| x0[j] + SIGMA * (next.points[i][j] - x0[j]))
                        .collect();
                    let fs = f(&xs)?;
                    next.points[i] = xs;
                    next.values[i] = fs;
                }
            }
        }
        next.sort();
        *self = next;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_minimum_of_a_quadratic_in_the_cube() {
        let target = [0.3, 0.7];
        let mut f = |x: &[f64]| -> Result<f64, ()> {
            let (p, pen) = project(x);
            Ok((p[0] - target[0]).powi(2) + 4.0 * (p[1] - target[1]).powi(2) + pen)
        };
        let points = Simplex::initial_points(&[0.9, 0.1]);
        let values = points.iter().map(|p| f(p).unwrap()).collect();
        let mut s = Simplex { points, values };
        for _ in 0..200 {
            if s.converged() {
                break;
            }
            s.iterate(&mut f).unwrap();
        }
        assert!((s.points[0][0] - 0.3).abs() < 2e-3, "{:?}", s.points[0]);
        assert!((s.points[0][1] - 0.7).abs() < 2e-3, "{:?}", s.points[0]);
    }

    #[test]
    fn a_failed_evaluation_leaves_the_simplex_unchanged() {
        let points = Simplex::initial_points(&[0.5, 0.5]);
        let mut s = Simplex {
            values: vec![3.0, 2.0, 1.0],
            points,
        };
        let before = s.clone();
        let mut calls = 0;
        let r = s.iterate(&mut |_x: &[f64]| {
            calls += 1;
            if calls > 1 { Err(()) } else { Ok(5.0) }
        });
        assert!(r.is_err());
        assert_eq!(s, before);
    }
}
