//! Benchmarks of the engine and the ratios between them, printed at the end
//! of one `cargo bench --bench model` (from criterion's own estimates):
//!
//! * **whole run ÷ step**: a whole run (synthesis, burn-in, every strategy,
//!   recording, the summary) against the weekly step alone on the same
//!   population, in student-weeks per second on one thread (target ≥ 0.8);
//!   the step alone runs usual practice (no lever columns, as the burn-in
//!   and usual practice run), and is also measured with every lever set
//!   (`step_alone_quickstart_x10_levers`, a strategy's week), for a second
//!   ratio;
//! * **step ÷ floor**: the weekly step of 10,000 students with every
//!   component on against the random-number floor, the draws of each
//!   student-week written the fastest way we can, on the baseline and on
//!   AVX2 (the faster of the two; target ≤ 3);
//! * **1 thread ÷ 2 threads**: the same multi-replicate run on a pool of one
//!   and of two threads (target ≥ 1.8).
//!
//! `cargo bench --bench model -- NAME` runs some of them; the ratios whose
//! two parts have been measured (now or before) are printed.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use criterion::{Criterion, Throughput};
use resilience_sim::engine::{self, RunOptions};
use resilience_sim::guard;
use resilience_sim::model::{self, Block, BlockInputs, Levers, States, StudentLevers, WeekInfo};
use resilience_sim::population::Population;
use resilience_sim::rng::{self, Draw, Stream};
use resilience_sim::scenario::{self, Scenario};

fn quickstart() -> Scenario {
    scenario::load(Path::new("scenarios/quickstart.toml")).expect("quickstart loads")
}

/// Quickstart with ten times the schools: 3,200 students.
fn quickstart_x10(replicates: u32) -> Scenario {
    let mut sc = quickstart();
    sc.population.schools *= 10;
    sc.run.replicates = replicates;
    sc
}

fn scenario_with_students(n_classes: u32) -> Scenario {
    let mut sc = quickstart();
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

/// A pool of `threads` threads.
fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool")
}

/// One week (peer support, then the step) of every student of `pop` with
/// the given levers; week `w` of the run.
struct Week<'a> {
    sc: &'a Scenario,
    pop: &'a Population,
    key: u64,
    /// `None` for usual practice: no lever columns, as the engine runs it.
    levers: Option<Levers>,
    state: States,
    peer: Vec<f32>,
    quality: Vec<f32>,
    hours: Vec<f64>,
    block: Block,
}

impl<'a> Week<'a> {
    fn new(sc: &'a Scenario, pop: &'a Population, key: u64, levers: StudentLevers) -> Self {
        let n = pop.len();
        Week {
            sc,
            pop,
            key,
            levers: (levers != StudentLevers::default())
                .then(|| std::iter::repeat_n(levers, n).collect()),
            state: States::initial(&sc.params, pop),
            peer: vec![0.0; n],
            quality: vec![1.0; pop.classes.len()],
            hours: vec![0.0; pop.classes.len()],
            block: Block {
                students: 0..n,
                classes: 0..pop.classes.len(),
            },
        }
    }

    fn run(&mut self, w: i32) {
        let week = WeekInfo::of(
            &self.sc.calendar,
            (w % self.sc.calendar.weeks_per_year as i32) + 1,
        );
        model::peer_support(
            &self.sc.params,
            self.pop,
            &self.state.social_competence,
            0,
            &mut self.peer,
        );
        let inputs = BlockInputs {
            block: &self.block,
            levers: self.levers.as_ref().map(Levers::view),
            peer: &self.peer,
            quality: &self.quality,
        };
        model::step(
            &self.sc.params,
            self.pop,
            &week,
            self.key,
            &inputs,
            self.state.view_mut(),
            &mut self.hours,
        );
        black_box(&self.state);
    }
}

