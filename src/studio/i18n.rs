//! The studio's words: the shared message catalogues ([`crate::i18n`]),
//! with the studio's own catalogue (`i18n/<lang>/studio.ftl`) as
//! [`SOURCES`]. Every label, heading and sentence of a page is a message
//! a template looks up by id (`t("id", name=value)`).

pub use crate::i18n::{Arg, Lang, has, ids, tr};

/// The studio's catalogue text of each language.
pub const SOURCES: [(Lang, &str); 2] = crate::i18n::STUDIO;
