//! What setting a parameter path costs beside what it is for: a sweep point
//! or a calibration step sets values and reads the scenario again with the
//! loader's checks, then simulates. `cargo bench --bench paths`.

use std::hint::black_box;
use std::path::Path;
use std::sync::atomic::AtomicBool;

use criterion::{Criterion, criterion_group, criterion_main};
use resilience_sim::engine::{self, RunOptions};
use resilience_sim::scenario::{self, path::Paths};

fn set_and_read(c: &mut Criterion) {
    let sc = scenario::load(Path::new("scenarios/quickstart.toml")).expect("quickstart loads");
    let paths = Paths::of(&sc);
    let mut g = c.benchmark_group("paths");
    g.bench_function("of_quickstart", |b| b.iter(|| black_box(Paths::of(&sc))));
    g.bench_function("set_one_number", |b| {
        b.iter(|| black_box(paths.with([("stress.academic_load", 0.09)]).expect("valid")))
    });
    g.bench_function("set_three_numbers", |b| {
        b.iter(|| {
            black_box(
                paths
                    .with([
                        ("stress.academic_load", 0.09),
                        ("traits.trust.mean", 0.6),
                        ("strategies.full_programme.contact_book.coverage", 0.8),
                    ])
                    .expect("valid"),
            )
        })
    });
    g.finish();
}

/// The smallest thing a point does besides setting: one class of 45, one
/// replicate (bundled scenarios simulate hundreds of students × replicates).
fn one_point(c: &mut Criterion) {
    let sc = scenario::load(Path::new("scenarios/one_class_contact_book.toml"))
        .expect("one class loads");
    let opts = RunOptions {
        replicates: 1,
        seed: 1,
        snapshots: false,
    };
    let mut g = c.benchmark_group("point");
    g.sample_size(20);
    g.bench_function("one_class_one_replicate", |b| {
        b.iter(|| {
            let s = engine::run(&sc, &opts, &AtomicBool::new(false), |_| {}).expect("runs");
            black_box(s.replicates)
        })
    });
    g.finish();
}

criterion_group!(benches, set_and_read, one_point);
criterion_main!(benches);
