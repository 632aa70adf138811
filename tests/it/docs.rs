//! The documentation follows the code: docs/ODD.md's Appendix A is the
//! parameter table `resim list parameters` prints (name, default, range,
//! meaning, source), so a changed default or source cannot go unnoticed;
//! every example of README.md and docs/*.md runs as shown (`examples`).

mod examples;
mod markdown;

use resilience_sim::params::{ModelParams, ParamDoc};

/// One Markdown row of Appendix A.
fn row(p: &ParamDoc) -> String {
    let esc = |s: &str| s.replace('|', "\\|");
    format!(
        "| {} | `{}` | {} | [{}, {}] | {} | {} |",
        p.section,
        p.name,
        p.default,
        p.lo,
        p.hi,
        esc(p.meaning.trim()),
        esc(p.source.trim())
    )
}

/// The table as the code declares it.
fn expected_table() -> String {
    let mut out = String::from(
        "| section | key | default | range | meaning | source |\n|---|---|---|---|---|---|\n",
    );
    for p in ModelParams::docs() {
        out.push_str(&row(&p));
        out.push('\n');
    }
    out
}

/// The table in docs/ODD.md: the lines starting with `|` after the heading
/// of Appendix A, up to the next heading.
fn documented_table() -> String {
    let odd = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/ODD.md"))
        .expect("docs/ODD.md is readable");
    let start = odd
        .find("## Appendix A")
        .expect("docs/ODD.md has an Appendix A");
    let rest = &odd[start..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |e| e + 3);
    rest[..end]
        .lines()
        .filter(|l| l.starts_with('|'))
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn odd_appendix_a_is_the_parameter_table_of_the_code() {
    let expected = expected_table();
    let documented = documented_table();
    if expected != documented {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/target/odd_appendix_a.md");
        std::fs::write(path, &expected).expect("target/ is writable");
        let first = expected
            .lines()
            .zip(documented.lines().chain(std::iter::repeat("(missing)")))
            .find(|(e, d)| e != d)
            .map(|(e, d)| format!("code:\n{e}\nODD:\n{d}"))
            .unwrap_or_else(|| "the ODD table has extra rows".into());
        panic!(
            "docs/ODD.md Appendix A differs from the parameters the code declares; the table the code gives is in {path}. First difference:\n{first}"
        );
    }
}