/// The random numbers of every student's week `w`, nothing else.
#[inline(always)]
fn floor(key: u64, w: i32, draws: &mut [[f32; 10]]) {
    for (i, d) in draws.iter_mut().enumerate() {
        let k = rng::key(key, Stream::StudentWeek, i as u64, w as i64);
        let [e0, e1, e2, e3] = rng::uniforms4(k, Draw::Events);
        let [c0, c1, c2, c3] = rng::uniforms4(k, Draw::Choices);
        let [z0, z1] = rng::normals2(k, Draw::Chronic);
        *d = [e0, e1, e2, e3, c0, c1, c2, c3, z0, z1];
    }
}

/// [`floor`] compiled for AVX2, as the step is.
///
/// # Safety
/// The CPU must run AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn floor_avx2(key: u64, w: i32, draws: &mut [[f32; 10]]) {
    floor(key, w, draws);
}

fn weekly_step(c: &mut Criterion) {
    let sc = scenario_with_students(250); // 10,000 students
    let key = rng::replicate_key(1, 0);
    let pop = Population::synthesize(&sc.population, &sc.traits, &sc.params, key);
    let n = pop.len();
    let mut week = Week::new(&sc, &pop, key, all_levers());
    let mut g = c.benchmark_group("weekly_step");
    g.throughput(Throughput::Elements(n as u64));
    let mut w = 0;
    g.bench_function("10k_students_all_components", |b| {
        b.iter(|| {
            w += 1;
            week.run(w);
        })
    });
    // The floor: a student-week's key and its draws (four uniforms for the
    // stressors, two for detection and mastery, two normals for chronic
    // strain and development: three hashes), stored as the step would use
    // them, with nothing else; compiled for the baseline and, like the
    // step, for AVX2 where the CPU has it (the faster one is the floor).
    let mut draws = vec![[0.0f32; 10]; n];
    g.bench_function("rng_floor_10k_students", |b| {
        b.iter(|| {
            w += 1;
            floor(key, w, &mut draws);
            black_box(&draws);
        })
    });
    #[cfg(target_arch = "x86_64")]
    if model::Isa::Avx2.is_available() {
        g.bench_function("rng_floor_10k_students_avx2", |b| {
            b.iter(|| {
                w += 1;
                // SAFETY: the CPU runs AVX2 (checked above).
                unsafe { floor_avx2(key, w, &mut draws) };
                black_box(&draws);
            })
        });
    }
    g.finish();
}

/// A whole run on one thread, and the weekly step alone on the same
/// population (usual practice, and every lever set), both per student-week.
fn whole_run(c: &mut Criterion) {
    let sc = quickstart_x10(4);
    let opts = RunOptions::from_scenario(&sc);
    let mut g = c.benchmark_group("whole_run");
    g.sample_size(10);
    g.throughput(Throughput::Elements(guard::student_weeks(&sc)));
    let one = pool(1);
    g.bench_function("quickstart_x10_4_replicates", |b| {
        b.iter(|| {
            one.install(|| {
                let s = engine::run(&sc, &opts, &AtomicBool::new(false), |_| {}).expect("runs");
                black_box(s.replicates)
            })
        })
    });
    let key = rng::replicate_key(sc.run.seed, 0);
    let pop = Population::synthesize(&sc.population, &sc.traits, &sc.params, key);
    let mut week = Week::new(&sc, &pop, key, StudentLevers::default());
    g.throughput(Throughput::Elements(pop.len() as u64));
    let mut w = 0;
    g.bench_function("step_alone_quickstart_x10", |b| {
        b.iter(|| {
            w += 1;
            week.run(w);
        })
    });
    let mut week = Week::new(&sc, &pop, key, all_levers());
    g.bench_function("step_alone_quickstart_x10_levers", |b| {
        b.iter(|| {
            w += 1;
            week.run(w);
        })
    });
    g.finish();
}

