//! The results report: one line per attempt with filters, written as CSV for spreadsheets.

use std::borrow::Cow;
use std::io::Write;

use serde::Serialize;
use sqlx::Row;

use crate::attempts::{ROW_COLUMNS, attempt_row};
use crate::connect::Store;
use crate::error::StoreError;
use crate::manager::ManagerAccess;
use crate::time_fmt::Timestamp;

/// Which attempts a report holds. Empty fields match everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportFilter {
    pub team: Option<String>,
    pub scenario: Option<care_engine::ScenarioId>,
    /// Finished at or after.
    pub since: Option<Timestamp>,
    /// Finished before.
    pub until: Option<Timestamp>,
}

/// One attempt as a report line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportRow {
    pub employee: String,
    pub team: String,
    pub employee_id: String,
    pub attempt_id: String,
    pub scenario_id: String,
    pub scenario: String,
    pub status: String,
    pub started: String,
    pub finished: String,
    pub duration_s: f64,
    pub speed: i32,
    pub empathy: i32,
    pub follow_through: i32,
    pub overall: i32,
    pub passed: bool,
    pub outcome: String,
}

/// The CSV header, in [`ReportRow`] field order.
pub const HEADER: [&str; 16] = [
    "employee",
    "team",
    "employee_id",
    "attempt_id",
    "scenario_id",
    "scenario",
    "status",
    "started",
    "finished",
    "duration_s",
    "speed",
    "empathy",
    "follow_through",
    "overall",
    "passed",
    "outcome",
];

/// Rows read per query while walking a large report.
const PAGE: i64 = 2_000;

impl Store {
    pub(crate) fn report(
        &self,
        filter: &ReportFilter,
        each: &mut dyn FnMut(&ReportRow) -> Result<(), StoreError>,
    ) -> Result<u64, StoreError> {
        let sql = format!(
            "SELECT {ROW_COLUMNS}, e.display_name, e.team FROM attempts a
             JOIN employees e ON e.id = a.employee_id
             WHERE ($1 = '' OR e.team = $1) AND ($2 = '' OR a.scenario_id = $2)
               AND a.finished_at >= $3 AND a.finished_at < $4
               AND (a.finished_at > $5 OR (a.finished_at = $5 AND a.id > $6))
             ORDER BY a.finished_at, a.id LIMIT {PAGE}"
        );
        let team = filter.team.clone().unwrap_or_default();
        let scenario = filter
            .scenario
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
        let since = filter.since.map_or(i64::MIN, |t| t.0);
        let until = filter.until.map_or(i64::MAX, |t| t.0);
        let (mut after_at, mut after_id) = (i64::MIN, String::new());
        let mut count = 0u64;
        loop {
            let rows = self.block_on(
                sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
                    .bind(team.clone())
                    .bind(scenario.clone())
                    .bind(since)
                    .bind(until)
                    .bind(after_at)
                    .bind(after_id.clone())
                    .fetch_all(self.pool()),
            )?;
            for row in &rows {
                let a = attempt_row(row)?;
                let line = ReportRow {
                    employee: row.try_get("display_name")?,
                    team: row.try_get("team")?,
                    employee_id: a.employee.to_string(),
                    attempt_id: a.id.to_string(),
                    scenario_id: a.scenario_id.to_string(),
                    scenario: a.scenario_title.clone(),
                    status: a.status.slug().to_string(),
                    started: a.started.rfc3339(),
                    finished: a.finished.rfc3339(),
                    duration_s: (a.duration_ms as f64 / 100.0).round() / 10.0,
                    speed: a.scores.speed,
                    empathy: a.scores.empathy,
                    follow_through: a.scores.follow_through,
                    overall: a.overall,
                    passed: a.passed,
                    outcome: a.outcome.clone(),
                };
                each(&line)?;
                count += 1;
                after_at = a.finished.0;
                after_id = a.id.to_string();
            }
            if (rows.len() as i64) < PAGE {
                return Ok(count);
            }
        }
    }
}

/// `text` as a spreadsheet shows it, never as a formula: text that starts with `=`, `+`, `-`,
/// `@`, a tab or a carriage return gets a leading `'` (the OWASP advice against CSV injection),
/// so a name typed as `=HYPERLINK(…)` is shown, not run. For text cells only: numbers are
/// written by CARE as numbers, and a negative one stays a number.
pub fn spreadsheet_text(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

impl ReportRow {
    /// This line with every text cell passed through [`spreadsheet_text`]; the numbers as they
    /// are.
    pub fn for_spreadsheet(&self) -> ReportRow {
        let safe = |text: &String| spreadsheet_text(text).into_owned();
        ReportRow {
            employee: safe(&self.employee),
            team: safe(&self.team),
            employee_id: safe(&self.employee_id),
            attempt_id: safe(&self.attempt_id),
            scenario_id: safe(&self.scenario_id),
            scenario: safe(&self.scenario),
            status: safe(&self.status),
            started: safe(&self.started),
            finished: safe(&self.finished),
            outcome: safe(&self.outcome),
            ..self.clone()
        }
    }
}

/// Writes report lines as CSV with a header.
pub struct CsvReport<W: Write> {
    writer: csv::Writer<W>,
}

impl<W: Write> CsvReport<W> {
    pub fn new(out: W) -> CsvReport<W> {
        CsvReport {
            writer: csv::WriterBuilder::new()
                .has_headers(false)
                .from_writer(out),
        }
    }

    /// Writes the header line (also for a report with no rows).
    pub fn header(&mut self) -> Result<(), StoreError> {
        self.writer.write_record(HEADER)?;
        Ok(())
    }

    /// Writes one line, its text cells made safe for spreadsheets ([`spreadsheet_text`]).
    pub fn write(&mut self, row: &ReportRow) -> Result<(), StoreError> {
        self.writer.serialize(row.for_spreadsheet())?;
        Ok(())
    }

    pub fn finish(mut self) -> Result<(), StoreError> {
        self.writer.flush()?;
        Ok(())
    }
}

/// Writes the whole report for `filter` as CSV (header, then one line per attempt, oldest
/// first): what `care report --csv` and the web report send, byte for byte. Returns the number
/// of attempts written.
pub fn write_csv(
    manager: &ManagerAccess,
    filter: &ReportFilter,
    out: &mut dyn Write,
) -> Result<u64, StoreError> {
    let mut csv = CsvReport::new(out);
    csv.header()?;
    let rows = manager.report(filter, &mut |r| csv.write(r))?;
    csv.finish()?;
    Ok(rows)
}
