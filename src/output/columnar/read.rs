//! Rows back from a Parquet file, through the row structs' own
//! `Deserialize` (as for CSV), with the file's columns checked against the
//! declared ones by name and type.

use std::fmt;
use std::ops::Range;

use arrow_array::cast::AsArray;
use arrow_array::types::{Float64Type, UInt8Type, UInt32Type, UInt64Type};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use serde::Deserializer;
use serde::de::{self, DeserializeOwned, DeserializeSeed, SeqAccess, Visitor};

use super::schema::Column;
use crate::output::ReadError;
use crate::problem::Message;

/// A whole Parquet table in memory.
pub struct ParquetTable {
    file: String,
    /// The column names, in file order.
    pub names: Vec<String>,
    types: Vec<DataType>,
    batches: Vec<RecordBatch>,
}

impl ParquetTable {
    /// Reads a Parquet file's bytes; `file` names it in messages.
    pub fn parse(file: &str, bytes: Vec<u8>) -> Result<ParquetTable, ReadError> {
        let bad = |reason: Message| ReadError {
            file: file.into(),
            line: None,
            column: None,
            reason,
        };
        let reader =
            ParquetRecordBatchReaderBuilder::try_new(bytes::Bytes::from(bytes)).map_err(|e| {
                bad(Message::new("problem-read-not-parquet")
                    .with("message", Message::verbatim(e.to_string())))
            })?;
        let schema = reader.schema().clone();
        let batches = reader
            .build()
            .map_err(|e| bad(Message::verbatim(e.to_string())))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| bad(Message::verbatim(e.to_string())))?;
        Ok(ParquetTable {
            file: file.into(),
            names: schema.fields().iter().map(|f| f.name().clone()).collect(),
            types: schema
                .fields()
                .iter()
                .map(|f| f.data_type().clone())
                .collect(),
            batches,
        })
    }

    /// Rows in the file.
    pub fn len(&self) -> usize {
        self.batches.iter().map(RecordBatch::num_rows).sum()
    }

    /// Whether the file has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A problem with this file, in `column` when it is in one.
    fn error(&self, column: Option<&str>, reason: Message) -> ReadError {
        ReadError {
            file: self.file.clone(),
            line: None,
            column: column.map(String::from),
            reason,
        }
    }

    /// Checks that `columns` are the file's columns from `at` on, by name
    /// and type; returns where they are.
    pub fn expect(&self, columns: &[Column], at: usize) -> Result<Range<usize>, ReadError> {
        for (i, c) in columns.iter().enumerate() {
            match self.names.get(at + i) {
                Some(n) if *n == c.name => {
                    let want = c.kind.data_type();
                    if self.types[at + i] != want {
                        return Err(self.error(
                            Some(&c.name),
                            Message::new("problem-read-parquet-type")
                                .arg("found", &self.types[at + i])
                                .arg("expected", want),
                        ));
                    }
                }
                found => {
                    let reason = match found {
                        Some(n) => Message::new("problem-read-parquet-column").arg("found", n),
                        None => Message::new("problem-read-parquet-no-column"),
                    };
                    return Err(self.error(
                        None,
                        reason.arg("name", &c.name).arg("position", at + i + 1),
                    ));
                }
            }
        }
        Ok(at..at + columns.len())
    }

    /// Checks that the columns in `range` are numbers; returns their names.
    pub fn numbers(&self, range: Range<usize>) -> Result<Vec<String>, ReadError> {
        for i in range.clone() {
            if self.types[i] != DataType::Float64 {
                return Err(self.error(
                    Some(&self.names[i]),
                    Message::new("problem-read-parquet-type")
                        .arg("found", &self.types[i])
                        .arg("expected", DataType::Float64),
                ));
            }
        }
        Ok(self.names[range].to_vec())
    }

    /// Maps every row, in file order.
    pub fn map_rows<R>(
        &self,
        mut f: impl FnMut(&Row<'_>) -> Result<R, ReadError>,
    ) -> Result<Vec<R>, ReadError> {
        let mut out = Vec::with_capacity(self.len());
        for b in &self.batches {
            for row in 0..b.num_rows() {
                out.push(f(&Row {
                    table: self,
                    columns: b.columns(),
                    row,
                })?);
            }
        }
        Ok(out)
    }

    /// Reads every row as a `T` (the file's columns from 0 must be `T`'s).
    pub fn rows<T: DeserializeOwned>(&self, columns: &[Column]) -> Result<Vec<T>, ReadError> {
        let range = self.expect(columns, 0)?;
        self.map_rows(|r| r.part(range.clone()))
    }
}

