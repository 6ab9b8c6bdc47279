//! A login page is not an LRS: a network sign-in page that redirects the post, or answers it
//! with a web page, stores nothing. Every statement stays queued, and the reason kept for the
//! status view says it is a configuration problem and how to fix it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod common;

use care_xapi::{LrsClient, SyncError, SyncOptions, sync};
use common::http::{Request, Response, Server};
use common::{TestStore, record, scenario, store};

const PAGE: &str = "<!doctype html><html><title>Guest Wi-Fi</title><p>Please sign in</p></html>";

/// A store with one finished attempt's statements queued; returns how many.
fn queued_attempt() -> (TestStore, u64) {
    let t = store();
    record(&t, &scenario("nobody-said-hello"), 0);
    let pending = t.store.outbox().summary().expect("summary").pending;
    assert!(pending > 0);
    (t, pending)
}

fn sync_once(t: &TestStore, client: &LrsClient) -> Result<care_xapi::SyncReport, SyncError> {
    sync(
        &t.store.outbox(),
        client,
        SyncOptions::default(),
        &mut |_| {},
    )
}

/// Nothing sent, nothing set aside, everything waiting with a reason about the settings.
fn assert_all_still_queued(t: &TestStore, pending: u64) -> String {
    let s = t.store.outbox().summary().expect("summary");
    assert_eq!((s.pending, s.sent, s.rejected), (pending, 0, 0), "{s:?}");
    let reason = s.last_error.expect("a reason for the status view");
    assert!(
        reason.starts_with("configuration problem:"),
        "reads as a configuration problem: {reason}"
    );
    reason
}

#[test]
fn a_sign_in_page_that_redirects_the_post_stores_nothing() {
    let portal = Server::start(|r: &Request, port| {
        if r.path().starts_with("/xAPI/") {
            Response::new(302, "text/html", "")
                .header("Location", &format!("http://127.0.0.1:{port}/portal/login"))
        } else {
            Response::new(200, "text/html; charset=utf-8", PAGE)
        }
    });
    let (t, pending) = queued_attempt();
    let client = LrsClient::new(&portal.endpoint("/xAPI/"));
    let err = sync_once(&t, &client).expect_err("not stored");
    let location = format!("http://127.0.0.1:{}/portal/login", portal.port());
    match &err {
        SyncError::Redirected {
            status,
            location: l,
            ..
        } => {
            assert_eq!(*status, 302);
            assert_eq!(l.as_deref(), Some(location.as_str()));
        }
        other => panic!("{other:?}"),
    }
    let message = err.to_string();
    for words in ["redirects", &location, "sign-in page", "wrong address"] {
        assert!(message.contains(words), "{words:?} in: {message}");
    }
    assert!(
        message.contains("sign in to the network") && message.contains("`endpoint`"),
        "says how to fix it: {message}"
    );
    let reason = assert_all_still_queued(&t, pending);
    assert!(
        reason.contains("redirects") && reason.contains(&location),
        "{reason}"
    );
    assert!(reason.contains("sign in to the network"), "{reason}");
    assert!(
        portal.requests().iter().all(|r| r.method == "POST"),
        "the redirect is not followed: {:?}",
        portal.requests()
    );
}

#[test]
fn a_sign_in_page_answering_the_post_itself_stores_nothing() {
    let portal =
        Server::start(|_: &Request, _| Response::new(200, "text/html; charset=utf-8", PAGE));
    let (t, pending) = queued_attempt();
    let client = LrsClient::new(&portal.endpoint("/xAPI/"));
    let err = sync_once(&t, &client).expect_err("not stored");
    assert!(matches!(err, SyncError::NotAcknowledged { .. }), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("web page"), "{message}");
    assert!(message.contains("sign-in page"), "{message}");
    let reason = assert_all_still_queued(&t, pending);
    assert!(reason.contains("web page"), "{reason}");
}

#[test]
fn an_answer_naming_other_statements_stores_nothing() {
    let other = Server::start(|_: &Request, _| {
        Response::json(
            200,
            &serde_json::json!([uuid::Uuid::from_u128(42).to_string()]),
        )
    });
    let (t, pending) = queued_attempt();
    let client = LrsClient::new(&other.endpoint("/xAPI/"));
    let err = sync_once(&t, &client).expect_err("not stored");
    assert!(matches!(err, SyncError::NotAcknowledged { .. }), "{err:?}");
    assert!(err.to_string().contains("not sent"), "{err}");
    assert_all_still_queued(&t, pending);
}
