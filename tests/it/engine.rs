//! The engine simulates the burn-in once per replicate and forks its end
//! for every strategy. These tests show that this gives, bit for bit, what
//! running every strategy with its own burn-in gives — with several
//! strategies, a population split into several blocks, components starting
//! in week 1, a survey window from week 0 with panels starting there, and sums
//! of squares kept in more weeks than the last — and that no
//! component can act during a burn-in.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::AtomicBool;

use resilience_sim::components::{ComponentRef, REGISTRY};
use resilience_sim::engine::{
    self, BLOCK_STUDENTS, BurnInTrace, CompiledComponent, CompiledStrategy, RunOptions, blocks,
    blocks_of,
};
use resilience_sim::model::mechanisms::adults;
use resilience_sim::model::{self, Block, BlockInputs, Levers, States, StudentState, WeekInfo};
use resilience_sim::population::Population;
use resilience_sim::rng;
use resilience_sim::scenario::{self, Scenario};
use resilience_sim::stats::{Record, Summary, squared_weeks};

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
        rec.squared.clone(),
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

/// Ways to survey: the default window; week 0 alone; a window from week 0
/// with panels starting there (their first wave is forked with the state)
/// and sums of squares kept in two more weeks (`run.moment_weeks`).
fn surveys() -> Vec<(&'static str, Scenario)> {
    let mut panels = scenario(None);
    panels.run.survey_weeks = Some(vec![0, 10, 20]);
    panels.run.panel_lags = Some(vec![4, 10]);
    panels.run.moment_weeks = vec![5, 12];
    vec![
        ("the default window", scenario(None)),
        ("week 0", scenario(Some(0))),
        ("weeks 0, 10, 20 with panels", panels),
    ]
}

#[test]
fn one_burn_in_per_replicate_gives_what_a_burn_in_per_strategy_gives() {
    for (survey, sc) in surveys() {
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
                    "replicate {r}, strategy {}, survey {survey}",
                    sc.strategies[k].name
                );
            }
            reference.fold(r, &own);
            if survey.contains("panels") {
                let rec = &records[r as usize][0];
                let panels = &rec.survey.as_ref().expect("a survey").panels;
                assert_eq!(panels.len(), 2, "lags 4 and 10");
                assert!(panels.iter().all(|p| p.pairs > 0 && p.starts[0] == 0));
                let squared: Vec<usize> = (0..rec.weeks).filter(|&w| rec.squares(w)).collect();
                assert_eq!(squared, vec![5, 12, rec.weeks - 1]);
                assert!(rec.moments(5, 0, 0).2 > 0.0 && rec.moments(6, 0, 0).2.is_nan());
            }
        }
        assert_eq!(summary, reference, "survey {survey}");
        if survey != "week 0" {
            let (on_one_thread, _) = engine_run(&sc, 1);
            assert_eq!(on_one_thread, summary, "1 and 2 threads");
        }
    }
}

/// The burn-in stepped as the model describes it: every student at once, no
/// lever set, each class's contact quality set by last week's hours of
/// joint care.
struct PlainBurnIn {
    /// Every student's state at week 0.
    state: States,
    /// Each class's contact quality in week 1.
    quality: Vec<f32>,
    /// Every student's resilience in fixed point, summed after each burn-in
    /// week (what the steady-state check reads).
    sums: Vec<i64>,
}

