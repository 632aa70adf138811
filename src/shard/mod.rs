//! Sharding a job over machines: which units a shard runs, the file it
//! writes, and merging the files.
//!
//! A job's work units are (point, replicate) pairs numbered
//! `point × replicates + replicate` (a plain run has one point, 0). Shard `I`
//! of `N` runs the units with `unit % N == I`. A unit's random numbers come
//! from the master seed and its replicate index only, never from `I` or `N`,
//! so the merged result is the same whatever `N` is — bit for bit, because
//! [`Summary`] holds exact integer sums.
//!
//! A shard file (`DIR/shards/shard-I-of-N.json`) is JSON lines: a header
//! ([`ShardHeader`]), one line per point the shard worked on, in point
//! order ([`PointSummary`]; an optimise search's shard writes its own
//! [`ShardLine`]s, the tallies of its share of the screening round), and a
//! trailer with an FNV-1a checksum of everything before it. It is written
//! under a temporary name and renamed when complete.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, File};
use std::io::{self, BufReader, Write};
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::engine::{self, BurnInTrace};
use crate::input::read_line_capped;
use crate::model::N_OUTCOMES;
use crate::output::{AtomicFile, Fnv, OutputError, real_dir};
use crate::population::SUBGROUPS;
use crate::problem::Message;
use crate::scenario::Scenario;
use crate::stats::Summary;

/// File format tag of shard files.
pub const FORMAT: &str = "resim-shard/1";

/// Why a shard cannot be chosen, read or merged. Every case is bad input
/// (a wrong `--shard`, a missing, damaged or foreign shard file) and names
/// what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum ShardError {
    /// `--shard` is not `I/N` with 0 ≤ I < N, nor `auto`.
    #[error(
        "--shard {text}: expected I/N with 0 ≤ I < N (e.g. 0/4, the first of four), or `auto` inside a Slurm array job"
    )]
    BadSpec {
        /// The text given.
        text: String,
    },
    /// `--shard auto` outside a Slurm array job.
    #[error(
        "--shard auto: {var} is not set; run inside a Slurm array job (sbatch --array=0-N) or give --shard I/N"
    )]
    SlurmUnset {
        /// The missing variable.
        var: String,
    },
    /// A Slurm array variable that is not a whole number.
    #[error("--shard auto: {var}={value} is not a whole number")]
    SlurmNotANumber {
        /// The variable.
        var: String,
        /// Its value.
        value: String,
    },
    /// The array task is not one of `count` consecutive tasks.
    #[error(
        "--shard auto: task {id} with SLURM_ARRAY_TASK_MIN={min} and SLURM_ARRAY_TASK_COUNT={count} is not one of {count} consecutive tasks; use --array=A-B without a step, or --shard I/N"
    )]
    SlurmTasks {
        /// `SLURM_ARRAY_TASK_ID`.
        id: u64,
        /// `SLURM_ARRAY_TASK_MIN`.
        min: u64,
        /// `SLURM_ARRAY_TASK_COUNT`.
        count: u64,
    },
    /// A shard file cannot be opened or read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        source: io::Error,
    },
    /// The first line is not a shard header.
    #[error("{}: not a shard file ({source})", path.display())]
    NotAShard {
        /// The file.
        path: PathBuf,
        /// Why the header does not read.
        source: serde_json::Error,
    },
    /// A shard file of another format version.
    #[error("{}: format `{found}`, this program reads `{FORMAT}`", path.display())]
    Format {
        /// The file.
        path: PathBuf,
        /// Its format tag.
        found: String,
    },
    /// A shard file that is truncated, out of order or fails its checksum.
    #[error("{}: damaged shard file ({why}); run this shard again", path.display())]
    Damaged {
        /// The file.
        path: PathBuf,
        /// What is wrong: a catalogue message (a parser's words shown as
        /// written).
        why: Message,
    },
    /// No `shards` directory to merge.
    #[error(
        "no shard files in {}: {source}; run `resim run|sweep|sensitivity|optimise ... --out {} --shard I/N` first",
        shards.display(),
        dir.display()
    )]
    NoShardDir {
        /// The `shards` directory looked for.
        shards: PathBuf,
        /// The job's directory.
        dir: PathBuf,
        /// Why it cannot be read.
        source: io::Error,
    },
    /// A `shards` directory without a shard file.
    #[error("no shard files (shard-I-of-N.json) in {}", shards.display())]
    NoShards {
        /// The `shards` directory.
        shards: PathBuf,
    },
    /// A file whose name is not that of the shard it holds.
    #[error("{}: holds shard {shard} but is named {name}", path.display())]
    Misnamed {
        /// The file.
        path: PathBuf,
        /// The shard in its header.
        shard: Shard,
        /// Its name.
        name: String,
    },
    /// Shard files of different jobs.
    #[error(
        "{} does not belong with {}: {}; remove the stale files or merge each job in its own directory",
        path.display(),
        first.display(),
        differences.iter().map(Message::to_string).collect::<Vec<_>>().join(", ")
    )]
    Mismatch {
        /// The file that differs.
        path: PathBuf,
        /// The file it was compared with.
        first: PathBuf,
        /// What differs, each a catalogue message.
        differences: Vec<Message>,
    },
    /// Two files hold the same shard.
    #[error("shard {shard} appears twice: {} and {}", first.display(), second.display())]
    Duplicate {
        /// The shard.
        shard: Shard,
        /// One file.
        first: PathBuf,
        /// The other.
        second: PathBuf,
    },
    /// Some shards are missing.
    #[error(
        "{} of {count} shards missing: {list}\n  run just those again (`--shard I/{count}` for I in {list}; on Slurm `RESIM_SHARDS={count} sbatch --array={list} scripts/slurm/array.sbatch`), then merge",
        indices.len(),
        list = indices.iter().map(u32::to_string).collect::<Vec<_>>().join(",")
    )]
    Missing {
        /// Missing indices (0-based).
        indices: Vec<u32>,
        /// Shards in the job.
        count: u32,
    },
    /// A replicate index beyond the job's replicates.
    #[error("point {point}: replicate {replicate} is beyond the job's {replicates}")]
    ReplicateBeyond {
        /// Point.
        point: u64,
        /// Replicate.
        replicate: u32,
        /// Replicates in the job.
        replicates: u32,
    },
    /// A replicate in two shard files.
    #[error("point {point}: replicate {replicate} appears twice")]
    ReplicateTwice {
        /// Point.
        point: u64,
        /// Replicate.
        replicate: u32,
    },
    /// A replicate in no shard file.
    #[error("point {point}: replicate {replicate} is in no shard file; run its shard again")]
    ReplicateMissing {
        /// Point.
        point: u64,
        /// Replicate.
        replicate: u32,
    },
    /// A point in no shard file.
    #[error("point {point} is in no shard file")]
    PointMissing {
        /// Point.
        point: u64,
    },
}

