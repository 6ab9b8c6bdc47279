//! The manager's pages: team overview, one employee over time, one scenario's weak spots.

use care_engine::Dimension;
use care_engine::model::PerDimension;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::attempts::{AttemptRow, AttemptStatus};
use crate::connect::Store;
use crate::employees::{Employee, employee_from_row};
use crate::error::StoreError;
use crate::ids::EmployeeId;
pub use crate::stats::Trend;
use crate::stats::weakest;
use crate::time_fmt::Timestamp;

/// One employee's line in the team overview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverviewRow {
    pub employee: Employee,
    /// Finished attempts.
    pub attempts: i64,
    pub latest: Option<PerDimension<i32>>,
    pub best: Option<PerDimension<i32>>,
    pub average: Option<PerDimension<f64>>,
    /// Scenarios passed at least once.
    pub scenarios_passed: i64,
    pub trend: Trend,
    /// The dimension with the lowest average.
    pub weakest: Option<Dimension>,
    pub last_active: Option<Timestamp>,
}

/// Columns the overview can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Name,
    Team,
    Attempts,
    Latest(Dimension),
    Best(Dimension),
    ScenariosPassed,
    Trend,
    Weakest,
    LastActive,
}

/// Which employees the overview shows, in what order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TeamFilter {
    /// Only this team (exact name).
    pub team: Option<String>,
    /// Only names containing this text (any case).
    pub name_contains: String,
    pub sort: SortKey,
    pub descending: bool,
}

/// One employee over time.
#[derive(Debug, Clone)]
pub struct EmployeePage {
    pub summary: OverviewRow,
    /// Every attempt, oldest first (finished and abandoned).
    pub attempts: Vec<AttemptRow>,
}

impl EmployeePage {
    /// (finished time, score) per finished attempt, for plotting one dimension.
    pub fn series(&self, d: Dimension) -> Vec<(Timestamp, i32)> {
        self.attempts
            .iter()
            .filter(|a| a.status == AttemptStatus::Finished)
            .map(|a| (a.finished, a.scores.get(d)))
            .collect()
    }
}

/// Points lost at one beat of a scenario, over all its attempts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BeatLoss {
    pub beat_key: String,
    /// Attempts that lost points here.
    pub attempts: i64,
    /// Points lost here in total.
    pub points: i64,
}

/// One scenario across everyone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioPage {
    pub scenario_id: String,
    pub title: String,
    pub attempts: i64,
    pub passed: i64,
    pub average: Option<PerDimension<f64>>,
    /// Beats by how many attempts lost points there, most first.
    pub losses: Vec<BeatLoss>,
}

impl ScenarioPage {
    pub fn pass_rate(&self) -> Option<f64> {
        (self.attempts > 0).then(|| self.passed as f64 / self.attempts as f64)
    }

    /// The beat where most attempts lose points.
    pub fn weakest_beat(&self) -> Option<&BeatLoss> {
        self.losses.first()
    }
}

const OVERVIEW_SQL: &str = "SELECT e.id, e.display_name, e.team, e.created_at,
        s.attempts, s.sum_speed, s.sum_empathy, s.sum_follow_through, s.latest_at,
        s.latest_speed, s.latest_empathy, s.latest_follow_through,
        s.best_speed, s.best_empathy, s.best_follow_through, s.scenarios_passed,
        s.ema_fast, s.ema_slow
    FROM employees e LEFT JOIN employee_stats s ON s.employee_id = e.id";

fn clamp_score(v: i64) -> i32 {
    i32::try_from(v.clamp(0, 100)).unwrap_or_default()
}

fn overview_from_row(row: &AnyRow) -> Result<OverviewRow, StoreError> {
    let employee = employee_from_row(row)?;
    let attempts: Option<i64> = row.try_get("attempts")?;
    let Some(n) = attempts.filter(|n| *n > 0) else {
        return Ok(OverviewRow {
            employee,
            attempts: 0,
            latest: None,
            best: None,
            average: None,
            scenarios_passed: 0,
            trend: Trend::TooFew,
            weakest: None,
            last_active: None,
        });
    };
    let get = |c: &str| -> Result<i64, StoreError> { Ok(row.try_get::<i64, _>(c)?) };
    let average = PerDimension {
        speed: get("sum_speed")? as f64 / n as f64,
        empathy: get("sum_empathy")? as f64 / n as f64,
        follow_through: get("sum_follow_through")? as f64 / n as f64,
    };
    Ok(OverviewRow {
        employee,
        attempts: n,
        latest: Some(PerDimension {
            speed: clamp_score(get("latest_speed")?),
            empathy: clamp_score(get("latest_empathy")?),
            follow_through: clamp_score(get("latest_follow_through")?),
        }),
        best: Some(PerDimension {
            speed: clamp_score(get("best_speed")?),
            empathy: clamp_score(get("best_empathy")?),
            follow_through: clamp_score(get("best_follow_through")?),
        }),
        weakest: Some(weakest(&average)),
        average: Some(average),
        scenarios_passed: get("scenarios_passed")?,
        trend: Trend::from_averages(n, row.try_get("ema_fast")?, row.try_get("ema_slow")?),
        last_active: Some(Timestamp(get("latest_at")?)),
    })
}

