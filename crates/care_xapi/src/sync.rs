//! Draining the outbox: claim a batch, post it, settle it. A batch is sent when the LRS names
//! exactly its ids; statements it does not name are looked up (see `settle`). A refused batch is
//! split until the refused statements are found and set aside with the LRS's reason; the rest
//! still go. When the LRS is down, refuses the credentials, or the address is not an LRS (a
//! redirect, a web page), everything unsent waits, backing off exponentially.

use std::time::Duration;

use care_store::{ClaimedStatement, Outbox, Timestamp};
use serde_json::value::RawValue;
use uuid::Uuid;

use crate::answer::PostOutcome;
use crate::client::{LrsClient, id_of};
use crate::error::SyncError;
use crate::settle;

/// How one sync behaves.
#[derive(Debug, Clone, Copy)]
pub struct SyncOptions {
    /// Statements per request.
    pub batch_size: usize,
    /// How long a claim hides statements from other stations.
    pub lease: Duration,
}

impl Default for SyncOptions {
    fn default() -> Self {
        SyncOptions {
            batch_size: 100,
            lease: Duration::from_secs(120),
        }
    }
}

/// What a sync did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncReport {
    pub sent: u64,
    pub rejected: u64,
    /// Requests made.
    pub requests: u64,
}

/// The wait before trying again after `tries` failures: 5 s doubling, at most 30 minutes, with
/// up to a fifth more spread so stations do not return all at once.
pub fn backoff(tries: u32, spread_seed: u64) -> Duration {
    let base = 5_000u64
        .saturating_mul(1u64 << tries.min(20))
        .min(30 * 60_000);
    let spread = (spread_seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 33) % (base / 5 + 1);
    Duration::from_millis(base + spread)
}

fn ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// Sends every due statement. `progress` hears the running totals after each request.
pub fn sync(
    outbox: &Outbox,
    client: &LrsClient,
    options: SyncOptions,
    progress: &mut dyn FnMut(SyncReport),
) -> Result<SyncReport, SyncError> {
    let mut report = SyncReport::default();
    loop {
        let now = Timestamp::now();
        let batch = outbox.claim(
            options.batch_size.max(1),
            now,
            now.plus_ms(ms(options.lease)),
        )?;
        if batch.is_empty() {
            return Ok(report);
        }
        send_claimed(outbox, client, batch, options.lease, &mut report, progress)?;
    }
}

/// The error for an outcome that is not about the statements (and so holds back all of them),
/// or `None` for one that is.
pub(crate) fn failure_of(outcome: PostOutcome, client: &LrsClient) -> Option<SyncError> {
    let endpoint = client.endpoint().to_string();
    match outcome {
        PostOutcome::Credentials { status, reason } => {
            Some(SyncError::Credentials { status, reason })
        }
        PostOutcome::WrongEndpoint { status } => {
            Some(SyncError::WrongEndpoint { endpoint, status })
        }
        PostOutcome::Redirected { status, location } => Some(SyncError::Redirected {
            endpoint,
            status,
            location,
        }),
        PostOutcome::NotAcknowledged { detail } => {
            Some(SyncError::NotAcknowledged { endpoint, detail })
        }
        PostOutcome::Unavailable { reason } => Some(SyncError::Unavailable { reason }),
        PostOutcome::Accepted
        | PostOutcome::Partly { .. }
        | PostOutcome::Conflict { .. }
        | PostOutcome::Rejected { .. } => None,
    }
}

/// Why a statement cannot be sent at all, if it cannot: its JSON must parse and carry its id,
/// or no acknowledgement could ever name it.
fn unsendable(s: &ClaimedStatement) -> Option<String> {
    match RawValue::from_string(s.body.clone()) {
        Err(e) => Some(format!("not valid JSON: {e}")),
        Ok(raw) => match id_of(&raw) {
            Some(id) if id == s.id => None,
            Some(other) => Some(format!("its JSON has the id {other}, not {}", s.id)),
            None => Some("its JSON has no id".into()),
        },
    }
}

/// Halves a part, the halves in order (the first is taken next).
fn halve(work: &mut Vec<Vec<ClaimedStatement>>, part: &[&ClaimedStatement]) {
    let owned: Vec<ClaimedStatement> = part.iter().map(|s| (*s).clone()).collect();
    let (first, second) = owned.split_at(owned.len() / 2);
    work.push(second.to_vec());
    work.push(first.to_vec());
}

