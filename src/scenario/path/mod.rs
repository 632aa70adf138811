//! Parameter paths: every value of a scenario by its dotted name, derived
//! from the scenario itself rather than from a table kept by hand.
//!
//! The resolved scenario (what `resim check` prints, every default written
//! out) is serialised to a TOML table; its leaves are the paths:
//!
//! | path | what |
//! |---|---|
//! | `stress.academic_load`, `trust.rate`, … | the model parameters (`resim list parameters`) |
//! | `population.rural_share`, `population.class_size`, … | population numbers |
//! | `traits.NAME.mean`, `traits.NAME.sd`, `traits.minority_trust_shift`, … | trait distributions |
//! | `calendar.years`, `calendar.weeks_per_year`, `calendar.burn_in_weeks` | calendar lengths |
//! | `run.seed`, `run.replicates`, `run.survey_week` (when the scenario sets it) | Monte Carlo settings |
//! | `strategies.STRATEGY.COMPONENT.SETTING` | every setting of a component the strategy has |
//!
//! A leaf written as an integer holds a whole number (values set there are
//! rounded), one written as a float a real number (kept at single
//! precision, as every real number of a scenario is); both are
//! [numbers](Kind::is_number), which sweeps, sensitivity analyses and
//! calibration vary ([`Use::Vary`]). `true`/`false` leaves and strings the
//! loader restricts to a list of names (`target = "left_behind"`) are
//! choices, which `resim whatif --set` may also change ([`Use::Set`]); free
//! text (names, descriptions) and lists (`population.grades`) are not
//! reachable by a path.
//!
//! Setting a value writes it into the table and reads the whole scenario
//! again with the loader's own deserialisation, checks and messages (no
//! lines: there is no file). [`Paths`] keeps the table of a base scenario,
//! so a sweep point or a calibration step costs one such read, not a
//! serialisation. A new parameter, component setting or section becomes a
//! path by being declared: nothing here lists them.

mod leaves;
#[cfg(test)]
mod tests;
mod unknown;

use toml::{Table, Value};

use super::Scenario;
use super::load::from_table;
use super::resolved::ResolvedFile;
use crate::problem::{Message, Problem};
pub use leaves::{Kind, Leaf};

/// What a path is used for, which decides the values it may reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// Numbers: sweeps, sensitivity analyses and calibration.
    Vary,
    /// Numbers and choices: `resim whatif --set`.
    Set,
}

impl Use {
    /// What the path must reach, singular and plural, for messages.
    fn noun(self) -> (&'static str, &'static str) {
        match self {
            Use::Vary => ("problem-noun-number", "problem-nouns-number"),
            Use::Set => ("problem-noun-choice", "problem-nouns-choice"),
        }
    }
}

/// A placeholder no list of names contains: setting a string leaf to it
/// shows whether the loader restricts the leaf to a list.
const PROBE: &str = "?";

/// The paths of one scenario and the means to set them: the scenario's
/// resolved form, kept so that each change costs one read by the loader.
#[derive(Debug, Clone)]
pub struct Paths {
    /// The scenario as given.
    base: Scenario,
    /// Its resolved form without `[sweep]`.
    table: Table,
    /// Every leaf of `table`.
    leaves: Vec<Leaf>,
    /// Why the scenario has no resolved form (a seed beyond TOML's integers).
    broken: Option<Problem>,
}

impl Paths {
    /// The paths of `sc`.
    pub fn of(sc: &Scenario) -> Paths {
        let (table, broken) = match Table::try_from(ResolvedFile::from(sc)) {
            Ok(mut t) => {
                t.remove("sweep");
                (t, None)
            }
            Err(e) => (
                Table::new(),
                Some(Problem::new(
                    "",
                    Message::new("problem-not-writable").arg("why", e),
                    Message::new("valid-toml-integers"),
                )),
            ),
        };
        Paths {
            base: sc.clone(),
            leaves: leaves::leaves(&table),
            table,
            broken,
        }
    }

    /// Every leaf, in the order of the resolved file.
    pub fn leaves(&self) -> &[Leaf] {
        &self.leaves
    }

    /// Every path that holds a number, in the order of the resolved file.
    pub fn numbers(&self) -> impl Iterator<Item = &str> {
        self.leaves
            .iter()
            .filter(|l| l.kind.is_number())
            .map(|l| l.path.as_str())
    }

