//! `sweep.csv`, streamed point by point, and the manifest of sweeps and
//! sensitivity analyses.
//!
//! `sweep.csv` has a variable set of columns: `point` ([`PointColumn`]), one
//! column per swept parameter (named by its path), then the columns of
//! `effects.csv` ([`EffectRow`]). A line is written as the tuple
//! `(PointColumn, parameter values, EffectRow)`, which `csv` writes as
//! consecutive fields; the header is [`columns`] of the two structs with the
//! parameter paths between them, so the fixed columns are declared once, by
//! their structs. [`read_sweep`] splits the header the same way.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::plan::{Plan, format_value};
use crate::output::tidy::{CsvBytes, ReadError, Table, columns};
use crate::output::{
    AtomicFile, EffectRow, FileEntry, OutputDir, OutputError, OutputFormat, effect_rows,
};
use crate::scenario::Scenario;
use crate::stats::Summary;

/// The column that opens every row of `sweep.csv` and
/// `sensitivity_points.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PointColumn {
    /// Design point number (0-based, in the order of the design: on a grid
    /// the first parameter varies slowest).
    pub point: u64,
}

/// A whole row of `sweep.csv`: one design point's effect of one strategy on
/// one outcome in one subgroup.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepRow {
    /// Design point number (column `point`).
    pub point: u64,
    /// The value of each swept parameter at the point, in the order of the
    /// header (written as a whole number for paths that are rounded, else
    /// as the shortest text of its single-precision value).
    pub values: Vec<f64>,
    /// The columns of `effects.csv` at the point.
    pub effect: EffectRow,
}

/// `sweep.csv` read back.
#[derive(Debug, Clone, PartialEq)]
pub struct Sweep {
    /// Swept parameter paths, in column order.
    pub parameters: Vec<String>,
    /// The rows, in file order.
    pub rows: Vec<SweepRow>,
}

/// The header line of `sweep.csv` for these swept parameters.
pub fn sweep_header(parameters: &[String]) -> Vec<u8> {
    let header = columns::<PointColumn>()
        .iter()
        .copied()
        .chain(parameters.iter().map(String::as_str))
        .chain(columns::<EffectRow>().iter().copied());
    CsvBytes::new(header).into_bytes()
}

/// The rows of `sweep.csv` for point `p` of a plan.
pub fn sweep_rows(plan: &Plan, p: u64, summary: &Summary) -> Vec<SweepRow> {
    let values = plan.values(p);
    effect_rows(summary)
        .into_iter()
        .map(|effect| SweepRow {
            point: p,
            values: values.clone(),
            effect,
        })
        .collect()
}

/// Lines of `sweep.csv` (without the header); `whole` says which swept
/// parameters hold whole numbers ([`Plan::whole`]), which is how each value
/// is written.
pub fn sweep_lines(whole: &[bool], rows: &[SweepRow]) -> Vec<u8> {
    let mut out = CsvBytes::new(None::<&str>);
    for r in rows {
        let values: Vec<String> = whole
            .iter()
            .zip(&r.values)
            .map(|(&w, &v)| format_value(w, v))
            .collect();
        out.row(&(PointColumn { point: r.point }, values, &r.effect));
    }
    out.into_bytes()
}

/// Reads `sweep.csv` back; `file` names it in messages.
pub fn read_sweep(file: &str, bytes: &[u8]) -> Result<Sweep, ReadError> {
    let t = Table::parse(file, bytes)?;
    let point = t.expect::<PointColumn>(0)?;
    let effect = t.expect::<EffectRow>(
        t.headers
            .len()
            .saturating_sub(columns::<EffectRow>().len())
            .max(point.end),
    )?;
    let values = point.end..effect.start;
    let rows = (0..t.records.len())
        .map(|i| {
            Ok(SweepRow {
                point: t.part::<PointColumn>(i, point.clone())?.point,
                values: t.cells(i, values.clone())?,
                effect: t.part(i, effect.clone())?,
            })
        })
        .collect::<Result<_, ReadError>>()?;
    Ok(Sweep {
        parameters: t.names(values),
        rows,
    })
}

