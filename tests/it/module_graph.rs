//! The module graph of the crate: which top-level module uses which, read
//! from the source of every `src/**/*.rs`. It has no cycle, and every edge
//! points down the layers of `src/lib.rs` ([`LAYERS`]), so a module can be
//! understood, tested and replaced with only the modules below it.
//!
//! An edge `a -> b` is any path into `b` in module `a`'s code: `crate::b…`
//! (in `use` lines, grouped imports such as `crate::{b, c}` and paths anywhere
//! in expressions or types), `super::…` reaching the crate root, and, from the
//! command line in `src/main.rs` and `src/cli/`, `resilience_sim::b…`.
//! Comments, doc comments and string literals are not code and are skipped.
//!
//! Print the layers and the edges:
//!
//! ```text
//! cargo test --release --test it module_graph -- --nocapture
//! ```

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

/// The layers, bottom up: a module may use modules of its own layer and of
/// the layers below, never above. A new top-level module goes here (and in
/// the layer table of `src/lib.rs`).
const LAYERS: &[(&str, &[&str])] = &[
    ("foundation", &["rng", "problem", "input", "i18n"]),
    ("declarations", &["params", "components"]),
    ("the world", &["population"]),
    ("the model", &["model"]),
    ("files", &["scenario"]),
    ("running", &["engine", "stats", "guard"]),
    ("results", &["output", "report"]),
    (
        "analyses",
        &[
            "shard",
            "sweep",
            "sensitivity",
            "validation",
            "calibration",
            "decision",
            "optimise",
        ],
    ),
    ("jobs", &["jobs"]),
    ("front end", &["cli", "studio"]),
];

/// Name of the library crate, as the command line refers to it.
const LIBRARY: &str = "resilience_sim";

/// The module graph: every module and the modules it uses (no self-edges).
type Graph = BTreeMap<String, BTreeSet<String>>;

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// Where a file sits: the top-level module it belongs to, its module path
/// (`["model", "mechanisms", "stress"]`) and whether it is in the binary.
struct FileModule {
    top: String,
    path: Vec<String>,
    binary: bool,
}

fn file_module(rel: &Path) -> Option<FileModule> {
    let parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let mut path: Vec<String> = parts
        .iter()
        .map(|p| p.strip_suffix(".rs").unwrap_or(p).to_string())
        .collect();
    if path.last().is_some_and(|l| l == "mod") {
        path.pop();
    }
    match path.first().map(String::as_str) {
        None | Some("lib") => None,
        Some("main") => Some(FileModule {
            top: "cli".into(),
            path: vec![],
            binary: true,
        }),
        Some(top) => Some(FileModule {
            top: top.to_string(),
            binary: top == "cli",
            path,
        }),
    }
}

