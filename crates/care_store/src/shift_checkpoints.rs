//! Shifts in progress: the inputs so far, saved as the shift is played, so one interrupted by a
//! crash can be replayed and resumed; ended by the shift's save or by abandoning it.

use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::connect::Store;
use crate::error::StoreError;
use crate::ids::{EmployeeId, ShiftRunId};
use crate::retry;
use crate::time_fmt::Timestamp;
use crate::trainee::TraineeView;

/// Enough of a shift to rebuild it: its file's version, the seed and the inputs so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShiftCheckpoint {
    /// The shift run; its [`crate::ShiftSave`] carries the same id.
    pub id: ShiftRunId,
    pub employee: EmployeeId,
    pub shift_id: care_engine::ShiftId,
    pub shift_title: String,
    /// The shift file's content hash when it started; a changed file cannot resume.
    pub content_hash: String,
    pub seed: u64,
    pub started: Timestamp,
    pub updated: Timestamp,
    /// The inputs to replay, as the engine wrote them (the store does not read them).
    pub inputs_json: String,
}

fn checkpoint_row(row: &AnyRow) -> Result<ShiftCheckpoint, StoreError> {
    let bad = |what: &str| StoreError::Invalid(format!("bad {what} in a saved shift checkpoint"));
    Ok(ShiftCheckpoint {
        id: row
            .try_get::<String, _>("id")?
            .parse()
            .map_err(|_| bad("shift run id"))?,
        employee: row
            .try_get::<String, _>("employee_id")?
            .parse()
            .map_err(|_| bad("employee id"))?,
        shift_id: row.try_get::<String, _>("shift_id")?.into(),
        shift_title: row.try_get("shift_title")?,
        content_hash: row.try_get("content_hash")?,
        seed: row.try_get::<i64, _>("seed")? as u64,
        started: Timestamp(row.try_get("started_at")?),
        updated: Timestamp(row.try_get("updated_at")?),
        inputs_json: row.try_get("inputs")?,
    })
}

impl Store {
    /// Saves the shift so far, replacing its older checkpoint. A shift already saved is never
    /// turned back into a checkpoint.
    pub(crate) fn save_shift_checkpoint(
        &self,
        c: &ShiftCheckpoint,
        retry_busy: bool,
    ) -> Result<(), StoreError> {
        let once = || async {
            let mut tx = self.begin_write().await?;
            sqlx::query(
                "INSERT INTO shift_checkpoints (id, employee_id, shift_id, shift_title,
                    content_hash, seed, started_at, updated_at, inputs)
                 SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9
                 WHERE NOT EXISTS (SELECT 1 FROM shift_results WHERE id = $1)
                 ON CONFLICT (id) DO UPDATE SET
                    updated_at = excluded.updated_at, inputs = excluded.inputs",
            )
            .bind(c.id.to_string())
            .bind(c.employee.to_string())
            .bind(c.shift_id.to_string())
            .bind(c.shift_title.clone())
            .bind(c.content_hash.clone())
            .bind(c.seed as i64)
            .bind(c.started.0)
            .bind(c.updated.0)
            .bind(c.inputs_json.clone())
            .execute(&mut *tx)
            .await?;
            tx.commit().await
        };
        if retry_busy {
            self.block_on(retry::on_busy(once))?;
        } else {
            self.block_on(once())?;
        }
        Ok(())
    }
}

impl TraineeView {
    /// Saves this trainee's shift so far (the game does it through [`crate::Saver`]).
    pub fn save_shift_checkpoint(&self, checkpoint: &ShiftCheckpoint) -> Result<(), StoreError> {
        if checkpoint.employee != self.employee().id {
            return Err(StoreError::Invalid(
                "a shift can only be saved for the employee who is signed in".into(),
            ));
        }
        self.store().save_shift_checkpoint(checkpoint, true)
    }

    /// Shifts this trainee left unfinished (a crash or a closed window), newest first.
    pub fn interrupted_shifts(&self) -> Result<Vec<ShiftCheckpoint>, StoreError> {
        let store = self.store();
        store.block_on(async {
            let rows = sqlx::query(
                "SELECT id, employee_id, shift_id, shift_title, content_hash, seed, started_at,
                    updated_at, inputs
                 FROM shift_checkpoints WHERE employee_id = $1 ORDER BY updated_at DESC, id",
            )
            .bind(self.employee().id.to_string())
            .fetch_all(store.pool())
            .await?;
            rows.iter().map(checkpoint_row).collect()
        })
    }

    /// Forgets an interrupted shift that will not be resumed. Returns whether there was one.
    pub fn abandon_shift(&self, id: ShiftRunId) -> Result<bool, StoreError> {
        let store = self.store();
        let gone = store.block_on(retry::on_busy(|| async {
            sqlx::query("DELETE FROM shift_checkpoints WHERE id = $1 AND employee_id = $2")
                .bind(id.to_string())
                .bind(self.employee().id.to_string())
                .execute(store.pool())
                .await
        }))?;
        Ok(gone.rows_affected() > 0)
    }
}
