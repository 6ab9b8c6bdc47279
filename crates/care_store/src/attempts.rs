//! Finished (or abandoned) attempts: written once in one transaction, read back for review.

use std::collections::BTreeMap;

use care_engine::model::PerDimension;
use care_engine::transcript::{Event, Transcript};
use care_engine::{Outcome, Scenario, ScoreCard};
use serde::{Deserialize, Serialize};
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use crate::connect::Store;
use crate::error::StoreError;
use crate::ids::{AttemptId, EmployeeId};
use crate::outbox::OutboxStatement;
use crate::retry;
use crate::time_fmt::Timestamp;

/// How an attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AttemptStatus {
    /// Played to an ending and scored.
    Finished,
    /// Interrupted (a crash or a closed window) and not resumed.
    Abandoned,
}

impl AttemptStatus {
    pub fn slug(self) -> &'static str {
        match self {
            AttemptStatus::Finished => "finished",
            AttemptStatus::Abandoned => "abandoned",
        }
    }

    fn from_slug(s: &str) -> AttemptStatus {
        if s == "finished" {
            AttemptStatus::Finished
        } else {
            AttemptStatus::Abandoned
        }
    }
}

/// An attempt to save. Serialisable, so a save waiting for the database can be journalled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewAttempt {
    /// Chosen when the run started; saving the same id twice stores it once.
    pub id: AttemptId,
    pub employee: EmployeeId,
    pub scenario_id: care_engine::ScenarioId,
    pub scenario_title: String,
    pub content_hash: String,
    pub seed: u64,
    pub status: AttemptStatus,
    pub started: Timestamp,
    pub finished: Timestamp,
    pub duration_ms: u64,
    /// The scores with their reasons (none for an abandoned attempt).
    pub card: Option<ScoreCard>,
    /// Every event and answer (none for an abandoned attempt).
    pub transcript: Option<Transcript>,
    /// Learning records about this attempt, queued in the same transaction (see [`Outbox`]).
    ///
    /// [`Outbox`]: crate::Outbox
    #[serde(default, with = "crate::statement_serde")]
    pub statements: Vec<OutboxStatement>,
}

impl NewAttempt {
    /// A finished run of `scenario`.
    pub fn finished(
        id: AttemptId,
        employee: EmployeeId,
        scenario: &Scenario,
        started: Timestamp,
        finished: Timestamp,
        transcript: Transcript,
        card: ScoreCard,
    ) -> NewAttempt {
        NewAttempt {
            id,
            employee,
            scenario_id: scenario.id.clone(),
            scenario_title: scenario.title.clone(),
            content_hash: transcript.content_hash.clone(),
            seed: transcript.seed,
            status: AttemptStatus::Finished,
            started,
            finished,
            duration_ms: transcript.duration_ms(),
            card: Some(card),
            transcript: Some(transcript),
            statements: Vec::new(),
        }
    }

    /// The same attempt with learning records to queue alongside it.
    pub fn with_statements(mut self, statements: Vec<OutboxStatement>) -> NewAttempt {
        self.statements = statements;
        self
    }

    fn scores(&self) -> PerDimension<i32> {
        self.card.as_ref().map_or(
            PerDimension {
                speed: 0,
                empathy: 0,
                follow_through: 0,
            },
            ScoreCard::scores,
        )
    }
}

/// Whether a save wrote anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Saved {
    Stored,
    /// The attempt was already in the store (a retried save); nothing changed.
    AlreadyStored,
}

/// One attempt in a list: scores without the transcript.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttemptRow {
    pub id: AttemptId,
    pub employee: EmployeeId,
    pub scenario_id: care_engine::ScenarioId,
    pub scenario_title: String,
    pub status: AttemptStatus,
    pub started: Timestamp,
    pub finished: Timestamp,
    pub duration_ms: u64,
    pub scores: PerDimension<i32>,
    pub overall: i32,
    pub passed: bool,
    /// The ending reached (`Resolved`, `Lost`, …), or `Abandoned`.
    pub outcome: String,
}

