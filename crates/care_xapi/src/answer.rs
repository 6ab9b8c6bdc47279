//! What an LRS's answer means for the statements sent. A batch counts as stored only when the
//! LRS answers 200 with exactly the ids sent; a redirect, a web page or someone else's ids never
//! do, since a network sign-in page answers like that too.

use std::collections::BTreeSet;

use uuid::Uuid;

/// An HTTP answer, as much of it as the sender looks at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    /// The `Location` header (of a redirect).
    pub location: Option<String>,
    /// The `Content-Type` header.
    pub content_type: Option<String>,
    pub body: String,
}

/// What the LRS made of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostOutcome {
    /// 200 with exactly the ids sent: all stored.
    Accepted,
    /// 200 with some of the ids sent, or 204 (none named): the ones named are stored; the LRS
    /// may already hold the others (an LRS may skip statements it has), so they are checked.
    Partly { stored: Vec<Uuid> },
    /// 409: the LRS holds a statement with one of these ids. After a lost acknowledgement it
    /// may be the same statement; each one is checked.
    Conflict { reason: String },
    /// The LRS refused the batch for its content (4xx); resending it unchanged cannot help.
    Rejected { status: u16, reason: String },
    /// The credentials were refused.
    Credentials { status: u16, reason: String },
    /// The address does not lead to a statements resource.
    WrongEndpoint { status: u16 },
    /// The address sends requests elsewhere (3xx): a network sign-in page or a wrong address.
    Redirected {
        status: u16,
        location: Option<String>,
    },
    /// A 200 that is not an LRS's acknowledgement: a web page, or ids that were not sent.
    NotAcknowledged { detail: String },
    /// Down, unreachable, overloaded or failing (network errors, 429 and 5xx): try later.
    Unavailable { reason: String },
}

/// The most of an LRS's error answer kept as the reason.
pub(crate) const REASON_CHARS: usize = 400;

/// Text cut to one line of at most [`REASON_CHARS`].
fn one_line(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = one_line.chars().take(REASON_CHARS).collect();
    if one_line.chars().count() > REASON_CHARS {
        out.push('…');
    }
    out
}

/// The LRS's answer as one readable line.
pub(crate) fn reason_of(body: &str, status: u16) -> String {
    let text = serde_json::from_str::<serde_json::Value>(body)
        .ok()
        .and_then(|v| {
            // Common shapes: {"detail": ...} (ralph), {"message": ...} and {"error": ...}.
            ["detail", "message", "error"]
                .iter()
                .find_map(|k| v.get(*k).cloned())
        })
        .map_or_else(|| body.to_string(), |v| describe(&v));
    let out = one_line(&text);
    if out.is_empty() {
        format!("HTTP {status}")
    } else {
        format!("HTTP {status}: {out}")
    }
}

/// An error detail as text. Validation errors in the common `[{"loc": [...], "msg": ...}]` shape
/// become `object: Field required` rather than a copy of the whole statement.
fn describe(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) if items.iter().all(|i| i.get("msg").is_some()) => items
            .iter()
            .map(|i| {
                let place: Vec<String> = i["loc"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|p| p.as_str().is_some_and(|s| s != "body"))
                    .map(|p| p.as_str().unwrap_or_default().to_string())
                    .collect();
                let msg = i["msg"].as_str().unwrap_or_default();
                if place.is_empty() {
                    msg.to_string()
                } else {
                    format!("{}: {msg}", place.join("."))
                }
            })
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

/// What a 200 that is not the expected JSON looks like, for the reason.
fn not_json(answer: &Answer) -> String {
    let kind = answer
        .content_type
        .as_deref()
        .and_then(|c| c.split(';').next())
        .map_or("no content type".to_string(), |c| c.trim().to_string());
    let page = answer.body.trim_start().starts_with('<') || kind.contains("html");
    let what = if page {
        "a web page"
    } else {
        "something other than a list of statement ids"
    };
    let start = one_line(&answer.body.chars().take(80).collect::<String>());
    format!("HTTP {} with {what} ({kind}): {start}", answer.status)
}

