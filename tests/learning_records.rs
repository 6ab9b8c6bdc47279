//! Learning records from the game, headless: a played attempt queues its statements with the
//! saves, and the background sender delivers them to a real learning record store (ralph) on
//! loopback while frames keep running.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

#[path = "../crates/care_xapi/tests/common/lrs.rs"]
#[allow(dead_code, reason = "the game tests use part of the LRS set-up")]
mod lrs;

use common::{choose_written, send};
use std::time::{Duration, Instant};

mod common;

use bevy::prelude::*;
use care::game::learning_records::{LearningRecords, LearningRecordsConfig, SenderState};
use care::game::progress::{Account, StoreConfig};
use care::game::session::{LastResult, SaveStatus};
use care_store::{DeliveryStatus, StoreLocation};
use care_xapi::{LrsConfig, Profile};

fn app(dir: &std::path::Path, records: LearningRecordsConfig) -> App {
    common::headless_game(|app| {
        app.insert_resource(StoreConfig(StoreLocation::in_dir(dir)));
        app.insert_resource(records);
    })
}

fn store_of(app: &App) -> care_store::Store {
    common::store_of(app)
}

fn play_nobody_said_hello(app: &mut App) {
    send(
        app,
        Account::Register {
            name: "Ana Lima".into(),
            team: "Harbour".into(),
        },
    );
    common::start_scenario(app, "nobody-said-hello", 3);
}

fn profile() -> Profile {
    let mut p = Profile::for_homepage("https://harbour-shop.example.com").expect("a valid address");
    p.send_answered = false;
    p
}

#[test]
fn a_played_attempt_reaches_the_learning_record_store_in_the_background() {
    let Some(lrs) = lrs::Lrs::start() else { return };
    let dir = tempfile::tempdir().expect("tmp");
    let config = LrsConfig {
        profile: profile(),
        endpoint: lrs.endpoint(),
        source: "test".into(),
    };
    let mut app = app(
        dir.path(),
        LearningRecordsConfig {
            config: Some(config),
            problem: None,
        },
    );
    play_nobody_said_hello(&mut app);
    choose_written(&mut app, 0);
    // The first answer's checkpoint already queued "attempted".
    let store = store_of(&app);
    for choice in [0, 0] {
        choose_written(&mut app, choice);
    }
    assert_eq!(common::wait_saved(&mut app), SaveStatus::Saved);
    let attempt = app.world().resource::<LastResult>().attempt;
    let manager = store
        .set_manager_passphrase("the trainers' passphrase")
        .expect("passphrase");
    let queued = manager.statements_of(attempt).expect("outbox");
    let verbs: Vec<&str> = queued.iter().map(|q| q.verb.as_str()).collect();
    assert_eq!(verbs, ["attempted", "completed", "passed"]);

    // Frames keep running while the sender works; it reports when the queue is empty.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        app.update();
        let all_sent = manager
            .statements_of(attempt)
            .expect("outbox")
            .iter()
            .all(|q| q.status == DeliveryStatus::Sent);
        let state = app.world().resource::<LearningRecords>().state.clone();
        if all_sent && matches!(state, SenderState::Done(_)) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "not delivered in time: {state:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let client = care_xapi::LrsClient::new(&lrs.endpoint());
    let stored = client.statements_of(attempt.0).expect("read back");
    let mut ids: Vec<String> = stored
        .iter()
        .filter_map(|v| v["id"].as_str().map(str::to_string))
        .collect();
    ids.sort();
    let mut ours: Vec<String> = queued.iter().map(|q| q.id.to_string()).collect();
    ours.sort();
    assert_eq!(ids, ours, "exactly the queued statements, once each");
}

#[test]
fn without_learning_records_set_up_nothing_is_queued() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = app(dir.path(), LearningRecordsConfig::default());
    play_nobody_said_hello(&mut app);
    for choice in [0, 0, 0] {
        choose_written(&mut app, choice);
    }
    assert_eq!(common::wait_saved(&mut app), SaveStatus::Saved);
    let records = app.world().resource::<LearningRecords>();
    assert!(records.endpoint.is_none() && records.profile.is_none());
    assert_eq!(records.state, SenderState::Off);
    let store = store_of(&app);
    let summary = store.outbox().summary().expect("summary");
    assert_eq!((summary.pending, summary.sent), (0, 0));
}
