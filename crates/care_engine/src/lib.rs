//! CARE's rules: the scenario format, loading with diagnostics, runs that return events, and
//! scoring that explains itself. Nothing here draws or depends on Bevy.

pub mod analyze;
pub mod cast;
pub mod choice_text;
pub mod clock;
pub mod curriculum;
pub mod diagnostic;
pub mod difficulty;
pub mod edit;
pub mod gaming;
pub mod graph;
pub mod graph_export;
pub mod graph_layout;
pub mod ids;
pub mod judge;
pub mod labelled;
pub mod last_good;
pub mod lint;
pub mod load;
mod load_files;
pub mod model;
pub mod names;
pub mod order;
pub mod path;
pub mod persona;
pub mod pronouns;
pub mod raw;
pub mod report;
pub mod resolve;
mod resolve_ids;
mod resolve_rubric;
mod resolve_scoring;
mod resolve_steps;
mod resolve_tables;
mod ron_error;
pub mod rubric;
pub mod run;
pub mod scoring;
pub mod script;
pub mod shift;
pub mod source_map;
pub mod suggest;
#[cfg(feature = "testing")]
pub mod synth;
pub mod template;
pub mod texts;
pub mod transcript;
pub mod twine;

pub use diagnostic::{Code, Diagnostic, Severity};
pub use ids::{BeatId, EndingId, NodeId};
pub use load::{LoadOptions, LoadReport, load_bytes, load_paths};
pub use model::{Channel, Dimension, Outcome, Scenario};
pub use names::{CurriculumId, ScenarioId, ShiftId};
pub use run::{Event, Input, RunError, ScenarioRun};
pub use scoring::ScoreCard;
