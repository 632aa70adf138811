//! Tidy CSV from typed rows, and typed rows back from tidy CSV.
//!
//! Every CSV file resim writes has a row struct (`#[derive(Serialize,
//! Deserialize)]`) whose field names are the file's columns and whose doc
//! comments document them. The writer ([`to_csv`], [`CsvBytes`]) takes the
//! header from the struct ([`columns`]) and each line from
//! `csv::Writer::serialize`; the readers ([`read_rows`], [`Table`]) check the
//! header against the same struct, pick the struct's columns by name and
//! fill it with `csv`'s `StringRecord::deserialize` (by position, with
//! `serde_path_to_error`, so that a bad cell is reported with its column even
//! when a `deserialize_with` helper rejects it — `csv`'s by-header
//! deserializer does not say which column that was). Writer and reader
//! therefore cannot drift apart: renaming or adding a field changes both.
//!
//! **Files with a variable set of columns** (`sweep.csv`: one column per swept
//! parameter; `sensitivity_points.csv`: one per parameter and per output;
//! `posterior.csv`: one per fitted parameter; `students.csv`: one per outcome)
//! are written as a tuple of parts: fixed parts are row structs, the variable
//! part a sequence of cells (`csv` writes a tuple, a struct inside it and a
//! `Vec` as consecutive fields). The header is the fixed parts' [`columns`]
//! with the variable names between or after them, so the fixed columns are
//! still declared once, by their structs. Reading splits the header at the
//! fixed parts' widths and deserializes each part from its slice of the
//! record ([`Table::part`]); the variable cells are read with [`Table::cells`].

use std::fmt;
use std::ops::Range;

use csv::StringRecord;
use rayon::prelude::*;
use serde::de::{self, DeserializeOwned, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::na::{Cell, CellError};
use crate::problem::Message;

/// The column names of a row struct, in order: the names its
/// `Deserialize` implementation expects (and its `Serialize` writes).
///
/// Empty for a type that is not a struct.
pub fn columns<T: DeserializeOwned>() -> &'static [&'static str] {
    /// A deserializer that only records the field names it is asked for.
    struct Probe(&'static [&'static str]);

    #[derive(Debug)]
    struct Stop;
    impl fmt::Display for Stop {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("column names probed")
        }
    }
    impl std::error::Error for Stop {}
    impl de::Error for Stop {
        fn custom<M: fmt::Display>(_: M) -> Self {
            Stop
        }
    }

    impl<'de> Deserializer<'de> for &mut Probe {
        type Error = Stop;

        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
            Err(Stop)
        }

        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            fields: &'static [&'static str],
            _visitor: V,
        ) -> Result<V::Value, Stop> {
            self.0 = fields;
            Err(Stop)
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }

    let mut probe = Probe(&[]);
    let _ = T::deserialize(&mut probe);
    probe.0
}

/// CSV bytes being written: a header, then rows serialized with
/// `csv::Writer::serialize` (a row struct, or a tuple of parts for files
/// with a variable set of columns).
pub struct CsvBytes(csv::Writer<Vec<u8>>);

impl CsvBytes {
    /// A file that starts with `header` (pass an empty header to write rows
    /// only, e.g. to append to a streamed file).
    pub fn new<I, S>(header: I) -> CsvBytes
    where
        I: IntoIterator<Item = S>,
        S: AsRef<[u8]>,
    {
        let mut w = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(Vec::new());
        let header: Vec<S> = header.into_iter().collect();
        if !header.is_empty() {
            w.write_record(header)
                .expect("writing CSV to memory cannot fail");
        }
        CsvBytes(w)
    }

    /// Appends one row.
    pub fn row<T: Serialize>(&mut self, row: &T) {
        self.0
            .serialize(row)
            .expect("a row struct serializes to CSV in memory");
    }

    /// The bytes written.
    pub fn into_bytes(self) -> Vec<u8> {
        self.0
            .into_inner()
            .expect("flushing CSV to memory cannot fail")
    }
}

/// The variable cells of a row (see the module doc), each written by
/// [`super::na`]: serialize `(&fixed_part, Cells(&values))`.
pub struct Cells<'a, T: Cell>(pub &'a [T]);

