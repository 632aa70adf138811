//! Problems with input, each naming a key, a line and what would be valid.
//!
//! The one error item every layer reports bad input with: a scenario file,
//! a component's settings, a parameter group, a `[sweep]` section. A
//! [`Problem`] names the dotted key, what is wrong, what would be valid and,
//! when known, the line; the file is named once by the error that gathers a
//! file's problems (`scenario::ScenarioError`). Beside it, the checks and
//! words every layer shares: [`check_range`], the nearest valid name
//! ([`nearest`], [`valid_names`]) and the line of a key in a TOML text
//! ([`line_of`], [`locate`]).

use toml::de::{DeTable, DeValue};

/// One thing wrong with an input (a scenario file, a setting, a parameter).
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Dotted key path, e.g. `population.rural_share`; empty for the whole file.
    pub key: String,
    /// What is wrong.
    pub message: String,
    /// What would be valid (a range, a list of names, the nearest valid name).
    pub valid: String,
    /// 1-based line of the key or value, when known.
    pub line: Option<usize>,
}

impl Problem {
    /// A problem at `key` with no line yet (the loader fills lines in).
    pub fn new(
        key: impl Into<String>,
        message: impl Into<String>,
        valid: impl Into<String>,
    ) -> Self {
        Problem {
            key: key.into(),
            message: message.into(),
            valid: valid.into(),
            line: None,
        }
    }
}

/// Checks that `value` lies in `[lo, hi]` and is finite.
pub fn check_range(out: &mut Vec<Problem>, key: String, value: f32, lo: f32, hi: f32) {
    if !value.is_finite() || value < lo || value > hi {
        out.push(Problem::new(
            key,
            format!("{value} is out of range"),
            format!("a number from {lo} to {hi}"),
        ));
    }
}

/// 1-based line number of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The line of a dotted key path in a parsed document: the deepest segment
/// that exists, so a missing key points at its table.
pub fn locate(text: &str, root: &DeTable<'_>, key: &str) -> Option<usize> {
    let mut segments = key.split('.').filter(|s| !s.is_empty());
    let first = segments.next()?;
    let (k, v) = root.get_key_value(first)?;
    let mut span = k.span();
    let mut value: &DeValue<'_> = v.get_ref();
    for seg in segments {
        let next = match seg.parse::<usize>() {
            Ok(i) if value.is_array() => value.get(i),
            _ => value.get(seg),
        };
        match next {
            Some(v) => {
                span = v.span();
                value = v.get_ref();
            }
            None => break,
        }
    }
    Some(line_of(text, span.start))
}

/// The valid name nearest to `given` (Jaro–Winkler), if any is close enough to
/// be a plausible typo.
pub fn nearest<'a>(given: &str, valid: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    valid
        .into_iter()
        .map(|v| (strsim::jaro_winkler(given, v), v))
        .filter(|(score, _)| *score > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, v)| v)
}

/// `valid` text for a name chosen from a list: the nearest name first.
pub fn valid_names(given: &str, valid: &[&str]) -> String {
    let list = valid
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match nearest(given, valid.iter().copied()) {
        Some(n) => format!("did you mean `{n}`? valid names: {list}"),
        None => format!("one of {list}"),
    }
}
