//! Message catalogues: every sentence, label and heading a person reads in
//! the HTML report and the browser studio, in English and Simplified
//! Chinese, kept as [Fluent](https://projectfluent.org) files in `i18n/`
//! (`i18n/<lang>/report.ftl`, `i18n/<lang>/studio.ftl`, and the problems'
//! and notes' catalogues) and compiled into the program.
//!
//! Code never builds a sentence: it looks a message up by its id and gives
//! it its arguments — numbers already formatted as the report writes them
//! (so a number reads the same in every language and the English report
//! keeps its exact text), names, or other messages. A message missing from
//! a language falls back to English; the tests parse both catalogues
//! ([`message_args`]) and check that they hold the same ids with the same
//! arguments.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language of the catalogues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English (the default, and the fallback of a missing message).
    #[default]
    En,
    /// Simplified Chinese.
    ZhCn,
}

impl Lang {
    /// Every language, in menu order.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhCn];

    /// The language's tag (`en`, `zh-CN`), as in `--lang`, URLs and `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// The language of a tag (`en`, `zh-CN`; case and `_` for `-` are
    /// forgiven, and `zh`, `zh-Hans` mean Simplified Chinese).
    pub fn parse(tag: &str) -> Option<Lang> {
        let t = tag.trim().replace('_', "-").to_ascii_lowercase();
        match t.as_str() {
            "en" | "en-us" | "en-gb" => Some(Lang::En),
            "zh" | "zh-cn" | "zh-hans" | "zh-hans-cn" => Some(Lang::ZhCn),
            _ => None,
        }
    }

