//! Resource guards: what one run may ask of the machine.
//!
//! Two checks run before anything is allocated or written:
//!
//! * **work**: [`student_weeks`] — students × (burn-in weeks + strategies ×
//!   weeks) × replicates, the student-weeks simulated — may not exceed
//!   [`MAX_STUDENT_WEEKS`] (the limit lives beside the scenario, whose
//!   loading refuses it too);
//! * **memory**: [`estimate_memory`] — the peak resident memory of the run —
//!   must fit in [`MEMORY_HEADROOM`] of the memory [`available_memory`] finds.
//!
//! # The memory estimate
//!
//! The engine ([`crate::engine`]) keeps at most `window` replicates in
//! flight (from synthesis until they are folded): 2·T of them when a
//! population is one block (T threads), 2 when it is split into blocks of
//! 16,384 students or more, never more than R replicates. Each holds its
//! population, the state at week 0 until its last strategy has forked it,
//! and the small records of its finished strategies. `busy` simulations
//! (burn-ins or strategies) hold a working set at once: T when a population
//! is one block (a simulation is then one job), else `window · lanes` (a
//! thread waiting for the blocks of one simulation may start another; one
//! thread never does), where `lanes` = ⌈T / blocks⌉ (at most s) strategies
//! of a replicate run side by side. Each strategy keeps its weekly totals
//! per atom for the whole run.
//!
//! With n students, c classes, s strategies, k components in the largest
//! strategy, f friends per student, W = weeks + 1 recorded weeks, A = 48
//! atoms, G = 12 subgroups, O = 10 outcomes and B = 64 histogram bins
//! (sizes in bytes: Student 44, Family 32, StudentState 68,
//! StudentLevers 64; the trait columns 65 per student and 28 per class):
//!
//! ```text
//! population = n·(44 + 32 + 4 + 65 + 4f + p) + (24 + 28)c + 16·schools
//!              (p = 4.5 + 3.2·ln f, rounded: the friend tables' padding, a
//!              group of 8 students taking as many rows as its most
//!              befriended student, and the groups' offsets; 9 at f = 4)
//! fork       = 68n [+ 29n]              the state at week 0 [and a panel's
//!                                       first wave, when one starts there]
//! record     = W·A·O·8 + q·A·O·16 + 8c + 80  (one simulation: sums, sums of
//!              squares in the q weeks that keep them, hours)
//! snapshots  = 2·68n                    with --students, per record
//! working    = n·(68 + 64 + 4 + k/8 + 29v [+ 68 with --students]) + 8c + record
//!              + A·O·(8 + 4B)                     (one week's histograms)
//!              + blocks·tally (when blocks > 1; tally = A·O·(32 + 4B))
//!              (29v: the v panel waves held for stability and persistence,
//!              0 when the run is shorter than a window week plus a panel lag)
//! totals     = s·(W·A·O·16 + W·A·O/8 + touched)   (histograms go here weekly,
//!              with a bit per histogram for whether it was written;
//!              touched = the pages of the W·A·O·4B bytes of histograms that
//!              hold a count: an atom no student of the run belongs to leaves
//!              its pages untouched, and the kernel counts a zeroed page only
//!              once it is written; each atom's chance to occur at least once
//!              in n·R students comes from the population's shares)
//! check      = window_c·(population + n·(68 + 4))   the steady-state
//!              check's burn-ins the run lacks: the check reads the burn-ins
//!              of the first k = ⌈20,000 ÷ n⌉ replicates; a run of R ≥ k
//!              replicates sums them as its engine burns in (2·Y integers a
//!              piece, nothing per student), so check = 0; a shorter run
//!              simulates the k − R missing ones after its replicates,
//!              window_c = window(k − R) at a time, each holding its
//!              population, its states and its peer support (check = 0 too
//!              when the burn-in is shorter than two years: nothing is
//!              simulated). The run's replicates and totals are freed by
//!              then; its summary and draws are not
//! summary    = s·(W·G·O·(16 + 4B) + G·O·208)
//! rows       = 2·150·n      one strategy-week of students.csv, with --students
//! draws      = R·(2·104 + 4·chunk(8s))   every replicate's paired draw per
//!              strategy (cost, hours, resilience, depression; chunk = the
//!              allocator's block for those bytes; the list of draws grows by
//!              doubling)
//!
//! finished   = record + snapshots        (a simulation waiting to be folded)
//! simulating = (window·s − busy)·finished + busy·working
//!
//! run  = summary + totals + rows + window·(population + fork) + simulating
//! peak = 11 MiB + max(run, summary + draws + check)
//! ```
//!
//! The fixed 11 MiB is the program itself: the pages of its code and
//! read-only data a run touches (file-backed, counted in the resident set:
//! 10.7–10.9 MiB measured at 0.5.0 on x86-64, the same for 10 students and
//! for 1,000 strategy-replicates), its thread stacks and the allocator's
//! bookkeeping.
//!
//! A strategy's totals take up to 6.9 MB for a one-year calendar (about
//! 3 MB when only ten students meet a few atoms) and its summary 1.7 MB; with the
//! default population (f = 4) a replicate in flight takes 238 bytes per
//! student and a busy simulation 136 plus a bit per component (README,
//! Reliability, compares the estimate with the measured peak;
//! `tests/it/resources.rs` checks it within ±25 % over runs of 2 to 120
//! strategies and 10 to 100,000 students).

