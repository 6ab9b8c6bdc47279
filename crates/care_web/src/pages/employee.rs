//! `/employee/{id}`: one person's scores over time (SVG charts), every attempt, and the replay
//! of an attempt (`?attempt=ID`) with the reasons for every point.

use axum::extract::{Path, Query};
use care_engine::Dimension;
use care_store::{
    AttemptDetail, AttemptId, AttemptStatus, EmployeeId, EmployeePage, StoreError, dimension_name,
};
use maud::{Markup, html};
use serde::Deserialize;

use super::{count, score, trend};
use crate::auth::Manager;
use crate::blocking::blocking;
use crate::chart::scores_over_time;
use crate::error::WebError;
use crate::layout;
use crate::replay::replay;

#[derive(Deserialize)]
pub(crate) struct EmployeeQuery {
    attempt: Option<String>,
}

fn not_found() -> WebError {
    WebError::NotFound("There is nobody with this id: they may have been deleted.".into())
}

fn duration(ms: u64) -> String {
    let s = ms / 1000;
    format!("{}:{:02}", s / 60, s % 60)
}

fn render(page: &EmployeePage, open: Option<&AttemptDetail>) -> Markup {
    let s = &page.summary;
    let e = &s.employee;
    layout::page(
        &e.display_name,
        true,
        html! {
            p.noprint { a href="/team" { "← Team" } }
            h1 { (e.display_name) }
            p {
                (e.team) " · since " (e.created.short()) " · "
                (count(s.attempts, "finished attempt", "finished attempts")) " · "
                (count(s.scenarios_passed, "scenario passed", "scenarios passed")) " · trend " (trend(s.trend))
                @if let Some(d) = s.weakest { " · weakest: " strong { (dimension_name(d)) } }
            }
            div.scroll {
                table.summary {
                    thead { tr { th {} @for d in Dimension::ALL { th.n scope="col" { (dimension_name(d)) } } } }
                    tbody {
                        tr { th scope="row" { "Latest" } @for d in Dimension::ALL { td.n { (score(s.latest.map(|v| v.get(d)))) } } }
                        tr { th scope="row" { "Best" } @for d in Dimension::ALL { td.n { (score(s.best.map(|v| v.get(d)))) } } }
                        tr { th scope="row" { "Average" } @for d in Dimension::ALL {
                            td.n { @if let Some(a) = s.average { (format!("{:.0}", a.get(d))) } @else { span.muted { "–" } } }
                        } }
                    }
                }
            }
            h2 { "Scores over time" }
            div.cards {
                @for d in Dimension::ALL {
                    (scores_over_time(dimension_name(d), &page.series(d)))
                }
            }
            h2 { "Every attempt" }
            div.scroll {
                table {
                    thead { tr {
                        th scope="col" { "Finished (UTC)" } th scope="col" { "Scenario" }
                        th.n scope="col" { "Speed" } th.n scope="col" { "Empathy" } th.n scope="col" { "Follow-through" }
                        th.n scope="col" { "Overall" } th scope="col" { "Result" } th.n scope="col" { "Time" }
                    } }
                    tbody {
                        @for a in page.attempts.iter().rev() {
                            tr {
                                td.nowrap { (a.finished.short()) }
                                td { a href={ "/employee/" (e.id) "?attempt=" (a.id) "#replay" } { (a.scenario_title) } }
                                @for d in Dimension::ALL { td.n { (a.scores.get(d)) } }
                                td.n { (a.overall) }
                                td { (match (a.status, a.passed) {
                                    (AttemptStatus::Abandoned, _) => "abandoned",
                                    (_, true) => "passed",
                                    (_, false) => "not passed",
                                }) }
                                td.n { (duration(a.duration_ms)) }
                            }
                        }
                    }
                }
            }
            @if page.attempts.is_empty() { p { "No attempts yet." } }
            @if let Some(a) = open {
                (replay(a, &e.display_name))
            } @else if !page.attempts.is_empty() {
                p.muted.noprint { "Pick an attempt to replay it with the reasons for every point." }
            }
        },
    )
}

/// `GET /employee/{id}`.
pub(crate) async fn page(
    Manager(access): Manager,
    Path(id): Path<String>,
    Query(q): Query<EmployeeQuery>,
) -> Result<Markup, WebError> {
    let id: EmployeeId = id.parse().map_err(|_| not_found())?;
    let attempt: Option<AttemptId> = match q.attempt.as_deref().filter(|a| !a.is_empty()) {
        Some(a) => Some(
            a.parse()
                .map_err(|_| WebError::NotFound("There is no attempt with this id.".into()))?,
        ),
        None => None,
    };
    let (page, open) = blocking(move || {
        let page = access.employee_page(id).map_err(|e| match e {
            StoreError::NoSuchEmployee(_) => not_found(),
            other => other.into(),
        })?;
        let open = match attempt {
            Some(a) => {
                let detail = access.attempt(a)?;
                // Only this person's attempts are shown on their page.
                if detail.row.employee != id {
                    return Err(WebError::NotFound(
                        "This attempt is not one of theirs.".into(),
                    ));
                }
                Some(detail)
            }
            None => None,
        };
        Ok::<_, WebError>((page, open))
    })
    .await?;
    Ok(render(&page, open.as_ref()))
}