impl ShardError {
    /// The refusal as a catalogue message: its English is this error's
    /// `Display` (what the CLI prints), and a front end words it in its
    /// language (the system's I/O and JSON errors, why a file is damaged
    /// and what differs between two jobs stay as written).
    pub fn message(&self) -> Message {
        let verbatim = |e: &dyn std::fmt::Display| Message::verbatim(e.to_string());
        match self {
            ShardError::BadSpec { text } => {
                Message::new("problem-shard-bad-spec").arg("text", text)
            }
            ShardError::SlurmUnset { var } => {
                Message::new("problem-shard-slurm-unset").arg("var", var)
            }
            ShardError::SlurmNotANumber { var, value } => {
                Message::new("problem-shard-slurm-not-a-number")
                    .arg("var", var)
                    .arg("value", value)
            }
            ShardError::SlurmTasks { id, min, count } => Message::new("problem-shard-slurm-tasks")
                .arg("id", id)
                .arg("min", min)
                .arg("count", count),
            ShardError::Io { path, source } => Message::new("problem-shard-io")
                .arg("file", path.display())
                .with("message", verbatim(source)),
            ShardError::NotAShard { path, source } => Message::new("problem-shard-not-a-shard")
                .arg("file", path.display())
                .with("message", verbatim(source)),
            ShardError::Format { path, found } => Message::new("problem-shard-format")
                .arg("file", path.display())
                .arg("found", found)
                .arg("format", FORMAT),
            ShardError::Damaged { path, why } => Message::new("problem-shard-damaged")
                .arg("file", path.display())
                .with("why", why.clone()),
            ShardError::NoShardDir {
                shards,
                dir,
                source,
            } => Message::new("problem-shard-no-dir")
                .arg("shards", shards.display())
                .arg("dir", dir.display())
                .with("message", verbatim(source)),
            ShardError::NoShards { shards } => {
                Message::new("problem-shard-none").arg("shards", shards.display())
            }
            ShardError::Misnamed { path, shard, name } => Message::new("problem-shard-misnamed")
                .arg("file", path.display())
                .arg("shard", shard)
                .arg("name", name),
            ShardError::Mismatch {
                path,
                first,
                differences,
            } => Message::new("problem-shard-mismatch")
                .arg("file", path.display())
                .arg("first", first.display())
                .with("differences", Message::joined(differences.clone(), ", ")),
            ShardError::Duplicate {
                shard,
                first,
                second,
            } => Message::new("problem-shard-duplicate")
                .arg("shard", shard)
                .arg("first", first.display())
                .arg("second", second.display()),
            ShardError::Missing { indices, count } => Message::new("problem-shard-missing")
                .arg("missing", indices.len())
                .arg("count", count)
                .arg(
                    "list",
                    indices
                        .iter()
                        .map(u32::to_string)
                        .collect::<Vec<_>>()
                        .join(","),
                ),
            ShardError::ReplicateBeyond {
                point,
                replicate,
                replicates,
            } => Message::new("problem-shard-replicate-beyond")
                .arg("point", point)
                .arg("replicate", replicate)
                .arg("replicates", replicates),
            ShardError::ReplicateTwice { point, replicate } => {
                Message::new("problem-shard-replicate-twice")
                    .arg("point", point)
                    .arg("replicate", replicate)
            }
            ShardError::ReplicateMissing { point, replicate } => {
                Message::new("problem-shard-replicate-missing")
                    .arg("point", point)
                    .arg("replicate", replicate)
            }
            ShardError::PointMissing { point } => {
                Message::new("problem-shard-point-missing").arg("point", point)
            }
        }
    }
}

/// Longest header line read: the job holds the scenario text (at most
/// 1 MiB, escaped in JSON) and the options.
pub const MAX_HEADER_BYTES: u64 = 16 << 20;

