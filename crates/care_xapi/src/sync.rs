//! Draining the outbox: claim a batch, post it, settle it. A refused batch is split until the
//! refused statements are found and set aside with the LRS's reason; the rest still go. When the
//! LRS is down or refuses the credentials, everything unsent waits, backing off exponentially.

use std::time::Duration;

use care_store::{ClaimedStatement, Outbox, Timestamp};
use serde_json::value::RawValue;
use uuid::Uuid;

use crate::client::{LrsClient, PostOutcome};
use crate::error::SyncError;

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

/// Posts claimed statements, splitting refused batches; on a failure that is not about the
/// statements, postpones all that is left and returns the error.
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
        let part: Vec<ClaimedStatement> =
            part.into_iter().filter(|c| held.contains(&c.id)).collect();
        let (bodies, unparsable): (Vec<_>, Vec<_>) = part
            .iter()
            .map(|s| (s, RawValue::from_string(s.body.clone())))
            .partition(|(_, raw)| raw.is_ok());
        for (s, raw) in unparsable {
            let reason = raw.err().map_or_else(String::new, |e| e.to_string());
            outbox.mark_rejected(s.id, &format!("not valid JSON: {reason}"), Timestamp::now())?;
            report.rejected += 1;
        }
        let (sending, raws): (Vec<&ClaimedStatement>, Vec<Box<RawValue>>) = bodies
            .into_iter()
            .filter_map(|(s, raw)| raw.ok().map(|r| (s, r)))
            .unzip();
        if sending.is_empty() {
            continue;
        }
        let refs: Vec<&RawValue> = raws.iter().map(AsRef::as_ref).collect();
        let outcome = client.post(&refs);
        report.requests += 1;
        let ids: Vec<Uuid> = sending.iter().map(|s| s.id).collect();
        let failure = match outcome {
            PostOutcome::Accepted => {
                outbox.mark_sent(&ids, Timestamp::now())?;
                report.sent += ids.len() as u64;
                None
            }
            PostOutcome::Rejected { reason, .. } if sending.len() == 1 => {
                outbox.mark_rejected(ids[0], &reason, Timestamp::now())?;
                report.rejected += 1;
                None
            }
            PostOutcome::Rejected { .. } => {
                // Find the refused statements by halving; the halves go in order.
                let owned: Vec<ClaimedStatement> = sending.iter().map(|s| (*s).clone()).collect();
                let (first, second) = owned.split_at(owned.len() / 2);
                work.push(second.to_vec());
                work.push(first.to_vec());
                None
            }
            PostOutcome::Credentials { status, reason } => {
                Some(SyncError::Credentials { status, reason })
            }
            PostOutcome::WrongEndpoint { status } => Some(SyncError::WrongEndpoint {
                endpoint: client.endpoint().to_string(),
                status,
            }),
            PostOutcome::Unavailable { reason } => Some(SyncError::Unavailable { reason }),
        };
        if let Some(error) = failure {
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
    // The first line only: hints are for people reading a terminal.
    let message = error.to_string();
    let first = message.lines().next().unwrap_or_default();
    outbox.postpone(&ids, first, until)?;
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
