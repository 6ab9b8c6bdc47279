//! Finding results saved before learning records were set up: attempts that have no statement in
//! the outbox, so their statements can be rebuilt and queued once.

use crate::attempts::{AttemptRow, ROW_COLUMNS, attempt_row};
use crate::error::StoreError;
use crate::manager::ManagerAccess;

impl ManagerAccess {
    /// Attempts (finished and abandoned, oldest first) with no learning record queued, sent or
    /// rejected. Queueing an attempt's statements takes it off this list, so a backfill that
    /// stopped halfway picks up where it stopped.
    pub fn attempts_without_statements(&self) -> Result<Vec<AttemptRow>, StoreError> {
        let store = self.store();
        store.block_on(async {
            let sql = format!(
                "SELECT {ROW_COLUMNS} FROM attempts a
                 WHERE NOT EXISTS (SELECT 1 FROM statement_outbox o WHERE o.registration = a.id)
                 ORDER BY a.finished_at, a.id"
            );
            let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                .fetch_all(store.pool())
                .await?;
            rows.iter().map(attempt_row).collect()
        })
    }
}
