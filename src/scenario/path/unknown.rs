//! Why a path is refused: the level where it went wrong, what is valid
//! there and the nearest valid path.

use crate::problem::{Message, Problem, name_list, nearest, valid_names};

/// The problem of a path that reaches no valid value; `valid` lists every
/// valid path, `exists` says whether a table is at a dotted prefix (a
/// strategy without components, a section without numbers) and `noun` names
/// what a valid path reaches (singular, plural).
pub(super) fn unknown(
    path: &str,
    valid: &[&str],
    exists: impl Fn(&str) -> bool,
    (noun, nouns): (&'static str, &'static str),
) -> Problem {
    let segs: Vec<&str> = path.split('.').collect();
    // How many leading segments some valid path shares (never all of a valid
    // path's own segments: a path that goes past a value went wrong there).
    let depth = valid
        .iter()
        .map(|v| {
            let vs: Vec<&str> = v.split('.').collect();
            let common = segs.iter().zip(&vs).take_while(|(a, b)| a == b).count();
            if common == vs.len() {
                common - 1
            } else {
                common
            }
        })
        .max()
        .unwrap_or(0);
    let mut level: Vec<String> = Vec::new();
    for v in valid {
        let vs: Vec<&str> = v.split('.').collect();
        if vs.len() > depth && vs[..depth] == segs[..depth] {
            let name = if vs.len() > depth + 1 {
                format!("{}.…", vs[..=depth].join("."))
            } else {
                vs[..=depth].join(".")
            };
            if !level.contains(&name) {
                level.push(name);
            }
        }
    }
    let strategies = segs[0] == "strategies";
    let what = match depth {
        0 => "problem-path-unknown-section",
        1 if strategies => "problem-path-unknown-strategy",
        2 if strategies => "problem-path-unknown-component",
        _ => "problem-path-unknown-key",
    };
    if depth == segs.len() {
        // The path names a table.
        return Problem::new(
            path,
            Message::new("problem-path-table")
                .arg("path", path)
                .with("noun", Message::new(noun)),
            with_nearest(path, &level, valid),
        );
    }
    let reached = segs[..=depth].join(".");
    if exists(&reached) {
        // The table is there but holds nothing valid.
        let (what, why) = if strategies && depth == 1 {
            (
                "problem-path-unknown-component",
                Message::new("valid-path-strategy-empty").arg("strategy", segs[1]),
            )
        } else {
            (
                "problem-path-unknown-key",
                Message::new("valid-path-holds-none")
                    .arg("path", &reached)
                    .with("nouns", Message::new(nouns)),
            )
        };
        return Problem::new(path, Message::new(what).arg("path", path), why);
    }
    Problem::new(
        path,
        Message::new(what).arg("path", path),
        with_nearest(path, &level, valid),
    )
}

/// The names valid at the level, led by the nearest valid path when no
/// name at the level is close.
fn with_nearest(path: &str, level: &[String], valid: &[&str]) -> Message {
    let names: Vec<&str> = level.iter().map(String::as_str).collect();
    let list = valid_names(path, &names);
    let level_hit = nearest(path, names.iter().copied()).is_some_and(|n| !n.ends_with('…'));
    if level_hit {
        return list;
    }
    match nearest(path, valid.iter().copied()) {
        Some(n) => Message::new("valid-did-you-mean")
            .arg("name", n)
            .arg("names", name_list(&names)),
        None => list,
    }
}
