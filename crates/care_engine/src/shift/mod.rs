//! Rush hour: a shift is a timeline of customers, each playing a scenario, several live at once
//! on one clock. Triage (who is answered first) is scored beside each customer's own scores.
//!
//! - [`raw`] mirrors `*.shift.ron`; [`load`] checks it against the loaded scenarios with
//!   file:line:column diagnostics;
//! - [`ShiftRun`] plays it: arrivals, waiting, customers acting alone, answers; it records the
//!   [`ShiftInput`]s that drove it, and [`ShiftRun::resume`] rebuilds it from them after a crash;
//! - [`triage`] scores the order of work; [`script`] plays a shift from written answers.

pub mod load;
pub mod model;
pub mod raw;
pub mod run;
pub mod script;
pub mod triage;

pub use load::{LoadedShift, SHIFT_SUFFIX, ShiftReport, load_shift_bytes, load_shift_paths};
pub use model::{CustomerId, Priority, Shift};
pub use run::{CustomerState, ShiftError, ShiftEvent, ShiftInput, ShiftMoment, ShiftRun, Waiting};
pub use triage::{CustomerResult, ShiftResult, Triage, TriageReason, result};
