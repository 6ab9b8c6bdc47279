//! Onboarding: training sessions (a curriculum and a cohort), curricula assigned with a due date,
//! completions, shift results, and what a facilitator reads about a cohort. Curricula themselves
//! are files; the store keeps their ids.

mod results;
mod sessions;

use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::any::AnyRow;
use uuid::Uuid;

use crate::error::StoreError;
use crate::ids::EmployeeId;
use crate::time_fmt::Timestamp;

/// A training session: a curriculum worked through by a cohort from `started`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingSession {
    pub id: Uuid,
    pub curriculum_id: care_engine::CurriculumId,
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
    pub curriculum_id: care_engine::CurriculumId,
    pub to: Assignee,
    pub due: Timestamp,
    pub created: Timestamp,
}

/// One finished play as a curriculum counts it: a scenario's scores or a shift's triage.
#[derive(Debug, Clone, PartialEq)]
pub struct PlayResult {
    pub played: care_engine::curriculum::Played,
    pub at: Timestamp,
}

/// A beat where a cohort loses points, across its members' attempts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CohortLoss {
    pub scenario_id: care_engine::ScenarioId,
    pub beat_key: String,
    pub attempts: i64,
    pub points: i64,
}

/// Work assigned and not completed by its due date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overdue {
    pub employee: EmployeeId,
    pub name: String,
    pub curriculum_id: care_engine::CurriculumId,
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
