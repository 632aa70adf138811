//! Reading a results directory back: `effects.csv`, `trajectories.csv`,
//! `strategies.csv` and `manifest.json`, with errors naming file, line and column.

use std::collections::BTreeMap;
use std::path::Path;

use csv::StringRecord;

use super::ReportError;
use crate::scenario::Scenario;

/// One row of `effects.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct EffectRow {
    /// Strategy name.
    pub strategy: String,
    /// Subgroup name.
    pub subgroup: String,
    /// Outcome name.
    pub outcome: String,
    /// Students in the subgroup per replicate.
    pub students: f64,
    /// End-of-run mean under the strategy (a prevalence for `depressive`).
    pub mean: f64,
    /// End-of-run mean under the baseline.
    pub baseline_mean: f64,
    /// `mean - baseline_mean`.
    pub diff: f64,
    /// Lower end of the 95 % interval of `diff`.
    pub diff_lo: f64,
    /// Upper end of the 95 % interval of `diff`.
    pub diff_hi: f64,
    /// Hedges' g (positive = better).
    pub g: f64,
    /// Lower end of the 95 % interval of g.
    pub g_lo: f64,
    /// Upper end of the 95 % interval of g.
    pub g_hi: f64,
}

/// One week of a trajectory from `trajectories.csv`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrajPoint {
    /// Week (0 = start).
    pub week: u32,
    /// Mean over students (a prevalence for `depressive`).
    pub mean: f64,
    /// 10th percentile (NaN for binary outcomes).
    pub p10: f64,
    /// 90th percentile (NaN for binary outcomes).
    pub p90: f64,
}

/// One row of `strategies.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct StrategyRow {
    /// Strategy name.
    pub name: String,
    /// Components joined with `+`, or `none`.
    pub components: String,
    /// Cost per student per year (currency units).
    pub cost_per_student_year: f64,
    /// Teacher hours per student per year.
    pub teacher_hours_per_student_year: f64,
    /// Teacher hours per class per term.
    pub teacher_hours_per_class_term: f64,
    /// Resilience gain over the baseline, all students (points).
    pub resilience_gain: f64,
    /// Lower end of its 95 % interval.
    pub resilience_gain_lo: f64,
    /// Upper end of its 95 % interval.
    pub resilience_gain_hi: f64,
    /// Share with depressive symptoms at the end.
    pub depressive_prevalence: f64,
    /// Cases of depressive symptoms averted per 100 students.
    pub cases_averted_per_100: f64,
    /// Free text.
    pub description: String,
}

/// What `manifest.json` says about the run.
#[derive(Debug, Clone)]
pub struct RunInfo {
    /// Program that wrote the results.
    pub program: String,
    /// Its version.
    pub version: String,
    /// The scenario file as it was named.
    pub scenario_file: String,
    /// FNV-1a hash of the scenario file.
    pub scenario_hash: String,
    /// Master seed.
    pub seed: u64,
    /// Replicates.
    pub replicates: u64,
    /// Worker threads (results do not depend on it).
    pub threads: u64,
    /// Students per replicate.
    pub students: u64,
    /// Scenario name.
    pub name: String,
    /// Scenario description.
    pub description: String,
    /// Baseline strategy.
    pub baseline: String,
    /// The resolved scenario, when this version can read it back.
    pub scenario: Option<Scenario>,
    /// The resolved scenario as text (TOML, or JSON if it could not be read back).
    pub scenario_text: String,
}

/// Everything a report is drawn from.
#[derive(Debug, Clone)]
pub struct ReportData {
    /// Rows of `effects.csv`.
    pub effects: Vec<EffectRow>,
    /// Trajectories by (strategy, subgroup, outcome), weeks in order.
    pub trajectories: BTreeMap<(String, String, String), Vec<TrajPoint>>,
    /// Rows of `strategies.csv`, in scenario order.
    pub strategies: Vec<StrategyRow>,
    /// The manifest.
    pub run: RunInfo,
}

/// A parsed CSV file with named columns.
struct Table {
    file: String,
    headers: StringRecord,
    rows: Vec<StringRecord>,
}

impl Table {
    fn parse(file: &str, bytes: &[u8], required: &[&str]) -> Result<Table, ReportError> {
        let mut r = csv::Reader::from_reader(bytes);
        let headers = r
            .headers()
            .map_err(|e| ReportError::Input(format!("{file}: cannot read the header: {e}")))?
            .clone();
        let missing: Vec<&str> = required
            .iter()
            .copied()
            .filter(|c| !headers.iter().any(|h| h == *c))
            .collect();
        if !missing.is_empty() {
            return Err(ReportError::Input(format!(
                "{file}: missing column{} `{}`; was it written by `resim run`?",
                if missing.len() == 1 { "" } else { "s" },
                missing.join("`, `")
            )));
        }
        let mut rows = Vec::new();
        for (i, rec) in r.records().enumerate() {
            rows.push(rec.map_err(|e| ReportError::Input(format!("{file}:{}: {e}", i + 2)))?);
        }
        Ok(Table {
            file: file.to_string(),
            headers,
            rows,
        })
    }