use std::mem::size_of;
use std::path::{Path, PathBuf};

use crate::engine::steady::{check_replicates, checked_weeks};
use crate::engine::{block_count, lanes, window};
use crate::model::{N_OUTCOMES, StudentLevers, StudentState};
use statrs::distribution::ContinuousCDF;

use crate::population::{
    ATOMS, Class, Family, LOW_TRUST, SUBGROUPS, School, Student, TraitColumns,
};
use crate::problem::Message;
use crate::scenario::{Scenario, Work};
use crate::stats::panel::WAVE_BYTES_PER_STUDENT;
use crate::stats::{
    AtomTotals, BINS, Draw, EffectAcc, Record, SurveyPlan, WeekTally, squared_weeks,
};

pub use crate::scenario::{MAX_STUDENT_WEEKS, simulated_student_weeks, student_weeks};

/// Share of the available memory a run may plan to use; the rest is left
/// for the estimate's error, the page cache and other programs.
pub const MEMORY_HEADROOM: f64 = 0.8;

/// Environment variable that caps the memory a run may use, in bytes or with
/// a `K`, `M`, `G` or `T` suffix (powers of 1024), e.g. `RESIM_MAX_MEMORY=8G`.
pub const MEMORY_ENV: &str = "RESIM_MAX_MEMORY";

/// Fixed part of the peak: the program's code and read-only data a run
/// touches (10.7–10.9 MiB of file-backed pages in the resident set at 0.5.0
/// on x86-64, whatever the run), thread stacks and the allocator's
/// bookkeeping.
const BASE_BYTES: u64 = 11 << 20;

/// Bytes a row of `students.csv` takes (measured: about 142).
const ROW_BYTES: u64 = 150;

/// Why a run was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GuardError {
    /// More student-weeks than [`MAX_STUDENT_WEEKS`]: the scenario's work,
    /// factor by factor.
    #[error(
        "{} students × ({} burn-in weeks + {} strategies × {} weeks) × {} replicates = {} student-weeks, more than the limit of {limit} student-weeks for one run; use fewer replicates, students, weeks or strategies",
        .0.students, .0.burn_in, .0.strategies, .0.weeks, .0.replicates, .0.student_weeks,
        limit = MAX_STUDENT_WEEKS
    )]
    TooMuchWork(Work),
    /// The estimate does not fit in the available memory.
    #[error(
        "this run needs about {} of memory (estimate for {threads} thread{}{}), more than a run may use: at most {:.0} % of the memory available, and {} is available ({source}), so {}; use fewer students, strategies or --threads{}",
        human(*need), if *threads == 1 { "" } else { "s" },
        if *students_csv { " with --students" } else { "" },
        MEMORY_HEADROOM * 100.0,
        human(available.bytes),
        human((available.bytes as f64 * MEMORY_HEADROOM) as u64),
        if *students_csv { ", or leave out --students" } else { "" },
        source = available.source
    )]
    TooMuchMemory {
        /// Estimated peak bytes.
        need: u64,
        /// Threads the estimate assumed.
        threads: usize,
        /// Whether `students.csv` was asked for.
        students_csv: bool,
        /// What is available.
        available: Available,
    },
    /// [`MEMORY_ENV`] is set to something that is not an amount of memory.
    #[error(
        "{MEMORY_ENV}={value:?} is not an amount of memory; valid: bytes, or a number with K, M, G or T (powers of 1024), e.g. {MEMORY_ENV}=8G"
    )]
    BadMemoryLimit {
        /// The variable's value.
        value: String,
    },
}

/// Memory a run may use, and where that figure comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Available {
    /// Bytes.
    pub bytes: u64,
    /// Source, shown as e.g. `MemAvailable in /proc/meminfo`.
    pub source: MemorySource,
}

