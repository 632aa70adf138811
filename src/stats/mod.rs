//! Statistics that aggregate while the engine runs.
//!
//! Each (replicate, strategy) simulation yields a [`Record`] of weekly sums
//! and histograms per subgroup and outcome. Records are folded into a
//! [`Summary`] in replicate order as they finish, so memory does not grow
//! with the number of replicates and the result is identical whatever the
//! number of threads.

mod effects;
mod histogram;
mod record;
mod summary;
pub mod survey;
mod totals;

pub use effects::{EffectAcc, Moments, hedges_g};
pub use histogram::{BINS, bin_of, quantile};
pub(crate) use record::WEEK_CELLS;
pub use record::{
    Cells, FirstWeek, Record, Tally, VALUE_SCALE, WeekTally, atom_counts, subgroup_counts,
};
pub use summary::{StrategySummary, Summary};
pub use survey::{SurveyAcc, SurveyRecord};
pub use totals::AtomTotals;
