//! The frame around every page: the title, the navigation, sign-out and the inline style sheet
//! (no request leaves the page).

use maud::{DOCTYPE, Markup, PreEscaped, html};

const STYLE: &str = include_str!("style.css");

/// A whole page; `nav` shows the navigation and the sign-out button (signed-in pages).
pub(crate) fn page(title: &str, nav: bool, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · CARE" }
                style { (PreEscaped(STYLE)) }
            }
            body {
                @if nav {
                    header.top {
                        nav aria-label="Reports" {
                            a href="/team" { "Team" }
                            a href="/scenarios" { "Scenarios" }
                            a href="/onboarding" { "Onboarding" }
                            a href="/records" { "Learning records" }
                            a href="/report.csv" { "Report (CSV)" }
                        }
                        form method="post" action="/logout" {
                            button type="submit" { "Sign out" }
                        }
                    }
                }
                main { (body) }
            }
        }
    }
}

/// A page with one message (not found, a bad request, a failure).
pub(crate) fn message_page(title: &str, text: &str) -> Markup {
    page(
        title,
        false,
        html! {
            h1 { (title) }
            p { (text) }
            p { a href="/team" { "Back to the team" } }
        },
    )
}