/// One attempt with everything needed to replay it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AttemptDetail {
    pub row: AttemptRow,
    pub content_hash: String,
    pub seed: u64,
    pub card: Option<ScoreCard>,
    pub transcript: Option<Transcript>,
}

pub(crate) const ROW_COLUMNS: &str = "a.id, a.employee_id, a.scenario_id, a.scenario_title, a.status, a.started_at, a.finished_at, a.duration_ms, a.speed, a.empathy, a.follow_through, a.overall, a.passed, a.outcome";

fn int(row: &AnyRow, col: &str) -> Result<i64, StoreError> {
    Ok(row.try_get::<i64, _>(col)?)
}

fn score(row: &AnyRow, col: &str) -> Result<i32, StoreError> {
    Ok(i32::try_from(int(row, col)?.clamp(-1000, 1000)).unwrap_or_default())
}

pub(crate) fn attempt_row(row: &AnyRow) -> Result<AttemptRow, StoreError> {
    let id: String = row.try_get("id")?;
    let employee: String = row.try_get("employee_id")?;
    let bad = |what: &str, v: &str| StoreError::Invalid(format!("bad {what} {v:?} in the store"));
    Ok(AttemptRow {
        id: id.parse().map_err(|_| bad("attempt id", &id))?,
        employee: employee
            .parse()
            .map_err(|_| bad("employee id", &employee))?,
        scenario_id: row.try_get::<String, _>("scenario_id")?.into(),
        scenario_title: row.try_get("scenario_title")?,
        status: AttemptStatus::from_slug(&row.try_get::<String, _>("status")?),
        started: Timestamp(int(row, "started_at")?),
        finished: Timestamp(int(row, "finished_at")?),
        duration_ms: u64::try_from(int(row, "duration_ms")?).unwrap_or_default(),
        scores: PerDimension {
            speed: score(row, "speed")?,
            empathy: score(row, "empathy")?,
            follow_through: score(row, "follow_through")?,
        },
        overall: score(row, "overall")?,
        passed: int(row, "passed")? != 0,
        outcome: row.try_get("outcome")?,
    })
}

/// Points lost per beat key: each losing reason is charged to the beat its moment belongs to.
pub(crate) fn losses_by_beat(card: &ScoreCard, transcript: &Transcript) -> BTreeMap<String, i64> {
    let mut beat_of_moment = Vec::with_capacity(transcript.moments.len());
    let mut current = String::new();
    for m in &transcript.moments {
        if let Event::BeatStarted { key, .. } = &m.event {
            current.clone_from(key);
        }
        beat_of_moment.push(current.clone());
    }
    let mut out = BTreeMap::new();
    for d in care_engine::Dimension::ALL {
        for r in &card.get(d).reasons {
            if r.points < 0 {
                let beat = beat_of_moment
                    .get(r.moment)
                    .filter(|k| !k.is_empty())
                    .cloned()
                    .unwrap_or_else(|| "(start)".to_string());
                *out.entry(beat).or_insert(0) += i64::from(-r.points);
            }
        }
    }
    out
}

fn outcome_name(outcome: Option<Outcome>) -> String {
    outcome.map_or_else(|| "Unfinished".to_string(), |o| format!("{o:?}"))
}

