//! The settings a portfolio search tunes: each component's coverage (a
//! number, searched by Nelder–Mead within the registry's range) and its
//! frequency (a choice among the named frequencies, searched by
//! enumeration).
//!
//! The other settings are not a planner's purchase: intensity and fidelity
//! describe how well a programme is delivered and cost nothing in the model
//! (a search would set them to their maximum for free); cost per student and
//! teacher hours per student are prices; target, start and end week define a
//! different programme.

use serde::{Deserialize, Serialize};

use super::{Portfolio, Prices};
use crate::components::{ComponentRef, ComponentSettings, Frequency, find};
use crate::scenario::StrategySpec;

/// Names of the settings the search tunes, as in a scenario's component tables.
pub const TUNED: &[&str] = &["coverage", "frequency"];

/// The registry's range of setting `name` (coverage: 0 to 1).
pub fn range(name: &str) -> (f64, f64) {
    ComponentSettings::SETTINGS
        .iter()
        .find(|d| d.name == name)
        .and_then(|d| d.range)
        .map_or((0.0, 1.0), |(lo, hi)| (lo as f64, hi as f64))
}

/// The frequencies the search enumerates: the named ones within the
/// registry's range, most frequent first.
pub fn frequencies() -> Vec<f32> {
    let (lo, hi) = range("frequency");
    Frequency::NAMED
        .iter()
        .map(|(_, f)| *f)
        .filter(|&f| (lo..=hi).contains(&(f as f64)))
        .collect()
}

/// A coverage rounded to the search's grid (a thousandth), so that what
/// is reported and written is exactly what ran.
pub fn grid(coverage: f64) -> f32 {
    let (lo, hi) = range("coverage");
    ((coverage.clamp(lo, hi) * 1000.0).round() / 1000.0) as f32
}

/// One component's tuned settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    /// The component's name.
    pub component: String,
    /// Share of its target group offered it.
    pub coverage: f32,
    /// Contacts per week.
    pub frequency: f32,
}

/// The tuned settings of every component of a portfolio, in registry order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings(pub Vec<Choice>);

impl Settings {
    /// The registry's defaults of the components of `p`.
    pub fn defaults(p: Portfolio) -> Settings {
        Settings(
            p.components()
                .iter()
                .map(|c| {
                    let d = c.default_settings();
                    Choice {
                        component: c.name.to_string(),
                        coverage: d.coverage,
                        frequency: d.frequency.0,
                    }
                })
                .collect(),
        )
    }

    /// Every coverage multiplied by `share` (on the grid).
    pub fn scaled(&self, share: f64) -> Settings {
        let mut s = self.clone();
        for c in &mut s.0 {
            c.coverage = grid(c.coverage as f64 * share);
        }
        s
    }

    /// Whether every setting is the registry's default.
    pub fn is_default(&self) -> bool {
        self.0.iter().all(|c| {
            let d = component(&c.component).default_settings();
            c.coverage == d.coverage && c.frequency == d.frequency.0
        })
    }

    /// The settings as `component.key=value` joined by `;`, e.g.
    /// `contact_book.coverage=0.75;contact_book.frequency=weekly` (the
    /// paths a scenario and `--set` use).
    pub fn label(&self) -> String {
        self.0
            .iter()
            .map(|c| {
                let f = Frequency::NAMED
                    .iter()
                    .find(|(_, v)| *v == c.frequency)
                    .map_or_else(|| c.frequency.to_string(), |(n, _)| n.to_string());
                format!(
                    "{0}.coverage={1};{0}.frequency={f}",
                    c.component, c.coverage
                )
            })
            .collect::<Vec<_>>()
            .join(";")
    }

    /// Sets these values in the strategy's components.
    pub fn apply(&self, s: &mut StrategySpec) {
        for (c, settings) in &mut s.components {
            if let Some(choice) = self.0.iter().find(|x| x.component == c.name) {
                settings.coverage = choice.coverage;
                settings.frequency = Frequency(choice.frequency);
            }
        }
    }

    /// The estimated money and teacher hours, from each component's price
    /// at its defaults: both scale with coverage and with frequency over
    /// the designed frequency.
    pub fn estimate(&self, prices: &Prices) -> (f64, f64) {
        let mut cost = 0.0;
        let mut hours = 0.0;
        for c in &self.0 {
            let info = component(&c.component);
            let d = info.default_settings();
            let share = (c.coverage as f64 / (d.coverage as f64).max(1e-9))
                * (c.frequency as f64 / (d.reference_frequency as f64).max(1e-9));
            let i = info.index();
            cost += prices.cost.get(i).copied().unwrap_or(0.0) * share;
            hours += prices.hours.get(i).copied().unwrap_or(0.0) * share;
        }
        (cost, hours)
    }
}

/// The registry entry of a component the settings name.
fn component(name: &str) -> ComponentRef {
    find(name).expect("tuned settings name registry components")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_search_space_comes_from_the_registry() {
        assert_eq!(range("coverage"), (0.0, 1.0));
        assert_eq!(frequencies(), [5.0, 2.0, 1.0, 0.5, 0.25, 0.05]);
        assert_eq!(grid(0.12345), 0.123);
        assert_eq!(grid(1.7), 1.0);
        let cb = find("contact_book").unwrap();
        let p = Portfolio(1 << cb.index());
        let d = Settings::defaults(p);
        assert!(d.is_default());
        assert_eq!(
            d.label(),
            "contact_book.coverage=1;contact_book.frequency=weekly"
        );
        let mut prices = Prices {
            cost: vec![0.0; crate::components::REGISTRY.len()],
            hours: vec![0.0; crate::components::REGISTRY.len()],
        };
        prices.cost[cb.index()] = 8.0;
        let mut half = d.scaled(0.5);
        assert!(!half.is_default());
        assert_eq!(half.estimate(&prices).0, 4.0);
        half.0[0].frequency = 2.0;
        assert_eq!(half.estimate(&prices).0, 8.0);
        let mut s = p.strategy("x");
        half.apply(&mut s);
        assert_eq!(
            (s.components[0].1.coverage, s.components[0].1.frequency.0),
            (0.5, 2.0)
        );
    }
}