/// Longest line a shard file or journal entry of a job on `sc` may hold:
/// one point's summary in JSON (`slim`: only its effects), bounded by the
/// JSON of one strategy's empty summary with every number written at its
/// longest (41 characters for a 128-bit integer, instead of `0`), times the
/// strategies. A line longer than this is damaged, and reading stops there
/// instead of filling memory.
pub fn line_cap(sc: &Scenario, slim: bool) -> u64 {
    let weeks = sc.calendar.total_weeks() as usize + 1;
    let mut one = Summary::new(&["x".repeat(64)], 0, weeks);
    if slim {
        // As `sweep::slim` keeps it: the effect accumulators only.
        for st in &mut one.strategies {
            st.sum = Vec::new();
            st.hist = Vec::new();
        }
    }
    let json = serde_json::to_vec(&one)
        .map(|j| j.len() as u64)
        .unwrap_or(1 << 30);
    // Each replicate's draw: cost, hours and two outcomes per strategy,
    // and its difference from the baseline in every subgroup and outcome,
    // each number at most 32 characters in JSON.
    let per_draw = (sc.strategies.len() as u64)
        .max(1)
        .saturating_mul((SUBGROUPS.len() * N_OUTCOMES + 4) as u64)
        .saturating_mul(32)
        .saturating_add(64);
    // A run's burn-in traces for the steady-state check: a 20-digit number
    // a checked week, for at most as many replicates as the check reads.
    let traces = if slim {
        0
    } else {
        (engine::steady::check_replicates(sc).min(sc.run.replicates) as u64).saturating_mul(
            (engine::steady::checked_weeks(sc) as u64)
                .saturating_mul(21)
                .saturating_add(64),
        )
    };
    (sc.strategies.len() as u64)
        .max(1)
        .saturating_mul(json.saturating_mul(21))
        .saturating_add((sc.run.replicates as u64).saturating_mul(per_draw))
        .saturating_add(traces)
        .saturating_add(1 << 20)
}

/// The line cap of a job read from a shard header: [`line_cap`] of its
/// scenario, or 1 GiB when the scenario does not read.
fn job_line_cap(job: &Job) -> u64 {
    if job.kind == Kind::Optimise {
        // One candidate's tally: three numbers (at most 20 digits) per replicate.
        return (job.replicates as u64).saturating_mul(3 * 24) + (1 << 20);
    }
    crate::scenario::parse(&job.scenario_text, Path::new(&job.scenario_file))
        .map(|mut sc| {
            sc.run.replicates = job.replicates;
            line_cap(&sc, job.kind != Kind::Run)
        })
        .unwrap_or(1 << 30)
}

/// Shard `index` of `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    /// 0-based index.
    pub index: u32,
    /// Number of shards.
    pub count: u32,
}

impl Shard {
    /// The whole job on one machine.
    pub const WHOLE: Shard = Shard { index: 0, count: 1 };

    /// Parses `I/N` (0 ≤ I < N), or `auto` from Slurm's array variables.
    pub fn parse(text: &str) -> Result<Shard, ShardError> {
        if text == "auto" {
            return Shard::from_slurm(|k| std::env::var(k).ok());
        }
        let bad = || ShardError::BadSpec {
            text: text.to_string(),
        };
        let (i, n) = text.split_once('/').ok_or_else(bad)?;
        let index: u32 = i.trim().parse().map_err(|_| bad())?;
        let count: u32 = n.trim().parse().map_err(|_| bad())?;
        if count == 0 || index >= count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }

    /// `I = SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN`, `N = SLURM_ARRAY_TASK_COUNT`.
    pub fn from_slurm(var: impl Fn(&str) -> Option<String>) -> Result<Shard, ShardError> {
        let get = |k: &str| -> Result<u64, ShardError> {
            let v = var(k).ok_or_else(|| ShardError::SlurmUnset { var: k.to_string() })?;
            v.trim().parse().map_err(|_| ShardError::SlurmNotANumber {
                var: k.to_string(),
                value: v.clone(),
            })
        };
        let id = get("SLURM_ARRAY_TASK_ID")?;
        let count = get("SLURM_ARRAY_TASK_COUNT")?;
        let min = match var("SLURM_ARRAY_TASK_MIN") {
            Some(_) => get("SLURM_ARRAY_TASK_MIN")?,
            None => 0,
        };
        if count == 0 || id < min || id - min >= count || count > u32::MAX as u64 {
            return Err(ShardError::SlurmTasks { id, min, count });
        }
        Ok(Shard {
            index: (id - min) as u32,
            count: count as u32,
        })
    }

    /// Whether this is the whole job.
    pub fn is_whole(&self) -> bool {
        self.count == 1
    }

    /// The replicates of `point` this shard runs, in increasing order.
    pub fn replicates(&self, point: u64, replicates: u32) -> Vec<u32> {
        let n = self.count as u64;
        let first_unit = point * replicates as u64;
        let r0 = (self.index as u64 + n - first_unit % n) % n;
        (r0..replicates as u64)
            .step_by(n as usize)
            .map(|r| r as u32)
            .collect()
    }

    /// Units of a job of `points` × `replicates` this shard runs.
    pub fn units(&self, points: u64, replicates: u32) -> u64 {
        let total = points * replicates as u64;
        let (i, n) = (self.index as u64, self.count as u64);
        if total <= i {
            0
        } else {
            (total - i).div_ceil(n)
        }
    }

    /// File name of this shard's result.
    pub fn file_name(&self) -> String {
        format!("shard-{}-of-{}.json", self.index, self.count)
    }

    /// File name of the lock of this shard's file and journal (beside the
    /// file, in `DIR/shards`).
    pub fn lock_name(&self) -> String {
        format!(".shard-{}-of-{}.lock", self.index, self.count)
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// What kind of job a shard belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// `resim run`.
    Run,
    /// `resim sweep`.
    Sweep,
    /// `resim sensitivity`.
    Sensitivity,
    /// `resim optimise` (its screening round).
    Optimise,
}

/// Everything that defines a job's results: the same job gives the same
/// bytes, on one machine or merged from shards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Job {
    /// Program version.
    pub version: String,
    /// The command.
    pub kind: Kind,
    /// Scenario file as given on the command line.
    pub scenario_file: String,
    /// FNV-1a hash of the scenario file's bytes.
    pub scenario_hash: String,
    /// The scenario file's text (so `resim merge` needs nothing else).
    pub scenario_text: String,
    /// Replicates per point.
    pub replicates: u32,
    /// Master seed.
    pub seed: u64,
    /// Points in the job (an optimise search: the components priced
    /// alone plus the portfolios enumerated, the most units its screening
    /// round can hold).
    pub points: u64,
    /// Options of the command that change its results (sensitivity design, outputs).
    #[serde(default)]
    pub options: serde_json::Value,
}