    fn leaf(&self, path: &str) -> Option<&Leaf> {
        self.leaves.iter().find(|l| l.path == path)
    }

    /// The names a choice at `path` may take: `true`/`false` for a flag, the
    /// loader's list for a restricted string; `None` for anything else.
    pub fn choices(&self, path: &str) -> Option<Vec<String>> {
        match self.leaf(path)?.kind {
            Kind::Flag => Some(vec!["true".into(), "false".into()]),
            Kind::Text => {
                let mut table = self.table.clone();
                leaves::put(&mut table, path, Value::String(PROBE.into()));
                let problems = from_table(table).err()?;
                let p = problems.iter().find(|p| p.key == path)?;
                (p.message.id == "problem-unknown-value").then(|| quoted(&p.valid.to_string()))
            }
            _ => None,
        }
    }

    /// Checks that `path` reaches a value valid for `usage`; its kind.
    pub fn kind(&self, path: &str, usage: Use) -> Result<Kind, Problem> {
        if let Some(p) = &self.broken {
            return Err(p.clone());
        }
        let (noun, nouns) = usage.noun();
        let Some(leaf) = self.leaf(path) else {
            let valid = self.valid(usage);
            let valid: Vec<&str> = valid.iter().map(String::as_str).collect();
            let exists = |p: &str| matches!(leaves::get(&self.table, p), Some(Value::Table(_)));
            return Err(unknown::unknown(path, &valid, exists, (noun, nouns)));
        };
        let choices = match leaf.kind {
            Kind::Real | Kind::Whole => return Ok(leaf.kind),
            Kind::Flag | Kind::Text => self.choices(path),
            Kind::List => None,
        };
        match (choices, usage) {
            (Some(_), Use::Set) => Ok(leaf.kind),
            (Some(names), Use::Vary) => Err(Problem::new(
                path,
                Message::new("problem-path-choice")
                    .arg("path", path)
                    .arg("names", list(&names)),
                Message::new("valid-path-number"),
            )),
            (None, _) => Err(Problem::new(
                path,
                Message::new(if leaf.kind == Kind::List {
                    "problem-path-list"
                } else {
                    "problem-path-text"
                })
                .arg("path", path)
                .with("noun", Message::new(noun)),
                Message::new("valid-path-to").with("noun", Message::new(noun)),
            )),
        }
    }

    /// Checks that `path` reaches a number; its kind.
    pub fn number(&self, path: &str) -> Result<Kind, Problem> {
        self.kind(path, Use::Vary)
    }

    /// Whether `path` holds a whole number.
    pub fn is_whole(&self, path: &str) -> bool {
        self.leaf(path).is_some_and(|l| l.kind == Kind::Whole)
    }

    /// The value `value` becomes when stored at `path`: rounded for whole
    /// numbers, at single precision for real numbers.
    pub fn stored(&self, path: &str, value: f64) -> f64 {
        if self.is_whole(path) {
            value.round()
        } else {
            value as f32 as f64
        }
    }

    /// The number at `path`.
    pub fn get(&self, path: &str) -> Result<f64, Problem> {
        self.number(path)?;
        Ok(match leaves::get(&self.table, path) {
            Some(Value::Integer(i)) => *i as f64,
            Some(Value::Float(x)) => *x,
            _ => f64::NAN,
        })
    }

    /// The scenario with the numbers at the given paths set (whole numbers
    /// rounded), read again with the loader's checks: every problem, or the
    /// scenario. Its `[sweep]` is the base scenario's.
    pub fn with<'a>(
        &self,
        values: impl IntoIterator<Item = (&'a str, f64)>,
    ) -> Result<Scenario, Vec<Problem>> {
        let mut table = None;
        let mut set = Vec::new();
        for (path, v) in values {
            set.push(path);
            let kind = self.number(path).map_err(|p| vec![p])?;
            let value = match kind {
                Kind::Whole => whole(path, v).map_err(|p| vec![p])?,
                _ => Value::Float(v),
            };
            leaves::put(table.get_or_insert_with(|| self.table.clone()), path, value);
        }
        match table {
            Some(t) => self.read(t, &set),
            None => Ok(self.base.clone()),
        }
    }

