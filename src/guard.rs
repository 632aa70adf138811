//! Resource guards: what one run may ask of the machine.
//!
//! Two checks run before anything is allocated or written:
//!
//! * **work**: [`student_weeks`] — students × (weeks + burn-in weeks) ×
//!   strategies × replicates — may not exceed [`MAX_STUDENT_WEEKS`] (the
//!   limit lives beside the scenario, whose loading refuses it too);
//! * **memory**: [`estimate_memory`] — the peak resident memory of the run —
//!   must fit in [`MEMORY_HEADROOM`] of the memory [`available_memory`] finds.
//!
//! # The memory estimate
//!
//! The engine holds one chunk of `in_flight = min(max(2·T, 2), R)`
//! replicates at once (T threads, R replicates), each with its population
//! and one record per strategy; `busy = min(T, in_flight·s)` simulations run
//! at the same time, each with its working set. With n students, c classes,
//! s strategies, k components in the largest strategy, f friends per
//! student, W = weeks + 1 recorded weeks, G = 10 subgroups, O = 10 outcomes
//! and B = 64 histogram bins (sizes in bytes: Student 40, Family 32,
//! StudentState 44, StudentLevers 64):
//!
//! ```text
//! population = n·(40 + 32 + 4 + 4 + 4f) + 24c + 16·schools
//! record     = W·G·O·(8 + 16 + 4B) + 8c + scratch       (28 kB a week)
//! scratch    = 24·O·(8 + 16 + 4B) + 8·24        (one week summed per atom)
//! snapshots  = 2·44·n                            with --students, per record
//! working    = max(n·(44 + 4 + 64 + 4k + 44 + 29v) + 8c, 16f·n)  (the second
//!              44: the week-0 or survey-week copy of every state; 29v: the
//!              v panel waves held for stability and persistence, 0 when the
//!              run is shorter than a window week plus a panel lag)
//!              + (blocks − 1)·record     (one record per block of 16,384 students)
//! rows       = 2·150·n       one strategy-week of students.csv, with --students
//! summary    = s·(W·G·O·(16 + 4B) + G·O·112)
//!
//! simulating = (in_flight·s − busy)·(record + snapshots) + busy·(record + working)
//! folding    = in_flight·s·(record + snapshots) + rows
//! peak       = 4 MiB + summary + in_flight·population + max(simulating, folding)
//! ```
//!
//! With the default population (f = 4) that is 96 bytes per student for
//! each replicate in flight and 172 bytes per student for each thread, plus
//! 1.2 MB per record of a one-year calendar. Against the peak resident set
//! size (`/usr/bin/time -v`) of `resim run` with 10,000, 100,000 and
//! 1,000,000 students, one or two threads, with and without `--students`,
//! and on the bundled scenarios, the estimate was between 18 % and 3 % under
//! (table in the README's Reliability section): the allocator keeps some
//! freed memory.

use std::mem::size_of;
use std::path::Path;

use crate::engine::BLOCK_STUDENTS;
use crate::model::{N_OUTCOMES, StudentLevers, StudentState};
use crate::population::{ATOMS, Class, Family, SUBGROUPS, School, Student};
use crate::scenario::{Scenario, Work};
use crate::stats::panel::WAVE_BYTES_PER_STUDENT;
use crate::stats::{BINS, EffectAcc, SurveyPlan};

pub use crate::scenario::{MAX_STUDENT_WEEKS, student_weeks};

/// Share of the available memory a run may plan to use; the rest is left
/// for the estimate's error, the page cache and other programs.
pub const MEMORY_HEADROOM: f64 = 0.8;

/// Environment variable that caps the memory a run may use, in bytes or with
/// a `K`, `M`, `G` or `T` suffix (powers of 1024), e.g. `RESIM_MAX_MEMORY=8G`.
pub const MEMORY_ENV: &str = "RESIM_MAX_MEMORY";

/// Fixed part of the peak: the program, thread stacks and allocator arenas.
const BASE_BYTES: u64 = 4 << 20;

/// Bytes a row of `students.csv` takes (measured: about 142).
const ROW_BYTES: u64 = 150;

/// Why a run was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GuardError {
    /// More student-weeks than [`MAX_STUDENT_WEEKS`].
    #[error(
        "{students} students × {weeks} weeks (burn-in included) × {strategies} strategies × {replicates} replicates = {student_weeks} student-weeks, more than the limit of {limit} student-weeks for one run; use fewer replicates, students, weeks or strategies",
        limit = MAX_STUDENT_WEEKS
    )]
    TooMuchWork {
        /// Students per replicate.
        students: u64,
        /// Weeks, burn-in included.
        weeks: u64,
        /// Strategies.
        strategies: u64,
        /// Replicates.
        replicates: u64,
        /// Their product.
        student_weeks: u64,
    },
    /// The estimate does not fit in the available memory.
    #[error(
        "this run needs about {} of memory (estimate for {threads} thread{}{}) but only {} is available ({source}); use fewer students, strategies or --threads{}",
        human(*need), if *threads == 1 { "" } else { "s" },
        if *students_csv { " with --students" } else { "" },
        human(available.bytes), if *students_csv { ", or leave out --students" } else { "" },
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
    /// Source, e.g. `MemAvailable in /proc/meminfo`.
    pub source: String,
}

