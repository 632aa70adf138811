//! The problems of input, the notes of jobs and the registries' words in
//! English and Simplified Chinese: the problems' and the notes' catalogues
//! hold the same messages with the same arguments in both languages; every
//! message id the Rust code asks for (not only the templates) is in both;
//! every parameter, mechanism, trait and component setting of the
//! registries, and every bundled scenario, has its Chinese words, so a new
//! one without a translation fails here; and a problem reads in English
//! exactly as the CLI prints it, in Chinese with the same key and numbers.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use resilience_sim::components::ComponentSettings;
use resilience_sim::i18n::{self, Lang, MEANINGS, NOTES, PROBLEMS, REPORT, STUDIO};
use resilience_sim::jobs::BUNDLED;
use resilience_sim::params::Mechanisms;
use resilience_sim::problem::{Problem, check_range, in_words, valid_names};
use resilience_sim::scenario::{self, ModelParams, Traits};

type Args = BTreeMap<String, BTreeSet<String>>;

fn parsed(text: &str, what: &str) -> Args {
    i18n::message_args(text).unwrap_or_else(|e| panic!("{what} does not parse: {e}"))
}

#[test]
fn both_problem_catalogues_hold_the_same_messages_with_the_same_arguments() {
    same_in_both(&PROBLEMS, "problems", &["problem-", "valid-"], 50);
}

/// The notes a job makes while it runs (warnings, why it did nothing).
#[test]
fn both_note_catalogues_hold_the_same_messages_with_the_same_arguments() {
    same_in_both(&NOTES, "notes", &["note-"], 10);
}

