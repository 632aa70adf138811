//! A scenario file as written, before anything is resolved: the one
//! declaration of its top-level keys, read by the loader and by the messages
//! that explain mistakes.

use serde::Deserialize;

use super::{Calendar, PopulationSpec, RunSettings, Traits};
use crate::components::ComponentParams;
use crate::params::{
    Academic, Adults, Detection, Economics, Exosystem, Learning, Macrosystem, Mechanisms, Stress,
    Support, Trust,
};

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
    pub(super) academic: Academic,
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
    pub(super) economics: Economics,
    #[serde(default)]
    pub(super) components: ComponentParams,
    #[serde(default)]
    pub(super) mechanisms: Mechanisms,
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
    "academic",
    "detection",
    "trust",
    "adults",
    "exosystem",
    "macrosystem",
    "economics",
    "components",
    "mechanisms",
    "strategies",
    "sweep",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The field names serde lists when it meets an unknown top-level key.
    fn fields_serde_knows() -> Vec<String> {
        let err = toml::from_str::<RawScenario>("name = \"x\"\nnot_a_key = 1\n")
            .expect_err("an unknown key is refused");
        let message = err.message().to_string();
        let expected = message
            .split("expected one of")
            .nth(1)
            .unwrap_or_else(|| panic!("serde lists the fields: {message}"));
        expected
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn the_top_level_keys_are_exactly_the_fields_of_the_raw_file() {
        assert_eq!(fields_serde_knows(), TOP_KEYS);
    }

    #[test]
    fn every_section_may_be_left_out_but_the_name() {
        let raw: RawScenario = toml::from_str("name = \"x\"").expect("only a name");
        assert_eq!(raw.name, "x");
        assert_eq!(raw.population, PopulationSpec::default());
        assert_eq!(raw.calendar, Calendar::default());
        assert_eq!(raw.stress, Stress::default());
        assert!(raw.strategies.is_empty());
        assert!(raw.sweep.is_none());
        let err = toml::from_str::<RawScenario>("description = \"no name\"").unwrap_err();
        assert!(err.message().contains("missing field `name`"), "{err}");
    }
}
