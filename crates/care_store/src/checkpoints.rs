//! Runs in progress, saved after every beat: resumable after a crash, or recorded as abandoned.

use care_engine::transcript::Answer;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::attempts::{AttemptStatus, NewAttempt, Saved};
use crate::connect::Store;
use crate::error::StoreError;
use crate::ids::{AttemptId, EmployeeId};
use crate::outbox::OutboxStatement;
use crate::retry;
use crate::time_fmt::Timestamp;

/// Enough of a run to rebuild it: the scenario version, the seed and the answers so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    pub attempt: AttemptId,
    pub employee: EmployeeId,
    pub scenario_id: care_engine::ScenarioId,
    pub scenario_title: String,
    /// The scenario file's content hash when the run started; a changed file cannot resume.
    pub content_hash: String,
    pub seed: u64,
    pub started: Timestamp,
    pub updated: Timestamp,
    pub answers: Vec<Answer>,
}

impl Checkpoint {
    /// How long the run had been going when it was last saved.
    pub fn played_ms(&self) -> u64 {
        u64::try_from(self.updated.0 - self.started.0).unwrap_or_default()
    }

    /// The attempt to record when this run will not be resumed.
    pub fn abandoned(&self) -> NewAttempt {
        NewAttempt {
            id: self.attempt,
            employee: self.employee,
            scenario_id: self.scenario_id.clone(),
            scenario_title: self.scenario_title.clone(),
            content_hash: self.content_hash.clone(),
            seed: self.seed,
            status: AttemptStatus::Abandoned,
            started: self.started,
            finished: self.updated,
            duration_ms: self.played_ms(),
            card: None,
            transcript: None,
            statements: Vec::new(),
        }
    }
}

fn checkpoint_row(row: &AnyRow) -> Result<Checkpoint, StoreError> {
    let bad = |what: &str| StoreError::Invalid(format!("bad {what} in a saved checkpoint"));
    let answers: String = row.try_get("answers")?;
    Ok(Checkpoint {
        attempt: row
            .try_get::<String, _>("attempt_id")?
            .parse()
            .map_err(|_| bad("attempt id"))?,
        employee: row
            .try_get::<String, _>("employee_id")?
            .parse()
            .map_err(|_| bad("employee id"))?,
        scenario_id: row.try_get::<String, _>("scenario_id")?.into(),
        scenario_title: row.try_get("scenario_title")?,
        content_hash: row.try_get("content_hash")?,
        seed: row.try_get::<i64, _>("seed")? as u64,
        started: Timestamp(row.try_get("started_at")?),
        updated: Timestamp(row.try_get("updated_at")?),
        answers: serde_json::from_str(&answers).map_err(StoreError::corrupt("checkpoint"))?,
    })
}

impl Store {
    /// Saves the checkpoint and queues `statements` in one transaction.
    pub(crate) fn save_checkpoint(
        &self,
        c: &Checkpoint,
        statements: &[OutboxStatement],
    ) -> Result<(), StoreError> {
        let answers =
            serde_json::to_string(&c.answers).map_err(StoreError::corrupt("checkpoint"))?;
        self.block_on(retry::on_busy(|| async {
            let mut tx = self.begin_write().await?;
            // A finished attempt is never turned back into a checkpoint.
            sqlx::query(
                "INSERT INTO checkpoints (attempt_id, employee_id, scenario_id, scenario_title,
                    content_hash, seed, started_at, updated_at, beats, answers)
                 SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10
                 WHERE NOT EXISTS (SELECT 1 FROM attempts WHERE id = $1)
                 ON CONFLICT (attempt_id) DO UPDATE SET
                    updated_at = excluded.updated_at, beats = excluded.beats,
                    answers = excluded.answers",
            )
            .bind(c.attempt.to_string())
            .bind(c.employee.to_string())
            .bind(c.scenario_id.to_string())
            .bind(c.scenario_title.clone())
            .bind(c.content_hash.clone())
            .bind(c.seed as i64)
            .bind(c.started.0)
            .bind(c.updated.0)
            .bind(i64::try_from(c.answers.len()).unwrap_or(i64::MAX))
            .bind(answers.clone())
            .execute(&mut *tx)
            .await?;
            crate::outbox::insert_statements(&mut tx, statements).await?;
            tx.commit().await
        }))?;
        Ok(())
    }

    pub(crate) fn checkpoints_of(
        &self,
        employee: EmployeeId,
    ) -> Result<Vec<Checkpoint>, StoreError> {
        self.block_on(async {
            let rows = sqlx::query(
                "SELECT attempt_id, employee_id, scenario_id, scenario_title, content_hash, seed,
                    started_at, updated_at, answers
                 FROM checkpoints WHERE employee_id = $1 ORDER BY updated_at DESC",
            )
            .bind(employee.to_string())
            .fetch_all(self.pool())
            .await?;
            rows.iter().map(checkpoint_row).collect()
        })
    }

    pub(crate) fn record_abandoned(&self, c: &Checkpoint) -> Result<Saved, StoreError> {
        let saved = self.record_batch(std::slice::from_ref(&c.abandoned()))?;
        Ok(saved.first().copied().unwrap_or(Saved::AlreadyStored))
    }
}
