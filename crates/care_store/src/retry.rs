//! Retrying a database call that lost a race for a lock, so no lock error reaches the user.

use std::future::Future;
use std::time::{Duration, Instant};

/// How many times a call that met a busy database is tried before its error is returned.
const TRIES: u32 = 12;
/// No new try starts this long after the first: each try may itself wait out SQLite's busy
/// timeout, and a call must not keep a station waiting for minutes.
const BUDGET: Duration = Duration::from_secs(20);

/// The wait before try `n` (1-based): 5 ms doubling, at most one second, with jitter.
pub(crate) fn backoff(n: u32) -> Duration {
    let base = 5u64 << n.min(8);
    let jitter = u64::from(std::process::id() ^ n.wrapping_mul(2_654_435_761)) % base.max(1);
    Duration::from_millis((base + jitter / 2).min(1_000))
}

/// Whether an error means "someone else holds the lock, try again". A pool that timed out is
/// not: every connection is taken or the server does not answer, and trying again would only
/// make the caller wait that long once more.
pub(crate) fn is_busy(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(db) => {
            let code = db.code().unwrap_or_default();
            // SQLite: SQLITE_BUSY (5) and SQLITE_LOCKED (6) with their extended codes.
            // PostgreSQL: serialization failure and deadlock.
            let sqlite_busy = code
                .parse::<i64>()
                .map(|c| matches!(c & 0xff, 5 | 6))
                .unwrap_or(false);
            sqlite_busy || code == "40001" || code == "40P01"
        }
        _ => false,
    }
}

/// Runs `call` until it succeeds, fails with something other than a busy database, or has been
/// tried [`TRIES`] times or for [`BUDGET`].
pub(crate) async fn on_busy<T, F, Fut>(mut call: F) -> Result<T, sqlx::Error>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, sqlx::Error>>,
{
    let started = Instant::now();
    let mut n = 0;
    loop {
        match call().await {
            Err(e) if is_busy(&e) && n < TRIES && started.elapsed() < BUDGET => {
                n += 1;
                tokio::time::sleep(backoff(n)).await;
            }
            other => return other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pool_that_timed_out_is_not_retried() {
        assert!(!is_busy(&sqlx::Error::PoolTimedOut));
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let mut calls = 0;
        let result: Result<(), _> = rt.block_on(on_busy(|| {
            calls += 1;
            async { Err(sqlx::Error::PoolTimedOut) }
        }));
        assert!(matches!(result, Err(sqlx::Error::PoolTimedOut)));
        assert_eq!(calls, 1, "one wait for the pool, not twelve");
    }
}
