//! Onboarding: training sessions (a curriculum and a cohort), curricula assigned with a due date,
//! completions, shift results, and what a facilitator reads about a cohort. Curricula themselves
//! are files; the store keeps their ids.

use care_engine::model::PerDimension;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::any::AnyRow;
use uuid::Uuid;

use crate::connect::Store;
use crate::error::StoreError;
use crate::ids::EmployeeId;
use crate::manager::ManagerAccess;
use crate::outbox::OutboxStatement;
use crate::retry;
use crate::time_fmt::Timestamp;
use crate::trainee::TraineeView;

/// A training session: a curriculum worked through by a cohort from `started`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingSession {
    pub id: Uuid,
    pub curriculum_id: String,
    pub title: String,
    pub started: Timestamp,
    pub members: Vec<EmployeeId>,
}

/// Who an assignment is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Assignee {
    Employee(EmployeeId),
    Team(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    pub id: Uuid,
    pub curriculum_id: String,
    pub to: Assignee,
    pub due: Timestamp,
    pub created: Timestamp,
}

/// One finished play as a curriculum counts it: a scenario's scores or a shift's triage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlayResult {
    pub activity: String,
    pub scores: Option<PerDimension<i32>>,
    pub triage_passed: Option<bool>,
    pub at: Timestamp,
}

/// A beat where a cohort loses points, across its members' attempts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CohortLoss {
    pub scenario_id: String,
    pub beat_key: String,
    pub attempts: i64,
    pub points: i64,
}

/// Work assigned and not completed by its due date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overdue {
    pub employee: EmployeeId,
    pub name: String,
    pub curriculum_id: String,
    pub due: Timestamp,
}

fn uuid(row: &AnyRow, col: &str) -> Result<Uuid, StoreError> {
    let s: String = row.try_get(col)?;
    s.parse()
        .map_err(|_| StoreError::Invalid(format!("bad id {s:?} in the store")))
}

pub(crate) fn employee(row: &AnyRow, col: &str) -> Result<EmployeeId, StoreError> {
    let s: String = row.try_get(col)?;
    s.parse()
        .map_err(|_| StoreError::Invalid(format!("bad employee id {s:?} in the store")))
}

impl Store {
    async fn members_of(&self, session: Uuid) -> Result<Vec<EmployeeId>, StoreError> {
        let rows = sqlx::query(
            "SELECT employee_id FROM session_members WHERE session_id = $1 ORDER BY employee_id",
        )
        .bind(session.to_string())
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(|r| employee(r, "employee_id")).collect()
    }

    async fn session_rows(
        &self,
        sql: &str,
        bind: Option<String>,
    ) -> Result<Vec<TrainingSession>, StoreError> {
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.to_string()));
        if let Some(b) = bind {
            q = q.bind(b);
        }
        let rows = q.fetch_all(self.pool()).await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let id = uuid(r, "id")?;
            out.push(TrainingSession {
                id,
                curriculum_id: r.try_get("curriculum_id")?,
                title: r.try_get("title")?,
                started: Timestamp(r.try_get("started_at")?),
                members: self.members_of(id).await?,
            });
        }
        Ok(out)
    }

    fn assignments_where(
        &self,
        sql: &str,
        binds: &[String],
    ) -> Result<Vec<Assignment>, StoreError> {
        self.block_on(async {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.to_string()));
            for b in binds {
                q = q.bind(b.clone());
            }
            let rows = q.fetch_all(self.pool()).await?;
            rows.iter()
                .map(|r| {
                    let team: Option<String> = r.try_get("team")?;
                    let who: Option<String> = r.try_get("employee_id")?;
                    let to = match (who, team) {
                        (Some(_), _) => Assignee::Employee(employee(r, "employee_id")?),
                        (None, Some(t)) => Assignee::Team(t),
                        (None, None) => {
                            return Err(StoreError::Invalid("an assignment for nobody".into()));
                        }
                    };
                    Ok(Assignment {
                        id: uuid(r, "id")?,
                        curriculum_id: r.try_get("curriculum_id")?,
                        to,
                        due: Timestamp(r.try_get("due_at")?),
                        created: Timestamp(r.try_get("created_at")?),
                    })
                })
                .collect()
        })
    }
}

const SESSION_COLUMNS: &str = "SELECT id, curriculum_id, title, started_at FROM training_sessions";
const ASSIGNMENT_COLUMNS: &str =
    "SELECT id, curriculum_id, employee_id, team, due_at, created_at FROM assignments";

