//! The expected value of perfect information (EVPI).
//!
//! With current information a decision maker picks the strategy with the
//! highest expected NMB, `max_s E[NMB_s]`. With perfect information they
//! would pick the best strategy in each state of the world (each parameter
//! draw), worth `E[max_s NMB_s]`. The difference is the EVPI
//! (Claxton 1999; Briggs et al. 2012, ISPOR–SMDM task force 6):
//!
//! ```text
//! EVPI(λ) = E_θ[max_s NMB_s(θ, λ)] − max_s E_θ[NMB_s(θ, λ)]
//! ```
//!
//! the expected opportunity loss of deciding now: the upper bound on what
//! further research that removed all parameter uncertainty is worth, per
//! student. It is computed as the mean over draws of the opportunity loss
//! `max_s NMB_s − NMB_chosen ≥ 0`, so it is never negative, and exactly 0
//! when the chosen strategy is best in every draw.
//!
//! For a population, the per-student EVPI is multiplied by the number of
//! students the decision affects each year and by the sum of the discount
//! factors over the years the decision stands (the effective population of
//! the decision).

use super::discount::Discount;
use super::nmb::{means, net_benefit, optimal};
use super::psa::Outcomes;
use super::{DecisionError, check_range, check_wtps};
use serde::{Deserialize, Serialize};

/// The students a decision affects: `students` a year for `years` years,
/// later years discounted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Population {
    students: f64,
    years: u32,
    discount: Discount,
}

impl Population {
    /// `students` per year (finite, ≥ 0) for `years` years (≥ 1),
    /// discounted with `discount`.
    pub fn new(students: f64, years: u32, discount: Discount) -> Result<Self, DecisionError> {
        check_range(
            "population size",
            students,
            0.0,
            f64::MAX,
            "finite and ≥ 0 (students a year)",
        )?;
        check_range(
            "decision horizon",
            years as f64,
            1.0,
            f64::MAX,
            "at least 1 year",
        )?;
        Ok(Population {
            students,
            years,
            discount,
        })
    }

    /// The effective population: students a year × the sum of the discount
    /// factors of the years.
    pub fn effective(&self) -> f64 {
        self.students * self.discount.annuity(self.years)
    }
}

/// The EVPI at one willingness to pay.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvpiRow {
    /// Willingness to pay per effect unit (λ).
    pub wtp: f64,
    /// The strategy chosen with current information (highest expected NMB).
    pub optimal: String,
    /// EVPI per student.
    pub evpi_per_student: f64,
    /// EVPI for the population (per student × effective population), when
    /// a population is given.
    pub evpi_population: Option<f64>,
}

/// The EVPI per student (and for `population`, if given) at every
/// willingness to pay.
pub fn evpi(
    o: &Outcomes,
    wtps: &[f64],
    population: Option<&Population>,
) -> Result<Vec<EvpiRow>, DecisionError> {
    check_wtps(wtps)?;
    let names = o.strategies();
    let n = names.len();
    let mean_cost = o.mean_costs();
    Ok(wtps
        .iter()
        .map(|&wtp| {
            let nb = net_benefit(o, wtp);
            let chosen = optimal(&means(&nb, n), &mean_cost, o.comparator(), names);
            let per_student = opportunity_loss(&nb, n, chosen);
            EvpiRow {
                wtp,
                optimal: names[chosen].clone(),
                evpi_per_student: per_student,
                evpi_population: population.map(|p| per_student * p.effective()),
            }
        })
        .collect())
}

/// The EVPI of a draw-major net-benefit matrix with `n` strategies (one row
/// per draw): `E[max_s NB] − max_s E[NB]`, as the mean opportunity loss of
/// the strategy with the highest mean (the first such on ties, which does
/// not change the value).
pub fn evpi_of_net_benefit(net_benefit: &[f64], n: usize) -> f64 {
    let m = means(net_benefit, n);
    let chosen = (0..n).fold(0, |b, s| if m[s] > m[b] { s } else { b });
    opportunity_loss(net_benefit, n, chosen)
}

