//! Overdue work, one rule for everyone who asks (the manager's list, the trainee's own training):
//! an assignment is overdue when its due date has passed and the curriculum is not completed. A
//! team's assignment binds those in the team when it was made; people who join the team later are
//! not overdue on their first day.

use sqlx::Row;

use crate::connect::Store;
use crate::error::StoreError;
use crate::ids::EmployeeId;
use crate::onboarding::{Overdue, employee};
use crate::time_fmt::Timestamp;
use crate::trainee::TraineeView;

const OVERDUE: &str =
    "SELECT e.id AS employee_id, e.display_name, a.curriculum_id, MIN(a.due_at) AS due_at
     FROM assignments a
     JOIN employees e ON e.id = a.employee_id
        OR (a.employee_id IS NULL AND e.team = a.team AND e.created_at <= a.created_at)
     WHERE a.due_at < $1 AND NOT EXISTS (
        SELECT 1 FROM curriculum_completions c
        WHERE c.employee_id = e.id AND c.curriculum_id = a.curriculum_id)";

const GROUPED: &str = " GROUP BY e.id, e.display_name, a.curriculum_id
     ORDER BY MIN(a.due_at), e.display_name";

impl Store {
    /// Overdue work at `now`, of everyone or of one employee.
    pub(crate) fn overdue_rows(
        &self,
        now: Timestamp,
        of: Option<EmployeeId>,
    ) -> Result<Vec<Overdue>, StoreError> {
        self.block_on(async {
            let sql = match of {
                Some(_) => format!("{OVERDUE} AND e.id = $2{GROUPED}"),
                None => format!("{OVERDUE}{GROUPED}"),
            };
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(now.0);
            if let Some(id) = of {
                query = query.bind(id.to_string());
            }
            let rows = query.fetch_all(self.pool()).await?;
            rows.iter()
                .map(|r| {
                    Ok(Overdue {
                        employee: employee(r, "employee_id")?,
                        name: r.try_get("display_name")?,
                        curriculum_id: r.try_get::<String, _>("curriculum_id")?.into(),
                        due: Timestamp(r.try_get("due_at")?),
                    })
                })
                .collect()
        })
    }
}

impl TraineeView {
    /// The ids of this trainee's curricula that are overdue at `now`, by the same rule as the
    /// manager's list.
    pub fn overdue(&self, now: Timestamp) -> Result<Vec<care_engine::CurriculumId>, StoreError> {
        Ok(self
            .store()
            .overdue_rows(now, Some(self.employee().id))?
            .into_iter()
            .map(|o| o.curriculum_id)
            .collect())
    }
}
