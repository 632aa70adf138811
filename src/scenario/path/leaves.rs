//! The leaves of a scenario's resolved form: every value by its dotted path,
//! with what it holds.

use toml::{Table, Value};

/// What the value at a path holds, read off the resolved form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A real number (stored at single precision).
    Real,
    /// A whole number: values set here are rounded.
    Whole,
    /// `true` or `false`.
    Flag,
    /// A string: a choice among names (e.g. `target`) or free text (e.g. `description`).
    Text,
    /// A list (e.g. `population.grades`): not reachable by a path.
    List,
}

impl Kind {
    /// Whether the value is a number.
    pub fn is_number(self) -> bool {
        matches!(self, Kind::Real | Kind::Whole)
    }

    /// The kind of a TOML value, `None` for a table.
    fn of(v: &Value) -> Option<Kind> {
        match v {
            Value::Integer(_) => Some(Kind::Whole),
            Value::Float(_) => Some(Kind::Real),
            Value::Boolean(_) => Some(Kind::Flag),
            Value::String(_) => Some(Kind::Text),
            Value::Array(_) | Value::Datetime(_) => Some(Kind::List),
            Value::Table(_) => None,
        }
    }
}

/// One value of the resolved form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leaf {
    /// Dotted path, e.g. `strategies.full_programme.contact_book.coverage`.
    pub path: String,
    /// What it holds.
    pub kind: Kind,
}

/// Every leaf of `table`, depth first in document order; `schema_version`
/// is the file's format, not a value of the scenario, and has no path.
pub(super) fn leaves(table: &Table) -> Vec<Leaf> {
    fn walk(t: &Table, prefix: &str, out: &mut Vec<Leaf>) {
        for (k, v) in t {
            if prefix.is_empty() && k == "schema_version" {
                continue;
            }
            let path = if prefix.is_empty() {
                k.clone()
            } else {
                format!("{prefix}.{k}")
            };
            match Kind::of(v) {
                Some(kind) => out.push(Leaf { path, kind }),
                None => {
                    if let Value::Table(inner) = v {
                        walk(inner, &path, out);
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(table, "", &mut out);
    out
}

/// The value at `path`, if the path reaches one.
pub(super) fn get<'a>(table: &'a Table, path: &str) -> Option<&'a Value> {
    let (parents, last) = match path.rsplit_once('.') {
        Some((p, l)) => (Some(p), l),
        None => (None, path),
    };
    let mut t = table;
    for seg in parents.into_iter().flat_map(|p| p.split('.')) {
        t = t.get(seg)?.as_table()?;
    }
    t.get(last)
}

/// Replaces the value at `path`; `false` if the path reaches no value.
pub(super) fn put(table: &mut Table, path: &str, value: Value) -> bool {
    let (parents, last) = match path.rsplit_once('.') {
        Some((p, l)) => (Some(p), l),
        None => (None, path),
    };
    let mut t = table;
    for seg in parents.into_iter().flat_map(|p| p.split('.')) {
        match t.get_mut(seg).and_then(Value::as_table_mut) {
            Some(inner) => t = inner,
            None => return false,
        }
    }
    match t.get_mut(last) {
        Some(slot) => {
            *slot = value;
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        toml::from_str(
            "schema_version = 1\nname = \"x\"\n[run]\nseed = 7\n[population]\nrural_share = 0.5\ngrades = [7, 8]\n\
             [strategies.a.contact_book]\ncoverage = 1.0\ntarget = \"all\"\ntwo_way = true\n",
        )
        .unwrap()
    }

    #[test]
    fn leaves_are_listed_in_document_order_with_their_kind() {
        let got: Vec<(String, Kind)> = leaves(&table())
            .into_iter()
            .map(|l| (l.path, l.kind))
            .collect();
        let want = [
            ("name", Kind::Text),
            ("run.seed", Kind::Whole),
            ("population.rural_share", Kind::Real),
            ("population.grades", Kind::List),
            ("strategies.a.contact_book.coverage", Kind::Real),
            ("strategies.a.contact_book.target", Kind::Text),
            ("strategies.a.contact_book.two_way", Kind::Flag),
        ];
        assert_eq!(
            got,
            want.map(|(p, k)| (p.to_string(), k)).to_vec(),
            "{got:?}"
        );
    }

    #[test]
    fn a_value_is_read_and_replaced_by_its_path_and_only_there() {
        let mut t = table();
        assert_eq!(get(&t, "run.seed"), Some(&Value::Integer(7)));
        assert!(put(&mut t, "run.seed", Value::Integer(9)));
        assert_eq!(get(&t, "run.seed"), Some(&Value::Integer(9)));
        assert!(put(
            &mut t,
            "strategies.a.contact_book.coverage",
            Value::Float(0.5)
        ));
        assert_eq!(
            t["strategies"]["a"]["contact_book"]["coverage"].as_float(),
            Some(0.5)
        );
        for missing in [
            "run.sead",
            "strategies.b.contact_book.coverage",
            "name.x",
            "run.seed.x",
        ] {
            let before = t.clone();
            assert!(!put(&mut t, missing, Value::Integer(1)), "{missing}");
            assert_eq!(t, before, "{missing}");
            assert_eq!(get(&t, missing), None, "{missing}");
        }
    }
}
