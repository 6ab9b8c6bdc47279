//! What can go wrong with learning records, said so the reader knows what to do next.

use std::path::PathBuf;

/// The learning-record settings are unusable.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the learning-record settings {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{}:{line}:{column}: {message}\n  hint: the file holds one RON struct, e.g. (endpoint: \"https://lrs.example.com/xAPI/\", homepage: \"https://www.example.com\")",
        path.display()
    )]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "learning records are half set up in {origin}: `{field}` is missing\n  hint: set both `endpoint` and `homepage`, e.g. with `care lrs-setup`"
    )]
    Missing { field: &'static str, origin: String },
    #[error("`{field}` in {origin} is not a web address ({value:?}): {reason}")]
    BadUrl {
        field: &'static str,
        value: String,
        origin: String,
        reason: String,
    },
    #[error("`batch_size` in {origin} is {value}; use 1 to {max}")]
    BatchSize {
        value: usize,
        max: usize,
        origin: String,
    },
    #[error("cannot write the learning-record settings {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Why a sync stopped before the outbox was empty. Nothing is lost: unsent statements stay
/// queued and are tried again later.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(
        "the learning record store refused the credentials ({reason})\n  hint: check `username` and `password` in the learning-record settings"
    )]
    Credentials { status: u16, reason: String },
    #[error(
        "the learning record store at {endpoint} has no statements resource ({status})\n  hint: `endpoint` should be the xAPI base, the address that ends before `statements`"
    )]
    WrongEndpoint { endpoint: String, status: u16 },
    #[error("the learning record store is unreachable or failing: {reason}; will try again")]
    Unavailable { reason: String },
    #[error(transparent)]
    Store(#[from] care_store::StoreError),
}