/// The source with comments, strings and character literals blanked out
/// (newlines kept), so only code is left.
fn code_only(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |out: &mut String, s: &[char]| {
        for &ch in s {
            out.push(if ch == '\n' { '\n' } else { ' ' });
        }
    };
    let ident = |ch: char| ch.is_alphanumeric() || ch == '_';
    let mut i = 0;
    while i < c.len() {
        let prev_ident = i > 0 && ident(c[i - 1]);
        // Line comment.
        if c[i] == '/' && c.get(i + 1) == Some(&'/') {
            let end = c[i..]
                .iter()
                .position(|&x| x == '\n')
                .map_or(c.len(), |p| i + p);
            blank(&mut out, &c[i..end]);
            i = end;
            continue;
        }
        // Block comment (nested).
        if c[i] == '/' && c.get(i + 1) == Some(&'*') {
            let (mut j, mut depth) = (i + 2, 1);
            while j < c.len() && depth > 0 {
                if c[j] == '/' && c.get(j + 1) == Some(&'*') {
                    depth += 1;
                    j += 2;
                } else if c[j] == '*' && c.get(j + 1) == Some(&'/') {
                    depth -= 1;
                    j += 2;
                } else {
                    j += 1;
                }
            }
            blank(&mut out, &c[i..j.min(c.len())]);
            i = j;
            continue;
        }
        // Raw string: r"…", r#"…"#, br#"…"#.
        if !prev_ident && (c[i] == 'r' || (c[i] == 'b' && c.get(i + 1) == Some(&'r'))) {
            let start = if c[i] == 'b' { i + 2 } else { i + 1 };
            let hashes = c[start..].iter().take_while(|&&x| x == '#').count();
            if c.get(start + hashes) == Some(&'"') {
                let mut j = start + hashes + 1;
                loop {
                    if j >= c.len() {
                        break;
                    }
                    if c[j] == '"'
                        && c[j + 1..]
                            .iter()
                            .take(hashes)
                            .filter(|&&x| x == '#')
                            .count()
                            == hashes
                    {
                        j += 1 + hashes;
                        break;
                    }
                    j += 1;
                }
                blank(&mut out, &c[i..j.min(c.len())]);
                i = j;
                continue;
            }
        }
        // String (and byte string).
        if c[i] == '"' {
            let mut j = i + 1;
            while j < c.len() && c[j] != '"' {
                j += if c[j] == '\\' { 2 } else { 1 };
            }
            blank(&mut out, &c[i..(j + 1).min(c.len())]);
            i = j + 1;
            continue;
        }
        // Character literal ('a', '\n', '\u{1F600}'); a lifetime stays.
        if c[i] == '\'' {
            let end = if c.get(i + 1) == Some(&'\\') {
                c[i + 2..]
                    .iter()
                    .position(|&x| x == '\'')
                    .map(|p| i + 2 + p)
            } else if c.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            if let Some(end) = end {
                blank(&mut out, &c[i..=end]);
                i = end + 1;
                continue;
            }
        }
        out.push(c[i]);
        i += 1;
    }
    out
}

/// Identifiers, `::` and single punctuation characters.
fn tokens(code: &str) -> Vec<String> {
    let c: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if c[i].is_alphabetic() || c[i] == '_' {
            let start = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            out.push(c[start..i].iter().collect());
        } else if c[i] == ':' && c.get(i + 1) == Some(&':') {
            out.push("::".into());
            i += 2;
        } else if c[i].is_whitespace() {
            i += 1;
        } else {
            out.push(c[i].to_string());
            i += 1;
        }
    }
    out
}

/// The first segments of the items of a `{ … }` group starting at `open`.
fn group_heads(t: &[String], open: usize) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut expect_head = true;
    for tok in &t[open..] {
        match tok.as_str() {
            "{" => {
                depth += 1;
                if depth > 1 {
                    expect_head = false;
                }
            }
            "}" => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            "," if depth == 1 => expect_head = true,
            _ if depth == 1 && expect_head => {
                heads.push(tok.clone());
                expect_head = false;
            }
            _ => {}
        }
    }
    heads
}