/// `sweep.csv`: `point`, each swept parameter, then the columns of
/// `effects.csv`; one row per point × strategy × subgroup × outcome.
pub struct SweepCsv {
    file: AtomicFile,
    path: PathBuf,
    whole: Vec<bool>,
}

impl SweepCsv {
    /// Starts `path` (under a temporary name) and writes the header.
    pub fn create(path: &Path, parameters: &[String]) -> Result<SweepCsv, OutputError> {
        let mut file = AtomicFile::create(path)?;
        file.write_all(&sweep_header(parameters))
            .map_err(|source| OutputError::Io {
                path: path.to_path_buf(),
                source,
            })?;
        Ok(SweepCsv {
            file,
            path: path.to_path_buf(),
            whole: Vec::new(),
        })
    }

    /// Appends the rows of point `p`.
    pub fn point(&mut self, plan: &Plan, p: u64, summary: &Summary) -> Result<(), OutputError> {
        if self.whole.len() != plan.parameters.len() {
            self.whole = plan.whole();
        }
        let lines = sweep_lines(&self.whole, &sweep_rows(plan, p, summary));
        self.file
            .write_all(&lines)
            .map_err(|source| OutputError::Io {
                path: self.path.clone(),
                source,
            })
    }

    /// Appends rows kept in memory.
    pub fn rows(&mut self, plan: &Plan, rows: &[SweepRow]) -> Result<(), OutputError> {
        let lines = sweep_lines(&plan.whole(), rows);
        self.file
            .write_all(&lines)
            .map_err(|source| OutputError::Io {
                path: self.path.clone(),
                source,
            })
    }

    /// Renames the finished file into place.
    pub fn commit(self) -> Result<(), OutputError> {
        self.file.commit()
    }

    /// The file being written, to commit with the rest of a result set.
    pub fn into_file(self) -> AtomicFile {
        self.file
    }
}

/// The swept values of a row as a CSV reader reads them back: each
/// parameter's value as written in `sweep.csv` (a whole number, or the
/// shortest text of its single-precision value), so both formats hold the
/// same numbers.
pub fn written_values(whole: &[bool], values: &[f64]) -> Vec<f64> {
    whole
        .iter()
        .zip(values)
        .map(|(&w, &v)| format_value(w, v).parse().unwrap_or(f64::NAN))
        .collect()
}

/// The columns of `sweep.parquet` for these swept parameters: those of
/// `sweep.csv`, typed (`point`, a number per parameter, then the columns of
/// `effects.csv`).
#[cfg(feature = "parquet")]
pub fn sweep_columns(parameters: &[String]) -> Vec<crate::output::columnar::Column> {
    use crate::output::columnar::{Column, columns_of};
    let mut cols = columns_of::<PointColumn>();
    cols.extend(parameters.iter().map(|p| Column::number(p)));
    cols.extend(columns_of::<EffectRow>());
    cols
}

/// Reads `sweep.parquet` back; `file` names it in messages.
#[cfg(feature = "parquet")]
pub fn read_sweep_parquet(file: &str, bytes: Vec<u8>) -> Result<Sweep, ReadError> {
    use crate::output::columnar::{ParquetTable, columns_of};
    let t = ParquetTable::parse(file, bytes)?;
    let point = t.expect(&columns_of::<PointColumn>(), 0)?;
    let effect_cols = columns_of::<EffectRow>();
    let effect = t.expect(
        &effect_cols,
        t.names
            .len()
            .saturating_sub(effect_cols.len())
            .max(point.end),
    )?;
    let values = point.end..effect.start;
    let parameters = t.numbers(values.clone())?;
    let rows = t.map_rows(|r| {
        Ok(SweepRow {
            point: r.part::<PointColumn>(point.clone())?.point,
            values: r.numbers(values.clone()),
            effect: r.part(effect.clone())?,
        })
    })?;
    Ok(Sweep { parameters, rows })
}

