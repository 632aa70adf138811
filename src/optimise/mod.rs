//! `resim optimise`: the best portfolio of components for a budget.
//!
//! A portfolio is a set of components at their default settings. Under a
//! budget (money per student per year, teacher hours per class per term)
//! the search screens every affordable portfolio and races them by
//! successive halving: all candidates run a few replicates with common
//! random numbers (so their differences are paired and precise), the worse
//! two thirds are dropped, the rest run twice as many replicates, and so
//! on until a few finalists remain; they, and the portfolios on the
//! cost–effect frontier, then run the full number of replicates.
//!
//! With the settings search on, portfolios the budget affords only at part
//! coverage enter the race with every coverage scaled down to it, and the
//! best few portfolios' settings are then tuned ([`tune`]): frequencies by
//! enumeration, coverages by Nelder–Mead, within the budget.
//!
//! This module is the pure part: portfolios ([`Portfolio`]), what a
//! portfolio costs before it runs ([`Prices`]), the race's bookkeeping
//! ([`Race`]) and the Pareto frontier ([`frontier`]); `jobs::optimise`
//! runs the simulations.

mod chart;
mod frontier;
mod portfolio;
pub mod prices;
mod race;
pub mod rows;
pub mod settings;
pub mod tune;

pub use chart::frontier_chart;
pub use frontier::frontier;
pub use portfolio::{MAX_PORTFOLIOS, Portfolio, portfolios};
pub use prices::{Budget, Prices};
pub use race::{Candidate, Objective, Race, Tally};
pub use settings::Settings;
pub use tune::{Tuned, tune};