/// Posts claimed statements, splitting refused batches and checking the ones the LRS did not
/// name; on a failure that is not about the statements, postpones all that is left and returns
/// the error.
fn send_claimed(
    outbox: &Outbox,
    client: &LrsClient,
    batch: Vec<ClaimedStatement>,
    lease: Duration,
    report: &mut SyncReport,
    progress: &mut dyn FnMut(SyncReport),
) -> Result<(), SyncError> {
    let mut work = vec![batch];
    while let Some(part) = work.pop() {
        // Hold the part for the length of a request; anything another sender took meanwhile
        // (a lease that ran out while a refused batch was being halved) is left to it.
        let lease_until = Timestamp::now().plus_ms(ms(lease));
        let mine: Vec<&ClaimedStatement> = part.iter().collect();
        let held = outbox.renew(&mine, lease_until)?;
        let mut sending: Vec<&ClaimedStatement> = Vec::new();
        for s in part.iter().filter(|c| held.contains(&c.id)) {
            match unsendable(s) {
                Some(reason) => {
                    outbox.mark_rejected(s.id, &reason, Timestamp::now())?;
                    report.rejected += 1;
                }
                None => sending.push(s),
            }
        }
        if sending.is_empty() {
            continue;
        }
        let raws: Vec<Box<RawValue>> = sending
            .iter()
            .filter_map(|s| RawValue::from_string(s.body.clone()).ok())
            .collect();
        let refs: Vec<&RawValue> = raws.iter().map(AsRef::as_ref).collect();
        let outcome = client.post(&refs);
        report.requests += 1;
        let ids: Vec<Uuid> = sending.iter().map(|s| s.id).collect();
        let settled = match outcome {
            PostOutcome::Accepted => {
                outbox.mark_sent(&ids, Timestamp::now())?;
                report.sent += ids.len() as u64;
                Ok(())
            }
            PostOutcome::Partly { stored } => {
                let named: Vec<Uuid> = stored.into_iter().filter(|id| ids.contains(id)).collect();
                if !named.is_empty() {
                    outbox.mark_sent(&named, Timestamp::now())?;
                    report.sent += named.len() as u64;
                }
                let rest: Vec<&ClaimedStatement> = sending
                    .iter()
                    .copied()
                    .filter(|s| !named.contains(&s.id))
                    .collect();
                settle::by_lookup(outbox, client, &rest, report).and_then(|checked| {
                    if checked.missing.len() < sending.len() {
                        if !checked.missing.is_empty() {
                            work.push(checked.missing);
                        }
                        Ok(())
                    } else {
                        Err(SyncError::NotAcknowledged {
                            endpoint: client.endpoint().to_string(),
                            detail:
                                "it answered without naming the statements, yet holds none of them"
                                    .into(),
                        })
                    }
                })
            }
            PostOutcome::Conflict { reason } => {
                settle::by_lookup(outbox, client, &sending, report).and_then(|checked| {
                    let n = checked.missing.len();
                    if n > 0 && n < sending.len() {
                        // Send again what the LRS does not hold.
                        work.push(checked.missing);
                    } else if n == 1 {
                        // It holds no statement with this id, yet refuses it.
                        outbox.mark_rejected(ids[0], &reason, Timestamp::now())?;
                        report.rejected += 1;
                    } else if n > 1 {
                        // It holds none of them: find the refused ones by halving.
                        halve(&mut work, &sending);
                    }
                    Ok(())
                })
            }
            PostOutcome::Rejected { reason, .. } if sending.len() == 1 => {
                outbox.mark_rejected(ids[0], &reason, Timestamp::now())?;
                report.rejected += 1;
                Ok(())
            }
            PostOutcome::Rejected { .. } => {
                // Find the refused statements by halving; the halves go in order.
                halve(&mut work, &sending);
                Ok(())
            }
            failure => Err(
                failure_of(failure, client).unwrap_or_else(|| SyncError::Unavailable {
                    reason: "an answer CARE does not know".into(),
                }),
            ),
        };
        if let Err(error) = settled {
            if matches!(error, SyncError::Store(_)) {
                return Err(error);
            }
            // Statements settled meanwhile stay settled: postponing leaves them alone.
            let mut left: Vec<&ClaimedStatement> = sending;
            left.extend(work.iter().flatten());
            postpone(outbox, &left, &error)?;
            progress(*report);
            return Err(error);
        }
        progress(*report);
    }
    Ok(())
}

fn postpone(
    outbox: &Outbox,
    left: &[&ClaimedStatement],
    error: &SyncError,
) -> Result<(), SyncError> {
    let tries = left.iter().map(|s| s.tries).max().unwrap_or(0);
    let seed = left.first().map_or(0, |s| s.id.as_u64_pair().0);
    let until = Timestamp::now().plus_ms(ms(backoff(tries, seed)));
    let ids: Vec<Uuid> = left.iter().map(|s| s.id).collect();
    // One line, for status lists; a configuration problem keeps its fix.
    outbox.postpone(&ids, &error.status_line(), until)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_half_an_hour() {
        let first = backoff(0, 1);
        assert!(first >= Duration::from_secs(5) && first <= Duration::from_secs(6));
        let third = backoff(2, 1);
        assert!(third >= Duration::from_secs(20) && third <= Duration::from_secs(24));
        let late = backoff(40, 7);
        assert!(late >= Duration::from_secs(1800) && late <= Duration::from_secs(2160));
    }
}
