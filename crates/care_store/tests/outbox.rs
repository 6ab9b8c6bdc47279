//! The learning-record outbox on every backend: statements queue once, go out oldest first, and
//! two senders at once never hold the same statement.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod common;

use std::collections::BTreeSet;

use care_store::{AttemptId, DeliveryStatus, OutboxStatement, Store, Timestamp};
use common::backends;
use uuid::Uuid;

fn queue(store: &Store, n: usize) -> (AttemptId, Vec<Uuid>) {
    let employee = store.add_employee("Ana", "Harbour").expect("employee");
    let attempt = AttemptId::new();
    let statements: Vec<OutboxStatement> = (0..n)
        .map(|i| OutboxStatement {
            id: Uuid::new_v4(),
            registration: attempt,
            employee: employee.id,
            ordinal: i as i64,
            verb: "answered".into(),
            created: Timestamp(1_000),
            body: format!("{{\"n\":{i}}}"),
        })
        .collect();
    store.outbox().enqueue(&statements).expect("enqueue");
    store.outbox().enqueue(&statements).expect("enqueue again");
    (attempt, statements.iter().map(|s| s.id).collect())
}

#[test]
fn statements_go_out_in_order_and_settle_once() {
    for db in backends() {
        let store = db.open();
        let (attempt, ids) = queue(&store, 7);
        let outbox = store.outbox();
        assert_eq!(outbox.summary().expect("summary").pending, 7, "{}", db.name);
        let now = Timestamp::now();
        let first = outbox.claim(3, now, now.plus_ms(60_000)).expect("claim");
        assert_eq!(
            first.iter().map(|c| c.id).collect::<Vec<_>>(),
            ids[..3],
            "{}: oldest first, in ordinal order",
            db.name
        );
        // Claimed statements are hidden from the next claim until the lease ends.
        let second = outbox.claim(10, now, now.plus_ms(60_000)).expect("claim");
        assert_eq!(second.len(), 4, "{}", db.name);
        outbox.mark_sent(&ids[..3], now).expect("sent");
        outbox
            .mark_rejected(ids[3], "HTTP 400: bad", now)
            .expect("rejected");
        outbox
            .postpone(&ids[4..], "the LRS is down", now.plus_ms(5_000))
            .expect("postpone");
        let s = outbox.summary().expect("summary");
        assert_eq!((s.pending, s.sent, s.rejected), (3, 3, 1), "{}", db.name);
        assert_eq!(s.last_error.as_deref(), Some("the LRS is down"));
        assert_eq!(s.recent_rejections[0].reason, "HTTP 400: bad");
        assert!(
            outbox.claim(10, now, now).expect("claim").is_empty(),
            "backing off"
        );
        let later = now.plus_ms(5_000);
        assert_eq!(outbox.claim(10, later, later).expect("claim").len(), 3);
        // Settling twice changes nothing: a sent statement is never pending again.
        outbox.mark_sent(&ids[..3], now).expect("again");
        let manager = store
            .set_manager_passphrase("outbox manager")
            .expect("manager");
        let queued = manager.statements_of(attempt).expect("list");
        assert_eq!(queued[0].status, DeliveryStatus::Sent);
        assert_eq!(queued[3].status, DeliveryStatus::Rejected);
        assert_eq!(queued[4].tries, 1);
    }
}

#[test]
fn two_senders_at_once_never_hold_the_same_statement() {
    for db in backends() {
        let store = db.open();
        let (_, ids) = queue(&store, 400);
        let senders: Vec<_> = (0..2)
            .map(|_| {
                let outbox = db.open().outbox();
                std::thread::spawn(move || {
                    let mut got = Vec::new();
                    loop {
                        let now = Timestamp::now();
                        let batch = outbox.claim(25, now, now.plus_ms(600_000)).expect("claim");
                        if batch.is_empty() {
                            return got;
                        }
                        got.extend(batch.iter().map(|c| c.id));
                    }
                })
            })
            .collect();
        let results: Vec<Vec<Uuid>> = senders
            .into_iter()
            .map(|h| h.join().expect("sender"))
            .collect();
        let a: BTreeSet<Uuid> = results[0].iter().copied().collect();
        let b: BTreeSet<Uuid> = results[1].iter().copied().collect();
        assert!(
            a.is_disjoint(&b),
            "{}: a statement was claimed twice",
            db.name
        );
        assert_eq!(
            a.len() + b.len(),
            ids.len(),
            "{}: every statement claimed",
            db.name
        );
    }
}

