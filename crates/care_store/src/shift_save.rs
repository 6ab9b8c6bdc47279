//! A finished rush-hour shift saved in one transaction: every conversation's attempt with its
//! learning records, the shift's triage result, and the end of its checkpoint. Never half-saved.

use serde::{Deserialize, Serialize};
use sqlx::{Any, Transaction};

use crate::attempts::{NewAttempt, Saved, insert_attempt};
use crate::error::StoreError;
use crate::ids::{EmployeeId, ShiftRunId};
use crate::pending::PendingSave;
use crate::time_fmt::Timestamp;
use crate::trainee::TraineeView;

/// A finished shift to save.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShiftSave {
    /// Chosen when the shift started (the id of its checkpoint too); saving it again stores it
    /// once.
    pub id: ShiftRunId,
    pub employee: EmployeeId,
    pub shift_id: care_engine::ShiftId,
    /// One attempt per conversation, each with its own learning records.
    pub attempts: Vec<NewAttempt>,
    /// The triage score and whether it passed.
    pub triage: i32,
    pub passed: bool,
    pub finished: Timestamp,
}

/// Writes the shift inside the caller's transaction. Returns false when it was already stored
/// (then nothing is written).
pub(crate) async fn insert_shift(
    tx: &mut Transaction<'static, Any>,
    s: &ShiftSave,
) -> Result<bool, sqlx::Error> {
    let inserted = sqlx::query(
        "INSERT INTO shift_results (id, employee_id, shift_id, triage, passed, finished_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(s.id.to_string())
    .bind(s.employee.to_string())
    .bind(s.shift_id.to_string())
    .bind(i64::from(s.triage))
    .bind(i64::from(s.passed))
    .bind(s.finished.0)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        return Ok(false);
    }
    for a in &s.attempts {
        insert_attempt(tx, a).await?;
    }
    sqlx::query("DELETE FROM shift_checkpoints WHERE id = $1")
        .bind(s.id.to_string())
        .execute(&mut **tx)
        .await?;
    Ok(true)
}

impl TraineeView {
    /// Saves a finished shift (its attempts, their learning records and its result) in one
    /// transaction and ends its checkpoint. Saving the same shift again changes nothing. The
    /// game saves through [`crate::Saver`] instead, so no frame waits for the database.
    pub fn record_shift_save(&self, shift: &ShiftSave) -> Result<Saved, StoreError> {
        if shift.employee != self.employee().id {
            return Err(StoreError::Invalid(
                "a shift can only be saved for the employee who is signed in".into(),
            ));
        }
        self.store()
            .commit_pending(&PendingSave::Shift(shift.clone()), true)
    }
}
