//! CARE's learning records: xAPI 1.0.3 statements about attempts, built from the engine's
//! results, queued in the progress store's outbox with the attempt they describe, and sent to
//! any conformant learning record store (LRS). No rendering.
//!
//! - [`records`] builds the statements of an attempt, with ids derived from it;
//! - [`sync()`] drains the outbox in batches, exactly once per statement, counting a statement as
//!   stored only when the LRS acknowledges its id or holds it, backing off while the LRS is away;
//! - [`backfill`] queues the statements of results saved before learning records were set up;
//! - [`LrsConfig`] reads where to send them from the settings file and the environment.

mod answer;
pub mod backfill;
mod client;
mod config;
mod error;
pub mod records;
mod same;
mod settings_file;
mod settle;
pub mod statement;
mod sync;

pub use answer::{Answer, Lookup, PostOutcome, classify, classify_lookup};
pub use client::LrsClient;
pub use config::{
    ACTIVITY_BASE_ENV, CONFIG_ENV, CONFIG_FILE, DEFAULT_PACK, ENDPOINT_ENV, Endpoint, HOMEPAGE_ENV,
    LrsConfig, PASSWORD_ENV, Profile, RawConfig, Secret, USERNAME_ENV, default_config_path,
};
pub use error::{CONFIGURATION_PROBLEM, ConfigError, SyncError, is_configuration_line};
pub use records::{AttemptFacts, Ending};
pub use same::difference;
pub use settings_file::write_config;
pub use sync::{SyncOptions, SyncReport, backoff, sync};
