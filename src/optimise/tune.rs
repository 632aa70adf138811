//! The settings search: from a portfolio's settings, better ones within the
//! budget, under common random numbers.
//!
//! First the frequencies, by enumeration: one component at a time, each
//! named frequency with the component's coverage changed so that it
//! spends what it spent before (the money scales with coverage and
//! frequency), scaled down to the budget when it is over. Then the
//! coverages, by Nelder–Mead ([`crate::calibration::nelder_mead`], on the
//! registry's range mapped to the unit cube). The loss is minus the gain,
//! plus a steep penalty for each share by which the simulated money or
//! hours break the budget; settings whose estimate breaks it by more than
//! the screen's margin are not run. Every evaluation runs the same
//! replicates (common random numbers), so differences between settings
//! are paired and the search is deterministic; the best settings that keep
//! to the budget are kept, the starting ones if none does better.

use super::prices::SCREEN_MARGIN;
use super::settings::{Settings, frequencies, grid, range};
use super::{Budget, Prices, Tally};
use crate::calibration::nelder_mead::{Simplex, project};

/// Weight of the budget penalty per share over, relative to 1 + |gain|
/// at the start: any break of the budget loses to any setting within it.
const PENALTY: f64 = 1000.0;

/// Most Nelder–Mead iterations of one search.
const MAX_ITERATIONS: usize = 500;

/// Least coverage the search gives a component: a component a portfolio
/// lists is delivered, to at least a tenth of its target group (below
/// that the portfolio without it, which races on its own, is the answer).
pub const MIN_COVERAGE: f64 = 0.1;

/// A coverage of the search: on the search's grid, and at least
/// [`MIN_COVERAGE`].
fn tuned_coverage(coverage: f64) -> f32 {
    grid(coverage.max(MIN_COVERAGE))
}

/// The result of a settings search.
#[derive(Debug, Clone, PartialEq)]
pub struct Tuned {
    /// The best settings found (the starting ones if nothing did better).
    pub settings: Settings,
    /// Their results.
    pub tally: Tally,
    /// Settings evaluated (each on the search's replicates).
    pub evaluations: usize,
}

/// The share by which `cost` and `hours` break `budget` (0 within it).
pub fn excess(budget: &Budget, cost: f64, hours: f64) -> f64 {
    let over = |limit: Option<f64>, v: f64| match limit {
        None => 0.0,
        Some(l) if l > 0.0 => (v / l - 1.0).max(0.0),
        Some(_) => v.max(0.0),
    };
    over(budget.cost_per_student_year, cost).max(over(budget.teacher_hours_per_class_term, hours))
}

/// The share every coverage must be multiplied by for the estimate of
/// `s` to keep to `budget` (at most 1).
pub fn fit_share(budget: &Budget, s: &Settings, prices: &Prices) -> f64 {
    let (cost, hours) = s.estimate(prices);
    let share = |limit: Option<f64>, v: f64| match limit {
        Some(l) if v > l => l / v,
        _ => 1.0,
    };
    share(budget.cost_per_student_year, cost).min(share(budget.teacher_hours_per_class_term, hours))
}

/// Runs a batch of settings on the search's replicates: their results in order.
pub type Evaluate<'a, E> = dyn FnMut(&[Settings]) -> Result<Vec<Tally>, E> + 'a;

/// Why an evaluation did not happen.
enum Stop<E> {
    /// The search's evaluations are spent.
    Spent,
    /// The simulation failed (or was cancelled).
    Failed(E),
}

struct Search<'a, E> {
    budget: &'a Budget,
    prices: &'a Prices,
    weight: f64,
    base_loss: f64,
    max_evals: usize,
    evaluated: Vec<(Settings, Tally)>,
    eval: &'a mut Evaluate<'a, E>,
}

impl<E> Search<'_, E> {
    fn loss_of(&self, t: &Tally) -> f64 {
        -t.gain() + self.weight * excess(self.budget, t.cost(), t.hours())
    }

    /// Losses of `batch`, running those not run yet (as one batch), within
    /// the evaluations left; settings whose estimate is far over budget
    /// are not run.
    fn losses(&mut self, batch: &[Settings]) -> Result<Vec<f64>, Stop<E>> {
        let mut todo: Vec<Settings> = Vec::new();
        for s in batch {
            let known = self.evaluated.iter().any(|(x, _)| x == s) || todo.contains(s);
            let (cost, hours) = s.estimate(self.prices);
            if !known && excess(self.budget, cost, hours) <= SCREEN_MARGIN {
                todo.push(s.clone());
            }
        }
        let runs = self.evaluated.len();
        if runs + todo.len() > self.max_evals {
            return Err(Stop::Spent);
        }
        if !todo.is_empty() {
            let tallies = (self.eval)(&todo).map_err(Stop::Failed)?;
            self.evaluated.extend(todo.into_iter().zip(tallies));
        }
        Ok(batch
            .iter()
            .map(|s| match self.evaluated.iter().find(|(x, _)| x == s) {
                Some((_, t)) => self.loss_of(t),
                None => {
                    let (cost, hours) = s.estimate(self.prices);
                    self.base_loss + self.weight * excess(self.budget, cost, hours)
                }
            })
            .collect())
    }
}

