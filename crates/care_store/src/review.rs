//! The manager's pages: team overview, one employee over time, one scenario's weak spots.

use care_engine::model::PerDimension;
use care_engine::{Dimension, ScenarioId};
use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::attempts::{AttemptRow, AttemptStatus};
use crate::connect::{Backend, Store};
use crate::employees::Employee;
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

/// One employee's record on one scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScenarioResult {
    pub scenario_id: ScenarioId,
    /// Finished attempts.
    pub attempts: i64,
    /// Attempts that passed.
    pub passes: i64,
    pub best_overall: i32,
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
    pub scenario_id: ScenarioId,
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

const OVERVIEW_COLUMNS: &str = "e.id, e.display_name, e.team, e.created_at,
        s.attempts, s.sum_speed, s.sum_empathy, s.sum_follow_through, s.latest_at,
        s.latest_speed, s.latest_empathy, s.latest_follow_through,
        s.best_speed, s.best_empathy, s.best_follow_through, s.scenarios_passed,
        s.ema_fast, s.ema_slow";

/// One overview line as the database hands it over, in [`OVERVIEW_COLUMNS`] order.
#[derive(Deserialize)]
struct RawOverview(
    String,
    String,
    String,
    i64,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<f64>,
    Option<f64>,
);

/// A plain overview row, read by position in [`OVERVIEW_COLUMNS`] order.
fn raw_from_row(r: &sqlx::any::AnyRow) -> Result<RawOverview, sqlx::Error> {
    Ok(RawOverview(
        r.try_get(0)?,
        r.try_get(1)?,
        r.try_get(2)?,
        r.try_get(3)?,
        r.try_get(4)?,
        r.try_get(5)?,
        r.try_get(6)?,
        r.try_get(7)?,
        r.try_get(8)?,
        r.try_get(9)?,
        r.try_get(10)?,
        r.try_get(11)?,
        r.try_get(12)?,
        r.try_get(13)?,
        r.try_get(14)?,
        r.try_get(15)?,
        r.try_get(16)?,
        r.try_get(17)?,
    ))
}

fn clamp_score(v: Option<i64>) -> i32 {
    i32::try_from(v.unwrap_or(0).clamp(0, 100)).unwrap_or_default()
}

