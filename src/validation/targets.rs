//! Published targets: the rows of a `calibration.csv` or `patterns.csv`.
//!
//! A targets file has the columns of `shared/targets/calibration.csv`:
//! `id, finding, statistic, value, low, high, population, source`. Only `id`,
//! `value`, `low` and `high` are required; the others are carried into
//! reports when present. Effects are signed so that improvement is positive.
//!
//! Optional columns ([`OPTIONAL`], [`TargetMeta`]) say how a target is used
//! and measured: `role` (`calibration`, the default, or `out_of_sample`:
//! never used for fitting), `where` (the table or page the figure stands
//! on), `band` (where the band comes from), `measured_as` (how the
//! publication measured it), and settings of the model's measurement that
//! replace its defaults: `scenario` (a bundled validation scenario),
//! `survey_weeks` (the survey window, weeks joined by `;`), `lag` (weeks
//! between the waves of a panel statistic) and `after_end` (weeks after the
//! end of the programme an effect is read). Any other column is an error.

use std::fmt;
use std::path::Path;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize};

use crate::output::tidy::{columns, from_record};
use crate::problem::Message;

/// The bundled targets (a copy of `shared/targets/calibration.csv`).
pub const BUNDLED: &str = include_str!("../../data/calibration.csv");

/// Name shown for the bundled targets.
pub const BUNDLED_NAME: &str = "data/calibration.csv (bundled)";

/// One published finding with its tolerance band: a row of a targets file.
/// `id`, `value`, `low` and `high` are required; the other columns may be
/// left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// Identifier; names the measurement (see [`super::measures`]).
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
    /// The optional columns (read separately, so that the eight columns of
    /// `calibration.csv` round-trip unchanged).
    #[serde(skip)]
    pub meta: TargetMeta,
}

/// How a target is used in fitting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// May be used to fit parameters (`resim calibrate`).
    #[default]
    Calibration,
    /// Never used for fitting: evidence of what the model predicts.
    OutOfSample,
}

impl Role {
    /// The word in files and tables.
    pub fn word(self) -> &'static str {
        match self {
            Role::Calibration => "calibration",
            Role::OutOfSample => "out_of_sample",
        }
    }
}

/// The optional columns of a target.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct TargetMeta {
    /// `calibration` (default) or `out_of_sample`.
    #[serde(default, deserialize_with = "role")]
    pub role: Role,
    /// Where the figure stands in the publication (table, page, abstract).
    #[serde(default, rename = "where")]
    pub location: String,
    /// Where the band comes from (the publication's CI, the spread between
    /// studies, or how it was derived from published counts).
    #[serde(default)]
    pub band: String,
    /// How the publication measured the finding.
    #[serde(default)]
    pub measured_as: String,
    /// Bundled validation scenario to measure on (empty: the measurement's own).
    #[serde(default)]
    pub scenario: String,
    /// Survey window replacing the scenario's (weeks joined by `;`).
    #[serde(default, deserialize_with = "weeks")]
    pub survey_weeks: Option<Vec<u32>>,
    /// Weeks between the two waves of a stability or persistence target.
    #[serde(default, deserialize_with = "whole")]
    pub lag: Option<u32>,
    /// Weeks after the end of the programme that a follow-up effect is read.
    #[serde(default, deserialize_with = "whole")]
    pub after_end: Option<u32>,
}

/// The columns a targets file must have.
pub const REQUIRED: [&str; 4] = ["id", "value", "low", "high"];

/// The optional columns beyond the eight of `calibration.csv`.
pub const OPTIONAL: [&str; 8] = [
    "role",
    "where",
    "band",
    "measured_as",
    "scenario",
    "survey_weeks",
    "lag",
    "after_end",
];

/// A finite number, or a message naming the text.
fn parse_number(raw: &str) -> Result<f64, Message> {
    raw.parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .ok_or_else(|| Message::new("problem-targets-not-a-number").arg("text", raw))
}

