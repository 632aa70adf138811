//! Property: whatever valid parameters a scenario sets, every student's state
//! stays finite and on its scale, and a run is reproducible.

use std::path::Path;

use proptest::prelude::*;
use resilience_sim::engine::{CompiledStrategy, simulate};
use resilience_sim::model::OUTCOMES;
use resilience_sim::population::Population;
use resilience_sim::rng;
use resilience_sim::scenario::{self, ModelParams, Scenario};

fn small_scenario() -> Scenario {
    let mut sc = scenario::load(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/trust_gap.toml"
    )))
    .expect("bundled scenario loads");
    sc.population.schools = 2;
    sc.population.classes_per_school = 1;
    sc.population.class_size = 15;
    sc.calendar.burn_in_weeks = 4;
    sc
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_valid_parameters_keep_every_state_in_range(
        picks in proptest::collection::vec((0usize..1000, 0.0f32..=1.0), 1..25),
        seed in any::<u64>(),
    ) {
        let mut sc = small_scenario();
        let docs = ModelParams::docs();
        for (which, u) in picks {
            let d = docs[which % docs.len()];
            let v = d.lo + u * (d.hi - d.lo);
            *sc.params.get_mut(d.section, d.name).expect("documented parameter exists") = v;
        }
        let key = rng::replicate_key(seed, 0);
        let pop = Population::synthesize(&sc.population, &sc.traits, &sc.params, key);
        for spec in &sc.strategies {
            let strategy = CompiledStrategy::new(spec, &sc.params);
            let rec = simulate(&sc, &pop, &strategy, key, true);
            let (_, last) = rec.snapshots.as_ref().expect("snapshots kept");
            for s in last {
                for v in s.outcomes(sc.params.stress.clinical_threshold) {
                    prop_assert!(v.is_finite() && (0.0..=100.0).contains(&v), "outcome {v} out of range");
                }
                for v in [s.trust, s.alignment, s.distress, s.support] {
                    prop_assert!(v.is_finite() && (0.0..=1.0).contains(&v));
                }
            }
            for w in 0..rec.weeks {
                for o in 0..OUTCOMES.len() {
                    let (_, mean, _) = rec.moments(w, 0, o);
                    prop_assert!(mean.is_finite());
                }
            }
            let again = simulate(&sc, &pop, &strategy, key, false);
            prop_assert_eq!(&rec.sum, &again.sum, "same inputs, same run");
            prop_assert!(rec.cost.is_finite() && rec.cost >= 0.0);
        }
    }
}

#[test]
fn summaries_of_disjoint_replicates_merge_into_the_whole_run_bit_for_bit() {
    use resilience_sim::engine::{RunOptions, run_replicates};
    use std::sync::atomic::AtomicBool;
    let sc = small_scenario();
    let opts = RunOptions {
        replicates: 5,
        seed: 9,
        snapshots: false,
    };
    let stop = AtomicBool::new(false);
    let whole = run_replicates(&sc, &opts, &[0, 1, 2, 3, 4], &stop, |_| {}).unwrap();
    let mut a = run_replicates(&sc, &opts, &[3, 0], &stop, |_| {}).unwrap();
    let b = run_replicates(&sc, &opts, &[4, 1, 2], &stop, |_| {}).unwrap();
    a.merge(&b);
    assert_eq!(whole, a);
}