impl ManagerAccess {
    /// Starts a session of `curriculum_id` for `members`.
    pub fn start_session(
        &self,
        curriculum_id: &str,
        title: &str,
        members: &[EmployeeId],
        now: Timestamp,
    ) -> Result<TrainingSession, StoreError> {
        let store = self.store();
        let id = Uuid::now_v7();
        store.block_on(retry::on_busy(|| async {
            let mut tx = store.begin_write().await?;
            sqlx::query(
                "INSERT INTO training_sessions (id, curriculum_id, title, started_at)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(id.to_string())
            .bind(curriculum_id.to_string())
            .bind(title.to_string())
            .bind(now.0)
            .execute(&mut *tx)
            .await?;
            for m in members {
                sqlx::query(
                    "INSERT INTO session_members (session_id, employee_id) VALUES ($1, $2)
                     ON CONFLICT DO NOTHING",
                )
                .bind(id.to_string())
                .bind(m.to_string())
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await
        }))?;
        let mut members = members.to_vec();
        members.sort();
        members.dedup();
        Ok(TrainingSession {
            id,
            curriculum_id: curriculum_id.to_string(),
            title: title.to_string(),
            started: now,
            members,
        })
    }

    /// Every session, newest first.
    pub fn sessions(&self) -> Result<Vec<TrainingSession>, StoreError> {
        let store = self.store();
        store.block_on(store.session_rows(
            &format!("{SESSION_COLUMNS} ORDER BY started_at DESC, id"),
            None,
        ))
    }

    /// Assigns a curriculum to an employee or a team, due by `due`.
    pub fn assign(
        &self,
        curriculum_id: &str,
        to: &Assignee,
        due: Timestamp,
        now: Timestamp,
    ) -> Result<Assignment, StoreError> {
        let store = self.store();
        let id = Uuid::now_v7();
        let (who, team) = match to {
            Assignee::Employee(e) => (Some(e.to_string()), None),
            Assignee::Team(t) => (None, Some(t.clone())),
        };
        store.block_on(retry::on_busy(|| async {
            sqlx::query(
                "INSERT INTO assignments (id, curriculum_id, employee_id, team, due_at, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(id.to_string())
            .bind(curriculum_id.to_string())
            .bind(who.clone())
            .bind(team.clone())
            .bind(due.0)
            .bind(now.0)
            .execute(store.pool())
            .await
        }))?;
        Ok(Assignment {
            id,
            curriculum_id: curriculum_id.to_string(),
            to: to.clone(),
            due,
            created: now,
        })
    }

    /// Every assignment, soonest due first.
    pub fn assignments(&self) -> Result<Vec<Assignment>, StoreError> {
        self.store()
            .assignments_where(&format!("{ASSIGNMENT_COLUMNS} ORDER BY due_at, id"), &[])
    }

    /// Employees whose assigned curriculum is past due at `now` and not completed, earliest due
    /// first. A team's assignment binds those in the team when it was made, so people who join
    /// later are not overdue on their first day (the rule [`TraineeView::overdue`] uses too).
    pub fn overdue(&self, now: Timestamp) -> Result<Vec<Overdue>, StoreError> {
        self.store().overdue_rows(now, None)
    }

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
        scenarios: &[String],
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
                q = q.bind(id.clone());
            }
            let rows = q.fetch_all(store.pool()).await?;
            rows.iter()
                .map(|r| {
                    Ok(CohortLoss {
                        scenario_id: r.try_get("scenario_id")?,
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
                    activity: r.try_get("scenario_id")?,
                    scores: Some(PerDimension {
                        speed: score(r, "speed")?,
                        empathy: score(r, "empathy")?,
                        follow_through: score(r, "follow_through")?,
                    }),
                    triage_passed: None,
                    at: Timestamp(r.try_get("finished_at")?),
                });
            }
            for r in &shifts {
                out.push(PlayResult {
                    activity: r.try_get("shift_id")?,
                    scores: None,
                    triage_passed: Some(r.try_get::<i64, _>("passed")? != 0),
                    at: Timestamp(r.try_get("finished_at")?),
                });
            }
            out.sort_by_key(|p| p.at);
            Ok(out)
        })
    }
}

impl TraineeView {
    /// This trainee's sessions, newest first.
    pub fn sessions(&self) -> Result<Vec<TrainingSession>, StoreError> {
        let store = self.store();
        store.block_on(store.session_rows(
            &format!(
                "{SESSION_COLUMNS} WHERE id IN (SELECT session_id FROM session_members
                 WHERE employee_id = $1) ORDER BY started_at DESC, id"
            ),
            Some(self.employee().id.to_string()),
        ))
    }

    /// Curricula assigned to this trainee or their team, soonest due first.
    pub fn assignments(&self) -> Result<Vec<Assignment>, StoreError> {
        let me = self.employee();
        self.store().assignments_where(
            &format!(
                "{ASSIGNMENT_COLUMNS} WHERE employee_id = $1 OR (employee_id IS NULL AND team = $2)
                 ORDER BY due_at, id"
            ),
            &[me.id.to_string(), me.team.clone()],
        )
    }

    /// This trainee's plays since `since`, oldest first.
    pub fn plays(&self, since: Timestamp) -> Result<Vec<PlayResult>, StoreError> {
        self.store().plays_of(self.employee().id, since)
    }

    /// Records a finished shift's triage.
    pub fn record_shift(
        &self,
        shift_id: &str,
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
        curriculum_id: &str,
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
    pub fn completions(&self) -> Result<Vec<(String, Timestamp)>, StoreError> {
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
                        r.try_get("curriculum_id")?,
                        Timestamp(r.try_get("completed_at")?),
                    ))
                })
                .collect()
        })
    }
}
