//! Reading a results directory back: `effects.csv`, `trajectories.csv`,
//! `strategies.csv` and `manifest.json`, with errors naming file, line and column.

use std::collections::BTreeMap;
use std::path::Path;

use super::ReportError;
use crate::engine::BurnInCheck;
use crate::output::{self, MANIFEST, ReadError, SavedSet, SetError, TrajectoryRow, read_rows};
use crate::problem::Message;
use crate::scenario::Scenario;

pub use crate::output::{
    AcceptabilityRow, DecisionRow, EffectRow, EquityRow, EvpiFileRow, StrategyRow,
};

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

/// What `manifest.json` says about the run.
#[derive(Debug, Clone)]
pub struct RunInfo {
    /// Program that wrote the results.
    pub program: String,
    /// Its version.
    pub version: String,
    /// The git commit it was built from (older manifests do not record it).
    pub git_commit: Option<String>,
    /// The identity of the model parameters (older manifests do not record it).
    pub parameter_set_hash: Option<String>,
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
    /// The steady-state check of the run's burn-in (`steady_state`; not in
    /// older manifests).
    pub steady_state: Option<BurnInCheck>,
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
    /// Rows of `equity.csv` (empty for results written before it existed).
    pub equity: Vec<EquityRow>,
    /// Rows of `decision.csv` (empty for results written before it existed).
    pub decision: Vec<DecisionRow>,
    /// Rows of `ceac.csv` (empty without parameter uncertainty).
    pub ceac: Vec<AcceptabilityRow>,
    /// Rows of `evpi.csv` (empty without parameter uncertainty).
    pub evpi: Vec<EvpiFileRow>,
    /// The manifest.
    pub run: RunInfo,
}

/// The files a run's result set may lack: older results, or a run without
/// parameter uncertainty (`ceac.csv`, which comes with `evpi.csv`).
const OPTIONAL: [&str; 3] = ["equity.csv", "decision.csv", "ceac.csv"];

/// Reads `name` of the result set in `dir`, checked against its manifest.
fn read_file(set: &SavedSet, name: &str) -> Result<Vec<u8>, ReportError> {
    if name == MANIFEST {
        return Ok(set.manifest.clone());
    }
    set.read(name).map_err(|e| match e {
        SetError::Input(e) => ReportError::Input(
            Message::new("problem-report-unreadable").with("message", e.message()),
        ),
        e => ReportError::Input(e.message()),
    })
}

/// Which optional files a results set holds — `OPTIONAL`'s, then whether
/// the trajectories are read from the CSV (unless only Parquet is there).
fn presence(has: impl Fn(&str) -> bool) -> [bool; 4] {
    let [equity, decision, ceac] = OPTIONAL.map(&has);
    let trajectories_csv = has("trajectories.csv") || !has("trajectories.parquet");
    [equity, decision, ceac, trajectories_csv]
}

impl ReportData {
    /// Reads the results in `dir`, each file checked against the
    /// manifest: a set that is not whole is refused, naming the file.
    pub fn from_dir(dir: &Path) -> Result<ReportData, ReportError> {
        if !dir.is_dir() {
            return Err(super::not_a_directory(dir));
        }
        let set = SavedSet::open(dir).map_err(|e| match e {
            SetError::NoManifest { .. } => ReportError::Input(
                Message::new("problem-report-no-manifest")
                    .arg("file", dir.join(MANIFEST).display()),
            ),
            e => ReportError::Input(e.message()),
        })?;
        if set.json["command"].as_str().is_some_and(|c| c != "run") {
            return Err(ReportError::Input(
                Message::new("problem-report-other-command")
                    .arg("dir", dir.display())
                    .arg("command", set.json["command"].as_str().unwrap_or("?")),
            ));
        }
        let has = presence(|f| set.has(f));
        ReportData::read_with(&dir.display().to_string(), has, |name| {
            read_file(&set, name)
        })
    }