/// `sweep.parquet` being written point by point.
#[cfg(feature = "parquet")]
struct SweepParquet {
    file: crate::output::columnar::ParquetFile<AtomicFile>,
}

#[cfg(feature = "parquet")]
impl SweepParquet {
    fn rows(&mut self, whole: &[bool], rows: &[SweepRow]) -> Result<(), OutputError> {
        use crate::output::tidy::Cells;
        for r in rows {
            let values = written_values(whole, &r.values);
            self.file
                .push(&(PointColumn { point: r.point }, Cells(&values), &r.effect))?;
        }
        Ok(())
    }
}

/// The table of a sweep in its format: `sweep.csv`, `sweep.parquet` or
/// both, streamed point by point under temporary names.
pub struct SweepFiles {
    csv: Option<SweepCsv>,
    #[cfg(feature = "parquet")]
    parquet: Option<SweepParquet>,
    whole: Vec<bool>,
}

impl SweepFiles {
    /// Starts the files of `format` in `dir`.
    pub fn create(
        dir: &OutputDir,
        parameters: &[String],
        format: OutputFormat,
    ) -> Result<SweepFiles, OutputError> {
        let csv = if format.csv() {
            Some(SweepCsv::create(&dir.file("sweep.csv"), parameters)?)
        } else {
            None
        };
        #[cfg(feature = "parquet")]
        let parquet = if format.parquet() {
            let path = dir.file("sweep.parquet");
            Some(SweepParquet {
                file: crate::output::columnar::ParquetFile::new(
                    AtomicFile::create(&path)?,
                    &sweep_columns(parameters),
                    &path,
                )?,
            })
        } else {
            None
        };
        Ok(SweepFiles {
            csv,
            #[cfg(feature = "parquet")]
            parquet,
            whole: Vec::new(),
        })
    }

    /// Appends the rows of point `p`.
    pub fn point(&mut self, plan: &Plan, p: u64, summary: &Summary) -> Result<(), OutputError> {
        self.rows(plan, &sweep_rows(plan, p, summary))
    }

    /// Appends rows.
    pub fn rows(&mut self, plan: &Plan, rows: &[SweepRow]) -> Result<(), OutputError> {
        if self.whole.len() != plan.parameters.len() {
            self.whole = plan.whole();
        }
        if let Some(csv) = &mut self.csv {
            csv.rows(plan, rows)?;
        }
        #[cfg(feature = "parquet")]
        if let Some(pq) = &mut self.parquet {
            pq.rows(&self.whole, rows)?;
        }
        Ok(())
    }

    /// The finished files, to commit with the rest of a result set.
    pub fn into_files(self) -> Result<Vec<AtomicFile>, OutputError> {
        let files = self.csv.map(SweepCsv::into_file).into_iter();
        #[cfg(feature = "parquet")]
        let files = files.chain(self.parquet.map(|pq| pq.file.finish()).transpose()?);
        Ok(files.collect())
    }
}

