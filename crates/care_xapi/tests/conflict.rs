//! 409 on a resend is not a refusal. After a lost acknowledgement an LRS may answer 409 Conflict
//! to a batch holding statements it already has, as the xAPI specification allows (ralph skips
//! equal statements instead; `lrs.rs` covers it). Here a small LRS answers 409 whenever a batch
//! holds an id it has: statements it holds unchanged are settled as sent, the others are sent
//! again, and only one it holds with other content is set aside, naming the conflict.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]
#![allow(
    clippy::cast_possible_truncation,
    reason = "the counts, indices and percentiles of a test or benchmark are small"
)]

mod common;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use care_store::DeliveryStatus;
use care_xapi::{LrsClient, SyncOptions, sync};
use common::http::{Request, Response, Server};
use common::{TestStore, record, scenario, store};
use serde_json::{Value, json};
use time::format_description::well_known::Rfc3339;

/// What the small LRS holds, and how often each id was written.
#[derive(Default)]
struct Held {
    statements: BTreeMap<String, Value>,
    writes: BTreeMap<String, usize>,
    conflicts: usize,
}

/// The statement as an LRS returns it: with `stored`, `authority` and `version` added and the
/// timestamp written in another time zone.
fn as_returned(statement: &Value) -> Value {
    let mut out = statement.clone();
    let at = time::OffsetDateTime::parse(out["timestamp"].as_str().expect("timestamp"), &Rfc3339)
        .expect("RFC 3339")
        .to_offset(time::UtcOffset::from_hms(2, 0, 0).expect("offset"));
    out["timestamp"] = json!(at.format(&Rfc3339).expect("format"));
    out["stored"] = json!("2026-01-01T00:00:00Z");
    out["authority"] = json!({"objectType": "Agent", "mbox": "mailto:lrs@example.com"});
    out["version"] = json!("1.0.3");
    out
}

fn strict_lrs() -> (Server, Arc<Mutex<Held>>) {
    let held = Arc::new(Mutex::new(Held::default()));
    let state = Arc::clone(&held);
    let server = Server::start(move |r: &Request, _| {
        let mut h = state.lock().expect("state");
        match (r.method.as_str(), r.path()) {
            ("POST", "/xAPI/statements") => {
                let batch: Vec<Value> = serde_json::from_str(&r.body).expect("a JSON array");
                let ids: Vec<String> = batch
                    .iter()
                    .map(|s| s["id"].as_str().expect("id").to_string())
                    .collect();
                if let Some(known) = ids.iter().find(|id| h.statements.contains_key(*id)) {
                    h.conflicts += 1;
                    return Response::json(
                        409,
                        &json!({"detail": format!("statement {known} already exists")}),
                    );
                }
                for (id, s) in ids.iter().zip(batch) {
                    h.statements.insert(id.clone(), s);
                    *h.writes.entry(id.clone()).or_insert(0) += 1;
                }
                Response::json(200, &json!(ids))
            }
            ("GET", "/xAPI/statements") => {
                let id = r.query("statementId").expect("statementId");
                match h.statements.get(&id) {
                    Some(s) => Response::json(200, &as_returned(s)),
                    None => Response::json(404, &json!({"detail": "not found"})),
                }
            }
            _ => Response::new(404, "text/plain", "no such resource"),
        }
    });
    (server, held)
}

/// Queued statements of the store's only attempt: (id, body).
fn queued(t: &TestStore, attempt: care_store::AttemptId) -> Vec<(String, Value)> {
    t.manager
        .statements_of(attempt)
        .expect("outbox")
        .into_iter()
        .map(|q| {
            (
                q.id.to_string(),
                serde_json::from_str(&q.body).expect("json"),
            )
        })
        .collect()
}

#[test]
fn statements_an_lrs_already_holds_are_settled_not_refused() {
    let (lrs, held) = strict_lrs();
    let t = store();
    let attempt = record(&t, &scenario("nobody-said-hello"), 0);
    let ours = queued(&t, attempt);
    assert!(ours.len() > 3);
    // A first batch reached the LRS, but its acknowledgement was lost.
    {
        let mut h = held.lock().expect("state");
        for (id, body) in &ours[..2] {
            h.statements.insert(id.clone(), body.clone());
            h.writes.insert(id.clone(), 1);
        }
    }
    let client = LrsClient::new(&lrs.endpoint("/xAPI/"));
    let report = sync(
        &t.store.outbox(),
        &client,
        SyncOptions::default(),
        &mut |_| {},
    )
    .expect("sync");
    assert_eq!(
        report.rejected, 0,
        "a 409 for held statements is no refusal"
    );
    assert_eq!(report.sent as usize, ours.len());
    let h = held.lock().expect("state");
    assert!(h.conflicts >= 1, "the LRS answered 409");
    assert_eq!(h.writes.len(), ours.len(), "every statement is there");
    assert!(
        h.writes.values().all(|n| *n == 1),
        "each exactly once: {:?}",
        h.writes
    );
    let statuses = t.manager.statements_of(attempt).expect("outbox");
    assert!(statuses.iter().all(|q| q.status == DeliveryStatus::Sent));
}

#[test]
fn a_different_statement_under_the_same_id_is_set_aside_naming_the_conflict() {
    let (lrs, held) = strict_lrs();
    let t = store();
    let attempt = record(&t, &scenario("nobody-said-hello"), 0);
    let ours = queued(&t, attempt);
    let (clash_id, clash_body) = ours.last().expect("statements").clone();
    let mut other = clash_body.clone();
    other["result"]["score"]["raw"] = json!(12.0);
    held.lock()
        .expect("state")
        .statements
        .insert(clash_id.clone(), other);
    let client = LrsClient::new(&lrs.endpoint("/xAPI/"));
    let report = sync(
        &t.store.outbox(),
        &client,
        SyncOptions::default(),
        &mut |_| {},
    )
    .expect("sync");
    assert_eq!(report.rejected, 1);
    assert_eq!(report.sent as usize, ours.len() - 1);
    let summary = t.store.outbox().summary().expect("summary");
    assert_eq!((summary.pending, summary.rejected), (0, 1));
    let rejection = &summary.recent_rejections[0];
    assert_eq!(rejection.id.to_string(), clash_id);
    assert!(
        rejection.reason.contains("conflict") && rejection.reason.contains("result.score.raw"),
        "{}",
        rejection.reason
    );
    let h = held.lock().expect("state");
    assert_eq!(
        h.statements[&clash_id]["result"]["score"]["raw"],
        json!(12.0)
    );
    assert!(h.writes.values().all(|n| *n == 1), "{:?}", h.writes);
    assert_eq!(h.writes.len(), ours.len() - 1);
}
