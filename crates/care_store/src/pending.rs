//! Saves on their way to the database: what one is ([`PendingSave`], [`PendingCheckpoint`]), its
//! id, and committing it in one transaction, once.

use std::fmt;

use serde::{Deserialize, Serialize};
use sqlx::{Any, Transaction};

use crate::attempts::{AttemptStatus, NewAttempt, Saved, insert_attempt};
use crate::checkpoints::Checkpoint;
use crate::connect::Store;
use crate::error::StoreError;
use crate::ids::{AttemptId, EmployeeId, ShiftRunId};
use crate::outbox::OutboxStatement;
use crate::retry;
use crate::shift_checkpoints::ShiftCheckpoint;
use crate::shift_save::{ShiftSave, insert_shift};

/// Which save: a finished (or abandoned) attempt or a finished shift. The id is fixed when the
/// run starts, so committing it again never stores it twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SaveId {
    Attempt(AttemptId),
    Shift(ShiftRunId),
}

impl SaveId {
    /// `attempt` or `shift`, for file names.
    pub fn kind(self) -> &'static str {
        match self {
            SaveId::Attempt(_) => "attempt",
            SaveId::Shift(_) => "shift",
        }
    }

    pub fn uuid(self) -> uuid::Uuid {
        match self {
            SaveId::Attempt(AttemptId(u)) | SaveId::Shift(ShiftRunId(u)) => u,
        }
    }
}

impl fmt::Display for SaveId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.kind(), self.uuid())
    }
}

impl From<AttemptId> for SaveId {
    fn from(id: AttemptId) -> SaveId {
        SaveId::Attempt(id)
    }
}

impl From<ShiftRunId> for SaveId {
    fn from(id: ShiftRunId) -> SaveId {
        SaveId::Shift(id)
    }
}

/// A result to commit: journalled first, then written in one transaction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[expect(
    clippy::large_enum_variant,
    reason = "saves are handed over one at a time and few wait at once; no box to unwrap"
)]
pub enum PendingSave {
    /// A finished (or abandoned) run with its learning records.
    Attempt(NewAttempt),
    /// A finished shift: every conversation's attempt and the shift's result together.
    Shift(ShiftSave),
}

impl PendingSave {
    pub fn id(&self) -> SaveId {
        match self {
            PendingSave::Attempt(a) => SaveId::Attempt(a.id),
            PendingSave::Shift(s) => SaveId::Shift(s.id),
        }
    }

    pub fn employee(&self) -> EmployeeId {
        match self {
            PendingSave::Attempt(a) => a.employee,
            PendingSave::Shift(s) => s.employee,
        }
    }

    /// Refuses a save that could never be stored as it is: learning records or attempts about
    /// someone other than the save's employee.
    pub fn check(&self) -> Result<(), StoreError> {
        let employee = self.employee();
        let attempts: &[NewAttempt] = match self {
            PendingSave::Attempt(a) => std::slice::from_ref(a),
            PendingSave::Shift(s) => &s.attempts,
        };
        for a in attempts {
            if a.employee != employee {
                return Err(StoreError::Invalid(format!(
                    "attempt {} in {} belongs to another employee",
                    a.id,
                    self.id()
                )));
            }
            only_about(employee, &a.statements)?;
        }
        Ok(())
    }
}

/// Refuses learning records about anyone but `employee`.
pub(crate) fn only_about(
    employee: EmployeeId,
    statements: &[OutboxStatement],
) -> Result<(), StoreError> {
    match statements.iter().find(|s| s.employee != employee) {
        Some(s) => Err(StoreError::Invalid(format!(
            "statement {} is about another employee",
            s.id
        ))),
        None => Ok(()),
    }
}

/// A run in progress to write: only the newest one of each run matters.
#[derive(Debug, Clone, PartialEq)]
pub enum PendingCheckpoint {
    /// A scenario run so far, with learning records to queue alongside it.
    Run {
        checkpoint: Checkpoint,
        statements: Vec<OutboxStatement>,
    },
    /// A shift so far.
    Shift(ShiftCheckpoint),
}

impl PendingCheckpoint {
    /// The save this run will end in.
    pub fn id(&self) -> SaveId {
        match self {
            PendingCheckpoint::Run { checkpoint, .. } => SaveId::Attempt(checkpoint.attempt),
            PendingCheckpoint::Shift(c) => SaveId::Shift(c.id),
        }
    }

    pub fn employee(&self) -> EmployeeId {
        match self {
            PendingCheckpoint::Run { checkpoint, .. } => checkpoint.employee,
            PendingCheckpoint::Shift(c) => c.employee,
        }
    }

    /// This newer checkpoint of the same run, keeping the learning records of `older` that
    /// were not written yet (records are never dropped, only the run's state is replaced).
    pub(crate) fn replacing(mut self, older: PendingCheckpoint) -> PendingCheckpoint {
        if let (
            PendingCheckpoint::Run { statements, .. },
            PendingCheckpoint::Run {
                statements: mut kept,
                ..
            },
        ) = (&mut self, older)
        {
            kept.retain(|s| !statements.iter().any(|n| n.id == s.id));
            kept.append(statements);
            *statements = kept;
        }
        self
    }
}

/// Inside the caller's transaction, before `a` is inserted: a finished attempt takes the place
/// of an abandoned record of the same run. (Its save may have waited while the trainee, at
/// another station, abandoned the run's checkpoint; the result the trainee reached wins.) An
/// abandoned record has no summaries or lost points to undo.
pub(crate) async fn replace_abandoned(
    tx: &mut Transaction<'static, Any>,
    a: &NewAttempt,
) -> Result<(), sqlx::Error> {
    if a.status == AttemptStatus::Finished {
        sqlx::query("DELETE FROM attempts WHERE id = $1 AND status = $2")
            .bind(a.id.to_string())
            .bind(AttemptStatus::Abandoned.slug())
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

impl Store {
    /// Commits `save` in one transaction: all of it or nothing. A save already stored (the same
    /// id) changes nothing and answers [`Saved::AlreadyStored`]. With `retry_busy`, a database
    /// busy with another writer is waited for a little; without, the first failure is returned
    /// (the saver keeps its own back-off).
    pub(crate) fn commit_pending(
        &self,
        save: &PendingSave,
        retry_busy: bool,
    ) -> Result<Saved, StoreError> {
        save.check()?;
        let once = || async {
            let mut tx = self.begin_write().await?;
            let stored = match save {
                PendingSave::Attempt(a) => insert_attempt(&mut tx, a).await?,
                PendingSave::Shift(s) => insert_shift(&mut tx, s).await?,
            };
            if stored {
                tx.commit().await?;
                Ok(Saved::Stored)
            } else {
                tx.rollback().await?;
                Ok(Saved::AlreadyStored)
            }
        };
        let saved = if retry_busy {
            self.block_on(retry::on_busy(once))?
        } else {
            self.block_on(once())?
        };
        Ok(saved)
    }

    /// Writes a checkpoint (and its learning records) once, without waiting out a busy
    /// database.
    pub(crate) fn write_checkpoint(&self, c: &PendingCheckpoint) -> Result<(), StoreError> {
        match c {
            PendingCheckpoint::Run {
                checkpoint,
                statements,
            } => {
                only_about(checkpoint.employee, statements)?;
                self.save_checkpoint(checkpoint, statements)
            }
            PendingCheckpoint::Shift(s) => self.save_shift_checkpoint(s, false),
        }
    }
}