/// Searches better settings than `start` (whose results on the search's
/// replicates are `start_tally`) within `budget`, running at most
/// `max_evals` settings through `eval`, which runs a batch of settings on
/// the search's replicates and returns their results in order.
pub fn tune<E>(
    start: &Settings,
    start_tally: &Tally,
    budget: &Budget,
    prices: &Prices,
    max_evals: usize,
    eval: &mut Evaluate<'_, E>,
) -> Result<Tuned, E> {
    let weight = PENALTY * (1.0 + start_tally.gain().abs());
    let mut search = Search {
        budget,
        prices,
        weight,
        base_loss: -start_tally.gain(),
        max_evals,
        evaluated: vec![(start.clone(), start_tally.clone())],
        eval,
    };
    let spent = |r: Result<(), Stop<E>>| match r {
        Ok(()) | Err(Stop::Spent) => Ok(()),
        Err(Stop::Failed(e)) => Err(e),
    };
    let mut current = start.clone();
    spent(frequencies_step(&mut search, &mut current))?;
    spent(coverage_step(&mut search, &current))?;
    let evaluations = search.evaluated.len() - 1;
    let (settings, tally) = search
        .evaluated
        .iter()
        .filter(|(_, t)| excess(budget, t.cost(), t.hours()) == 0.0)
        .min_by(|a, b| search.loss_of(&a.1).total_cmp(&search.loss_of(&b.1)))
        .cloned()
        .unwrap_or_else(|| (start.clone(), start_tally.clone()));
    Ok(Tuned {
        settings,
        tally,
        evaluations,
    })
}

/// Each component's frequency in turn, by enumeration.
fn frequencies_step<E>(search: &mut Search<'_, E>, current: &mut Settings) -> Result<(), Stop<E>> {
    for j in 0..current.0.len() {
        let now = current.0[j].clone();
        let mut batch = Vec::new();
        for f in frequencies() {
            if f == now.frequency {
                continue;
            }
            let mut s = current.clone();
            s.0[j].frequency = f;
            s.0[j].coverage = grid(now.coverage as f64 * now.frequency as f64 / f as f64);
            let share = fit_share(search.budget, &s, search.prices);
            if share < 1.0 {
                s = s.scaled(share);
            }
            if s.0.iter().all(|c| c.coverage as f64 >= MIN_COVERAGE) && !batch.contains(&s) {
                batch.push(s);
            }
        }
        let mut options = vec![current.clone()];
        options.extend(batch);
        let losses = search.losses(&options)?;
        let best = (0..options.len())
            .min_by(|&a, &b| losses[a].total_cmp(&losses[b]).then(a.cmp(&b)))
            .unwrap_or(0);
        *current = options.swap_remove(best);
    }
    Ok(())
}

