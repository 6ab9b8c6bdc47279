//! `/records`: where the learning records (xAPI statements) stand: waiting, sent, refused, the
//! latest problem and the recent refusals with the learning record store's reason.

use care_store::Timestamp;
use maud::{Markup, html};

use crate::auth::Manager;
use crate::blocking::blocking;
use crate::error::WebError;
use crate::layout;

/// `GET /records`.
pub(crate) async fn page(Manager(access): Manager) -> Result<Markup, WebError> {
    let s = blocking(move || access.learning_records()).await?;
    Ok(layout::page(
        "Learning records",
        true,
        html! {
            h1 { "Learning records" }
            p {
                "Each result is also sent to the company's learning record store (xAPI). Nothing is lost while it is unreachable: results wait in the store and go when it is back. The stations send them; this page only reads where they stand."
            }
            dl.counts {
                dt { "Waiting" } dd { (s.pending) }
                dt { "Sent" } dd { (s.sent) }
                dt { "Refused" } dd { (s.rejected) }
            }
            @if let Some(next) = s.next_try.filter(|t| *t > Timestamp::now()) {
                p { "Next try at " (next.short()) " UTC." }
            }
            @if let Some(e) = &s.last_error {
                p.problem { "Last problem: " (e) }
            }
            @if !s.recent_rejections.is_empty() {
                h2 { "Recently refused" }
                div.scroll {
                    table {
                        thead { tr { th scope="col" { "When (UTC)" } th scope="col" { "Verb" } th scope="col" { "Attempt" } th scope="col" { "Why" } } }
                        tbody {
                            @for r in &s.recent_rejections {
                                tr { td { (r.at.short()) } td { (r.verb) } td { code { (r.registration) } } td { (r.reason) } }
                            }
                        }
                    }
                }
            }
        },
    ))
}