fn overview_from_raw(r: RawOverview) -> Result<OverviewRow, StoreError> {
    let employee = Employee {
        id: r
            .0
            .parse()
            .map_err(|_| StoreError::Invalid(format!("bad employee id {:?} in the store", r.0)))?,
        display_name: r.1,
        team: r.2,
        created: Timestamp(r.3),
    };
    let Some(n) = r.4.filter(|n| *n > 0) else {
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
    let mean = |sum: Option<i64>| sum.unwrap_or(0) as f64 / n as f64;
    let average = PerDimension {
        speed: mean(r.5),
        empathy: mean(r.6),
        follow_through: mean(r.7),
    };
    Ok(OverviewRow {
        employee,
        attempts: n,
        latest: Some(PerDimension {
            speed: clamp_score(r.9),
            empathy: clamp_score(r.10),
            follow_through: clamp_score(r.11),
        }),
        best: Some(PerDimension {
            speed: clamp_score(r.12),
            empathy: clamp_score(r.13),
            follow_through: clamp_score(r.14),
        }),
        weakest: Some(weakest(&average)),
        average: Some(average),
        scenarios_passed: r.15.unwrap_or(0),
        trend: Trend::from_averages(n, r.16.unwrap_or(0.0), r.17.unwrap_or(0.0)),
        last_active: r.8.map(Timestamp),
    })
}

/// Sorts overview rows in place; employees without attempts go last whatever the direction.
pub fn sort_overview(rows: &mut Vec<OverviewRow>, key: SortKey, descending: bool) {
    // Lower-cased names are computed once, not in every comparison.
    let mut keyed: Vec<(String, OverviewRow)> = rows
        .drain(..)
        .map(|r| (r.employee.display_name.to_lowercase(), r))
        .collect();
    keyed.sort_by(|(name_a, a), (name_b, b)| {
        let by_key = match key {
            SortKey::Name => name_a.cmp(name_b),
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
        by_key.then_with(|| name_a.cmp(name_b))
    });
    rows.extend(keyed.into_iter().map(|(_, r)| r));
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
    /// Overview lines matching `condition` (SQL over `e`, with one text parameter `$1`).
    ///
    /// SQLite packs all lines into one JSON array, because handing ten thousand rows over one by
    /// one from its worker thread costs more than the query; PostgreSQL streams rows cheaply but
    /// builds JSON slowly, so it sends plain rows.
    fn overview_lines(
        &self,
        condition: &str,
        param: String,
    ) -> Result<Vec<OverviewRow>, StoreError> {
        let from = format!(
            "FROM employees e LEFT JOIN employee_stats s ON s.employee_id = e.id WHERE {condition}"
        );
        let raw: Vec<RawOverview> = match self.backend() {
            Backend::Sqlite => {
                let sql = format!(
                    "SELECT json_group_array(json_array({OVERVIEW_COLUMNS})) AS lines {from}"
                );
                let json: String = self.block_on(async {
                    sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(param)
                        .fetch_one(self.pool())
                        .await?
                        .try_get::<String, _>("lines")
                })?;
                serde_json::from_str(&json).map_err(StoreError::corrupt("team overview"))?
            }
            Backend::Postgres => {
                let sql = format!("SELECT {OVERVIEW_COLUMNS} {from}");
                let rows = self.block_on(
                    sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(param)
                        .fetch_all(self.pool()),
                )?;
                rows.iter()
                    .map(raw_from_row)
                    .collect::<Result<_, sqlx::Error>>()?
            }
        };
        raw.into_iter().map(overview_from_raw).collect()
    }

    pub(crate) fn team_overview(
        &self,
        filter: &TeamFilter,
    ) -> Result<Vec<OverviewRow>, StoreError> {
        let team = filter.team.clone().unwrap_or_default();
        let mut out = self.overview_lines("($1 = '' OR e.team = $1)", team)?;
        let needle = filter.name_contains.trim().to_lowercase();
        if !needle.is_empty() {
            out.retain(|r| r.employee.display_name.to_lowercase().contains(&needle));
        }
        sort_overview(&mut out, filter.sort, filter.descending);
        Ok(out)
    }

    pub(crate) fn overview_row(&self, employee: &Employee) -> Result<OverviewRow, StoreError> {
        self.overview_lines("e.id = $1", employee.id.to_string())?
            .pop()
            .ok_or_else(|| StoreError::NoSuchEmployee(employee.id.to_string()))
    }

    pub(crate) fn employee_page(&self, id: EmployeeId) -> Result<EmployeePage, StoreError> {
        let employee = self.employee(id)?;
        Ok(EmployeePage {
            summary: self.overview_row(&employee)?,
            attempts: self.attempts_of(id)?,
        })
    }

    pub(crate) fn scenario_page(&self, id: &ScenarioId) -> Result<ScenarioPage, StoreError> {
        self.block_on(async {
            let head = sqlx::query(
                "SELECT COUNT(*) AS n, CAST(COALESCE(SUM(passed), 0) AS BIGINT) AS p,
                    CAST(AVG(speed) AS DOUBLE PRECISION) AS s,
                    CAST(AVG(empathy) AS DOUBLE PRECISION) AS e,
                    CAST(AVG(follow_through) AS DOUBLE PRECISION) AS f,
                    MAX(scenario_title) AS title
                 FROM attempts WHERE scenario_id = $1 AND status = 'finished'",
            )
            .bind(id.to_string())
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
            .bind(id.to_string())
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
                scenario_id: id.clone(),
                title: head
                    .try_get::<Option<String>, _>("title")?
                    .unwrap_or_else(|| id.to_string()),
                attempts: n,
                passed: head.try_get("p")?,
                average,
                losses,
            })
        })
    }

    pub(crate) fn scenario_results_of(
        &self,
        employee: EmployeeId,
    ) -> Result<Vec<ScenarioResult>, StoreError> {
        self.block_on(async {
            let rows = sqlx::query(
                "SELECT scenario_id, attempts, passes, best_overall FROM employee_scenarios
                 WHERE employee_id = $1 ORDER BY scenario_id",
            )
            .bind(employee.to_string())
            .fetch_all(self.pool())
            .await?;
            rows.iter()
                .map(|r| {
                    Ok(ScenarioResult {
                        scenario_id: r.try_get::<String, _>("scenario_id")?.into(),
                        attempts: r.try_get("attempts")?,
                        passes: r.try_get("passes")?,
                        best_overall: i32::try_from(r.try_get::<i64, _>("best_overall")?)
                            .unwrap_or_default(),
                    })
                })
                .collect::<Result<Vec<_>, sqlx::Error>>()
                .map_err(StoreError::from)
        })
    }

    pub(crate) fn scenarios_played(&self) -> Result<Vec<(ScenarioId, String)>, StoreError> {
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
                out.push((id.into(), title));
            }
            out.sort_by(|a, b| a.1.cmp(&b.1));
            Ok(out)
        })
    }
}
