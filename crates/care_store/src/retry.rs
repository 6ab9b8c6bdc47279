//! Retrying a database call that lost a race for a lock, so no lock error reaches the user.

use std::future::Future;
use std::time::Duration;

/// How many times a call that met a busy database is tried before its error is returned.
const TRIES: u32 = 12;

/// The wait before try `n` (1-based): 5 ms doubling, at most one second, with jitter.
pub(crate) fn backoff(n: u32) -> Duration {
    let base = 5u64 << n.min(8);
    let jitter = u64::from(std::process::id() ^ n.wrapping_mul(2_654_435_761)) % base.max(1);
    Duration::from_millis((base + jitter / 2).min(1_000))
}

/// Whether an error means "someone else holds the lock, try again".
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
        sqlx::Error::PoolTimedOut => true,
        _ => false,
    }
}

/// Runs `call` until it succeeds or fails with something other than a busy database.
pub(crate) async fn on_busy<T, F, Fut>(mut call: F) -> Result<T, sqlx::Error>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, sqlx::Error>>,
{
    let mut n = 0;
    loop {
        match call().await {
            Err(e) if is_busy(&e) && n < TRIES => {
                n += 1;
                tokio::time::sleep(backoff(n)).await;
            }
            other => return other,
        }
    }
}