impl<T: Cell> Serialize for Cells<'_, T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        /// One cell.
        struct One<'a, T: Cell>(&'a T);
        impl<T: Cell> Serialize for One<'_, T> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                super::na::serialize(self.0, s)
            }
        }
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for v in self.0 {
            seq.serialize_element(&One(v))?;
        }
        seq.end()
    }
}

/// Tidy CSV bytes of rows of one struct: the header is [`columns`]`::<T>()`.
///
/// A long table is serialised in runs of [`CSV_CHUNK_ROWS`] rows on every
/// thread of the current rayon pool, each run with a writer of its own
/// (no header), and the runs joined in order: a row's bytes do not depend on
/// the rows before it, so the file is the same bytes as one writer's.
pub fn to_csv<T: Serialize + DeserializeOwned + Sync>(rows: &[T]) -> Vec<u8> {
    let mut out = CsvBytes::new(columns::<T>());
    if rows.len() <= CSV_CHUNK_ROWS || rayon::current_num_threads() == 1 {
        for r in rows {
            out.row(r);
        }
        return out.into_bytes();
    }
    let runs: Vec<Vec<u8>> = rows
        .par_chunks(CSV_CHUNK_ROWS)
        .map(|run| {
            let mut part = CsvBytes::new(std::iter::empty::<&[u8]>());
            for r in run {
                part.row(r);
            }
            part.into_bytes()
        })
        .collect();
    let mut bytes = out.into_bytes();
    bytes.reserve_exact(runs.iter().map(Vec::len).sum());
    for run in runs {
        bytes.extend_from_slice(&run);
    }
    bytes
}

/// Rows a thread serialises at a time in [`to_csv`] (about 0.3–0.5 MB of
/// CSV for the longest tables).
pub const CSV_CHUNK_ROWS: usize = 4096;

/// Separates the column from the message in an error raised by [`Named`].
const COLUMN_SEP: char = '\u{1f}';

/// A row deserialized with the position of a bad cell recorded (`csv` names
/// the field only for its own parse errors, not for those of a
/// `deserialize_with` helper such as [`super::na`]).
struct Named<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Named<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde_path_to_error::deserialize(d).map(Named).map_err(|e| {
            // The row is read by position: the first segment is the column.
            let at = match e.path().iter().next() {
                Some(serde_path_to_error::Segment::Seq { index }) => index.to_string(),
                _ => String::new(),
            };
            let inner = e.into_inner().to_string();
            // `csv` starts its own messages with `field N: `.
            let inner = match inner.split_once(": ") {
                Some((head, rest)) if head.starts_with("field ") => rest.to_string(),
                _ => inner,
            };
            de::Error::custom(format!("{at}{COLUMN_SEP}{inner}"))
        })
    }
}

/// A result file (CSV or Parquet) that cannot be read back into its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadError {
    /// The file, as named in messages.
    pub file: String,
    /// 1-based line, when the problem is in one row (1 = the header).
    pub line: Option<u64>,
    /// The column, when the problem is in one cell.
    pub column: Option<String>,
    /// What is wrong: a catalogue message (what the `csv` crate, serde or
    /// the Parquet reader said is shown as written, [`Message::verbatim`]).
    pub reason: Message,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        if let Some(c) = &self.column {
            write!(f, ": column `{c}`")?;
        }
        write!(f, ": {}", self.reason)
    }
}

impl std::error::Error for ReadError {}

impl ReadError {
    /// A `csv` error reading `file` (e.g. a ragged row), naming the line.
    pub(crate) fn from_csv(file: &str, e: &csv::Error) -> ReadError {
        let reason = match e.kind() {
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => Message::new("problem-read-unequal-lengths")
                .arg("len", len)
                .arg("expected", expected_len),
            _ => Message::verbatim(e.to_string()),
        };
        ReadError {
            file: file.into(),
            line: e.position().map(|p| p.line()),
            column: None,
            reason,
        }
    }

    /// The error as a catalogue message: its English is this error's
    /// `Display` (file, `:line`, `: column `c``, `: reason`); a front end
    /// words it in its language.
    pub fn message(&self) -> Message {
        let id = match (self.line, &self.column) {
            (None, None) => "problem-read-file",
            (Some(_), None) => "problem-read-file-line",
            (None, Some(_)) => "problem-read-file-column",
            (Some(_), Some(_)) => "problem-read-file-line-column",
        };
        let mut m = Message::new(id).arg("file", &self.file);
        if let Some(l) = self.line {
            m = m.arg("line", l);
        }
        if let Some(c) = &self.column {
            m = m.arg("column", c);
        }
        m.with("reason", self.reason.clone())
    }
}

