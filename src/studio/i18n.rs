//! Message catalogues: every label, heading and sentence of the studio, in
//! English and Simplified Chinese, kept as [Fluent](https://projectfluent.org)
//! files (`i18n/en/studio.ftl`, `i18n/zh-CN/studio.ftl`) compiled into the
//! program. Code never builds a sentence: a template looks a message up by
//! its id and gives it its arguments (numbers already formatted, names).
//! A message missing from a language falls back to English; the tests check
//! that both catalogues hold the same ids.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language of the studio.
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

    /// The language's tag (`en`, `zh-CN`), as in URLs and `<html lang>`.
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

    fn index(self) -> usize {
        match self {
            Lang::En => 0,
            Lang::ZhCn => 1,
        }
    }
}

/// The catalogue text of each language.
pub const SOURCES: [(Lang, &str); 2] = [
    (Lang::En, include_str!("../../i18n/en/studio.ftl")),
    (Lang::ZhCn, include_str!("../../i18n/zh-CN/studio.ftl")),
];

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
    for (l, text) in SOURCES {
        if l == lang {
            // A catalogue that does not parse is a bug the tests catch
            // (`studio::catalogues_parse`); the messages that parsed are kept.
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
    for l in [lang, Lang::En] {
        let b = &bundles()[l.index()];
        if let Some(pattern) = b.get_message(id).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            return b
                .format_pattern(pattern, Some(&fa), &mut errors)
                .into_owned();
        }
    }
    id.to_string()
}

/// Whether `lang`'s own catalogue has the message `id` (no fallback).
pub fn has(lang: Lang, id: &str) -> bool {
    bundles()[lang.index()].has_message(id)
}

/// The message ids of a catalogue's text, in file order.
pub fn ids(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once(" ="))
        .map(|(id, _)| id.trim().to_string())
        .collect()
}
