//! The fenced code blocks of a Markdown document, as the documentation test
//! reads them.
//!
//! - ```` ```sh ````, ```` ```bash ```` and ```` ```shell ```` blocks are
//!   commands: they are run and must succeed; what they print is not shown.
//! - ```` ```console ```` blocks are sessions: `$ COMMAND` lines (a line
//!   ending in `\` continues on the next), each followed by the output it
//!   prints, compared with what the command prints (`...` on a line of its
//!   own stands for any lines, `[..]` for any text within a line).
//! - A command or session block right below the comment
//!   `<!-- not run: REASON -->` is not run; the reason is required.
//! - Every other block (`text`, `toml`, …) is shown, never run.

use std::ops::Range;

/// What the documentation test does with a block.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// Commands that must succeed.
    Commands,
    /// `$ COMMAND` lines with the output shown for each.
    Session,
    /// Anything else: never run.
    Shown,
}

/// One fenced code block of a document.
#[derive(Debug, Clone)]
pub struct Block {
    /// Line of the opening fence (1-based).
    pub line: usize,
    /// What the test does with it.
    pub kind: Kind,
    /// The reason given by a `<!-- not run: REASON -->` comment above it.
    pub not_run: Option<String>,
    /// The lines inside the fences, without the fence's indentation.
    pub body: String,
    /// Byte range of those lines in the document (for rewriting outputs).
    pub span: Range<usize>,
    /// The fence's indentation, put back when the block is rewritten.
    pub indent: String,
}

/// One `$ COMMAND` of a session with the output shown below it.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The command, continuation lines joined as typed (with their `\`).
    pub command: String,
    /// The output shown, each line ending in a newline.
    pub output: String,
}

/// The `<!-- not run: REASON -->` marker of a line, `Err` for a comment that
/// mentions "not run" in another form (so a typo cannot silently run a block
/// or leave one unmarked).
fn marker(line: &str) -> Result<Option<String>, String> {
    let t = line.trim();
    if !(t.starts_with("<!--") && t.contains("not run")) {
        return Ok(None);
    }
    let inner = t
        .strip_prefix("<!--")
        .and_then(|r| r.strip_suffix("-->"))
        .map(str::trim);
    match inner
        .and_then(|i| i.strip_prefix("not run:"))
        .map(str::trim)
    {
        Some(reason) if !reason.is_empty() => Ok(Some(reason.to_string())),
        _ => Err(format!(
            "`{t}` is not a marker; write `<!-- not run: REASON -->` on one line"
        )),
    }
}

/// The fenced blocks of `text`, or the first malformed marker or fence.
pub fn blocks(text: &str) -> Result<Vec<Block>, String> {
    let mut out = Vec::new();
    let mut offset = 0;
    let mut lines = Vec::new();
    for l in text.split_inclusive('\n') {
        lines.push((offset, l));
        offset += l.len();
    }
    let mut i = 0;
    let mut pending: Option<(usize, String)> = None;
    while i < lines.len() {
        let (_, line) = lines[i];
        if let Some(reason) = marker(line).map_err(|e| format!("line {}: {e}", i + 1))? {
            pending = Some((i + 1, reason));
            i += 1;
            continue;
        }
        let trimmed = line.trim_start();
        if !trimmed.starts_with("```") {
            if !line.trim().is_empty()
                && let Some((at, _)) = pending.take()
            {
                return Err(format!(
                    "line {at}: a `not run` marker must stand right above a command block"
                ));
            }
            i += 1;
            continue;
        }
        let indent = line[..line.len() - trimmed.len()].to_string();
        let info = trimmed.trim_start_matches('`').trim();
        let lang = info
            .split(|c: char| c.is_whitespace() || c == ',')
            .next()
            .unwrap_or("");
        let kind = match lang {
            "sh" | "bash" | "shell" => Kind::Commands,
            "console" => Kind::Session,
            _ => Kind::Shown,
        };
        let open = i;
        let mut j = i + 1;
        while j < lines.len() && lines[j].1.trim() != "```" {
            j += 1;
        }
        if j == lines.len() {
            return Err(format!("line {}: the block is never closed", open + 1));
        }
        let start = lines[open + 1].0.min(lines[j].0);
        let end = lines[j].0;
        let body = lines[open + 1..j]
            .iter()
            .map(|(_, l)| l.strip_prefix(indent.as_str()).unwrap_or(l.trim_start()))
            .collect::<String>();
        let not_run = pending.take().map(|(_, r)| r);
        if not_run.is_some() && kind == Kind::Shown {
            return Err(format!(
                "line {}: a `not run` marker above a `{lang}` block, which is never run",
                open + 1
            ));
        }
        out.push(Block {
            line: open + 1,
            kind,
            not_run,
            body,
            span: start..end,
            indent,
        });
        i = j + 1;
    }
    Ok(out)
}

