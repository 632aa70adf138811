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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tidy::Cells;
    use crate::output::{EffectRow, StudentRow, TrajectoryRow};
    use crate::problem::{Message, assert_worded};

    /// The fixed part of a table with variable columns (as `sweep`'s `point`).
    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct PointColumn {
        point: u64,
    }

    #[test]
    fn every_big_table_row_struct_declares_typed_columns_named_as_in_csv() {
        use crate::output::tidy::columns;
        for (cols, names) in [
            (columns_of::<StudentRow>(), columns::<StudentRow>()),
            (columns_of::<TrajectoryRow>(), columns::<TrajectoryRow>()),
            (columns_of::<EffectRow>(), columns::<EffectRow>()),
            (columns_of::<PointColumn>(), columns::<PointColumn>()),
        ] {
            assert_eq!(
                cols.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
                names
            );
        }
        let t = columns_of::<TrajectoryRow>();
        assert_eq!((t[2].kind, t[2].nullable), (Kind::U32, false));
        assert_eq!((t[4].kind, t[4].nullable), (Kind::F64, true));
        let s = columns_of::<StudentRow>();
        let kind = |n: &str| s.iter().find(|c| c.name == n).unwrap().kind;
        assert_eq!(kind("rural"), Kind::Bool);
        assert_eq!(kind("grade"), Kind::U8);
        assert_eq!(kind("sex"), Kind::Str);
    }

    /// Rows of a table with a variable part, as students and sweeps have.
    fn rows(n: usize) -> Vec<(PointColumn, Vec<f64>)> {
        (0..n)
            .map(|i| {
                let x = i as f64 / 7.0;
                let values = vec![x, if i % 5 == 0 { f64::NAN } else { -x }];
                (PointColumn { point: i as u64 }, values)
            })
            .collect()
    }

    #[test]
    fn the_bytes_depend_on_the_rows_not_on_how_they_were_handed_over() {
        let mut cols = columns_of::<PointColumn>();
        cols.extend([Column::number("a"), Column::number("b")]);
        let n = 2 * ROW_GROUP_ROWS + 1234;
        let rs = rows(n);
        let write = |chunk: usize| {
            let mut f = ParquetFile::new(Vec::new(), &cols, std::path::Path::new("t")).unwrap();
            for part in rs.chunks(chunk) {
                for (p, v) in part {
                    f.push(&(p, Cells(v))).unwrap();
                }
            }
            f.finish().unwrap()
        };
        let whole = write(n);
        assert_eq!(whole, write(1000));
        assert_eq!(whole, write(ROW_GROUP_ROWS - 1));

        // Three fixed row groups, and every value back (NaN as null).
        let meta =
            parquet::file::reader::SerializedFileReader::new(bytes::Bytes::from(whole.clone()))
                .unwrap();
        use parquet::file::reader::FileReader;
        assert_eq!(meta.metadata().num_row_groups(), 3);
        assert_eq!(
            meta.metadata().row_group(0).num_rows(),
            ROW_GROUP_ROWS as i64
        );
        let t = ParquetTable::parse("t", whole).unwrap();
        assert_eq!(t.len(), n);
        let back = t
            .map_rows(|r| Ok((r.part::<PointColumn>(0..1)?, r.numbers(1..3))))
            .unwrap();
        for ((p, v), (q, w)) in back.iter().zip(&rs) {
            assert_eq!(p, q);
            assert_eq!(format!("{v:?}"), format!("{w:?}"));
        }
    }

    #[test]
    fn a_file_of_other_columns_or_not_parquet_is_refused_by_name() {
        let rows: Vec<TrajectoryRow> = Vec::new();
        let bytes = to_parquet(&rows, "trajectories.parquet").unwrap();
        let e = read_parquet_rows::<EffectRow>("x/trajectories.parquet", bytes)
            .err()
            .unwrap();
        assert!(e.to_string().starts_with("x/trajectories.parquet"), "{e}");
        assert!(
            e.to_string()
                .contains("expected column `outcome` at position 3, found `week`"),
            "{e}"
        );
        let e = read_parquet_rows::<TrajectoryRow>("y.parquet", b"strategy,week\n".to_vec())
            .err()
            .unwrap();
        assert!(
            e.to_string().contains("y.parquet: not a Parquet file"),
            "{e}"
        );
        assert_worded(&e.message(), &e.to_string());
    }

    /// A Parquet file that does not read back says why as the CLI prints
    /// it in English, and in Chinese on a Chinese page (what the Parquet
    /// reader says of its own stays as written inside).
    #[test]
    fn a_parquet_file_that_does_not_read_back_says_why_in_english_and_in_chinese() {
        let rows = [PointColumn { point: 3 }];
        let bytes = to_parquet(&rows, "p.parquet").unwrap();
        let t = ParquetTable::parse("p.parquet", bytes.clone()).unwrap();
        let found = [
            (
                t.numbers(0..1).unwrap_err(),
                "p.parquet: column `point`: holds UInt64, expected Float64",
            ),
            (
                t.expect(&columns_of::<PointColumn>(), 1).unwrap_err(),
                "p.parquet: expected column `point` at position 2, found no column",
            ),
            (
                read_parquet_rows::<TrajectoryRow>("p.parquet", bytes)
                    .err()
                    .unwrap(),
                "p.parquet: expected column `strategy` at position 1, found `point`",
            ),
        ];
        for (e, english) in found {
            assert_eq!(e.to_string(), english);
            assert_worded(&e.message(), english);
        }
        // The reasons a row's cells give, worded alike.
        for (reason, english) in [
            (
                Message::new("problem-read-parquet-kind").arg("kind", "Date32"),
                "a Date32 column cannot be read",
            ),
            (
                Message::new("problem-read-parquet-extra-field"),
                "more fields than columns",
            ),
            (
                Message::new("problem-read-parquet-null"),
                "missing (null) where a value is needed",
            ),
        ] {
            assert_worded(&reason, english);
        }
    }
}
