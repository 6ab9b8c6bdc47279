//! `/team`: everyone with latest and best per dimension, scenarios passed, trend and weakest
//! dimension; filtered by team and name and sorted by any column through the query string.

use axum::extract::{Query, State};
use care_engine::Dimension;
use care_store::{OverviewRow, SortKey, dimension_name};
use maud::{Markup, html};

use super::{count, trend_parts};
use crate::auth::Manager;
use crate::blocking::blocking;
use crate::error::WebError;
use crate::layout;
use crate::server::AppState;
use crate::team_query::TeamQuery;

fn header(q: &TeamQuery, key: SortKey, label: &str, numeric: bool) -> Markup {
    html! {
        th class=(if numeric { "n" } else { "" }) scope="col" {
            a href=(q.sort_link(key)) { (label) (q.arrow(key)) }
        }
    }
}

/// One employee's line, written straight into the page (ten thousand lines are one page).
fn row(r: &OverviewRow) -> Markup {
    let e = &r.employee;
    let (trend_class, arrow) = trend_parts(r.trend);
    html! {
        tr {
            td.nowrap { a href={ "/employee/" (e.id) } { (e.display_name) } }
            td { (e.team) }
            td.n { (r.attempts) }
            @match (r.latest, r.best) {
                (Some(latest), Some(best)) => {
                    td.n { (latest.speed) } td.n { (latest.empathy) } td.n { (latest.follow_through) }
                    td.n { (best.speed) } td.n { (best.empathy) } td.n { (best.follow_through) }
                }
                _ => { @for _ in 0..6 { td.n.muted { "–" } } }
            }
            td.n { (r.scenarios_passed) }
            td.nowrap { span class=(trend_class) { (arrow) (r.trend.word()) } }
            td { @if let Some(d) = r.weakest { (dimension_name(d)) } @else { span.muted { "–" } } }
            td.nowrap { @if let Some(t) = r.last_active { (t.short()) } @else { span.muted { "never" } } }
        }
    }
}

/// The page for `rows` (already filtered and sorted) with the team list for the filter.
pub(crate) fn render(q: &TeamQuery, rows: &[OverviewRow], teams: &[String]) -> Markup {
    let f = q.filter();
    let short = |d: Dimension| match d {
        Dimension::Speed => "S",
        Dimension::Empathy => "E",
        Dimension::FollowThrough => "F",
    };
    layout::page(
        "Team",
        true,
        html! {
            h1 { "Team" }
            form.filters method="get" action="/team" {
                label { "Team"
                    select name="team" {
                        option value="" { "Everyone" }
                        @for t in teams {
                            option value=(t) selected[f.team.as_deref() == Some(t.as_str())] { (t) }
                        }
                    }
                }
                label { "Name contains"
                    input type="search" name="name" value=(f.name_contains);
                }
                @if let Some(sort) = &q.sort { input type="hidden" name="sort" value=(sort); }
                @if f.descending { input type="hidden" name="desc" value="1"; }
                button type="submit" { "Show" }
            }
            p.muted {
                (count(rows.len() as i64, "person", "people"))
                ". Latest and best scores per dimension: S speed, E empathy, F follow-through. Click a column to sort by it, again to reverse."
            }
            div.scroll {
                table {
                    thead {
                        tr {
                            th colspan="3" {}
                            th.n colspan="3" scope="colgroup" { "Latest" }
                            th.n colspan="3" scope="colgroup" { "Best" }
                            th colspan="4" {}
                        }
                        tr {
                            (header(q, SortKey::Name, "Name", false))
                            (header(q, SortKey::Team, "Team", false))
                            (header(q, SortKey::Attempts, "Attempts", true))
                            @for d in Dimension::ALL { (header(q, SortKey::Latest(d), short(d), true)) }
                            @for d in Dimension::ALL { (header(q, SortKey::Best(d), short(d), true)) }
                            (header(q, SortKey::ScenariosPassed, "Scenarios passed", true))
                            (header(q, SortKey::Trend, "Trend", false))
                            (header(q, SortKey::Weakest, "Weakest", false))
                            (header(q, SortKey::LastActive, "Last active (UTC)", false))
                        }
                    }
                    tbody {
                        @for r in rows { (row(r)) }
                    }
                }
            }
            @if rows.is_empty() {
                p { "Nobody matches. Clear the filters to see everyone." }
            }
            section.noprint {
                h2 { "Download the report" }
                p.muted { "One line per attempt as CSV, exactly what `care report --csv` writes, with the same filters." }
                form.filters method="get" action="/report.csv" {
                    label { "Team"
                        select name="team" {
                            option value="" { "Everyone" }
                            @for t in teams { option value=(t) { (t) } }
                        }
                    }
                    label { "Scenario id" input type="text" name="scenario"; }
                    label { "Since (YYYY-MM-DD)" input type="date" name="since"; }
                    label { "Until (YYYY-MM-DD)" input type="date" name="until"; }
                    button type="submit" { "Download CSV" }
                }
            }
        },
    )
}

/// `GET /team`.
pub(crate) async fn page(
    Manager(access): Manager,
    State(_state): State<AppState>,
    Query(q): Query<TeamQuery>,
) -> Result<Markup, WebError> {
    let filter = q.filter();
    let (rows, teams) = blocking(move || {
        let rows = access.team_overview(&filter)?;
        let teams = access.store().teams()?;
        Ok::<_, care_store::StoreError>((rows, teams))
    })
    .await?;
    Ok(render(&q, &rows, &teams))
}
