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
    #[error("the saved record of attempt {attempt} could not be unpacked: {source}")]
    Unpack {
        attempt: String,
        source: std::io::Error,
    },
    #[error(
        "the saved record of attempt {attempt} unpacks to more than {limit_mib} MiB, more than any run writes; it is damaged and is not read"
    )]
    RecordTooLarge { attempt: String, limit_mib: u64 },
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
    #[error("this trainee signs in with their PIN")]
    PinRequired,
    #[error("this trainee has no PIN yet; choose one (4 to 8 digits) first")]
    PinNotSet,
    #[error("this trainee already has a PIN; ask the manager to reset it to choose a new one")]
    PinAlreadySet,
    #[error("wrong PIN; wait {} s before trying again", wait.as_secs().max(1))]
    WrongPin { wait: Duration },
    #[error("too many wrong PINs; wait {} s before trying again", wait.as_secs().max(1))]
    PinTooSoon { wait: Duration },
    #[error("cannot hash the passphrase: {0}")]
    Hash(String),
    #[error("cannot write the report: {0}")]
    Csv(#[from] csv::Error),
    #[error("cannot write: {0}")]
    Io(#[from] std::io::Error),
    #[error(
        "the progress store at {location} cannot use SQLite's write-ahead log (it stays in {mode:?} mode), so a crash or power cut could damage it\n  hint: keep the data folder on this computer's own disk, not a network folder (--data-dir or CARE_DATA_DIR); stations that share results should use PostgreSQL (--database)"
    )]
    NoWal { location: String, mode: String },
    #[error(
        "cannot keep unsaved results in {path}: {source}\n  hint: check that the folder is writable and the disk is not full"
    )]
    Journal {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl StoreError {
    pub(crate) fn corrupt(what: &'static str) -> impl FnOnce(serde_json::Error) -> StoreError {
        move |source| StoreError::Corrupt { what, source }
    }
}