/// Sorts overview rows in place; employees without attempts go last whatever the direction.
pub fn sort_overview(rows: &mut [OverviewRow], key: SortKey, descending: bool) {
    let name = |r: &OverviewRow| r.employee.display_name.to_lowercase();
    rows.sort_by(|a, b| {
        let by_key = match key {
            SortKey::Name => name(a).cmp(&name(b)),
            SortKey::Team => a.employee.team.cmp(&b.employee.team),
            SortKey::Attempts => a.attempts.cmp(&b.attempts),
            SortKey::Latest(d) => cmp_opt(
                a.latest.map(|s| s.get(d)),
                b.latest.map(|s| s.get(d)),
                descending,
            ),
            SortKey::Best(d) => cmp_opt(
                a.best.map(|s| s.get(d)),
                b.best.map(|s| s.get(d)),
                descending,
            ),
            SortKey::ScenariosPassed => a.scenarios_passed.cmp(&b.scenarios_passed),
            SortKey::Trend => a.trend.cmp(&b.trend),
            SortKey::Weakest => cmp_opt(a.weakest, b.weakest, descending),
            SortKey::LastActive => cmp_opt(a.last_active, b.last_active, descending),
        };
        let by_key = if descending { by_key.reverse() } else { by_key };
        by_key.then_with(|| name(a).cmp(&name(b)))
    });
}

/// Orders two optional values so that `None` ends up last after the caller's reversal.
fn cmp_opt<T: Ord>(a: Option<T>, b: Option<T>, descending: bool) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (a, b) {
        (Some(x), Some(y)) => x.cmp(&y),
        (None, None) => Ordering::Equal,
        (None, Some(_)) if descending => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) if descending => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
    }
}

impl Store {
    pub(crate) fn team_overview(
        &self,
        filter: &TeamFilter,
    ) -> Result<Vec<OverviewRow>, StoreError> {
        let rows = self.block_on(async {
            match &filter.team {
                Some(team) => {
                    let sql = format!("{OVERVIEW_SQL} WHERE e.team = $1");
                    sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(team.clone())
                        .fetch_all(self.pool())
                        .await
                }
                None => sqlx::query(OVERVIEW_SQL).fetch_all(self.pool()).await,
            }
        })?;
        let needle = filter.name_contains.trim().to_lowercase();
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let r = overview_from_row(row)?;
            if needle.is_empty() || r.employee.display_name.to_lowercase().contains(&needle) {
                out.push(r);
            }
        }
        sort_overview(&mut out, filter.sort, filter.descending);
        Ok(out)
    }

    pub(crate) fn overview_row(&self, employee: &Employee) -> Result<OverviewRow, StoreError> {
        let row = self.block_on(async {
            let sql = format!("{OVERVIEW_SQL} WHERE e.id = $1");
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(employee.id.to_string())
                .fetch_optional(self.pool())
                .await
        })?;
        match row {
            Some(r) => overview_from_row(&r),
            None => Err(StoreError::NoSuchEmployee(employee.id.to_string())),
        }
    }

    pub(crate) fn employee_page(&self, id: EmployeeId) -> Result<EmployeePage, StoreError> {
        let employee = self.employee(id)?;
        Ok(EmployeePage {
            summary: self.overview_row(&employee)?,
            attempts: self.attempts_of(id)?,
        })
    }

    pub(crate) fn scenario_page(&self, scenario_id: &str) -> Result<ScenarioPage, StoreError> {
        self.block_on(async {
            let head = sqlx::query(
                "SELECT COUNT(*) AS n, CAST(COALESCE(SUM(passed), 0) AS BIGINT) AS p,
                    CAST(AVG(speed) AS DOUBLE PRECISION) AS s,
                    CAST(AVG(empathy) AS DOUBLE PRECISION) AS e,
                    CAST(AVG(follow_through) AS DOUBLE PRECISION) AS f,
                    MAX(scenario_title) AS title
                 FROM attempts WHERE scenario_id = $1 AND status = 'finished'",
            )
            .bind(scenario_id.to_string())
            .fetch_one(self.pool())
            .await?;
            let n: i64 = head.try_get("n")?;
            let average = if n > 0 {
                Some(PerDimension {
                    speed: head.try_get("s")?,
                    empathy: head.try_get("e")?,
                    follow_through: head.try_get("f")?,
                })
            } else {
                None
            };
            let losses = sqlx::query(
                "SELECT beat_key, COUNT(*) AS n, CAST(SUM(points) AS BIGINT) AS pts
                 FROM attempt_losses WHERE scenario_id = $1
                 GROUP BY beat_key ORDER BY COUNT(*) DESC, SUM(points) DESC, beat_key",
            )
            .bind(scenario_id.to_string())
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|r| {
                Ok(BeatLoss {
                    beat_key: r.try_get("beat_key")?,
                    attempts: r.try_get("n")?,
                    points: r.try_get("pts")?,
                })
            })
            .collect::<Result<Vec<_>, sqlx::Error>>()?;
            Ok(ScenarioPage {
                scenario_id: scenario_id.to_string(),
                title: head
                    .try_get::<Option<String>, _>("title")?
                    .unwrap_or_else(|| scenario_id.to_string()),
                attempts: n,
                passed: head.try_get("p")?,
                average,
                losses,
            })
        })
    }

    pub(crate) fn scenarios_played(&self) -> Result<Vec<(String, String)>, StoreError> {
        self.block_on(async {
            // DISTINCT reads only the scenario index; one title lookup per scenario follows.
            let ids = sqlx::query("SELECT DISTINCT scenario_id FROM attempts")
                .fetch_all(self.pool())
                .await?;
            let mut out = Vec::with_capacity(ids.len());
            for r in &ids {
                let id: String = r.try_get("scenario_id")?;
                let title: String = sqlx::query(
                    "SELECT scenario_title FROM attempts WHERE scenario_id = $1 LIMIT 1",
                )
                .bind(id.clone())
                .fetch_one(self.pool())
                .await?
                .try_get("scenario_title")?;
                out.push((id, title));
            }
            out.sort_by(|a, b| a.1.cmp(&b.1));
            Ok(out)
        })
    }
}
