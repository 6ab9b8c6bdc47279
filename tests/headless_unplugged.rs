//! The database goes away in the middle of a session: PostgreSQL behind a proxy that is
//! unplugged while a trainee plays. Frames keep running, the checkpoint and the finished attempt
//! wait (and the debrief says so), and once the database is back both are stored exactly once.
//! Needs CARE_TEST_POSTGRES_URL (the test script starts a server); skipped without it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod common;

#[allow(dead_code, reason = "this test uses only part of the proxy")]
#[path = "../crates/care_store/tests/common/proxy.rs"]
mod proxy;

use std::time::{Duration, Instant};

use care::game::checkpoint_status::CheckpointStatus;
use care::game::progress::{Account, StoreConfig};
use care::game::save_worker::JournalDir;
use care::game::session::{LastResult, SaveStatus};
use care_store::StoreLocation;
use common::{choose_written, send, start_scenario};

/// A frame that takes longer than this waited on something it should not have.
const FRAME_LIMIT: Duration = Duration::from_millis(500);

fn postgres() -> Option<String> {
    let url = std::env::var("CARE_TEST_POSTGRES_URL").ok();
    if url.is_none() {
        eprintln!("skipped: CARE_TEST_POSTGRES_URL is not set (scripts/test starts PostgreSQL)");
    }
    url
}

/// Runs one frame and fails the test if it took too long.
fn frame(app: &mut bevy::prelude::App) {
    let started = Instant::now();
    app.update();
    let took = started.elapsed();
    assert!(took < FRAME_LIMIT, "a frame took {took:?}");
}

#[test]
fn a_session_carries_on_while_postgresql_is_away_and_nothing_is_lost() {
    let Some(url) = postgres() else { return };
    let (_, after) = url.rsplit_once('@').expect("user@host");
    let upstream = after.split('/').next().expect("host:port");
    let upstream = if upstream.contains(':') {
        upstream.to_string()
    } else {
        format!("{upstream}:5432")
    };
    let proxy = proxy::Proxy::start(&upstream);
    let journal = tempfile::tempdir().unwrap();
    let mut app = common::headless_game(|app| {
        app.insert_resource(StoreConfig(StoreLocation::Postgres(proxy.url(&url))));
        app.insert_resource(JournalDir(journal.path().to_path_buf()));
    });
    let name = format!("Unplugged {}", uuid::Uuid::new_v4());
    send(
        &mut app,
        Account::Register {
            name: name.clone(),
            team: "Harbour".into(),
        },
    );
    let me = app
        .world()
        .resource::<care::game::progress::SignedIn>()
        .employee()
        .id;
    start_scenario(&mut app, "nobody-said-hello", 1);
    choose_written(&mut app, 0);
    let saved = Instant::now();
    while *app.world().resource::<CheckpointStatus>() != CheckpointStatus::Saved {
        assert!(
            saved.elapsed() < Duration::from_secs(30),
            "the play screen says the progress is saved once it is: {:?}",
            app.world().resource::<CheckpointStatus>()
        );
        frame(&mut app);
        std::thread::sleep(Duration::from_millis(10));
    }

    // The server goes away mid-scenario: the rest of the run plays on at full speed.
    proxy.unplug();
    for (n, choice) in [0, 0].into_iter().enumerate() {
        let shown = app
            .world()
            .resource::<care::game::session::ActiveRun>()
            .run
            .shown_position(choice)
            .expect("offered");
        app.world_mut()
            .write_message(care::game::session::SubmitAnswer(
                care_engine::run::Input::Choice(shown),
            ));
        frame(&mut app);
        frame(&mut app);
        if n == 0 {
            let status = app.world().resource::<CheckpointStatus>().clone();
            assert!(
                matches!(
                    status,
                    CheckpointStatus::Saving | CheckpointStatus::Waiting(_)
                ),
                "the play screen does not claim progress the database does not have: {status:?}"
            );
        }
    }
    let waited = Instant::now();
    let mut status = SaveStatus::Pending;
    while waited.elapsed() < Duration::from_secs(4) {
        frame(&mut app);
        status = app.world().resource::<LastResult>().saved.clone();
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(
        matches!(status, SaveStatus::Saving | SaveStatus::Waiting(_)),
        "the debrief does not claim a save the database does not have: {status:?}"
    );

    // The server is back: the attempt is stored, once.
    proxy.restore();
    let back = Instant::now();
    while app.world().resource::<LastResult>().saved != SaveStatus::Saved {
        assert!(
            back.elapsed() < Duration::from_secs(120),
            "never saved: {:?}",
            app.world().resource::<LastResult>().saved
        );
        frame(&mut app);
        std::thread::sleep(Duration::from_millis(20));
    }
    let store = care_store::Store::open(&StoreLocation::Postgres(url)).expect("the store");
    let view = store.trainee(me).expect("the trainee");
    let attempts = view.attempts().expect("attempts");
    assert_eq!(attempts.len(), 1, "stored exactly once");
    assert!(attempts[0].passed);
    assert!(
        view.interrupted().expect("checkpoints").is_empty(),
        "the checkpoint went with the save"
    );
}
