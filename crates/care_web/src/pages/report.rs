//! `/report.csv`: the results report, written by the same code as `care report --csv` (so the
//! bytes are the same) with its filters as query parameters: `team`, `scenario`, `since`,
//! `until` (YYYY-MM-DD, UTC, or RFC 3339).

use axum::extract::Query;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use care_store::Timestamp;
use care_store::report::{ReportFilter, write_csv};
use serde::Deserialize;

use crate::auth::Manager;
use crate::blocking::blocking;
use crate::error::WebError;

#[derive(Debug, Default, Deserialize)]
pub(crate) struct ReportQuery {
    team: Option<String>,
    scenario: Option<String>,
    since: Option<String>,
    until: Option<String>,
}

fn given(v: Option<String>) -> Option<String> {
    v.filter(|t| !t.trim().is_empty())
}

fn date(name: &str, v: Option<String>) -> Result<Option<Timestamp>, WebError> {
    given(v)
        .map(|t| {
            Timestamp::parse(&t).ok_or_else(|| {
                WebError::BadRequest(format!(
                    "{name}={t:?} is not a date; write it as YYYY-MM-DD, for example 2026-11-01"
                ))
            })
        })
        .transpose()
}

impl ReportQuery {
    /// The report filter these parameters mean, as `care report`'s flags would.
    pub(crate) fn filter(self) -> Result<ReportFilter, WebError> {
        Ok(ReportFilter {
            since: date("since", self.since)?,
            until: date("until", self.until)?,
            team: given(self.team),
            scenario: given(self.scenario).map(care_engine::ScenarioId::from),
        })
    }
}

/// `GET /report.csv`.
pub(crate) async fn csv(
    Manager(access): Manager,
    Query(q): Query<ReportQuery>,
) -> Result<Response, WebError> {
    let filter = q.filter()?;
    let bytes = blocking(move || {
        let mut out = Vec::new();
        write_csv(&access, &filter, &mut out)?;
        Ok::<_, care_store::StoreError>(out)
    })
    .await?;
    Ok((
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                CONTENT_DISPOSITION,
                "attachment; filename=\"care-report.csv\"",
            ),
        ],
        bytes,
    )
        .into_response())
}