    /// The tags of every language, for messages: `` `en`, `zh-CN` ``.
    pub fn tags() -> String {
        Lang::ALL
            .iter()
            .map(|l| format!("`{}`", l.code()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn index(self) -> usize {
        match self {
            Lang::En => 0,
            Lang::ZhCn => 1,
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = String;

    /// A tag as [`Lang::parse`] reads it, or a message naming the valid tags.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::parse(s).ok_or_else(|| format!("unknown language `{s}`; valid: {}", Lang::tags()))
    }
}

/// The studio's catalogue of each language (`i18n/<lang>/studio.ftl`).
pub const STUDIO: [(Lang, &str); 2] = [
    (Lang::En, include_str!("../../i18n/en/studio.ftl")),
    (Lang::ZhCn, include_str!("../../i18n/zh-CN/studio.ftl")),
];

/// The problems' catalogue of each language (`i18n/<lang>/problems.ftl`):
/// what is wrong with an input and what would be valid
/// ([`crate::problem::Message`]); every id starts with `problem-` or
/// `valid-`.
pub const PROBLEMS: [(Lang, &str); 2] = [
    (Lang::En, include_str!("../../i18n/en/problems.ftl")),
    (Lang::ZhCn, include_str!("../../i18n/zh-CN/problems.ftl")),
];

/// The notes' catalogue of each language (`i18n/<lang>/notes.ftl`): what a
/// job tells the user while it runs — a warning, or why it did nothing
/// ([`crate::jobs::Progress::note`]); every id starts with `note-`.
pub const NOTES: [(Lang, &str); 2] = [
    (Lang::En, include_str!("../../i18n/en/notes.ftl")),
    (Lang::ZhCn, include_str!("../../i18n/zh-CN/notes.ftl")),
];

/// The translations of the texts the program declares in English
/// (`i18n/zh-CN/meanings.ftl`): the meaning of every registry parameter
/// (`meaning-param-SECTION-NAME`), mechanism (`meaning-mechanism-NAME`),
/// trait (`meaning-trait-NAME`) and component setting
/// (`meaning-setting-NAME`), and the description of every bundled scenario
/// (`description-NAME`). English stays where it is declared (the
/// registries, the scenario files), so it is never written twice; the
/// tests check that every entry of a registry has its translation.
pub const MEANINGS: [(Lang, &str); 1] =
    [(Lang::ZhCn, include_str!("../../i18n/zh-CN/meanings.ftl"))];

/// The report's catalogue of each language (`i18n/<lang>/report.ftl`);
/// every id starts with `report-`, so it never clashes with the studio's.
pub const REPORT: [(Lang, &str); 2] = [
    (Lang::En, include_str!("../../i18n/en/report.ftl")),
    (Lang::ZhCn, include_str!("../../i18n/zh-CN/report.ftl")),
];

/// Every catalogue of every language: what the bundles hold and what a
/// message read back from a record may name.
fn catalogues() -> impl Iterator<Item = &'static (Lang, &'static str)> {
    const ALL: [&[(Lang, &str)]; 5] = [&STUDIO, &REPORT, &PROBLEMS, &NOTES, &MEANINGS];
    ALL.into_iter().flatten()
}

type Bundle = FluentBundle<FluentResource>;

fn bundles() -> &'static [Bundle; 2] {
    static BUNDLES: OnceLock<[Bundle; 2]> = OnceLock::new();
    BUNDLES.get_or_init(|| Lang::ALL.map(bundle))
}

fn bundle(lang: Lang) -> Bundle {
    let id: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut b = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks around arguments: the text is read as is.
    b.set_use_isolating(false);
    for (l, text) in catalogues() {
        if *l == lang {
            // A catalogue that does not parse is a bug the tests catch
            // (`message_args` reports it); the messages that parsed are kept.
            let res = FluentResource::try_new(text.to_string()).unwrap_or_else(|(r, _)| r);
            let _ = b.add_resource(res);
        }
    }
    b
}

/// An argument of a message: text, or a number (for plural rules).
#[derive(Debug, Clone)]
pub enum Arg {
    /// Shown as written.
    Text(String),
    /// A number: chooses plural forms and is shown as Fluent writes it.
    Number(f64),
}

fn format(lang: Lang, id: &str, fa: &FluentArgs<'_>) -> String {
    for l in [lang, Lang::En] {
        let b = &bundles()[l.index()];
        if let Some(pattern) = b.get_message(id).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            return b
                .format_pattern(pattern, Some(fa), &mut errors)
                .into_owned();
        }
    }
    id.to_string()
}

/// The message `id` in `lang` with `args`, or in English when `lang` lacks
/// it, or the id itself when no catalogue has it.
pub fn tr(lang: Lang, id: &str, args: &[(String, Arg)]) -> String {
    let mut fa = FluentArgs::new();
    for (k, v) in args {
        match v {
            Arg::Text(s) => fa.set(k.clone(), FluentValue::from(s.clone())),
            Arg::Number(n) => fa.set(k.clone(), FluentValue::from(*n)),
        }
    }
    format(lang, id, &fa)
}

/// The message `id` in `lang` with text arguments (`name`, value): numbers
/// come formatted by the caller, so they read the same in every language.
pub fn text(lang: Lang, id: &str, args: &[(&str, &str)]) -> String {
    let mut fa = FluentArgs::new();
    for (k, v) in args {
        fa.set(*k, FluentValue::from(*v));
    }
    format(lang, id, &fa)
}

/// The translation `id` of a text the program declares in English (a
/// parameter's meaning, a bundled scenario's description): `english` itself
/// in English, or when `lang`'s catalogue lacks `id`.
pub fn localized(lang: Lang, id: &str, english: &str) -> String {
    if lang == Lang::En || !has(lang, id) {
        return english.to_string();
    }
    text(lang, id, &[])
}

/// Whether `lang`'s own catalogues have the message `id` (no fallback).
pub fn has(lang: Lang, id: &str) -> bool {
    bundles()[lang.index()].has_message(id)
}

/// The id of a catalogue message as a `&'static str` (what a message
/// read back from a job's record is made of), or `None` when no catalogue
/// of any language has it.
pub fn known_id(id: &str) -> Option<&'static str> {
    static IDS: OnceLock<BTreeSet<String>> = OnceLock::new();
    IDS.get_or_init(|| catalogues().flat_map(|(_, t)| ids(t)).collect())
        .get(id)
        .map(String::as_str)
}

