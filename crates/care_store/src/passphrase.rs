//! The manager passphrase: set on first use, stored as an argon2 hash, with a growing wait
//! after each wrong try (kept in the store, so restarting the program does not reset it).
//!
//! Every try is counted before the passphrase is checked, in one transaction with the check of
//! the wait, so tries made at the same moment from several stations cannot all skip the wait.

use std::time::Duration;

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use sqlx::Row;

use crate::connect::{Backend, Store};
use crate::error::StoreError;
use crate::manager::ManagerAccess;
use crate::retry;
use crate::time_fmt::Timestamp;

/// Shortest passphrase accepted.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
/// The longest wait after wrong tries.
const MAX_WAIT_SECS: u64 = 300;

const HASH_KEY: &str = "manager_passphrase";
const FAILURES_KEY: &str = "manager_failures";
const LAST_FAILURE_KEY: &str = "manager_last_failure";

/// Whether the manager area can be opened now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManagerLock {
    /// No passphrase yet: the first manager sets one.
    NotSet,
    /// A passphrase is set and may be tried now.
    Ready,
    /// Too many wrong tries: wait this long.
    Wait(Duration),
}

/// The wait after `failures` wrong tries in a row: 1 s, 2 s, 4 s, … up to five minutes.
pub fn wait_after(failures: u32) -> Duration {
    if failures == 0 {
        return Duration::ZERO;
    }
    Duration::from_secs((1u64 << (failures - 1).min(16)).min(MAX_WAIT_SECS))
}

fn ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// The wrong tries of one secret (the manager passphrase, or one trainee's PIN).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tries {
    pub failures: u32,
    /// No try is checked before this time.
    pub until: Timestamp,
}

/// What counting a try decided.
pub(crate) enum Counted {
    /// The secret may be checked; the try is already counted as wrong until it proves right.
    Check,
    /// The try fell inside the wait: refused unchecked (and counted), wait this long.
    Refused(Duration),
}

impl Tries {
    /// Counts one more try at `now`: the record to store, and whether the secret may be
    /// checked. Every try counts, also one refused for falling inside the wait (which then
    /// grows), so the count is the number of tries whatever their timing.
    pub(crate) fn count(self, now: Timestamp) -> (Tries, Counted) {
        let failures = self.failures.saturating_add(1);
        let wait = wait_after(failures);
        let next = Tries {
            failures,
            until: now.plus_ms(ms(wait)),
        };
        let counted = if now < self.until {
            Counted::Refused(wait)
        } else {
            Counted::Check
        };
        (next, counted)
    }

    /// The wait still to run at `now`, if any.
    pub(crate) fn wait_at(self, now: Timestamp) -> Option<Duration> {
        (now < self.until)
            .then(|| Duration::from_millis(u64::try_from(self.until.0 - now.0).unwrap_or(0)))
    }
}

/// An argon2 hash of `secret` (already checked for length or form).
pub(crate) fn hash_secret(secret: &str) -> Result<String, StoreError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(secret.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Hash(e.to_string()))
}

/// Whether `secret` matches the stored argon2 `hash`.
pub(crate) fn verify_secret(secret: &str, hash: &str) -> Result<bool, StoreError> {
    let parsed = PasswordHash::new(hash).map_err(|e| StoreError::Hash(e.to_string()))?;
    Ok(Argon2::default()
        .verify_password(secret.as_bytes(), &parsed)
        .is_ok())
}

/// ` FOR UPDATE` on PostgreSQL, where a row lock serialises the tries; nothing on SQLite, where
/// the write transaction (`BEGIN IMMEDIATE`) already does.
pub(crate) fn for_update(backend: Backend) -> &'static str {
    match backend {
        Backend::Postgres => " FOR UPDATE",
        Backend::Sqlite => "",
    }
}

