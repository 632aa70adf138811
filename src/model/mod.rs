//! The model: the state of every student and one weekly step.
//!
//! This is the functional core. It does no I/O, starts no threads and reads
//! no globals: given the population, the week, the strategy's levers and the
//! replicate's random key, [`step`] moves every student one week forward.
//! Each of the nine mechanisms of the model brief is a function of its own in
//! [`mechanisms`], called in order from [`step`], a lane of students at a time
//! ([`lane`]).

mod calendar;
pub mod lane;
mod levers;
pub mod mechanisms;
mod outcomes;
mod state;
pub mod step;
mod week;

pub use calendar::Calendar;
pub use levers::{LaneLevers, Levers, LeversMut, LeversRef, StudentLevers};
pub use outcomes::{N_OUTCOMES, OUTCOMES, Outcome, OutcomeInfo};
pub use state::{LaneState, States, StatesMut, StatesRef, StudentState};
pub use step::{Block, BlockInputs, Isa, peer_support, peer_support_on, step, step_on};
pub use week::WeekInfo;