/// Steps the burn-in of `pop` as [`PlainBurnIn`] describes.
fn plain_burn_in(sc: &Scenario, pop: &Population, key: u64) -> PlainBurnIn {
    let n = pop.len();
    let classes = pop.classes.len();
    let p = &sc.params;
    let mut state = States::from_rows(&StudentState::initial_states(pop, p, 0..n));
    let mut peer = vec![0.0f32; n];
    let levers = Levers::zeros(n);
    let mut quality = vec![1.0f32; classes];
    let mut hours = vec![0.0f64; classes];
    let mut hours_before = vec![0.0f64; classes];
    let whole = Block {
        students: 0..n,
        classes: 0..classes,
    };
    let mut sums = Vec::new();
    for w in (1 - sc.calendar.burn_in_weeks as i32)..=0 {
        let week = WeekInfo::of(&sc.calendar, w);
        model::peer_support(p, pop, &state.social_competence, 0, &mut peer);
        let inputs = BlockInputs {
            block: &whole,
            levers: Some(levers.view()),
            peer: &peer,
            quality: &quality,
        };
        model::step(p, pop, &week, key, &inputs, state.view_mut(), &mut hours);
        let on = p.mechanisms.factors().teacher_capacity;
        for c in 0..classes {
            let care = (hours[c] - hours_before[c]) as f32;
            hours_before[c] = hours[c];
            quality[c] = adults::contact_quality(&p.detection, care, on);
        }
        let view = state.view();
        sums.push((0..n).map(|i| BurnInTrace::fixed(view.resilience(i))).sum());
    }
    PlainBurnIn {
        state,
        quality,
        sums,
    }
}

/// The steady-state check's trace of a burn-in (its pieces each run every
/// week as one job) is the fixed-point sum of every student's resilience
/// after each week, as the whole population stepped week by week gives it,
/// on one thread or two, for every week or only the last ones.
#[test]
fn the_burn_in_trace_is_the_plain_loop_on_any_thread_count() {
    let mut sc = scenario(None);
    sc.population.class_size = 30;
    sc.calendar.burn_in_weeks = 9;
    let key = rng::replicate_key(sc.run.seed, 0);
    let pop = Population::synthesize(&sc.population, &sc.traits, &sc.params, key);
    let plain = plain_burn_in(&sc, &pop, key).sums;
    assert_eq!(plain.len(), 9);
    let never = AtomicBool::new(false);
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a thread pool");
        let all = pool
            .install(|| engine::burn_in_trace(&sc, &pop, key, 100, &never))
            .expect("not cancelled");
        assert_eq!(all.weekly, plain, "{threads} threads, every week");
        assert_eq!(all.students, pop.len() as u64);
        let last = pool
            .install(|| engine::burn_in_trace(&sc, &pop, key, 4, &never))
            .expect("not cancelled");
        assert_eq!(last.weekly, plain[5..], "{threads} threads, last 4");
    }
}

/// A scenario of `schools` schools of two classes of 50 students (100 a
/// school), `replicates` replicates, a two-year burn-in (so the check
/// measures a drift) and a run of two weeks.
fn checked_scenario(schools: u32, replicates: u32) -> Scenario {
    let text = format!(
        r#"
name = "checked"
[run]
replicates = {replicates}
seed = 41
[population]
schools = {schools}
classes_per_school = 2
class_size = 50
[calendar]
burn_in_weeks = 104
weeks = 2
[strategies.usual_practice]
components = []
[strategies.contact_book]
components = ["contact_book"]
"#
    );
    scenario::parse(&text, Path::new("checked.toml")).expect("the scenario is valid")
}

/// The steady-state check reads the burn-ins of the scenario's first
/// replicates, which a run simulates anyway: the drift a run finds from its
/// own burn-ins (and the burn-ins it lacks, simulated after it) is the one
/// `resim check` prints, bit for bit — when the run has every replicate the
/// check reads and when it has fewer — on one thread and two.
#[test]
fn the_check_a_run_makes_from_its_own_burn_ins_is_resim_checks() {
    // 10,000 students: the check reads replicates 0 and 1, which a run of
    // 3 replicates simulates; 2,500 students: it reads replicates 0 to 7,
    // and a run of 3 replicates lacks five of them.
    for (schools, replicates, read) in [(100, 3, 2), (25, 3, 8)] {
        let sc = checked_scenario(schools, replicates);
        assert_eq!(engine::steady::check_replicates(&sc), read);
        let opts = RunOptions::from_scenario(&sc);
        let mut checks = Vec::new();
        for threads in [1, 2] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("a thread pool");
            let alone = pool.install(|| engine::burn_in_check(&sc));
            let mut traces = BTreeMap::new();
            pool.install(|| {
                engine::run(&sc, &opts, &AtomicBool::new(false), |done| {
                    assert_eq!(done.burn_in.is_some(), done.replicate < read);
                    if let Some(trace) = done.burn_in {
                        traces.insert(done.replicate, trace.clone());
                    }
                })
            })
            .expect("not cancelled");
            assert_eq!(traces.len() as u32, read.min(replicates));
            let never = AtomicBool::new(false);
            let from_run = pool
                .install(|| engine::burn_in_check_from(&sc, &traces, &never))
                .expect("not cancelled");
            checks.push(alone);
            checks.push(from_run);
        }
        let what = format!("{} students, {replicates} replicates", sc.students());
        let drift = checks[0].drift.expect("a two-year burn-in has a drift");
        for check in &checks {
            assert_eq!(
                check.drift.map(f64::to_bits),
                Some(drift.to_bits()),
                "{what}"
            );
            assert_eq!(check.replicates, read, "{what}");
            assert_eq!(check.students, read as u64 * sc.students(), "{what}");
        }
        assert!(drift.abs() < engine::DRIFT_LIMIT, "{what}: {drift}");
    }
}