/// Where a figure of the memory available comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemorySource {
    /// `MemAvailable` in `/proc/meminfo`.
    MemAvailable,
    /// The room under the memory limit of the process's cgroup, read from
    /// this file.
    Cgroup(PathBuf),
    /// [`MEMORY_ENV`].
    Env,
}

impl MemorySource {
    /// The source as a catalogue message (its English is its `Display`).
    pub fn message(&self) -> Message {
        match self {
            MemorySource::MemAvailable => Message::new("problem-guard-source-meminfo"),
            MemorySource::Cgroup(file) => {
                Message::new("problem-guard-source-cgroup").arg("file", file.display())
            }
            MemorySource::Env => Message::new("problem-guard-source-env").arg("var", MEMORY_ENV),
        }
    }
}

/// In English, as `resim check` and the CLI's refusals print it.
impl std::fmt::Display for MemorySource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl GuardError {
    /// The refusal as a catalogue message: its English is this error's
    /// `Display` (what the CLI prints), and a front end words it in its
    /// language (the figures stay as the CLI writes them).
    pub fn message(&self) -> Message {
        match self {
            GuardError::TooMuchWork(work) => work
                .message("problem-guard-work")
                .arg("limit", MAX_STUDENT_WEEKS),
            GuardError::TooMuchMemory {
                need,
                threads,
                students_csv,
                available,
            } => {
                let threads = Message::new(if *threads == 1 {
                    "problem-guard-thread"
                } else {
                    "problem-guard-threads"
                })
                .arg("count", threads);
                let (with, hint) = if *students_csv {
                    (
                        Message::new("problem-guard-with-students"),
                        Message::new("problem-guard-leave-out-students"),
                    )
                } else {
                    (Message::none(), Message::none())
                };
                Message::new("problem-guard-memory")
                    .arg("need", human(*need))
                    .with("threads", threads)
                    .with("with", with)
                    .arg("share", format!("{:.0}", MEMORY_HEADROOM * 100.0))
                    .arg("available", human(available.bytes))
                    .with("source", available.source.message())
                    .arg(
                        "may",
                        human((available.bytes as f64 * MEMORY_HEADROOM) as u64),
                    )
                    .with("hint", hint)
            }
            GuardError::BadMemoryLimit { value } => Message::new("problem-guard-bad-limit")
                .arg("var", MEMORY_ENV)
                .arg("value", format!("{value:?}")),
        }
    }
}

/// Bytes in words: `1.5 GiB`, `320 MiB`, `12 KiB`, `100 bytes`.
pub fn human(bytes: u64) -> String {
    const GIB: f64 = (1u64 << 30) as f64;
    const MIB: f64 = (1u64 << 20) as f64;
    const KIB: f64 = 1024.0;
    let b = bytes as f64;
    if b >= GIB {
        format!("{:.1} GiB", b / GIB)
    } else if b >= MIB {
        format!("{:.0} MiB", b / MIB)
    } else if b >= KIB {
        format!("{:.0} KiB", b / KIB)
    } else {
        format!("{bytes} bytes")
    }
}

/// Refuses a scenario that asks for more than [`MAX_STUDENT_WEEKS`].
pub fn check_work(sc: &Scenario) -> Result<(), GuardError> {
    let work = Work::of(sc);
    if !work.too_much() {
        return Ok(());
    }
    Err(GuardError::TooMuchWork(work))
}

/// Refuses a run whose estimated peak memory exceeds [`MEMORY_HEADROOM`] of
/// `available` (no check when nothing is known about the memory).
pub fn check_memory(
    sc: &Scenario,
    threads: usize,
    students_csv: bool,
    available: Option<Available>,
) -> Result<(), GuardError> {
    let need = estimate_memory(sc, threads, students_csv);
    match available {
        Some(available) if need as f64 > available.bytes as f64 * MEMORY_HEADROOM => {
            Err(GuardError::TooMuchMemory {
                need,
                threads,
                students_csv,
                available,
            })
        }
        _ => Ok(()),
    }
}

/// Refuses an estimated peak of `need` bytes that exceeds
/// [`MEMORY_HEADROOM`] of `available`.
pub fn check_bytes(
    need: u64,
    threads: usize,
    students_csv: bool,
    available: Option<Available>,
) -> Result<(), GuardError> {
    match available {
        Some(available) if need as f64 > available.bytes as f64 * MEMORY_HEADROOM => {
            Err(GuardError::TooMuchMemory {
                need,
                threads,
                students_csv,
                available,
            })
        }
        _ => Ok(()),
    }
}

