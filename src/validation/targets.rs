//! Published targets: the rows of a `calibration.csv`.
//!
//! A targets file has the columns of `shared/targets/calibration.csv`:
//! `id, finding, statistic, value, low, high, population, source`. Only `id`,
//! `value`, `low` and `high` are required; the others are carried into
//! reports when present. Effects are signed so that improvement is positive.

use std::fmt;
use std::path::Path;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize};

use crate::output::tidy::{columns, from_record};

/// The bundled targets (a copy of `shared/targets/calibration.csv`).
pub const BUNDLED: &str = include_str!("../../data/calibration.csv");

/// Name shown for the bundled targets.
pub const BUNDLED_NAME: &str = "data/calibration.csv (bundled)";

/// One published finding with its tolerance band: a row of a targets file.
/// `id`, `value`, `low` and `high` are required; the other columns may be
/// left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// Identifier; names the measurement (see [`super::measures`] and
    /// `resim list targets`).
    pub id: String,
    /// The finding in words.
    #[serde(default)]
    pub finding: String,
    /// The statistic, e.g. "standardised mean difference".
    #[serde(default)]
    pub statistic: String,
    /// Published value, in the statistic's units (effects signed so that
    /// improvement is positive).
    #[serde(deserialize_with = "number")]
    pub value: f64,
    /// Lower end of the band (the model passes when its mean lies in
    /// `low..=high`).
    #[serde(deserialize_with = "number")]
    pub low: f64,
    /// Upper end of the band.
    #[serde(deserialize_with = "number")]
    pub high: f64,
    /// Population the finding is about.
    #[serde(default)]
    pub population: String,
    /// Where it was published.
    #[serde(default)]
    pub source: String,
}

/// The columns a targets file must have.
pub const REQUIRED: [&str; 4] = ["id", "value", "low", "high"];

/// A finite number, or a message naming the text.
fn number<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    let raw = String::deserialize(d)?;
    raw.parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .ok_or_else(|| D::Error::custom(format!("`{raw}` is not a number (e.g. 0.39)")))
}

impl Target {
    /// Whether `x` lies inside the band (ends included).
    pub fn contains(&self, x: f64) -> bool {
        x.is_finite() && x >= self.low && x <= self.high
    }

    /// Residual of `x` in band units: 0 at the published value, ±1 at the
    /// band's ends (each side scaled by its own half-width).
    pub fn residual(&self, x: f64) -> f64 {
        let scale = if x >= self.value {
            self.high - self.value
        } else {
            self.value - self.low
        };
        let scale = if scale > 0.0 {
            scale
        } else {
            ((self.high - self.low) / 2.0).max(1e-9)
        };
        (x - self.value) / scale
    }
}

/// A targets file that cannot be used.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetsError {
    /// The file (or the bundled name).
    pub file: String,
    /// 1-based line, when the problem is in one row.
    pub line: Option<u64>,
    /// What is wrong and what would be valid.
    pub message: String,
}

impl fmt::Display for TargetsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{l}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for TargetsError {}

/// Largest targets file read (a targets file is a few kilobytes).
pub const MAX_TARGETS_BYTES: u64 = 1 << 20;

/// Reads a targets file (at most [`MAX_TARGETS_BYTES`], whatever the file type).
pub fn load(path: &Path) -> Result<Vec<Target>, TargetsError> {
    let name = path.display().to_string();
    let fail = |message: String| TargetsError {
        file: name.clone(),
        line: None,
        message,
    };
    let bytes = crate::input::read_capped(path, MAX_TARGETS_BYTES, "a targets file").map_err(
        |e| match e {
            crate::input::InputError::Io { source, .. } => {
                fail(format!("cannot read the targets file: {source}"))
            }
            other => fail(other.to_string()),
        },
    )?;
    let text =
        String::from_utf8(bytes).map_err(|_| fail("the targets file is not UTF-8 text".into()))?;
    parse(&text, &name)
}

/// The bundled targets.
pub fn bundled() -> Vec<Target> {
    parse(BUNDLED, BUNDLED_NAME).expect("the bundled targets parse")
}