/// The coverages, by Nelder–Mead from `current`'s.
fn coverage_step<E>(search: &mut Search<'_, E>, current: &Settings) -> Result<(), Stop<E>> {
    if current.0.is_empty() {
        return Ok(());
    }
    let (lo, hi) = range("coverage");
    let at = |x: &[f64]| -> (Settings, f64) {
        let (p, pen) = project(x);
        let mut s = current.clone();
        for (c, v) in s.0.iter_mut().zip(p) {
            c.coverage = tuned_coverage(lo + v * (hi - lo));
        }
        (s, pen)
    };
    let start: Vec<f64> = current
        .0
        .iter()
        .map(|c| (c.coverage as f64 - lo) / (hi - lo))
        .collect();
    let points = Simplex::initial_points(&start);
    let (settings, pens): (Vec<Settings>, Vec<f64>) = points.iter().map(|x| at(x)).unzip();
    let losses = search.losses(&settings)?;
    let mut simplex = Simplex {
        points,
        values: losses.iter().zip(&pens).map(|(l, p)| l + p).collect(),
    };
    simplex.sort();
    // Evaluations already run cost nothing: the cap ends a simplex that
    // only revisits them.
    for _ in 0..MAX_ITERATIONS {
        if simplex.converged() {
            break;
        }
        simplex.iterate(&mut |x: &[f64]| {
            let (s, pen) = at(x);
            search.losses(&[s]).map(|l| l[0] + pen)
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::{REGISTRY, find};
    use crate::optimise::Portfolio;

    /// A toy model: the gain rises with coverage × dose (2x / (1 + x), x
    /// the frequency over the designed one), the money with coverage × x.
    /// A budget of 12 for a component costing 30 at its design affords
    /// part coverage only; per money, the monthly frequency (x = 0.5) is
    /// best (0.533 at coverage 0.8, against 0.4 at the design's
    /// fortnightly frequency and coverage 0.4, 0.267 weekly, 0.18 termly
    /// at full coverage). The search finds it, at the budget's edge.
    #[test]
    fn the_best_coverage_sits_at_the_budget_edge() {
        let jgs = find("joint_goal_setting").unwrap();
        let p = Portfolio(1 << jgs.index());
        let mut prices = Prices {
            cost: vec![0.0; REGISTRY.len()],
            hours: vec![0.0; REGISTRY.len()],
        };
        prices.cost[jgs.index()] = 30.0;
        let budget = Budget {
            cost_per_student_year: Some(12.0),
            teacher_hours_per_class_term: None,
        };
        let reference = jgs.default_settings().reference_frequency as f64;
        assert_eq!(reference, 0.5);
        let mut runs = 0;
        let mut eval = |batch: &[Settings]| -> Result<Vec<Tally>, ()> {
            runs += batch.len();
            Ok(batch
                .iter()
                .map(|s| {
                    let c = &s.0[0];
                    let x = c.frequency as f64 / reference;
                    let gain = c.coverage as f64 * 2.0 * x / (1.0 + x);
                    let cost = 30.0 * c.coverage as f64 * x;
                    Tally {
                        gain: vec![gain; 2],
                        cost: vec![cost; 2],
                        hours: vec![0.0; 2],
                    }
                })
                .collect())
        };
        let start = Settings::defaults(p).scaled(0.4);
        let t0 = eval(std::slice::from_ref(&start)).unwrap().remove(0);
        assert!((t0.gain() - 0.4).abs() < 1e-6);
        let tuned = tune(&start, &t0, &budget, &prices, 60, &mut eval).unwrap();
        let c = &tuned.settings.0[0];
        assert_eq!(c.frequency, 0.25, "{tuned:?}");
        assert!((0.79..=0.8).contains(&c.coverage), "{tuned:?}");
        assert!((11.85..=12.0).contains(&tuned.tally.cost()), "{tuned:?}");
        assert!(tuned.tally.gain() > 0.52, "{tuned:?}");
        assert!(tuned.evaluations <= 60 && runs <= 61, "{runs}");
    }

    /// A component that only costs (its gain falls with coverage) is
    /// never tuned to nothing: every coverage the search runs, and the one
    /// it keeps, is at least MIN_COVERAGE, so the portfolio it reports
    /// delivers every component it lists.
    #[test]
    fn a_listed_component_keeps_a_coverage() {
        let jgs = find("joint_goal_setting").unwrap();
        let pv = find("parent_volunteering").unwrap();
        let p = Portfolio((1 << jgs.index()) | (1 << pv.index()));
        let prices = Prices {
            cost: vec![1.0; REGISTRY.len()],
            hours: vec![0.0; REGISTRY.len()],
        };
        let budget = Budget {
            cost_per_student_year: Some(100.0),
            teacher_hours_per_class_term: None,
        };
        let mut seen = Vec::new();
        let mut eval = |batch: &[Settings]| -> Result<Vec<Tally>, ()> {
            Ok(batch
                .iter()
                .map(|s| {
                    seen.extend(s.0.iter().map(|c| c.coverage));
                    // The first component helps, the second harms.
                    let gain = s.0[0].coverage as f64 - 2.0 * s.0[1].coverage as f64;
                    Tally {
                        gain: vec![gain; 2],
                        cost: vec![1.0; 2],
                        hours: vec![0.0; 2],
                    }
                })
                .collect())
        };
        let start = Settings::defaults(p);
        let t0 = eval(std::slice::from_ref(&start)).unwrap().remove(0);
        let tuned = tune(&start, &t0, &budget, &prices, 80, &mut eval).unwrap();
        // Registry order: the second component is the harmful one.
        let harmful = tuned.settings.0[1].coverage as f64;
        // Without the bound the search switches it off (coverage 0).
        assert!(
            (0.1..0.2).contains(&harmful),
            "the harmful component ends near the least coverage, 0.1: {tuned:?}"
        );
        assert!(
            seen.iter().all(|&c| c >= 0.1),
            "a coverage below 0.1 ran: {seen:?}"
        );
    }

    #[test]
    fn excess_and_fit() {
        let b = Budget {
            cost_per_student_year: Some(10.0),
            teacher_hours_per_class_term: Some(4.0),
        };
        assert_eq!(excess(&b, 5.0, 1.0), 0.0);
        assert!((excess(&b, 12.0, 1.0) - 0.2).abs() < 1e-12);
        assert!((excess(&b, 5.0, 6.0) - 0.5).abs() < 1e-12);
    }
}
