//! Trainee PINs, when the manager requires them: each trainee chooses a 4–8 digit PIN at their
//! first sign-in, kept as an argon2 hash; wrong tries are slowed down like the manager
//! passphrase's, counted per trainee in one transaction with the check of the wait.

use std::time::Duration;

use sqlx::Row;

use crate::connect::Store;
use crate::error::StoreError;
use crate::ids::EmployeeId;
use crate::manager::ManagerAccess;
use crate::passphrase::{Counted, Tries, for_update, hash_secret, verify_secret, wait_after};
use crate::retry;
use crate::time_fmt::Timestamp;
use crate::trainee::TraineeView;

/// Fewest digits in a PIN.
pub const MIN_PIN_DIGITS: usize = 4;
/// Most digits in a PIN.
pub const MAX_PIN_DIGITS: usize = 8;

const REQUIRED_KEY: &str = "trainee_pins_required";

fn check_form(pin: &str) -> Result<(), StoreError> {
    let digits = pin.chars().count();
    if (MIN_PIN_DIGITS..=MAX_PIN_DIGITS).contains(&digits)
        && pin.chars().all(|c| c.is_ascii_digit())
    {
        Ok(())
    } else {
        Err(StoreError::Invalid(format!(
            "a PIN is {MIN_PIN_DIGITS} to {MAX_PIN_DIGITS} digits (0 to 9); type digits only"
        )))
    }
}

/// One trainee's PIN as stored: None when there is no such employee, an inner None when they
/// have no PIN yet.
type PinRow = Option<Option<(String, Tries)>>;

impl Store {
    /// Whether trainees who have a PIN must sign in with it (the manager decides). Anyone may ask.
    pub fn pins_required(&self) -> Result<bool, StoreError> {
        Ok(self.setting_now(REQUIRED_KEY)?.as_deref() == Some("yes"))
    }

    /// Whether `employee` has chosen a PIN.
    pub fn has_pin(&self, employee: EmployeeId) -> Result<bool, StoreError> {
        Ok(self.pin_row(employee)?.is_some())
    }

    /// How long `employee` must wait before their PIN is checked again, if at all.
    pub fn pin_wait(&self, employee: EmployeeId) -> Result<Option<Duration>, StoreError> {
        Ok(self
            .pin_row(employee)?
            .and_then(|(_, tries)| tries.wait_at(Timestamp::now())))
    }

    /// Whether plain [`Store::trainee`] must refuse `employee`: PINs are required and they have
    /// one. (Stores from before PINs have neither the setting nor the column: never.)
    pub(crate) fn pin_blocks_sign_in(&self, employee: EmployeeId) -> Result<bool, StoreError> {
        Ok(self.pins_required()? && self.has_pin(employee)?)
    }

    fn pin_row(&self, employee: EmployeeId) -> Result<Option<(String, Tries)>, StoreError> {
        self.block_on(async {
            let mut conn = self.pool().acquire().await?;
            Ok::<_, StoreError>(read_pin(&mut conn, employee, "").await?)
        })?
        .ok_or_else(|| StoreError::NoSuchEmployee(employee.to_string()))
    }

    /// Sets `employee`'s first PIN and signs them in. Refused when they already have one (the
    /// manager resets it).
    pub fn set_pin(&self, employee: EmployeeId, pin: &str) -> Result<TraineeView, StoreError> {
        check_form(pin)?;
        let hash = hash_secret(pin)?;
        let set = self.block_on(retry::on_busy(|| async {
            sqlx::query(
                "UPDATE employees SET pin_hash = $2, pin_failures = 0, pin_wait_until = 0
                 WHERE id = $1 AND pin_hash IS NULL",
            )
            .bind(employee.to_string())
            .bind(hash.clone())
            .execute(self.pool())
            .await
            .map(|r| r.rows_affected())
        }))?;
        let who = self.employee(employee)?;
        if set == 0 {
            return Err(StoreError::PinAlreadySet);
        }
        Ok(TraineeView::signed_in(self.clone(), who))
    }

    /// Signs `employee` in with their PIN.
    pub fn trainee_with_pin(
        &self,
        employee: EmployeeId,
        pin: &str,
    ) -> Result<TraineeView, StoreError> {
        self.trainee_with_pin_at(employee, pin, Timestamp::now())
    }

