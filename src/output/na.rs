//! How a value is written in a cell of resim's CSV files, and `NA`, the
//! missing value.
//!
//! Every number column of every row struct goes through this one helper:
//! `#[serde(with = "crate::output::na")]`. It writes
//!
//! * an `f64` rounded to 6 decimals in its shortest form (`0.5`, `58.217509`,
//!   `16`; `-0` as `0`), and a value that is not a number (NaN, ±∞) as `NA`;
//! * an `Option<T>` as `NA` when it is `None`;
//!
//! and reads them back (`NA` is NaN for an `f64`, `None` for an `Option`).
//! A format that is not human-readable (the Parquet writer and reader of
//! [`crate::output::columnar`]) gets the native value instead: an `f64`
//! (null when not finite), a whole number, a `bool` for a flag.
//! R (`read.csv`) and pandas (`pd.read_csv`) read `NA` as missing.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serializer};

use crate::problem::Message;

/// The text of a missing value.
pub const NA: &str = "NA";

/// Formats a number for CSV: rounded to 6 decimals, shortest round-trip
/// form, `NA` for a value that is not finite (R reads it).
pub fn num(x: f64) -> String {
    if x.is_finite() {
        let r = (x * 1e6).round() / 1e6;
        // Normalise -0 to 0.
        format!("{}", if r == 0.0 { 0.0 } else { r })
    } else {
        NA.into()
    }
}

/// Why a cell cannot be read back as its value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CellError {
    /// Text where a number (or `NA`) is needed.
    #[error("`{0}` is not a number (or {NA})")]
    NotANumber(String),
    /// Text where a whole number (or `NA`) is needed.
    #[error("`{0}` is not a whole number (or {NA})")]
    NotAWholeNumber(String),
    /// `NA` where a whole number is needed.
    #[error("{NA} where a whole number is needed")]
    MissingWholeNumber,
    /// `NA` where a name is needed.
    #[error("{NA} where a name is needed")]
    MissingName,
    /// Text where a yes/no flag (`1` or `0`) is needed.
    #[error("`{0}` is not 0 or 1")]
    NotAFlag(String),
}

impl CellError {
    /// The reason as a catalogue message: its English is this error's
    /// `Display`; a front end words it in its language.
    pub fn message(&self) -> Message {
        match self {
            CellError::NotANumber(t) => Message::new("problem-cell-not-a-number").arg("text", t),
            CellError::NotAWholeNumber(t) => {
                Message::new("problem-cell-not-a-whole-number").arg("text", t)
            }
            CellError::MissingWholeNumber => Message::new("problem-cell-missing-whole-number"),
            CellError::MissingName => Message::new("problem-cell-missing-name"),
            CellError::NotAFlag(t) => Message::new("problem-cell-not-a-flag").arg("text", t),
        }
    }

    /// The error whose `Display` is `text`, if any: a cell error reaches
    /// the CSV reader only as the text of a serde error (raised inside the
    /// deserializer), and this recovers it, so its reason can be worded in
    /// any language. The exact inverse of `Display`.
    pub fn from_display(text: &str) -> Option<CellError> {
        let quoted = |suffix: &str| {
            text.strip_prefix('`')
                .and_then(|t| t.strip_suffix(suffix))
                .map(String::from)
        };
        if let Some(t) = quoted(&format!("` is not a number (or {NA})")) {
            return Some(CellError::NotANumber(t));
        }
        if let Some(t) = quoted(&format!("` is not a whole number (or {NA})")) {
            return Some(CellError::NotAWholeNumber(t));
        }
        if let Some(t) = quoted("` is not 0 or 1") {
            return Some(CellError::NotAFlag(t));
        }
        [CellError::MissingWholeNumber, CellError::MissingName]
            .into_iter()
            .find(|e| e.to_string() == text)
    }
}

/// A value that can stand in a CSV cell that may be `NA`.
pub trait Cell: Sized {
    /// The cell's text; `None` writes `NA`.
    fn to_text(&self) -> Option<String>;
    /// The value of a cell; `None` when the cell is `NA`.
    fn from_text(text: Option<&str>) -> Result<Self, CellError>;
    /// Writes the value natively (for a format that is not human-readable):
    /// a missing value as `none`.
    fn serialize_native<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error>;
    /// Reads a value written by [`Cell::serialize_native`].
    fn deserialize_native<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error>;
}

/// A cell written natively ([`Cell::serialize_native`]).
struct Native<'a, T>(&'a T);

impl<T: Cell> serde::Serialize for Native<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_native(s)
    }
}

/// A cell read natively ([`Cell::deserialize_native`]).
struct NativeValue<T>(T);

impl<'de, T: Cell> Deserialize<'de> for NativeValue<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize_native(d).map(NativeValue)
    }
}

impl Cell for f64 {
    fn to_text(&self) -> Option<String> {
        self.is_finite().then(|| num(*self))
    }

    fn from_text(text: Option<&str>) -> Result<Self, CellError> {
        match text {
            None => Ok(f64::NAN),
            Some(t) => t
                .trim()
                .parse()
                .map_err(|_| CellError::NotANumber(t.to_string())),
        }
    }