#[test]
fn send_now_leaves_held_statements_with_their_sender() {
    for db in backends() {
        let store = db.open();
        let (_, ids) = queue(&store, 4);
        let outbox = store.outbox();
        let now = Timestamp::now();
        let held = outbox.claim(2, now, now.plus_ms(60_000)).expect("claim");
        outbox
            .postpone(&ids[2..], "the LRS is down", now.plus_ms(30_000))
            .expect("postpone");
        outbox.retry_now(now).expect("send now");
        let again = outbox.claim(10, now, now.plus_ms(60_000)).expect("claim");
        let got: Vec<Uuid> = again.iter().map(|c| c.id).collect();
        assert_eq!(
            got,
            ids[2..],
            "{}: only the waiting ones, not the held ones",
            db.name
        );
        let mine: Vec<&care_store::ClaimedStatement> = held.iter().collect();
        assert_eq!(
            outbox.renew(&mine, now.plus_ms(90_000)).expect("renew"),
            ids[..2]
        );
    }
}

#[test]
fn a_lease_that_ran_out_and_was_taken_is_not_sent_twice() {
    for db in backends() {
        let store = db.open();
        let (_, ids) = queue(&store, 3);
        let outbox = store.outbox();
        let t0 = Timestamp::now();
        let first = outbox.claim(3, t0, t0.plus_ms(1_000)).expect("claim");
        // The first sender's lease runs out; a second sender takes the statements.
        let later = t0.plus_ms(5_000);
        let second = outbox
            .claim(3, later, later.plus_ms(60_000))
            .expect("claim");
        assert_eq!(second.len(), 3, "{}", db.name);
        let mine: Vec<&care_store::ClaimedStatement> = first.iter().collect();
        assert!(
            outbox
                .renew(&mine, later.plus_ms(60_000))
                .expect("renew")
                .is_empty(),
            "{}: the first sender no longer holds them",
            db.name
        );
        let theirs: Vec<&care_store::ClaimedStatement> = second.iter().collect();
        assert_eq!(
            outbox.renew(&theirs, later.plus_ms(60_000)).expect("renew"),
            ids
        );
    }
}

#[test]
fn new_statements_of_an_attempt_wait_behind_its_older_ones() {
    for db in backends() {
        let store = db.open();
        let (attempt, ids) = queue(&store, 2);
        let outbox = store.outbox();
        let now = Timestamp::now();
        let claimed = outbox.claim(2, now, now.plus_ms(60_000)).expect("claim");
        assert_eq!(claimed.len(), 2);
        outbox
            .postpone(&ids, "the LRS is down", now.plus_ms(30_000))
            .expect("postpone");
        let employee = store.employees().expect("employees")[0].id;
        let late = OutboxStatement {
            id: Uuid::new_v4(),
            registration: attempt,
            employee,
            ordinal: 9,
            verb: "completed".into(),
            created: now,
            body: "{}".into(),
        };
        outbox
            .enqueue(std::slice::from_ref(&late))
            .expect("enqueue");
        assert!(
            outbox
                .claim(10, now, now.plus_ms(60_000))
                .expect("claim")
                .is_empty(),
            "{}: the later statement does not overtake the earlier ones",
            db.name
        );
        let due = now.plus_ms(30_000);
        let all: Vec<Uuid> = outbox
            .claim(10, due, due.plus_ms(60_000))
            .expect("claim")
            .iter()
            .map(|c| c.id)
            .collect();
        assert_eq!(all, [ids[0], ids[1], late.id], "{}", db.name);
    }
}

