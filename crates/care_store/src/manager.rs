//! What the manager area may do once unlocked: read everyone's results, export and delete.

use crate::attempts::AttemptDetail;
use crate::connect::Store;
use crate::employees::EmployeeExport;
use crate::error::StoreError;
use crate::ids::{AttemptId, EmployeeId};
use crate::report::{ReportFilter, ReportRow};
use crate::review::{EmployeePage, OverviewRow, ScenarioPage, TeamFilter};
use crate::time_fmt::Timestamp;

/// Proof that the manager passphrase was given. Only [`Store::unlock_manager`] and
/// [`Store::set_manager_passphrase`] make one.
#[derive(Debug, Clone)]
pub struct ManagerAccess {
    store: Store,
}

impl ManagerAccess {
    pub(crate) fn new(store: Store) -> ManagerAccess {
        ManagerAccess { store }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// One row per employee with their scores, trend and weakest dimension.
    pub fn team_overview(&self, filter: &TeamFilter) -> Result<Vec<OverviewRow>, StoreError> {
        self.store.team_overview(filter)
    }

    /// One employee's attempts and their scores over time.
    pub fn employee_page(&self, id: EmployeeId) -> Result<EmployeePage, StoreError> {
        self.store.employee_page(id)
    }

    /// Any attempt with its transcript and reasons.
    pub fn attempt(&self, id: AttemptId) -> Result<AttemptDetail, StoreError> {
        self.store.attempt_detail(id, None)
    }

    /// Pass rate, averages and the costliest beats of one scenario.
    pub fn scenario_page(
        &self,
        scenario_id: &care_engine::ScenarioId,
    ) -> Result<ScenarioPage, StoreError> {
        self.store.scenario_page(scenario_id)
    }

    /// Scenarios that have attempts: (id, title), by title.
    /// Where the learning records stand: pending, sent, rejected and why.
    pub fn learning_records(&self) -> Result<crate::OutboxSummary, StoreError> {
        self.store.outbox().summary()
    }

    pub fn scenarios(&self) -> Result<Vec<(care_engine::ScenarioId, String)>, StoreError> {
        self.store.scenarios_played()
    }

    /// Everything stored about one employee.
    pub fn export_employee(&self, id: EmployeeId) -> Result<EmployeeExport, StoreError> {
        let employee = self.store.employee(id)?;
        let attempts = self
            .store
            .attempts_of(id)?
            .into_iter()
            .map(|row| self.store.attempt_detail(row.id, None))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(EmployeeExport {
            employee,
            exported: Timestamp::now(),
            attempts,
        })
    }

    /// [`ManagerAccess::export_employee`] as pretty JSON.
    pub fn export_employee_json(&self, id: EmployeeId) -> Result<String, StoreError> {
        let export = self.export_employee(id)?;
        serde_json::to_string_pretty(&export).map_err(StoreError::corrupt("export"))
    }

    /// Deletes an employee with all their attempts and checkpoints. Returns false when there was
    /// no such employee.
    pub fn delete_employee(&self, id: EmployeeId) -> Result<bool, StoreError> {
        self.store.delete_employee_data(id)
    }

    /// Attempts matching `filter`, oldest first, passed to `each` page by page.
    pub fn report(
        &self,
        filter: &ReportFilter,
        each: &mut dyn FnMut(&ReportRow) -> Result<(), StoreError>,
    ) -> Result<u64, StoreError> {
        self.store.report(filter, each)
    }
}
