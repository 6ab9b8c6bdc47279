//! The saver on real databases: a result handed over while the database is locked or unplugged
//! waits, says why, and is stored exactly once when the database is back; a save journalled
//! before a crash is committed at the next start; a damaged journal file is set aside.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod common;

use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use care_store::{
    Journal, NewAttempt, OutboxStatement, PendingCheckpoint, PendingSave, SaveEvent, SaveId,
    SaveState, Saved, Saver, ShiftCheckpoint, ShiftRunId, ShiftSave, Store, StoreLocation,
    Timestamp,
};
use common::{attempt, eventually, postgres_behind_proxy, queued, sqlite};
use sqlx::{Connection, Executor};
use uuid::Uuid;

const LONG: Duration = Duration::from_secs(60);

fn t(minute: i64) -> Timestamp {
    Timestamp(1_800_000_000_000 + minute * 60_000)
}

fn records(a: NewAttempt, n: usize) -> NewAttempt {
    let statements = (0..n)
        .map(|i| OutboxStatement {
            id: Uuid::new_v4(),
            registration: a.id,
            employee: a.employee,
            ordinal: i as i64,
            verb: "answered".into(),
            created: a.finished,
            body: format!("{{\"n\":{i}}}"),
        })
        .collect();
    a.with_statements(statements)
}

/// Everything `saver` reported until `until` held for an event, or panics after `limit`.
fn events_until(
    saver: &Saver,
    limit: Duration,
    mut until: impl FnMut(&SaveEvent) -> bool,
) -> Vec<SaveEvent> {
    let mut seen = Vec::new();
    let found = eventually(limit, || {
        let new = saver.poll();
        let hit = new.iter().any(&mut until);
        seen.extend(new);
        hit
    });
    assert!(found, "the awaited event never came; saw {seen:?}");
    seen
}

fn journal_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Holds SQLite's write lock from another connection until the returned sender is dropped.
fn lock_sqlite(location: &StoreLocation) -> mpsc::Sender<()> {
    let StoreLocation::Sqlite(path) = location else {
        panic!("a SQLite store")
    };
    let url = format!("sqlite://{}", path.display());
    let (locked_tx, locked_rx) = mpsc::channel();
    let (release_tx, release_rx) = mpsc::channel::<()>();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async {
            let mut c = sqlx::SqliteConnection::connect(&url)
                .await
                .expect("connect");
            c.execute("BEGIN EXCLUSIVE").await.expect("lock");
            locked_tx.send(()).expect("tell");
            let _ = release_rx.recv();
            c.execute("ROLLBACK").await.expect("unlock");
        });
    });
    locked_rx.recv().expect("locked");
    release_tx
}

fn stored_once(store: &Store, a: &NewAttempt) {
    let me = store.trainee(a.employee).expect("sign in");
    let rows = me.attempts().expect("list");
    assert_eq!(
        rows.iter().filter(|r| r.id == a.id).count(),
        1,
        "stored exactly once"
    );
    assert_eq!(
        queued(store, a.id),
        a.statements.len(),
        "its learning records queued once"
    );
    assert_eq!(me.progress().expect("progress").attempts, 1);
}

