//! Which files a job writes its big tables as: CSV, Parquet or both
//! (`--format csv|parquet|both`).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The format of the big tables of a job — `students`, `trajectories` and
/// `sweep` — as CSV (`.csv`), Parquet (`.parquet`) or both. The other files
/// of a result set are always CSV.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    /// Tidy CSV only (the default).
    #[default]
    Csv,
    /// Parquet only (Apache Arrow types, snappy-compressed).
    Parquet,
    /// CSV and Parquet side by side.
    Both,
}

impl OutputFormat {
    /// Every format, by name.
    pub const NAMES: [&'static str; 3] = ["csv", "parquet", "both"];

    /// The format's name, as given on the command line.
    pub fn name(self) -> &'static str {
        match self {
            OutputFormat::Csv => "csv",
            OutputFormat::Parquet => "parquet",
            OutputFormat::Both => "both",
        }
    }

    /// Whether the tables are written as CSV.
    pub fn csv(self) -> bool {
        matches!(self, OutputFormat::Csv | OutputFormat::Both)
    }

    /// Whether the tables are written as Parquet.
    pub fn parquet(self) -> bool {
        matches!(self, OutputFormat::Parquet | OutputFormat::Both)
    }

    /// The files of table `stem` (e.g. `students`) in this format.
    pub fn files(self, stem: &str) -> Vec<String> {
        let mut names = Vec::new();
        if self.csv() {
            names.push(format!("{stem}.csv"));
        }
        if self.parquet() {
            names.push(format!("{stem}.parquet"));
        }
        names
    }

    /// The file a reader looks for first: the CSV file when there is one.
    pub fn main_file(self, stem: &str) -> String {
        if self.csv() {
            format!("{stem}.csv")
        } else {
            format!("{stem}.parquet")
        }
    }

    /// Whether this program can write the format (Parquet needs the
    /// `parquet` cargo feature, on by default).
    /// The refusal is a catalogue message (its English is what the CLI
    /// prints; a front end words it in its language).
    pub fn check(self) -> Result<OutputFormat, crate::problem::Message> {
        if self.parquet() && !cfg!(feature = "parquet") {
            return Err(crate::problem::Message::new("problem-format-no-parquet")
                .arg("format", self.name()));
        }
        Ok(self)
    }
}

impl fmt::Display for OutputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for OutputFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<OutputFormat, String> {
        match s {
            "csv" => Ok(OutputFormat::Csv),
            "parquet" => Ok(OutputFormat::Parquet),
            "both" => Ok(OutputFormat::Both),
            other => Err(format!(
                "`{other}` is not an output format; valid: {}",
                OutputFormat::NAMES.join(", ")
            )),
        }
    }
}

/// Reads the rows of table `stem` (`trajectories`): from `stem.csv` when
/// `has_csv`, else from `stem.parquet`; `read` gives a file's bytes by
/// name, `dir` names the files in messages.
pub fn read_table_rows<T: serde::de::DeserializeOwned, E: From<super::ReadError>>(
    dir: &str,
    stem: &str,
    has_csv: bool,
    read: impl Fn(&str) -> Result<Vec<u8>, E>,
) -> Result<Vec<T>, E> {
    if has_csv {
        let name = format!("{stem}.csv");
        return Ok(super::read_rows(&format!("{dir}/{name}"), &read(&name)?)?);
    }
    let name = format!("{stem}.parquet");
    #[cfg(feature = "parquet")]
    {
        Ok(super::columnar::read_parquet_rows(
            &format!("{dir}/{name}"),
            read(&name)?,
        )?)
    }
    #[cfg(not(feature = "parquet"))]
    {
        Err(super::ReadError {
            file: format!("{dir}/{name}"),
            line: None,
            column: None,
            reason: crate::problem::Message::new("problem-read-no-parquet"),
        }
        .into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_by_name_and_say_which_files_they_write() {
        for name in OutputFormat::NAMES {
            assert_eq!(name.parse::<OutputFormat>().unwrap().name(), name);
        }
        let e = "xlsx".parse::<OutputFormat>().unwrap_err();
        assert!(e.contains("valid: csv, parquet, both"), "{e}");
        assert_eq!(
            OutputFormat::Both.files("students"),
            ["students.csv", "students.parquet"]
        );
        assert_eq!(OutputFormat::Parquet.main_file("sweep"), "sweep.parquet");
        assert_eq!(OutputFormat::default(), OutputFormat::Csv);
    }

    #[test]
    fn parquet_without_its_feature_is_refused_in_english_as_the_cli_prints_it_and_in_chinese() {
        use crate::i18n::Lang;
        assert_eq!(OutputFormat::Csv.check(), Ok(OutputFormat::Csv));
        let m = crate::problem::Message::new("problem-format-no-parquet").arg("format", "both");
        assert_eq!(
            m.render(Lang::En),
            "--format both: this resim was built without Parquet support; rebuild it with `cargo build --release --features parquet`, or use --format csv"
        );
        assert!(m.render(Lang::ZhCn).contains("不支持 Parquet"));
        match OutputFormat::Both.check() {
            Ok(f) => assert!(cfg!(feature = "parquet") && f == OutputFormat::Both),
            Err(e) => assert!(!cfg!(feature = "parquet") && e == m),
        }
    }
}