    /// The scenario with numbers or choices set to TOML values as given
    /// (`resim whatif --set`): the loader decides what each value may be
    /// (`frequency = "daily"` is a number by name, `target = "rural"` a choice).
    pub fn with_values<'a>(
        &self,
        values: impl IntoIterator<Item = (&'a str, Value)>,
    ) -> Result<Scenario, Vec<Problem>> {
        let mut table = None;
        let mut set = Vec::new();
        for (path, v) in values {
            set.push(path);
            self.kind(path, Use::Set).map_err(|p| vec![p])?;
            leaves::put(table.get_or_insert_with(|| self.table.clone()), path, v);
        }
        match table {
            Some(t) => self.read(t, &set),
            None => Ok(self.base.clone()),
        }
    }

    /// The loader's problem with the number at `path` set to `value`, if it
    /// refuses that value (problems elsewhere, e.g. of a combination, are
    /// left to the caller's check of the whole scenario).
    pub fn problem_with(&self, path: &str, value: f64) -> Option<Problem> {
        match self.with([(path, value)]) {
            Ok(_) => None,
            Err(ps) => ps
                .into_iter()
                .find(|p| p.key == path || p.key.starts_with(&format!("{path}."))),
        }
    }

    /// The keys directly under `prefix` (e.g. `strategies.S.contact_book`)
    /// whose paths are valid for `usage`, in the order of the resolved file.
    pub fn keys(&self, prefix: &str, usage: Use) -> Vec<String> {
        let within = format!("{prefix}.");
        self.leaves
            .iter()
            .filter_map(|l| Some((l, l.path.strip_prefix(&within)?)))
            .filter(|(l, k)| !k.contains('.') && self.accepts(l, usage))
            .map(|(_, k)| k.to_string())
            .collect()
    }

    /// Every path valid for `usage`.
    fn valid(&self, usage: Use) -> Vec<String> {
        self.leaves
            .iter()
            .filter(|l| self.accepts(l, usage))
            .map(|l| l.path.clone())
            .collect()
    }

    /// Whether `usage` may reach `leaf`.
    fn accepts(&self, leaf: &Leaf, usage: Use) -> bool {
        match (leaf.kind, usage) {
            (Kind::Real | Kind::Whole, _) => true,
            (Kind::Flag | Kind::Text, Use::Set) => self.choices(&leaf.path).is_some(),
            _ => false,
        }
    }

    /// Reads `table`, the base's table with the paths `set` changed; the
    /// base's parameter draws follow, with those paths fixed.
    fn read(&self, table: Table, set: &[&str]) -> Result<Scenario, Vec<Problem>> {
        let mut sc = from_table(table)?;
        sc.sweep = self.base.sweep.clone();
        if let Some(d) = &self.base.draws {
            sc.draws = Some(std::sync::Arc::new(d.rebase(&sc, set)?));
        }
        Ok(sc)
    }
}

/// A whole number as TOML: rounded; refused when it is not finite or
/// beyond TOML's integers (the loader checks the field's own range).
fn whole(path: &str, value: f64) -> Result<Value, Problem> {
    let r = value.round();
    if r.is_finite() && r.abs() < 9_223_372_036_854_775_807.0 {
        Ok(Value::Integer(r as i64))
    } else {
        Err(Problem::new(
            path,
            Message::new("problem-not-whole").arg("value", value),
            Message::new("valid-whole"),
        ))
    }
}

/// The names in backquotes of a loader's `valid` text, after any
/// "did you mean" lead.
fn quoted(valid: &str) -> Vec<String> {
    let names = valid.split_once("valid names: ").map_or(valid, |(_, l)| l);
    names
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

fn list(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Every path of `sc` that holds a number, in the order of the resolved file.
pub fn paths(sc: &Scenario) -> Vec<String> {
    Paths::of(sc).numbers().map(str::to_string).collect()
}

/// Checks that `path` names a number of `sc`.
pub fn check(sc: &Scenario, path: &str) -> Result<(), Problem> {
    Paths::of(sc).number(path).map(|_| ())
}

/// The number at `path`.
pub fn get(sc: &Scenario, path: &str) -> Result<f64, Problem> {
    Paths::of(sc).get(path)
}

/// Sets the number at `path` to `value` (whole numbers are rounded) and reads
/// the scenario again with the checks of loading a file. Many values or
/// many points: [`Paths::with`] reads once per change of the same base.
pub fn set(sc: &mut Scenario, path: &str, value: f64) -> Result<(), Vec<Problem>> {
    *sc = Paths::of(sc).with([(path, value)])?;
    Ok(())
}