    fn col(&self, name: &str) -> usize {
        self.headers.iter().position(|h| h == name).unwrap_or(0)
    }

    fn text<'r>(&self, row: &'r StringRecord, name: &str) -> &'r str {
        row.get(self.col(name)).unwrap_or("")
    }

    fn num(&self, line: usize, row: &StringRecord, name: &str) -> Result<f64, ReportError> {
        let s = self.text(row, name);
        if s == "NA" {
            return Ok(f64::NAN);
        }
        s.parse().map_err(|_| {
            ReportError::Input(format!(
                "{}:{}: column `{name}`: `{s}` is not a number",
                self.file,
                line + 2
            ))
        })
    }
}

fn read(dir: &Path, name: &str) -> Result<Vec<u8>, ReportError> {
    let path = dir.join(name);
    std::fs::read(&path).map_err(|e| {
        ReportError::Input(format!(
            "cannot read {}: {e}; give a directory written by `resim run`",
            path.display()
        ))
    })
}

impl ReportData {
    /// Reads the results in `dir`.
    pub fn from_dir(dir: &Path) -> Result<ReportData, ReportError> {
        if !dir.is_dir() {
            return Err(ReportError::Input(format!(
                "{} is not a directory; give a directory written by `resim run`",
                dir.display()
            )));
        }
        let d = dir.display();
        let effects = parse_effects(&format!("{d}/effects.csv"), &read(dir, "effects.csv")?)?;
        let trajectories = parse_trajectories(
            &format!("{d}/trajectories.csv"),
            &read(dir, "trajectories.csv")?,
        )?;
        let strategies = parse_strategies(
            &format!("{d}/strategies.csv"),
            &read(dir, "strategies.csv")?,
        )?;
        let run = parse_manifest(&format!("{d}/manifest.json"), &read(dir, "manifest.json")?)?;
        if strategies.is_empty() {
            return Err(ReportError::Input(format!(
                "{d}/strategies.csv has no strategies"
            )));
        }
        if !strategies.iter().any(|s| s.name == run.baseline) {
            return Err(ReportError::Input(format!(
                "{d}: the baseline `{}` named in manifest.json is not in strategies.csv",
                run.baseline
            )));
        }
        Ok(ReportData {
            effects,
            trajectories,
            strategies,
            run,
        })
    }

    /// The effect row of a strategy on an outcome in a subgroup.
    pub fn effect(&self, strategy: &str, subgroup: &str, outcome: &str) -> Option<&EffectRow> {
        self.effects
            .iter()
            .find(|e| e.strategy == strategy && e.subgroup == subgroup && e.outcome == outcome)
    }

    /// A trajectory, if the files have it.
    pub fn trajectory(&self, strategy: &str, subgroup: &str, outcome: &str) -> &[TrajPoint] {
        self.trajectories
            .get(&(strategy.into(), subgroup.into(), outcome.into()))
            .map(|v| v.as_slice())
            .unwrap_or(&[])
    }

    /// Whether any strategy has results for this subgroup.
    pub fn has_subgroup(&self, subgroup: &str) -> bool {
        self.effects.iter().any(|e| e.subgroup == subgroup)
    }

    /// Index of the baseline in [`ReportData::strategies`].
    pub fn baseline_index(&self) -> usize {
        self.strategies
            .iter()
            .position(|s| s.name == self.run.baseline)
            .unwrap_or(0)
    }

    /// The last week with results.
    pub fn last_week(&self) -> u32 {
        self.trajectories
            .values()
            .filter_map(|v| v.last())
            .map(|p| p.week)
            .max()
            .unwrap_or(0)
    }
}

fn parse_effects(file: &str, bytes: &[u8]) -> Result<Vec<EffectRow>, ReportError> {
    let cols = [
        "strategy",
        "subgroup",
        "outcome",
        "students",
        "mean",
        "baseline_mean",
        "diff",
        "diff_lo",
        "diff_hi",
        "hedges_g",
        "g_lo",
        "g_hi",
    ];
    let t = Table::parse(file, bytes, &cols)?;
    let mut out = Vec::with_capacity(t.rows.len());
    for (i, r) in t.rows.iter().enumerate() {
        out.push(EffectRow {
            strategy: t.text(r, "strategy").into(),
            subgroup: t.text(r, "subgroup").into(),
            outcome: t.text(r, "outcome").into(),
            students: t.num(i, r, "students")?,
            mean: t.num(i, r, "mean")?,
            baseline_mean: t.num(i, r, "baseline_mean")?,
            diff: t.num(i, r, "diff")?,
            diff_lo: t.num(i, r, "diff_lo")?,
            diff_hi: t.num(i, r, "diff_hi")?,
            g: t.num(i, r, "hedges_g")?,
            g_lo: t.num(i, r, "g_lo")?,
            g_hi: t.num(i, r, "g_hi")?,
        });
    }
    Ok(out)
}

