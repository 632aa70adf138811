//! Rows into Arrow arrays, and Arrow arrays into a Parquet file whose bytes
//! depend only on the rows.
//!
//! A row is serialized (the same `Serialize` as its CSV line: a row struct,
//! or a tuple of parts with variable cells) by a serializer that is not
//! human-readable, so numbers arrive as numbers and `NA` as null, and each
//! value goes to the next column's builder. Rows are buffered until a row
//! group is full, so the Parquet writer always sees the same arrays for the
//! same rows, however the caller handed them over (one replicate at a time,
//! a whole table at once).

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::builder::{
    BooleanBuilder, Float64Builder, StringBuilder, UInt8Builder, UInt32Builder, UInt64Builder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::SchemaRef;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use serde::ser::{self, Serialize, Serializer};

use super::schema::{Column, Kind, schema};
use crate::output::OutputError;

/// Rows per row group (the last may hold fewer). Fixed, so that the same
/// rows make the same file.
pub const ROW_GROUP_ROWS: usize = 65_536;

/// The `created_by` of every file: the program and version, no time or host.
pub fn created_by() -> String {
    format!("resim {} (parquet-rs 60)", env!("CARGO_PKG_VERSION"))
}

/// The writer settings of every file: snappy, fixed row groups, no
/// timestamps.
fn properties() -> WriterProperties {
    WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
        .set_max_row_group_bytes(None)
        .set_created_by(created_by())
        .build()
}

/// One column being filled.
enum Builder {
    Bool(BooleanBuilder),
    U8(UInt8Builder),
    U32(UInt32Builder),
    U64(UInt64Builder),
    F64(Float64Builder),
    Str(StringBuilder),
}

impl Builder {
    fn new(kind: Kind) -> Builder {
        match kind {
            Kind::Bool => Builder::Bool(BooleanBuilder::new()),
            Kind::U8 => Builder::U8(UInt8Builder::new()),
            Kind::U32 => Builder::U32(UInt32Builder::new()),
            Kind::U64 => Builder::U64(UInt64Builder::new()),
            Kind::F64 => Builder::F64(Float64Builder::new()),
            Kind::Str => Builder::Str(StringBuilder::new()),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Bool(b) => Arc::new(b.finish()),
            Builder::U8(b) => Arc::new(b.finish()),
            Builder::U32(b) => Arc::new(b.finish()),
            Builder::U64(b) => Arc::new(b.finish()),
            Builder::F64(b) => Arc::new(b.finish()),
            Builder::Str(b) => Arc::new(b.finish()),
        }
    }
}

/// A value that does not fit its column (a program error: the row and
/// the declared columns disagree).
#[derive(Debug)]
pub struct RowError(String);

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RowError {}

impl ser::Error for RowError {
    fn custom<M: fmt::Display>(m: M) -> Self {
        RowError(m.to_string())
    }
}

/// Rows of a table being collected into Arrow arrays.
pub struct Batch {
    columns: Vec<Column>,
    schema: SchemaRef,
    builders: Vec<Builder>,
    rows: usize,
}

impl Batch {
    /// An empty batch of these columns.
    pub fn new(columns: &[Column]) -> Batch {
        Batch {
            columns: columns.to_vec(),
            schema: schema(columns),
            builders: columns.iter().map(|c| Builder::new(c.kind)).collect(),
            rows: 0,
        }
    }

    /// The Arrow schema.
    pub fn schema(&self) -> SchemaRef {
        self.schema.clone()
    }

    /// Rows collected since the last [`Batch::finish`].
    pub fn len(&self) -> usize {
        self.rows
    }

    /// Whether no row was collected since the last [`Batch::finish`].
    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// Appends a row: the `Serialize` of its CSV line.
    ///
    /// # Panics
    /// If the row's values do not match the columns (a program error).
    pub fn push<T: Serialize + ?Sized>(&mut self, row: &T) {
        let mut sink = RowSink { batch: self, at: 0 };
        let result = row.serialize(&mut sink).and_then(|()| {
            if sink.at == sink.batch.columns.len() {
                Ok(())
            } else {
                Err(RowError(format!(
                    "{} values for {} columns",
                    sink.at,
                    sink.batch.columns.len()
                )))
            }
        });
        if let Err(e) = result {
            panic!("a table row does not match its columns: {e}");
        }
        self.rows += 1;
    }

    /// The rows collected as one record batch; the batch starts empty again.
    pub fn finish(&mut self) -> RecordBatch {
        let arrays: Vec<ArrayRef> = self.builders.iter_mut().map(Builder::finish).collect();
        self.rows = 0;
        RecordBatch::try_new(self.schema.clone(), arrays)
            .expect("the builders follow the schema's types")
    }
}

/// Serializes one row into the builders, one value per column.
struct RowSink<'a> {
    batch: &'a mut Batch,
    at: usize,
}

impl RowSink<'_> {
    /// The next column, which must be of `kind` (`None` for a missing value).
    fn next(&mut self, kind: Option<Kind>) -> Result<&mut Builder, RowError> {
        let Some(col) = self.batch.columns.get(self.at) else {
            return Err(RowError(format!(
                "more values than the {} columns",
                self.batch.columns.len()
            )));
        };
        match kind {
            Some(k) if k != col.kind => {
                return Err(RowError(format!(
                    "column `{}` holds {:?}, given {k:?}",
                    col.name, col.kind
                )));
            }
            None if !col.nullable => {
                return Err(RowError(format!("column `{}` cannot be missing", col.name)));
            }
            _ => {}
        }
        let b = &mut self.batch.builders[self.at];
        self.at += 1;
        Ok(b)
    }
}