/// A replicate's burn-in runs in pieces of a few classes, each through
/// every week as one job: its state at week 0, the contact quality in week
/// 1, week 0 as recorded and the steady-state check's trace of the last
/// weeks are those of every student stepped week by week, bit for bit, for
/// a population of one block or several, small or large, on one, two or
/// three threads.
#[test]
fn the_burn_in_in_pieces_is_the_plain_loop_over_every_student() {
    let large = scenario(None);
    let mut small = scenario(None);
    small.population.classes_per_school = 2;
    small.population.class_size = 30;
    small.calendar.burn_in_weeks = 9;
    for (size, sc) in [("large", &large), ("small", &small)] {
        let key = rng::replicate_key(sc.run.seed, 1);
        let pop = Population::synthesize(&sc.population, &sc.traits, &sc.params, key);
        let PlainBurnIn {
            state,
            quality,
            sums,
        } = plain_burn_in(sc, &pop, key);
        let squared = squared_weeks(sc);
        let mut plain = Record::for_population(&pop, &squared);
        plain.observe(
            0,
            &pop.columns.atom,
            state.view(),
            sc.params.stress.clinical_threshold,
        );
        let split = blocks(&pop);
        let whole = blocks_of(&pop, usize::MAX);
        assert_eq!(whole.len(), 1);
        if size == "large" {
            assert!(split.len() >= 2);
        }
        for threads in 1..=3 {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("a thread pool");
            for run_blocks in [&split, &whole] {
                let what = format!(
                    "{size} population, {} blocks, {threads} threads",
                    run_blocks.len()
                );
                let (start, state0) = pool
                    .install(|| {
                        engine::burn_in(sc, &pop, run_blocks, key, 4, &AtomicBool::new(false))
                    })
                    .expect("not cancelled");
                let trace = start.trace.as_ref().expect("4 weeks kept");
                assert_eq!(trace.weekly, sums[sums.len() - 4..], "the trace: {what}");
                assert_eq!(trace.students, pop.len() as u64, "the trace: {what}");
                assert!(state == state0, "the state at week 0 differs: {what}");
                assert_eq!(
                    quality, start.quality,
                    "the contact quality in week 1 differs: {what}"
                );
                // Week 0 as every strategy records it.
                let mut forked = Record::for_population(&pop, &squared);
                forked.set_first_week(&start.first_week);
                forked.keep_week(0, &mut start.first_week.cells.clone());
                assert_eq!(plain.sum, forked.sum, "week 0 sums: {what}");
                assert_eq!(
                    plain.hist.counts(),
                    forked.hist.counts(),
                    "week 0 histograms: {what}"
                );
            }
        }
    }
}

/// A burn-in stops when the run is cancelled.
#[test]
fn a_cancelled_burn_in_stops() {
    let sc = scenario(None);
    let key = rng::replicate_key(sc.run.seed, 0);
    let pop = Population::synthesize(&sc.population, &sc.traits, &sc.params, key);
    let cancelled = AtomicBool::new(true);
    assert!(engine::burn_in(&sc, &pop, &blocks(&pop), key, 0, &cancelled).is_none());
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