impl Job {
    /// Whether two jobs compute the same thing: equal in everything but the
    /// path by which the scenario file was named (shards may start in
    /// different directories).
    pub fn same_work(&self, other: &Job) -> bool {
        Job {
            scenario_file: String::new(),
            ..self.clone()
        } == Job {
            scenario_file: String::new(),
            ..other.clone()
        }
    }
}

/// First line of a shard file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShardHeader {
    /// [`FORMAT`].
    pub format: String,
    /// `resim`.
    pub program: String,
    /// The job.
    pub job: Job,
    /// Which shard.
    pub shard: Shard,
}

/// A line of a shard file between its header and its trailer: the unit
/// of work it belongs to comes first in the file order.
pub trait ShardLine: Serialize + DeserializeOwned {
    /// The point (unit) the line holds; lines are written in increasing order.
    fn point(&self) -> u64;
}

/// One point's summary over the replicates a shard ran.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PointSummary {
    /// Point index.
    pub point: u64,
    /// Replicates folded into `summary`.
    pub replicates: Vec<u32>,
    /// Their summary.
    pub summary: Summary,
    /// A run's steady-state check: the burn-in traces of those replicates
    /// the check reads ([`engine::steady::check_replicates`], the first
    /// ones), by replicate; empty for sweeps and sensitivity analyses.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub burn_ins: BTreeMap<u32, BurnInTrace>,
}

impl ShardLine for PointSummary {
    fn point(&self) -> u64 {
        self.point
    }
}

/// Last line of a shard file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trailer {
    /// Always true: marks the trailer.
    pub end: bool,
    /// Point lines written.
    pub points: u64,
    /// Worker threads of the shard.
    pub threads: usize,
    /// Wall-clock seconds of the shard's simulation.
    pub wall_seconds: f64,
    /// FNV-1a hash of every byte before this line.
    pub checksum: String,
}

/// Writes a shard file point by point; nothing appears until [`ShardWriter::commit`].
pub struct ShardWriter {
    file: AtomicFile,
    fnv: Fnv,
    points: u64,
    path: PathBuf,
}

fn json_line<T: Serialize>(v: &T) -> Vec<u8> {
    let mut b = serde_json::to_vec(v).expect("shard records serialise");
    b.push(b'\n');
    b
}

impl ShardWriter {
    /// Starts `dir/shards/shard-I-of-N.json` (`shards` a real directory
    /// inside `dir`, never a link).
    pub fn create(dir: &Path, header: &ShardHeader) -> Result<ShardWriter, OutputError> {
        let shards = real_dir(dir, Path::new("shards"))?;
        let path = shards.join(header.shard.file_name());
        let file = AtomicFile::create(&path)?;
        let mut w = ShardWriter {
            file,
            fnv: Fnv::default(),
            points: 0,
            path,
        };
        w.line(&json_line(header))?;
        Ok(w)
    }

    fn line(&mut self, bytes: &[u8]) -> Result<(), OutputError> {
        self.fnv.update(bytes);
        self.file
            .write_all(bytes)
            .map_err(|source| OutputError::Io {
                path: self.path.clone(),
                source,
            })
    }

    /// Adds one point's line.
    pub fn point<T: ShardLine>(&mut self, p: &T) -> Result<(), OutputError> {
        self.points += 1;
        self.line(&json_line(p))
    }

    /// Writes the trailer and renames the file into place; returns its path.
    pub fn commit(mut self, threads: usize, wall_seconds: f64) -> Result<PathBuf, OutputError> {
        let trailer = Trailer {
            end: true,
            points: self.points,
            threads,
            wall_seconds,
            checksum: self.fnv.hex(),
        };
        let bytes = json_line(&trailer);
        self.file
            .write_all(&bytes)
            .map_err(|source| OutputError::Io {
                path: self.path.clone(),
                source,
            })?;
        self.file.commit()?;
        Ok(self.path)
    }
}

/// Reads the header of a shard file.
pub fn read_header(path: &Path) -> Result<ShardHeader, ShardError> {
    let io = |source| ShardError::Io {
        path: path.to_path_buf(),
        source,
    };
    let f = File::open(path).map_err(io)?;
    let mut line = Vec::new();
    read_line_capped(&mut BufReader::new(f), &mut line, MAX_HEADER_BYTES).map_err(io)?;
    let h: ShardHeader = serde_json::from_slice(&line).map_err(|source| ShardError::NotAShard {
        path: path.to_path_buf(),
        source,
    })?;
    if h.format != FORMAT {
        return Err(ShardError::Format {
            path: path.to_path_buf(),
            found: h.format,
        });
    }
    Ok(h)
}

/// A shard file read point by point (lines of type `T`).
pub struct ShardReader<T: ShardLine = PointSummary> {
    path: PathBuf,
    reader: BufReader<File>,
    cap: u64,
    fnv: Fnv,
    next: Option<T>,
    /// The trailer, once reached.
    pub trailer: Option<Trailer>,
    points: u64,
}

