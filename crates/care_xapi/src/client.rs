//! Talking to a learning record store: posting batches of statements, looking one up by id, and
//! reading an attempt's statements back. Redirects are never followed: a learning record store
//! does not move, and a network sign-in page does. Blocking; run it off the frame.

use std::time::Duration;

use base64::Engine;
use serde::Deserialize;
use serde_json::value::RawValue;
use uuid::Uuid;

use crate::answer::{Answer, Lookup, PostOutcome, classify, classify_lookup, reason_of};
use crate::config::Endpoint;
use crate::statement::XAPI_VERSION;

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
/// The most of an answer to a post that is read.
const POST_ANSWER_BYTES: u64 = 64 * 1024;
/// The most of an answer to a lookup of one statement that is read.
const LOOKUP_ANSWER_BYTES: u64 = 4 * 1024 * 1024;

#[derive(Deserialize)]
struct IdOnly {
    id: Option<Uuid>,
}

/// A statement's id, if its JSON has one.
pub(crate) fn id_of(statement: &RawValue) -> Option<Uuid> {
    serde_json::from_str::<IdOnly>(statement.get())
        .ok()
        .and_then(|s| s.id)
}

/// Reads an answer, keeping at most `limit` bytes of its body.
fn answer_of(mut response: ureq::http::Response<ureq::Body>, limit: u64) -> Answer {
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let location = header("location");
    let content_type = header("content-type");
    let status = response.status().as_u16();
    let body = response
        .body_mut()
        .with_config()
        .limit(limit)
        .read_to_string()
        .unwrap_or_default();
    Answer {
        status,
        location,
        content_type,
        body,
    }
}

impl LrsClient {
    pub fn new(endpoint: &Endpoint) -> LrsClient {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
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

    /// Posts statements (each already JSON, with its id) as one array. Only an answer naming
    /// exactly their ids counts as [`PostOutcome::Accepted`].
    pub fn post(&self, statements: &[&RawValue]) -> PostOutcome {
        let ids: Vec<Uuid> = statements.iter().filter_map(|s| id_of(s)).collect();
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
            Ok(response) => classify(&answer_of(response, POST_ANSWER_BYTES), &ids),
            Err(e) => PostOutcome::Unavailable {
                reason: e.to_string(),
            },
        }
    }

    /// Asks the LRS for the statement with `id` (`GET statements?statementId=…`).
    pub fn lookup(&self, id: Uuid) -> Lookup {
        let answer = self
            .agent
            .get(&self.statements)
            .query("statementId", id.to_string())
            .header("X-Experience-API-Version", XAPI_VERSION)
            .header("Authorization", &self.authorization)
            .call();
        match answer {
            Ok(response) => classify_lookup(&answer_of(response, LOOKUP_ANSWER_BYTES), id),
            Err(e) => Lookup::Failed(PostOutcome::Unavailable {
                reason: e.to_string(),
            }),
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