/// What a job of many points keeps in memory for every point besides the
/// points it is running.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    /// Nothing (results streamed to disk).
    Nothing,
    /// The rows of `sweep.csv` (a sweep in memory), with this many swept parameters.
    SweepRows {
        /// Swept parameters.
        parameters: usize,
    },
    /// A number per output (a sensitivity analysis).
    Outputs {
        /// Outputs analysed.
        outputs: usize,
    },
}

/// Bytes a row of `sweep.csv` takes in memory (a `SweepRow`: the struct,
/// its three names and its values), besides 8 per swept parameter.
const SWEEP_ROW_BYTES: u64 = 320;

/// Estimated peak resident memory of a job of `points` points of `sc`
/// run on this machine: the points of a batch run side by side (as many
/// as keep 2 × threads replicates busy, at most 64), each with its own
/// summary, plus what is `held` for every point.
pub fn estimate_points_memory(sc: &Scenario, points: u64, threads: usize, held: Held) -> u64 {
    let r = (sc.run.replicates as u64).max(1);
    let t = threads.max(1) as u64;
    let batch = (2 * t).div_ceil(r).clamp(1, 64).min(points.max(1));
    let mut side = sc.clone();
    side.run.replicates = (batch * r).min(u32::MAX as u64) as u32;
    let weeks = sc.calendar.total_weeks() as u64 + 1;
    let cells = (SUBGROUPS.len() * N_OUTCOMES) as u64;
    let strategies = sc.strategies.len() as u64;
    let summary = strategies
        * (weeks * cells * (16 + 4 * BINS as u64) + cells * size_of::<EffectAcc>() as u64);
    let kept = match held {
        Held::Nothing => 0,
        Held::SweepRows { parameters } => {
            (strategies * cells).saturating_mul(SWEEP_ROW_BYTES + 8 * parameters as u64)
        }
        Held::Outputs { outputs } => 8 * outputs as u64,
    };
    // Points run no steady-state check.
    run_memory(&side, threads, false, false)
        .saturating_add((batch - 1).saturating_mul(summary))
        .saturating_add(points.saturating_mul(kept))
}

/// Estimated peak resident memory of a run in bytes (see the module
/// documentation for the formula and how it was measured).
pub fn estimate_memory(sc: &Scenario, threads: usize, students_csv: bool) -> u64 {
    run_memory(sc, threads, students_csv, true)
}