/// What a deserializer's error text says: a [`CellError`] of
/// [`super::na`] recovered from its text (so it is worded in any
/// language), else the text as written (serde's, the `csv` crate's or
/// the Parquet reader's).
pub(crate) fn reason_of(text: &str) -> Message {
    CellError::from_display(text).map_or_else(|| Message::verbatim(text), |e| e.message())
}

/// Reads the rows of a CSV file written from rows of `T`; `file` names it
/// in messages. Columns are matched by name and columns the struct does not
/// know are ignored; a missing column, a cell that cannot be read or a
/// ragged row is an error naming file, line and column.
pub fn read_rows<T: DeserializeOwned>(file: &str, bytes: &[u8]) -> Result<Vec<T>, ReadError> {
    Table::parse(file, bytes)?.rows()
}

/// Fails unless every name of `needed` is in `headers`.
fn require(file: &str, headers: &StringRecord, needed: &[&str]) -> Result<(), ReadError> {
    let missing: Vec<&str> = needed
        .iter()
        .copied()
        .filter(|c| !headers.iter().any(|h| h == *c))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    Err(ReadError {
        file: file.into(),
        line: Some(1),
        column: None,
        reason: Message::new(if missing.len() == 1 {
            "problem-read-missing-column"
        } else {
            "problem-read-missing-columns"
        })
        .arg("names", crate::problem::name_list(&missing)),
    })
}

/// Where each of `cols` is among `headers[range]` (absolute indices).
fn positions(headers: &StringRecord, cols: &[&str], range: Range<usize>) -> Vec<Option<usize>> {
    cols.iter()
        .map(|c| range.clone().find(|&i| headers.get(i) == Some(*c)))
        .collect()
}

/// Deserializes the cells of `record` at `at` (one per column of `T`, in
/// the struct's order; a column not in the file is an empty cell).
fn decode<T: DeserializeOwned>(
    file: &str,
    at: &[Option<usize>],
    record: &StringRecord,
) -> Result<T, ReadError> {
    let cols = columns::<T>();
    let ordered: StringRecord = at
        .iter()
        .map(|i| i.and_then(|i| record.get(i)).unwrap_or(""))
        .collect();
    let error = |column: Option<String>, reason: Message| ReadError {
        file: file.into(),
        line: record.position().map(|p| p.line()),
        column,
        reason,
    };
    match ordered.deserialize::<Named<T>>(None) {
        Ok(Named(row)) => Ok(row),
        Err(e) => Err(match e.kind() {
            csv::ErrorKind::Deserialize { err, .. } => match err.kind() {
                csv::DeserializeErrorKind::Message(m) => {
                    let (at, message) = m.split_once(COLUMN_SEP).unwrap_or(("", m));
                    let column = at.parse::<usize>().ok().and_then(|i| cols.get(i));
                    error(column.map(|c| c.to_string()), reason_of(message))
                }
                kind => error(
                    err.field()
                        .and_then(|i| cols.get(i as usize))
                        .map(|c| c.to_string()),
                    Message::verbatim(kind.to_string()),
                ),
            },
            _ => ReadError::from_csv(file, &e),
        }),
    }
}

/// Reads one record as a `T`, taking `T`'s columns by name from `headers`
/// (a column the file lacks reads as an empty cell, which suits fields with
/// `#[serde(default)]`); an error names file, line and column.
pub fn from_record<T: DeserializeOwned>(
    file: &str,
    headers: &StringRecord,
    record: &StringRecord,
) -> Result<T, ReadError> {
    decode(
        file,
        &positions(headers, columns::<T>(), 0..headers.len()),
        record,
    )
}

/// A whole CSV file in memory. Rows of a fixed set of columns are read with
/// [`Table::rows`]; for files with a variable set of columns each part of a
/// row is read by column range ([`Table::part`], [`Table::cells`]).
#[derive(Debug, Clone)]
pub struct Table {
    /// The file, as named in messages.
    pub file: String,
    /// The header.
    pub headers: StringRecord,
    /// The rows, in order.
    pub records: Vec<StringRecord>,
}

