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

use crate::i18n::{self, Lang};

/// A sentence of a problem in no particular language: the id of a message
/// of the problems catalogue (`i18n/<lang>/problems.ftl`) and its
/// arguments, rendered in a page's language by [`Message::render`] and in
/// English by `Display` (what the CLI prints). It derefs to that English
/// text (made once, when first asked), so callers that match words keep
/// working.
#[derive(Debug, Clone, Default)]
pub struct Message {
    /// The catalogue id, e.g. `problem-out-of-range`.
    pub id: &'static str,
    /// Its arguments and English text, boxed so that a problem stays small.
    rest: Box<Rest>,
}

#[derive(Debug, Clone, Default)]
struct Rest {
    /// The arguments by name: text (names, numbers as the CLI writes them)
    /// or other messages.
    args: Vec<(&'static str, Part)>,
    /// The English text, made when first asked.
    english: std::sync::OnceLock<String>,
}

/// Two messages are equal when they have the same id and arguments.
impl PartialEq for Message {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id && self.rest.args == other.rest.args
    }
}

/// The English text, as the CLI prints it.
impl std::ops::Deref for Message {
    type Target = str;

    fn deref(&self) -> &str {
        self.rest.english.get_or_init(|| self.render(Lang::En))
    }
}

/// An argument of a [`Message`].
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    /// Shown as written in every language: a name, a key, a number.
    Text(String),
    /// A message of its own, rendered in the same language.
    Message(Message),
}

/// The id of a text that comes from elsewhere (a parser, a library) and is
/// shown as it is in every language.
pub const VERBATIM: &str = "problem-verbatim";

impl Message {
    /// The message `id` with no arguments yet.
    pub fn new(id: &'static str) -> Self {
        Message {
            id,
            rest: Box::default(),
        }
    }

    /// Adds the text argument `name` (a name, a key, a number as written).
    pub fn arg(mut self, name: &'static str, value: impl std::fmt::Display) -> Self {
        self.rest.args.push((name, Part::Text(value.to_string())));
        self.rest.english = std::sync::OnceLock::new();
        self
    }

    /// Adds the argument `name` that is a message of its own.
    pub fn with(mut self, name: &'static str, value: Message) -> Self {
        self.rest.args.push((name, Part::Message(value)));
        self.rest.english = std::sync::OnceLock::new();
        self
    }

    /// A text shown as it is in every language (what a parser or a library
    /// said, which resim cannot translate).
    pub fn verbatim(text: impl Into<String>) -> Self {
        Message::new(VERBATIM).arg("text", text.into())
    }

    /// No text (nothing to say of what is valid).
    pub fn none() -> Self {
        Message::verbatim(String::new())
    }

    /// The message in `lang` (English where `lang` lacks it).
    pub fn render(&self, lang: Lang) -> String {
        let args: Vec<(&str, String)> = self
            .rest
            .args
            .iter()
            .map(|(k, v)| {
                let v = match v {
                    Part::Text(t) => t.clone(),
                    Part::Message(m) => m.render(lang),
                };
                (*k, v)
            })
            .collect();
        let pairs: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        i18n::text(lang, self.id, &pairs)
    }

    /// Messages one after another, `separator` between them (the same in
    /// every language: it is layout, not words); no text when there are none.
    pub fn joined(messages: impl IntoIterator<Item = Message>, separator: &str) -> Message {
        let mut out: Option<Message> = None;
        for m in messages {
            out = Some(match out {
                None => m,
                Some(before) => Message::new("problem-then")
                    .with("first", before)
                    .arg("separator", separator)
                    .with("next", m),
            });
        }
        out.unwrap_or_else(Message::none)
    }

    /// The arguments by name: text or other messages.
    pub fn args(&self) -> &[(&'static str, Part)] {
        &self.rest.args
    }

    /// The English text, as the CLI prints it.
    pub fn as_str(&self) -> &str {
        self
    }

    /// Every catalogue id this message and its arguments use.
    pub fn ids(&self) -> Vec<&'static str> {
        let mut out = vec![self.id];
        for (_, p) in &self.rest.args {
            if let Part::Message(m) = p {
                out.extend(m.ids());
            }
        }
        out
    }
}

/// English, as the CLI prints it.
impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

/// A text from elsewhere, shown as it is ([`Message::verbatim`]).
impl From<String> for Message {
    fn from(text: String) -> Self {
        Message::verbatim(text)
    }
}

/// A text from elsewhere, shown as it is ([`Message::verbatim`]).
impl From<&str> for Message {
    fn from(text: &str) -> Self {
        Message::verbatim(text)
    }
}

