//! Settling statements the LRS did not acknowledge by id (a 409, a 204, or a 200 naming only
//! some): each is looked up. One the LRS holds as sent is sent; one it holds with other content
//! is set aside, naming the conflict; the ones it does not hold are sent again.

use care_store::{ClaimedStatement, Outbox, Timestamp};
use serde_json::Value;

use crate::answer::Lookup;
use crate::client::LrsClient;
use crate::error::SyncError;
use crate::same::difference;
use crate::sync::{SyncReport, failure_of};

/// What looking up a part's statements left to do.
pub(crate) struct Checked {
    /// Statements the LRS does not hold.
    pub missing: Vec<ClaimedStatement>,
}

/// The reason kept with a statement the LRS holds differently.
fn conflict_reason(at: &str) -> String {
    format!(
        "conflict: the learning record store already holds a different statement with this id ({at} differs); CARE's statement is kept here and not sent again"
    )
}

/// Looks up each statement of `part` and settles the ones the LRS holds. Stops at the first
/// lookup that fails for a reason that is not about the statement.
pub(crate) fn by_lookup(
    outbox: &Outbox,
    client: &LrsClient,
    part: &[&ClaimedStatement],
    report: &mut SyncReport,
) -> Result<Checked, SyncError> {
    let mut missing = Vec::new();
    let mut same = Vec::new();
    for s in part {
        let lookup = client.lookup(s.id);
        report.requests += 1;
        match lookup {
            Lookup::Held(held) => {
                let sent: Value = serde_json::from_str(&s.body).unwrap_or(Value::Null);
                match difference(&sent, &held) {
                    None => same.push(s.id),
                    Some(at) => {
                        outbox.mark_rejected(s.id, &conflict_reason(&at), Timestamp::now())?;
                        report.rejected += 1;
                    }
                }
            }
            Lookup::NotHeld => missing.push((*s).clone()),
            Lookup::Failed(outcome) => {
                settle_same(outbox, &same, report)?;
                return Err(failure_of(outcome, client).unwrap_or_else(|| {
                    SyncError::Unavailable {
                        reason: "a lookup failed".into(),
                    }
                }));
            }
        }
    }
    settle_same(outbox, &same, report)?;
    Ok(Checked { missing })
}

fn settle_same(
    outbox: &Outbox,
    ids: &[uuid::Uuid],
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    if !ids.is_empty() {
        outbox.mark_sent(ids, Timestamp::now())?;
        report.sent += ids.len() as u64;
    }
    Ok(())
}
