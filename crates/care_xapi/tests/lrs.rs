//! Learning records against a real learning record store (ralph) on loopback: statements arrive
//! equal to what was queued, exactly once even when the LRS dies mid-sync, and nothing is lost to
//! wrong credentials or a refused statement.

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

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use care_store::{AttemptId, DeliveryStatus, OutboxStatement, Timestamp};
use care_xapi::{LrsClient, SyncError, SyncOptions, sync};
use common::lrs::Lrs;
use common::{TestStore, record, scenario, store};
use serde_json::Value;

fn options(batch_size: usize) -> SyncOptions {
    SyncOptions {
        batch_size,
        lease: Duration::from_secs(60),
    }
}

/// The sent statement and the stored one agree on everything CARE sent.
fn assert_same(sent: &Value, stored: &Value) {
    let sent = sent.as_object().expect("object");
    for (key, value) in sent {
        if key == "timestamp" {
            let parse = |v: &Value| {
                time::OffsetDateTime::parse(
                    v.as_str().expect("string"),
                    &time::format_description::well_known::Rfc3339,
                )
                .expect("RFC 3339")
            };
            assert_eq!(parse(value), parse(&stored[key]), "timestamp");
        } else {
            assert_eq!(value, &stored[key], "{key} of {}", sent["id"]);
        }
    }
}

fn queued(t: &TestStore, id: AttemptId) -> Vec<(String, Value, DeliveryStatus)> {
    t.manager
        .statements_of(id)
        .expect("outbox")
        .into_iter()
        .map(|q| {
            (
                q.id.to_string(),
                serde_json::from_str(&q.body).expect("json"),
                q.status,
            )
        })
        .collect()
}

/// Ids in the LRS's data file, with how often each is there.
fn stored_ids(lrs: &Lrs) -> BTreeMap<String, usize> {
    let text = std::fs::read_to_string(lrs.data_file()).unwrap_or_default();
    let mut out = BTreeMap::new();
    // Only whole lines: the server may be writing the last one right now.
    let whole = text.rfind('\n').map_or("", |i| &text[..i]);
    for line in whole.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).expect("stored JSON");
        *out.entry(v["id"].as_str().expect("id").to_string())
            .or_insert(0) += 1;
    }
    out
}

#[test]
fn statements_are_accepted_and_read_back_equal() {
    let Some(lrs) = Lrs::start() else { return };
    let t = store();
    let s = scenario("nobody-said-hello");
    let passed = record(&t, &s, 0);
    let failed = record(&t, &s, 1);
    let client = LrsClient::new(&lrs.endpoint());
    let report = sync(&t.store.outbox(), &client, options(100), &mut |_| {}).expect("sync");
    assert_eq!(report.rejected, 0);
    for id in [passed, failed] {
        let ours = queued(&t, id);
        assert!(ours.iter().all(|(_, _, st)| *st == DeliveryStatus::Sent));
        let theirs = client.statements_of(id.0).expect("read back");
        assert_eq!(
            theirs.len(),
            ours.len(),
            "every statement of {id} is stored"
        );
        let by_id: BTreeMap<&str, &Value> = theirs
            .iter()
            .map(|v| (v["id"].as_str().expect("id"), v))
            .collect();
        for (sid, sent, _) in &ours {
            assert_same(sent, by_id.get(sid.as_str()).expect("stored"));
        }
    }
    let summary = t.store.outbox().summary().expect("summary");
    assert_eq!(summary.pending, 0);
    assert_eq!(summary.sent as usize, stored_ids(&lrs).len());
}