impl<T: ShardLine> ShardReader<T> {
    /// Opens a shard file and reads past its header.
    pub fn open(path: &Path) -> Result<ShardReader<T>, ShardError> {
        let f = File::open(path).map_err(|source| ShardError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let mut r = ShardReader {
            path: path.to_path_buf(),
            reader: BufReader::new(f),
            cap: MAX_HEADER_BYTES,
            fnv: Fnv::default(),
            next: None,
            trailer: None,
            points: 0,
        };
        let header = r
            .raw_line()?
            .ok_or_else(|| r.corrupt(Message::new("problem-shard-why-empty")))?;
        let h: ShardHeader =
            serde_json::from_str(&header).map_err(|source| ShardError::NotAShard {
                path: path.to_path_buf(),
                source,
            })?;
        r.cap = job_line_cap(&h.job);
        r.fnv.update(header.as_bytes());
        r.fnv.update(b"\n");
        r.advance()?;
        Ok(r)
    }

    fn corrupt(&self, why: Message) -> ShardError {
        ShardError::Damaged {
            path: self.path.clone(),
            why,
        }
    }

    /// The next line without its `\n` (a last line without one is cut
    /// short: the trailer always ends with one).
    fn raw_line(&mut self) -> Result<Option<String>, ShardError> {
        let mut line = Vec::new();
        let n = read_line_capped(&mut self.reader, &mut line, self.cap)
            .map_err(|e| self.corrupt(Message::verbatim(e.to_string())))?;
        if n == 0 {
            return Ok(None);
        }
        if line.pop() != Some(b'\n') {
            return Err(self.corrupt(Message::new("problem-shard-why-truncated")));
        }
        String::from_utf8(line)
            .map(Some)
            .map_err(|_| self.corrupt(Message::new("problem-shard-why-not-utf8")))
    }

    fn advance(&mut self) -> Result<(), ShardError> {
        self.next = None;
        if self.trailer.is_some() {
            return Ok(());
        }
        let Some(line) = self.raw_line()? else {
            return Err(self.corrupt(Message::new("problem-shard-why-no-trailer-truncated")));
        };
        if line.starts_with("{\"end\"") {
            let t: Trailer = serde_json::from_str(&line)
                .map_err(|e| self.corrupt(Message::verbatim(e.to_string())))?;
            if t.checksum != self.fnv.hex() || t.points != self.points {
                return Err(self.corrupt(Message::new("problem-shard-why-checksum")));
            }
            self.trailer = Some(t);
            return Ok(());
        }
        self.fnv.update(line.as_bytes());
        self.fnv.update(b"\n");
        let p: T = serde_json::from_str(&line)
            .map_err(|e| self.corrupt(Message::verbatim(e.to_string())))?;
        self.points += 1;
        self.next = Some(p);
        Ok(())
    }

    /// The next point's summary if it is point `p`.
    pub fn take(&mut self, p: u64) -> Result<Option<T>, ShardError> {
        match &self.next {
            Some(n) if n.point() == p => {
                let out = self.next.take();
                self.advance()?;
                Ok(out)
            }
            Some(n) if n.point() < p => {
                Err(self.corrupt(Message::new("problem-shard-why-out-of-order")))
            }
            _ => Ok(None),
        }
    }

    /// Every remaining line in order, checking that points rise and the
    /// checksum holds, and the trailer.
    pub fn lines(&mut self) -> Result<(Vec<T>, Trailer), ShardError> {
        let mut out: Vec<T> = Vec::new();
        while let Some(n) = self.next.take() {
            if out.last().is_some_and(|l| l.point() >= n.point()) {
                return Err(self.corrupt(Message::new("problem-shard-why-out-of-order")));
            }
            out.push(n);
            self.advance()?;
        }
        let t = self
            .trailer
            .clone()
            .ok_or_else(|| self.corrupt(Message::new("problem-shard-why-no-trailer")))?;
        Ok((out, t))
    }

    /// Reads every remaining point, checking the checksum, and returns the trailer.
    pub fn read_to_end(&mut self) -> Result<&Trailer, ShardError> {
        while self.next.take().is_some() {
            self.advance()?;
        }
        self.trailer
            .as_ref()
            .ok_or_else(|| self.corrupt(Message::new("problem-shard-why-no-trailer")))
    }

    /// Checks that every point was read.
    pub fn finish(&self) -> Result<&Trailer, ShardError> {
        if self.next.is_some() {
            return Err(self.corrupt(Message::new("problem-shard-why-beyond")));
        }
        self.trailer
            .as_ref()
            .ok_or_else(|| self.corrupt(Message::new("problem-shard-why-no-trailer")))
    }
}

/// What the file at a shard's name holds.
#[derive(Debug, Clone, PartialEq)]
pub enum ShardFile {
    /// A whole shard file of this job and shard (its checksum holds).
    Whole,
    /// A readable shard file of this job written by another version of
    /// resim: the version that wrote it.
    OtherVersion(String),
    /// A readable shard file of another job or shard.
    OtherJob,
    /// A shard file that is cut short or damaged: why (the error reading it).
    Damaged(Message),
    /// Not a shard file at all: why (the error reading it).
    Foreign(Message),
}

/// Checks the file at `path` against shard `shard` of `job` (lines of type `T`).
pub fn check_file<T: ShardLine>(path: &Path, job: &Job, shard: Shard) -> ShardFile {
    match read_header(path) {
        Err(e) => {
            let mut start = [0u8; 32];
            let n = File::open(path)
                .and_then(|mut f| io::Read::read(&mut f, &mut start))
                .unwrap_or(0);
            if start[..n].starts_with(b"{\"format\":\"resim-shard/") {
                ShardFile::Damaged(e.message())
            } else {
                ShardFile::Foreign(e.message())
            }
        }
        Ok(h) if h.job.version != job.version => ShardFile::OtherVersion(h.job.version),
        Ok(h) if !(h.job.same_work(job) && h.shard == shard) => ShardFile::OtherJob,
        Ok(_) => match ShardReader::<T>::open(path).and_then(|mut r| r.read_to_end().map(drop)) {
            Ok(()) => ShardFile::Whole,
            Err(e) => ShardFile::Damaged(e.message()),
        },
    }
}

/// What makes two jobs of the same scenario, version and shard count
/// differ, in words: the command, the replicates, the seed, or the
/// options by name.
fn work_differences(a: &Job, b: &Job) -> Message {
    let mut d = Vec::new();
    let vs = |id: &'static str, x: &dyn std::fmt::Display, y: &dyn std::fmt::Display| {
        Message::new(id).arg("this", x).arg("first", y)
    };
    if a.kind != b.kind {
        d.push(vs(
            "problem-shard-differs-command",
            &format!("{:?}", a.kind).to_lowercase(),
            &format!("{:?}", b.kind).to_lowercase(),
        ));
    }
    if a.replicates != b.replicates {
        d.push(vs(
            "problem-shard-differs-replicates",
            &a.replicates,
            &b.replicates,
        ));
    }
    if a.seed != b.seed {
        d.push(vs("problem-shard-differs-seed", &a.seed, &b.seed));
    }
    if a.points != b.points {
        d.push(vs("problem-shard-differs-points", &a.points, &b.points));
    }
    if a.options != b.options {
        match (a.options.as_object(), b.options.as_object()) {
            (Some(x), Some(y)) => {
                let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
                keys.sort();
                keys.dedup();
                let differ: Vec<&str> = keys
                    .into_iter()
                    .filter(|k| x.get(*k) != y.get(*k))
                    .map(|k| k.as_str())
                    .collect();
                d.push(
                    Message::new("problem-shard-differs-option-keys")
                        .arg("keys", differ.join(", ")),
                );
            }
            _ => d.push(Message::new("problem-shard-differs-options")),
        }
    }
    if d.is_empty() {
        Message::new("problem-shard-differs-work")
    } else {
        Message::joined(d, ", ")
    }
}

