//! The `[sweep]` section of a scenario: which parameters vary, over what.
//!
//! ```toml
//! [sweep]
//! method = "grid"                                    # default; or "lhs"
//! "stress.academic_load" = [0.06, 0.084, 0.12]       # a list of values
//! population.rural_share = { from = 0, to = 1, steps = 5 }   # a range (dotted keys work too)
//! "strategies.full_programme.contact_book.coverage" = { from = 0.2, to = 1, steps = 3 }
//! ```
//!
//! A grid sweep runs every combination (the first parameter varies slowest).
//! A Latin hypercube (`method = "lhs"`, `samples = n`, `seed = s`) draws `n`
//! points over ranges `{ from, to }`. `resim sensitivity` uses the ranges.

use serde::{Deserialize, Serialize};
use toml::de::DeTable;

use super::Scenario;
use super::path::Paths;
use crate::problem::{Message, Problem, line_of, valid_names};

/// Most points a grid may have.
pub const MAX_POINTS: u64 = 10_000_000;

/// A sweep as written in the scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SweepSpec {
    /// How points are chosen.
    pub method: SweepMethod,
    /// The swept parameters, in file order.
    pub parameters: Vec<SweepParam>,
}

/// How a sweep chooses its points.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "method")]
pub enum SweepMethod {
    /// Every combination of the parameters' values.
    Grid,
    /// A Latin hypercube sample over the parameters' ranges.
    Lhs {
        /// Points drawn.
        samples: u32,
        /// Seed of the design (not of the simulation).
        seed: u64,
    },
}

/// One swept parameter.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SweepParam {
    /// Parameter path, e.g. `stress.academic_load`.
    pub path: String,
    /// Its values or range.
    pub values: SweepValues,
    /// Line in the scenario file, for messages.
    #[serde(skip)]
    pub line: Option<usize>,
}

/// Equal when the path and values are: the line only locates messages, so a
/// scenario printed by `resim check` loads back equal to the original.
impl PartialEq for SweepParam {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path && self.values == other.values
    }
}

/// Values of a swept parameter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum SweepValues {
    /// These values, in this order.
    List(Vec<f64>),
    /// `from` to `to`; with `steps`, that many evenly spaced values.
    Range {
        /// First value.
        from: f64,
        /// Last value.
        to: f64,
        /// Number of values in a grid (absent for Latin hypercubes).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        steps: Option<u32>,
    },
}

impl SweepValues {
    /// The grid values: the list, or `steps` evenly spaced values.
    pub fn grid(&self) -> Vec<f64> {
        match self {
            SweepValues::List(v) => v.clone(),
            SweepValues::Range { from, to, steps } => {
                let n = steps.unwrap_or(2).max(1);
                if n == 1 {
                    return vec![*from];
                }
                (0..n)
                    .map(|i| {
                        if i == n - 1 {
                            *to
                        } else {
                            from + (to - from) * i as f64 / (n - 1) as f64
                        }
                    })
                    .collect()
            }
        }
    }

    /// The range `(from, to)`, if the values are a range.
    pub fn range(&self) -> Option<(f64, f64)> {
        match self {
            SweepValues::Range { from, to, .. } => Some((*from, *to)),
            SweepValues::List(_) => None,
        }
    }
}

impl SweepSpec {
    /// The number of points in words: `1200 points`, or `more than 10^41
    /// points` for a grid too large to count ([`SweepSpec::points`] saturates).
    pub fn points_in_words(&self) -> String {
        let points = self.points();
        if points < u64::MAX {
            return format!("{points} points");
        }
        let log10: f64 = self
            .parameters
            .iter()
            .map(|p| (p.values.grid().len().max(1) as f64).log10())
            .sum();
        format!(
            "more than 10^{} points",
            ((log10 - 1e-9).floor() as u64).max(19)
        )
    }

    /// Number of points the sweep runs (`u64::MAX` for a grid of more).
    pub fn points(&self) -> u64 {
        match self.method {
            SweepMethod::Grid => self
                .parameters
                .iter()
                .map(|p| p.values.grid().len() as u64)
                .try_fold(1u64, |a, b| a.checked_mul(b))
                .unwrap_or(u64::MAX),
            SweepMethod::Lhs { samples, .. } => samples as u64,
        }
    }

