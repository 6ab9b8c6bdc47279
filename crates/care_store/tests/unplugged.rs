//! A database that goes away must not hang a station: PostgreSQL behind a proxy that swallows
//! every byte (a pulled cable that closes nothing) makes store calls fail within a bound, before
//! or during a call; and a SQLite store where the write-ahead log cannot be used is refused.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod common;

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use care_store::{Store, StoreError, StoreLocation, Timestamp};
use common::{attempt, postgres_behind_proxy};

/// The bound for "did not hang": generous, since this is about not waiting for minutes.
const BOUND: Duration = Duration::from_secs(30);

/// Runs `call` on a thread and returns its result and how long it took, or None if it had not
/// returned after `BOUND` (so a hang fails the test instead of stalling it).
fn within<T: Send + 'static>(call: impl FnOnce() -> T + Send + 'static) -> Option<(T, Duration)> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let started = Instant::now();
        let out = call();
        let _ = tx.send((out, started.elapsed()));
    });
    rx.recv_timeout(BOUND + Duration::from_secs(5)).ok()
}

#[test]
fn calls_fail_within_a_bound_when_postgresql_stops_answering() {
    let Some((_db, proxy, location)) = postgres_behind_proxy() else {
        return;
    };
    let store = Store::open(&location).expect("open through the proxy");
    let ana = store.add_employee("Ana", "Harbour").expect("add");
    let me = store.trainee(ana.id).expect("sign in");
    assert!(me.attempts().expect("answers while plugged in").is_empty());

    proxy.black_hole();
    let reader = me.clone();
    let (read, took) = within(move || reader.attempts()).expect("the read did not hang");
    assert!(read.is_err(), "a read fails");
    assert!(took < BOUND, "the read failed after {took:?}");

    let writer = me.clone();
    let a = attempt(ana.id, "transferred-again", 0, Timestamp::now());
    let (saved, took) = within(move || writer.record_attempt(&a)).expect("the save did not hang");
    let err = saved.expect_err("a save fails");
    assert!(took < BOUND, "the save failed after {took:?}: {err}");

    let again = location.clone();
    let (opened, took) = within(move || Store::open(&again)).expect("opening did not hang");
    assert!(opened.is_err(), "opening fails");
    assert!(took < BOUND, "opening failed after {took:?}");
}

#[test]
fn a_call_whose_request_vanishes_midway_fails_within_a_bound() {
    let Some((_db, proxy, location)) = postgres_behind_proxy() else {
        return;
    };
    let store = Store::open(&location).expect("open through the proxy");
    let ana = store.add_employee("Ana", "Harbour").expect("add");
    let me = store.trainee(ana.id).expect("sign in");
    // The transaction has begun when the attempt's insert, and everything after it, vanishes.
    proxy.black_hole_when_client_sends(b"INSERT INTO attempts");
    let a = attempt(ana.id, "transferred-again", 0, Timestamp::now());
    let (saved, took) = within(move || me.record_attempt(&a)).expect("the save did not hang");
    let err = saved.expect_err("the save fails");
    assert!(took < BOUND, "failed after {took:?}: {err}");
    assert!(
        err.to_string().contains("no answer"),
        "the error says what happened: {err}"
    );
}

#[test]
fn a_sqlite_store_that_cannot_use_the_write_ahead_log_is_refused() {
    // SQLite keeps an in-memory database out of WAL mode, as it does a folder whose file
    // system cannot share memory between processes.
    let err = Store::open(&StoreLocation::Sqlite(PathBuf::from(":memory:")))
        .expect_err("refused rather than run without the write-ahead log");
    assert!(
        matches!(&err, StoreError::NoWal { mode, .. } if mode == "memory"),
        "{err:?}"
    );
    assert!(err.to_string().contains("network folder"), "{err}");
}