    /// Reads the results from the bytes of their files, by name (as a run
    /// writes them, before or instead of writing them); `dir` names them in
    /// messages.
    pub fn from_files(dir: &str, files: &[(&str, Vec<u8>)]) -> Result<ReportData, ReportError> {
        let has = presence(|f| files.iter().any(|(n, _)| *n == f));
        ReportData::read_with(dir, has, |name| {
            files
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, b)| b.clone())
                .ok_or_else(|| {
                    ReportError::Input(
                        Message::new("problem-report-file-missing")
                            .arg("dir", dir)
                            .arg("name", name),
                    )
                })
        })
    }

    fn read_with(
        d: &str,
        [has_equity, has_decision, has_ceac, has_trajectories_csv]: [bool; 4],
        read_file: impl Fn(&str) -> Result<Vec<u8>, ReportError>,
    ) -> Result<ReportData, ReportError> {
        let effects: Vec<EffectRow> =
            rows(&format!("{d}/effects.csv"), &read_file("effects.csv")?)?;
        let trajectories = trajectories(output::read_table_rows(
            d,
            "trajectories",
            has_trajectories_csv,
            &read_file,
        )?);
        let strategies: Vec<StrategyRow> = rows(
            &format!("{d}/strategies.csv"),
            &read_file("strategies.csv")?,
        )?;
        let equity: Vec<EquityRow> = if has_equity {
            rows(&format!("{d}/equity.csv"), &read_file("equity.csv")?)?
        } else {
            Vec::new()
        };
        let decision: Vec<DecisionRow> = if has_decision {
            rows(&format!("{d}/decision.csv"), &read_file("decision.csv")?)?
        } else {
            Vec::new()
        };
        let (ceac, evpi): (Vec<AcceptabilityRow>, Vec<EvpiFileRow>) = if has_ceac {
            (
                rows(&format!("{d}/ceac.csv"), &read_file("ceac.csv")?)?,
                rows(&format!("{d}/evpi.csv"), &read_file("evpi.csv")?)?,
            )
        } else {
            (Vec::new(), Vec::new())
        };
        let run = parse_manifest(&format!("{d}/manifest.json"), &read_file("manifest.json")?)?;
        if strategies.is_empty() {
            return Err(ReportError::Input(
                Message::new("problem-report-no-strategies").arg("dir", d),
            ));
        }
        if !strategies.iter().any(|s| s.name == run.baseline) {
            return Err(ReportError::Input(
                Message::new("problem-report-baseline-missing")
                    .arg("dir", d)
                    .arg("baseline", &run.baseline),
            ));
        }
        Ok(ReportData {
            effects,
            trajectories,
            strategies,
            equity,
            decision,
            ceac,
            evpi,
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

/// A results file's rows as a report input error: file, line and column,
/// and for a wrong header where such files come from.
fn rows<T: serde::de::DeserializeOwned>(file: &str, bytes: &[u8]) -> Result<Vec<T>, ReportError> {
    read_rows(file, bytes).map_err(|e: ReadError| {
        ReportError::Input(if e.line == Some(1) {
            Message::new("problem-report-header-hint").with("message", e.message())
        } else {
            e.message()
        })
    })
}

type Trajectories = BTreeMap<(String, String, String), Vec<TrajPoint>>;

/// `trajectories.csv` as one line per strategy, subgroup and outcome.
fn trajectories(rows: Vec<TrajectoryRow>) -> Trajectories {
    let mut out: Trajectories = BTreeMap::new();
    for r in rows {
        out.entry((r.strategy, r.subgroup, r.outcome))
            .or_default()
            .push(TrajPoint {
                week: r.week,
                mean: r.mean,
                p10: r.p10,
                p90: r.p90,
            });
    }
    for v in out.values_mut() {
        v.sort_by_key(|p| p.week);
    }
    out
}

fn parse_manifest(file: &str, bytes: &[u8]) -> Result<RunInfo, ReportError> {
    let v: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
        ReportError::Input(
            Message::new("problem-report-not-json")
                .arg("file", file)
                .arg("message", e),
        )
    })?;
    let missing = |key: &str| {
        ReportError::Input(
            Message::new("problem-report-manifest-key")
                .arg("file", file)
                .arg("key", key),
        )
    };
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
        git_commit: text("git_commit").ok(),
        parameter_set_hash: text("parameter_set_hash").ok(),
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
        steady_state: output::recorded_check(&v),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{self, Manifest, effect_rows, strategy_rows};

    /// Writes the files `resim run` writes for a quickstart run into a
    /// temporary directory.
    fn run_dir() -> (tempfile::TempDir, Scenario, crate::stats::Summary) {
        let (sc, summary) = output::tests::quickstart();
        let dir = tempfile::tempdir().unwrap();
        let mut files = Vec::new();
        let mut write = |name: &str, bytes: &[u8]| {
            std::fs::write(dir.path().join(name), bytes).unwrap();
            files.push(output::FileEntry {
                name: name.into(),
                bytes: bytes.len() as u64,
                fnv1a: output::fnv1a(bytes),
            });
        };
        write("effects.csv", &output::effects_csv(&summary));
        write("trajectories.csv", &output::trajectories_csv(&summary));
        write("strategies.csv", &output::strategies_csv(&sc, &summary));
        let manifest = Manifest {
            program: "resim",
            version: "test",
            git_commit: output::GIT_COMMIT,
            command: "run",
            scenario_file: "scenarios/quickstart.toml".into(),
            scenario_hash: output::fnv1a(b"quickstart"),
            parameter_set_hash: output::parameter_set_hash(&sc),
            uncertainty: None,
            seed: sc.run.seed,
            replicates: summary.replicates,
            threads: 1,
            students: sc.students(),
            student_weeks: 0,
            wall_seconds: 0.0,
            student_weeks_per_second: 0.0,
            memory_estimate_bytes: 0,
            steady_state: None,
            files,
            scenario: &sc,
        };
        std::fs::write(
            dir.path().join("manifest.json"),
            serde_json::to_vec(&manifest).unwrap(),
        )
        .unwrap();
        (dir, sc, summary)
    }

    #[test]
    fn the_report_reads_the_outputs_of_a_run() {
        let (dir, sc, summary) = run_dir();
        let data = ReportData::from_dir(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        let computed = effect_rows(&summary);
        assert_eq!(data.effects.len(), computed.len());
        for (r, c) in data.effects.iter().zip(&computed) {
            assert_eq!(
                (&r.strategy, &r.subgroup, &r.outcome),
                (&c.strategy, &c.subgroup, &c.outcome)
            );
            for (a, b) in [
                (r.diff, c.diff),
                (r.g, c.g),
                (r.g_lo, c.g_lo),
                (r.mean, c.mean),
            ] {
                // Printed with 6 decimals: at most half a unit in the last place
                // (a value exactly halfway, e.g. 15/128, may round either way).
                assert!((a - b).abs() <= 5e-7 + 1e-12, "{r:?} vs {c:?}");
            }
        }
        let names: Vec<&str> = data.strategies.iter().map(|s| s.name.as_str()).collect();
        let expected: Vec<String> = strategy_rows(&sc, &summary)
            .into_iter()
            .map(|s| s.name)
            .collect();
        assert_eq!(names, expected);
        assert_eq!(data.strategies[data.baseline_index()].name, sc.baseline);
        let line = data.trajectory(&sc.baseline, "all", "resilience");
        assert_eq!(line.len(), summary.weeks);
        assert!(line.windows(2).all(|w| w[0].week + 1 == w[1].week));
        assert_eq!(data.last_week() as usize, summary.weeks - 1);
        assert!(data.has_subgroup("rural"));
        assert_eq!(data.run.replicates, 2);
    }

    #[test]
    fn a_bad_cell_is_reported_with_file_line_and_column() {
        let (dir, _, _) = run_dir();
        let path = dir.path().join("effects.csv");
        let text = std::fs::read_to_string(&path).unwrap();
        let mut lines: Vec<String> = text.lines().map(String::from).collect();
        // Row 2 of the data (line 3): its `mean` (5th column) is not a number.
        let mut cells: Vec<&str> = lines[2].split(',').collect();
        cells[4] = "lots";
        lines[2] = cells.join(",");
        std::fs::write(&path, lines.join("\n")).unwrap();
        // The edited file no longer matches the manifest: refused as such.
        let e = ReportData::from_dir(dir.path()).unwrap_err().to_string();
        assert!(
            e.contains("effects.csv does not match manifest.json"),
            "{e}"
        );
        // A manifest that lists no files (an older version's) reads the
        // files unchecked; the bad cell is then named.
        let manifest = dir.path().join("manifest.json");
        let mut m: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&manifest).unwrap()).unwrap();
        m.as_object_mut().unwrap().remove("files");
        std::fs::write(&manifest, serde_json::to_vec(&m).unwrap()).unwrap();
        let e = ReportData::from_dir(dir.path()).unwrap_err().to_string();
        assert!(
            e.contains("effects.csv:3: column `mean`: `lots` is not a number"),
            "{e}"
        );

        std::fs::write(&path, "strategy,subgroup\nx,all\n").unwrap();
        let e = ReportData::from_dir(dir.path()).unwrap_err().to_string();
        assert!(
            e.contains("effects.csv:1: missing columns `outcome`"),
            "{e}"
        );
        assert!(e.contains("resim run"), "{e}");
    }

    /// A results folder the report cannot read says why as the CLI has
    /// always printed it, and in Chinese on Chinese pages.
    #[test]
    fn unreadable_results_read_as_the_cli_prints_them_and_in_chinese() {
        use crate::i18n::Lang;
        let missing = ReportData::from_files("results/q", &[]).err().unwrap();
        let not_json = parse_manifest("results/q/manifest.json", b"{")
            .err()
            .unwrap();
        let no_key = parse_manifest("results/q/manifest.json", b"{}")
            .err()
            .unwrap();
        let mut all = vec![
            (
                missing.message(),
                "results/q/".to_string(),
                " is missing".to_string(),
            ),
            (
                not_json.message(),
                "results/q/manifest.json: not valid JSON: ".to_string(),
                "EOF".to_string(),
            ),
            (
                no_key.message(),
                "results/q/manifest.json: missing or wrong `".to_string(),
                "`".to_string(),
            ),
        ];
        for (m, english) in [
            (
                Message::new("problem-report-no-strategies").arg("dir", "results/q"),
                "results/q/strategies.csv has no strategies",
            ),
            (
                Message::new("problem-report-baseline-missing")
                    .arg("dir", "results/q")
                    .arg("baseline", "usual_practice"),
                "results/q: the baseline `usual_practice` named in manifest.json is not in strategies.csv",
            ),
            (
                Message::new("problem-report-header-hint").with(
                    "message",
                    Message::verbatim("results/q/effects.csv line 1: bad header"),
                ),
                "results/q/effects.csv line 1: bad header; was it written by `resim run`?",
            ),
        ] {
            all.push((m, english.to_string(), english.to_string()));
        }
        for (m, start, end) in all {
            let en = m.render(Lang::En);
            assert!(en.starts_with(&start) && en.contains(&end), "{en}");
            let zh = m.render(Lang::ZhCn);
            assert_ne!(zh, en, "{}", m.id);
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
        }
    }
}
