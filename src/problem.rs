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

/// The date-time written at a dotted `key` of a document, if that is what
/// the key holds (serde reports a date-time as a table).
pub fn datetime_at(root: &DeTable<'_>, key: &str) -> Option<String> {
    let mut segments = key.split('.').filter(|s| !s.is_empty());
    let mut value: &DeValue<'_> = root.get(segments.next()?)?.get_ref();
    for seg in segments {
        value = match seg.parse::<usize>() {
            Ok(i) if value.is_array() => value.get(i),
            _ => value.get(seg),
        }?
        .get_ref();
    }
    match value {
        DeValue::Datetime(d) => Some(d.to_string()),
        _ => None,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_gets_the_nearest_name_and_a_stranger_the_whole_list() {
        let valid = ["stress", "support", "learning"];
        assert_eq!(nearest("stres", valid), Some("stress"));
        assert_eq!(nearest("suport", valid), Some("support"));
        assert_eq!(nearest("xyz", valid), None);
        assert_eq!(
            valid_names("lerning", &valid),
            "did you mean `learning`? valid names: `stress`, `support`, `learning`"
        );
        assert_eq!(
            valid_names("xyz", &valid),
            "one of `stress`, `support`, `learning`"
        );
    }

    #[test]
    fn ranges_include_their_ends_and_refuse_what_is_not_a_number() {
        let mut out = Vec::new();
        for ok in [0.0, 0.5, 1.0] {
            check_range(&mut out, "stress.academic_load".into(), ok, 0.0, 1.0);
        }
        assert!(out.is_empty(), "{out:?}");
        for bad in [-0.01, 1.01, f32::NAN, f32::INFINITY, f32::NEG_INFINITY] {
            check_range(&mut out, "stress.academic_load".into(), bad, 0.0, 1.0);
        }
        assert_eq!(out.len(), 5);
        for p in &out {
            assert_eq!(p.key, "stress.academic_load");
            assert!(p.message.ends_with("is out of range"), "{}", p.message);
            assert_eq!(p.valid, "a number from 0 to 1");
            assert_eq!(p.line, None);
        }
    }

    #[test]
    fn keys_are_found_on_their_lines() {
        let text = "name = \"x\"\n\n[population]\nschools = 2\nrural_share = 0.5\n\n[calendar]\nterms = [[1, 20],\n  [25, 44]]\n";
        assert_eq!(line_of(text, 0), 1);
        assert_eq!(line_of(text, text.find("schools").unwrap()), 4);
        assert_eq!(line_of(text, usize::MAX), text.lines().count() + 1);
        let doc = DeTable::parse(text).unwrap();
        let doc = doc.get_ref();
        assert_eq!(locate(text, doc, "name"), Some(1));
        assert_eq!(locate(text, doc, "population.rural_share"), Some(5));
        // A missing key points at the deepest part that exists: its table.
        assert_eq!(locate(text, doc, "population.class_size"), Some(3));
        // Array items by index.
        assert_eq!(locate(text, doc, "calendar.terms.1"), Some(9));
        assert_eq!(locate(text, doc, "run.seed"), None);
        assert_eq!(locate(text, doc, ""), None);
    }
}