/// The top-level modules a file's code refers to.
fn references(file: &FileModule, code: &str) -> BTreeSet<String> {
    let t = tokens(code);
    let mut found = BTreeSet::new();
    // Inline modules (`mod tests { … }`) open at a brace depth.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let after_root = |i: usize, found: &mut BTreeSet<String>| {
        // `i` is the token after `ROOT ::`.
        match t.get(i).map(String::as_str) {
            Some("{") => found.extend(group_heads(&t, i)),
            Some(name) => {
                found.insert(name.to_string());
            }
            None => {}
        }
    };
    let mut i = 0;
    while i < t.len() {
        let tok = t[i].as_str();
        let next_is_path = t.get(i + 1).is_some_and(|n| n == "::");
        let prev_is_path = i > 0 && t[i - 1] == "::";
        match tok {
            "{" => depth += 1,
            "}" => {
                depth = depth.saturating_sub(1);
                while inline.last().is_some_and(|(_, d)| *d > depth) {
                    inline.pop();
                }
            }
            "mod" if t.get(i + 2).is_some_and(|b| b == "{") => {
                inline.push((t[i + 1].clone(), depth + 1));
            }
            "crate" if next_is_path && !prev_is_path => {
                if file.binary {
                    // The binary's crate holds only the command line.
                } else {
                    after_root(i + 2, &mut found);
                }
            }
            LIBRARY if next_is_path && !prev_is_path && file.binary => {
                after_root(i + 2, &mut found)
            }
            "super" if next_is_path && !prev_is_path => {
                let mut n = 0;
                let mut j = i;
                while t.get(j).is_some_and(|x| x == "super")
                    && t.get(j + 1).is_some_and(|x| x == "::")
                {
                    n += 1;
                    j += 2;
                }
                let here = file.path.len() + inline.len();
                if !file.binary && n == here {
                    after_root(j, &mut found);
                }
                i = j;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// Every top-level module (a file `src/X.rs` or a directory `src/X/`, and
/// `cli` for the command line) and the modules it uses.
fn module_graph() -> Graph {
    let src = src_dir();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeSet<String> = files
        .iter()
        .filter_map(|f| file_module(f.strip_prefix(&src).expect("under src")))
        .map(|m| m.top)
        .collect();
    let mut graph: Graph = modules
        .iter()
        .map(|m| (m.clone(), BTreeSet::new()))
        .collect();
    for f in &files {
        let Some(m) = file_module(f.strip_prefix(&src).expect("under src")) else {
            continue;
        };
        let text = std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        for r in references(&m, &code_only(&text)) {
            if r != m.top && modules.contains(&r) {
                graph.get_mut(&m.top).expect("known module").insert(r);
            }
        }
    }
    graph
}

/// The layer of a module, if [`LAYERS`] names it.
fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, ms)| ms.contains(&module))
}

/// The strongly connected components with more than one module (Tarjan).
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    struct Tarjan<'a> {
        graph: &'a Graph,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        out: Vec<Vec<String>>,
    }
    impl<'a> Tarjan<'a> {
        fn visit(&mut self, v: &'a str) {
            let i = self.index.len();
            self.index.insert(v, i);
            self.low.insert(v, i);
            self.stack.push(v);
            self.on_stack.insert(v);
            for w in &self.graph[v] {
                let w = w.as_str();
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let lw = self.low[w];
                    let lv = self.low.get_mut(v).expect("visited");
                    *lv = (*lv).min(lw);
                } else if self.on_stack.contains(w) {
                    let iw = self.index[w];
                    let lv = self.low.get_mut(v).expect("visited");
                    *lv = (*lv).min(iw);
                }
            }
            if self.low[v] == self.index[v] {
                let mut scc = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(w);
                    scc.push(w.to_string());
                    if w == v {
                        break;
                    }
                }
                if scc.len() > 1 {
                    scc.sort();
                    self.out.push(scc);
                }
            }
        }
    }
    let mut t = Tarjan {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in graph.keys() {
        if !t.index.contains_key(v.as_str()) {
            t.visit(v);
        }
    }
    t.out
}

/// A shortest cycle through `start` inside `within`, as `a -> b -> … -> a`.
fn cycle_through(graph: &Graph, start: &str, within: &[String]) -> String {
    let mut came_from: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        for w in &graph[v] {
            if !within.contains(w) {
                continue;
            }
            if w == start {
                let mut path = vec![v];
                let mut at = v;
                while at != start {
                    at = came_from[at];
                    path.push(at);
                }
                path.reverse();
                path.push(start);
                return path.join(" -> ");
            }
            if !came_from.contains_key(w.as_str()) && w != start {
                came_from.insert(w, v);
                queue.push_back(w);
            }
        }
    }
    unreachable!("{start} is in a cycle")
}