/// `manifest.json` of a sweep or sensitivity analysis.
#[derive(Debug, Serialize)]
pub struct JobManifest<'a> {
    /// Program name.
    pub program: &'static str,
    /// Program version.
    pub version: &'static str,
    /// The git commit the program was built from (`output::GIT_COMMIT`).
    pub git_commit: &'static str,
    /// `sweep` or `sensitivity`.
    pub command: &'static str,
    /// Scenario file as given.
    pub scenario_file: &'a str,
    /// FNV-1a hash of the scenario file's bytes.
    pub scenario_hash: &'a str,
    /// The identity of the base scenario's model parameters
    /// (`output::parameter_set_hash`; each point changes the swept ones).
    pub parameter_set_hash: String,
    /// Master seed (every point uses its replicate keys).
    pub seed: u64,
    /// Replicates per point.
    pub replicates: u32,
    /// Points run.
    pub points: u64,
    /// Swept parameters.
    pub parameters: &'a [String],
    /// Command options that shape the results (sensitivity design, outputs).
    pub options: &'a serde_json::Value,
    /// Shards the work was split into (1: one machine).
    pub shards: u32,
    /// Worker threads (of shard 0 when merged).
    pub threads: usize,
    /// Wall-clock seconds of the simulation (summed over shards when merged).
    pub wall_seconds: f64,
    /// Every file of the result set with its size and checksum (the
    /// manifest is written last; readers check the files against it).
    pub files: Vec<FileEntry>,
    /// The resolved base scenario.
    pub scenario: &'a Scenario,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tidy::documented_columns;

    fn effect(strategy: &str, g: f64) -> EffectRow {
        EffectRow {
            strategy: strategy.into(),
            subgroup: "all".into(),
            outcome: "resilience".into(),
            students: 60.0,
            mean: 59.774126,
            baseline_mean: 59.774126,
            diff: 0.5,
            diff_lo: 0.25,
            diff_hi: 0.75,
            diff_ui_lo: f64::NAN,
            diff_ui_hi: f64::NAN,
            spread_of: "chance".into(),
            g,
            g_lo: g - 0.01,
            g_hi: g + 0.01,
            g_sd: 0.02,
            p_better: 1.0,
            replicates: 3,
        }
    }

    #[test]
    fn sweep_csv_round_trips_with_a_column_per_parameter() {
        let parameters = vec![
            "stress.academic_load".to_string(),
            "population.class_size".to_string(),
        ];
        let rows = vec![
            SweepRow {
                point: 0,
                values: vec![0.06, 30.0],
                effect: effect("usual_practice", 0.0),
            },
            SweepRow {
                point: 1,
                values: vec![0.14, 45.0],
                effect: effect("full_programme", f64::NAN),
            },
        ];
        let mut bytes = sweep_header(&parameters);
        bytes.extend(sweep_lines(&[false, true], &rows));
        let text = String::from_utf8(bytes.clone()).unwrap();
        let mut lines = text.lines();
        assert_eq!(
            lines.next().unwrap(),
            format!(
                "point,stress.academic_load,population.class_size,{}",
                columns::<EffectRow>().join(",")
            )
        );
        assert!(
            lines
                .next()
                .unwrap()
                .starts_with("0,0.06,30,usual_practice,all,")
        );
        assert!(lines.next().unwrap().contains(",NA,"));
        let back = read_sweep("sweep.csv", &bytes).unwrap();
        assert_eq!(back.parameters, parameters);
        assert_eq!(format!("{:?}", back.rows), format!("{rows:?}"));
    }

    #[test]
    fn a_sweep_without_parameters_or_with_a_wrong_header_is_read_or_refused() {
        let mut bytes = sweep_header(&[]);
        bytes.extend(sweep_lines(
            &[],
            &[SweepRow {
                point: 0,
                values: vec![],
                effect: effect("a", 0.5),
            }],
        ));
        let back = read_sweep("sweep.csv", &bytes).unwrap();
        assert!(back.parameters.is_empty());
        assert_eq!(back.rows[0].effect.g, 0.5);
        let e = read_sweep("sweep.csv", b"point,x,strategy\n0,1,a\n").unwrap_err();
        assert_eq!(e.line, Some(1), "{e}");
    }

    #[test]
    fn sweep_csv_has_the_columns_the_readme_documents() {
        assert_eq!(documented_columns("sweep.csv"), columns::<PointColumn>());
        let readme = include_str!("../../README.md");
        let row = readme
            .lines()
            .find(|l| l.starts_with("| `sweep.csv`"))
            .unwrap();
        assert!(row.contains("then the columns of `effects.csv`"), "{row}");
    }
}
