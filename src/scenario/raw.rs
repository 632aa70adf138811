//! A scenario file as written, before anything is resolved: the one
//! declaration of its top-level keys, read by the loader and by the messages
//! that explain mistakes.

use serde::Deserialize;

use super::{Calendar, PopulationSpec, RunSettings, Traits};
use crate::params::{Adults, Detection, Exosystem, Learning, Macrosystem, Stress, Support, Trust};

/// The file as written: every section optional but `name`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawScenario {
    pub(super) name: String,
    #[serde(default)]
    pub(super) description: String,
    #[serde(default)]
    pub(super) baseline: Option<String>,
    #[serde(default)]
    pub(super) run: RunSettings,
    #[serde(default)]
    pub(super) population: PopulationSpec,
    #[serde(default)]
    pub(super) traits: Traits,
    #[serde(default)]
    pub(super) calendar: Calendar,
    #[serde(default)]
    pub(super) stress: Stress,
    #[serde(default)]
    pub(super) support: Support,
    #[serde(default)]
    pub(super) learning: Learning,
    #[serde(default)]
    pub(super) detection: Detection,
    #[serde(default)]
    pub(super) trust: Trust,
    #[serde(default)]
    pub(super) adults: Adults,
    #[serde(default)]
    pub(super) exosystem: Exosystem,
    #[serde(default)]
    pub(super) macrosystem: Macrosystem,
    #[serde(default)]
    pub(super) strategies: toml::Table,
    #[serde(default)]
    pub(super) sweep: Option<toml::Table>,
}

/// Top-level keys of a scenario file: the fields of [`RawScenario`].
pub(super) const TOP_KEYS: &[&str] = &[
    "name",
    "description",
    "baseline",
    "run",
    "population",
    "traits",
    "calendar",
    "stress",
    "support",
    "learning",
    "detection",
    "trust",
    "adults",
    "exosystem",
    "macrosystem",
    "strategies",
    "sweep",
];