/// Sorts an answer that is not about the statements themselves (anything but a 2xx, 409 or
/// another refusal of the content).
fn failure(answer: &Answer) -> PostOutcome {
    let status = answer.status;
    match status {
        300..=399 => PostOutcome::Redirected {
            status,
            location: answer.location.clone(),
        },
        401 | 403 => PostOutcome::Credentials {
            status,
            reason: reason_of(&answer.body, status),
        },
        404 | 405 => PostOutcome::WrongEndpoint { status },
        200..=299 => PostOutcome::NotAcknowledged {
            detail: not_json(answer),
        },
        _ => PostOutcome::Unavailable {
            reason: reason_of(&answer.body, status),
        },
    }
}

/// Sorts the answer to a POST of the statements with ids `sent`.
pub fn classify(answer: &Answer, sent: &[Uuid]) -> PostOutcome {
    let status = answer.status;
    match status {
        200 => acknowledged(answer, sent),
        // No content: the LRS names nothing it stored (ralph answers so when it held them all).
        204 => PostOutcome::Partly { stored: Vec::new() },
        409 => PostOutcome::Conflict {
            reason: reason_of(&answer.body, status),
        },
        408 | 429 => PostOutcome::Unavailable {
            reason: reason_of(&answer.body, status),
        },
        400..=499 if !matches!(status, 401 | 403 | 404 | 405) => PostOutcome::Rejected {
            status,
            reason: reason_of(&answer.body, status),
        },
        _ => failure(answer),
    }
}

/// A 200: stored only as far as its id list names what was sent.
fn acknowledged(answer: &Answer, sent: &[Uuid]) -> PostOutcome {
    let Ok(ids) = serde_json::from_str::<Vec<String>>(&answer.body) else {
        return failure(answer);
    };
    let sent: BTreeSet<Uuid> = sent.iter().copied().collect();
    let mut named = BTreeSet::new();
    for id in &ids {
        match id.parse::<Uuid>() {
            Ok(u) if sent.contains(&u) && named.insert(u) => {}
            _ => {
                return PostOutcome::NotAcknowledged {
                    detail: format!(
                        "HTTP 200 naming {} that was not sent",
                        one_line(&format!("{id:?}"))
                    ),
                };
            }
        }
    }
    if named.len() == sent.len() {
        PostOutcome::Accepted
    } else {
        PostOutcome::Partly {
            stored: named.into_iter().collect(),
        }
    }
}

/// What a lookup of one statement found.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup {
    /// The LRS holds a statement with that id: this one.
    Held(serde_json::Value),
    /// It holds none.
    NotHeld,
    /// The lookup failed for a reason that is not about the statement.
    Failed(PostOutcome),
}

/// Sorts the answer to `GET statements?statementId=<id>`: the statement itself (as the
/// specification says), a statement list holding it (as some LRSs answer), or 404.
pub fn classify_lookup(answer: &Answer, id: Uuid) -> Lookup {
    if answer.status == 404 {
        return Lookup::NotHeld;
    }
    if answer.status != 200 {
        return Lookup::Failed(match answer.status {
            408 | 429 | 500..=599 => PostOutcome::Unavailable {
                reason: reason_of(&answer.body, answer.status),
            },
            400..=499 if !matches!(answer.status, 401 | 403 | 405) => PostOutcome::Unavailable {
                reason: format!(
                    "the LRS did not answer a lookup of statement {id}: {}",
                    reason_of(&answer.body, answer.status)
                ),
            },
            _ => failure(answer),
        });
    }
    let is_it = |v: &serde_json::Value| {
        v.get("id")
            .and_then(|i| i.as_str())
            .and_then(|i| i.parse::<Uuid>().ok())
            == Some(id)
    };
    match serde_json::from_str::<serde_json::Value>(&answer.body) {
        Ok(v) if is_it(&v) => Lookup::Held(v),
        Ok(v) => match v.get("statements").and_then(|s| s.as_array()) {
            Some(list) => list
                .iter()
                .find(|s| is_it(s))
                .map_or(Lookup::NotHeld, |s| Lookup::Held(s.clone())),
            None => Lookup::Failed(PostOutcome::NotAcknowledged {
                detail: format!("HTTP 200 to a lookup of {id} without that statement"),
            }),
        },
        Err(_) => Lookup::Failed(failure(answer)),
    }
}

#[cfg(test)]
#[path = "answer_tests.rs"]
mod tests;