/// Parses targets CSV text; `file` names it in messages.
pub fn parse(text: &str, file: &str) -> Result<Vec<Target>, TargetsError> {
    let err = |line: Option<u64>, message: String| TargetsError {
        file: file.to_string(),
        line,
        message,
    };
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| err(Some(1), format!("cannot read the header: {e}")))?
        .clone();
    let missing: Vec<&str> = REQUIRED
        .iter()
        .copied()
        .filter(|c| !headers.iter().any(|h| h == *c))
        .collect();
    if !missing.is_empty() {
        return Err(err(
            Some(1),
            format!(
                "missing column{} {}; a targets file has the columns {} ({} and {} required)",
                if missing.len() == 1 { "" } else { "s" },
                missing
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                columns::<Target>().join(","),
                REQUIRED[..REQUIRED.len() - 1].join(", "),
                REQUIRED[REQUIRED.len() - 1]
            ),
        ));
    }
    let mut out: Vec<Target> = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map(|p| p.line());
            err(line, format!("not valid CSV: {e}"))
        })?;
        let line = rec.position().map(|p| p.line());
        if rec.iter().all(|f| f.is_empty()) {
            continue;
        }
        let t: Target = from_record(file, &headers, &rec).map_err(|e| {
            let message = match e.column {
                Some(c) => format!("column `{c}`: {}", e.message),
                None => e.message,
            };
            err(line, message)
        })?;
        if t.id.is_empty() {
            return Err(err(line, "empty `id`; every target needs one".into()));
        }
        if !(t.low <= t.value && t.value <= t.high) {
            return Err(err(
                line,
                format!(
                    "target `{}`: the band must hold the value (low ≤ value ≤ high), got {} ≤ {} ≤ {}",
                    t.id, t.low, t.value, t.high
                ),
            ));
        }
        if out.iter().any(|o| o.id == t.id) {
            return Err(err(
                line,
                format!("target `{}` is listed twice; ids must be unique", t.id),
            ));
        }
        out.push(t);
    }
    if out.is_empty() {
        return Err(err(None, "no targets in the file".into()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_targets_parse() {
        let t = bundled();
        assert_eq!(t.len(), 10);
        assert!(t.iter().any(|t| t.id == "support_resilience_correlation"));
    }

    #[test]
    fn targets_round_trip_through_their_row_struct() {
        let targets = bundled();
        let bytes = crate::output::to_csv(&targets);
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with("id,finding,statistic,value,low,high,population,source\n"));
        assert_eq!(parse(&text, "t").unwrap(), targets);
        // Optional columns may be left out; blank rows are skipped.
        let t = parse("high, low ,value,id\n0.5,0.2,0.4,x\n,,,\n", "t").unwrap();
        assert_eq!(t.len(), 1);
        assert_eq!(
            (t[0].id.as_str(), t[0].value, t[0].finding.as_str()),
            ("x", 0.4, "")
        );
    }

    #[test]
    fn residuals_are_in_band_units() {
        let t = &parse("id,value,low,high\nx,0.4,0.2,0.5\n", "t").unwrap()[0];
        assert!((t.residual(0.5) - 1.0).abs() < 1e-12);
        assert!((t.residual(0.2) + 1.0).abs() < 1e-12);
        assert!(t.contains(0.2) && t.contains(0.5) && !t.contains(0.51));
    }

    #[test]
    fn bad_files_are_refused_with_a_line() {
        let e = parse("id,value,low\nx,1,0\n", "t").unwrap_err();
        assert!(e.message.contains("`high`"), "{e}");
        let e = parse("id,value,low,high\nx,abc,0,1\n", "t").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert_eq!(
            e.to_string(),
            "t:2: column `value`: `abc` is not a number (e.g. 0.39)"
        );
        let e = parse("id,value,low,high\nx,1,0,inf\n", "t").unwrap_err();
        assert!(e.message.contains("column `high`"), "{e}");
        let e = parse("id,value,low,high\nx,2,0,1\n", "t").unwrap_err();
        assert!(e.message.contains("band"), "{e}");
        let e = parse("id,value,low,high\nx,1,0,2\nx,1,0,2\n", "t").unwrap_err();
        assert!(e.message.contains("twice"), "{e}");
    }
}