/// Mean over draws of `max_s NB − NB_chosen` (each term ≥ 0).
fn opportunity_loss(net_benefit: &[f64], n: usize, chosen: usize) -> f64 {
    let draws = net_benefit.len() / n;
    let total: f64 = net_benefit
        .chunks_exact(n)
        .map(|row| row.iter().cloned().fold(f64::NEG_INFINITY, f64::max) - row[chosen])
        .sum();
    total / draws as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decision::Psa;
    use crate::decision::ceac::tests::laa_example;
    use crate::decision::discount::Timing;
    use proptest::prelude::*;

    /// Table 1 of PMC4323782 (pmc.ncbi.nlm.nih.gov/articles/PMC4323782,
    /// table tbl01), "Example of EVPI calculation": ten iterations of
    /// warfarin vs LAA occlusion at $100 000/QALY. Published (rounded):
    /// expected NMB with perfect information $446 688.00, with current
    /// information $443 750.50 (LAA occlusion), EVPI $2937.40 — the mean of
    /// the opportunity losses 19 058.40, 9830.0 and 486.0 over 10 iterations
    /// (29 374.4 / 10 = 2937.44; R gives the same from the table's NMBs).
    #[test]
    fn published_evpi_example() {
        let warfarin = [
            438601.6, 437745.5, 433453.8, 435035.0, 437617.4, 435430.2, 434030.5, 433893.7,
            435033.6, 437555.7,
        ];
        let laa = [
            419543.2, 463363.4, 467280.0, 440207.7, 449992.3, 445595.7, 424200.5, 435406.7,
            434547.6, 457368.1,
        ];
        let nb: Vec<f64> = warfarin
            .iter()
            .zip(&laa)
            .flat_map(|(w, l)| [*w, *l])
            .collect();
        let value = evpi_of_net_benefit(&nb, 2);
        assert!((value - 2937.44).abs() < 1e-6, "{value}");
        assert!((value - 2937.40).abs() < 0.05);
        // The same through costs and effects.
        let p = laa_example();
        let o = p.outcomes("e").unwrap();
        let rows = evpi(&o, &[100_000.0], None).unwrap();
        assert_eq!(rows[0].optimal, "laa");
        assert!((rows[0].evpi_per_student - 2937.44).abs() < 1e-6);
        assert_eq!(rows[0].evpi_population, None);
    }

    /// Worked by hand: two strategies, four equally likely draws with NMB
    /// A = 10, 10, 10, 10 and B = 14, 6, 13, 9 (means 10 and 10.5, so B is
    /// chosen). Perfect information: mean of 14, 10, 13, 10 = 11.75;
    /// EVPI = 11.75 − 10.5 = 1.25 per student. For 200 students a year
    /// over 3 years at 3 % with the first year undiscounted, the effective
    /// population is 200 · (1 + 1/1.03 + 1/1.03²) = 582.6939…, so the
    /// population EVPI is 728.3674….
    #[test]
    fn evpi_by_hand_with_population() {
        let names = vec!["A".to_string(), "B".to_string()];
        // λ = 1, effect = NMB, cost 0.
        let mut p = Psa::new(names, "A", 4, vec![0.0; 8]).unwrap();
        p.add_effect("e", vec![10.0, 14.0, 10.0, 6.0, 10.0, 13.0, 10.0, 9.0])
            .unwrap();
        let o = p.outcomes("e").unwrap();
        let pop = Population::new(200.0, 3, Discount::default()).unwrap();
        let rows = evpi(&o, &[1.0], Some(&pop)).unwrap();
        assert_eq!(rows[0].optimal, "B");
        assert_eq!(rows[0].evpi_per_student, 1.25);
        let effective = 200.0 * (1.0 + 1.0 / 1.03 + 1.0 / (1.03 * 1.03));
        assert!((pop.effective() - effective).abs() < 1e-9);
        assert!((rows[0].evpi_population.unwrap() - 1.25 * effective).abs() < 1e-9);
        assert!((rows[0].evpi_population.unwrap() - 728.3674).abs() < 1e-4);
        // One year, first year undiscounted: the population is the students.
        let one = Population::new(200.0, 1, Discount::default()).unwrap();
        assert_eq!(one.effective(), 200.0);
        let end = Population::new(200.0, 1, Discount::new(0.03, Timing::EndOfYear).unwrap());
        assert!((end.unwrap().effective() - 200.0 / 1.03).abs() < 1e-9);
    }

    #[test]
    fn bad_population_is_refused() {
        let e = Population::new(-1.0, 1, Discount::default()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "population size is -1; valid: finite and ≥ 0 (students a year)"
        );
        assert!(Population::new(10.0, 0, Discount::default()).is_err());
        assert!(Population::new(f64::NAN, 1, Discount::default()).is_err());
    }

    proptest! {
        #[test]
        fn evpi_is_never_negative_and_zero_without_regret(
            s in 1usize..5,
            draws in 1usize..20,
            values in prop::collection::vec(-100.0f64..100.0, 100),
            dominant in any::<bool>(),
        ) {
            let mut nb: Vec<f64> = (0..s * draws).map(|i| values[i % values.len()] + i as f64 * 0.01).collect();
            if dominant {
                // Strategy 0 is best in every draw: no decision regret.
                for row in nb.chunks_exact_mut(s) {
                    row[0] = row.iter().cloned().fold(f64::NEG_INFINITY, f64::max) + 1.0;
                }
            }
            let value = evpi_of_net_benefit(&nb, s);
            prop_assert!(value >= 0.0);
            if dominant {
                prop_assert_eq!(value, 0.0);
            }
            // It equals E[max] − max E up to rounding.
            let m = means(&nb, s);
            let emax = nb.chunks_exact(s)
                .map(|r| r.iter().cloned().fold(f64::NEG_INFINITY, f64::max))
                .sum::<f64>() / draws as f64;
            let maxe = m.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
            prop_assert!((value - (emax - maxe)).abs() < 1e-9);
        }
    }
}