/// The complete, consistent set of shard files in `dir/shards`.
pub struct ShardSet {
    /// The job they share.
    pub job: Job,
    /// Files by shard index.
    pub files: Vec<PathBuf>,
}

impl ShardSet {
    /// Finds the shard files and checks that they belong to one job and
    /// that none is missing or duplicated.
    pub fn open(dir: &Path) -> Result<ShardSet, ShardError> {
        let shards = dir.join("shards");
        let entries = fs::read_dir(&shards).map_err(|source| ShardError::NoShardDir {
            shards: shards.clone(),
            dir: dir.to_path_buf(),
            source,
        })?;
        let mut found: Vec<(PathBuf, ShardHeader)> = Vec::new();
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !(name.starts_with("shard-") && name.ends_with(".json")) {
                continue;
            }
            let path = entry.path();
            let h = read_header(&path)?;
            if name != h.shard.file_name() {
                return Err(ShardError::Misnamed {
                    path,
                    shard: h.shard,
                    name,
                });
            }
            found.push((path, h));
        }
        found.sort_by_key(|(_, h)| (h.shard.count, h.shard.index));
        let Some((first_path, first)) = found.first().cloned() else {
            return Err(ShardError::NoShards { shards });
        };
        let count = first.shard.count;
        for (path, h) in &found {
            let mut diffs = Vec::new();
            if h.shard.count != count {
                diffs.push(
                    Message::new("problem-shard-differs-count")
                        .arg("this", h.shard.count)
                        .arg("first", count),
                );
            }
            if h.job.scenario_hash != first.job.scenario_hash {
                diffs.push(
                    Message::new("problem-shard-differs-hash")
                        .arg("this", &h.job.scenario_hash)
                        .arg("first", &first.job.scenario_hash),
                );
            }
            if h.job.version != first.job.version {
                diffs.push(
                    Message::new("problem-shard-differs-version")
                        .arg("this", &h.job.version)
                        .arg("first", &first.job.version),
                );
            }
            if diffs.is_empty() && !h.job.same_work(&first.job) {
                diffs.push(work_differences(&h.job, &first.job));
            }
            if !diffs.is_empty() {
                return Err(ShardError::Mismatch {
                    path: path.clone(),
                    first: first_path,
                    differences: diffs,
                });
            }
        }
        let mut by_index: BTreeMap<u32, PathBuf> = BTreeMap::new();
        for (path, h) in &found {
            if let Some(other) = by_index.insert(h.shard.index, path.clone()) {
                return Err(ShardError::Duplicate {
                    shard: h.shard,
                    first: other,
                    second: path.clone(),
                });
            }
        }
        let missing: Vec<u32> = (0..count).filter(|i| !by_index.contains_key(i)).collect();
        if !missing.is_empty() {
            return Err(ShardError::Missing {
                indices: missing,
                count,
            });
        }
        Ok(ShardSet {
            job: first.job,
            files: by_index.into_values().collect(),
        })
    }

    /// Every line of every shard file (of type `T`), shard by shard, each
    /// file's checksum checked; with the shards' total wall seconds and
    /// shard 0's threads.
    pub fn lines<T: ShardLine>(&self) -> Result<(Vec<T>, f64, usize), ShardError> {
        let mut all = Vec::new();
        let mut wall = 0.0;
        let mut threads = 0;
        for (i, f) in self.files.iter().enumerate() {
            let (lines, t) = ShardReader::<T>::open(f)?.lines()?;
            all.extend(lines);
            wall += t.wall_seconds;
            if i == 0 {
                threads = t.threads;
            }
        }
        Ok((all, wall, threads))
    }

    /// Merges the shards point by point, in point order, checking that each
    /// point's replicates are all there exactly once; calls `sink` with each
    /// merged point and the burn-in traces its shards kept for the
    /// steady-state check (a run's; none for other jobs). Returns the
    /// shards' total wall seconds and shard 0's threads. `sink` may fail
    /// with its own error type, into which a [`ShardError`] converts.
    pub fn merge<E: From<ShardError>>(
        &self,
        mut sink: impl FnMut(u64, &Summary, BTreeMap<u32, BurnInTrace>) -> Result<(), E>,
    ) -> Result<(f64, usize), E> {
        let mut readers = self
            .files
            .iter()
            .map(|f| ShardReader::<PointSummary>::open(f))
            .collect::<Result<Vec<_>, _>>()?;
        let reps = self.job.replicates;
        for p in 0..self.job.points {
            let mut merged: Option<Summary> = None;
            let mut burn_ins = BTreeMap::new();
            let mut seen = vec![false; reps as usize];
            for r in readers.iter_mut() {
                if let Some(ps) = r.take(p)? {
                    for &x in &ps.replicates {
                        let slot = seen
                            .get_mut(x as usize)
                            .ok_or(ShardError::ReplicateBeyond {
                                point: p,
                                replicate: x,
                                replicates: reps,
                            })?;
                        if *slot {
                            return Err(ShardError::ReplicateTwice {
                                point: p,
                                replicate: x,
                            }
                            .into());
                        }
                        *slot = true;
                    }
                    match merged.as_mut() {
                        None => merged = Some(ps.summary),
                        Some(m) => m.merge(&ps.summary),
                    }
                    // Only the traces of the replicates this line ran.
                    let PointSummary {
                        replicates,
                        burn_ins: traces,
                        ..
                    } = ps;
                    let ran: BTreeSet<u32> = replicates.into_iter().collect();
                    burn_ins.extend(traces.into_iter().filter(|(r, _)| ran.contains(r)));
                }
            }
            if let Some(x) = seen.iter().position(|s| !s) {
                return Err(ShardError::ReplicateMissing {
                    point: p,
                    replicate: x as u32,
                }
                .into());
            }
            let merged = merged.ok_or(ShardError::PointMissing { point: p })?;
            sink(p, &merged, burn_ins)?;
        }
        let mut wall = 0.0;
        let mut threads = 0;
        for (i, r) in readers.iter().enumerate() {
            let t = r.finish()?;
            wall += t.wall_seconds;
            if i == 0 {
                threads = t.threads;
            }
        }
        Ok((wall, threads))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_the_units_whatever_their_number() {
        for (points, reps) in [(1u64, 7u32), (5, 3), (4, 4), (3, 1)] {
            for n in 1..=9u32 {
                let mut seen = vec![0u32; (points * reps as u64) as usize];
                let mut total = 0;
                for i in 0..n {
                    let s = Shard { index: i, count: n };
                    let mut mine = 0;
                    for p in 0..points {
                        for r in s.replicates(p, reps) {
                            let u = p * reps as u64 + r as u64;
                            assert_eq!(u % n as u64, i as u64);
                            seen[u as usize] += 1;
                            mine += 1;
                        }
                    }
                    assert_eq!(mine, s.units(points, reps));
                    total += mine;
                }
                assert_eq!(total, points * reps as u64);
                assert!(seen.iter().all(|&c| c == 1));
            }
        }
    }

    #[test]
    fn parses_shards_and_slurm_variables() {
        assert_eq!(Shard::parse("2/4").unwrap(), Shard { index: 2, count: 4 });
        for bad in ["4/4", "1/0", "x", "1/", "-1/3"] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
        let env = |id: &'static str, count: &'static str, min: Option<&'static str>| {
            move |k: &str| match k {
                "SLURM_ARRAY_TASK_ID" => Some(id.to_string()),
                "SLURM_ARRAY_TASK_COUNT" => Some(count.to_string()),
                "SLURM_ARRAY_TASK_MIN" => min.map(str::to_string),
                _ => None,
            }
        };
        assert_eq!(
            Shard::from_slurm(env("5", "4", Some("3"))).unwrap(),
            Shard { index: 2, count: 4 }
        );
        assert_eq!(
            Shard::from_slurm(env("1", "2", None)).unwrap(),
            Shard { index: 1, count: 2 }
        );
        assert!(Shard::from_slurm(env("9", "4", Some("3"))).is_err());
        assert!(Shard::from_slurm(|_| None).is_err());
    }

    #[test]
    fn summaries_survive_a_json_round_trip() {
        let mut s = Summary::new(&["a".into(), "b".into()], 0, 2);
        // Sums of squares beyond 64 bits must survive.
        s.strategies[1].effects[3].g.push(9.0e5);
        s.strategies[1].effects[3].g.push(-7.5e5);
        let text = serde_json::to_string(&s).unwrap();
        let back: Summary = serde_json::from_str(&text).unwrap();
        assert_eq!(s, back);
    }
}

