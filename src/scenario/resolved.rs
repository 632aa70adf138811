//! The resolved scenario written back as a file (`resim check`).

use serde::Serialize;

use super::{Calendar, ModelParams, PopulationSpec, RunSettings, Scenario, Traits};

/// The resolved scenario in the shape of a file, for `resim check`.
#[derive(Debug, Serialize)]
pub(crate) struct ResolvedFile<'a> {
    schema_version: i64,
    name: &'a str,
    description: &'a str,
    baseline: &'a str,
    run: &'a RunSettings,
    population: &'a PopulationSpec,
    traits: &'a Traits,
    calendar: &'a Calendar,
    #[serde(flatten)]
    params: &'a ModelParams,
    strategies: toml::Table,
    #[serde(skip_serializing_if = "Option::is_none")]
    sweep: Option<toml::Table>,
}

impl<'a> From<&'a Scenario> for ResolvedFile<'a> {
    fn from(s: &'a Scenario) -> Self {
        let mut strategies = toml::Table::new();
        for st in &s.strategies {
            let mut t = toml::Table::new();
            if !st.description.is_empty() {
                t.insert("description".into(), st.description.clone().into());
            }
            if st.components.is_empty() {
                t.insert("components".into(), toml::Value::Array(vec![]));
            }
            for (c, settings) in &st.components {
                if let Ok(v) = toml::Value::try_from(settings) {
                    t.insert(c.to_string(), v);
                }
            }
            strategies.insert(st.name.clone(), toml::Value::Table(t));
        }
        ResolvedFile {
            schema_version: super::schema::SCHEMA_VERSION,
            name: &s.name,
            description: &s.description,
            baseline: &s.baseline,
            run: &s.run,
            population: &s.population,
            traits: &s.traits,
            calendar: &s.calendar,
            params: &s.params,
            strategies,
            sweep: s.sweep.as_ref().map(|w| w.to_toml()),
        }
    }
}