/// [`estimate_memory`], with the steady-state check's burn-ins that the run
/// lacks when `steady_check` (a run's), without when not (a sweep's points).
fn run_memory(sc: &Scenario, threads: usize, students_csv: bool, steady_check: bool) -> u64 {
    let n = sc.students();
    let classes = sc.population.classes();
    let schools = sc.population.school_count();
    let strategies = sc.strategies.len() as u64;
    let threads = threads.max(1);
    let replicates = sc.run.replicates.max(1) as usize;
    let weeks = sc.calendar.total_weeks() as usize + 1;
    let friends = sc.population.friends_per_student.clamp(0.0, 1000.0).ceil() as u64;
    let components = sc
        .strategies
        .iter()
        .map(|s| s.components.len() as u64)
        .max()
        .unwrap_or(0);
    let state = size_of::<StudentState>() as u64;
    let plan = SurveyPlan::of(sc);
    let waves = plan.waves_held() as u64;
    // A panel starting at week 0 keeps its first wave with the burn-in's end.
    let first_wave = (plan.window.first() == Some(&0) && !plan.lags.is_empty()) as u64;
    let cells = (SUBGROUPS.len() * N_OUTCOMES) as u64;

    // Students, families, each student's starting distress, the trait
    // columns the step reads and the friend tables.
    let per_student = (size_of::<Student>()
        + size_of::<Family>()
        + size_of::<f32>()
        + TraitColumns::BYTES_PER_STUDENT) as u64
        + 4 * friends
        + friend_padding_bytes(sc.population.friends_per_student);
    let population = n.saturating_mul(per_student)
        + classes.saturating_mul((size_of::<Class>() + TraitColumns::BYTES_PER_CLASS) as u64)
        + schools.saturating_mul(size_of::<School>() as u64);
    let fork = n.saturating_mul(state + first_wave * WAVE_BYTES_PER_STUDENT);
    let squared = squared_weeks(sc).iter().filter(|&&b| b).count();
    let record = Record::bytes(classes as usize, weeks, squared);
    let week_cells = (ATOMS * N_OUTCOMES * (8 + 4 * BINS)) as u64;
    let snapshots = if students_csv {
        n.saturating_mul(2 * state)
    } else {
        0
    };
    let blocks = block_count(sc) as u64;
    let tallies = if blocks > 1 {
        blocks.saturating_mul(WeekTally::bytes())
    } else {
        0
    };
    let working = n.saturating_mul(
        state
            + size_of::<StudentLevers>() as u64
            + 4
            + if students_csv { state } else { 0 }
            // Panel waves kept for stability and persistence.
            + waves * WAVE_BYTES_PER_STUDENT,
    ) + n.saturating_mul(components).div_ceil(8) // one bit per component offered
        + 8 * classes
        + record
        + week_cells
        + tallies;
    let totals = strategies * touched_totals_bytes(sc, weeks);
    let summary = strategies
        * (weeks as u64 * cells * (16 + 4 * BINS as u64) + cells * size_of::<EffectAcc>() as u64);
    // The paired draws every replicate leaves in the summary (decision
    // analysis): four numbers per strategy, in four allocations, and the
    // draw itself in a list that grows by doubling (up to twice its length
    // while it moves).
    let chunk = |bytes: u64| (bytes + 8).next_multiple_of(16).max(32);
    let draws = (replicates as u64)
        .saturating_mul(2 * size_of::<Draw>() as u64 + 4 * chunk(8 * strategies));
    let rows = if students_csv {
        n.saturating_mul(2 * ROW_BYTES)
    } else {
        0
    };
    let check = if steady_check {
        steady_check_memory(sc, threads, population)
    } else {
        0
    };
    let window = window(blocks as usize, threads, replicates) as u64;
    let lanes = lanes(blocks as usize, strategies as usize, threads) as u64;
    // A thread waiting inside a simulation for its other blocks may start
    // another job; one thread never does.
    let busy = if blocks == 1 {
        (threads as u64).min(window * strategies)
    } else if threads == 1 {
        1
    } else {
        window * lanes
    };
    // Every simulation of the replicates in flight is either running (its
    // working set) or finished and waiting to be folded (its record).
    let sims = window.saturating_mul(strategies);
    let busy = busy.min(sims);
    let finished = record.saturating_add(snapshots);
    let simulating = (sims - busy)
        .saturating_mul(finished)
        .saturating_add(busy.saturating_mul(working));

    let run = summary
        .saturating_add(draws)
        .saturating_add(totals)
        .saturating_add(rows)
        .saturating_add(window.saturating_mul(population.saturating_add(fork)))
        .saturating_add(simulating);
    // The check runs once the replicates and totals are freed.
    let after = summary.saturating_add(draws).saturating_add(check);
    BASE_BYTES.saturating_add(run.max(after))
}

/// Bytes the steady-state check holds besides the run's summary, for a
/// population of `population` bytes: it reads the burn-ins of the first k
/// replicates ([`check_replicates`]); a run of k replicates or more sums
/// them as it burns in (a few integers), so nothing; a shorter one
/// simulates the missing ones after its replicates, a window of them at a
/// time, each holding its population, its states and its peer support
/// (nothing either when the burn-in is under two years).
fn steady_check_memory(sc: &Scenario, threads: usize, population: u64) -> u64 {
    let replicates = sc.run.replicates.max(1) as usize;
    let checked = check_replicates(sc) as usize;
    if checked_weeks(sc) == 0 || replicates >= checked {
        return 0;
    }
    let at_once = window(block_count(sc), threads.max(1), checked - replicates) as u64;
    let per_student = size_of::<StudentState>() as u64 + size_of::<f32>() as u64;
    at_once.saturating_mul(population.saturating_add(sc.students().saturating_mul(per_student)))
}

/// Bytes per student of the friend tables ([`Friendships`]) besides 4 per
/// friend: a group of eight students takes as many rows as its student with
/// the most friends, so the others' columns are padded (4.5 + 3.2·ln f
/// bytes with f friends per student, fitted to simulated classes of 40 for
/// f = 1 to 16: 5.1, 6.3, 8.5, 10.6 and 13.1 bytes of padding), and each
/// group has a 4-byte offset.
///
/// [`Friendships`]: crate::population::Friendships
fn friend_padding_bytes(friends_per_student: f32) -> u64 {
    if friends_per_student <= 0.0 {
        return 1; // the offsets only
    }
    (4.5 + 3.2 * (friends_per_student.max(1.0) as f64).ln()).round() as u64
}

/// Bytes of a memory page: the kernel counts a page of a zeroed allocation
/// in the resident set only once something is written to it.
const PAGE_BYTES: u64 = 4096;

