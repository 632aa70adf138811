//! Strategies: named bundles of collaboration components with their settings.

use serde::{Deserialize, Serialize};

use crate::components::{self, ComponentRef, ComponentSettings, ComponentSpec};

/// A strategy as resolved from the scenario file: every component with every
/// setting filled in from the component's defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StrategySpec {
    /// Strategy name as written in the file (`[strategies.NAME]`).
    pub name: String,
    /// Free text shown in reports.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Components in the order of the registry, with resolved settings. Each
    /// is a reference to its registry entry, so a strategy cannot hold a
    /// component that does not exist.
    pub components: Vec<(ComponentRef, ComponentSettings)>,
}

/// What a `[strategies.NAME]` table may contain besides component tables.
pub const STRATEGY_KEYS: &[&str] = &["description", "components"];

impl StrategySpec {
    /// Resolves a strategy from its description, the shorthand list of
    /// component names (all defaults) and the per-component tables.
    pub fn resolve(
        name: &str,
        description: String,
        listed: &[String],
        tables: &[(String, ComponentSpec)],
    ) -> StrategySpec {
        let mut components = Vec::new();
        for info in components::REGISTRY {
            let table = tables.iter().find(|(n, _)| n == info.name).map(|(_, s)| s);
            let listed = listed.iter().any(|n| n == info.name);
            if table.is_none() && !listed {
                continue;
            }
            let mut settings = info.default_settings();
            if let Some(spec) = table {
                spec.apply_to(&mut settings);
            }
            components.push((ComponentRef(info), settings));
        }
        StrategySpec {
            name: name.to_string(),
            description,
            components,
        }
    }

    /// Whether the strategy has no components (usual practice).
    pub fn is_usual_practice(&self) -> bool {
        self.components.is_empty()
    }
}
