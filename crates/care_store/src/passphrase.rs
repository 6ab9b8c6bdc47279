//! The manager passphrase: set on first use, stored as an argon2 hash, with a growing wait
//! after each wrong try (kept in the store, so restarting the program does not reset it).

use std::time::Duration;

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use sqlx::Row;

use crate::connect::Store;
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

impl Store {
    async fn setting(&self, key: &str) -> Result<Option<String>, sqlx::Error> {
        let row = sqlx::query("SELECT value FROM settings WHERE key = $1")
            .bind(key.to_string())
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| r.try_get::<String, _>("value")).transpose()
    }

    async fn put_setting(&self, key: &str, value: String) -> Result<(), sqlx::Error> {
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

    async fn failures(&self) -> Result<(u32, Timestamp), sqlx::Error> {
        let n = self
            .setting(FAILURES_KEY)
            .await?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let at = self
            .setting(LAST_FAILURE_KEY)
            .await?
            .and_then(|v| v.parse().ok())
            .map_or(Timestamp(0), Timestamp);
        Ok((n, at))
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
            let (n, last) = self.failures().await?;
            let until = last.plus_ms(i64::try_from(wait_after(n).as_millis()).unwrap_or(0));
            Ok(if now < until {
                ManagerLock::Wait(Duration::from_millis(
                    u64::try_from(until.0 - now.0).unwrap_or(0),
                ))
            } else {
                ManagerLock::Ready
            })
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

    /// Opens the manager area with the passphrase.
    pub fn unlock_manager(&self, passphrase: &str) -> Result<ManagerAccess, StoreError> {
        self.unlock_manager_at(passphrase, Timestamp::now())
    }

    /// [`Store::unlock_manager`] at a given time (tests use it to skip the waits).
    pub fn unlock_manager_at(
        &self,
        passphrase: &str,
        now: Timestamp,
    ) -> Result<ManagerAccess, StoreError> {
        match self.manager_lock_at(now)? {
            ManagerLock::NotSet => return Err(StoreError::PassphraseNotSet),
            ManagerLock::Wait(wait) => return Err(StoreError::TooSoon { wait }),
            ManagerLock::Ready => {}
        }
        let stored = self
            .block_on(self.setting(HASH_KEY))?
            .ok_or(StoreError::PassphraseNotSet)?;
        let parsed = PasswordHash::new(&stored).map_err(|e| StoreError::Hash(e.to_string()))?;
        if Argon2::default()
            .verify_password(passphrase.as_bytes(), &parsed)
            .is_ok()
        {
            self.block_on(self.put_setting(FAILURES_KEY, "0".into()))?;
            return Ok(ManagerAccess::new(self.clone()));
        }
        let n = self.block_on(self.failures())?.0.saturating_add(1);
        self.block_on(async {
            self.put_setting(FAILURES_KEY, n.to_string()).await?;
            self.put_setting(LAST_FAILURE_KEY, now.0.to_string()).await
        })?;
        Err(StoreError::WrongPassphrase {
            wait: wait_after(n),
        })
    }
}

fn hash(passphrase: &str) -> Result<String, StoreError> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(StoreError::Invalid(format!(
            "the passphrase is too short: use at least {MIN_PASSPHRASE_CHARS} characters"
        )));
    }
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(passphrase.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Hash(e.to_string()))
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
}