macro_rules! append {
    ($name:ident, $ty:ty, $kind:ident) => {
        fn $name(self, v: $ty) -> Result<(), RowError> {
            match self.next(Some(Kind::$kind))? {
                Builder::$kind(b) => b.append_value(v),
                _ => unreachable!("builders follow the column kinds"),
            }
            Ok(())
        }
    };
}

macro_rules! refuse {
    ($($name:ident($($arg:ty),*)),* $(,)?) => {
        $(fn $name(self, $(_: $arg),*) -> Result<(), RowError> {
            Err(RowError(format!("{} cannot be a table cell", stringify!($name))))
        })*
    };
}

impl<'a> Serializer for &mut RowSink<'a> {
    type Ok = ();
    type Error = RowError;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = ser::Impossible<(), RowError>;
    type SerializeMap = ser::Impossible<(), RowError>;
    type SerializeStruct = Self;
    type SerializeStructVariant = ser::Impossible<(), RowError>;

    fn is_human_readable(&self) -> bool {
        false
    }

    append!(serialize_bool, bool, Bool);
    append!(serialize_u8, u8, U8);
    append!(serialize_u32, u32, U32);
    append!(serialize_u64, u64, U64);
    append!(serialize_f64, f64, F64);
    append!(serialize_str, &str, Str);

    refuse!(
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u16(u16),
        serialize_f32(f32),
        serialize_char(char),
        serialize_bytes(&[u8]),
        serialize_unit(),
        serialize_unit_struct(&'static str),
    );

    fn serialize_none(self) -> Result<(), RowError> {
        match self.next(None)? {
            Builder::Bool(b) => b.append_null(),
            Builder::U8(b) => b.append_null(),
            Builder::U32(b) => b.append_null(),
            Builder::U64(b) => b.append_null(),
            Builder::F64(b) => b.append_null(),
            Builder::Str(b) => b.append_null(),
        }
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), RowError> {
        v.serialize(self)
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), RowError> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), RowError> {
        v.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), RowError> {
        Err(RowError("an enum with data cannot be a table cell".into()))
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self, RowError> {
        Ok(self)
    }

    fn serialize_tuple(self, _: usize) -> Result<Self, RowError> {
        Ok(self)
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, RowError> {
        Ok(self)
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, RowError> {
        Err(RowError("an enum with data cannot be a table cell".into()))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, RowError> {
        Err(RowError("a map cannot be a table cell".into()))
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, RowError> {
        Ok(self)
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, RowError> {
        Err(RowError("an enum with data cannot be a table cell".into()))
    }
}

macro_rules! flatten {
    ($trait:ident, $method:ident) => {
        impl<'a> ser::$trait for &mut RowSink<'a> {
            type Ok = ();
            type Error = RowError;

            fn $method<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), RowError> {
                v.serialize(&mut **self)
            }

            fn end(self) -> Result<(), RowError> {
                Ok(())
            }
        }
    };
}

flatten!(SerializeSeq, serialize_element);
flatten!(SerializeTuple, serialize_element);
flatten!(SerializeTupleStruct, serialize_field);

impl<'a> ser::SerializeStruct for &mut RowSink<'a> {
    type Ok = ();
    type Error = RowError;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        _: &'static str,
        v: &T,
    ) -> Result<(), RowError> {
        v.serialize(&mut **self)
    }

    fn end(self) -> Result<(), RowError> {
        Ok(())
    }
}

/// A Parquet file being written row by row into `W` (an
/// [`crate::output::AtomicFile`], or memory).
pub struct ParquetFile<W: Write + Send> {
    writer: ArrowWriter<W>,
    batch: Batch,
    path: PathBuf,
}

impl<W: Write + Send> ParquetFile<W> {
    /// Starts a file of these columns; `path` names it in messages.
    pub fn new(out: W, columns: &[Column], path: &Path) -> Result<ParquetFile<W>, OutputError> {
        let batch = Batch::new(columns);
        let writer = ArrowWriter::try_new(out, batch.schema(), Some(properties()))
            .map_err(parquet_err(path))?;
        Ok(ParquetFile {
            writer,
            batch,
            path: path.to_path_buf(),
        })
    }

    /// Appends a row (the `Serialize` of its CSV line).
    pub fn push<T: Serialize + ?Sized>(&mut self, row: &T) -> Result<(), OutputError> {
        self.batch.push(row);
        if self.batch.len() == ROW_GROUP_ROWS {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), OutputError> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let batch = self.batch.finish();
        self.writer.write(&batch).map_err(parquet_err(&self.path))?;
        self.writer.flush().map_err(parquet_err(&self.path))
    }

    /// Writes the last row group and the footer; returns the output.
    pub fn finish(mut self) -> Result<W, OutputError> {
        self.flush()?;
        self.writer.into_inner().map_err(parquet_err(&self.path))
    }
}

/// A Parquet error writing `path`, as an output error.
fn parquet_err(path: &Path) -> impl Fn(parquet::errors::ParquetError) -> OutputError + '_ {
    move |e| OutputError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other(e),
    }
}

/// The bytes of a Parquet file of `rows` (each the `Serialize` of its CSV
/// line) in these columns; `name` names it in messages.
pub fn parquet_bytes<T: Serialize>(
    columns: &[Column],
    rows: impl IntoIterator<Item = T>,
    name: &str,
) -> Result<Vec<u8>, OutputError> {
    let mut file = ParquetFile::new(Vec::new(), columns, Path::new(name))?;
    for r in rows {
        file.push(&r)?;
    }
    file.finish()
}
