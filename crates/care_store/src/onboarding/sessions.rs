//! Training sessions and assignments: starting a session for a cohort, assigning a curriculum
//! to a person or a team with a due date, and reading them back for a manager or a trainee.

use sqlx::Row;
use uuid::Uuid;

use super::{Assignee, Assignment, Overdue, TrainingSession, employee, uuid};
use crate::connect::Store;
use crate::error::StoreError;
use crate::ids::EmployeeId;
use crate::manager::ManagerAccess;
use crate::retry;
use crate::time_fmt::Timestamp;
use crate::trainee::TraineeView;

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
                curriculum_id: r.try_get::<String, _>("curriculum_id")?.into(),
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
                        curriculum_id: r.try_get::<String, _>("curriculum_id")?.into(),
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
        curriculum_id: &care_engine::CurriculumId,
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
            curriculum_id: curriculum_id.clone(),
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
        curriculum_id: &care_engine::CurriculumId,
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
            curriculum_id: curriculum_id.clone(),
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
}
