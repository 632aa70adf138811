//! Statistics that aggregate while the engine runs.
//!
//! Each (replicate, strategy) simulation tallies every week per *atom* (the
//! finest cell of subgroups): its weekly histograms go straight into its
//! strategy's [`AtomTotals`], and it yields a [`Record`] of weekly sums, the
//! sums of squares of the last week and of the weeks effects are read at
//! (`run.moment_weeks`), its survey (window and panels), cost and teacher
//! hours. Records
//! are folded into a [`Summary`] in replicate order as replicates finish,
//! and the totals are spread into subgroups once at the end, so memory does
//! not grow with the number of replicates. Every statistic is an exact
//! integer sum, so the result is identical whatever the number of threads
//! and the order in which simulations finish.

mod draws;
mod effects;
mod equity;
mod histogram;
pub mod panel;
pub mod percentile;
mod record;
mod summary;
pub mod survey;
mod totals;
mod zeros;

pub use draws::Draw;
pub use effects::{EffectAcc, Moments, hedges_g, t_975};
pub use equity::GapAcc;
pub use histogram::{BINS, bin_of, quantile};
pub use panel::{PanelAcc, PanelRecord};
pub(crate) use record::WEEK_CELLS;
pub use record::{
    Cells, FirstWeek, Record, Tally, VALUE_SCALE, WeekTally, atom_counts, squared_weeks,
    subgroup_counts,
};
pub use summary::{StrategySummary, Summary};
pub use survey::{SurveyAcc, SurveyPlan, SurveyRecord, SurveyRun, SurveyWeek};
pub use totals::AtomTotals;
pub use zeros::written_zeros;
