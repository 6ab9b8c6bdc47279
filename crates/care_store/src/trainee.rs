//! What a signed-in trainee may do: save and read their own attempts and checkpoints, nobody
//! else's.

use crate::attempts::{AttemptDetail, AttemptRow, NewAttempt, Saved};
use crate::checkpoints::Checkpoint;
use crate::connect::Store;
use crate::employees::Employee;
use crate::error::StoreError;
use crate::ids::{AttemptId, EmployeeId};
use crate::outbox::OutboxStatement;
use crate::review::{OverviewRow, ScenarioResult};

/// Refuses learning records about anyone but `employee`.
fn only_about(employee: EmployeeId, statements: &[OutboxStatement]) -> Result<(), StoreError> {
    match statements.iter().find(|s| s.employee != employee) {
        Some(s) => Err(StoreError::Invalid(format!(
            "statement {} is about another employee",
            s.id
        ))),
        None => Ok(()),
    }
}

/// One employee's own view of the store.
#[derive(Debug, Clone)]
pub struct TraineeView {
    store: Store,
    employee: Employee,
}

impl Store {
    /// Signs `employee` in. When the store requires PINs and `employee` has one, this refuses
    /// with [`StoreError::PinRequired`]: sign in with [`Store::trainee_with_pin`] instead.
    pub fn trainee(&self, employee: EmployeeId) -> Result<TraineeView, StoreError> {
        let who = self.employee(employee)?;
        if self.pin_blocks_sign_in(employee)? {
            return Err(StoreError::PinRequired);
        }
        Ok(TraineeView::signed_in(self.clone(), who))
    }
}

impl TraineeView {
    /// A view for `employee`, whose sign-in (with their PIN where needed) was checked.
    pub(crate) fn signed_in(store: Store, employee: Employee) -> TraineeView {
        TraineeView { store, employee }
    }

    pub(crate) fn store(&self) -> &Store {
        &self.store
    }

    pub fn employee(&self) -> &Employee {
        &self.employee
    }

    fn own(&self, employee: EmployeeId) -> Result<(), StoreError> {
        if employee == self.employee.id {
            Ok(())
        } else {
            Err(StoreError::Invalid(
                "an attempt can only be saved for the employee who is signed in".into(),
            ))
        }
    }

    /// Saves a finished attempt and removes its checkpoint, in one transaction. Saving the same
    /// attempt again changes nothing.
    pub fn record_attempt(&self, attempt: &NewAttempt) -> Result<Saved, StoreError> {
        self.own(attempt.employee)?;
        only_about(attempt.employee, &attempt.statements)?;
        let saved = self.store.record_batch(std::slice::from_ref(attempt))?;
        Ok(saved.first().copied().unwrap_or(Saved::AlreadyStored))
    }

    /// Saves the run so far (call after every beat).
    pub fn save_checkpoint(&self, checkpoint: &Checkpoint) -> Result<(), StoreError> {
        self.save_checkpoint_with(checkpoint, &[])
    }

    /// Saves the run so far and queues learning records about it, in one transaction.
    pub fn save_checkpoint_with(
        &self,
        checkpoint: &Checkpoint,
        statements: &[OutboxStatement],
    ) -> Result<(), StoreError> {
        self.own(checkpoint.employee)?;
        only_about(checkpoint.employee, statements)?;
        self.store.save_checkpoint(checkpoint, statements)
    }

    /// Runs that were interrupted, newest first.
    pub fn interrupted(&self) -> Result<Vec<Checkpoint>, StoreError> {
        self.store.checkpoints_of(self.employee.id)
    }

    /// Records an interrupted run as abandoned and forgets its checkpoint.
    pub fn abandon(&self, checkpoint: &Checkpoint) -> Result<Saved, StoreError> {
        self.own(checkpoint.employee)?;
        self.store.record_abandoned(checkpoint)
    }

    /// This trainee's attempts, oldest first.
    pub fn attempts(&self) -> Result<Vec<AttemptRow>, StoreError> {
        self.store.attempts_of(self.employee.id)
    }

    /// One of this trainee's attempts with its transcript. Another employee's attempt is
    /// reported as not found.
    pub fn attempt(&self, id: AttemptId) -> Result<AttemptDetail, StoreError> {
        self.store.attempt_detail(id, Some(self.employee.id))
    }

    /// How this trainee has done on each scenario they played.
    pub fn scenario_results(&self) -> Result<Vec<ScenarioResult>, StoreError> {
        self.store.scenario_results_of(self.employee.id)
    }

    /// This trainee's summary: latest, best, trend and weakest dimension.
    pub fn progress(&self) -> Result<OverviewRow, StoreError> {
        self.store.overview_row(&self.employee)
    }
}