type Trajectories = BTreeMap<(String, String, String), Vec<TrajPoint>>;

fn parse_trajectories(file: &str, bytes: &[u8]) -> Result<Trajectories, ReportError> {
    let cols = [
        "strategy", "subgroup", "week", "outcome", "mean", "p10", "p90",
    ];
    let t = Table::parse(file, bytes, &cols)?;
    let mut out: Trajectories = BTreeMap::new();
    for (i, r) in t.rows.iter().enumerate() {
        let week = t.num(i, r, "week")?;
        if !(week >= 0.0 && week.fract() == 0.0) {
            return Err(ReportError::Input(format!(
                "{file}:{}: column `week`: `{week}` is not a week number",
                i + 2
            )));
        }
        let key = (
            t.text(r, "strategy").to_string(),
            t.text(r, "subgroup").to_string(),
            t.text(r, "outcome").to_string(),
        );
        out.entry(key).or_default().push(TrajPoint {
            week: week as u32,
            mean: t.num(i, r, "mean")?,
            p10: t.num(i, r, "p10")?,
            p90: t.num(i, r, "p90")?,
        });
    }
    for v in out.values_mut() {
        v.sort_by_key(|p| p.week);
    }
    Ok(out)
}

fn parse_strategies(file: &str, bytes: &[u8]) -> Result<Vec<StrategyRow>, ReportError> {
    let cols = [
        "strategy",
        "components",
        "cost_per_student_year",
        "teacher_hours_per_student_year",
        "teacher_hours_per_class_term",
        "resilience_gain",
        "resilience_gain_lo",
        "resilience_gain_hi",
        "depressive_prevalence",
        "cases_averted_per_100",
        "description",
    ];
    let t = Table::parse(file, bytes, &cols)?;
    let mut out = Vec::with_capacity(t.rows.len());
    for (i, r) in t.rows.iter().enumerate() {
        out.push(StrategyRow {
            name: t.text(r, "strategy").into(),
            components: t.text(r, "components").into(),
            cost_per_student_year: t.num(i, r, "cost_per_student_year")?,
            teacher_hours_per_student_year: t.num(i, r, "teacher_hours_per_student_year")?,
            teacher_hours_per_class_term: t.num(i, r, "teacher_hours_per_class_term")?,
            resilience_gain: t.num(i, r, "resilience_gain")?,
            resilience_gain_lo: t.num(i, r, "resilience_gain_lo")?,
            resilience_gain_hi: t.num(i, r, "resilience_gain_hi")?,
            depressive_prevalence: t.num(i, r, "depressive_prevalence")?,
            cases_averted_per_100: t.num(i, r, "cases_averted_per_100")?,
            description: t.text(r, "description").into(),
        });
    }
    Ok(out)
}

fn parse_manifest(file: &str, bytes: &[u8]) -> Result<RunInfo, ReportError> {
    let v: serde_json::Value = serde_json::from_slice(bytes)
        .map_err(|e| ReportError::Input(format!("{file}: not valid JSON: {e}")))?;
    let missing = |key: &str| ReportError::Input(format!("{file}: missing or wrong `{key}`"));
    let text = |key: &str| {
        v.get(key)
            .and_then(|x| x.as_str())
            .map(String::from)
            .ok_or_else(|| missing(key))
    };
    let int = |key: &str| {
        v.get(key)
            .and_then(|x| x.as_u64())
            .ok_or_else(|| missing(key))
    };
    let sc_json = v.get("scenario").ok_or_else(|| missing("scenario"))?;
    let sc_text = |key: &str| {
        sc_json
            .get(key)
            .and_then(|x| x.as_str())
            .map(String::from)
            .ok_or_else(|| missing(&format!("scenario.{key}")))
    };
    let scenario: Option<Scenario> = serde_json::from_value(sc_json.clone()).ok();
    let scenario_text = match &scenario {
        Some(sc) => sc.to_toml(),
        None => serde_json::to_string_pretty(sc_json).unwrap_or_default(),
    };
    Ok(RunInfo {
        program: text("program")?,
        version: text("version")?,
        scenario_file: text("scenario_file")?,
        scenario_hash: text("scenario_hash")?,
        seed: int("seed")?,
        replicates: int("replicates")?,
        threads: int("threads")?,
        students: int("students")?,
        name: sc_text("name")?,
        description: sc_text("description").unwrap_or_default(),
        baseline: sc_text("baseline")?,
        scenario,
        scenario_text,
    })
}
