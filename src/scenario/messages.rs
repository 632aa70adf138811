//! Messages for scenario mistakes: serde's words turned into a key, what is
//! wrong and what would be valid, plus the shape checks serde is too lenient for.

use toml::de::DeTable;

use super::ModelParams;
use super::raw::TOP_KEYS;
use crate::population::{MAX_CLASS_SIZE, MAX_CLASSES_PER_SCHOOL, MAX_STUDENTS};
use crate::problem::{Message, Problem, valid_names};

/// Turns a serde message into a problem with a key and what would be valid.
pub(super) fn explain(path: &str, message: &str) -> Problem {
    let path = normalise_path(path);
    let path = path.as_str();
    let message = message.trim();
    // serde: "unknown field `x`, expected one of `a`, `b`" / "expected `a` or `b`"
    //        "unknown variant `x`, expected one of ..."
    for (what, label) in [
        ("unknown field `", "problem-unknown-key"),
        ("unknown variant `", "problem-unknown-value"),
    ] {
        if let Some(rest) = message.strip_prefix(what) {
            let given = rest.split('`').next().unwrap_or("");
            let expected: Vec<&str> = rest
                .split("expected")
                .nth(1)
                .unwrap_or("")
                .split('`')
                .skip(1)
                .step_by(2)
                .collect();
            let key = if label == "problem-unknown-key" && path.is_empty() {
                given.to_string()
            } else {
                path.to_string()
            };
            let valid = if label == "problem-unknown-key" && path.is_empty() {
                valid_names(given, TOP_KEYS)
            } else if expected.is_empty() {
                Message::new("valid-no-keys-here")
            } else {
                valid_names(given, &expected)
            };
            return Problem::new(key, Message::new(label).arg("given", given), valid);
        }
    }
    if let Some(field) = message.strip_prefix("missing field `") {
        let field = field.split('`').next().unwrap_or("");
        let key = if path.is_empty() {
            field.to_string()
        } else {
            format!("{path}.{field}")
        };
        return Problem::new(
            key,
            Message::new("problem-missing"),
            Message::new("valid-add-key").arg("key", field),
        );
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (got, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another type"));
        let got = got
            .replace("map", "table")
            .replace("floating point", "number");
        return Problem::new(
            path,
            Message::new("problem-wrong-type").arg("got", got),
            readable_expected(path, expected),
        );
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let (got, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another value"));
        return Problem::new(
            path,
            Message::new("problem-invalid-value").arg("got", got),
            readable_expected(path, expected),
        );
    }
    Problem::new(path, Message::verbatim(message), Message::none())
}

/// `a[0].b` → `a.0.b`, and `.` (the root) → empty.
fn normalise_path(path: &str) -> String {
    let p = path.replace('[', ".").replace(']', "");
    let p = p.trim_matches('.');
    p.to_string()
}

/// Serde's expected type in words a scenario writer knows.
fn readable_expected(path: &str, expected: &str) -> Message {
    let last = path.rsplit('.').next().unwrap_or("");
    let share = matches!(last, "coverage" | "fidelity") || last.ends_with("_share");
    let expected = expected.trim();
    if let Some(range) = whole_number_range(path, expected) {
        return range;
    }
    match expected {
        "f32" | "f64" if share => Message::new("valid-number-range").arg("lo", 0).arg("hi", 1),
        "f32" | "f64" => {
            let mut parts = path.splitn(2, '.');
            let (section, key) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
            ModelParams::docs()
                .iter()
                .find(|d| d.section == section && d.name == key)
                .map(|d| {
                    Message::new("valid-number-range")
                        .arg("lo", d.lo)
                        .arg("hi", d.hi)
                })
                .unwrap_or_else(|| Message::new("valid-number"))
        }
        "struct Dist" => Message::new("valid-dist"),
        "a sequence" if path.ends_with("weeks") => Message::new("valid-week-list"),
        "a sequence" => Message::new("valid-list"),
        "an array of length 2" => Message::new("valid-week-pair"),
        e if e.starts_with("struct ") => Message::new("valid-table"),
        e => Message::verbatim(e),
    }
}

/// What a key holding a whole number accepts, in words: the key's own range
/// when it has one, else the range of its type (`None` for other types).
fn whole_number_range(path: &str, expected: &str) -> Option<Message> {
    let whole = matches!(expected, "u8" | "u32" | "u64" | "usize" | "i64");
    if !whole {
        return None;
    }
    // Keys are matched without list positions (`run.survey_weeks.2` → `run.survey_weeks`).
    let key: Vec<&str> = path
        .split('.')
        .filter(|s| s.parse::<usize>().is_err())
        .collect();
    let last = key.last().copied().unwrap_or("");
    let from_to = |lo: u64, hi: u64| {
        Message::new("valid-whole-range")
            .arg("lo", lo)
            .arg("hi", hi)
    };
    let known = match (key.first().copied().unwrap_or(""), last) {
        ("population", "schools") => Some(
            Message::new("valid-schools")
                .with("range", from_to(1, MAX_STUDENTS))
                .arg("max", MAX_STUDENTS),
        ),
        ("population", "classes_per_school") => Some(from_to(1, MAX_CLASSES_PER_SCHOOL as u64)),
        ("population", "class_size") => Some(from_to(1, MAX_CLASS_SIZE as u64)),
        ("population", "grades") => Some(from_to(1, 12)),
        ("run", "replicates") => Some(from_to(1, 1_000_000)),
        ("run", "seed") => Some(from_to(0, u64::MAX)),
        ("run", "survey_week" | "survey_weeks") => Some(Message::new("valid-survey-week")),
        ("run", "panel_lags") => Some(Message::new("valid-panel-lag")),
        ("calendar", "years") => Some(from_to(1, 20)),
        ("calendar", "weeks_per_year") => Some(from_to(1, 53)),
        ("calendar", "weeks") => Some(Message::new("valid-calendar-weeks")),
        ("calendar", "burn_in_weeks") => Some(from_to(0, 520)),
        ("calendar", "terms" | "exam_weeks" | "return_weeks" | "conference_weeks") => {
            Some(Message::new("valid-school-week"))
        }
        (_, "start_week") => Some(Message::new("valid-start-week")),
        (_, "end_week") => Some(Message::new("valid-end-week")),
        _ => None,
    };
    Some(known.unwrap_or_else(|| match expected {
        "u8" => from_to(0, u8::MAX as u64),
        "u32" => from_to(0, u32::MAX as u64),
        "u64" | "usize" => Message::new("valid-whole-from-0"),
        _ => Message::new("valid-whole"),
    }))
}

/// Sections and values whose shape serde would accept too loosely (an array
/// read by position as a table, a term with three weeks).
pub(super) fn shape_problems(doc: &DeTable<'_>) -> Vec<Problem> {
    let mut out = Vec::new();
    for (k, v) in doc {
        let key = k.get_ref().as_ref();
        let v = v.get_ref();
        if !matches!(key, "schema_version" | "name" | "description" | "baseline")
            && TOP_KEYS.contains(&key)
            && !v.is_table()
        {
            out.push(Problem::new(
                key,
                Message::new("problem-wrong-type").arg("got", v.type_str()),
                Message::new("valid-section").arg("key", key),
            ));
        }
    }
    if let Some(traits) = doc.get("traits").and_then(|t| t.get_ref().as_table()) {
        for (k, v) in traits {
            let key = k.get_ref().as_ref();
            if !key.ends_with("_shift") && !v.get_ref().is_table() {
                out.push(Problem::new(
                    format!("traits.{key}"),
                    Message::new("problem-wrong-type").arg("got", v.get_ref().type_str()),
                    Message::new("valid-dist"),
                ));
            }
        }
    }
    if let Some(terms) = doc
        .get("calendar")
        .and_then(|c| c.get_ref().get("terms"))
        .and_then(|t| t.get_ref().as_array())
    {
        for (i, t) in terms.iter().enumerate() {
            let ok = t.get_ref().as_array().is_some_and(|a| a.len() == 2);
            if !ok {
                out.push(Problem::new(
                    format!("calendar.terms.{i}"),
                    Message::new("problem-term-not-pair"),
                    Message::new("valid-term-pair"),
                ));
                break;
            }
        }
    }
    out
}

/// Fills in the key of a duplicate-key syntax error from the text.
pub(super) fn duplicate_key(text: &str, at: usize, p: &mut Problem) {
    let line_start = text[..at.min(text.len())]
        .rfind('\n')
        .map(|i| i + 1)
        .unwrap_or(0);
    let line = text[line_start..].lines().next().unwrap_or("").trim();
    if let Some(header) = line.strip_prefix('[') {
        let name = header
            .trim_start_matches('[')
            .split(']')
            .next()
            .unwrap_or("")
            .trim();
        p.key = name.to_string();
        p.message = Message::new("problem-table-twice").arg("name", name);
        p.valid = Message::new(if name.starts_with("strategies.") {
            "valid-strategy-once"
        } else {
            "valid-table-once"
        });
    } else {
        let key = line.split('=').next().unwrap_or("").trim();
        let table = text[..line_start]
            .lines()
            .rev()
            .map(str::trim)
            .find(|l| l.starts_with('['))
            .map(|l| l.trim_matches(|c| c == '[' || c == ']').trim().to_string());
        p.key = match table {
            Some(t) => format!("{t}.{key}"),
            None => key.to_string(),
        };
        p.message = Message::new("problem-key-twice").arg("key", key);
        p.valid = Message::new("valid-key-once");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_words_become_a_key_a_message_and_what_is_valid() {
        let p = explain(
            ".",
            "unknown field `stres`, expected one of `name`, `stress`",
        );
        assert_eq!(p.key, "stres");
        assert_eq!(p.message, "unknown key `stres`");
        assert!(p.valid.starts_with("did you mean `stress`?"), "{}", p.valid);
        let p = explain(
            "stress",
            "unknown field `exam_multiplyer`, expected one of `academic_load`, `exam_multiplier`",
        );
        assert_eq!(p.key, "stress");
        assert_eq!(p.message, "unknown key `exam_multiplyer`");
        assert!(
            p.valid.starts_with("did you mean `exam_multiplier`?"),
            "{}",
            p.valid
        );
        let p = explain("traits.hope", "missing field `sd`");
        assert_eq!(
            (p.key.as_str(), p.message.as_str(), p.valid.as_str()),
            (
                "traits.hope.sd",
                "is required but missing",
                "add `sd = ...`"
            )
        );
        let p = explain(
            "calendar.terms[1]",
            "invalid type: floating point `1.5`, expected u32",
        );
        assert_eq!(p.key, "calendar.terms.1");
        assert_eq!(p.message, "wrong type: number `1.5`");
        assert_eq!(
            p.valid,
            "a week of the school year: a whole number from 1 to weeks_per_year"
        );
    }

    #[test]
    fn a_whole_number_out_of_its_type_names_the_range() {
        let valid = |path: &str, expected: &str| {
            explain(
                path,
                &format!("invalid value: integer `-1`, expected {expected}"),
            )
            .valid
        };
        assert_eq!(
            valid("calendar.burn_in_weeks", "u32"),
            "a whole number from 0 to 520"
        );
        assert!(valid("run.survey_week", "u32").contains("from 0 (the end of the burn-in)"));
        assert!(valid("strategies.a.contact_book.start_week", "u32").contains("from 1 to"));
        assert!(
            valid("population.schools", "u32").starts_with("a whole number from 1 to 20000000")
        );
        assert_eq!(
            valid("population.classes_per_school", "u32"),
            "a whole number from 1 to 1000"
        );
        assert_eq!(
            valid("population.grades[2]", "u32"),
            "a whole number from 1 to 12"
        );
        assert_eq!(
            valid("somewhere.else", "u32"),
            "a whole number from 0 to 4294967295"
        );
    }

    #[test]
    fn a_wrong_type_of_parameter_names_its_documented_range() {
        let p = explain(
            "stress.exam_multiplier",
            "invalid type: string \"x\", expected f32",
        );
        assert_eq!(p.valid, "a number from 1 to 10");
        let p = explain(
            "population.rural_share",
            "invalid type: string \"x\", expected f32",
        );
        assert_eq!(p.valid, "a number from 0 to 1");
    }

    #[test]
    fn sections_that_are_not_tables_and_terms_that_are_not_pairs_are_caught() {
        let text =
            "name = \"x\"\nrun = [1]\n[traits]\nhope = 0.5\n[calendar]\nterms = [[1, 2, 3]]\n";
        let doc = DeTable::parse(text).unwrap();
        let keys: Vec<String> = shape_problems(doc.get_ref())
            .into_iter()
            .map(|p| p.key)
            .collect();
        assert_eq!(keys, ["run", "traits.hope", "calendar.terms.0"]);
    }

    #[test]
    fn a_duplicate_key_or_table_is_named() {
        let text = "name = \"x\"\n[stress]\nacademic_load = 0.1\nacademic_load = 0.2\n";
        let mut p = Problem::new("", "", "");
        duplicate_key(text, text.rfind("academic_load").unwrap(), &mut p);
        assert_eq!(p.key, "stress.academic_load");
        assert_eq!(p.message, "key `academic_load` appears twice");
        let text = "name = \"x\"\n[strategies.a]\n[strategies.a]\n";
        duplicate_key(text, text.rfind('[').unwrap(), &mut p);
        assert_eq!(p.key, "strategies.a");
        assert_eq!(p.valid, "each strategy name once");
    }
}
