//! What can go wrong with the store, said so that the person reading it knows what to do.

use std::path::PathBuf;
use std::time::Duration;

/// A store call that failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "cannot create the data folder {path}: {source}\n  hint: choose another folder with --data-dir or CARE_DATA_DIR"
    )]
    DataDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot open the progress store at {location}: {source}\n  hint: {hint}")]
    Open {
        location: String,
        hint: &'static str,
        source: sqlx::Error,
    },
    #[error(
        "the progress store at {location} has schema version {found}, newer than this program knows ({known})\n  hint: update CARE on this computer; the store was written by a newer version"
    )]
    TooNew {
        location: String,
        found: i64,
        known: i64,
    },
    #[error("cannot update the progress store's schema: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("the progress store failed: {0}")]
    Database(#[from] sqlx::Error),
    #[error("a saved record could not be read ({what}): {source}")]
    Corrupt {
        what: &'static str,
        source: serde_json::Error,
    },
    #[error("a saved attempt could not be unpacked: {0}")]
    Unpack(std::io::Error),
    #[error("no employee with id {0}")]
    NoSuchEmployee(String),
    #[error("no attempt with id {0}")]
    NoSuchAttempt(String),
    #[error("{0}")]
    Invalid(String),
    #[error("no manager passphrase is set yet; set one first")]
    PassphraseNotSet,
    #[error("a manager passphrase is already set")]
    PassphraseAlreadySet,
    #[error("wrong passphrase; wait {} s before trying again", wait.as_secs().max(1))]
    WrongPassphrase { wait: Duration },
    #[error("too many wrong passphrases; wait {} s before trying again", wait.as_secs().max(1))]
    TooSoon { wait: Duration },
    #[error("cannot hash the passphrase: {0}")]
    Hash(String),
    #[error("cannot write the report: {0}")]
    Csv(#[from] csv::Error),
    #[error("cannot write: {0}")]
    Io(#[from] std::io::Error),
}

impl StoreError {
    pub(crate) fn corrupt(what: &'static str) -> impl FnOnce(serde_json::Error) -> StoreError {
        move |source| StoreError::Corrupt { what, source }
    }
}