#[test]
fn statements_queued_while_others_are_being_sent_are_due_at_once() {
    for db in backends() {
        let store = db.open();
        let (attempt, _) = queue(&store, 1);
        let outbox = store.outbox();
        let now = Timestamp::now();
        // A sender holds the first statement (its lease is in the future)...
        assert_eq!(
            outbox
                .claim(1, now, now.plus_ms(120_000))
                .expect("claim")
                .len(),
            1
        );
        let employee = store.employees().expect("employees")[0].id;
        let next = OutboxStatement {
            id: Uuid::new_v4(),
            registration: attempt,
            employee,
            ordinal: 5,
            verb: "completed".into(),
            created: now,
            body: "{}".into(),
        };
        outbox
            .enqueue(std::slice::from_ref(&next))
            .expect("enqueue");
        // ...which is no reason for the next one to wait two minutes.
        let got = outbox.claim(10, now, now.plus_ms(60_000)).expect("claim");
        assert_eq!(
            got.iter().map(|c| c.id).collect::<Vec<_>>(),
            [next.id],
            "{}",
            db.name
        );
    }
}

/// A statement about `attempt`, as a sender would queue it.
fn statement_about(attempt: AttemptId, employee: care_store::EmployeeId) -> OutboxStatement {
    OutboxStatement {
        id: Uuid::new_v4(),
        registration: attempt,
        employee,
        ordinal: 0,
        verb: "attempted".into(),
        created: Timestamp::now(),
        body: "{}".into(),
    }
}

#[test]
fn attempts_without_statements_are_listed_until_theirs_are_queued() {
    for db in backends() {
        let store = db.open();
        let employee = store.add_employee("Ana", "Harbour").expect("employee");
        let view = store.trainee(employee.id).expect("trainee");
        let now = Timestamp::now();
        let old = common::attempt(employee.id, "nobody-said-hello", 0, now.plus_ms(-60_000));
        view.record_attempt(&old).expect("saved");
        let queued = common::attempt(employee.id, "nobody-said-hello", 1, now.plus_ms(-30_000));
        let queued = queued
            .clone()
            .with_statements(vec![statement_about(queued.id, employee.id)]);
        view.record_attempt(&queued).expect("saved");
        let interrupted = care_store::Checkpoint {
            attempt: AttemptId::new(),
            employee: employee.id,
            scenario_id: "nobody-said-hello".into(),
            scenario_title: "Nobody said hello".into(),
            content_hash: "h".into(),
            seed: 1,
            started: now.plus_ms(-20_000),
            updated: now,
            answers: Vec::new(),
        };
        view.abandon(&interrupted).expect("abandoned");
        let manager = store.set_manager_passphrase("backfill manager").expect("m");
        let listed = |m: &care_store::ManagerAccess| -> Vec<AttemptId> {
            m.attempts_without_statements()
                .expect("list")
                .iter()
                .map(|r| r.id)
                .collect()
        };
        assert_eq!(
            listed(&manager),
            [old.id, interrupted.attempt],
            "{}: oldest first, finished and abandoned, not the one with statements",
            db.name
        );
        store
            .outbox()
            .enqueue(&[statement_about(old.id, employee.id)])
            .expect("enqueue");
        assert_eq!(listed(&manager), [interrupted.attempt], "{}", db.name);
    }
}

#[test]
fn a_record_that_would_unpack_to_far_more_than_any_run_is_refused_by_name() {
    use std::io::Write;
    for db in backends() {
        let store = db.open();
        let employee = store.add_employee("Ana", "Harbour").expect("employee");
        let attempt = common::attempt(employee.id, "nobody-said-hello", 0, Timestamp::now());
        store
            .trainee(employee.id)
            .expect("trainee")
            .record_attempt(&attempt)
            .expect("saved");
        // A damaged record: a few kilobytes of deflate that unpack to 64 MiB.
        let mut bomb = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        let block = vec![b'{'; 1 << 20];
        for _ in 0..64 {
            bomb.write_all(&block).expect("write");
        }
        let bytes = bomb.finish().expect("finish");
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let value = match db.location {
            care_store::StoreLocation::Sqlite(_) => format!("X'{hex}'"),
            care_store::StoreLocation::Postgres(_) => format!("decode('{hex}', 'hex')"),
        };
        common::raw_sql(
            &db.location,
            &[format!(
                "UPDATE attempt_records SET record = {value} WHERE attempt_id = '{}'",
                attempt.id
            )],
        );
        let manager = store.set_manager_passphrase("bomb manager").expect("m");
        let e = manager.attempt(attempt.id).expect_err("refused");
        assert!(
            matches!(e, care_store::StoreError::RecordTooLarge { .. }),
            "{}: {e:?}",
            db.name
        );
        assert!(e.to_string().contains(&attempt.id.to_string()), "{e}");
    }
}
