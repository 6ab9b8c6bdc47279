//! What trainees did: their plays (scenario scores and shift triage), where a cohort loses
//! points, shift results and curriculum completions recorded with their learning records.

use care_engine::curriculum::Played;
use care_engine::model::PerDimension;
use sqlx::Row;
use sqlx::any::AnyRow;
use uuid::Uuid;

use super::{CohortLoss, PlayResult};
use crate::connect::Store;
use crate::error::StoreError;
use crate::ids::EmployeeId;
use crate::manager::ManagerAccess;
use crate::outbox::OutboxStatement;
use crate::retry;
use crate::time_fmt::Timestamp;
use crate::trainee::TraineeView;

impl ManagerAccess {
    /// Everyone's plays since `since`, for a cohort's progress.
    pub fn plays_of(
        &self,
        employee: EmployeeId,
        since: Timestamp,
    ) -> Result<Vec<PlayResult>, StoreError> {
        self.store().plays_of(employee, since)
    }

    /// The beats of `scenarios` where `members` lost most points since `since`, worst first.
    pub fn cohort_losses(
        &self,
        members: &[EmployeeId],
        scenarios: &[care_engine::ScenarioId],
        since: Timestamp,
        limit: usize,
    ) -> Result<Vec<CohortLoss>, StoreError> {
        if members.is_empty() || scenarios.is_empty() {
            return Ok(Vec::new());
        }
        let store = self.store();
        let placeholders = |from: usize, n: usize| {
            (from..from + n)
                .map(|i| format!("${i}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let who = placeholders(3, members.len());
        let which = placeholders(3 + members.len(), scenarios.len());
        let sql = format!(
            "SELECT l.scenario_id, l.beat_key, COUNT(*) AS attempts, CAST(SUM(l.points) AS BIGINT) AS points
             FROM attempt_losses l JOIN attempts a ON a.id = l.attempt_id
             WHERE a.finished_at >= $1 AND a.employee_id IN ({who}) AND l.scenario_id IN ({which})
             GROUP BY l.scenario_id, l.beat_key
             ORDER BY SUM(l.points) DESC, l.scenario_id, l.beat_key
             LIMIT $2"
        );
        store.block_on(async {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(since.0)
                .bind(i64::try_from(limit).unwrap_or(i64::MAX));
            for m in members {
                q = q.bind(m.to_string());
            }
            for id in scenarios {
                q = q.bind(id.to_string());
            }
            let rows = q.fetch_all(store.pool()).await?;
            rows.iter()
                .map(|r| {
                    Ok(CohortLoss {
                        scenario_id: r.try_get::<String, _>("scenario_id")?.into(),
                        beat_key: r.try_get("beat_key")?,
                        attempts: r.try_get("attempts")?,
                        points: r.try_get::<i64, _>("points")?,
                    })
                })
                .collect()
        })
    }
}

impl Store {
    fn plays_of(
        &self,
        employee: EmployeeId,
        since: Timestamp,
    ) -> Result<Vec<PlayResult>, StoreError> {
        self.block_on(async {
            let attempts = sqlx::query(
                "SELECT scenario_id, speed, empathy, follow_through, finished_at FROM attempts
                 WHERE employee_id = $1 AND status = 'finished' AND finished_at >= $2",
            )
            .bind(employee.to_string())
            .bind(since.0)
            .fetch_all(self.pool())
            .await?;
            let shifts = sqlx::query(
                "SELECT shift_id, passed, finished_at FROM shift_results
                 WHERE employee_id = $1 AND finished_at >= $2",
            )
            .bind(employee.to_string())
            .bind(since.0)
            .fetch_all(self.pool())
            .await?;
            let score = |r: &AnyRow, c: &str| -> Result<i32, StoreError> {
                Ok(i32::try_from(r.try_get::<i64, _>(c)?).unwrap_or_default())
            };
            let mut out = Vec::with_capacity(attempts.len() + shifts.len());
            for r in &attempts {
                out.push(PlayResult {
                    played: Played::Scenario {
                        id: r.try_get::<String, _>("scenario_id")?.into(),
                        scores: PerDimension {
                            speed: score(r, "speed")?,
                            empathy: score(r, "empathy")?,
                            follow_through: score(r, "follow_through")?,
                        },
                    },
                    at: Timestamp(r.try_get("finished_at")?),
                });
            }
            for r in &shifts {
                out.push(PlayResult {
                    played: Played::Shift {
                        id: r.try_get::<String, _>("shift_id")?.into(),
                        passed: r.try_get::<i64, _>("passed")? != 0,
                    },
                    at: Timestamp(r.try_get("finished_at")?),
                });
            }
            out.sort_by_key(|p| p.at);
            Ok(out)
        })
    }
}
impl TraineeView {
    /// This trainee's plays since `since`, oldest first.
    pub fn plays(&self, since: Timestamp) -> Result<Vec<PlayResult>, StoreError> {
        self.store().plays_of(self.employee().id, since)
    }

    /// Records a finished shift's triage.
    pub fn record_shift(
        &self,
        shift_id: &care_engine::ShiftId,
        triage: i32,
        passed: bool,
        finished: Timestamp,
    ) -> Result<(), StoreError> {
        let store = self.store();
        store.block_on(retry::on_busy(|| async {
            sqlx::query(
                "INSERT INTO shift_results (id, employee_id, shift_id, triage, passed, finished_at)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(Uuid::now_v7().to_string())
            .bind(self.employee().id.to_string())
            .bind(shift_id.to_string())
            .bind(i64::from(triage))
            .bind(i64::from(passed))
            .bind(finished.0)
            .execute(store.pool())
            .await
        }))?;
        Ok(())
    }

    /// Records that this trainee completed a curriculum, with its learning records, once.
    /// Returns whether this call recorded it (false when it was already).
    pub fn record_completion(
        &self,
        curriculum_id: &care_engine::CurriculumId,
        at: Timestamp,
        statements: &[OutboxStatement],
    ) -> Result<bool, StoreError> {
        let store = self.store();
        let added = store.block_on(retry::on_busy(|| async {
            let mut tx = store.begin_write().await?;
            let n = sqlx::query(
                "INSERT INTO curriculum_completions (employee_id, curriculum_id, completed_at)
                 VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            )
            .bind(self.employee().id.to_string())
            .bind(curriculum_id.to_string())
            .bind(at.0)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if n > 0 {
                crate::outbox::insert_statements(&mut tx, statements).await?;
            }
            tx.commit().await?;
            Ok(n > 0)
        }))?;
        Ok(added)
    }

    /// When this trainee completed each curriculum they completed.
    pub fn completions(&self) -> Result<Vec<(care_engine::CurriculumId, Timestamp)>, StoreError> {
        let store = self.store();
        store.block_on(async {
            let rows = sqlx::query(
                "SELECT curriculum_id, completed_at FROM curriculum_completions
                 WHERE employee_id = $1 ORDER BY completed_at",
            )
            .bind(self.employee().id.to_string())
            .fetch_all(store.pool())
            .await?;
            rows.iter()
                .map(|r| {
                    Ok((
                        r.try_get::<String, _>("curriculum_id")?.into(),
                        Timestamp(r.try_get("completed_at")?),
                    ))
                })
                .collect()
        })
    }
}
