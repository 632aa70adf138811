//! Statistics that aggregate while the engine runs.
//!
//! Each (replicate, strategy) simulation yields a [`Record`] of weekly sums
//! and histograms per subgroup and outcome. Records are folded into a
//! [`Summary`] in replicate order as they finish, so memory does not grow
//! with the number of replicates and the result is identical whatever the
//! number of threads.

mod effects;
mod histogram;
pub mod panel;
mod record;
mod summary;
pub mod survey;

pub use effects::{EffectAcc, Moments, hedges_g, t_975};
pub use histogram::{BINS, bin_of, quantile};
pub use panel::{PanelAcc, PanelRecord};
pub use record::{Record, VALUE_SCALE};
pub use summary::{StrategySummary, Summary};
pub use survey::{SurveyAcc, SurveyPlan, SurveyRecord, SurveyRun, SurveyWeek};