impl Table {
    /// Reads `bytes`; `file` names it in messages.
    pub fn parse(file: &str, bytes: &[u8]) -> Result<Table, ReadError> {
        let mut reader = csv::Reader::from_reader(bytes);
        let headers = reader
            .headers()
            .map_err(|e| ReadError::from_csv(file, &e))?
            .clone();
        let records = reader
            .records()
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| ReadError::from_csv(file, &e))?;
        Ok(Table {
            file: file.into(),
            headers,
            records,
        })
    }

    /// Every row as a `T` (its columns taken by name; all must be present).
    pub fn rows<T: DeserializeOwned>(&self) -> Result<Vec<T>, ReadError> {
        let cols = columns::<T>();
        require(&self.file, &self.headers, cols)?;
        let at = positions(&self.headers, cols, 0..self.headers.len());
        self.records
            .iter()
            .map(|r| decode(&self.file, &at, r))
            .collect()
    }

    /// The column names in `range`.
    pub fn names(&self, range: Range<usize>) -> Vec<String> {
        self.headers
            .iter()
            .skip(range.start)
            .take(range.len())
            .map(String::from)
            .collect()
    }

    /// Fails unless the columns from `start` are those of `T`, in order.
    pub fn expect<T: DeserializeOwned>(&self, start: usize) -> Result<Range<usize>, ReadError> {
        let cols = columns::<T>();
        let range = start..start + cols.len();
        if self.headers.len() < range.end || self.names(range.clone()) != cols {
            return Err(ReadError {
                file: self.file.clone(),
                line: Some(1),
                column: None,
                reason: Message::new("problem-read-expected-columns")
                    .arg("columns", cols.join(","))
                    .arg("from", start + 1),
            });
        }
        Ok(range)
    }

    /// The line of row `i` in the file.
    fn line(&self, i: usize) -> Option<u64> {
        self.records[i].position().map(|p| p.line())
    }

    /// Reads columns `range` of row `i` as a `T`, by their names.
    pub fn part<T: DeserializeOwned>(&self, i: usize, range: Range<usize>) -> Result<T, ReadError> {
        let at = positions(&self.headers, columns::<T>(), range);
        decode(&self.file, &at, &self.records[i])
    }

    /// Reads the cells in `range` of row `i`, each written by [`super::na`].
    pub fn cells<T: Cell>(&self, i: usize, range: Range<usize>) -> Result<Vec<T>, ReadError> {
        range
            .map(|c| {
                let text = self.records[i].get(c).unwrap_or("");
                T::from_text((text != super::na::NA).then_some(text)).map_err(|e| ReadError {
                    file: self.file.clone(),
                    line: self.line(i),
                    column: self.headers.get(c).map(String::from),
                    reason: e.message(),
                })
            })
            .collect()
    }
}

