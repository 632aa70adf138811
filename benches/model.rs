//! Benchmarks of the weekly step, a whole trial run, and the random-number
//! floor a student-week needs. `cargo bench --bench model`.

use std::hint::black_box;
use std::path::Path;
use std::sync::atomic::AtomicBool;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use resilience_sim::engine::{self, RunOptions};
use resilience_sim::model::{self, Block, BlockInputs, StudentLevers, StudentState, WeekInfo};
use resilience_sim::population::Population;
use resilience_sim::rng::{self, Draw, Stream};
use resilience_sim::scenario::{self, Scenario};

fn scenario_with_students(n_classes: u32) -> Scenario {
    let mut sc = scenario::load(Path::new("scenarios/quickstart.toml")).expect("quickstart loads");
    sc.population.schools = n_classes / 10;
    sc.population.classes_per_school = 10;
    sc.population.class_size = 40;
    sc
}

/// Every component on at its default dose: the most work a week can take.
fn all_levers() -> StudentLevers {
    StudentLevers {
        info: 0.9,
        two_way: 0.7,
        one_way: 0.1,
        remote: 0.5,
        modelling: 0.8,
        behaviour: 0.8,
        goals: 0.8,
        volunteer: 0.8,
        homework: 0.8,
        left_behind_care: 0.8,
        curriculum: 0.8,
        mentoring: 0.8,
        screening: 0.8,
        partnership: 0.8,
        teacher_training: 0.9,
        cultural: 0.9,
    }
}

fn weekly_step(c: &mut Criterion) {
    let sc = scenario_with_students(250); // 10,000 students
    let key = rng::replicate_key(1, 0);
    let pop = Population::synthesize(&sc.population, &sc.traits, &sc.params, key);
    let n = pop.len();
    let levers = vec![all_levers(); n];
    let mut state = StudentState::initial_states(&pop, &sc.params, 0..n);
    let mut peer = vec![0.0f32; n];
    let quality = vec![1.0f32; pop.classes.len()];
    let mut hours = vec![0.0f64; pop.classes.len()];
    let block = Block {
        students: 0..n,
        classes: 0..pop.classes.len(),
    };
    let mut g = c.benchmark_group("weekly_step");
    g.throughput(Throughput::Elements(n as u64));
    let mut w = 0;
    g.bench_function("10k_students_all_components", |b| {
        b.iter(|| {
            w += 1;
            let week = WeekInfo::of(&sc.calendar, (w % 44) + 1);
            model::peer_support(&sc.params, &pop, &state, 0, &mut peer);
            let inputs = BlockInputs {
                block: &block,
                levers: &levers,
                peer: &peer,
                quality: &quality,
            };
            model::step(
                &sc.params, &pop, &week, key, &inputs, &mut state, &mut hours,
            );
            black_box(&state);
        })
    });
    g.bench_function("rng_floor_10k_students", |b| {
        b.iter(|| {
            w += 1;
            let mut acc = 0.0f32;
            for i in 0..n as u64 {
                let k = rng::key(key, Stream::StudentWeek, i, w as i64);
                let e = rng::uniforms4(k, Draw::Events);
                let c = rng::uniforms4(k, Draw::Choices);
                acc += e[0] + e[1] + e[2] + e[3] + c[0] + c[1] + rng::normal(k, Draw::Chronic);
            }
            black_box(acc)
        })
    });
    g.finish();
}

fn whole_trial(c: &mut Criterion) {
    let sc = scenario::load(Path::new("scenarios/meta_analysis_trial.toml")).expect("trial loads");
    let opts = RunOptions {
        replicates: 2,
        seed: 1,
        snapshots: false,
    };
    let weeks = (sc.calendar.total_weeks() + sc.calendar.burn_in_weeks) as u64;
    let mut g = c.benchmark_group("meta_analysis_trial");
    g.sample_size(10);
    g.throughput(Throughput::Elements(
        sc.students() * weeks * sc.strategies.len() as u64 * 2,
    ));
    g.bench_function("2_replicates_17_strategies", |b| {
        b.iter(|| {
            let s = engine::run(&sc, &opts, &AtomicBool::new(false), |_| {}).expect("runs");
            black_box(s.replicates)
        })
    });
    g.finish();
}

/// The same multi-replicate run on a 1-thread and a 2-thread pool: the
/// speed-up from 1 to 2 threads.
fn thread_scaling(c: &mut Criterion) {
    let sc = scenario_with_students(100); // 4,000 students
    let opts = RunOptions {
        replicates: 8,
        seed: 1,
        snapshots: false,
    };
    let weeks = (sc.calendar.total_weeks() + sc.calendar.burn_in_weeks) as u64;
    let mut g = c.benchmark_group("threads");
    g.sample_size(10);
    g.throughput(Throughput::Elements(
        sc.students() * weeks * sc.strategies.len() as u64 * 8,
    ));
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool");
        g.bench_function(format!("8_replicates_{threads}_threads"), |b| {
            b.iter(|| {
                pool.install(|| {
                    let s = engine::run(&sc, &opts, &AtomicBool::new(false), |_| {}).expect("runs");
                    black_box(s.replicates)
                })
            })
        });
    }
    g.finish();
}

criterion_group!(benches, weekly_step, whole_trial, thread_scaling);
criterion_main!(benches);
