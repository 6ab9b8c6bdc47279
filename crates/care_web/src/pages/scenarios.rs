//! `/scenarios`: each scenario played, with its pass rate, averages per dimension and the beat
//! where most attempts lose points (with what the customer says there).

use axum::extract::State;
use care_engine::Dimension;
use care_store::{ScenarioPage, dimension_name};
use maud::{Markup, html};

use crate::auth::Manager;
use crate::blocking::blocking;
use crate::error::WebError;
use crate::layout;
use crate::library::Library;
use crate::server::AppState;

/// At most this many characters of the customer's words are quoted.
const QUOTE_CHARS: usize = 140;

fn quote(text: &str) -> String {
    let short: String = text.chars().take(QUOTE_CHARS).collect();
    if short.len() < text.len() {
        format!("{short}…")
    } else {
        short
    }
}

fn card(p: &ScenarioPage, library: &Library) -> Markup {
    html! {
        article.card {
            h3 { (p.title) }
            p.muted { code { (p.scenario_id) } }
            p {
                (p.attempts) " attempts · " (p.passed) " passed"
                @if let Some(rate) = p.pass_rate() { " (" strong { (format!("{:.0}%", rate * 100.0)) } ")" }
            }
            @if let Some(avg) = p.average {
                p {
                    "Averages: "
                    @for (i, d) in Dimension::ALL.iter().enumerate() {
                        @if i > 0 { " · " }
                        (dimension_name(*d)) " " strong { (format!("{:.0}", avg.get(*d))) }
                    }
                }
            }
            @if let Some(w) = p.weakest_beat() {
                p {
                    "Most attempts lose points at " strong { "“" (w.beat_key) "”" }
                    ": " (w.attempts) " of " (p.attempts) " attempts, " (w.points) " points in all."
                }
                @if let Some(line) = library.beat_line(&p.scenario_id, &w.beat_key) {
                    p.muted { "There: " (quote(&line)) }
                }
            }
            @if p.losses.len() > 1 {
                details {
                    summary { "Every beat that costs points" }
                    table {
                        thead { tr { th scope="col" { "Beat" } th.n scope="col" { "Attempts" } th.n scope="col" { "Points lost" } } }
                        tbody {
                            @for l in &p.losses {
                                tr { td { (l.beat_key) } td.n { (l.attempts) } td.n { (l.points) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `GET /scenarios`.
pub(crate) async fn page(
    Manager(access): Manager,
    State(state): State<AppState>,
) -> Result<Markup, WebError> {
    let pages = blocking(move || {
        access
            .scenarios()?
            .iter()
            .map(|(id, _)| access.scenario_page(id))
            .collect::<Result<Vec<_>, _>>()
    })
    .await?;
    Ok(layout::page(
        "Scenarios",
        true,
        html! {
            h1 { "Scenarios" }
            @if pages.is_empty() {
                p { "No attempts yet: once people play, each scenario's results show here." }
            }
            div.cards {
                @for p in &pages { (card(p, &state.library)) }
            }
        },
    ))
}
