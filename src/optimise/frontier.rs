//! The cost–effect Pareto frontier of evaluated portfolios.

/// Indices of the points `(cost, gain)` no other point dominates (costs as
/// much or less and gains as much or more, one of them strictly), cheapest
/// first. Points with a NaN are left out.
pub fn frontier(points: &[(f64, f64)]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..points.len())
        .filter(|&i| points[i].0.is_finite() && points[i].1.is_finite())
        .collect();
    // Cheapest first; at equal cost the larger gain first.
    order.sort_by(|&a, &b| {
        points[a]
            .0
            .total_cmp(&points[b].0)
            .then(points[b].1.total_cmp(&points[a].1))
            .then(a.cmp(&b))
    });
    let mut out = Vec::new();
    let mut best = f64::NEG_INFINITY;
    for i in order {
        if points[i].1 > best {
            out.push(i);
            best = points[i].1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dominated_points_are_left_out() {
        let pts = [
            (10.0, 1.0),
            (5.0, 1.0), // dominates the first
            (20.0, 3.0),
            (15.0, 2.0),
            (16.0, 1.5), // dominated by (15, 2)
            (0.0, 0.0),
            (30.0, f64::NAN),
        ];
        assert_eq!(frontier(&pts), [5, 1, 3, 2]);
    }
}