/// Resident bytes of one strategy's [`AtomTotals`] at the end of a run:
/// the weekly sums in full, and the pages of the weekly histograms that hold
/// a count. An atom no student of the run belongs to leaves its histograms
/// untouched, so a small population (10 students meet a few of the 48
/// atoms) keeps fewer pages than a large one, which meets them all.
fn touched_totals_bytes(sc: &Scenario, weeks: usize) -> u64 {
    let full = AtomTotals::bytes(weeks);
    let hist = (weeks * ATOMS * N_OUTCOMES * BINS * 4) as u64;
    let present = atom_presence(sc);
    // One atom's histograms, [outcome][bin] u32 counts, in [week][atom] order.
    let block = (N_OUTCOMES * BINS * 4) as u64;
    let pages = hist.div_ceil(PAGE_BYTES);
    let mut touched = 0.0;
    for page in 0..pages {
        let (lo, hi) = (page * PAGE_BYTES, ((page + 1) * PAGE_BYTES).min(hist));
        let untouched: f64 = (lo / block..hi.div_ceil(block))
            .map(|b| 1.0 - present[(b % ATOMS as u64) as usize])
            .product();
        touched += (1.0 - untouched) * (hi - lo) as f64;
    }
    full - hist + touched.round() as u64
}

/// For each atom, the probability that at least one student of the run (over
/// every replicate) belongs to it, from the population's shares: rural
/// schools are the first `rural_share` of the schools, left-behind, minority
/// and girls are drawn per student, and a family has low trust when its trust
/// (a Beta draw, shifted for minority families) is below [`LOW_TRUST`].
fn atom_presence(sc: &Scenario) -> [f64; ATOMS] {
    let p = &sc.population;
    let replicates = sc.run.replicates.max(1) as f64;
    let per_school = p.classes_per_school as f64 * p.class_size as f64 * replicates;
    let rural_schools = (p.rural_share * p.schools as f32).round() as f64;
    let students = [
        (p.schools as f64 - rural_schools).max(0.0) * per_school,
        rural_schools * per_school,
    ];
    let stay = 1.0 - sc.params.macrosystem.hukou_reform as f64;
    let trust = sc.traits.trust;
    let low_trust = |shift: f32| -> f64 {
        let t = (LOW_TRUST - shift) as f64;
        match beta_of(trust.mean, trust.sd) {
            _ if t <= 0.0 => 0.0,
            _ if t >= 1.0 => 1.0,
            Some(b) => b.cdf(t),
            None => ((trust.mean + shift) < LOW_TRUST) as u8 as f64,
        }
    };
    let share = |x: f32| (x as f64).clamp(0.0, 1.0);
    let mut present = [0.0; ATOMS];
    for (a, q) in present.iter_mut().enumerate() {
        let rural = a % 2;
        let lb = (a / 2) % 3;
        let minority = (a / 6) % 2 == 1;
        let low = (a / 12) % 2 == 1;
        let female = a / 24 == 1;
        let scale = if rural == 1 {
            1.0
        } else {
            share(p.urban_left_behind_ratio)
        };
        let one = share(p.left_behind_one_parent) * scale * stay;
        let both = share(p.left_behind_both_parents) * scale * stay;
        let p_lb = [(1.0 - one - both).max(0.0), one, both][lb];
        let m = share(p.minority_share);
        let p_min = if minority { m } else { 1.0 - m };
        let l = low_trust(if minority {
            sc.traits.minority_trust_shift
        } else {
            0.0
        });
        let p_low = if low { l } else { 1.0 - l };
        let f = share(p.female_share);
        let p_sex = if female { f } else { 1.0 - f };
        let p_atom = (p_lb * p_min * p_low * p_sex).clamp(0.0, 1.0);
        *q = 1.0 - (1.0 - p_atom).powf(students[rural]);
    }
    present
}

/// The Beta distribution a trait of this mean and SD is drawn from (as the
/// population does), `None` for an SD of 0 (everyone at the mean).
fn beta_of(mean: f32, sd: f32) -> Option<statrs::distribution::Beta> {
    if sd <= 0.0 {
        return None;
    }
    let m = mean.clamp(0.001, 0.999);
    let var = (sd * sd).min(m * (1.0 - m) * 0.9025);
    let k = m * (1.0 - m) / var - 1.0;
    statrs::distribution::Beta::new((m * k) as f64, ((1.0 - m) * k) as f64).ok()
}