#[test]
fn a_save_while_sqlite_is_locked_waits_says_why_and_is_stored_once_after() {
    let db = sqlite();
    let store = db.open();
    let ana = store.add_employee("Ana", "Harbour").expect("add");
    let dir = tempfile::tempdir().expect("dir");
    let saver = Saver::start(store.clone(), dir.path().join("pending")).expect("start");
    let a = records(attempt(ana.id, "transferred-again", 0, t(1)), 3);

    let release = lock_sqlite(&db.location);
    let handed = Instant::now();
    let id = saver
        .submit(PendingSave::Attempt(a.clone()))
        .expect("submit");
    assert!(
        handed.elapsed() < Duration::from_secs(2),
        "handing a save over does not wait for the database ({:?})",
        handed.elapsed()
    );
    assert_eq!(id, SaveId::Attempt(a.id));
    assert_eq!(journal_files(saver.journal_dir()).len(), 1, "journalled");
    let seen = events_until(&saver, LONG, |e| matches!(e, SaveEvent::Waiting { .. }));
    let Some(SaveEvent::Waiting { reason, .. }) = seen.last() else {
        panic!("{seen:?}")
    };
    assert!(reason.contains("locked"), "the reason is plain: {reason}");
    assert!(matches!(saver.status(id), Some(SaveState::Waiting { .. })));
    assert_eq!(saver.pending(), vec![id]);
    assert!(
        !seen.iter().any(|e| matches!(e, SaveEvent::Saved { .. })),
        "not saved while locked"
    );

    drop(release);
    saver.try_now();
    let seen = events_until(&saver, LONG, |e| matches!(e, SaveEvent::Saved { .. }));
    let saved: Vec<_> = seen
        .iter()
        .filter(|e| matches!(e, SaveEvent::Saved { .. }))
        .collect();
    assert_eq!(
        saved,
        [&SaveEvent::Saved {
            id,
            outcome: Saved::Stored
        }]
    );
    assert_eq!(saver.status(id), Some(SaveState::Saved(Saved::Stored)));
    assert!(saver.pending().is_empty());
    assert!(
        journal_files(saver.journal_dir()).is_empty(),
        "journal emptied"
    );
    stored_once(&store, &a);
}

#[test]
fn a_save_left_uncommitted_at_shutdown_is_committed_at_the_next_start() {
    let db = sqlite();
    let store = db.open();
    let ana = store.add_employee("Ana", "Harbour").expect("add");
    let dir = tempfile::tempdir().expect("dir");
    let journal = dir.path().join("pending");
    let a = records(attempt(ana.id, "transferred-again", 0, t(1)), 2);
    let release = lock_sqlite(&db.location);
    let saver = Saver::start(store.clone(), journal.clone()).expect("start");
    saver
        .submit(PendingSave::Attempt(a.clone()))
        .expect("submit");
    events_until(&saver, LONG, |e| matches!(e, SaveEvent::Waiting { .. }));
    drop(saver);
    assert_eq!(journal_files(&journal).len(), 1, "kept for the next start");
    drop(release);
    assert!(
        store
            .trainee(ana.id)
            .expect("me")
            .attempts()
            .expect("list")
            .is_empty()
    );

    let again = Saver::start(store.clone(), journal.clone()).expect("restart");
    events_until(&again, LONG, |e| matches!(e, SaveEvent::Saved { .. }));
    assert!(journal_files(&journal).is_empty());
    stored_once(&store, &a);
}