impl Store {
    async fn setting(&self, key: &str) -> Result<Option<String>, sqlx::Error> {
        let row = sqlx::query("SELECT value FROM settings WHERE key = $1")
            .bind(key.to_string())
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| r.try_get::<String, _>("value")).transpose()
    }

    pub(crate) async fn put_setting(&self, key: &str, value: String) -> Result<(), sqlx::Error> {
        retry::on_busy(|| async {
            sqlx::query(
                "INSERT INTO settings (key, value) VALUES ($1, $2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )
            .bind(key.to_string())
            .bind(value.clone())
            .execute(self.pool())
            .await
            .map(|_| ())
        })
        .await
    }

    pub(crate) fn setting_now(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.block_on(self.setting(key))?)
    }

    async fn manager_tries(conn: &mut sqlx::AnyConnection) -> Result<Tries, sqlx::Error> {
        let read =
            |key: &'static str| sqlx::query("SELECT value FROM settings WHERE key = $1").bind(key);
        let failures: u32 = read(FAILURES_KEY)
            .fetch_optional(&mut *conn)
            .await?
            .and_then(|r| r.try_get::<String, _>("value").ok())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let last = read(LAST_FAILURE_KEY)
            .fetch_optional(&mut *conn)
            .await?
            .and_then(|r| r.try_get::<String, _>("value").ok())
            .and_then(|v| v.parse().ok())
            .map_or(Timestamp(0), Timestamp);
        Ok(Tries {
            failures,
            until: last.plus_ms(ms(wait_after(failures))),
        })
    }

    /// Whether the manager area is locked, open to a try, or not set up yet.
    pub fn manager_lock(&self) -> Result<ManagerLock, StoreError> {
        self.manager_lock_at(Timestamp::now())
    }

    /// [`Store::manager_lock`] at a given time.
    pub fn manager_lock_at(&self, now: Timestamp) -> Result<ManagerLock, StoreError> {
        self.block_on(async {
            if self.setting(HASH_KEY).await?.is_none() {
                return Ok(ManagerLock::NotSet);
            }
            let mut conn = self.pool().acquire().await?;
            let tries = Store::manager_tries(&mut conn).await?;
            Ok(tries
                .wait_at(now)
                .map_or(ManagerLock::Ready, ManagerLock::Wait))
        })
    }

    /// Sets the first manager passphrase and opens the manager area. Refused once one is set.
    pub fn set_manager_passphrase(&self, passphrase: &str) -> Result<ManagerAccess, StoreError> {
        let hash = hash(passphrase)?;
        let inserted = self.block_on(retry::on_busy(|| async {
            sqlx::query(
                "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
            )
            .bind(HASH_KEY)
            .bind(hash.clone())
            .execute(self.pool())
            .await
            .map(|r| r.rows_affected())
        }))?;
        if inserted == 0 {
            return Err(StoreError::PassphraseAlreadySet);
        }
        Ok(ManagerAccess::new(self.clone()))
    }

    /// Replaces the manager passphrase, given the current one (tried like
    /// [`Store::unlock_manager`], with the same waits), and opens the manager area.
    pub fn change_manager_passphrase(
        &self,
        current: &str,
        new: &str,
    ) -> Result<ManagerAccess, StoreError> {
        // A new passphrase that cannot be used is refused before the current one costs a try.
        let hash = hash(new)?;
        let access = self.unlock_manager(current)?;
        self.block_on(self.put_setting(HASH_KEY, hash))?;
        Ok(access)
    }

    /// Opens the manager area with the passphrase.
    pub fn unlock_manager(&self, passphrase: &str) -> Result<ManagerAccess, StoreError> {
        self.unlock_manager_at(passphrase, Timestamp::now())
    }

    /// Counts a try at `now` in one transaction with the check of the wait: the stored hash, the
    /// tries as now stored and what the count decided; None when no passphrase is set.
    async fn count_manager_try(
        &self,
        now: Timestamp,
    ) -> Result<Option<(String, Tries, Counted)>, sqlx::Error> {
        let lock = format!(
            "SELECT value FROM settings WHERE key = $1{}",
            for_update(self.backend())
        );
        retry::on_busy(|| async {
            let mut tx = self.begin_write().await?;
            let Some(row) = sqlx::query(sqlx::AssertSqlSafe(lock.clone()))
                .bind(HASH_KEY)
                .fetch_optional(&mut *tx)
                .await?
            else {
                tx.rollback().await?;
                return Ok(None);
            };
            let stored: String = row.try_get("value")?;
            let (next, counted) = Store::manager_tries(&mut tx).await?.count(now);
            for (key, value) in [
                (FAILURES_KEY, next.failures.to_string()),
                (LAST_FAILURE_KEY, now.0.to_string()),
            ] {
                sqlx::query(
                    "INSERT INTO settings (key, value) VALUES ($1, $2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                )
                .bind(key)
                .bind(value)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            Ok(Some((stored, next, counted)))
        })
        .await
    }

    /// [`Store::unlock_manager`] at a given time (tests use it to skip the waits).
    pub fn unlock_manager_at(
        &self,
        passphrase: &str,
        now: Timestamp,
    ) -> Result<ManagerAccess, StoreError> {
        let (stored, next, counted) = self
            .block_on(self.count_manager_try(now))?
            .ok_or(StoreError::PassphraseNotSet)?;
        if let Counted::Refused(wait) = counted {
            return Err(StoreError::TooSoon { wait });
        }
        if verify_secret(passphrase, &stored)? {
            self.block_on(self.put_setting(FAILURES_KEY, "0".into()))?;
            return Ok(ManagerAccess::new(self.clone()));
        }
        Err(StoreError::WrongPassphrase {
            wait: wait_after(next.failures),
        })
    }
}

fn hash(passphrase: &str) -> Result<String, StoreError> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(StoreError::Invalid(format!(
            "the passphrase is too short: use at least {MIN_PASSPHRASE_CHARS} characters"
        )));
    }
    hash_secret(passphrase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_and_stops_at_five_minutes() {
        assert_eq!(wait_after(0), Duration::ZERO);
        assert_eq!(wait_after(1), Duration::from_secs(1));
        assert_eq!(wait_after(4), Duration::from_secs(8));
        assert_eq!(wait_after(40), Duration::from_secs(300));
    }

    #[test]
    fn a_try_inside_the_wait_is_refused_and_still_counted() {
        let t = Timestamp(1_000_000);
        let (first, counted) = Tries {
            failures: 0,
            until: Timestamp(0),
        }
        .count(t);
        assert!(matches!(counted, Counted::Check));
        assert_eq!(first.failures, 1);
        let (second, counted) = first.count(t.plus_ms(500));
        assert!(matches!(counted, Counted::Refused(w) if w == Duration::from_secs(2)));
        assert_eq!(second.failures, 2);
        assert_eq!(second.wait_at(t.plus_ms(500)), Some(Duration::from_secs(2)));
    }
}