/// Compares the English text (for tests and callers that match words).
impl PartialEq<str> for Message {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

/// Compares the English text (for tests and callers that match words).
impl PartialEq<&str> for Message {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// Kept (in a job's record) as `{"id": …, "args": {name: text or message}}`:
/// read back, it is drawn in any page's language.
impl serde::Serialize for Message {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        struct Args<'a>(&'a [(&'static str, Part)]);
        impl serde::Serialize for Args<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut m = s.serialize_map(Some(self.0.len()))?;
                for (k, v) in self.0 {
                    match v {
                        Part::Text(t) => m.serialize_entry(k, t)?,
                        Part::Message(msg) => m.serialize_entry(k, msg)?,
                    }
                }
                m.end()
            }
        }
        let mut st = s.serialize_struct("Message", 2)?;
        st.serialize_field("id", self.id)?;
        st.serialize_field("args", &Args(&self.rest.args))?;
        st.end()
    }
}

/// A message as kept by its `Serialize`. An id no catalogue holds (a record
/// of another version) is kept as a text shown as it is; an argument no
/// message takes is dropped (no message would show it).
impl<'de> serde::Deserialize<'de> for Message {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        #[serde(untagged)]
        enum Stored {
            Text(String),
            Message(Message),
        }
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Kept {
            id: String,
            #[serde(default)]
            args: std::collections::BTreeMap<String, Stored>,
        }
        let kept = Kept::deserialize(d)?;
        let Some(id) = i18n::known_id(&kept.id) else {
            return Ok(Message::verbatim(kept.id));
        };
        let mut m = Message::new(id);
        for (k, v) in kept.args {
            let Some(k) = i18n::known_arg(&k) else {
                continue;
            };
            m = match v {
                Stored::Text(t) => m.arg(k, t),
                Stored::Message(inner) => m.with(k, inner),
            };
        }
        Ok(m)
    }
}

/// One thing wrong with an input (a scenario file, a setting, a parameter).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Problem {
    /// Dotted key path, e.g. `population.rural_share`; empty for the whole file.
    pub key: String,
    /// What is wrong.
    pub message: Message,
    /// What would be valid (a range, a list of names, the nearest valid name).
    pub valid: Message,
    /// 1-based line of the key or value, when known.
    pub line: Option<usize>,
}

impl Problem {
    /// A problem at `key` with no line yet (the loader fills lines in).
    pub fn new(
        key: impl Into<String>,
        message: impl Into<Message>,
        valid: impl Into<Message>,
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
            Message::new("problem-out-of-range").arg("value", value),
            Message::new("valid-number-range")
                .arg("lo", lo)
                .arg("hi", hi),
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

/// Names as a list in messages: `` `a`, `b` `` (the same in every language).
pub fn name_list(names: &[&str]) -> String {
    names
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `valid` text for a name chosen from a list: the nearest name first.
pub fn valid_names(given: &str, valid: &[&str]) -> Message {
    let list = name_list(valid);
    match nearest(given, valid.iter().copied()) {
        Some(n) => Message::new("valid-did-you-mean")
            .arg("name", n)
            .arg("names", list),
        None => Message::new("valid-one-of").arg("names", list),
    }
}

/// A problem in words, in `lang`: the key, what is wrong and what is valid
/// (`key: message; valid: valid`, the parts that are empty left out).
pub fn in_words(p: &Problem, lang: Lang) -> String {
    words(p).render(lang)
}

/// A problem in words, as a message: the key, what is wrong and what is
/// valid (`key: message; valid: valid`, the parts that are empty left out).
pub fn words(p: &Problem) -> Message {
    let id = match (p.key.is_empty(), p.valid.is_empty()) {
        (true, true) => "problem-words",
        (true, false) => "problem-words-valid",
        (false, true) => "problem-words-key",
        (false, false) => "problem-words-key-valid",
    };
    Message::new(id)
        .arg("key", &p.key)
        .with("message", p.message.clone())
        .with("valid", p.valid.clone())
}

/// For tests: checks that `m` reads `english` in English (the CLI's words)
/// and, on a Chinese page, in Chinese — not the English, with at least one
/// Chinese character.
#[cfg(test)]
pub(crate) fn assert_worded(m: &Message, english: &str) {
    assert_eq!(m.render(Lang::En), english, "{}", m.id);
    let zh = m.render(Lang::ZhCn);
    assert_ne!(zh, english, "{}", m.id);
    assert!(
        zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{}: {zh}",
        m.id
    );
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
    fn a_kept_message_reads_back_the_same_in_every_language() {
        let m = Message::new("problem-set-refused")
            .arg("key", "contact_book.coverage")
            .with(
                "message",
                Message::new("problem-out-of-range").arg("value", 7),
            )
            .with(
                "valid",
                Message::new("valid-number-range").arg("lo", 0).arg("hi", 1),
            );
        let json = serde_json::to_string(&m).unwrap();
        assert!(!json.contains("out of range"), "ids, not English: {json}");
        let back: Message = serde_json::from_str(&json).unwrap();
        for lang in Lang::ALL {
            assert_eq!(back.render(lang), m.render(lang));
        }
        assert_eq!(
            back,
            "--set contact_book.coverage: 7 is out of range; valid: a number from 0 to 1"
        );
        // A problem keeps its key and line too.
        let p = Problem {
            line: Some(4),
            ..Problem::new("calendar.years", m.clone(), Message::none())
        };
        let back: Problem = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
        assert_eq!(back.line, Some(4));
        assert_eq!(in_words(&back, Lang::ZhCn), in_words(&p, Lang::ZhCn));
        // An id no catalogue holds (another version's) is shown as written.
        let odd: Message = serde_json::from_str(r#"{"id":"gone-from-every-catalogue"}"#).unwrap();
        assert_eq!(odd, "gone-from-every-catalogue");
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