#[test]
fn a_save_journalled_before_a_crash_is_stored_once_at_the_next_start() {
    let db = sqlite();
    let store = db.open();
    let ana = store.add_employee("Ana", "Harbour").expect("add");
    let dir = tempfile::tempdir().expect("dir");
    let journal_dir = dir.path().join("pending");
    let journal = Journal::open(journal_dir.clone()).expect("journal");
    // Crashed before the commit.
    let lost = records(attempt(ana.id, "transferred-again", 0, t(1)), 2);
    journal
        .write(&PendingSave::Attempt(lost.clone()))
        .expect("write");
    // Crashed after the commit but before the journal file was removed.
    let committed = records(attempt(ana.id, "nobody-said-hello", 0, t(2)), 1);
    store
        .trainee(ana.id)
        .expect("me")
        .record_attempt(&committed)
        .expect("save");
    journal
        .write(&PendingSave::Attempt(committed.clone()))
        .expect("write");
    // A file torn by a power cut during its write.
    let torn = journal_dir.join(format!("attempt-{}.json", Uuid::now_v7()));
    std::fs::write(&torn, br#"{"format":1,"save":{"Attempt":{"id":"#).expect("torn");

    let saver = Saver::start(store.clone(), journal_dir.clone()).expect("start");
    let mut seen = Vec::new();
    assert!(eventually(LONG, || {
        seen.extend(saver.poll());
        seen.iter()
            .filter(|e| matches!(e, SaveEvent::Saved { .. }))
            .count()
            == 2
    }));
    assert!(seen.contains(&SaveEvent::Saved {
        id: SaveId::Attempt(committed.id),
        outcome: Saved::AlreadyStored
    }));
    assert!(seen.contains(&SaveEvent::Saved {
        id: SaveId::Attempt(lost.id),
        outcome: Saved::Stored
    }));
    let aside: Vec<_> = seen
        .iter()
        .filter_map(|e| match e {
            SaveEvent::SetAside { path, reason } => Some((path.clone(), reason.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(aside.len(), 1, "{seen:?}");
    assert!(
        aside[0].1.contains("incomplete or damaged"),
        "{}",
        aside[0].1
    );
    assert!(aside[0].0.exists(), "kept aside for a person to look at");
    assert_eq!(
        journal_files(&journal_dir),
        [aside[0].0.file_name().expect("name").to_string_lossy()],
        "only the damaged file is left"
    );
    let rows = store.trainee(ana.id).expect("me").attempts().expect("list");
    assert_eq!(rows.len(), 2);
    assert_eq!(queued(&store, lost.id), 2);
    assert_eq!(queued(&store, committed.id), 1);
}

#[test]
fn checkpoints_go_through_the_saver_newest_first_and_end_with_their_shift() {
    let db = sqlite();
    let store = db.open();
    let ana = store.add_employee("Ana", "Harbour").expect("add");
    let me = store.trainee(ana.id).expect("me");
    let dir = tempfile::tempdir().expect("dir");
    let saver = Saver::start(store.clone(), dir.path().join("pending")).expect("start");
    let a = records(attempt(ana.id, "transferred-again", 0, t(1)), 2);
    let answers = a.transcript.as_ref().expect("transcript").answers.clone();
    let mut statement_ids = Vec::new();
    for n in 1..=answers.len() {
        let checkpoint = care_store::Checkpoint {
            attempt: a.id,
            employee: ana.id,
            scenario_id: a.scenario_id.clone(),
            scenario_title: a.scenario_title.clone(),
            content_hash: a.content_hash.clone(),
            seed: a.seed,
            started: a.started,
            updated: a.started.plus_ms(n as i64 * 1_000),
            answers: answers[..n].to_vec(),
        };
        let statement = records(a.clone(), 1).statements.remove(0);
        statement_ids.push(statement.id);
        let handed = Instant::now();
        saver
            .checkpoint(PendingCheckpoint::Run {
                checkpoint,
                statements: vec![statement],
            })
            .expect("checkpoint");
        assert!(handed.elapsed() < Duration::from_millis(500), "never waits");
    }
    assert!(eventually(LONG, || {
        me.interrupted()
            .expect("list")
            .first()
            .is_some_and(|c| c.answers.len() == answers.len())
    }));
    assert!(
        eventually(LONG, || { queued(&store, a.id) == answers.len() }),
        "no checkpoint's learning record is lost to a newer checkpoint"
    );
    events_until(
        &saver,
        LONG,
        |e| matches!(e, SaveEvent::CheckpointSaved { id } if *id == SaveId::Attempt(a.id)),
    );

    let shift = ShiftSave {
        id: ShiftRunId::new(),
        employee: ana.id,
        shift_id: "friday-pharmacy-wave".into(),
        attempts: vec![records(attempt(ana.id, "nobody-said-hello", 0, t(5)), 1)],
        triage: 80,
        passed: true,
        finished: t(6),
    };
    saver
        .checkpoint(PendingCheckpoint::Shift(ShiftCheckpoint {
            id: shift.id,
            employee: ana.id,
            shift_id: shift.shift_id.clone(),
            shift_title: "Friday pharmacy wave".into(),
            content_hash: "abc".into(),
            seed: 9,
            started: t(5),
            updated: t(5),
            inputs_json: "[]".into(),
        }))
        .expect("shift checkpoint");
    assert!(eventually(LONG, || me
        .interrupted_shifts()
        .expect("l")
        .len()
        == 1));
    let id = saver.submit(PendingSave::Shift(shift)).expect("submit");
    events_until(&saver, LONG, |e| matches!(e, SaveEvent::Saved { .. }));
    assert_eq!(saver.status(id), Some(SaveState::Saved(Saved::Stored)));
    assert!(me.interrupted_shifts().expect("list").is_empty());
}

#[test]
fn a_save_refused_for_another_employee_is_not_kept() {
    let db = sqlite();
    let store = db.open();
    let ana = store.add_employee("Ana", "Harbour").expect("add");
    let ben = store.add_employee("Ben", "Harbour").expect("add");
    let dir = tempfile::tempdir().expect("dir");
    let saver = Saver::start(store, dir.path().join("pending")).expect("start");
    let mut a = records(attempt(ana.id, "transferred-again", 0, t(1)), 1);
    a.statements[0].employee = ben.id;
    let err = saver.submit(PendingSave::Attempt(a)).expect_err("refused");
    assert!(err.to_string().contains("another employee"), "{err}");
    assert!(journal_files(saver.journal_dir()).is_empty());
    assert!(saver.pending().is_empty());
}

#[test]
fn unplugging_postgresql_mid_session_loses_nothing_and_stores_once() {
    let Some((db, proxy, location)) = postgres_behind_proxy() else {
        return;
    };
    let store = Store::open(&location).expect("open through the proxy");
    let ana = store.add_employee("Ana", "Harbour").expect("add");
    let dir = tempfile::tempdir().expect("dir");
    let saver = Saver::start(store.clone(), dir.path().join("pending")).expect("start");

    proxy.unplug();
    let a = records(attempt(ana.id, "transferred-again", 0, t(1)), 3);
    let id = saver
        .submit(PendingSave::Attempt(a.clone()))
        .expect("submit");
    let seen = events_until(&saver, LONG, |e| matches!(e, SaveEvent::Waiting { .. }));
    assert!(!seen.iter().any(|e| matches!(e, SaveEvent::Saved { .. })));
    proxy.restore();
    saver.try_now();
    events_until(&saver, LONG, |e| matches!(e, SaveEvent::Saved { .. }));
    assert_eq!(saver.status(id), Some(SaveState::Saved(Saved::Stored)));
    stored_once(&db.open(), &a);
}

#[test]
fn a_commit_whose_answer_was_lost_is_retried_and_stored_once() {
    let Some((db, proxy, location)) = postgres_behind_proxy() else {
        return;
    };
    let store = Store::open(&location).expect("open through the proxy");
    let ana = store.add_employee("Ana", "Harbour").expect("add");
    let dir = tempfile::tempdir().expect("dir");
    let saver = Saver::start(store.clone(), dir.path().join("pending")).expect("start");

    proxy.lose_next_commit_ack();
    let a = records(attempt(ana.id, "transferred-again", 0, t(1)), 3);
    let id = saver
        .submit(PendingSave::Attempt(a.clone()))
        .expect("submit");
    let seen = events_until(&saver, LONG, |e| matches!(e, SaveEvent::Waiting { .. }));
    assert_eq!(proxy.commits_lost(), 1, "{seen:?}");
    saver.try_now();
    let seen = events_until(&saver, LONG, |e| matches!(e, SaveEvent::Saved { .. }));
    assert!(
        seen.contains(&SaveEvent::Saved {
            id,
            outcome: Saved::AlreadyStored
        }),
        "the first try had stored it: {seen:?}"
    );
    stored_once(&db.open(), &a);
}
