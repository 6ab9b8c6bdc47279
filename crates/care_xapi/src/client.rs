//! Posting batches of statements to a learning record store and sorting its answer into what the
//! sender should do next. Blocking; run it off the frame.

use std::time::Duration;

use base64::Engine;
use serde_json::value::RawValue;

use crate::config::Endpoint;
use crate::statement::XAPI_VERSION;

/// What the LRS made of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostOutcome {
    /// Stored (or already held with the same content).
    Accepted,
    /// The LRS refused the batch for its content (4xx); resending it unchanged cannot help.
    Rejected { status: u16, reason: String },
    /// The credentials were refused.
    Credentials { status: u16, reason: String },
    /// The address does not lead to a statements resource.
    WrongEndpoint { status: u16 },
    /// Down, unreachable, overloaded or failing (network errors, 429 and 5xx): try later.
    Unavailable { reason: String },
}

/// A connection to one LRS.
#[derive(Clone)]
pub struct LrsClient {
    agent: ureq::Agent,
    statements: String,
    base: String,
    authorization: String,
}

/// How long one request may take before the LRS counts as unavailable.
const TIMEOUT: Duration = Duration::from_secs(30);
/// The most of an LRS's error answer kept as the reason.
const REASON_CHARS: usize = 400;

/// The LRS's answer as one readable line.
fn reason_of(body: &str, status: u16) -> String {
    let text = serde_json::from_str::<serde_json::Value>(body)
        .ok()
        .and_then(|v| {
            // Common shapes: {"detail": ...} (ralph), {"message": ...} and {"error": ...}.
            ["detail", "message", "error"]
                .iter()
                .find_map(|k| v.get(*k).cloned())
        })
        .map_or_else(|| body.to_string(), |v| describe(&v));
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = one_line.chars().take(REASON_CHARS).collect();
    if one_line.chars().count() > REASON_CHARS {
        out.push('…');
    }
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

/// Sorts an HTTP answer.
pub fn classify(status: u16, body: &str) -> PostOutcome {
    match status {
        200..=299 => PostOutcome::Accepted,
        401 | 403 => PostOutcome::Credentials {
            status,
            reason: reason_of(body, status),
        },
        404 | 405 => PostOutcome::WrongEndpoint { status },
        408 | 429 => PostOutcome::Unavailable {
            reason: reason_of(body, status),
        },
        400..=499 => PostOutcome::Rejected {
            status,
            reason: reason_of(body, status),
        },
        _ => PostOutcome::Unavailable {
            reason: reason_of(body, status),
        },
    }
}

impl LrsClient {
    pub fn new(endpoint: &Endpoint) -> LrsClient {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(TIMEOUT))
            .user_agent(concat!("CARE/", env!("CARGO_PKG_VERSION")))
            .build()
            .new_agent();
        let credentials = format!("{}:{}", endpoint.username, endpoint.password.expose());
        LrsClient {
            agent,
            statements: format!("{}statements", endpoint.base),
            base: endpoint.base.to_string(),
            authorization: format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(credentials)
            ),
        }
    }

    /// The xAPI base address (no credentials), for messages.
    pub fn endpoint(&self) -> &str {
        &self.base
    }

    /// Posts statements (each already JSON) as one array.
    pub fn post(&self, statements: &[&RawValue]) -> PostOutcome {
        // Serializing a list of raw JSON values cannot fail.
        let body = serde_json::to_vec(statements).unwrap_or_default();
        let sent = self
            .agent
            .post(&self.statements)
            .header("X-Experience-API-Version", XAPI_VERSION)
            .header("Authorization", &self.authorization)
            .header("Content-Type", "application/json")
            .send(&body[..]);
        match sent {
            Ok(mut response) => {
                let status = response.status().as_u16();
                let text = response
                    .body_mut()
                    .with_config()
                    .limit(64 * 1024)
                    .read_to_string()
                    .unwrap_or_default();
                classify(status, &text)
            }
            Err(e) => PostOutcome::Unavailable {
                reason: e.to_string(),
            },
        }
    }

    /// Reads statements back by registration, following `more` links. For checks and tests.
    pub fn statements_of(
        &self,
        registration: uuid::Uuid,
    ) -> Result<Vec<serde_json::Value>, String> {
        let mut url = format!("{}?registration={registration}&limit=500", self.statements);
        let mut out = Vec::new();
        loop {
            let mut response = self
                .agent
                .get(&url)
                .header("X-Experience-API-Version", XAPI_VERSION)
                .header("Authorization", &self.authorization)
                .call()
                .map_err(|e| e.to_string())?;
            let status = response.status().as_u16();
            let text = response
                .body_mut()
                .with_config()
                .limit(64 * 1024 * 1024)
                .read_to_string()
                .map_err(|e| e.to_string())?;
            if status != 200 {
                return Err(reason_of(&text, status));
            }
            let page: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
            if let Some(list) = page["statements"].as_array() {
                out.extend(list.iter().cloned());
            }
            match page["more"].as_str().filter(|m| !m.is_empty()) {
                Some(more) => {
                    let base = url::Url::parse(&self.statements).map_err(|e| e.to_string())?;
                    url = base.join(more).map_err(|e| e.to_string())?.to_string();
                }
                None => return Ok(out),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_sort_into_what_to_do_next() {
        assert_eq!(classify(200, "[]"), PostOutcome::Accepted);
        assert_eq!(classify(204, ""), PostOutcome::Accepted);
        assert!(matches!(classify(401, ""), PostOutcome::Credentials { .. }));
        assert!(matches!(
            classify(404, ""),
            PostOutcome::WrongEndpoint { status: 404 }
        ));
        assert!(matches!(classify(503, ""), PostOutcome::Unavailable { .. }));
        assert!(matches!(classify(429, ""), PostOutcome::Unavailable { .. }));
        match classify(
            422,
            r#"{"detail":[{"msg":"Field required","loc":["body",0,"object"]}]}"#,
        ) {
            PostOutcome::Rejected { status, reason } => {
                assert_eq!(status, 422);
                assert_eq!(reason, "HTTP 422: object: Field required");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn long_reasons_are_cut_to_one_line() {
        let body = format!("line one\n{}", "x".repeat(2000));
        let r = reason_of(&body, 400);
        assert!(!r.contains('\n'));
        assert!(r.chars().count() < REASON_CHARS + 20);
        assert!(r.ends_with('…'));
    }
}
