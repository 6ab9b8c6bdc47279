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
    #[error(
        "the learning-record address {endpoint} redirects ({status}) to {}, so nothing was stored; a network sign-in page (hotel, guest or company Wi-Fi) or a wrong address is the usual cause\n  hint: sign in to the network (open any web page in a browser), or correct `endpoint` in the learning-record settings (`care lrs-setup`); statements stay queued",
        location.as_deref().unwrap_or("an address it does not give")
    )]
    Redirected {
        endpoint: String,
        status: u16,
        location: Option<String>,
    },
    #[error(
        "the learning-record address {endpoint} did not acknowledge the statements as a learning record store does ({detail}), so none counts as stored; a network sign-in page or a wrong address is the usual cause\n  hint: sign in to the network, or check that `endpoint` in the learning-record settings is the LRS's xAPI base; statements stay queued"
    )]
    NotAcknowledged { endpoint: String, detail: String },
    #[error("the learning record store is unreachable or failing: {reason}; will try again")]
    Unavailable { reason: String },
    #[error(transparent)]
    Store(#[from] care_store::StoreError),
}

/// How a status line of a configuration problem begins (see [`SyncError::status_line`]).
pub const CONFIGURATION_PROBLEM: &str = "configuration problem: ";

/// Whether a kept status line (from [`SyncError::status_line`]) is a configuration problem,
/// which waiting alone will not fix.
pub fn is_configuration_line(line: &str) -> bool {
    line.starts_with(CONFIGURATION_PROBLEM)
}

impl SyncError {
    /// Whether the settings (or the network's sign-in page) are at fault rather than the LRS
    /// being away: waiting alone will not help.
    pub fn is_configuration(&self) -> bool {
        matches!(
            self,
            SyncError::Credentials { .. }
                | SyncError::WrongEndpoint { .. }
                | SyncError::Redirected { .. }
                | SyncError::NotAcknowledged { .. }
        )
    }

    /// The message on one line, as kept with the waiting statements for `care sync --status`
    /// and the manager area: a configuration problem says so first, and keeps its fix.
    pub fn status_line(&self) -> String {
        let message = self.to_string();
        let mut lines = message.lines().map(str::trim);
        let first = lines.next().unwrap_or_default().to_string();
        if !self.is_configuration() {
            return first;
        }
        let fix: Vec<&str> = lines
            .map(|l| l.strip_prefix("hint: ").unwrap_or(l))
            .collect();
        let mut out = format!("{CONFIGURATION_PROBLEM}{first}");
        if !fix.is_empty() {
            out.push_str("; ");
            out.push_str(&fix.join("; "));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_redirect_is_kept_as_a_configuration_problem_with_its_fix() {
        let line = SyncError::Redirected {
            endpoint: "https://lrs.example.com/xapi/".into(),
            status: 302,
            location: Some("https://portal.example.net/login".into()),
        }
        .status_line();
        assert!(is_configuration_line(&line), "{line}");
        assert!(line.contains("portal.example.net"), "{line}");
        assert!(line.contains("care lrs-setup"), "the fix is kept: {line}");
    }

    #[test]
    fn an_unreachable_store_is_not_a_configuration_problem() {
        let line = SyncError::Unavailable {
            reason: "connection refused".into(),
        }
        .status_line();
        assert!(!is_configuration_line(&line), "{line}");
    }
}
