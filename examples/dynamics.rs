//! Usual practice's dynamics over several years, for the model's time
//! scales (docs/ODD.md, docs/VALIDATION.md):
//!
//! ```text
//! cargo run --release --example dynamics -- scenarios/meta_analysis_trial.toml [years] [schools] [PATH=VALUE ...]
//! ```
//!
//! `PATH=VALUE` sets a parameter by its path (as `resim validate --set`),
//! e.g. `stress.stress_resistance=0.25`.
//!
//! Prints weekly prevalence over each year (min, mean, max, over ordinary
//! weeks too), mean resilience per year and its drift, year-apart stability
//! of distress and resilience, one-year persistence of screen positives, the
//! girl–boy and left-behind gaps and the cross-sectional correlations.

use std::path::Path;

use resilience_sim::model::{self, Block, BlockInputs, States, StudentState, WeekInfo};
use resilience_sim::population::{LeftBehind, Population};
use resilience_sim::rng;
use resilience_sim::scenario;

fn mean(x: &[f64]) -> f64 {
    x.iter().sum::<f64>() / x.len() as f64
}

fn corr(x: &[f64], y: &[f64]) -> f64 {
    let (mx, my) = (mean(x), mean(y));
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    sxy / (sxx * syy).sqrt()
}

fn smd(a: &[f64], b: &[f64]) -> f64 {
    let (ma, mb) = (mean(a), mean(b));
    let va = a.iter().map(|x| (x - ma).powi(2)).sum::<f64>() / (a.len() - 1) as f64;
    let vb = b.iter().map(|x| (x - mb).powi(2)).sum::<f64>() / (b.len() - 1) as f64;
    (ma - mb) / ((va + vb) / 2.0).sqrt()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let file = args
        .get(1)
        .map(String::as_str)
        .unwrap_or("scenarios/meta_analysis_trial.toml");
    let years: i32 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(3);
    let mut sc = scenario::load(Path::new(file)).expect("scenario loads");
    if let Some(n) = args.get(3).and_then(|s| s.parse().ok()) {
        sc.population.schools = n;
    }
    let sets: Vec<(&str, f64)> = args
        .iter()
        .skip(4)
        .filter_map(|a| a.split_once('='))
        .map(|(k, v)| (k, v.parse().expect("a number after =")))
        .collect();
    if !sets.is_empty() {
        sc = scenario::path::Paths::of(&sc)
            .with(sets)
            .unwrap_or_else(|e| panic!("{e:?}"));
    }
    let p = &sc.params;
    let cal = &sc.calendar;
    let wpy = cal.weeks_per_year as i32;
    let key = rng::replicate_key(sc.run.seed, 0);
    let pop = Population::synthesize(&sc.population, &sc.traits, p, key);
    let n = pop.len();
    let block = Block {
        students: 0..n,
        classes: 0..pop.classes.len(),
    };
    let quality = vec![1.0f32; pop.classes.len()];
    let mut peer = vec![0.0f32; n];
    let mut hours = vec![0.0f64; pop.classes.len()];
    let mut columns = States::from_rows(&StudentState::initial_states(&pop, p, 0..n));
    let thr = p.stress.clinical_threshold;
    let ordinary = |w: &WeekInfo| w.in_school && !w.exam && w.term_progress < 0.8;
    println!(
        "{file}: {n} students, burn-in {} weeks, {years} years of {wpy} weeks",
        cal.burn_in_weeks
    );
    let mut snaps: Vec<Vec<StudentState>> = Vec::new();
    for w in (1 - cal.burn_in_weeks as i32)..=(years * wpy) {
        let week = WeekInfo::of(cal, w);
        model::peer_support(p, &pop, &columns.social_competence, 0, &mut peer);
        let inputs = BlockInputs {
            block: &block,
            levers: None,
            peer: &peer,
            quality: &quality,
        };
        model::step(p, &pop, &week, key, &inputs, columns.view_mut(), &mut hours);
        let state = columns.to_rows();
        if w >= 1 && (w - 1) % wpy == 0 {
            // Week 1 of each year... snapshots are taken at week 6 below.
        }
        if w >= 0 && week.week_of_year == 6 {
            snaps.push(state.clone());
        }
        if w == 0 {
            println!(
                "end of burn-in: resilience {:.2}, distress {:.3}",
                100.0 * state.iter().map(|s| s.resilience() as f64).sum::<f64>() / n as f64,
                state.iter().map(|s| s.distress as f64).sum::<f64>() / n as f64
            );
        }
        if w >= 1 {
            let prev = state.iter().filter(|s| s.distress > thr).count() as f64 / n as f64;
            let res = state.iter().map(|s| s.resilience() as f64).sum::<f64>() / n as f64 * 100.0;
            YEAR.with(|y| y.borrow_mut().push((week, prev, res)));
        }
    }
    let weeks = YEAR.with(|y| y.borrow().clone());
    let mut year_means = Vec::new();
    for y in 0..years {
        let yr: Vec<_> = weeks[(y * wpy) as usize..((y + 1) * wpy) as usize].to_vec();
        let prev: Vec<f64> = yr.iter().map(|x| x.1).collect();
        let ord: Vec<f64> = yr.iter().filter(|x| ordinary(&x.0)).map(|x| x.1).collect();
        let res = mean(&yr.iter().map(|x| x.2).collect::<Vec<_>>());
        year_means.push(res);
        let mx = |v: &[f64]| v.iter().cloned().fold(f64::MIN, f64::max);
        let mn = |v: &[f64]| v.iter().cloned().fold(f64::MAX, f64::min);
        println!(
            "year {}: prevalence min {:.3} mean {:.3} max {:.3}; ordinary weeks min {:.3} mean {:.3} max {:.3} (max/min {:.2}); mean resilience {:.2}",
            y + 1,
            mn(&prev),
            mean(&prev),
            mx(&prev),
            mn(&ord),
            mean(&ord),
            mx(&ord),
            mx(&ord) / mn(&ord),
            res
        );
    }
    if years >= 1 {
        let line: Vec<String> = weeks[..wpy as usize]
            .iter()
            .map(|x| format!("{:.0}", 100.0 * x.1))
            .collect();
        println!("year 1 weekly prevalence %: {}", line.join(" "));
        let term = |from: f32, to: f32| {
            let v: Vec<f64> = weeks[..wpy as usize]
                .iter()
                .filter(|x| {
                    x.0.in_school
                        && !x.0.exam
                        && x.0.term_progress >= from
                        && x.0.term_progress <= to
                })
                .map(|x| x.1)
                .collect();
            mean(&v)
        };
        let hol: Vec<f64> = weeks[..wpy as usize]
            .iter()
            .filter(|x| !x.0.in_school)
            .map(|x| x.1)
            .collect();
        let exam: Vec<f64> = weeks[..wpy as usize]
            .iter()
            .filter(|x| x.0.exam)
            .map(|x| x.1)
            .collect();
        println!(
            "term-end/early-term prevalence ratio {:.2}; exam/ordinary {:.2}; holiday/ordinary {:.2}",
            term(0.75, 1.0) / term(0.0, 0.25),
            mean(&exam) / term(0.0, 1.0),
            mean(&hol) / term(0.0, 1.0)
        );
    }
    for y in 1..year_means.len() {
        println!(
            "drift year {}→{}: {:+.2} points",
            y,
            y + 1,
            year_means[y] - year_means[y - 1]
        );
    }
    // Stability a year apart, snapshot at week 6.
    if snaps.len() >= 3 {
        let (a, b, c) = (&snaps[0], &snaps[1], &snaps[2]);
        let d = |s: &[StudentState]| s.iter().map(|x| x.distress as f64).collect::<Vec<_>>();
        let r = |s: &[StudentState]| s.iter().map(|x| x.resilience() as f64).collect::<Vec<_>>();
        println!(
            "year-apart r: distress {:.2}, resilience {:.2}; two years apart: distress {:.2}",
            corr(&d(a), &d(b)),
            corr(&r(a), &r(b)),
            corr(&d(a), &d(c))
        );
        let pos: Vec<usize> = (0..n).filter(|&i| a[i].distress > thr).collect();
        let still = pos.iter().filter(|&&i| b[i].distress > thr).count();
        println!(
            "screen positives still positive a year later: {:.1} % of {}",
            100.0 * still as f64 / pos.len() as f64,
            pos.len()
        );
        let s = b;
        let dist = d(s);
        let res = r(s);
        let girls: Vec<f64> = (0..n)
            .filter(|&i| pop.students[i].female)
            .map(|i| dist[i])
            .collect();
        let boys: Vec<f64> = (0..n)
            .filter(|&i| !pop.students[i].female)
            .map(|i| dist[i])
            .collect();
        let rg: Vec<f64> = (0..n)
            .filter(|&i| pop.students[i].female)
            .map(|i| res[i])
            .collect();
        let rb: Vec<f64> = (0..n)
            .filter(|&i| !pop.students[i].female)
            .map(|i| res[i])
            .collect();
        let prev_of =
            |v: &[f64]| v.iter().filter(|&&x| x > thr as f64).count() as f64 / v.len() as f64;
        let (pg, pb) = (prev_of(&girls), prev_of(&boys));
        println!(
            "girl-boy d on distress {:.2}; boy-girl d on resilience {:.2}; girls/boys OR {:.2}, PR {:.2}",
            smd(&girls, &boys),
            smd(&rb, &rg),
            (pg / (1.0 - pg)) / (pb / (1.0 - pb)),
            pg / pb
        );
        let lb = |k: &dyn Fn(LeftBehind) -> bool| -> (f64, usize) {
            let idx: Vec<usize> = (0..n).filter(|&i| k(pop.students[i].left_behind)).collect();
            (
                idx.iter().filter(|&&i| s[i].distress > thr).count() as f64 / idx.len() as f64,
                idx.len(),
            )
        };
        let (p_lb, n_lb) = lb(&|l| l.is_left_behind());
        let (p_no, _) = lb(&|l| !l.is_left_behind());
        let (p_both, _) = lb(&|l| l == LeftBehind::BothParents);
        let (p_one, _) = lb(&|l| l == LeftBehind::OneParent);
        let or = (p_lb / (1.0 - p_lb)) / (p_no / (1.0 - p_no));
        println!(
            "left-behind ({n_lb}): prevalence {:.3} (one {:.3}, both {:.3}) vs {:.3}, OR {:.2}",
            p_lb, p_one, p_both, p_no, or
        );
        let ldist: Vec<f64> = (0..n)
            .filter(|&i| pop.students[i].left_behind.is_left_behind())
            .map(|i| dist[i])
            .collect();
        let ndist: Vec<f64> = (0..n)
            .filter(|&i| !pop.students[i].left_behind.is_left_behind())
            .map(|i| dist[i])
            .collect();
        println!("left-behind d on distress {:.2}", smd(&ldist, &ndist));
        let rural: Vec<usize> = (0..n).filter(|&i| pop.students[i].rural).collect();
        let urban: Vec<usize> = (0..n).filter(|&i| !pop.students[i].rural).collect();
        let pr = |idx: &[usize]| {
            idx.iter().filter(|&&i| s[i].distress > thr).count() as f64 / idx.len() as f64
        };
        println!(
            "rural/urban prevalence ratio {:.2}",
            pr(&rural) / pr(&urban)
        );
        for g in [7u8, 8, 9] {
            let idx: Vec<usize> = (0..n).filter(|&i| pop.students[i].grade == g).collect();
            if !idx.is_empty() {
                print!("grade {g} prevalence {:.3}  ", pr(&idx));
            }
        }
        println!();
        let sup: Vec<f64> = s.iter().map(|x| x.support as f64).collect();
        let rws: Vec<f64> = s
            .iter()
            .map(|x| {
                ((x.self_efficacy + x.hope + x.emotion_regulation + x.social_competence) / 4.0)
                    as f64
            })
            .collect();
        let er: Vec<f64> = s.iter().map(|x| x.emotion_regulation as f64).collect();
        println!(
            "r support–resilience without support {:.2}; resilience–distress {:.2}; support–distress {:.2}; regulation–resilience {:.2}",
            corr(&sup, &rws),
            corr(&res, &dist),
            corr(&sup, &dist),
            corr(&er, &res)
        );
        println!(
            "mean distress {:.3}, sd {:.3}; mean resilience {:.1}",
            mean(&dist),
            {
                let m = mean(&dist);
                (dist.iter().map(|x| (x - m).powi(2)).sum::<f64>() / n as f64).sqrt()
            },
            100.0 * mean(&res)
        );
    }
}

thread_local! {
    static YEAR: std::cell::RefCell<Vec<(WeekInfo, f64, f64)>> = const { std::cell::RefCell::new(Vec::new()) };
}
