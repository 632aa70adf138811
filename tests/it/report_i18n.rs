//! The report in English and Simplified Chinese: both message catalogues
//! hold the same messages with the same arguments, every message the
//! report's code asks for is in both, a Chinese report has no English
//! sentence of the catalogue left, an English report no Chinese, and
//! `--lang` is checked like every other flag.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use resilience_sim::i18n::{self, Lang, REPORT, STUDIO};
use resilience_sim::model::OUTCOMES;
use resilience_sim::population::SUBGROUPS;

use crate::common::*;

type Args = BTreeMap<String, BTreeSet<String>>;

fn parsed(text: &str, what: &str) -> Args {
    i18n::message_args(text).unwrap_or_else(|e| panic!("{what} does not parse: {e}"))
}

#[test]
fn both_catalogues_hold_the_same_messages_with_the_same_arguments() {
    for (name, sources) in [("report.ftl", REPORT), ("studio.ftl", STUDIO)] {
        let en = parsed(sources[0].1, &format!("en/{name}"));
        let zh = parsed(sources[1].1, &format!("zh-CN/{name}"));
        assert!(!en.is_empty());
        let en_ids: BTreeSet<&String> = en.keys().collect();
        let zh_ids: BTreeSet<&String> = zh.keys().collect();
        assert_eq!(en_ids, zh_ids, "{name}: the same ids in both languages");
        for (id, args) in &en {
            assert_eq!(args, &zh[id], "{name}: `{id}` takes the same arguments");
        }
        // The line-based id list the studio's own test uses agrees with the parser.
        let listed: BTreeSet<String> = i18n::ids(sources[0].1).into_iter().collect();
        assert_eq!(listed, en.keys().cloned().collect(), "{name}");
    }
    // The report's ids never clash with the studio's: one bundle holds both.
    let report = parsed(REPORT[0].1, "report");
    assert!(report.keys().all(|id| id.starts_with("report-")));
    let studio = parsed(STUDIO[0].1, "studio");
    assert!(studio.keys().all(|id| !id.starts_with("report-")));
}

/// Every Rust file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The message ids the code asks for: literal `"report-…"` ids, and ids
/// made from a prefix and a subgroup, outcome or measure name.
fn ids_used() -> BTreeSet<String> {
    let mut files = Vec::new();
    rust_files(Path::new("src/report"), &mut files);
    rust_files(Path::new("src/studio"), &mut files);
    let mut ids = BTreeSet::new();
    let mut prefixes = BTreeSet::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for (at, _) in text.match_indices("\"report-") {
            let rest = &text[at + 1..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .unwrap();
            let id = &rest[..end];
            if id.ends_with('-') {
                prefixes.insert(id.to_string());
            } else {
                ids.insert(id.to_string());
            }
        }
    }
    let measures = ["resilience_points", "cases_averted"];
    for p in &prefixes {
        let names: Vec<&str> = match p.as_str() {
            "report-who-" | "report-group-" => SUBGROUPS.iter().map(|g| g.name).collect(),
            "report-outcome-" => OUTCOMES.iter().map(|o| o.name).collect(),
            "report-unit-" | "report-measure-" | "report-measure-heading-" => measures.to_vec(),
            other => panic!("a message id made from `{other}` and a name the test does not know"),
        };
        ids.extend(names.iter().map(|n| format!("{p}{n}")));
    }
    ids
}

#[test]
fn every_message_the_report_asks_for_is_in_both_languages() {
    let ids = ids_used();
    assert!(ids.len() > 100, "{} ids", ids.len());
    for id in &ids {
        for lang in Lang::ALL {
            assert!(i18n::has(lang, id), "`{id}` missing in {}", lang.code());
        }
    }
    // Nothing in the catalogue is left unused.
    let all = parsed(REPORT[0].1, "report");
    let unused: Vec<&String> = all.keys().filter(|id| !ids.contains(*id)).collect();
    assert!(unused.is_empty(), "unused messages: {unused:?}");
}

/// The words a reader sees: tags dropped, `<pre>` blocks (the scenario as
/// run, the command) left out, entities of quotes undone.
fn visible(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(at) = rest.find("<pre>") {
        out.push_str(&rest[..at]);
        rest = rest[at..].split_once("</pre>").map_or("", |(_, r)| r);
    }
    out.push_str(rest);
    let mut text = String::new();
    let mut in_tag = false;
    for c in out.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&#39;", "'").replace("&amp;", "&")
}