fn whole_trial(c: &mut Criterion) {
    let mut sc =
        scenario::load(Path::new("scenarios/meta_analysis_trial.toml")).expect("trial loads");
    sc.run.replicates = 2;
    let opts = RunOptions {
        replicates: 2,
        seed: 1,
        snapshots: false,
    };
    let mut g = c.benchmark_group("meta_analysis_trial");
    g.sample_size(10);
    g.throughput(Throughput::Elements(guard::student_weeks(&sc)));
    g.bench_function("2_replicates_17_strategies", |b| {
        b.iter(|| {
            let s = engine::run(&sc, &opts, &AtomicBool::new(false), |_| {}).expect("runs");
            black_box(s.replicates)
        })
    });
    g.finish();
}

/// The same multi-replicate run on a 1-thread and a 2-thread pool.
fn thread_scaling(c: &mut Criterion) {
    let sc = quickstart_x10(8);
    let opts = RunOptions::from_scenario(&sc);
    let mut g = c.benchmark_group("threads");
    g.sample_size(10);
    g.throughput(Throughput::Elements(guard::student_weeks(&sc)));
    for threads in [1, 2] {
        let pool = pool(threads);
        g.bench_function(
            format!("quickstart_x10_8_replicates_{threads}_threads"),
            |b| {
                b.iter(|| {
                    pool.install(|| {
                        let s =
                            engine::run(&sc, &opts, &AtomicBool::new(false), |_| {}).expect("runs");
                        black_box(s.replicates)
                    })
                })
            },
        );
    }
    g.finish();
}

/// Where criterion keeps its estimates (as criterion finds it).
fn criterion_home() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target"),
        PathBuf::from,
    );
    target.join("criterion")
}

/// Median seconds per iteration of a benchmark, from criterion's last estimate.
fn median(group: &str, name: &str) -> Option<f64> {
    let file = criterion_home()
        .join(group)
        .join(name)
        .join("new")
        .join("estimates.json");
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(file).ok()?).ok()?;
    Some(json["median"]["point_estimate"].as_f64()? * 1e-9)
}

/// The faster of the two floors (baseline, AVX2) measured.
fn fastest_floor() -> Option<f64> {
    ["rng_floor_10k_students", "rng_floor_10k_students_avx2"]
        .into_iter()
        .filter_map(|name| median("weekly_step", name))
        .min_by(f64::total_cmp)
}

fn print_ratios() {
    let run_sc = quickstart_x10(4);
    let run_weeks = guard::student_weeks(&run_sc) as f64;
    let students = run_sc.students() as f64;
    let ratios = [
        (
            "whole run ÷ step alone, student-weeks/s on 1 thread (quickstart ×10)",
            ">= 0.8",
            median("whole_run", "step_alone_quickstart_x10")
                .zip(median("whole_run", "quickstart_x10_4_replicates"))
                .map(|(step, run)| (run_weeks / run) / (students / step)),
        ),
        (
            "whole run ÷ step alone with every lever set (a strategy's week)",
            ">= 0.8",
            median("whole_run", "step_alone_quickstart_x10_levers")
                .zip(median("whole_run", "quickstart_x10_4_replicates"))
                .map(|(step, run)| (run_weeks / run) / (students / step)),
        ),
        (
            "step ÷ random-number floor, time per student-week (10k students, all components)",
            "<= 3",
            median("weekly_step", "10k_students_all_components")
                .zip(fastest_floor())
                .map(|(step, floor)| step / floor),
        ),
        (
            "1 thread ÷ 2 threads, time of a run (quickstart ×10, 8 replicates)",
            ">= 1.8",
            median("threads", "quickstart_x10_8_replicates_1_threads")
                .zip(median("threads", "quickstart_x10_8_replicates_2_threads"))
                .map(|(one, two)| one / two),
        ),
    ];
    println!("\nratios (criterion medians)");
    for (what, target, value) in ratios {
        match value {
            Some(v) => println!("  {v:6.2}  (target {target})  {what}"),
            None => println!("     n/a  (target {target})  {what}: not measured yet"),
        }
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    weekly_step(&mut c);
    whole_run(&mut c);
    whole_trial(&mut c);
    thread_scaling(&mut c);
    c.final_summary();
    print_ratios();
}