    /// Problems that keep the sweep from running as a grid or Latin
    /// hypercube (`resim sweep`): a grid range without `steps`.
    pub fn runnable(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        if self.method == SweepMethod::Grid {
            for p in &self.parameters {
                if let SweepValues::Range { steps: None, .. } = p.values {
                    let mut problem = Problem::new(
                        format!("sweep.{}", p.path),
                        Message::new("problem-sweep-grid-steps"),
                        Message::new("valid-sweep-grid-steps"),
                    );
                    problem.line = p.line;
                    out.push(problem);
                }
            }
        }
        out
    }

    /// The section as TOML, for `resim check`.
    pub fn to_toml(&self) -> toml::Table {
        let mut t = toml::Table::new();
        match self.method {
            SweepMethod::Grid => {
                t.insert("method".into(), "grid".into());
            }
            SweepMethod::Lhs { samples, seed } => {
                t.insert("method".into(), "lhs".into());
                t.insert("samples".into(), (samples as i64).into());
                t.insert("seed".into(), (seed.min(i64::MAX as u64) as i64).into());
            }
        }
        for p in &self.parameters {
            let v = match &p.values {
                SweepValues::List(v) => {
                    toml::Value::Array(v.iter().map(|&x| toml::Value::Float(x)).collect())
                }
                SweepValues::Range { from, to, steps } => {
                    let mut r = toml::Table::new();
                    r.insert("from".into(), toml::Value::Float(*from));
                    r.insert("to".into(), toml::Value::Float(*to));
                    if let Some(s) = steps {
                        r.insert("steps".into(), (*s as i64).into());
                    }
                    toml::Value::Table(r)
                }
            };
            t.insert(p.path.clone(), v);
        }
        t
    }
}

/// Keys of `[sweep]` that are not parameters.
const RESERVED: &[&str] = &["method", "samples", "seed"];
const METHODS: &[&str] = &["grid", "lhs"];

/// Line of a key given by its exact segments (segments may contain dots).
fn line_at(text: &str, doc: &DeTable<'_>, segs: &[&str]) -> Option<usize> {
    let (k, v) = doc.get_key_value(segs[0])?;
    let mut span = k.span();
    let mut table = v.get_ref().as_table();
    for s in &segs[1..] {
        let Some(t) = table else { break };
        match t.get_key_value(*s) {
            Some((k, v)) => {
                span = k.span();
                table = v.get_ref().as_table();
            }
            None => break,
        }
    }
    Some(line_of(text, span.start))
}

fn number(v: &toml::Value) -> Option<f64> {
    match v {
        toml::Value::Integer(i) => Some(*i as f64),
        toml::Value::Float(f) => Some(*f),
        _ => None,
    }
}

/// Problems of `[sweep]`, each with its line.
struct Problems<'t, 'd> {
    text: &'t str,
    doc: &'t DeTable<'d>,
    list: Vec<Problem>,
}

impl Problems<'_, '_> {
    fn push(
        &mut self,
        segs: &[&str],
        key: String,
        message: impl Into<Message>,
        valid: impl Into<Message>,
    ) {
        let mut p = Problem::new(key, message, valid);
        let mut all = vec!["sweep"];
        all.extend_from_slice(segs);
        p.line = line_at(self.text, self.doc, &all);
        self.list.push(p);
    }
}

