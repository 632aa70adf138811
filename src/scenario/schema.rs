//! The schema version of scenario files: `schema_version = 1` at the top of
//! a file names the format it is written in.
//!
//! Schema 1 is the format of every scenario resim has read so far (0.1.0 and
//! 0.2.0 read the same keys); a file without `schema_version` is schema 1.
//! The schema is raised when a file written for the previous one would be
//! read differently or refused; a file of an older schema is then migrated
//! on load where the change is mechanical (a renamed key), and otherwise
//! refused with both versions named. A file of a newer schema is refused
//! with both versions named, before any of its keys is judged (a newer
//! schema may have keys this version does not know).

use serde::Deserialize;

use crate::problem::{Message, Problem};

/// The schema this version of resim reads and writes.
pub const SCHEMA_VERSION: i64 = 1;

/// The oldest schema this version of resim reads.
pub const OLDEST_SCHEMA: i64 = 1;

/// Only the key the schema check reads; every other key is left to the loader.
#[derive(Deserialize)]
struct Header {
    schema_version: Option<toml::Value>,
}

/// Checks the `schema_version` of scenario text (already known to be valid
/// TOML): `Ok` for a file this version reads, else the problem at the key.
pub fn check(text: &str) -> Result<(), Problem> {
    let Ok(Header { schema_version }) = toml::from_str::<Header>(text) else {
        return Ok(());
    };
    let valid = Message::new("valid-schema").arg("schema", SCHEMA_VERSION);
    let program = env!("CARGO_PKG_VERSION");
    match schema_version {
        None => Ok(()),
        Some(toml::Value::Integer(v)) if (OLDEST_SCHEMA..=SCHEMA_VERSION).contains(&v) => Ok(()),
        Some(toml::Value::Integer(v)) if v > SCHEMA_VERSION => Err(Problem::new(
            "schema_version",
            Message::new("problem-schema-newer")
                .arg("given", v)
                .arg("schema", SCHEMA_VERSION)
                .arg("program", program),
            valid,
        )),
        Some(toml::Value::Integer(v)) => Err(Problem::new(
            "schema_version",
            Message::new("problem-schema-unknown")
                .arg("given", v)
                .arg("oldest", OLDEST_SCHEMA)
                .arg("schema", SCHEMA_VERSION)
                .arg("program", program),
            valid,
        )),
        Some(other) => Err(Problem::new(
            "schema_version",
            Message::new("problem-wrong-type").arg("got", other.type_str()),
            valid,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_or_current_schema_is_read_and_others_are_named() {
        assert!(check("name = \"x\"\n").is_ok());
        assert!(check("schema_version = 1\nname = \"x\"\n").is_ok());
        let newer = check("schema_version = 2\nname = \"x\"\n[new_section]\na = 1\n").unwrap_err();
        assert_eq!(newer.key, "schema_version");
        assert!(newer.message.contains("schema 2"), "{}", newer.message);
        assert!(newer.message.contains("schema 1"), "{}", newer.message);
        assert!(newer.message.contains(env!("CARGO_PKG_VERSION")));
        let older = check("schema_version = 0\nname = \"x\"\n").unwrap_err();
        assert!(
            older.message.contains("schema 0 does not exist"),
            "{}",
            older.message
        );
        let text = check("schema_version = \"1\"\nname = \"x\"\n").unwrap_err();
        assert!(text.message.contains("wrong type"), "{}", text.message);
    }
}