/// The memory a run may use: the smallest of `MemAvailable` (Linux), the
/// room left under the memory limit of the process's cgroup (v2 or v1, as
/// set by SLURM, Docker or systemd) and [`MEMORY_ENV`]. `Ok(None)` when
/// nothing is known; an error when [`MEMORY_ENV`] cannot be read.
pub fn available_memory() -> Result<Option<Available>, GuardError> {
    let mut best: Option<Available> = None;
    let mut offer = |bytes: u64, source: MemorySource| {
        if best.as_ref().is_none_or(|b| bytes < b.bytes) {
            best = Some(Available { bytes, source });
        }
    };
    if let Some(b) = mem_available() {
        offer(b, MemorySource::MemAvailable);
    }
    if let Some((b, source)) = cgroup_room() {
        offer(b, source);
    }
    if let Ok(v) = std::env::var(MEMORY_ENV) {
        let b = parse_bytes(&v).ok_or_else(|| GuardError::BadMemoryLimit { value: v.clone() })?;
        offer(b, MemorySource::Env);
    }
    Ok(best)
}

/// `12345`, `512M`, `8G`, `1.5T`, `64MiB`, `2GB` → bytes (suffixes are powers of 1024).
pub fn parse_bytes(text: &str) -> Option<u64> {
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let value: f64 = number.parse().ok()?;
    let unit = unit.trim().to_ascii_uppercase();
    let shift = match unit.trim_end_matches("IB").trim_end_matches('B') {
        "" => 0,
        "K" => 10,
        "M" => 20,
        "G" => 30,
        "T" => 40,
        _ => return None,
    };
    let bytes = value * (1u64 << shift) as f64;
    (bytes.is_finite() && bytes >= 1.0 && bytes < u64::MAX as f64).then_some(bytes as u64)
}

fn read_u64(path: &Path) -> Option<u64> {
    std::fs::read_to_string(path).ok()?.trim().parse().ok()
}

fn mem_available() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = text.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb.saturating_mul(1024))
}

/// A value of a cgroup's `memory.stat`.
fn stat(dir: &Path, key: &str) -> Option<u64> {
    let text = std::fs::read_to_string(dir.join("memory.stat")).ok()?;
    text.lines().find_map(|l| {
        let (k, v) = l.split_once(' ')?;
        (k == key).then(|| v.trim().parse().ok()).flatten()
    })
}