#[test]
fn an_lrs_that_dies_mid_sync_gets_everything_exactly_once_after_it_restarts() {
    let Some(mut lrs) = Lrs::start() else { return };
    let t = store();
    let s = scenario("nobody-said-hello");
    let attempts: Vec<AttemptId> = (0..40).map(|i| record(&t, &s, i % 2)).collect();
    let total = t.store.outbox().summary().expect("summary").pending;
    assert!(
        total > 200,
        "enough statements to stop in the middle ({total})"
    );
    let client = LrsClient::new(&lrs.endpoint());
    let outbox = t.store.outbox();
    let syncing = std::thread::spawn(move || sync(&outbox, &client, options(5), &mut |_| {}));
    // Wait until part has arrived, then kill the server without warning.
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while stored_ids(&lrs).len() < 20 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
    lrs.stop();
    let first = syncing.join().expect("sync thread");
    assert!(
        matches!(first, Err(SyncError::Unavailable { .. })),
        "the sync notices the LRS is gone: {first:?}"
    );
    let summary = t.store.outbox().summary().expect("summary");
    assert!(summary.pending > 0 && summary.sent > 0, "{summary:?}");
    assert!(
        summary.last_error.is_some(),
        "the reason is kept for the status view"
    );
    assert!(
        summary.next_try.is_some_and(|t| t > Timestamp::now()),
        "backing off"
    );

    // Back-off: a sync right away sends nothing (checked before the restart, which may take
    // longer than the first pause); once due (or "send now"), everything goes.
    let client = LrsClient::new(&lrs.endpoint());
    let early = sync(&t.store.outbox(), &client, options(50), &mut |_| {}).expect("sync");
    assert_eq!(early.requests, 0, "waits out the back-off");
    lrs.run();
    t.store
        .outbox()
        .retry_now(Timestamp::now())
        .expect("retry now");
    if let Err(e) = sync(&t.store.outbox(), &client, options(50), &mut |_| {}) {
        panic!("second sync: {e:?}\n{}", lrs.explain());
    }

    let in_lrs = stored_ids(&lrs);
    assert_eq!(in_lrs.len() as u64, total, "every statement arrived");
    let doubled: Vec<_> = in_lrs.iter().filter(|(_, n)| **n > 1).collect();
    assert!(doubled.is_empty(), "none twice: {doubled:?}");
    for id in attempts.iter().step_by(7) {
        let theirs = client.statements_of(id.0).expect("query by registration");
        let ours = queued(&t, *id);
        let a: BTreeSet<&str> = theirs.iter().filter_map(|v| v["id"].as_str()).collect();
        let b: BTreeSet<&str> = ours.iter().map(|(i, _, _)| i.as_str()).collect();
        assert_eq!(a, b, "registration {id}");
        assert_eq!(theirs.len(), ours.len());
    }
    assert_eq!(t.store.outbox().summary().expect("summary").pending, 0);
}