/// Parses and checks `[sweep]` against the scenario it belongs to.
pub(crate) fn parse(
    table: &toml::Table,
    sc: &Scenario,
    text: &str,
    doc: &DeTable<'_>,
) -> Result<SweepSpec, Vec<Problem>> {
    let mut out = Problems {
        text,
        doc,
        list: Vec::new(),
    };
    let method = match table.get("method") {
        None => "grid",
        Some(toml::Value::String(m)) if METHODS.contains(&m.as_str()) => m.as_str(),
        Some(toml::Value::String(m)) => {
            out.push(
                &["method"],
                "sweep.method".into(),
                Message::new("problem-unknown-value").arg("given", m),
                valid_names(m, METHODS),
            );
            "grid"
        }
        Some(v) => {
            out.push(
                &["method"],
                "sweep.method".into(),
                Message::new("problem-wrong-type").arg("got", v.type_str()),
                Message::new("valid-sweep-method"),
            );
            "grid"
        }
    };
    let lhs = method == "lhs";
    let whole = |key: &str, lo: i64, hi: i64, out: &mut Problems<'_, '_>| match table.get(key) {
        None => None,
        Some(toml::Value::Integer(i)) if (lo..=hi).contains(i) => Some(*i),
        Some(v) => {
            out.push(
                &[key],
                format!("sweep.{key}"),
                Message::new("problem-not-valid").arg("value", v),
                Message::new("valid-whole-range")
                    .arg("lo", lo)
                    .arg("hi", hi),
            );
            None
        }
    };
    let samples = whole("samples", 1, MAX_POINTS as i64, &mut out);
    let seed = whole("seed", 0, i64::MAX, &mut out);
    if !lhs {
        for key in ["samples", "seed"] {
            if table.contains_key(key) {
                out.push(
                    &[key],
                    format!("sweep.{key}"),
                    Message::new("problem-sweep-lhs-only").arg("key", key),
                    Message::new("valid-sweep-lhs-only"),
                );
            }
        }
    }
    if lhs && !table.contains_key("samples") {
        out.push(
            &["method"],
            "sweep.samples".into(),
            Message::new("problem-missing"),
            Message::new("valid-sweep-samples"),
        );
    }

    // Parameters: leaves of the table (dotted keys make nested tables).
    let mut leaves: Vec<(Vec<String>, &toml::Value)> = Vec::new();
    fn walk<'a>(
        t: &'a toml::Table,
        prefix: &mut Vec<String>,
        out: &mut Vec<(Vec<String>, &'a toml::Value)>,
    ) {
        for (k, v) in t {
            if prefix.is_empty() && RESERVED.contains(&k.as_str()) {
                continue;
            }
            prefix.push(k.clone());
            match v {
                toml::Value::Table(inner)
                    if !["from", "to", "steps"]
                        .iter()
                        .any(|r| inner.contains_key(*r)) =>
                {
                    walk(inner, prefix, out)
                }
                _ => out.push((prefix.clone(), v)),
            }
            prefix.pop();
        }
    }
    walk(table, &mut Vec::new(), &mut leaves);

    let paths = Paths::of(sc);
    let mut parameters: Vec<SweepParam> = Vec::new();
    for (segs, v) in leaves {
        let segs_ref: Vec<&str> = segs.iter().map(String::as_str).collect();
        let path = segs.join(".");
        let key = format!("sweep.{path}");
        if let Err(p) = paths.number(&path) {
            out.push(&segs_ref, key, p.message, p.valid);
            continue;
        }
        if path == "run.replicates" {
            out.push(
                &segs_ref,
                key,
                Message::new("problem-sweep-replicates"),
                Message::new("valid-sweep-replicates"),
            );
            continue;
        }
        if parameters.iter().any(|p| p.path == path) {
            out.push(
                &segs_ref,
                key,
                Message::new("problem-sweep-twice").arg("path", &path),
                Message::new("valid-sweep-once"),
            );
            continue;
        }
        let values = match v {
            toml::Value::Array(items) => {
                let nums: Option<Vec<f64>> = items.iter().map(number).collect();
                match nums {
                    Some(n) if !n.is_empty() && !lhs => SweepValues::List(n),
                    Some(_) if lhs => {
                        out.push(
                            &segs_ref,
                            key,
                            Message::new("problem-sweep-lhs-list"),
                            Message::new("valid-sweep-range"),
                        );
                        continue;
                    }
                    Some(_) => {
                        out.push(
                            &segs_ref,
                            key,
                            Message::new("problem-sweep-no-values"),
                            Message::new("valid-sweep-values"),
                        );
                        continue;
                    }
                    None => {
                        out.push(
                            &segs_ref,
                            key,
                            Message::new("problem-sweep-not-numbers"),
                            Message::new("valid-sweep-numbers"),
                        );
                        continue;
                    }
                }
            }
            toml::Value::Table(r) => {
                let mut bad = false;
                for k in r.keys() {
                    if !["from", "to", "steps"].contains(&k.as_str()) {
                        let mut s = segs_ref.clone();
                        s.push(k);
                        out.push(
                            &s,
                            format!("{key}.{k}"),
                            Message::new("problem-unknown-key").arg("given", k),
                            valid_names(k, &["from", "to", "steps"]),
                        );
                        bad = true;
                    }
                }
                let from = r.get("from").map(number);
                let to = r.get("to").map(number);
                let (Some(Some(from)), Some(Some(to))) = (from, to) else {
                    out.push(
                        &segs_ref,
                        key,
                        Message::new("problem-sweep-range"),
                        Message::new("valid-sweep-range-steps"),
                    );
                    continue;
                };
                let steps = match r.get("steps") {
                    // A range without steps: for Latin hypercubes and
                    // sensitivity analyses; `resim sweep` asks for steps on a grid.
                    None => None,
                    Some(_) if lhs => {
                        let mut s = segs_ref.clone();
                        s.push("steps");
                        out.push(
                            &s,
                            format!("{key}.steps"),
                            Message::new("problem-sweep-lhs-steps"),
                            Message::new("valid-sweep-lhs-steps"),
                        );
                        continue;
                    }
                    Some(toml::Value::Integer(n)) if (1..=1_000_000).contains(n) => Some(*n as u32),
                    Some(other) => {
                        let mut s = segs_ref.clone();
                        s.push("steps");
                        out.push(
                            &s,
                            format!("{key}.steps"),
                            Message::new("problem-not-valid").arg("value", other),
                            Message::new("valid-whole-range")
                                .arg("lo", 1)
                                .arg("hi", 1_000_000),
                        );
                        continue;
                    }
                };
                if bad {
                    continue;
                }
                SweepValues::Range { from, to, steps }
            }
            other => {
                out.push(
                    &segs_ref,
                    key,
                    Message::new("problem-wrong-type").arg("got", other.type_str()),
                    Message::new(if lhs {
                        "valid-sweep-range"
                    } else {
                        "valid-sweep-values"
                    }),
                );
                continue;
            }
        };
        // Every value given must be valid on its own.
        let check: Vec<f64> = match &values {
            SweepValues::List(v) => v.clone(),
            SweepValues::Range { from, to, .. } => vec![*from, *to],
        };
        for x in check {
            if let Some(p) = paths.problem_with(&path, x) {
                out.push(
                    &segs_ref,
                    key.clone(),
                    Message::new("problem-sweep-value")
                        .arg("value", x)
                        .arg("path", &path)
                        .with("message", p.message),
                    p.valid,
                );
                break;
            }
        }
        let mut at = vec!["sweep"];
        at.extend_from_slice(&segs_ref);
        let line = line_at(text, doc, &at);
        parameters.push(SweepParam { path, values, line });
    }
    if parameters.is_empty() && out.list.is_empty() {
        out.push(
            &[],
            "sweep".into(),
            Message::new("problem-sweep-none"),
            Message::new("valid-sweep-none"),
        );
    }
    let method = if lhs {
        SweepMethod::Lhs {
            samples: samples.unwrap_or(1) as u32,
            seed: seed.unwrap_or(1) as u64,
        }
    } else {
        SweepMethod::Grid
    };
    let spec = SweepSpec { method, parameters };
    if out.list.is_empty() && spec.points() > MAX_POINTS {
        out.push(
            &[],
            "sweep".into(),
            format!("the grid has {}", spec.points_in_words()),
            format!("at most {MAX_POINTS} points; use fewer values or `method = \"lhs\"`"),
        );
    }
    if out.list.is_empty() {
        Ok(spec)
    } else {
        Err(out.list)
    }
}