    /// [`Store::trainee_with_pin`] at a given time (tests use it to skip the waits).
    pub fn trainee_with_pin_at(
        &self,
        employee: EmployeeId,
        pin: &str,
        now: Timestamp,
    ) -> Result<TraineeView, StoreError> {
        check_form(pin)?;
        let (hash, next, counted) = self
            .block_on(self.count_pin_try(employee, now))?
            .ok_or_else(|| StoreError::NoSuchEmployee(employee.to_string()))?
            .ok_or(StoreError::PinNotSet)?;
        if let Counted::Refused(wait) = counted {
            return Err(StoreError::PinTooSoon { wait });
        }
        if !verify_secret(pin, &hash)? {
            return Err(StoreError::WrongPin {
                wait: wait_after(next.failures),
            });
        }
        self.block_on(self.clear_pin_tries(employee, false))?;
        Ok(TraineeView::signed_in(
            self.clone(),
            self.employee(employee)?,
        ))
    }

    /// Counts a PIN try at `now` in one transaction with the check of the wait.
    async fn count_pin_try(
        &self,
        employee: EmployeeId,
        now: Timestamp,
    ) -> Result<Option<Option<(String, Tries, Counted)>>, sqlx::Error> {
        retry::on_busy(|| async {
            let mut tx = self.begin_write().await?;
            let found = read_pin(&mut tx, employee, for_update(self.backend())).await?;
            let Some(Some((hash, tries))) = found else {
                tx.rollback().await?;
                return Ok(found.map(|_| None));
            };
            let (next, counted) = tries.count(now);
            sqlx::query(
                "UPDATE employees SET pin_failures = $2, pin_wait_until = $3 WHERE id = $1",
            )
            .bind(employee.to_string())
            .bind(i64::from(next.failures))
            .bind(next.until.0)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(Some(Some((hash, next, counted))))
        })
        .await
    }

    /// Clears `employee`'s wrong tries, and their PIN too with `and_pin`. Returns the rows
    /// changed (0: no such employee).
    async fn clear_pin_tries(
        &self,
        employee: EmployeeId,
        and_pin: bool,
    ) -> Result<u64, sqlx::Error> {
        let sql = if and_pin {
            "UPDATE employees SET pin_hash = NULL, pin_failures = 0, pin_wait_until = 0 WHERE id = $1"
        } else {
            "UPDATE employees SET pin_failures = 0, pin_wait_until = 0 WHERE id = $1"
        };
        retry::on_busy(|| async {
            sqlx::query(sql)
                .bind(employee.to_string())
                .execute(self.pool())
                .await
                .map(|r| r.rows_affected())
        })
        .await
    }
}

/// Reads one trainee's PIN and tries (`lock`: SQL appended to lock the row).
async fn read_pin(
    conn: &mut sqlx::AnyConnection,
    employee: EmployeeId,
    lock: &str,
) -> Result<PinRow, sqlx::Error> {
    let sql =
        format!("SELECT pin_hash, pin_failures, pin_wait_until FROM employees WHERE id = $1{lock}");
    let Some(row) = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(employee.to_string())
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(None);
    };
    let Some(hash) = row.try_get::<Option<String>, _>("pin_hash")? else {
        return Ok(Some(None));
    };
    let failures: i64 = row.try_get("pin_failures")?;
    Ok(Some(Some((
        hash,
        Tries {
            failures: u32::try_from(failures).unwrap_or(u32::MAX),
            until: Timestamp(row.try_get("pin_wait_until")?),
        },
    ))))
}

impl ManagerAccess {
    /// Turns trainee PINs on or off for the whole store. While on, a trainee who has a PIN signs
    /// in only with it; one who has none chooses it at their next sign-in.
    pub fn set_pins_required(&self, required: bool) -> Result<(), StoreError> {
        let store = self.store();
        let value = if required { "yes" } else { "no" };
        Ok(store.block_on(store.put_setting(REQUIRED_KEY, value.into()))?)
    }

    /// Forgets `employee`'s PIN and wrong tries, so they choose a new PIN at their next sign-in.
    pub fn reset_pin(&self, employee: EmployeeId) -> Result<(), StoreError> {
        let store = self.store();
        match store.block_on(store.clear_pin_tries(employee, true))? {
            0 => Err(StoreError::NoSuchEmployee(employee.to_string())),
            _ => Ok(()),
        }
    }
}