#[test]
fn wrong_credentials_say_so_and_drop_nothing() {
    let Some(lrs) = Lrs::start() else { return };
    let t = store();
    let s = scenario("nobody-said-hello");
    let id = record(&t, &s, 0);
    let before = queued(&t, id).len();
    let client = LrsClient::new(&lrs.endpoint_as(common::lrs::USER, "not the password"));
    let err = sync(&t.store.outbox(), &client, options(100), &mut |_| {}).expect_err("refused");
    assert!(
        matches!(err, SyncError::Credentials { status: 401, .. }),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(
        message.contains("credentials") && message.contains("password"),
        "{message}"
    );
    assert!(
        !message.contains("not the password"),
        "the secret is never shown"
    );
    let summary = t.store.outbox().summary().expect("summary");
    assert_eq!(summary.pending as usize, before, "nothing dropped");
    assert_eq!(
        summary.rejected, 0,
        "a wrong password is not the statements' fault"
    );
    assert!(stored_ids(&lrs).is_empty());

    t.store
        .outbox()
        .retry_now(Timestamp::now())
        .expect("retry now");
    let good = LrsClient::new(&lrs.endpoint());
    let report = sync(&t.store.outbox(), &good, options(100), &mut |_| {}).expect("sync");
    assert_eq!(report.sent as usize, before);
}

#[test]
fn a_refused_statement_is_set_aside_with_the_lrs_reason_and_the_rest_still_go() {
    let Some(lrs) = Lrs::start() else { return };
    let t = store();
    let s = scenario("nobody-said-hello");
    let first = record(&t, &s, 0);
    // A statement with no object, queued between good ones: the LRS refuses it.
    let bad_id = uuid::Uuid::new_v4();
    let bad = OutboxStatement {
        id: bad_id,
        registration: first,
        employee: t.employee.id,
        ordinal: 500,
        verb: "answered".into(),
        created: Timestamp::now(),
        body: serde_json::json!({
            "id": bad_id,
            "actor": {"objectType": "Agent", "account": {"homePage": "https://x.example", "name": "e"}},
            "verb": {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en-US": "answered"}},
        })
        .to_string(),
    };
    t.store.outbox().enqueue(&[bad]).expect("enqueue");
    let second = record(&t, &s, 1);
    let total = t.store.outbox().summary().expect("summary").pending;

    let client = LrsClient::new(&lrs.endpoint());
    let report = sync(&t.store.outbox(), &client, options(100), &mut |_| {}).expect("sync");
    assert_eq!(report.rejected, 1);
    assert_eq!(report.sent, total - 1);
    let summary = t.store.outbox().summary().expect("summary");
    assert_eq!((summary.pending, summary.rejected), (0, 1));
    let rejection = &summary.recent_rejections[0];
    assert_eq!(rejection.id, bad_id);
    assert!(
        rejection.reason.contains("422") && rejection.reason.contains("object"),
        "the LRS's own reason: {}",
        rejection.reason
    );
    assert_eq!(stored_ids(&lrs).len() as u64, total - 1);
    assert!(!queued(&t, second).is_empty());

    // Not retried forever: a later sync does not send it again.
    t.store
        .outbox()
        .retry_now(Timestamp::now())
        .expect("retry now");
    let again = sync(&t.store.outbox(), &client, options(100), &mut |_| {}).expect("sync");
    assert_eq!(again.requests, 0);
}

/// The queued statements of `id` as raw JSON, in sending order.
fn raw_bodies(t: &TestStore, id: AttemptId) -> Vec<Box<serde_json::value::RawValue>> {
    queued(t, id)
        .into_iter()
        .map(|(_, body, _)| {
            serde_json::value::RawValue::from_string(body.to_string()).expect("raw")
        })
        .collect()
}

#[test]
fn a_batch_sent_again_after_a_lost_acknowledgement_is_stored_exactly_once() {
    let Some(lrs) = Lrs::start() else { return };
    let t = store();
    let id = record(&t, &scenario("nobody-said-hello"), 0);
    let bodies = raw_bodies(&t, id);
    let total = bodies.len();
    assert!(total > 3);
    // Part of the batch reached the LRS before, but the acknowledgement never came back.
    let client = LrsClient::new(&lrs.endpoint());
    let part: Vec<&serde_json::value::RawValue> =
        bodies[..total / 2].iter().map(AsRef::as_ref).collect();
    assert_eq!(client.post(&part), care_xapi::PostOutcome::Accepted);
    let report = match sync(&t.store.outbox(), &client, options(100), &mut |_| {}) {
        Ok(r) => r,
        Err(e) => panic!("sync: {e:?}\n{}", lrs.explain()),
    };
    assert_eq!(report.rejected, 0, "held statements are not refused");
    assert_eq!(report.sent as usize, total);
    let in_lrs = stored_ids(&lrs);
    assert_eq!(in_lrs.len(), total, "every statement is there");
    assert!(in_lrs.values().all(|n| *n == 1), "none twice: {in_lrs:?}");
    assert!(
        queued(&t, id)
            .iter()
            .all(|(_, _, s)| *s == DeliveryStatus::Sent)
    );

    // Everything already there: the LRS answers without naming any; all are checked and sent.
    let again = store();
    let again_id = record(&again, &scenario("nobody-said-hello"), 1);
    let all = raw_bodies(&again, again_id);
    let refs: Vec<&serde_json::value::RawValue> = all.iter().map(AsRef::as_ref).collect();
    assert_eq!(client.post(&refs), care_xapi::PostOutcome::Accepted);
    let report = sync(&again.store.outbox(), &client, options(100), &mut |_| {}).expect("sync");
    assert_eq!((report.sent as usize, report.rejected), (all.len(), 0));
    assert!(stored_ids(&lrs).values().all(|n| *n == 1));
}

#[test]
fn a_different_statement_under_the_same_id_is_set_aside_and_the_rest_still_go() {
    let Some(lrs) = Lrs::start() else { return };
    let t = store();
    let id = record(&t, &scenario("nobody-said-hello"), 0);
    let ours = queued(&t, id);
    let (clash, body, _) = ours.last().expect("statements").clone();
    // Another program stored a different statement under one of CARE's ids.
    let mut other = body.clone();
    other["result"]["score"]["raw"] = serde_json::json!(3.0);
    other["result"]["score"]["scaled"] = serde_json::json!(0.03);
    let other = serde_json::value::RawValue::from_string(other.to_string()).expect("raw");
    let client = LrsClient::new(&lrs.endpoint());
    assert_eq!(client.post(&[&other]), care_xapi::PostOutcome::Accepted);
    let report = match sync(&t.store.outbox(), &client, options(100), &mut |_| {}) {
        Ok(r) => r,
        Err(e) => panic!("sync: {e:?}\n{}", lrs.explain()),
    };
    assert_eq!(report.rejected, 1);
    assert_eq!(report.sent as usize, ours.len() - 1);
    let summary = t.store.outbox().summary().expect("summary");
    assert_eq!((summary.pending, summary.rejected), (0, 1));
    let rejection = &summary.recent_rejections[0];
    assert_eq!(rejection.id.to_string(), clash);
    assert!(
        rejection.reason.contains("conflict") && rejection.reason.contains("result.score"),
        "{}",
        rejection.reason
    );
    let in_lrs = stored_ids(&lrs);
    assert_eq!(in_lrs.len(), ours.len());
    assert!(in_lrs.values().all(|n| *n == 1), "{in_lrs:?}");
}