/// The English sentences and phrases of the report's catalogue: each
/// message's text between its arguments and tags, where it has two words
/// or more and the Chinese message does not say the same.
fn english_phrases() -> Vec<String> {
    let en = REPORT[0].1;
    let zh = REPORT[1].1;
    let value = |text: &str, id: &str| -> String {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{id} = ")))
            .unwrap_or_default()
            .to_string()
    };
    let mut out = Vec::new();
    for id in i18n::ids(en) {
        let zh_value = value(zh, &id);
        let v = value(en, &id);
        // Arguments and tags split the text into fragments.
        let mut cleaned = String::new();
        let mut depth = 0;
        for c in v.chars() {
            match c {
                '{' | '<' => {
                    depth += 1;
                    cleaned.push('\n');
                }
                '}' | '>' => depth -= 1,
                c if depth == 0 => cleaned.push(c),
                _ => {}
            }
        }
        for f in cleaned.lines().map(str::trim) {
            let words = f
                .split_whitespace()
                .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
                .count();
            if words >= 2 && !zh_value.contains(f) {
                out.push(f.to_string());
            }
        }
    }
    out
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// A run of quickstart (its equity and decision sections) with a report
/// in `lang`, and one under parameter uncertainty (acceptability curves).
fn reports(dir: &Path, lang: &str) -> Vec<String> {
    let mut pages = Vec::new();
    for (out, extra) in [("plain", &[][..]), ("unc", &["--uncertainty"][..])] {
        let out = dir.join(format!("{out}-{lang}"));
        let mut args = vec![
            "run",
            "quickstart",
            "--replicates",
            "6",
            "--quiet",
            "--report",
            "--lang",
            lang,
            "--out",
            out.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        let o = resim(&args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let mut page = std::fs::read_to_string(out.join("report.html")).unwrap();
        for svg in std::fs::read_dir(out.join("plots")).unwrap() {
            // Each chart is in the page; its own file is the same drawing.
            let svg = std::fs::read_to_string(svg.unwrap().path()).unwrap();
            assert!(page.contains(svg.trim()));
        }
        page.push('\n');
        pages.push(page);
    }
    pages
}

#[test]
fn a_chinese_report_has_no_english_sentence_of_the_catalogue_left() {
    let dir = tempdir();
    let phrases = english_phrases();
    assert!(phrases.len() > 80, "{} phrases", phrases.len());
    let zh = reports(dir.path(), "zh-CN");
    let en = reports(dir.path(), "en");
    for (zh, en) in zh.iter().zip(&en) {
        assert!(zh.contains("<html lang=\"zh-CN\">"));
        assert!(en.contains("<html lang=\"en\">"));
        let zh_text = visible(zh);
        let en_text = visible(en);
        for p in &phrases {
            assert!(
                !zh_text.contains(p.as_str()),
                "English left in the zh-CN report: {p}"
            );
        }
        // The English report says them; it has no Chinese.
        assert!(
            phrases
                .iter()
                .filter(|p| en_text.contains(p.as_str()))
                .count()
                > 40,
            "the English report uses the catalogue"
        );
        assert!(!has_cjk(en));
        // Every section and chart of the English report is in the Chinese one.
        for id in [
            "findings",
            "trajectories",
            "depressive",
            "effects",
            "cost",
            "decision",
            "acceptability",
            "equity",
            "reproduce",
        ] {
            let anchor = format!("id=\"{id}\"");
            assert_eq!(en.contains(&anchor), zh.contains(&anchor), "{id}");
        }
        assert_eq!(en.matches("<figure").count(), zh.matches("<figure").count());
        assert_eq!(en.matches("<tr>").count(), zh.matches("<tr>").count());
        for heading in [
            "各项策略的效果",
            "成本与效果",
            "这一选择有多可靠？",
            "谁受益",
            "设置与复现",
        ] {
            assert!(zh_text.contains(heading), "{heading}");
        }
    }
    // The charts' axes and legends are Chinese too.
    assert!(zh[0].contains("心理韧性（0–100 分）"));
    assert!(zh[0].contains("\n周\n</text>"), "the week axis");
    // Numbers keep their formatting: the same numbers in both reports' cost tables.
    let numbers = |page: &str| -> Vec<String> {
        let table = page.split("<section id=\"cost\">").nth(1).unwrap();
        let table = table.split("</section>").next().unwrap();
        table
            .split("<td class=\"n\">")
            .skip(1)
            .map(|c| {
                c.split(|ch: char| !(ch.is_ascii_digit() || ch == '.' || ch == '-' || ch == '+'))
                    .next()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    assert_eq!(numbers(&zh[0]), numbers(&en[0]));
}

#[test]
fn lang_is_checked_and_belongs_to_the_report() {
    let dir = tempdir();
    let out = dir.path().join("r");
    let o = resim(&[
        "run",
        "quickstart",
        "--replicates",
        "2",
        "--quiet",
        "--report",
        "--lang",
        "fr",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("`fr`") && err.contains("`zh-CN`"), "{err}");
    let o = resim(&[
        "run",
        "quickstart",
        "--replicates",
        "2",
        "--quiet",
        "--lang",
        "zh-CN",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("add --report"));
    // `resim report --lang` rewrites a run's report in the other language.
    let o = resim(&[
        "run",
        "quickstart",
        "--replicates",
        "2",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let o = resim(&["report", out.to_str().unwrap(), "--lang", "zh"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(page.contains("<html lang=\"zh-CN\">") && page.contains("各项策略的效果"));
    let o = resim(&["report", out.to_str().unwrap(), "--lang", "en", "--force"]);
    assert!(o.status.success());
    let page = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(page.contains("<html lang=\"en\">") && !has_cjk(&page));
    // The what-if writes its report in the language asked for.
    let w = dir.path().join("w");
    let o = resim(&[
        "whatif",
        "--add",
        "contact_book",
        "--replicates",
        "2",
        "--quiet",
        "--lang",
        "zh-CN",
        "--out",
        w.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = std::fs::read_to_string(w.join("report.html")).unwrap();
    assert!(
        page.contains("这一假设改变"),
        "the what-if change, in Chinese"
    );
}
