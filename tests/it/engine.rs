//! The engine simulates the burn-in once per replicate and forks its end
//! for every strategy. These tests show that this gives, bit for bit, what
//! running every strategy with its own burn-in gives — with several
//! strategies, a population split into several blocks, components starting
//! in week 1, and the survey taken right after the burn-in — and that no
//! component can act during a burn-in.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use resilience_sim::components::{ComponentRef, REGISTRY};
use resilience_sim::engine::{
    self, BLOCK_STUDENTS, CompiledComponent, CompiledStrategy, RunOptions, blocks,
};
use resilience_sim::model::{self, Block, StudentLevers, StudentState, WeekInfo};
use resilience_sim::population::Population;
use resilience_sim::rng;
use resilience_sim::scenario::{self, Scenario};
use resilience_sim::stats::{Record, Summary};

/// 18,000 students (two blocks), three strategies whose components start in
/// week 1 (one of them targeted on the state at week 0), a short burn-in.
fn scenario(survey_week: Option<u32>) -> Scenario {
    let text = r#"
name = "forked"
[run]
replicates = 2
seed = 23
[population]
schools = 4
classes_per_school = 10
class_size = 450
[calendar]
burn_in_weeks = 6
[strategies.usual_practice]
components = []
[strategies.contact_book.contact_book]
start_week = 1
[strategies.programme.parent_modelling]
start_week = 1
[strategies.programme.school_psychologist]
start_week = 1
target = "at_risk"
[strategies.programme.joint_goal_setting]
start_week = 3
"#;
    let mut sc = scenario::parse(text, Path::new("forked.toml")).expect("the scenario is valid");
    sc.run.survey_week = survey_week;
    sc
}

/// What a record holds, in comparable form.
fn fields(rec: &Record) -> impl PartialEq + std::fmt::Debug {
    (
        rec.n.clone(),
        rec.sum.clone(),
        rec.sumsq.clone(),
        rec.cost.to_bits(),
        rec.teacher_hours
            .iter()
            .map(|h| h.to_bits())
            .collect::<Vec<_>>(),
        rec.survey.clone(),
        rec.snapshots.clone(),
    )
}

