//! The connection pool: SQLite's safety settings (write-ahead log checked, full sync), and the
//! time limits that keep a PostgreSQL server that went away from hanging a station.

use std::time::Duration;

use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, Executor, Row};

use crate::connect::{Activity, Backend};
use crate::error::StoreError;
use crate::location::StoreLocation;
use crate::retry;

/// How long a new connection (or the check of an idle one) may take before the call fails. It
/// bounds connecting to a server that does not answer.
pub(crate) const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);
/// How long PostgreSQL may work on one statement before it cancels it.
pub(crate) const STATEMENT_TIMEOUT: Duration = Duration::from_secs(15);
/// How long one store call may wait on PostgreSQL in all. The network can swallow a request
/// without closing the connection (a pulled cable, a sleeping VPN); no server-side limit sees
/// that, and sqlx 0.9 sets no TCP keepalive or user timeout, so the call is cut off here.
pub(crate) const CALL_DEADLINE: Duration = Duration::from_secs(20);

/// How hard SQLite works to keep the newest commits through a power cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Durability {
    /// `synchronous = FULL`: a commit is on the disk when the save returns. The default.
    #[default]
    Full,
    /// `synchronous = NORMAL`: a crash of the program loses nothing, but a power cut can undo
    /// the last commits. For benchmarks and bulk demo fills only.
    Normal,
}

impl Durability {
    fn pragma(self) -> &'static str {
        match self {
            Durability::Full => "PRAGMA synchronous = FULL",
            Durability::Normal => "PRAGMA synchronous = NORMAL",
        }
    }
}

/// Whether the journal mode SQLite reports after being asked for WAL is safe to carry on with.
pub(crate) fn wal_took_effect(mode: &str) -> bool {
    mode.trim().eq_ignore_ascii_case("wal")
}

/// The database URL for a location, creating a SQLite store's folder.
pub(crate) fn url_for(location: &StoreLocation) -> Result<(String, Backend), StoreError> {
    match location {
        StoreLocation::Postgres(url) => Ok((url.clone(), Backend::Postgres)),
        // SQLite's own name for a database in memory (which is refused: it has no
        // write-ahead log).
        StoreLocation::Sqlite(path) if path.as_os_str() == ":memory:" => {
            Ok(("sqlite::memory:".into(), Backend::Sqlite))
        }
        StoreLocation::Sqlite(path) => {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|source| StoreError::DataDir {
                    path: dir.to_path_buf(),
                    source,
                })?;
            }
            let Some(text) = path.to_str() else {
                return Err(StoreError::Invalid(format!(
                    "the store path {} is not valid UTF-8; choose another with --data-dir",
                    path.display()
                )));
            };
            let encoded: String = text
                .chars()
                .map(|c| match c {
                    '%' => "%25".to_string(),
                    '?' => "%3F".to_string(),
                    '#' => "%23".to_string(),
                    ' ' => "%20".to_string(),
                    c => c.to_string(),
                })
                .collect();
            Ok((format!("sqlite://{encoded}?mode=rwc"), Backend::Sqlite))
        }
    }
}

/// Why opening failed: the database's own error, or SQLite refusing the write-ahead log.
pub(crate) enum ConnectError {
    Database(sqlx::Error),
    NoWal(String),
}

impl From<sqlx::Error> for ConnectError {
    fn from(e: sqlx::Error) -> ConnectError {
        ConnectError::Database(e)
    }
}

pub(crate) async fn connect(
    url: &str,
    backend: Backend,
    activity: Activity,
    durability: Durability,
) -> Result<AnyPool, ConnectError> {
    let options = AnyPoolOptions::new()
        .max_connections(match backend {
            Backend::Sqlite => 4,
            Backend::Postgres => 8,
        })
        .acquire_timeout(ACQUIRE_TIMEOUT);
    match backend {
        Backend::Postgres => {
            // The server cancels a statement that runs too long and ends a session left idle
            // inside a transaction (a station that vanished mid-save), releasing its locks.
            // A statement_timeout of the URL's own (`options=-c statement_timeout=…`) wins.
            let own_timeout = url.contains("statement_timeout");
            let pool = options
                .after_connect(move |conn, _meta| {
                    Box::pin(async move {
                        if !own_timeout {
                            let sql = format!(
                                "SET statement_timeout = {}",
                                STATEMENT_TIMEOUT.as_millis()
                            );
                            conn.execute(sqlx::AssertSqlSafe(sql)).await?;
                        }
                        conn.execute("SET idle_in_transaction_session_timeout = 60000")
                            .await?;
                        Ok(())
                    })
                })
                .connect(url)
                .await?;
            Ok(pool)
        }
        Backend::Sqlite => {
            let pool = options
                .after_connect(move |conn, _meta| {
                    Box::pin(async move {
                        // Wait for another writer instead of failing.
                        conn.execute("PRAGMA busy_timeout = 15000").await?;
                        // FULL: a commit is on the disk before the save returns, so a power
                        // cut cannot undo a result the trainee was told is saved.
                        conn.execute(durability.pragma()).await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        // Checkpoints run in the background (below), never inside a save.
                        conn.execute("PRAGMA wal_autocheckpoint = 0").await?;
                        // A larger page cache and memory-mapped reads keep a big store's hot
                        // index pages in memory (64 MiB cache per connection, 1 GiB mapped).
                        conn.execute("PRAGMA cache_size = -65536").await?;
                        conn.execute("PRAGMA mmap_size = 1073741824").await?;
                        Ok(())
                    })
                })
                .connect(url)
                .await?;
            // WAL lets readers and one writer work at once and survives a killed process. Where
            // SQLite cannot use it (a network folder, an in-memory database) it answers with
            // the mode it kept; carrying on then would be unsafe, so opening fails.
            let mode = retry::on_busy(|| async {
                let row = sqlx::query("PRAGMA journal_mode = WAL")
                    .fetch_one(&pool)
                    .await?;
                row.try_get::<String, _>(0)
            })
            .await?;
            if !wal_took_effect(&mode) {
                pool.close().await;
                return Err(ConnectError::NoWal(mode));
            }
            tokio::spawn(checkpoint_when_quiet(pool.clone(), activity));
            Ok(pool)
        }
    }
}

/// Moves the write-ahead log into the database file in the background, never inside a save: when
/// this process has not written for a moment, or at the latest every half minute so the log
/// stays small. (A checkpoint copies pages and syncs the file; during a burst of saves it would
/// hold them up.) Stops when the pool closes.
async fn checkpoint_when_quiet(pool: AnyPool, activity: Activity) {
    const QUIET: Duration = Duration::from_secs(2);
    const AT_LEAST_EVERY: Duration = Duration::from_secs(30);
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut since_last = Duration::ZERO;
    let mut dirty = false;
    while !pool.is_closed() {
        tick.tick().await;
        since_last += Duration::from_secs(1);
        dirty |= activity.quiet_for() < QUIET + Duration::from_secs(1);
        if !dirty || (activity.quiet_for() < QUIET && since_last < AT_LEAST_EVERY) {
            continue;
        }
        // PASSIVE never blocks a writer; a busy or failed round is retried next tick.
        if sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
            .execute(&pool)
            .await
            .is_ok()
        {
            since_last = Duration::ZERO;
            dirty = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_write_ahead_log_counts_as_safe() {
        assert!(wal_took_effect("wal"));
        assert!(wal_took_effect("WAL\n"));
        for kept in ["delete", "memory", "truncate", "persist", "off", ""] {
            assert!(!wal_took_effect(kept), "{kept}");
        }
    }
}