/// The steps of a session block.
pub fn steps(body: &str) -> Result<Vec<Step>, String> {
    let mut out: Vec<Step> = Vec::new();
    let mut continued = false;
    for line in body.lines() {
        if continued {
            let last = out.last_mut().expect("a command is being continued");
            last.command.push('\n');
            last.command.push_str(line);
            continued = line.ends_with('\\');
        } else if let Some(cmd) = line.strip_prefix("$ ") {
            out.push(Step {
                command: cmd.to_string(),
                output: String::new(),
            });
            continued = cmd.ends_with('\\');
        } else if let Some(last) = out.last_mut() {
            last.output.push_str(line);
            last.output.push('\n');
        } else {
            return Err(format!(
                "a console block must start with a `$ COMMAND` line, not `{line}`"
            ));
        }
    }
    Ok(out)
}

/// A session block's body with new outputs in place of the shown ones.
pub fn session_body(steps: &[Step]) -> String {
    let mut s = String::new();
    for step in steps {
        s.push_str("$ ");
        s.push_str(&step.command);
        s.push('\n');
        s.push_str(&step.output);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_classified_and_markers_apply_to_the_block_below() {
        let doc = "text\n\n<!-- not run: installs into ~/.cargo -->\n```sh\ncargo install --path .\n```\n\n```console\n$ echo a \\\n  b\na b\n```\n\n```toml\nx = 1\n```\n  ```sh\n  ls\n  ```\n";
        let b = blocks(doc).unwrap();
        assert_eq!(b.len(), 4);
        assert_eq!(b[0].kind, Kind::Commands);
        assert_eq!(b[0].not_run.as_deref(), Some("installs into ~/.cargo"));
        assert_eq!(b[0].body, "cargo install --path .\n");
        assert_eq!(&doc[b[0].span.clone()], "cargo install --path .\n");
        assert_eq!(b[1].kind, Kind::Session);
        assert_eq!(b[1].not_run, None);
        assert_eq!(b[2].kind, Kind::Shown);
        assert_eq!(b[3].body, "ls\n");
        assert_eq!(b[3].indent, "  ");
        let s = steps(&b[1].body).unwrap();
        assert_eq!(
            s,
            vec![Step {
                command: "echo a \\\n  b".into(),
                output: "a b\n".into()
            }]
        );
        assert_eq!(session_body(&s), b[1].body);
    }

    #[test]
    fn a_malformed_or_misplaced_marker_is_an_error() {
        assert!(blocks("<!-- not run -->\n```sh\nls\n```\n").is_err());
        assert!(blocks("<!-- not run: -->\n```sh\nls\n```\n").is_err());
        assert!(blocks("<!-- not run: slow -->\nprose\n```sh\nls\n```\n").is_err());
        assert!(blocks("<!-- not run: slow -->\n```text\nls\n```\n").is_err());
        assert!(blocks("```sh\nls\n").is_err());
        assert!(steps("output before any command\n").is_err());
    }
}