/// The columns README.md's Outputs table documents for `file`: the first
/// backticked list in the columns cell of the row that names the file
/// (for a file with a variable set of columns, its leading fixed columns).
#[cfg(test)]
pub(crate) fn documented_columns(file: &str) -> Vec<String> {
    const README: &str = include_str!("../../README.md");
    let outputs = &README[README.find("## Outputs").expect("README has ## Outputs")..];
    let row = outputs
        .lines()
        .take_while(|l| !l.starts_with("- "))
        .find(|l| {
            l.split('|')
                .nth(1)
                .is_some_and(|cell| cell.contains(&format!("`{file}`")))
        })
        .unwrap_or_else(|| panic!("README's Outputs table has no row for {file}"));
    let cell = row.split('|').nth(3).expect("a columns cell");
    let list = cell.split('`').nth(1).expect("a backticked column list");
    list.split(", ").map(String::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    struct Row {
        name: String,
        #[serde(with = "crate::output::na")]
        value: f64,
        #[serde(with = "crate::output::na")]
        count: Option<u64>,
    }

    #[test]
    fn columns_are_the_field_names_csv_writes() {
        assert_eq!(columns::<Row>(), ["name", "value", "count"]);
        let mut w = csv::Writer::from_writer(Vec::new());
        w.serialize(Row {
            name: "a".into(),
            value: 1.0,
            count: None,
        })
        .unwrap();
        let bytes = w.into_inner().unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(text.lines().next(), Some("name,value,count"));
        assert!(columns::<u64>().is_empty());
    }

    #[test]
    fn rows_round_trip_with_na_and_an_empty_file_keeps_its_header() {
        let rows = vec![
            Row {
                name: "a, quoted".into(),
                value: 0.123457,
                count: Some(3),
            },
            Row {
                name: "b".into(),
                value: -2.0,
                count: None,
            },
        ];
        let bytes = to_csv(&rows);
        assert_eq!(
            String::from_utf8(bytes.clone()).unwrap(),
            "name,value,count\n\"a, quoted\",0.123457,3\nb,-2,NA\n"
        );
        assert_eq!(read_rows::<Row>("t.csv", &bytes).unwrap(), rows);
        assert_eq!(to_csv::<Row>(&[]), b"name,value,count\n");
    }

    #[test]
    fn a_long_table_is_the_same_bytes_on_any_thread_count() {
        // Three runs and a part-filled one, with quoted cells and NAs.
        let rows: Vec<Row> = (0..3 * CSV_CHUNK_ROWS + 17)
            .map(|i| Row {
                name: if i % 7 == 0 {
                    format!("s{i}, \"quoted\"")
                } else {
                    format!("s{i}")
                },
                value: if i % 5 == 0 { f64::NAN } else { i as f64 / 3.0 },
                count: (i % 3 != 0).then_some(i as u64),
            })
            .collect();
        let mut one = CsvBytes::new(columns::<Row>());
        for r in &rows {
            one.row(r);
        }
        let one = one.into_bytes();
        for threads in [1, 2, 3] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            assert!(pool.install(|| to_csv(&rows)) == one, "{threads} threads");
        }
        assert_eq!(read_rows::<Row>("t.csv", &one).unwrap().len(), rows.len());
    }

    #[test]
    fn bad_files_are_refused_naming_file_line_and_column() {
        let e = read_rows::<Row>("t.csv", b"name,count\na,1\n").unwrap_err();
        assert_eq!(e.to_string(), "t.csv:1: missing column `value`");
        let e = read_rows::<Row>("t.csv", b"name,value,count\na,1,2\nb,x,2\n").unwrap_err();
        assert_eq!(e.line, Some(3));
        assert_eq!(e.column.as_deref(), Some("value"));
        assert!(e.to_string().contains("`x` is not a number"), "{e}");
        let e = read_rows::<Row>("t.csv", b"name,value,count\na,1\n").unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
        let e = read_rows::<Row>("t.csv", b"name,value,count\na,1,-3\n").unwrap_err();
        assert_eq!(e.column.as_deref(), Some("count"), "{e}");
        assert_eq!(
            e.to_string(),
            "t.csv:2: column `count`: `-3` is not a whole number (or NA)"
        );
        // `csv`'s own parse errors name the column too, whatever the order
        // of the columns in the file.
        #[derive(Debug, Deserialize)]
        struct Week {
            #[allow(dead_code)]
            week: u32,
        }
        let e = read_rows::<Week>("w.csv", b"other,week\nx,1\ny,1.5\n").unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        assert_eq!(e.column.as_deref(), Some("week"), "{e}");
    }

    /// Every way a file fails to read back says so as the CLI prints it in
    /// English and in Chinese on a Chinese page: ragged rows, missing
    /// columns, a cell of the wrong kind (raised inside serde and
    /// recovered from its text), a header out of order; what the `csv`
    /// crate or serde says of their own stays as written inside.
    #[test]
    fn every_read_error_reads_as_the_cli_prints_it_and_in_chinese() {
        use crate::i18n::Lang;
        use crate::problem::assert_worded;
        #[derive(Debug, Deserialize)]
        struct Flagged {
            #[allow(dead_code)]
            #[serde(with = "crate::output::na::flag")]
            flag: bool,
        }
        let cases = [
            (
                read_rows::<Row>("t.csv", b"name,value,count\na,1\n").unwrap_err(),
                "t.csv:2: 2 fields where the header has 3",
            ),
            (
                read_rows::<Row>("t.csv", b"name,count\na,1\n").unwrap_err(),
                "t.csv:1: missing column `value`",
            ),
            (
                read_rows::<Row>("t.csv", b"name\na\n").unwrap_err(),
                "t.csv:1: missing columns `value`, `count`",
            ),
            (
                read_rows::<Row>("t.csv", b"name,value,count\na,abc,2\n").unwrap_err(),
                "t.csv:2: column `value`: `abc` is not a number (or NA)",
            ),
            (
                read_rows::<Row>("t.csv", b"name,value,count\na,1,-3\n").unwrap_err(),
                "t.csv:2: column `count`: `-3` is not a whole number (or NA)",
            ),
            (
                read_rows::<Flagged>("f.csv", b"flag\n1\nyes\n").unwrap_err(),
                "f.csv:3: column `flag`: `yes` is not 0 or 1",
            ),
            (
                Table::parse("t.csv", b"count,name,value\n")
                    .unwrap()
                    .expect::<Row>(0)
                    .unwrap_err(),
                "t.csv:1: expected the columns `name,value,count` from column 1",
            ),
        ];
        for (e, english) in cases {
            assert_eq!(e.to_string(), english);
            assert_worded(&e.message(), english);
            assert!(e.message().render(Lang::ZhCn).contains(&e.file));
        }
        // A cell read by `Table::cells` and a missing whole number.
        let t = Table::parse("c.csv", b"p.a,p.b\n0.5,x\n").unwrap();
        let e = t.cells::<f64>(0, 0..2).unwrap_err();
        assert_worded(
            &e.message(),
            "c.csv:2: column `p.b`: `x` is not a number (or NA)",
        );
        let e = t.cells::<u64>(0, 0..1).unwrap_err();
        assert_worded(
            &e.message(),
            "c.csv:2: column `p.a`: `0.5` is not a whole number (or NA)",
        );
        // The `csv` crate's own parse error stays as written inside a worded
        // location (Chinese around it, the crate's English within).
        #[derive(Debug, Deserialize)]
        struct Week {
            #[allow(dead_code)]
            week: u32,
        }
        let e = read_rows::<Week>("w.csv", b"week\n1.5\n").unwrap_err();
        let english = e.to_string();
        assert!(english.starts_with("w.csv:2: column `week`: "), "{english}");
        assert_eq!(e.reason.id, crate::problem::VERBATIM);
        assert_worded(&e.message(), &english);
        let zh = e.message().render(Lang::ZhCn);
        assert!(zh.ends_with(e.reason.as_str()), "{zh}");
        // A students file whose outcome columns are of another version.
        let mut header = columns::<crate::output::StudentRow>().join(",");
        header.push_str(",resilience\n");
        let e = crate::output::read_students("s.csv", header.as_bytes()).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("s.csv:1: expected the outcome columns `"),
            "{e}"
        );
        assert!(
            e.to_string().ends_with("` after `sex`, found `resilience`"),
            "{e}"
        );
        assert_worded(&e.message(), &e.to_string());
        // A file with no line (a Parquet file's problems) names the file alone.
        let e = ReadError {
            file: "s.parquet".into(),
            line: None,
            column: None,
            reason: Message::new("problem-read-parquet-extra-field"),
        };
        assert_worded(&e.message(), "s.parquet: more fields than columns");
        let e = ReadError {
            column: Some("week".into()),
            reason: Message::new("problem-read-parquet-null"),
            ..e
        };
        assert_worded(
            &e.message(),
            "s.parquet: column `week`: missing (null) where a value is needed",
        );
        // A Parquet file read by a resim built without Parquet support.
        let e = ReadError {
            file: "results/q/trajectories.parquet".into(),
            line: None,
            column: None,
            reason: Message::new("problem-read-no-parquet"),
        };
        assert_worded(
            &e.message(),
            "results/q/trajectories.parquet: this resim was built without Parquet support (the `parquet` cargo feature); rebuild it with `cargo build --release --features parquet`",
        );
    }

    #[test]
    fn a_table_reads_fixed_parts_and_variable_cells() {
        let mut w = CsvBytes::new(["name", "value", "count", "p.a", "p.b"]);
        let row = Row {
            name: "a".into(),
            value: 0.5,
            count: Some(1),
        };
        w.row(&(&row, Cells(&[0.25, f64::NAN])));
        let t = Table::parse("t.csv", &w.into_bytes()).unwrap();
        let fixed = t.expect::<Row>(0).unwrap();
        assert_eq!(t.part::<Row>(0, fixed.clone()).unwrap(), row);
        assert_eq!(t.names(3..5), ["p.a", "p.b"]);
        let cells: Vec<f64> = t.cells(0, 3..5).unwrap();
        assert_eq!(cells[0], 0.25);
        assert!(cells[1].is_nan());
        assert!(t.expect::<Row>(1).is_err());
    }
}
