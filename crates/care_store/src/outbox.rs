//! Learning records waiting to be sent: queued with the attempt they describe, claimed in batches
//! by whoever sends them, and settled as sent or rejected. The store never talks to the network.
//! Reading where they stand is in `outbox_read`.

use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};
use uuid::Uuid;

use crate::connect::Store;
use crate::error::StoreError;
use crate::ids::{AttemptId, EmployeeId};
use crate::retry;
use crate::time_fmt::Timestamp;

/// One statement to queue. Its id is fixed here, so queueing or sending it twice is harmless.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxStatement {
    pub id: Uuid,
    /// The attempt it belongs to.
    pub registration: AttemptId,
    pub employee: EmployeeId,
    /// Its place among the attempt's statements: they are sent in this order.
    pub ordinal: i64,
    /// The verb's short name (`attempted`, `passed`, …), for status lists.
    pub verb: String,
    pub created: Timestamp,
    /// The statement as JSON.
    pub body: String,
}

/// A pending statement taken out for sending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedStatement {
    pub id: Uuid,
    pub body: String,
    /// Failed tries so far.
    pub tries: u32,
    /// The claim this sender holds it by.
    pub claim: String,
}

/// Where a queued statement stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryStatus {
    Pending,
    Sent,
    /// The learning record store refused it; it is not sent again.
    Rejected,
}

impl DeliveryStatus {
    fn slug(self) -> &'static str {
        match self {
            DeliveryStatus::Pending => "pending",
            DeliveryStatus::Sent => "sent",
            DeliveryStatus::Rejected => "rejected",
        }
    }

    pub(crate) fn from_slug(s: &str) -> DeliveryStatus {
        match s {
            "sent" => DeliveryStatus::Sent,
            "rejected" => DeliveryStatus::Rejected,
            _ => DeliveryStatus::Pending,
        }
    }
}

/// A statement the learning record store refused, with its reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedStatement {
    pub id: Uuid,
    pub registration: String,
    pub verb: String,
    pub reason: String,
    pub at: Timestamp,
}

/// Counts and the latest problems, for the manager area and `care sync --status`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutboxSummary {
    pub pending: u64,
    pub sent: u64,
    pub rejected: u64,
    /// When the next pending statement is due (after a back-off).
    pub next_try: Option<Timestamp>,
    /// Why the latest try of a pending statement failed.
    pub last_error: Option<String>,
    /// The most recent rejections, newest first.
    pub recent_rejections: Vec<RejectedStatement>,
}

/// A queued statement as stored, for checks and exports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedStatement {
    pub id: Uuid,
    pub verb: String,
    pub status: DeliveryStatus,
    pub tries: u32,
    pub body: String,
    pub last_error: Option<String>,
}

pub(crate) const ORDER: &str = "created_at, registration, ordinal";
/// Ids per statement when many rows change at once (well under both databases' bind limits).
const CHUNK: usize = 500;