/// The engine's summary and every record it handed out, on `threads` threads.
fn engine_run(sc: &Scenario, threads: usize) -> (Summary, Vec<Vec<Record>>) {
    let opts = RunOptions {
        replicates: sc.run.replicates,
        seed: sc.run.seed,
        snapshots: true,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool");
    let mut seen = Vec::new();
    let summary = pool
        .install(|| {
            engine::run(sc, &opts, &AtomicBool::new(false), |done| {
                assert_eq!(done.replicate as usize, seen.len(), "folded in order");
                seen.push(done.records.to_vec());
            })
        })
        .expect("not cancelled");
    (summary, seen)
}

#[test]
fn one_burn_in_per_replicate_gives_what_a_burn_in_per_strategy_gives() {
    for survey_week in [None, Some(0)] {
        let sc = scenario(survey_week);
        let n = sc.students() as usize;
        assert!(n > BLOCK_STUDENTS, "the population is split into blocks");
        let strategies: Vec<CompiledStrategy> = sc
            .strategies
            .iter()
            .map(|s| CompiledStrategy::new(s, &sc.params))
            .collect();
        let (summary, records) = engine_run(&sc, 2);
        let mut reference = Summary::new(
            &sc.strategies
                .iter()
                .map(|s| s.name.clone())
                .collect::<Vec<_>>(),
            sc.baseline_index(),
            sc.calendar.total_weeks() as usize + 1,
        );
        for r in 0..sc.run.replicates {
            let key = rng::replicate_key(sc.run.seed, r as u64);
            let pop = Population::synthesize(&sc.population, &sc.traits, &sc.params, key);
            assert!(blocks(&pop).len() >= 2);
            // Every strategy with a burn-in of its own.
            let own: Vec<Record> = strategies
                .iter()
                .map(|s| engine::simulate(&sc, &pop, s, key, true))
                .collect();
            for (k, (forked, alone)) in records[r as usize].iter().zip(&own).enumerate() {
                assert_eq!(
                    fields(forked),
                    fields(alone),
                    "replicate {r}, strategy {}, survey week {survey_week:?}",
                    sc.strategies[k].name
                );
            }
            reference.fold(&own);
        }
        assert_eq!(summary, reference, "survey week {survey_week:?}");
        if survey_week.is_none() {
            let (on_one_thread, _) = engine_run(&sc, 1);
            assert_eq!(on_one_thread, summary, "1 and 2 threads");
        }
    }
}

#[test]
fn the_burn_in_in_blocks_is_the_plain_loop_over_every_student() {
    let sc = scenario(None);
    let key = rng::replicate_key(sc.run.seed, 1);
    let pop = Population::synthesize(&sc.population, &sc.traits, &sc.params, key);
    let split = blocks(&pop);
    assert!(split.len() >= 2);
    let (start, state0) =
        engine::burn_in(&sc, &pop, &split, key, &AtomicBool::new(false)).expect("not cancelled");

    // The burn-in as the model describes it: every student, no lever set.
    let n = pop.len();
    let mut state = StudentState::initial_states(&pop, 0..pop.len());
    let mut peer = vec![0.0f32; n];
    let levers = vec![StudentLevers::default(); n];
    let mut hours = vec![0.0f64; pop.classes.len()];
    let whole = Block {
        students: 0..n,
        classes: 0..pop.classes.len(),
    };
    for w in (1 - sc.calendar.burn_in_weeks as i32)..=0 {
        let week = WeekInfo::of(&sc.calendar, w);
        model::peer_support(&pop, &state, 0, &mut peer);
        model::step(
            &sc.params, &pop, &week, key, &whole, &levers, &peer, &mut state, &mut hours,
        );
    }
    assert!(state == state0, "the state at week 0 differs");

    // Week 0 as every strategy records it.
    let weeks = sc.calendar.total_weeks() as usize + 1;
    let mut plain = Record::for_population(&pop, weeks);
    plain.observe(
        0,
        &pop.students,
        &state,
        sc.params.stress.clinical_threshold,
    );
    let mut forked = Record::for_population(&pop, weeks);
    forked.set_first_week(&start.first_week);
    forked.keep_week(0, &mut start.first_week.cells.clone());
    assert_eq!(plain.sum, forked.sum);
    assert_eq!(
        plain.hist.counts(),
        forked.hist.counts(),
        "week 0 histograms"
    );
}

#[test]
fn no_component_acts_in_a_burn_in_week() {
    // The earliest start week the loader allows is 1; the burn-in is weeks
    // 0, −1, … (at most 520 of them), whatever the calendar.
    let sc = scenario(None);
    for info in REGISTRY {
        let mut settings = info.default_settings();
        settings.start_week = 1;
        let component =
            CompiledComponent::new(ComponentRef(info), &settings, &sc.params.components);
        for w in -520..=0 {
            let week = WeekInfo::of(&sc.calendar, w);
            assert!(
                !component.runs_in(&week),
                "{} runs in burn-in week {w}",
                info.name
            );
        }
    }
    let text = r#"
name = "early"
[strategies.usual_practice]
components = []
[strategies.contact_book.contact_book]
start_week = 0
"#;
    let err = scenario::parse(text, Path::new("early.toml"))
        .expect_err("a component cannot start before week 1")
        .to_string();
    assert!(err.contains("start_week"), "{err}");
}

#[test]
fn the_block_count_known_before_synthesis_is_the_one_used() {
    for (schools, classes, size) in [
        (4, 3, 40),
        (4, 10, 450),
        (15, 35, 40),
        (41, 10, 40),
        (1, 1, 7),
    ] {
        let mut sc = scenario(None);
        sc.population.schools = schools;
        sc.population.classes_per_school = classes;
        sc.population.class_size = size;
        let pop = Population::synthesize(
            &sc.population,
            &sc.traits,
            &sc.params,
            rng::replicate_key(1, 0),
        );
        assert_eq!(
            engine::block_count(&sc),
            blocks(&pop).len(),
            "{schools} × {classes} × {size}"
        );
    }
}