/// The layers and the edges, as `resim`'s maintainers read them.
fn describe(graph: &Graph) -> String {
    let mut s = String::from("layers, bottom up:\n");
    for (i, (name, modules)) in LAYERS.iter().enumerate() {
        s += &format!("  {i} {name:<13} {}\n", modules.join(", "));
    }
    let unlayered: Vec<&str> = graph
        .keys()
        .map(String::as_str)
        .filter(|m| layer(m).is_none())
        .collect();
    if !unlayered.is_empty() {
        s += &format!("  ? not in a layer: {}\n", unlayered.join(", "));
    }
    s += "edges (module -> the modules it uses):\n";
    for (m, uses) in graph {
        let uses: Vec<&str> = uses.iter().map(String::as_str).collect();
        s += &format!(
            "  {m} -> {}\n",
            if uses.is_empty() {
                "(nothing)".to_string()
            } else {
                uses.join(", ")
            }
        );
    }
    s
}

#[test]
fn the_module_graph_has_no_cycle() {
    let graph = module_graph();
    println!("{}", describe(&graph));
    let found = cycles(&graph);
    let shown: Vec<String> = found
        .iter()
        .map(|scc| {
            format!(
                "{} modules in one cycle: {}\n    e.g. {}",
                scc.len(),
                scc.join(", "),
                cycle_through(&graph, &scc[0], scc)
            )
        })
        .collect();
    assert!(
        found.is_empty(),
        "the module graph has cycles:\n  {}",
        shown.join("\n  ")
    );
}

#[test]
fn every_module_uses_only_its_own_layer_and_those_below() {
    let graph = module_graph();
    let mut wrong = Vec::new();
    for (m, uses) in &graph {
        let Some(lm) = layer(m) else {
            wrong.push(format!("`{m}` is in no layer: add it to LAYERS in tests/it/module_graph.rs and to the layers of src/lib.rs"));
            continue;
        };
        for u in uses {
            match layer(u) {
                Some(lu) if lu > lm => wrong.push(format!(
                    "{m} (layer {lm}, {}) -> {u} (layer {lu}, {})",
                    LAYERS[lm].0, LAYERS[lu].0
                )),
                _ => {}
            }
        }
    }
    for (_, modules) in LAYERS {
        for m in *modules {
            if !graph.contains_key(*m) {
                wrong.push(format!("LAYERS names `{m}`, which is not a module of src/"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "edges that point up the layers:\n  {}",
        wrong.join("\n  ")
    );
}

#[test]
fn the_reader_sees_code_not_comments_or_strings() {
    let file = FileModule {
        top: "model".into(),
        path: vec!["model".into(), "step".into()],
        binary: false,
    };
    let text = r##"
        //! Uses [`crate::report`] in a doc comment only.
        use crate::{population::{Family, Student}, rng};
        use super::state::StudentState;
        /* crate::sweep in a block comment */
        fn f() -> u8 { let _ = "crate::guard"; let _ = r#"crate::shard"#; let _ = '"'; crate::params::x(); 0 }
        fn g<'a>(x: &'a str) -> &'a str { x }
        pub(crate) fn h() {}
        mod tests {
            use super::super::super::engine::run;
            use super::super::levers;
        }
    "##;
    let found = references(&file, &code_only(text));
    let expected: BTreeSet<String> = ["population", "rng", "params", "engine"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(found, expected);
    let cli = FileModule {
        top: "cli".into(),
        path: vec!["cli".into(), "run".into()],
        binary: true,
    };
    let text = "use resilience_sim::{engine, output::OutputDir};\nuse crate::cli::pipeline;\n";
    let found = references(&cli, &code_only(text));
    assert_eq!(
        found,
        ["engine".to_string(), "output".to_string()]
            .into_iter()
            .collect()
    );
}

#[test]
fn a_cycle_is_found_and_shown() {
    let mut g: Graph = BTreeMap::new();
    for (a, b) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("d", "e")] {
        g.entry(a.into()).or_default().insert(b.into());
        g.entry(b.into()).or_default();
    }
    let found = cycles(&g);
    assert_eq!(found, vec![vec!["a".to_string(), "b".into(), "c".into()]]);
    assert_eq!(cycle_through(&g, "a", &found[0]), "a -> b -> c -> a");
}