/// `catalogue`'s English and Chinese hold the same ids (at least `least`)
/// with the same arguments, every id starts with one of `prefixes`, and no
/// other catalogue has any of them.
fn same_in_both(catalogue: &[(Lang, &str); 2], name: &str, prefixes: &[&str], least: usize) {
    let en = parsed(catalogue[0].1, &format!("en/{name}.ftl"));
    let zh = parsed(catalogue[1].1, &format!("zh-CN/{name}.ftl"));
    assert!(en.len() > least, "{} messages", en.len());
    assert_eq!(
        en.keys().collect::<Vec<_>>(),
        zh.keys().collect::<Vec<_>>(),
        "the same ids in both languages"
    );
    for (id, args) in &en {
        assert_eq!(args, &zh[id], "`{id}` takes the same arguments");
        assert!(
            prefixes.iter().any(|p| id.starts_with(p)),
            "`{id}`: the ids of {name}.ftl start with {prefixes:?}, so they never clash"
        );
    }
    for other in [STUDIO[0].1, REPORT[0].1, PROBLEMS[0].1, NOTES[0].1] {
        if other == catalogue[0].1 {
            continue;
        }
        let ids = parsed(other, "a catalogue");
        assert!(ids.keys().all(|id| !en.contains_key(id)));
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The id at the start of `rest` (letters, digits, `-`, `_`).
fn id_at(rest: &str) -> &str {
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    &rest[..end]
}

/// The message ids the Rust code of the crate asks for: every literal
/// `"problem-…"`, `"valid-…"` or `"note-…"`, and every literal id handed to
/// a lookup with a language (`text(lang, "…"`, `tr(lang, "…"`).
fn ids_in_code() -> BTreeMap<String, String> {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let mut ids = BTreeMap::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let at = |i: usize| format!("{}:{}", f.display(), text[..i].lines().count());
        for prefix in ["\"problem-", "\"valid-", "\"note-"] {
            for (i, _) in text.match_indices(prefix) {
                let id = id_at(&text[i + 1..]);
                ids.insert(id.to_string(), at(i));
            }
        }
        for call in ["lang, \"", "Lang::En, \"", "Lang::ZhCn, \""] {
            for (i, _) in text.match_indices(call) {
                let id = id_at(&text[i + call.len()..]);
                // `format!`-made ids (a prefix ending in `-`) are checked by
                // the tests of what they name.
                if !id.is_empty() && !id.ends_with('-') {
                    ids.insert(id.to_string(), at(i));
                }
            }
        }
    }
    ids
}

#[test]
fn every_message_the_code_asks_for_is_in_both_languages() {
    let ids = ids_in_code();
    assert!(ids.len() > 100, "{} ids", ids.len());
    for (id, at) in &ids {
        for lang in Lang::ALL {
            assert!(
                i18n::has(lang, id),
                "`{id}` ({at}) missing in {}",
                lang.code()
            );
        }
    }
    // Nothing in the problems' and notes' catalogues is left unused.
    let unused: Vec<String> = parsed(PROBLEMS[0].1, "problems")
        .into_keys()
        .chain(parsed(NOTES[0].1, "notes").into_keys())
        .filter(|id| !ids.contains_key(id))
        .collect();
    assert!(unused.is_empty(), "unused messages: {unused:?}");
}

/// The translation ids of every registry entry and bundled scenario.
fn meaning_ids() -> Vec<String> {
    let mut ids: Vec<String> = ModelParams::docs()
        .iter()
        .map(|d| format!("meaning-param-{}-{}", d.section, d.name))
        .collect();
    ids.extend(
        Mechanisms::DOCS
            .iter()
            .map(|d| format!("meaning-mechanism-{}", d.name)),
    );
    ids.extend(
        Traits::DOCS
            .iter()
            .map(|d| format!("meaning-trait-{}", d.0)),
    );
    ids.extend(
        ComponentSettings::SETTINGS
            .iter()
            .map(|s| format!("meaning-setting-{}", s.name)),
    );
    ids.extend(BUNDLED.iter().map(|(n, _)| format!("description-{n}")));
    ids
}

#[test]
fn every_parameter_mechanism_trait_setting_and_bundled_scenario_has_its_chinese_words() {
    let ids = meaning_ids();
    assert!(ids.len() > 150, "{} entries", ids.len());
    let missing: Vec<&String> = ids.iter().filter(|id| !i18n::has(Lang::ZhCn, id)).collect();
    assert!(
        missing.is_empty(),
        "no Chinese in i18n/zh-CN/meanings.ftl for: {missing:?}"
    );
    // English stays where it is declared: the registries, the files.
    for id in &ids {
        assert!(!i18n::has(Lang::En, id), "{id}: English is the registry's");
    }
    // No entry is left for something that is gone.
    let listed = parsed(MEANINGS[0].1, "zh-CN/meanings.ftl");
    let stale: Vec<&String> = listed.keys().filter(|id| !ids.contains(id)).collect();
    assert!(stale.is_empty(), "entries for nothing: {stale:?}");
    // The translations are Chinese, and English falls back to the registry.
    let d = &ModelParams::docs()[0];
    let id = format!("meaning-param-{}-{}", d.section, d.name);
    assert_eq!(i18n::localized(Lang::En, &id, d.meaning), d.meaning);
    let zh = i18n::localized(Lang::ZhCn, &id, d.meaning);
    assert!(
        zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{zh}"
    );
    assert_eq!(
        i18n::localized(Lang::ZhCn, "description-mine", "my own"),
        "my own"
    );
}

#[test]
fn a_problem_reads_in_english_as_the_cli_prints_it_and_in_chinese_with_its_key_and_range() {
    let mut out = Vec::new();
    check_range(&mut out, "population.rural_share".into(), 2.0, 0.0, 1.0);
    let p = &out[0];
    assert_eq!(
        in_words(p, Lang::En),
        "population.rural_share: 2 is out of range; valid: a number from 0 to 1"
    );
    assert_eq!(
        in_words(p, Lang::ZhCn),
        "population.rural_share：2 超出范围；有效值：0 到 1 之间的数"
    );
    assert_eq!(p.message.to_string(), "2 is out of range");
    let valid = valid_names("stres", &["stress", "support"]);
    assert_eq!(
        valid,
        "did you mean `stress`? valid names: `stress`, `support`"
    );
    assert_eq!(
        valid.render(Lang::ZhCn),
        "您是不是想写 `stress`？有效的名称：`stress`, `support`"
    );
    // A whole file's problems: the loader's words, the same numbers.
    let text = "name = \"x\"\n[run]\nreplicates = 0\n[strategies.a]\n[strategies.b]\ncomponents = [\"contact_bok\"]\n";
    let err = scenario::parse(text, Path::new("x.toml")).unwrap_err();
    let words: Vec<(String, String)> = err
        .problems
        .iter()
        .map(|p: &Problem| (in_words(p, Lang::En), in_words(p, Lang::ZhCn)))
        .collect();
    assert!(
        words.iter().any(|(en, zh)| en
            == "strategies.b.components.0: unknown component `contact_bok`; valid: did you mean `contact_book`? valid names: `termly_conference`, `contact_book`, `digital_channel`, `parent_volunteering`, `homework_help`, `parent_modelling`, `behaviour_support`, `joint_goal_setting`, `mh_curriculum`, `peer_mentoring`, `school_psychologist`, `community_partnership`, `left_behind_support`, `teacher_training`, `culturally_responsive`"
            && zh.starts_with("strategies.b.components.0：未知的做法 `contact_bok`；有效值：您是不是想写 `contact_book`？")),
        "{words:#?}"
    );
    assert!(
        words.iter().any(|(en, zh)| en
            .starts_with("run.replicates: 0 replicates; valid: a whole number from 1 to 1000000")
            && zh == "run.replicates：0 次重复；有效值：1 到 1000000 之间的整数"),
        "{words:#?}"
    );
}