/// The name of an argument some catalogue message takes, as a `&'static
/// str`, or `None` when no message takes it.
pub fn known_arg(name: &str) -> Option<&'static str> {
    static ARGS: OnceLock<BTreeSet<String>> = OnceLock::new();
    ARGS.get_or_init(|| {
        catalogues()
            .filter_map(|(_, t)| message_args(t).ok())
            .flat_map(|m| m.into_values().flatten())
            .collect()
    })
    .get(name)
    .map(String::as_str)
}

/// The message ids of a catalogue's text, in file order.
pub fn ids(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once(" ="))
        .map(|(id, _)| id.trim().to_string())
        .collect()
}

/// Every message of a catalogue's text with the arguments (`$name`) it
/// uses, parsed by Fluent's own parser; an error names each line that does
/// not parse.
pub fn message_args(text: &str) -> Result<BTreeMap<String, BTreeSet<String>>, String> {
    use fluent_syntax::ast;
    let resource = match fluent_syntax::parser::parse(text) {
        Ok(r) => r,
        Err((_, errors)) => {
            let lines: Vec<String> = errors
                .iter()
                .map(|e| {
                    let line = text[..e.pos.start.min(text.len())].lines().count().max(1);
                    format!("line {line}: {:?}", e.kind)
                })
                .collect();
            return Err(lines.join("; "));
        }
    };
    let mut out = BTreeMap::new();
    for entry in resource.body {
        if let ast::Entry::Message(m) = entry {
            let mut args = BTreeSet::new();
            if let Some(p) = &m.value {
                pattern_args(p, &mut args);
            }
            for a in &m.attributes {
                pattern_args(&a.value, &mut args);
            }
            out.insert(m.id.name.to_string(), args);
        }
    }
    Ok(out)
}

fn pattern_args(p: &fluent_syntax::ast::Pattern<&str>, args: &mut BTreeSet<String>) {
    use fluent_syntax::ast::{Expression, PatternElement};
    for e in &p.elements {
        if let PatternElement::Placeable { expression } = e {
            match expression {
                Expression::Select { selector, variants } => {
                    inline_args(selector, args);
                    for v in variants {
                        pattern_args(&v.value, args);
                    }
                }
                Expression::Inline(i) => inline_args(i, args),
            }
        }
    }
}

fn inline_args(i: &fluent_syntax::ast::InlineExpression<&str>, args: &mut BTreeSet<String>) {
    use fluent_syntax::ast::{Expression, InlineExpression};
    match i {
        InlineExpression::VariableReference { id } => {
            args.insert(id.name.to_string());
        }
        InlineExpression::FunctionReference { arguments, .. }
        | InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => {
            for a in &arguments.positional {
                inline_args(a, args);
            }
            for a in &arguments.named {
                inline_args(&a.value, args);
            }
        }
        InlineExpression::Placeable { expression } => match expression.as_ref() {
            Expression::Inline(i) => inline_args(i, args),
            Expression::Select { selector, variants } => {
                inline_args(selector, args);
                for v in variants {
                    pattern_args(&v.value, args);
                }
            }
        },
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_parse_forgivingly() {
        assert_eq!(Lang::parse("zh_cn"), Some(Lang::ZhCn));
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
        assert!("fr".parse::<Lang>().unwrap_err().contains("`zh-CN`"));
    }

    #[test]
    fn arguments_are_found_in_every_place() {
        let m = message_args(
            "a = { $x } and { $y ->\n    [one] { $z }\n   *[other] none\n}\nb = plain\n",
        )
        .unwrap();
        assert_eq!(
            m["a"],
            ["x", "y", "z"].iter().map(|s| s.to_string()).collect()
        );
        assert!(m["b"].is_empty());
        assert!(message_args("a = {").is_err());
    }
}
