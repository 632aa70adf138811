//! Results read back from a directory, checked against their manifest:
//! what a browser or Python front end shows of a job that finished
//! earlier.
//!
//! [`open`] reads `manifest.json`, tells the kind of job from it, and
//! reads each file of the set through [`SavedSet`], which checks the
//! file's size and checksum against the manifest: a set that is not whole
//! — a job stopped while replacing it, a file changed since — is refused,
//! naming the file. A set written before manifests listed their files is
//! read unchecked, and says so ([`SavedResults::checked`]).

use crate::problem::Message;
use std::path::{Path, PathBuf};

use crate::output::tidy::ReadError;
use crate::output::{
    DecisionRow, EffectRow, EquityRow, SavedSet, StrategyRow, StudentRecord, SurveyRow,
    TrajectoryRow, read_rows, read_students, read_table_rows,
};
use crate::sensitivity::rows::{Points, SensitivityRow, read_points, read_sensitivity};
use crate::sweep::output::{Sweep, read_sweep};

use super::JobError;

/// The rows of a run's files.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedRun {
    /// `effects.csv`.
    pub effects: Vec<EffectRow>,
    /// `trajectories.csv`.
    pub trajectories: Vec<TrajectoryRow>,
    /// `strategies.csv`.
    pub strategies: Vec<StrategyRow>,
    /// `survey.csv`.
    pub survey: Vec<SurveyRow>,
    /// `equity.csv` (empty for a set written before it existed).
    pub equity: Vec<EquityRow>,
    /// `decision.csv` (empty for a set written before it existed).
    pub decision: Vec<DecisionRow>,
    /// Whether the set holds `students.csv` or `students.parquet` (read
    /// it with [`SavedResults::students`]).
    pub has_students: bool,
}

/// What kind of results a directory holds, with their rows.
#[derive(Debug, Clone, PartialEq)]
pub enum SavedKind {
    /// `resim run`, `resim whatif` or a merged run.
    Run(SavedRun),
    /// `resim sweep`: `sweep.csv`.
    Sweep(Sweep),
    /// `resim sensitivity`: `sensitivity.csv` and `sensitivity_points.csv`.
    Sensitivity {
        /// The indices.
        indices: Vec<SensitivityRow>,
        /// The outputs at every design point.
        points: Points,
    },
}

/// A directory's results, read back.
#[derive(Debug, Clone)]
pub struct SavedResults {
    /// The directory.
    pub dir: PathBuf,
    /// `manifest.json`.
    pub manifest: serde_json::Value,
    /// Whether every file read was checked against the manifest (false
    /// for a set written by a version before manifests listed their files).
    pub checked: bool,
    /// The rows.
    pub kind: SavedKind,
    set: SavedSet,
}

/// Rows read back, or bad input naming file, line and column (a catalogue
/// message, worded in a page's language).
fn rows<T>(r: Result<T, ReadError>) -> Result<T, JobError> {
    r.map_err(JobError::from)
}

impl SavedResults {
    /// The students of a run with `--students` (`students.csv`, else
    /// `students.parquet`), checked like the rest.
    pub fn students(&self) -> Result<Vec<StudentRecord>, JobError> {
        if !self.set.has("students.csv") && self.set.has("students.parquet") {
            return self.students_parquet();
        }
        let bytes = self.set.read("students.csv")?;
        rows(read_students(&self.file("students.csv"), &bytes))
    }

    #[cfg(feature = "parquet")]
    fn students_parquet(&self) -> Result<Vec<StudentRecord>, JobError> {
        let bytes = self.set.read("students.parquet")?;
        rows(crate::output::read_students_parquet(
            &self.file("students.parquet"),
            bytes,
        ))
    }

    #[cfg(not(feature = "parquet"))]
    fn students_parquet(&self) -> Result<Vec<StudentRecord>, JobError> {
        Err(JobError::input_in(
            self.file("students.parquet"),
            crate::output::OutputFormat::Parquet.check().unwrap_err(),
        ))
    }

    fn file(&self, name: &str) -> String {
        self.dir.join(name).display().to_string()
    }
}

/// `sweep.csv` of a saved sweep, else `sweep.parquet`.
fn read_saved_sweep(set: &SavedSet, file: &dyn Fn(&str) -> String) -> Result<Sweep, JobError> {
    if set.has("sweep.csv") || !set.has("sweep.parquet") {
        return rows(read_sweep(&file("sweep.csv"), &set.read("sweep.csv")?));
    }
    #[cfg(feature = "parquet")]
    {
        rows(crate::sweep::output::read_sweep_parquet(
            &file("sweep.parquet"),
            set.read("sweep.parquet")?,
        ))
    }
    #[cfg(not(feature = "parquet"))]
    {
        Err(JobError::input_in(
            file("sweep.parquet"),
            crate::output::OutputFormat::Parquet.check().unwrap_err(),
        ))
    }
}

/// Reads the results in `dir`, checked against their manifest.
pub fn open(dir: &Path) -> Result<SavedResults, JobError> {
    let set = SavedSet::open(dir)?;
    let file = |name: &str| dir.join(name).display().to_string();
    let kind = match set.json["command"].as_str() {
        Some("sweep") => SavedKind::Sweep(read_saved_sweep(&set, &file)?),
        Some("sensitivity") => SavedKind::Sensitivity {
            indices: rows(read_sensitivity(
                &file("sensitivity.csv"),
                &set.read("sensitivity.csv")?,
            ))?,
            points: rows(read_points(
                &file("sensitivity_points.csv"),
                &set.read("sensitivity_points.csv")?,
            ))?,
        },
        // A run's manifest named no command before manifests listed files.
        Some("run") | None => SavedKind::Run(SavedRun {
            effects: rows(read_rows(&file("effects.csv"), &set.read("effects.csv")?))?,
            trajectories: read_table_rows(
                &dir.display().to_string(),
                "trajectories",
                set.has("trajectories.csv") || !set.has("trajectories.parquet"),
                |name| Ok::<_, JobError>(set.read(name)?),
            )?,
            strategies: rows(read_rows(
                &file("strategies.csv"),
                &set.read("strategies.csv")?,
            ))?,
            survey: if set.has("survey.csv") {
                rows(read_rows(&file("survey.csv"), &set.read("survey.csv")?))?
            } else {
                Vec::new()
            },
            equity: if set.has("equity.csv") {
                rows(read_rows(&file("equity.csv"), &set.read("equity.csv")?))?
            } else {
                Vec::new()
            },
            decision: if set.has("decision.csv") {
                rows(read_rows(&file("decision.csv"), &set.read("decision.csv")?))?
            } else {
                Vec::new()
            },
            has_students: set.has("students.csv") || set.has("students.parquet"),
        }),
        Some(other) => {
            return Err(JobError::Input(
                Message::new("problem-job-results-of")
                    .arg("file", dir.join("manifest.json").display())
                    .arg("kind", other),
            ));
        }
    };
    Ok(SavedResults {
        dir: dir.to_path_buf(),
        manifest: set.json.clone(),
        checked: set.is_checked(),
        kind,
        set,
    })
}