/// One row of a [`ParquetTable`].
pub struct Row<'a> {
    table: &'a ParquetTable,
    columns: &'a [ArrayRef],
    row: usize,
}

impl Row<'_> {
    /// The columns in `range` as a `T` (checked with [`ParquetTable::expect`]).
    pub fn part<T: DeserializeOwned>(&self, range: Range<usize>) -> Result<T, ReadError> {
        let mut de = Cells {
            columns: &self.columns[range.clone()],
            row: self.row,
            at: 0,
        };
        T::deserialize(&mut de).map_err(|e| {
            let col = range.start + de.at.saturating_sub(1);
            self.table
                .error(self.table.names.get(col).map(String::as_str), e.0)
        })
    }

    /// The number columns in `range` (missing values are NaN).
    pub fn numbers(&self, range: Range<usize>) -> Vec<f64> {
        self.columns[range]
            .iter()
            .map(|c| {
                if c.is_null(self.row) {
                    f64::NAN
                } else {
                    c.as_primitive::<Float64Type>().value(self.row)
                }
            })
            .collect()
    }
}

/// A cell that does not read as its field: a catalogue message (serde's
/// own text shown as written).
#[derive(Debug)]
struct CellError(Message);

impl fmt::Display for CellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CellError {}

impl de::Error for CellError {
    /// serde's text, or a cell error of [`crate::output::na`] recovered
    /// from its text.
    fn custom<M: fmt::Display>(m: M) -> Self {
        CellError(crate::output::tidy::reason_of(&m.to_string()))
    }
}

/// The cells of one row, handed out column by column.
struct Cells<'a> {
    columns: &'a [ArrayRef],
    row: usize,
    at: usize,
}

impl Cells<'_> {
    fn current(&self) -> Result<&ArrayRef, CellError> {
        self.columns
            .get(self.at)
            .ok_or_else(|| CellError(Message::new("problem-read-parquet-extra-field")))
    }
}

impl<'de> Deserializer<'de> for &mut Cells<'_> {
    type Error = CellError;

    fn is_human_readable(&self) -> bool {
        false
    }

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, CellError> {
        let col = self.current()?.clone();
        let row = self.row;
        self.at += 1;
        if col.is_null(row) {
            return Err(CellError(Message::new("problem-read-parquet-null")));
        }
        match col.data_type() {
            DataType::Boolean => v.visit_bool(col.as_boolean().value(row)),
            DataType::UInt8 => v.visit_u8(col.as_primitive::<UInt8Type>().value(row)),
            DataType::UInt32 => v.visit_u32(col.as_primitive::<UInt32Type>().value(row)),
            DataType::UInt64 => v.visit_u64(col.as_primitive::<UInt64Type>().value(row)),
            DataType::Float64 => v.visit_f64(col.as_primitive::<Float64Type>().value(row)),
            DataType::Utf8 => v.visit_str(col.as_string::<i32>().value(row)),
            other => Err(CellError(
                Message::new("problem-read-parquet-kind").arg("kind", other),
            )),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, CellError> {
        if self.current()?.is_null(self.row) {
            self.at += 1;
            v.visit_none()
        } else {
            v.visit_some(self)
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, CellError> {
        v.visit_seq(Fields {
            cells: self,
            left: fields.len(),
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

/// The fields of a struct read from consecutive columns.
struct Fields<'a, 'b> {
    cells: &'a mut Cells<'b>,
    left: usize,
}

impl<'de> SeqAccess<'de> for Fields<'_, '_> {
    type Error = CellError;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, CellError> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(&mut *self.cells).map(Some)
    }
}