/// Writes one attempt and updates the summaries, inside the caller's transaction.
/// Returns false when the attempt was already stored.
pub(crate) async fn insert_attempt(
    tx: &mut Transaction<'static, Any>,
    a: &NewAttempt,
) -> Result<bool, sqlx::Error> {
    let scores = a.scores();
    let overall = a.card.as_ref().map_or(0, |c| c.overall);
    let passed = a.card.as_ref().is_some_and(|c| c.passed);
    let outcome = match a.status {
        AttemptStatus::Abandoned => "Abandoned".to_string(),
        AttemptStatus::Finished => outcome_name(a.card.as_ref().and_then(|c| c.outcome)),
    };
    let record = crate::record::encode(a.card.as_ref(), a.transcript.as_ref());
    crate::pending::replace_abandoned(tx, a).await?;
    let inserted = sqlx::query(
        "INSERT INTO attempts (id, employee_id, scenario_id, scenario_title, content_hash, seed,
            status, started_at, finished_at, duration_ms, speed, empathy, follow_through, overall,
            passed, outcome)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(a.id.to_string())
    .bind(a.employee.to_string())
    .bind(a.scenario_id.to_string())
    .bind(a.scenario_title.clone())
    .bind(a.content_hash.clone())
    .bind(a.seed as i64)
    .bind(a.status.slug())
    .bind(a.started.0)
    .bind(a.finished.0)
    .bind(i64::try_from(a.duration_ms).unwrap_or(i64::MAX))
    .bind(i64::from(scores.speed))
    .bind(i64::from(scores.empathy))
    .bind(i64::from(scores.follow_through))
    .bind(i64::from(overall))
    .bind(i64::from(passed))
    .bind(outcome)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        return Ok(false);
    }
    crate::outbox::insert_statements(tx, &a.statements).await?;
    sqlx::query("INSERT INTO attempt_records (attempt_id, record) VALUES ($1, $2)")
        .bind(a.id.to_string())
        .bind(record)
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM checkpoints WHERE attempt_id = $1")
        .bind(a.id.to_string())
        .execute(&mut **tx)
        .await?;
    if a.status != AttemptStatus::Finished {
        return Ok(true);
    }
    if let (Some(card), Some(t)) = (&a.card, &a.transcript) {
        for (beat, points) in losses_by_beat(card, t) {
            sqlx::query(
                "INSERT INTO attempt_losses (attempt_id, scenario_id, beat_key, points)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(a.id.to_string())
            .bind(a.scenario_id.to_string())
            .bind(beat)
            .bind(points)
            .execute(&mut **tx)
            .await?;
        }
    }
    sqlx::query(
        "INSERT INTO employee_scenarios (employee_id, scenario_id, attempts, passes, best_overall)
         VALUES ($1, $2, 1, $3, $4)
         ON CONFLICT (employee_id, scenario_id) DO UPDATE SET
            attempts = employee_scenarios.attempts + 1,
            passes = employee_scenarios.passes + excluded.passes,
            best_overall = CASE WHEN excluded.best_overall > employee_scenarios.best_overall
                THEN excluded.best_overall ELSE employee_scenarios.best_overall END",
    )
    .bind(a.employee.to_string())
    .bind(a.scenario_id.to_string())
    .bind(i64::from(passed))
    .bind(i64::from(overall))
    .execute(&mut **tx)
    .await?;
    let mean = f64::from(scores.speed + scores.empathy + scores.follow_through) / 3.0;
    sqlx::query(
        "INSERT INTO employee_stats (employee_id, attempts, sum_speed, sum_empathy,
            sum_follow_through, latest_at, latest_speed, latest_empathy, latest_follow_through,
            best_speed, best_empathy, best_follow_through, scenarios_passed, ema_fast, ema_slow)
         VALUES ($1, 1, $2, $3, $4, $5, $2, $3, $4, $2, $3, $4,
            (SELECT COUNT(*) FROM employee_scenarios s WHERE s.employee_id = $1 AND s.passes > 0),
            $6, $6)
         ON CONFLICT (employee_id) DO UPDATE SET
            attempts = employee_stats.attempts + 1,
            sum_speed = employee_stats.sum_speed + excluded.sum_speed,
            sum_empathy = employee_stats.sum_empathy + excluded.sum_empathy,
            sum_follow_through = employee_stats.sum_follow_through + excluded.sum_follow_through,
            latest_speed = CASE WHEN excluded.latest_at >= employee_stats.latest_at
                THEN excluded.latest_speed ELSE employee_stats.latest_speed END,
            latest_empathy = CASE WHEN excluded.latest_at >= employee_stats.latest_at
                THEN excluded.latest_empathy ELSE employee_stats.latest_empathy END,
            latest_follow_through = CASE WHEN excluded.latest_at >= employee_stats.latest_at
                THEN excluded.latest_follow_through ELSE employee_stats.latest_follow_through END,
            latest_at = CASE WHEN excluded.latest_at >= employee_stats.latest_at
                THEN excluded.latest_at ELSE employee_stats.latest_at END,
            best_speed = CASE WHEN excluded.best_speed > employee_stats.best_speed
                THEN excluded.best_speed ELSE employee_stats.best_speed END,
            best_empathy = CASE WHEN excluded.best_empathy > employee_stats.best_empathy
                THEN excluded.best_empathy ELSE employee_stats.best_empathy END,
            best_follow_through = CASE WHEN excluded.best_follow_through > employee_stats.best_follow_through
                THEN excluded.best_follow_through ELSE employee_stats.best_follow_through END,
            scenarios_passed = excluded.scenarios_passed,
            ema_fast = employee_stats.ema_fast * 0.5 + excluded.ema_fast * 0.5,
            ema_slow = employee_stats.ema_slow * 0.85 + excluded.ema_slow * 0.15",
    )
    .bind(a.employee.to_string())
    .bind(i64::from(scores.speed))
    .bind(i64::from(scores.empathy))
    .bind(i64::from(scores.follow_through))
    .bind(a.finished.0)
    .bind(mean)
    .execute(&mut **tx)
    .await?;
    Ok(true)
}

