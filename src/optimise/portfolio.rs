//! Portfolios: sets of components at their default settings.

use super::Settings;
use crate::components::{ComponentRef, REGISTRY};
use crate::scenario::StrategySpec;

/// Most portfolios one search may screen (every subset of the 15
/// components is 32,767).
pub const MAX_PORTFOLIOS: usize = 1 << 15;

/// A set of components, as a bit mask over [`REGISTRY`] (bit `i` for
/// `REGISTRY[i]`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Portfolio(pub u32);

impl Portfolio {
    /// The components, in registry order.
    pub fn components(self) -> Vec<ComponentRef> {
        REGISTRY
            .iter()
            .enumerate()
            .filter(|(i, _)| self.0 & (1 << i) != 0)
            .map(|(_, c)| ComponentRef(c))
            .collect()
    }

    /// Number of components.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether the portfolio holds no component.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The components' names joined by `+` (as `strategies.csv` writes
    /// components), e.g. `contact_book+peer_mentoring`.
    pub fn label(self) -> String {
        self.components()
            .iter()
            .map(|c| c.name)
            .collect::<Vec<_>>()
            .join("+")
    }

    /// The portfolio as a strategy named `name`, every component at its
    /// defaults.
    pub fn strategy(self, name: &str) -> StrategySpec {
        let listed: Vec<String> = self
            .components()
            .iter()
            .map(|c| c.name.to_string())
            .collect();
        StrategySpec::resolve(name, self.label().replace('+', ", "), &listed, &[])
    }

    /// The portfolio as a strategy named `name` at `settings` (`None`:
    /// the defaults).
    pub fn strategy_with(self, name: &str, settings: Option<&Settings>) -> StrategySpec {
        let mut s = self.strategy(name);
        if let Some(settings) = settings {
            settings.apply(&mut s);
        }
        s
    }
}

/// Every non-empty portfolio of the `allowed` components with at most
/// `max_size` components, smallest masks first.
pub fn portfolios(allowed: &[ComponentRef], max_size: usize) -> Vec<Portfolio> {
    let bits: Vec<u32> = allowed.iter().map(|c| 1 << c.index()).collect();
    let mut out = Vec::new();
    for subset in 1u32..(1 << bits.len()) {
        if subset.count_ones() as usize > max_size {
            continue;
        }
        let mask = bits
            .iter()
            .enumerate()
            .filter(|(i, _)| subset & (1 << i) != 0)
            .fold(0, |m, (_, b)| m | b);
        out.push(Portfolio(mask));
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::find;

    #[test]
    fn every_subset_up_to_the_size_once() {
        let allowed: Vec<ComponentRef> = ["contact_book", "peer_mentoring", "homework_help"]
            .iter()
            .map(|n| find(n).unwrap())
            .collect();
        let all = portfolios(&allowed, 3);
        assert_eq!(all.len(), 7);
        assert_eq!(portfolios(&allowed, 1).len(), 3);
        assert_eq!(portfolios(&allowed, 2).len(), 6);
        let mut labels: Vec<String> = all.iter().map(|p| p.label()).collect();
        labels.sort();
        labels.dedup();
        assert_eq!(labels.len(), 7);
        let both = all.iter().find(|p| p.len() == 3).unwrap();
        assert_eq!(both.label(), "contact_book+homework_help+peer_mentoring");
        let s = both.strategy("best");
        assert_eq!(s.components.len(), 3);
        assert_eq!(s.name, "best");
    }
}