#[cfg(test)]
mod message_tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn every_shard_refusal_reads_as_the_cli_prints_it_in_english_and_in_chinese_on_chinese_pages() {
        let io = || io::Error::new(io::ErrorKind::NotFound, "No such file or directory");
        let json = || serde_json::from_str::<u8>("x").unwrap_err();
        let file = || PathBuf::from("results/q/shards/shard-1-of-4.json");
        let shard = Shard { index: 1, count: 4 };
        let all = [
            ShardError::BadSpec { text: "4/4".into() },
            ShardError::SlurmUnset {
                var: "SLURM_ARRAY_TASK_ID".into(),
            },
            ShardError::SlurmNotANumber {
                var: "SLURM_ARRAY_TASK_ID".into(),
                value: "x".into(),
            },
            ShardError::SlurmTasks {
                id: 9,
                min: 0,
                count: 4,
            },
            ShardError::Io {
                path: file(),
                source: io(),
            },
            ShardError::NotAShard {
                path: file(),
                source: json(),
            },
            ShardError::Format {
                path: file(),
                found: "resim-shard/0".into(),
            },
            ShardError::Damaged {
                path: file(),
                why: Message::new("problem-shard-why-truncated"),
            },
            ShardError::NoShardDir {
                shards: "results/q/shards".into(),
                dir: "results/q".into(),
                source: io(),
            },
            ShardError::NoShards {
                shards: "results/q/shards".into(),
            },
            ShardError::Misnamed {
                path: file(),
                shard,
                name: "shard-2-of-4.json".into(),
            },
            ShardError::Mismatch {
                path: file(),
                first: "results/q/shards/shard-0-of-4.json".into(),
                differences: vec![
                    Message::new("problem-shard-differs-count")
                        .arg("this", 4)
                        .arg("first", 3),
                    Message::new("problem-shard-differs-hash")
                        .arg("this", "a")
                        .arg("first", "b"),
                ],
            },
            ShardError::Duplicate {
                shard,
                first: file(),
                second: "results/q/shards/copy/shard-1-of-4.json".into(),
            },
            ShardError::Missing {
                indices: vec![1, 3],
                count: 4,
            },
            ShardError::ReplicateBeyond {
                point: 2,
                replicate: 40,
                replicates: 32,
            },
            ShardError::ReplicateTwice {
                point: 2,
                replicate: 5,
            },
            ShardError::ReplicateMissing {
                point: 2,
                replicate: 5,
            },
            ShardError::PointMissing { point: 7 },
        ];
        assert_eq!(all.len(), 18, "every variant");
        for e in all {
            crate::problem::assert_worded(&e.message(), &e.to_string());
        }
    }

    /// Why a shard file is damaged and what differs between two jobs'
    /// shards read word for word as the CLI has always printed them, and
    /// in Chinese on Chinese pages (inside the refusal that carries them).
    #[test]
    fn damage_reasons_and_differences_read_as_before_and_in_chinese() {
        let all = [
            (Message::new("problem-shard-why-empty"), "empty file"),
            (
                Message::new("problem-shard-why-truncated"),
                "the file is truncated",
            ),
            (Message::new("problem-shard-why-not-utf8"), "not UTF-8 text"),
            (
                Message::new("problem-shard-why-no-trailer-truncated"),
                "no trailer: the file is truncated",
            ),
            (
                Message::new("problem-shard-why-checksum"),
                "checksum mismatch",
            ),
            (
                Message::new("problem-shard-why-out-of-order"),
                "points out of order",
            ),
            (Message::new("problem-shard-why-no-trailer"), "no trailer"),
            (
                Message::new("problem-shard-why-beyond"),
                "points beyond the job",
            ),
            (
                Message::new("problem-shard-differs-version")
                    .arg("this", "0.4.0")
                    .arg("first", "0.5.0"),
                "written by resim 0.4.0 vs resim 0.5.0",
            ),
            (
                Message::new("problem-shard-differs-command")
                    .arg("this", "sweep")
                    .arg("first", "sensitivity"),
                "command sweep vs sensitivity",
            ),
            (
                Message::new("problem-shard-differs-replicates")
                    .arg("this", 8)
                    .arg("first", 16),
                "replicates 8 vs 16",
            ),
            (
                Message::new("problem-shard-differs-seed")
                    .arg("this", 1)
                    .arg("first", 2),
                "seed 1 vs 2",
            ),
            (
                Message::new("problem-shard-differs-points")
                    .arg("this", 9)
                    .arg("first", 27),
                "points 9 vs 27",
            ),
            (
                Message::new("problem-shard-differs-option-keys").arg("keys", "design, levels"),
                "options differ: design, levels",
            ),
            (
                Message::new("problem-shard-differs-options"),
                "options differ",
            ),
            (
                Message::new("problem-shard-differs-work"),
                "different command or options (kind, replicates, seed, design)",
            ),
        ];
        for (why, english) in all {
            assert_eq!(why.render(Lang::En), english);
            let zh = why.render(Lang::ZhCn);
            assert_ne!(zh, english, "{}", why.id);
            let damaged = ShardError::Damaged {
                path: "results/q/shards/shard-1-of-4.json".into(),
                why: why.clone(),
            };
            assert_eq!(
                damaged.to_string(),
                format!(
                    "results/q/shards/shard-1-of-4.json: damaged shard file ({english}); run this shard again"
                )
            );
            assert!(damaged.message().render(Lang::ZhCn).contains(&zh));
        }
        let mismatch = ShardError::Mismatch {
            path: "a/shard-1-of-2.json".into(),
            first: "a/shard-0-of-2.json".into(),
            differences: vec![
                Message::new("problem-shard-differs-seed")
                    .arg("this", 1)
                    .arg("first", 2),
                Message::new("problem-shard-differs-options"),
            ],
        };
        assert_eq!(
            mismatch.message().render(Lang::En),
            "a/shard-1-of-2.json does not belong with a/shard-0-of-2.json: seed 1 vs 2, options differ; remove the stale files or merge each job in its own directory"
        );
        let zh = mismatch.message().render(Lang::ZhCn);
        assert!(zh.contains("种子 1") && zh.contains("选项不同"), "{zh}");
    }
}