    fn serialize_native<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.is_finite() {
            s.serialize_some(self)
        } else {
            s.serialize_none()
        }
    }

    fn deserialize_native<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Option::<f64>::deserialize(d)?.unwrap_or(f64::NAN))
    }
}

impl Cell for u64 {
    fn to_text(&self) -> Option<String> {
        Some(self.to_string())
    }

    fn from_text(text: Option<&str>) -> Result<Self, CellError> {
        let t = text.ok_or(CellError::MissingWholeNumber)?;
        t.trim()
            .parse()
            .map_err(|_| CellError::NotAWholeNumber(t.to_string()))
    }

    fn serialize_native<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(*self)
    }

    fn deserialize_native<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        u64::deserialize(d)
    }
}

impl Cell for String {
    fn to_text(&self) -> Option<String> {
        Some(self.clone())
    }

    fn from_text(text: Option<&str>) -> Result<Self, CellError> {
        text.map(String::from).ok_or(CellError::MissingName)
    }

    fn serialize_native<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }

    fn deserialize_native<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)
    }
}

impl<T: Cell> Cell for Option<T> {
    fn to_text(&self) -> Option<String> {
        self.as_ref().and_then(Cell::to_text)
    }

    fn from_text(text: Option<&str>) -> Result<Self, CellError> {
        text.map(|t| T::from_text(Some(t))).transpose()
    }

    fn serialize_native<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(v) => s.serialize_some(&Native(v)),
            None => s.serialize_none(),
        }
    }

    fn deserialize_native<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Option::<NativeValue<T>>::deserialize(d)?.map(|v| v.0))
    }
}

/// Writes a cell: its text, or `NA`.
pub fn serialize<T: Cell, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    if !s.is_human_readable() {
        return value.serialize_native(s);
    }
    match value.to_text() {
        Some(text) => s.serialize_str(&text),
        None => s.serialize_str(NA),
    }
}

/// Reads a cell written by [`serialize`].
pub fn deserialize<'de, T: Cell, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    if !d.is_human_readable() {
        return T::deserialize_native(d);
    }
    let text = String::deserialize(d)?;
    T::from_text((text != NA).then_some(text.as_str())).map_err(D::Error::custom)
}

/// A yes/no column written as `1`/`0`: `#[serde(with = "crate::output::na::flag")]`.
pub mod flag {
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes `1` for true, `0` for false.
    pub fn serialize<S: Serializer>(value: &bool, s: S) -> Result<S::Ok, S::Error> {
        if !s.is_human_readable() {
            return s.serialize_bool(*value);
        }
        s.serialize_u8(u8::from(*value))
    }

    /// Reads `1` or `0`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        if !d.is_human_readable() {
            return bool::deserialize(d);
        }
        match String::deserialize(d)?.trim() {
            "1" => Ok(true),
            "0" => Ok(false),
            other => Err(D::Error::custom(super::CellError::NotAFlag(
                other.to_string(),
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_rounded_to_six_decimals_and_missing_values_are_na() {
        assert_eq!(num(0.1234567), "0.123457");
        assert_eq!(num(16.0), "16");
        assert_eq!(num(-0.0000001), "0");
        assert_eq!(num(1e-7), "0");
        assert_eq!(num(f64::NAN), "NA");
        assert_eq!(num(f64::INFINITY), "NA");
        assert_eq!(f64::NAN.to_text(), None);
        assert!(f64::from_text(None).unwrap().is_nan());
        assert_eq!(f64::from_text(Some("2.5")), Ok(2.5));
        assert!(
            f64::from_text(Some("abc"))
                .unwrap_err()
                .to_string()
                .contains("`abc`")
        );
        assert_eq!(Option::<u64>::from_text(None), Ok(None));
        assert_eq!(Option::<u64>::from_text(Some("24")), Ok(Some(24)));
        assert_eq!(Some(0.25_f64).to_text().as_deref(), Some("0.25"));
        assert_eq!(None::<String>.to_text(), None);
    }

    /// Every cell error reads as before in English, in Chinese on Chinese
    /// pages, and is recovered from its text (how it reaches the reader),
    /// whatever the cell held.
    #[test]
    fn cell_errors_read_as_before_in_chinese_and_come_back_from_their_text() {
        let all = [
            (
                CellError::NotANumber("abc".into()),
                "`abc` is not a number (or NA)",
            ),
            (
                CellError::NotAWholeNumber("-3".into()),
                "`-3` is not a whole number (or NA)",
            ),
            (
                CellError::MissingWholeNumber,
                "NA where a whole number is needed",
            ),
            (CellError::MissingName, "NA where a name is needed"),
            (CellError::NotAFlag("yes".into()), "`yes` is not 0 or 1"),
            (
                CellError::NotANumber("` is not a number (or NA)".into()),
                "`` is not a number (or NA)` is not a number (or NA)",
            ),
        ];
        for (e, english) in all {
            assert_eq!(e.to_string(), english);
            crate::problem::assert_worded(&e.message(), english);
            assert_eq!(CellError::from_display(english), Some(e));
        }
        for other in ["invalid digit found in string", "`x` is not a name", ""] {
            assert_eq!(CellError::from_display(other), None, "{other}");
        }
    }
}