/// A role, or a message naming the text and the valid roles.
fn parse_role(raw: &str) -> Result<Role, Message> {
    match raw {
        "" | "calibration" => Ok(Role::Calibration),
        "out_of_sample" => Ok(Role::OutOfSample),
        other => Err(Message::new("problem-targets-role").arg("text", other)),
    }
}

/// A whole number of weeks (empty: none), or a message naming the text.
fn parse_whole(raw: &str) -> Result<Option<u32>, Message> {
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse::<u32>()
        .map(Some)
        .map_err(|_| Message::new("problem-targets-not-whole").arg("text", raw))
}

/// Weeks joined by `;` (empty: none), or a message naming the text.
fn parse_weeks(raw: &str) -> Result<Option<Vec<u32>>, Message> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    raw.split(|c: char| c == ';' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<u32>()
                .map_err(|_| Message::new("problem-targets-not-weeks").arg("text", raw))
        })
        .collect::<Result<Vec<u32>, _>>()
        .map(Some)
}

fn number<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    parse_number(&String::deserialize(d)?).map_err(D::Error::custom)
}

fn role<'de, D: Deserializer<'de>>(d: D) -> Result<Role, D::Error> {
    parse_role(&String::deserialize(d)?).map_err(D::Error::custom)
}

fn whole<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    parse_whole(&String::deserialize(d)?).map_err(D::Error::custom)
}

fn weeks<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<u32>>, D::Error> {
    parse_weeks(&String::deserialize(d)?).map_err(D::Error::custom)
}

/// The cells read by [`parse_number`], [`parse_role`], [`parse_whole`] and
/// [`parse_weeks`], checked in the order the rows' structs read them (so
/// that the first problem is the one their reading would find), each
/// problem a typed message naming its column.
fn check_cells(headers: &csv::StringRecord, rec: &csv::StringRecord) -> Result<(), Message> {
    type Check = fn(&str) -> Result<(), Message>;
    let checks: [(&str, Check); 7] = [
        ("value", |s| parse_number(s).map(drop)),
        ("low", |s| parse_number(s).map(drop)),
        ("high", |s| parse_number(s).map(drop)),
        ("role", |s| parse_role(s).map(drop)),
        ("survey_weeks", |s| parse_weeks(s).map(drop)),
        ("lag", |s| parse_whole(s).map(drop)),
        ("after_end", |s| parse_whole(s).map(drop)),
    ];
    for (column, check) in checks {
        let cell = headers
            .iter()
            .position(|h| h == column)
            .and_then(|i| rec.get(i))
            .unwrap_or("");
        check(cell).map_err(|m| in_column(column, m))?;
    }
    Ok(())
}

/// `column `NAME`: MESSAGE`.
fn in_column(column: &str, message: Message) -> Message {
    Message::new("problem-targets-column")
        .arg("column", column)
        .with("message", message)
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

    /// Whether the target may be used to fit parameters.
    pub fn for_fitting(&self) -> bool {
        self.meta.role == Role::Calibration
    }
}

/// A targets file that cannot be used.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetsError {
    /// The file (or the bundled name).
    pub file: String,
    /// 1-based line, when the problem is in one row.
    pub line: Option<u64>,
    /// What is wrong and what would be valid, a catalogue message (its
    /// English is what the CLI prints).
    pub message: Message,
}

impl TargetsError {
    /// The whole error as a catalogue message, the file and line before
    /// what is wrong: its English is this error's `Display`, and a front
    /// end words it in its language.
    pub fn to_message(&self) -> Message {
        match self.line {
            Some(l) => Message::new("problem-targets-at-line")
                .arg("file", &self.file)
                .arg("line", l)
                .with("message", self.message.clone()),
            None => Message::new("problem-targets-in-file")
                .arg("file", &self.file)
                .with("message", self.message.clone()),
        }
    }
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
    let fail = |message: Message| TargetsError {
        file: name.clone(),
        line: None,
        message,
    };
    let bytes = crate::input::read_capped(path, MAX_TARGETS_BYTES, "a targets file").map_err(
        |e| match e {
            crate::input::InputError::Io { source, .. } => fail(
                Message::new("problem-targets-unreadable")
                    .with("error", Message::verbatim(source.to_string())),
            ),
            other => fail(Message::verbatim(other.to_string())),
        },
    )?;
    let text =
        String::from_utf8(bytes).map_err(|_| fail(Message::new("problem-targets-not-utf8")))?;
    parse(&text, &name)
}