impl Store {
    /// Saves attempts in one transaction each batch: all of a batch or none of it.
    pub(crate) fn record_batch(&self, batch: &[NewAttempt]) -> Result<Vec<Saved>, StoreError> {
        let saved = self.block_on(retry::on_busy(|| async {
            let mut tx = self.begin_write().await?;
            let mut out = Vec::with_capacity(batch.len());
            for a in batch {
                out.push(if insert_attempt(&mut tx, a).await? {
                    Saved::Stored
                } else {
                    Saved::AlreadyStored
                });
            }
            tx.commit().await?;
            Ok(out)
        }))?;
        Ok(saved)
    }

    /// Attempts of one employee, oldest first, without transcripts.
    pub(crate) fn attempts_of(&self, employee: EmployeeId) -> Result<Vec<AttemptRow>, StoreError> {
        self.block_on(async {
            let sql = format!(
                "SELECT {ROW_COLUMNS} FROM attempts a WHERE a.employee_id = $1
                 ORDER BY a.finished_at, a.id"
            );
            let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(employee.to_string())
                .fetch_all(self.pool())
                .await?;
            rows.iter().map(attempt_row).collect()
        })
    }

    /// One attempt with its transcript; `owner` limits it to one employee's attempts.
    pub(crate) fn attempt_detail(
        &self,
        id: AttemptId,
        owner: Option<EmployeeId>,
    ) -> Result<AttemptDetail, StoreError> {
        let row = self.block_on(async {
            let sql = format!(
                "SELECT {ROW_COLUMNS}, a.content_hash, a.seed, r.record
                 FROM attempts a JOIN attempt_records r ON r.attempt_id = a.id WHERE a.id = $1"
            );
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(id.to_string())
                .fetch_optional(self.pool())
                .await
        })?;
        let Some(row) = row else {
            return Err(StoreError::NoSuchAttempt(id.to_string()));
        };
        let detail_row = attempt_row(&row)?;
        if owner.is_some_and(|o| o != detail_row.employee) {
            return Err(StoreError::NoSuchAttempt(id.to_string()));
        }
        let record: Vec<u8> = row.try_get("record")?;
        let (card, transcript) = crate::record::decode(id, &record)?;
        Ok(AttemptDetail {
            row: detail_row,
            content_hash: row.try_get("content_hash")?,
            seed: row.try_get::<i64, _>("seed")? as u64,
            card,
            transcript,
        })
    }
}
