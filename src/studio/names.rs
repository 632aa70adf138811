//! Names a request may carry — a results folder, a file in it, a scenario —
//! checked against what is there: a name is one path component of letters,
//! digits, `_`, `-` and `.` (not starting with a dot), and it must be an
//! entry of the folder's own listing that is not a symbolic link. No
//! client-supplied path reaches the filesystem otherwise.

use std::path::{Path, PathBuf};

/// Whether `name` is a plain name: one path component, no dot first.
pub fn plain(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 200
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// The entry `name` of `dir`, if `name` is plain and `dir` lists it as a
/// real file or folder (never a symbolic link).
pub fn entry(dir: &Path, name: &str) -> Option<PathBuf> {
    if !plain(name) {
        return None;
    }
    std::fs::read_dir(dir).ok()?.flatten().find_map(|e| {
        let real = e.file_type().ok().is_some_and(|t| !t.is_symlink());
        (real && e.file_name().to_str() == Some(name)).then(|| e.path())
    })
}

/// The plain names of the entries of `dir` that are real folders (or real
/// files when `files`), sorted.
pub fn list(dir: &Path, files: bool) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| {
            e.file_type()
                .is_ok_and(|t| !t.is_symlink() && if files { t.is_file() } else { t.is_dir() })
        })
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|n| plain(n))
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_and_hidden_names_are_not_plain() {
        for bad in ["..", "../x", "a/b", ".studio", "", "a\\b", "x\0", "%2e%2e"] {
            assert!(!plain(bad), "{bad:?}");
        }
        assert!(plain("whatif-my_class-add-contact_book-2"));
        assert!(plain("report.html"));
    }
}
