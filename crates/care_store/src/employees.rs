//! Employees: who can sign in, and the manager's export and deletion of one employee's data.

use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::attempts::AttemptDetail;
use crate::connect::Store;
use crate::error::StoreError;
use crate::ids::EmployeeId;
use crate::retry;
use crate::time_fmt::Timestamp;

/// Longest display name or team name accepted.
pub const MAX_NAME_CHARS: usize = 80;

/// One employee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Employee {
    pub id: EmployeeId,
    pub display_name: String,
    /// Team or branch.
    pub team: String,
    pub created: Timestamp,
}

/// Everything the store holds about one employee, for handing over on request.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EmployeeExport {
    pub employee: Employee,
    pub exported: Timestamp,
    pub attempts: Vec<AttemptDetail>,
}

pub(crate) fn employee_from_row(row: &AnyRow) -> Result<Employee, StoreError> {
    let id: String = row.try_get("id")?;
    Ok(Employee {
        id: id
            .parse()
            .map_err(|_| StoreError::Invalid(format!("bad employee id {id:?} in the store")))?,
        display_name: row.try_get("display_name")?,
        team: row.try_get("team")?,
        created: Timestamp(row.try_get("created_at")?),
    })
}

fn clean_name(what: &str, text: &str) -> Result<String, StoreError> {
    let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.is_empty() {
        return Err(StoreError::Invalid(format!(
            "the {what} is empty; type a {what}"
        )));
    }
    if t.chars().count() > MAX_NAME_CHARS {
        return Err(StoreError::Invalid(format!(
            "the {what} is longer than {MAX_NAME_CHARS} characters; shorten it"
        )));
    }
    Ok(t)
}

impl Store {
    /// Adds an employee. Names are trimmed; two people may share a name (they get different ids).
    pub fn add_employee(&self, display_name: &str, team: &str) -> Result<Employee, StoreError> {
        let employee = Employee {
            id: EmployeeId::new(),
            display_name: clean_name("name", display_name)?,
            team: clean_name("team", team)?,
            created: Timestamp::now(),
        };
        self.insert_employee(&employee)?;
        Ok(employee)
    }

    pub(crate) fn insert_employee(&self, e: &Employee) -> Result<(), StoreError> {
        self.block_on(retry::on_busy(|| async {
            sqlx::query(
                "INSERT INTO employees (id, display_name, team, created_at) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(e.id.to_string())
            .bind(e.display_name.clone())
            .bind(e.team.clone())
            .bind(e.created.0)
            .execute(self.pool())
            .await
            .map(|_| ())
        }))?;
        Ok(())
    }

    /// Everyone who can sign in, by team then name. Names and teams only: no results.
    pub fn employees(&self) -> Result<Vec<Employee>, StoreError> {
        self.block_on(async {
            let rows = sqlx::query(
                "SELECT id, display_name, team, created_at FROM employees
                 ORDER BY team, display_name, created_at",
            )
            .fetch_all(self.pool())
            .await?;
            rows.iter().map(employee_from_row).collect()
        })
    }

    /// One employee.
    pub fn employee(&self, id: EmployeeId) -> Result<Employee, StoreError> {
        self.block_on(async {
            let row = sqlx::query(
                "SELECT id, display_name, team, created_at FROM employees WHERE id = $1",
            )
            .bind(id.to_string())
            .fetch_optional(self.pool())
            .await?;
            match row {
                Some(r) => employee_from_row(&r),
                None => Err(StoreError::NoSuchEmployee(id.to_string())),
            }
        })
    }

    /// The teams in use, sorted.
    pub fn teams(&self) -> Result<Vec<String>, StoreError> {
        self.block_on(async {
            let rows = sqlx::query("SELECT DISTINCT team FROM employees ORDER BY team")
                .fetch_all(self.pool())
                .await?;
            rows.iter()
                .map(|r| r.try_get::<String, _>("team").map_err(StoreError::from))
                .collect()
        })
    }

    pub(crate) fn delete_employee_data(&self, id: EmployeeId) -> Result<bool, StoreError> {
        let key = id.to_string();
        let deleted = self.block_on(retry::on_busy(|| async {
            let mut tx = self.begin_write().await?;
            for sql in [
                "DELETE FROM attempt_losses WHERE attempt_id IN (SELECT id FROM attempts WHERE employee_id = $1)",
                "DELETE FROM attempt_records WHERE attempt_id IN (SELECT id FROM attempts WHERE employee_id = $1)",
                "DELETE FROM attempts WHERE employee_id = $1",
                "DELETE FROM checkpoints WHERE employee_id = $1",
                "DELETE FROM employee_scenarios WHERE employee_id = $1",
                "DELETE FROM employee_stats WHERE employee_id = $1",
                "DELETE FROM statement_outbox WHERE employee_id = $1",
                "DELETE FROM session_members WHERE employee_id = $1",
                "DELETE FROM assignments WHERE employee_id = $1",
                "DELETE FROM curriculum_completions WHERE employee_id = $1",
                "DELETE FROM shift_results WHERE employee_id = $1",
            ] {
                sqlx::query(sql).bind(key.clone()).execute(&mut *tx).await?;
            }
            let gone = sqlx::query("DELETE FROM employees WHERE id = $1")
                .bind(key.clone())
                .execute(&mut *tx)
                .await?
                .rows_affected();
            tx.commit().await?;
            Ok(gone > 0)
        }))?;
        Ok(deleted)
    }
}