/// The bundled targets.
pub fn bundled() -> Vec<Target> {
    parse(BUNDLED, BUNDLED_NAME).expect("the bundled targets parse")
}

/// Every column a targets file may have.
pub fn all_columns() -> Vec<&'static str> {
    let mut all = columns::<Target>().to_vec();
    all.extend(OPTIONAL);
    all
}

/// Parses targets CSV text; `file` names it in messages.
pub fn parse(text: &str, file: &str) -> Result<Vec<Target>, TargetsError> {
    let err = |line: Option<u64>, message: Message| TargetsError {
        file: file.to_string(),
        line,
        message,
    };
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| {
            err(
                Some(1),
                Message::new("problem-targets-header")
                    .with("error", Message::verbatim(e.to_string())),
            )
        })?
        .clone();
    let described = || {
        Message::new("valid-targets-columns")
            .arg("columns", columns::<Target>().join(","))
            .arg("required", REQUIRED[..REQUIRED.len() - 1].join(", "))
            .arg("last", REQUIRED[REQUIRED.len() - 1])
            .arg("optional", OPTIONAL.join(", "))
    };
    let missing: Vec<&str> = REQUIRED
        .iter()
        .copied()
        .filter(|c| !headers.iter().any(|h| h == *c))
        .collect();
    if !missing.is_empty() {
        let id = if missing.len() == 1 {
            "problem-targets-missing-column"
        } else {
            "problem-targets-missing-columns"
        };
        return Err(err(
            Some(1),
            Message::new(id)
                .arg(
                    "names",
                    missing
                        .iter()
                        .map(|c| format!("`{c}`"))
                        .collect::<Vec<_>>()
                        .join(", "),
                )
                .with("valid", described()),
        ));
    }
    let known = all_columns();
    if let Some(bad) = headers.iter().find(|h| !known.contains(h)) {
        let message = match crate::problem::nearest(bad, known.iter().copied()) {
            Some(n) => Message::new("problem-targets-unknown-column-near")
                .arg("name", bad)
                .arg("near", n),
            None => Message::new("problem-targets-unknown-column").arg("name", bad),
        };
        return Err(err(Some(1), message.with("valid", described())));
    }
    if let Some(dup) = headers
        .iter()
        .enumerate()
        .find(|(i, h)| headers.iter().take(*i).any(|o| o == *h))
        .map(|(_, h)| h)
    {
        return Err(err(
            Some(1),
            Message::new("problem-targets-column-twice").arg("name", dup),
        ));
    }
    let mut out: Vec<Target> = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map(|p| p.line());
            err(
                line,
                Message::new("problem-targets-not-csv")
                    .with("error", Message::verbatim(e.to_string())),
            )
        })?;
        let line = rec.position().map(|p| p.line());
        if rec.iter().all(|f| f.is_empty()) {
            continue;
        }
        check_cells(&headers, &rec).map_err(|m| err(line, m))?;
        // Whatever else a row's reading refuses is said in the reader's
        // words (a cell that is not a number worded in any language).
        let cell_error = |e: crate::output::ReadError| {
            let message = e.reason;
            err(
                line,
                match e.column {
                    Some(c) => in_column(&c, message),
                    None => message,
                },
            )
        };
        let mut t: Target = from_record(file, &headers, &rec).map_err(cell_error)?;
        t.meta = from_record(file, &headers, &rec).map_err(cell_error)?;
        if t.id.is_empty() {
            return Err(err(line, Message::new("problem-targets-empty-id")));
        }
        if !(t.low <= t.value && t.value <= t.high) {
            return Err(err(
                line,
                Message::new("problem-targets-band")
                    .arg("id", &t.id)
                    .arg("low", t.low)
                    .arg("value", t.value)
                    .arg("high", t.high),
            ));
        }
        if !t.meta.scenario.is_empty() && super::bundled_scenario(&t.meta.scenario).is_none() {
            return Err(err(
                line,
                in_column(
                    "scenario",
                    Message::new("problem-targets-scenario")
                        .arg("name", &t.meta.scenario)
                        .arg(
                            "names",
                            super::BUNDLED_SCENARIOS
                                .iter()
                                .map(|(n, _, _)| *n)
                                .collect::<Vec<_>>()
                                .join(", "),
                        ),
                ),
            ));
        }
        if let Some(m) = super::measures::find(&t.id) {
            let parts = m.parts;
            for (column, given, applies, what) in [
                (
                    "survey_weeks",
                    t.meta.survey_weeks.is_some(),
                    parts.iter().any(|p| p.uses_window()),
                    "problem-targets-not-window",
                ),
                (
                    "lag",
                    t.meta.lag.is_some(),
                    parts.iter().any(|p| p.has_lag()),
                    "problem-targets-not-lagged",
                ),
                (
                    "after_end",
                    t.meta.after_end.is_some(),
                    parts.iter().any(|p| p.is_follow_up()),
                    "problem-targets-not-follow-up",
                ),
            ] {
                if given && !applies {
                    return Err(err(
                        line,
                        in_column(
                            column,
                            Message::new(what)
                                .arg("id", &t.id)
                                .with("measure", m.message()),
                        ),
                    ));
                }
            }
            if t.meta.lag == Some(0) {
                return Err(err(
                    line,
                    in_column("lag", Message::new("problem-targets-lag-zero")),
                ));
            }
        }
        if out.iter().any(|o| o.id == t.id) {
            return Err(err(
                line,
                Message::new("problem-targets-twice").arg("id", &t.id),
            ));
        }
        out.push(t);
    }
    if out.is_empty() {
        return Err(err(None, Message::new("problem-targets-none")));
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
        assert!(t.iter().all(|t| t.meta.role == Role::Calibration));
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
    fn optional_columns_say_how_a_target_is_used_and_measured() {
        let t = parse(
            "id,value,low,high,role,where,scenario,survey_weeks,lag,after_end\n\
             x,0.4,0.2,0.5,out_of_sample,Table 2,panel_cohort,6;12,52,\n\
             y,0.4,0.2,0.5,,,,,,26\n",
            "t",
        )
        .unwrap();
        assert_eq!(t[0].meta.role, Role::OutOfSample);
        assert!(!t[0].for_fitting() && t[1].for_fitting());
        assert_eq!(t[0].meta.location, "Table 2");
        assert_eq!(t[0].meta.scenario, "panel_cohort");
        assert_eq!(t[0].meta.survey_weeks, Some(vec![6, 12]));
        assert_eq!((t[0].meta.lag, t[0].meta.after_end), (Some(52), None));
        assert_eq!(
            t[1].meta,
            TargetMeta {
                after_end: Some(26),
                ..TargetMeta::default()
            }
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

    #[test]
    fn every_refusal_reads_as_the_cli_prints_it_in_english_and_in_chinese_on_chinese_pages() {
        use crate::i18n::Lang;
        let files = [
            ("id,value,low\nx,1,0\n", "missing column `high`"),
            ("id,value\nx,1\n", "missing columns `low`, `high`"),
            ("id,value,low,high,rol\nx,1,0,2,a\n", "did you mean `role`?"),
            (
                "id,value,low,high,zzzzzz\nx,1,0,2,a\n",
                "unknown column `zzzzzz`; a targets",
            ),
            (
                "id,value,low,high,id\nx,1,0,2,x\n",
                "column `id` appears twice",
            ),
            ("id,value,low,high\nx,1,0\n", "not valid CSV: "),
            (
                "id,value,low,high\nx,abc,0,1\n",
                "`abc` is not a number (e.g. 0.39)",
            ),
            (
                "id,value,low,high,role\nx,1,0,2,fitted\n",
                "`fitted` is not a role",
            ),
            (
                "id,value,low,high,lag\nx,1,0,2,a year\n",
                "is not a whole number of weeks",
            ),
            (
                "id,value,low,high,survey_weeks\nx,1,0,2,6;x\n",
                "is not a list of weeks",
            ),
            ("id,value,low,high\n,1,0,2\n", "empty `id`"),
            ("id,value,low,high\nx,2,0,1\n", "got 0 ≤ 2 ≤ 1"),
            (
                "id,value,low,high,scenario\nx,1,0,2,nowhere\n",
                "not a bundled validation",
            ),
            (
                "id,value,low,high,lag\nbaseline_depressive_prevalence,0.24,0.2,0.28,52\n",
                "is not a stability or persistence (",
            ),
            (
                "id,value,low,high,after_end\nbaseline_depressive_prevalence,0.24,0.2,0.28,5\n",
                "is not a follow-up effect (",
            ),
            (
                "id,value,low,high,survey_weeks\nfs_programme_resilience,0.24,0.2,0.28,5\n",
                "is not a statistic read over the survey window (",
            ),
            (
                "id,value,low,high,lag\ndepression_1yr_persistence_chi2020,0.3,0.2,0.4,0\n",
                "column `lag`: a lag of 0 weeks",
            ),
            ("id,value,low,high\nx,1,0,2\nx,1,0,2\n", "is listed twice"),
            ("id,value,low,high\n", "no targets in the file"),
        ];
        for (text, says) in files {
            let e = parse(text, "t.csv").unwrap_err();
            let m = e.to_message();
            assert_eq!(m.render(Lang::En), e.to_string(), "{}", m.id);
            assert!(e.to_string().contains(says), "{says}: {e}");
            let zh = m.render(Lang::ZhCn);
            assert_ne!(zh, e.to_string(), "{text}");
            assert!(zh.starts_with("t.csv"), "{zh}");
        }
        let file = std::env::temp_dir().join(format!("resim-targets-{}.csv", std::process::id()));
        std::fs::write(&file, b"id,value,low,high\n\xff,1,0,2\n").unwrap();
        let e = load(&file).unwrap_err();
        let _ = std::fs::remove_file(&file);
        assert!(
            e.to_string()
                .ends_with(": the targets file is not UTF-8 text"),
            "{e}"
        );
        assert_eq!(e.to_message().render(Lang::En), e.to_string());
        assert!(
            e.to_message()
                .render(Lang::ZhCn)
                .contains("不是 UTF-8 文本")
        );
        let e = parse("id,value,low,high,lag\nx,1,0,2,0\n", "t.csv");
        assert!(
            e.is_ok(),
            "a lag of 0 is refused only for a known measurement"
        );
    }

    #[test]
    fn unknown_columns_and_bad_optional_cells_are_refused() {
        let e = parse("id,value,low,high,rol\nx,1,0,2,calibration\n", "t").unwrap_err();
        assert_eq!(e.line, Some(1));
        assert!(
            e.message.contains("unknown column `rol`")
                && e.message.contains("did you mean `role`")
                && e.message.contains("survey_weeks"),
            "{e}"
        );
        let e = parse("id,value,low,high,role\nx,1,0,2,fitted\n", "t").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(
            e.message.contains("column `role`") && e.message.contains("out_of_sample"),
            "{e}"
        );
        let e = parse("id,value,low,high,lag\nx,1,0,2,a year\n", "t").unwrap_err();
        assert!(e.message.contains("column `lag`"), "{e}");
        let e = parse("id,value,low,high,survey_weeks\nx,1,0,2,6;x\n", "t").unwrap_err();
        assert!(e.message.contains("column `survey_weeks`"), "{e}");
        let e = parse(
            "id,value,low,high,lag\nbaseline_depressive_prevalence,0.24,0.2,0.28,52\n",
            "t",
        )
        .unwrap_err();
        assert!(
            e.message.contains("column `lag`")
                && e.message.contains("not a stability or persistence"),
            "{e}"
        );
        let e = parse("id,value,low,high,scenario\nx,1,0,2,nowhere\n", "t").unwrap_err();
        assert!(
            e.message
                .contains("`nowhere` is not a bundled validation scenario")
                && e.message.contains("meta_analysis_trial"),
            "{e}"
        );
    }
}
