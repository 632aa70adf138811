//! `students.csv` (`resim run --students`): every student's state in the
//! first and last week, for multilevel models in R or pandas.

use serde::{Deserialize, Serialize};

use super::tidy::{Cells, CsvBytes, ReadError, Table, columns};
use crate::model::{OUTCOMES, StudentState};
use crate::population::Population;

/// The fixed columns of a row of `students.csv`: who the student is, in
/// which replicate, strategy and week. The row goes on with one column per
/// outcome (named as in [`OUTCOMES`], in that order).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StudentRow {
    /// Replicate (0-based); the same students in every strategy of a
    /// replicate (common random numbers).
    pub replicate: u32,
    /// Strategy name.
    pub strategy: String,
    /// Student number within the replicate (0-based).
    pub student: u32,
    /// Week of the run (0 = right after burn-in; the other week is the last).
    pub week: u32,
    /// School number (0-based).
    pub school: u32,
    /// Class number (0-based, over all schools).
    pub class: u32,
    /// `1` when the student's school is rural, else `0`.
    #[serde(with = "super::na::flag")]
    pub rural: bool,
    /// Parents working away: `none`, `one_parent` or `both_parents`.
    pub left_behind: String,
    /// `1` for a student of an ethnic minority, else `0`.
    #[serde(with = "super::na::flag")]
    pub minority: bool,
    /// School grade.
    pub grade: u8,
    /// `female` or `male`.
    pub sex: String,
}

/// A whole row of `students.csv`: the student and the value of each outcome
/// (in [`OUTCOMES`] order, each in its units: 0–100 scales, `depressive` 0/1).
#[derive(Debug, Clone, PartialEq)]
pub struct StudentRecord {
    /// Who, where and when.
    pub student: StudentRow,
    /// One value per outcome.
    pub outcomes: Vec<f64>,
}

/// Header of `students.csv`: the columns of [`StudentRow`], then the outcomes.
pub fn students_header() -> Vec<u8> {
    let cols = columns::<StudentRow>()
        .iter()
        .copied()
        .chain(OUTCOMES.iter().map(|o| o.name));
    CsvBytes::new(cols).into_bytes()
}

/// Rows of `students.csv` (without the header) for one replicate, strategy
/// and week.
pub fn student_rows(
    replicate: u32,
    strategy: &str,
    week: usize,
    pop: &Population,
    state: &[StudentState],
    threshold: f32,
) -> Vec<u8> {
    students_lines(&student_records(
        replicate, strategy, week, pop, state, threshold,
    ))
}

/// The records of `students.csv` for one replicate, strategy and week: every
/// student of `pop` in `state`, with outcomes judged at `threshold`.
pub fn student_records(
    replicate: u32,
    strategy: &str,
    week: usize,
    pop: &Population,
    state: &[StudentState],
    threshold: f32,
) -> Vec<StudentRecord> {
    pop.students
        .iter()
        .zip(state)
        .enumerate()
        .map(|(i, (s, st))| StudentRecord {
            student: StudentRow {
                replicate,
                strategy: strategy.to_string(),
                student: i as u32,
                week: week as u32,
                school: s.school,
                class: s.class,
                rural: s.rural,
                left_behind: s.left_behind.name().to_string(),
                minority: s.minority,
                grade: s.grade,
                sex: if s.female { "female" } else { "male" }.to_string(),
            },
            outcomes: st.outcomes(threshold).map(f64::from).to_vec(),
        })
        .collect()
}

/// Lines of `students.csv` (without the header).
pub fn students_lines(records: &[StudentRecord]) -> Vec<u8> {
    let mut out = CsvBytes::new(None::<&str>);
    for r in records {
        out.row(&(&r.student, Cells(&r.outcomes)));
    }
    out.into_bytes()
}

/// The columns of `students.parquet`: those of [`StudentRow`], then one
/// number per outcome — the columns of `students.csv`, typed.
#[cfg(feature = "parquet")]
pub fn student_columns() -> Vec<super::columnar::Column> {
    let mut cols = super::columnar::columns_of::<StudentRow>();
    cols.extend(
        OUTCOMES
            .iter()
            .map(|o| super::columnar::Column::number(o.name)),
    );
    cols
}

/// Appends records to `students.parquet` being written.
#[cfg(feature = "parquet")]
pub fn push_students<W: std::io::Write + Send>(
    file: &mut super::columnar::ParquetFile<W>,
    records: &[StudentRecord],
) -> Result<(), super::OutputError> {
    for r in records {
        file.push(&(&r.student, Cells(&r.outcomes)))?;
    }
    Ok(())
}

/// Reads `students.parquet` back; `file` names it in messages. Its columns
/// must be those of this version ([`student_columns`]), in order.
#[cfg(feature = "parquet")]
pub fn read_students_parquet(file: &str, bytes: Vec<u8>) -> Result<Vec<StudentRecord>, ReadError> {
    let t = super::columnar::ParquetTable::parse(file, bytes)?;
    let fixed = t.expect(&super::columnar::columns_of::<StudentRow>(), 0)?;
    let outcomes = t.expect(&student_columns()[fixed.end..], fixed.end)?;
    t.map_rows(|r| {
        Ok(StudentRecord {
            student: r.part(fixed.clone())?,
            outcomes: r.numbers(outcomes.clone()),
        })
    })
}

/// Reads `students.csv` back; `file` names it in messages. The outcome
/// columns must be those of this version, in order.
pub fn read_students(file: &str, bytes: &[u8]) -> Result<Vec<StudentRecord>, ReadError> {
    let t = Table::parse(file, bytes)?;
    let fixed = t.expect::<StudentRow>(0)?;
    let rest = fixed.end..t.headers.len();
    let names = t.names(rest.clone());
    if names != OUTCOMES.iter().map(|o| o.name).collect::<Vec<_>>() {
        return Err(ReadError {
            file: file.into(),
            line: Some(1),
            column: None,
            reason: crate::problem::Message::new("problem-read-outcome-columns")
                .arg(
                    "expected",
                    OUTCOMES
                        .iter()
                        .map(|o| o.name)
                        .collect::<Vec<_>>()
                        .join(","),
                )
                .arg("found", names.join(",")),
        });
    }
    (0..t.records.len())
        .map(|i| {
            Ok(StudentRecord {
                student: t.part(i, fixed.clone())?,
                outcomes: t.cells(i, rest.clone())?,
            })
        })
        .collect()
}
