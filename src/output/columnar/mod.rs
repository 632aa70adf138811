//! Parquet files (`--format parquet|both`) from the same row structs as the
//! CSV files, with the same column names and Arrow types that follow the
//! structs' fields ([`columns_of`]).
//!
//! The bytes of a file depend only on its rows: the snappy codec, a fixed
//! row-group size ([`ROW_GROUP_ROWS`]), a fixed `created_by`
//! ([`created_by`]) and no timestamps. Files are written through the same
//! [`crate::output::AtomicFile`]s and result sets as CSV files.

mod read;
mod schema;
mod write;

pub use read::{ParquetTable, Row};
pub use schema::{Column, Kind, columns_of, schema};
pub use write::{Batch, ParquetFile, ROW_GROUP_ROWS, created_by, parquet_bytes};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::output::{OutputError, ReadError};

/// The Parquet bytes of rows of one struct (the columns of
/// [`columns_of`]`::<T>()`); `name` names the file in messages.
pub fn to_parquet<T: Serialize + DeserializeOwned>(
    rows: &[T],
    name: &str,
) -> Result<Vec<u8>, OutputError> {
    parquet_bytes(&columns_of::<T>(), rows, name)
}

/// Reads the rows of a Parquet file written from rows of `T` (by
/// [`to_parquet`]); `file` names it in messages.
pub fn read_parquet_rows<T: DeserializeOwned>(
    file: &str,
    bytes: Vec<u8>,
) -> Result<Vec<T>, ReadError> {
    ParquetTable::parse(file, bytes)?.rows(&columns_of::<T>())
}