/// Room under the cgroup memory limit: limit − (usage − page cache), since
/// the kernel reclaims the page cache before it runs out.
fn cgroup_room() -> Option<(u64, MemorySource)> {
    let cgroups = std::fs::read_to_string("/proc/self/cgroup").ok()?;
    let root = Path::new("/sys/fs/cgroup");
    for line in cgroups.lines() {
        let mut parts = line.splitn(3, ':');
        let (id, controllers, path) = (parts.next()?, parts.next()?, parts.next()?);
        let rel = path.trim_start_matches('/');
        let (dirs, limit_file, usage_file, cache_key) = if id == "0" && controllers.is_empty() {
            (
                [root.join(rel), root.to_path_buf()],
                "memory.max",
                "memory.current",
                "file",
            )
        } else if controllers.split(',').any(|c| c == "memory") {
            let m = root.join("memory");
            (
                [m.join(rel), m.clone()],
                "memory.limit_in_bytes",
                "memory.usage_in_bytes",
                "total_cache",
            )
        } else {
            continue;
        };
        for dir in dirs {
            let Some(limit) = read_u64(&dir.join(limit_file)) else {
                continue;
            };
            if limit >= 1 << 60 {
                break; // no limit ("max" does not parse; v1 writes a huge number)
            }
            let usage = read_u64(&dir.join(usage_file)).unwrap_or(0);
            let cache = stat(&dir, cache_key).unwrap_or(0).min(usage);
            let room = limit.saturating_sub(usage - cache);
            return Some((room, MemorySource::Cgroup(dir.join(limit_file))));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The population's trait columns take the bytes the estimate counts
    /// per student and per class.
    #[test]
    fn the_columns_take_the_bytes_the_memory_estimate_counts() {
        let sc = crate::scenario::load(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/scenarios/quickstart.toml"
        )))
        .expect("bundled scenario loads");
        let key = crate::rng::replicate_key(1, 0);
        let pop =
            crate::population::Population::synthesize(&sc.population, &sc.traits, &sc.params, key);
        assert_eq!(
            pop.columns.bytes(),
            pop.len() * TraitColumns::BYTES_PER_STUDENT
                + pop.classes.len() * TraitColumns::BYTES_PER_CLASS
        );
    }

    /// A scenario of `schools` schools of 400 students, `replicates`
    /// replicates and a burn-in of `burn_in` weeks.
    fn sized(schools: u32, replicates: u32, burn_in: u32) -> Scenario {
        let text = format!(
            "name = \"sized\"\n[run]\nreplicates = {replicates}\n\
             [population]\nschools = {schools}\nclasses_per_school = 10\nclass_size = 40\n\
             [calendar]\nburn_in_weeks = {burn_in}\n\
             [strategies.usual_practice]\ncomponents = []\n\
             [strategies.contact_book]\ncomponents = [\"contact_book\"]\n"
        );
        crate::scenario::parse(&text, std::path::Path::new("sized.toml")).expect("valid")
    }

    /// The steady-state check reads the burn-ins of the first k replicates:
    /// a run of k or more sums them as it burns in and holds nothing more
    /// for it; a shorter run holds the populations of the missing ones it
    /// simulates after its replicates, a window at a time, beside its
    /// summary; a burn-in under two years simulates nothing for it.
    #[test]
    fn the_memory_estimate_counts_only_the_burn_ins_a_run_lacks() {
        for threads in [1, 2, 8] {
            // 20,000 students: k = 1.
            let whole = sized(50, 2, 156);
            assert_eq!(check_replicates(&whole), 1);
            assert_eq!(
                estimate_memory(&whole, threads, false),
                run_memory(&whole, threads, false, false)
            );
            assert_eq!(steady_check_memory(&whole, threads, 1 << 20), 0);
            // A burn-in of one year: nothing to simulate.
            let year = sized(1, 2, 52);
            assert_eq!(steady_check_memory(&year, threads, 1 << 20), 0);
        }
        // 400 students, 2 replicates: k = 50, 48 burn-ins missing, two a
        // thread at a time (each a population of one block).
        let short = sized(1, 2, 156);
        assert_eq!(check_replicates(&short), 50);
        let one = steady_check_memory(&short, 1, 1 << 20);
        assert!(one > 2 << 20, "two populations and their states: {one}");
        assert_eq!(steady_check_memory(&short, 8, 1 << 20), 8 * one);
        // 50 replicates: none missing.
        let mut enough = short.clone();
        enough.run.replicates = 50;
        assert_eq!(steady_check_memory(&enough, 2, 1 << 20), 0);
    }

    #[test]
    fn parses_amounts_of_memory() {
        assert_eq!(parse_bytes("4096"), Some(4096));
        assert_eq!(parse_bytes("512M"), Some(512 << 20));
        assert_eq!(parse_bytes("8G"), Some(8 << 30));
        assert_eq!(parse_bytes("8GiB"), Some(8 << 30));
        assert_eq!(parse_bytes(" 1.5g "), Some(3 << 29));
        assert_eq!(parse_bytes("2TB"), Some(2 << 40));
        for bad in ["", "G", "-1", "0", "1e3", "8X", "nan", "99999999999T"] {
            assert_eq!(parse_bytes(bad), None, "{bad}");
        }
    }

    #[test]
    fn human_sizes() {
        assert_eq!(human(3 << 29), "1.5 GiB");
        assert_eq!(human(320 << 20), "320 MiB");
        assert_eq!(human(1 << 10), "1 KiB");
        assert_eq!(human(10), "10 bytes");
    }
}

#[cfg(test)]
mod message_tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn every_refusal_reads_as_the_cli_prints_it_in_english_and_in_chinese_on_chinese_pages() {
        let mut all = vec![
            GuardError::TooMuchWork(Work {
                students: 100_000,
                burn_in: 52,
                weeks: 520,
                strategies: 4,
                replicates: 2000,
                student_weeks: 426_400_000_000,
            }),
            GuardError::BadMemoryLimit {
                value: "lots".into(),
            },
        ];
        let sources = [
            MemorySource::MemAvailable,
            MemorySource::Cgroup("/sys/fs/cgroup/user.slice/memory.max".into()),
            MemorySource::Env,
        ];
        for source in sources {
            for (threads, students_csv) in [(1, false), (2, true), (8, false)] {
                all.push(GuardError::TooMuchMemory {
                    need: 3 << 30,
                    threads,
                    students_csv,
                    available: Available {
                        bytes: 2 << 30,
                        source: source.clone(),
                    },
                });
            }
        }
        for e in all {
            let m = e.message();
            crate::problem::assert_worded(&m, &e.to_string());
            let zh = m.render(Lang::ZhCn);
            assert!(!zh.contains(" thread") && !zh.contains("limit set"), "{zh}");
        }
    }
}