/// Bytes in words: `1.5 GiB`, `320 MiB`.
pub fn human(bytes: u64) -> String {
    const GIB: f64 = (1u64 << 30) as f64;
    const MIB: f64 = (1u64 << 20) as f64;
    let b = bytes as f64;
    if b >= GIB {
        format!("{:.1} GiB", b / GIB)
    } else {
        format!("{:.0} MiB", (b / MIB).max(1.0))
    }
}

/// Refuses a scenario that asks for more than [`MAX_STUDENT_WEEKS`].
pub fn check_work(sc: &Scenario) -> Result<(), GuardError> {
    let work = Work::of(sc);
    if !work.too_much() {
        return Ok(());
    }
    Err(GuardError::TooMuchWork {
        students: work.students,
        weeks: work.weeks,
        strategies: work.strategies,
        replicates: work.replicates,
        student_weeks: work.student_weeks,
    })
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

/// Estimated peak resident memory of a run in bytes (see the module
/// documentation for the formula and how it was measured).
pub fn estimate_memory(sc: &Scenario, threads: usize, students_csv: bool) -> u64 {
    let n = sc.students();
    let classes = sc.population.classes();
    let schools = sc.population.schools as u64;
    let strategies = sc.strategies.len() as u64;
    let threads = threads.max(1) as u64;
    let replicates = (sc.run.replicates as u64).max(1);
    let weeks = sc.calendar.total_weeks() as u64 + 1;
    let friends = sc.population.friends_per_student.clamp(0.0, 1000.0).ceil() as u64;
    let components = sc
        .strategies
        .iter()
        .map(|s| s.components.len() as u64)
        .max()
        .unwrap_or(0);
    let state = size_of::<StudentState>() as u64;
    let waves = SurveyPlan::of(sc).waves_held() as u64;
    let cells = (SUBGROUPS.len() * N_OUTCOMES) as u64;

    let population = n.saturating_mul(
        // Students, families, each student's starting distress, friend offsets.
        (size_of::<Student>() + size_of::<Family>() + size_of::<f32>() + 4) as u64 + 4 * friends,
    ) + classes.saturating_mul(size_of::<Class>() as u64)
        + schools.saturating_mul(size_of::<School>() as u64);
    // Sums (i64), sums of squares (i128) and histograms per week and cell,
    // plus one week's per-atom scratch.
    let scratch = (ATOMS * N_OUTCOMES) as u64 * (8 + 16 + 4 * BINS as u64) + 8 * ATOMS as u64;
    let record = weeks * cells * (8 + 16 + 4 * BINS as u64) + 8 * classes + scratch;
    // A simulation keeps one record per block of classes until it ends.
    let blocks = (n / BLOCK_STUDENTS as u64).max(1);
    let snapshots = if students_csv {
        n.saturating_mul(2 * state)
    } else {
        0
    };
    let simulation = n.saturating_mul(
        state
            + 4
            + size_of::<StudentLevers>() as u64
            + 4 * components
            // One more copy of every state: the week-0 state (kept as the
            // first snapshot with --students, else while offers are drawn)
            // or the survey week's.
            + state
            // Panel waves kept for stability and persistence.
            + waves * WAVE_BYTES_PER_STUDENT,
    ) + 8 * classes;
    let working = simulation.max(n.saturating_mul(16 * friends)) + (blocks - 1) * record;
    let summary = strategies
        * (weeks * cells * (16 + 4 * BINS as u64) + cells * size_of::<EffectAcc>() as u64);
    let rows = if students_csv {
        n.saturating_mul(2 * ROW_BYTES)
    } else {
        0
    };
    let in_flight = (2 * threads).max(2).min(replicates);
    let sims = in_flight.saturating_mul(strategies);
    let busy = threads.min(sims);
    let finished = record.saturating_add(snapshots);
    // While simulating: finished records and the working sets of the running
    // simulations. While folding (and writing students.csv): every record.
    let simulating = (sims - busy)
        .saturating_mul(finished)
        .saturating_add(busy.saturating_mul(record.saturating_add(working)));
    let folding = sims.saturating_mul(finished).saturating_add(rows);

    BASE_BYTES
        .saturating_add(summary)
        .saturating_add(in_flight.saturating_mul(population))
        .saturating_add(simulating.max(folding))
}

/// The memory a run may use: the smallest of `MemAvailable` (Linux), the
/// room left under the memory limit of the process's cgroup (v2 or v1, as
/// set by SLURM, Docker or systemd) and [`MEMORY_ENV`]. `Ok(None)` when
/// nothing is known; an error when [`MEMORY_ENV`] cannot be read.
pub fn available_memory() -> Result<Option<Available>, GuardError> {
    let mut best: Option<Available> = None;
    let mut offer = |bytes: u64, source: String| {
        if best.as_ref().is_none_or(|b| bytes < b.bytes) {
            best = Some(Available { bytes, source });
        }
    };
    if let Some(b) = mem_available() {
        offer(b, "MemAvailable in /proc/meminfo".into());
    }
    if let Some((b, source)) = cgroup_room() {
        offer(b, source);
    }
    if let Ok(v) = std::env::var(MEMORY_ENV) {
        let b = parse_bytes(&v).ok_or_else(|| GuardError::BadMemoryLimit { value: v.clone() })?;
        offer(b, format!("limit set by {MEMORY_ENV}"));
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
fn cgroup_room() -> Option<(u64, String)> {
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
            return Some((
                room,
                format!(
                    "room under the cgroup memory limit in {}",
                    dir.join(limit_file).display()
                ),
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(human(10), "1 MiB");
    }
}
