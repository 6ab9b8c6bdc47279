//! Where the learning records stand: counts and the latest problems for anyone who sends them,
//! and one attempt's statements for the manager only (they show what anyone did).

use sqlx::Row;

use crate::error::StoreError;
use crate::ids::AttemptId;
use crate::manager::ManagerAccess;
use crate::outbox::{
    DeliveryStatus, ORDER, Outbox, OutboxSummary, QueuedStatement, RejectedStatement, tries_of,
    uuid_of,
};
use crate::time_fmt::Timestamp;

impl Outbox {
    /// How many statements are pending, sent and rejected, and the latest problems.
    pub fn summary(&self) -> Result<OutboxSummary, StoreError> {
        let store = &self.store;
        store.block_on(async {
            let mut out = OutboxSummary::default();
            let counts =
                sqlx::query("SELECT status, COUNT(*) AS n FROM statement_outbox GROUP BY status")
                    .fetch_all(store.pool())
                    .await?;
            for row in &counts {
                let n = u64::try_from(row.try_get::<i64, _>("n")?).unwrap_or_default();
                match DeliveryStatus::from_slug(&row.try_get::<String, _>("status")?) {
                    DeliveryStatus::Pending => out.pending = n,
                    DeliveryStatus::Sent => out.sent = n,
                    DeliveryStatus::Rejected => out.rejected = n,
                }
            }
            if out.pending > 0 {
                let row = sqlx::query(
                    "SELECT next_try_at, last_error FROM statement_outbox
                     WHERE status = 'pending' ORDER BY next_try_at LIMIT 1",
                )
                .fetch_optional(store.pool())
                .await?;
                if let Some(row) = row {
                    out.next_try = Some(Timestamp(row.try_get("next_try_at")?));
                    out.last_error = row.try_get("last_error")?;
                }
            }
            let rejected = sqlx::query(
                "SELECT id, registration, verb, last_error, settled_at FROM statement_outbox
                 WHERE status = 'rejected' ORDER BY settled_at DESC, id LIMIT 20",
            )
            .fetch_all(store.pool())
            .await?;
            for row in &rejected {
                out.recent_rejections.push(RejectedStatement {
                    id: uuid_of(row)?,
                    registration: row.try_get("registration")?,
                    verb: row.try_get("verb")?,
                    reason: row
                        .try_get::<Option<String>, _>("last_error")?
                        .unwrap_or_default(),
                    at: Timestamp(row.try_get::<Option<i64>, _>("settled_at")?.unwrap_or(0)),
                });
            }
            Ok(out)
        })
    }
}

impl ManagerAccess {
    /// Every statement queued for one attempt, in sending order. A statement tells what its
    /// employee did, so reading them takes the manager passphrase.
    pub fn statements_of(
        &self,
        registration: AttemptId,
    ) -> Result<Vec<QueuedStatement>, StoreError> {
        let store = self.store();
        store.block_on(async {
            let sql = format!(
                "SELECT id, verb, status, tries, body, last_error FROM statement_outbox
                 WHERE registration = $1 ORDER BY {ORDER}"
            );
            let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(registration.to_string())
                .fetch_all(store.pool())
                .await?;
            rows.iter()
                .map(|row| {
                    Ok(QueuedStatement {
                        id: uuid_of(row)?,
                        verb: row.try_get("verb")?,
                        status: DeliveryStatus::from_slug(&row.try_get::<String, _>("status")?),
                        tries: tries_of(row)?,
                        body: row.try_get("body")?,
                        last_error: row.try_get("last_error")?,
                    })
                })
                .collect()
        })
    }
}
