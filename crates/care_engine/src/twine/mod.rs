//! Import from Twine (Twee 3 text, any story format): passages become beats, links become
//! responses, passages without links become endings. The result is a skeleton that loads
//! without errors, and a report of what was imported, skipped and worked around.
//!
//! One problem never refuses a whole story: a missing start passage, links to passages that do
//! not exist, duplicate names and broken metadata are warnings in the [`ImportReport`].

mod build;
mod chapbook;
mod links;
mod macros;
mod names;
mod report;
mod scan;
mod skeleton;
mod special;
mod story;
mod twee;
mod write;

use thiserror::Error;

use crate::model::Channel;
use crate::raw::RawScenario;

pub use names::file_id;
pub use report::{ImportReport, SkipReason, Skipped, Warning};
pub use scan::Format;
pub use skeleton::NO_ANSWER_ENDING;
pub use write::scenario_ron;

/// Why a Twee file could not be imported at all.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum TwineError {
    #[error(
        "no story passages found: a Twee file has passages that start with `:: Name`, and some must be scenes rather than StoryData, scripts or styles"
    )]
    NoPassages,
    /// The scenario id cannot name a file ([`crate::load::check_file_id`] says why).
    #[error("{0}")]
    BadId(String),
}

/// A story imported: the skeleton and what was done to make it.
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    pub scenario: RawScenario,
    pub report: ImportReport,
}

/// Converts a Twee 3 story into a scenario skeleton with id `scenario_id`.
pub fn import(twee: &str, scenario_id: &str, channel: Channel) -> Result<Import, TwineError> {
    crate::load::check_file_id(scenario_id).map_err(TwineError::BadId)?;
    let mut report = ImportReport::default();
    let passages = twee::passages(twee, &mut report.warnings);
    let story = story::read(passages, &mut report);
    let scenario = build::skeleton(story, scenario_id, channel, &mut report)?;
    Ok(Import { scenario, report })
}
