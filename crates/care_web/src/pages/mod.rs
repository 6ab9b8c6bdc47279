//! The signed-in pages, one file each, and what they share.

pub(crate) mod employee;
pub(crate) mod onboarding;
pub(crate) mod records;
pub(crate) mod report;
pub(crate) mod scenarios;
pub(crate) mod team;

use care_store::Trend;
use maud::{Markup, html};

use crate::error::WebError;

/// Any other address: a 404 page.
pub(crate) async fn not_found() -> WebError {
    WebError::NotFound("There is no page at this address.".into())
}

/// The trend's class and arrow, to go before its word.
pub(crate) fn trend_parts(t: Trend) -> (&'static str, &'static str) {
    match t {
        Trend::Up => ("up", "↑ "),
        Trend::Down => ("down", "↓ "),
        Trend::Flat => ("", "→ "),
        Trend::TooFew => ("muted", ""),
    }
}

/// The trend as an arrow and a word (the word alone carries it in print).
pub(crate) fn trend(t: Trend) -> Markup {
    let (class, arrow) = trend_parts(t);
    html! { span class=(class) { (arrow) (t.word()) } }
}

/// A score, or a dash when there is none.
pub(crate) fn score(v: Option<i32>) -> Markup {
    html! {
        @match v {
            Some(v) => (v),
            None => span.muted { "–" },
        }
    }
}

/// `n things`, with the singular for one.
pub(crate) fn count(n: impl Into<i64>, one: &str, many: &str) -> String {
    let n = n.into();
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}