/// `$first, $first+1, …` for `n` values.
fn placeholders(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Queues statements inside the caller's transaction; already queued ids are left alone. They
/// are due at once, unless older statements of the same attempt are waiting out a back-off (not
/// merely held by a sender): then they wait with them, so an attempt's statements arrive in
/// order.
pub(crate) async fn insert_statements(
    tx: &mut Transaction<'static, Any>,
    statements: &[OutboxStatement],
) -> Result<(), sqlx::Error> {
    for s in statements {
        sqlx::query(
            "INSERT INTO statement_outbox (id, registration, employee_id, ordinal, verb,
                created_at, body, status, tries, next_try_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', 0, COALESCE(
                (SELECT MAX(o.next_try_at) FROM statement_outbox o
                 WHERE o.registration = $2 AND o.status = 'pending' AND o.claim IS NULL), 0))
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(s.id.to_string())
        .bind(s.registration.to_string())
        .bind(s.employee.to_string())
        .bind(s.ordinal)
        .bind(s.verb.clone())
        .bind(s.created.0)
        .bind(s.body.clone())
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

pub(crate) fn uuid_of(row: &AnyRow) -> Result<Uuid, StoreError> {
    let id: String = row.try_get("id")?;
    id.parse()
        .map_err(|_| StoreError::Invalid(format!("bad statement id {id:?} in the outbox")))
}

pub(crate) fn tries_of(row: &AnyRow) -> Result<u32, StoreError> {
    Ok(u32::try_from(row.try_get::<i64, _>("tries")?).unwrap_or(u32::MAX))
}

/// The statement queue of a store. Any station may send from it; claims keep two senders from
/// sending the same statement at once, and fixed ids make a repeat harmless if they ever do.
#[derive(Clone)]
pub struct Outbox {
    pub(crate) store: Store,
}

impl Store {
    /// The queue of learning records.
    pub fn outbox(&self) -> Outbox {
        Outbox {
            store: self.clone(),
        }
    }
}

impl Outbox {
    /// Queues statements on their own (attempts queue theirs with [`crate::NewAttempt`]).
    pub fn enqueue(&self, statements: &[OutboxStatement]) -> Result<(), StoreError> {
        let store = &self.store;
        store.block_on(retry::on_busy(|| async {
            let mut tx = store.begin_write().await?;
            insert_statements(&mut tx, statements).await?;
            tx.commit().await
        }))?;
        Ok(())
    }

    /// Takes up to `limit` due statements, oldest first, and hides them from other senders
    /// until `lease_until`. A sender that dies holding them only delays them until then.
    pub fn claim(
        &self,
        limit: usize,
        now: Timestamp,
        lease_until: Timestamp,
    ) -> Result<Vec<ClaimedStatement>, StoreError> {
        let store = &self.store;
        let token = Uuid::now_v7().to_string();
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let claimed = store.block_on(retry::on_busy(|| async {
            let mut tx = store.begin_write().await?;
            let due = format!(
                "SELECT id FROM statement_outbox
                 WHERE status = 'pending' AND next_try_at <= $1
                 ORDER BY {ORDER} LIMIT $2"
            );
            let rows = sqlx::query(sqlx::AssertSqlSafe(due))
                .bind(now.0)
                .bind(limit)
                .fetch_all(&mut *tx)
                .await?;
            // A row is taken only if it is still due: on PostgreSQL another sender may have
            // claimed it since the read, and the condition is checked again under its lock.
            // (`settled_at IS NULL` means pending; unlike `status` it has no index to tempt
            // SQLite away from the primary key.)
            let ids: Vec<String> = rows
                .iter()
                .map(|r| r.try_get::<String, _>("id"))
                .collect::<Result<_, _>>()?;
            if ids.is_empty() {
                return Ok(Vec::new());
            }
            let take = format!(
                "UPDATE statement_outbox SET claim = $1, next_try_at = $2
                 WHERE settled_at IS NULL AND next_try_at <= $3 AND id IN ({})",
                placeholders(4, ids.len())
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(take))
                .bind(token.clone())
                .bind(lease_until.0)
                .bind(now.0);
            for id in &ids {
                q = q.bind(id.clone());
            }
            q.execute(&mut *tx).await?;
            let read = format!(
                "SELECT id, body, tries FROM statement_outbox WHERE claim = $1 AND settled_at IS NULL
                 ORDER BY {ORDER}"
            );
            let kept = sqlx::query(sqlx::AssertSqlSafe(read))
                .bind(token.clone())
                .fetch_all(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(kept)
        }))?;
        claimed
            .iter()
            .map(|row| {
                Ok(ClaimedStatement {
                    id: uuid_of(row)?,
                    body: row.try_get("body")?,
                    tries: tries_of(row)?,
                    claim: token.clone(),
                })
            })
            .collect()
    }

    /// Extends this sender's hold on `claimed` until `until`, before a request that may take a
    /// while. Returns the ids it still holds: a statement whose lease ran out may have been
    /// taken by another sender, and must not be sent again from here.
    pub fn renew(
        &self,
        claimed: &[&ClaimedStatement],
        until: Timestamp,
    ) -> Result<Vec<Uuid>, StoreError> {
        let Some(token) = claimed.first().map(|c| c.claim.clone()) else {
            return Ok(Vec::new());
        };
        let store = &self.store;
        let rows = store.block_on(retry::on_busy(|| async {
            let mut tx = store.begin_write().await?;
            sqlx::query(
                "UPDATE statement_outbox SET next_try_at = $1
                 WHERE claim = $2 AND settled_at IS NULL",
            )
            .bind(until.0)
            .bind(token.clone())
            .execute(&mut *tx)
            .await?;
            let rows = sqlx::query(
                "SELECT id FROM statement_outbox WHERE claim = $1 AND settled_at IS NULL",
            )
            .bind(token.clone())
            .fetch_all(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(rows)
        }))?;
        let held: Vec<Uuid> = rows.iter().map(uuid_of).collect::<Result<_, _>>()?;
        Ok(claimed
            .iter()
            .map(|c| c.id)
            .filter(|id| held.contains(id))
            .collect())
    }

    /// Marks statements as delivered.
    pub fn mark_sent(&self, ids: &[Uuid], now: Timestamp) -> Result<(), StoreError> {
        self.settle(ids, DeliveryStatus::Sent, None, now)
    }

    /// Marks a statement as refused by the learning record store, with its reason; it is not
    /// tried again.
    pub fn mark_rejected(&self, id: Uuid, reason: &str, now: Timestamp) -> Result<(), StoreError> {
        self.settle(&[id], DeliveryStatus::Rejected, Some(reason), now)
    }

    fn settle(
        &self,
        ids: &[Uuid],
        status: DeliveryStatus,
        reason: Option<&str>,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let store = &self.store;
        store.block_on(retry::on_busy(|| async {
            let mut tx = store.begin_write().await?;
            for chunk in ids.chunks(CHUNK) {
                let sql = format!(
                    "UPDATE statement_outbox SET status = $1, settled_at = $2, last_error = $3,
                        claim = NULL
                     WHERE settled_at IS NULL AND id IN ({})",
                    placeholders(4, chunk.len())
                );
                let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(status.slug())
                    .bind(now.0)
                    .bind(reason.map(str::to_string));
                for id in chunk {
                    q = q.bind(id.to_string());
                }
                q.execute(&mut *tx).await?;
            }
            tx.commit().await
        }))?;
        Ok(())
    }

    /// Puts claimed statements back to wait until `until` after a failed try, counting the try.
    /// Every other due statement waits until then too: the LRS is away for all of them.
    pub fn postpone(&self, ids: &[Uuid], error: &str, until: Timestamp) -> Result<(), StoreError> {
        let store = &self.store;
        store.block_on(retry::on_busy(|| async {
            let mut tx = store.begin_write().await?;
            for chunk in ids.chunks(CHUNK) {
                let sql = format!(
                    "UPDATE statement_outbox SET tries = tries + 1, next_try_at = $1,
                        last_error = $2, claim = NULL
                     WHERE settled_at IS NULL AND id IN ({})",
                    placeholders(3, chunk.len())
                );
                let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(until.0)
                    .bind(error.to_string());
                for id in chunk {
                    q = q.bind(id.to_string());
                }
                q.execute(&mut *tx).await?;
            }
            sqlx::query(
                "UPDATE statement_outbox SET next_try_at = $1, last_error = $2
                 WHERE status = 'pending' AND claim IS NULL AND next_try_at < $1",
            )
            .bind(until.0)
            .bind(error.to_string())
            .execute(&mut *tx)
            .await?;
            tx.commit().await
        }))?;
        Ok(())
    }

    /// Makes every waiting statement due now, for "send now" after the network is back.
    /// Statements another sender holds stay with it.
    pub fn retry_now(&self, now: Timestamp) -> Result<u64, StoreError> {
        let store = &self.store;
        let n = store.block_on(retry::on_busy(|| async {
            sqlx::query(
                "UPDATE statement_outbox SET next_try_at = $1
                 WHERE status = 'pending' AND next_try_at > $1 AND claim IS NULL",
            )
            .bind(now.0)
            .execute(store.pool())
            .await
        }))?;
        Ok(n.rows_affected())
    }
}
