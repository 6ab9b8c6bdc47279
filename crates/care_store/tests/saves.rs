//! Saves that are stored exactly once, on every backend: a commit repeated after its answer was
//! lost, two stations committing the same attempt at once, a finished run whose checkpoint was
//! abandoned meanwhile, and rush-hour shifts written whole or not at all.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod common;

use care_store::{
    AttemptStatus, EmployeeId, NewAttempt, OutboxStatement, Saved, ShiftCheckpoint, ShiftRunId,
    ShiftSave, Store, StoreLocation, Timestamp,
};
use common::{attempt, backends, queued, raw_sql};
use uuid::Uuid;

fn t(day: i64) -> Timestamp {
    Timestamp(1_800_000_000_000 + day * 86_400_000)
}

/// `a` with `n` learning records about it.
pub fn with_statements(a: NewAttempt, n: usize) -> NewAttempt {
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

#[test]
fn committing_the_same_attempt_twice_stores_it_and_its_records_once() {
    for db in backends() {
        let store = db.open();
        let ana = store.add_employee("Ana", "Harbour").expect("add");
        let me = store.trainee(ana.id).expect("sign in");
        let a = with_statements(attempt(ana.id, "transferred-again", 0, t(1)), 3);
        assert_eq!(me.record_attempt(&a).expect("save"), Saved::Stored);
        // The retry of a commit whose answer was lost: same id, same content.
        assert_eq!(me.record_attempt(&a).expect("retry"), Saved::AlreadyStored);
        assert_eq!(me.attempts().expect("list").len(), 1, "{}", db.name);
        assert_eq!(queued(&store, a.id), 3, "{}: records queued once", db.name);
        assert_eq!(me.progress().expect("progress").attempts, 1, "{}", db.name);
    }
}

#[test]
fn two_stations_committing_the_same_attempt_at_once_store_it_once() {
    for db in backends() {
        let store = db.open();
        let ana = store.add_employee("Ana", "Harbour").expect("add");
        let a = with_statements(attempt(ana.id, "transferred-again", 0, t(1)), 4);
        let stations: Vec<Store> = (0..2).map(|_| db.open()).collect();
        let barrier = std::sync::Barrier::new(2);
        let outcomes: Vec<Saved> = std::thread::scope(|s| {
            let handles: Vec<_> = stations
                .iter()
                .map(|station| {
                    let (a, barrier) = (&a, &barrier);
                    s.spawn(move || {
                        let me = station.trainee(a.employee).expect("sign in");
                        barrier.wait();
                        me.record_attempt(a).expect("save")
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("station"))
                .collect()
        });
        let stored = outcomes.iter().filter(|o| **o == Saved::Stored).count();
        assert_eq!(stored, 1, "{}: {outcomes:?}", db.name);
        let me = store.trainee(ana.id).expect("sign in");
        assert_eq!(me.attempts().expect("list").len(), 1, "{}", db.name);
        assert_eq!(queued(&store, a.id), 4, "{}", db.name);
        assert_eq!(me.progress().expect("progress").attempts, 1, "{}", db.name);
    }
}

#[test]
fn a_finished_run_replaces_the_abandoned_record_of_its_checkpoint() {
    // The run ended, but its save waited (say the database was away) while the trainee, at
    // another station, abandoned its checkpoint: the finished result must still be kept.
    for db in backends() {
        let store = db.open();
        let ana = store.add_employee("Ana", "Harbour").expect("add");
        let me = store.trainee(ana.id).expect("sign in");
        let finished = with_statements(attempt(ana.id, "transferred-again", 0, t(1)), 2);
        let checkpoint = care_store::Checkpoint {
            attempt: finished.id,
            employee: ana.id,
            scenario_id: finished.scenario_id.clone(),
            scenario_title: finished.scenario_title.clone(),
            content_hash: finished.content_hash.clone(),
            seed: finished.seed,
            started: finished.started,
            updated: finished.started.plus_ms(5_000),
            answers: Vec::new(),
        };
        me.save_checkpoint(&checkpoint).expect("checkpoint");
        assert_eq!(me.abandon(&checkpoint).expect("abandon"), Saved::Stored);
        assert_eq!(me.record_attempt(&finished).expect("save"), Saved::Stored);
        let rows = me.attempts().expect("list");
        assert_eq!(rows.len(), 1, "{}", db.name);
        assert_eq!(rows[0].status, AttemptStatus::Finished, "{}", db.name);
        assert_eq!(me.progress().expect("progress").attempts, 1, "{}", db.name);
        assert_eq!(queued(&store, finished.id), 2, "{}", db.name);
        // An abandoned record arriving after the finished one changes nothing.
        assert_eq!(
            me.abandon(&checkpoint).expect("late abandon"),
            Saved::AlreadyStored
        );
        assert_eq!(
            me.attempts().expect("list")[0].status,
            AttemptStatus::Finished
        );
    }
}

fn shift(employee: EmployeeId, scenarios: &[&str]) -> ShiftSave {
    ShiftSave {
        id: ShiftRunId::new(),
        employee,
        shift_id: "friday-pharmacy-wave".into(),
        attempts: scenarios
            .iter()
            .enumerate()
            .map(|(i, s)| with_statements(attempt(employee, s, 0, t(2).plus_ms(i as i64)), 2))
            .collect(),
        triage: 74,
        passed: true,
        finished: t(2).plus_ms(60_000),
    }
}

fn shift_checkpoint(s: &ShiftSave, inputs: &str) -> ShiftCheckpoint {
    ShiftCheckpoint {
        id: s.id,
        employee: s.employee,
        shift_id: s.shift_id.clone(),
        shift_title: "Friday pharmacy wave".into(),
        content_hash: "abc123".into(),
        seed: 42,
        started: t(2),
        updated: t(2).plus_ms(1_000),
        inputs_json: inputs.into(),
    }
}

/// Makes every insert of an attempt of scenario `explodes` fail inside the database.
fn explode_on_insert(location: &StoreLocation, on: bool) {
    let sql: Vec<String> = match (location, on) {
        (StoreLocation::Sqlite(_), true) => vec![
            "CREATE TRIGGER explode BEFORE INSERT ON attempts WHEN NEW.scenario_id = 'explodes'
             BEGIN SELECT RAISE(ABORT, 'the disk is on fire'); END"
                .into(),
        ],
        (StoreLocation::Sqlite(_), false) => vec!["DROP TRIGGER explode".into()],
        (StoreLocation::Postgres(_), true) => vec![
            "CREATE FUNCTION explode() RETURNS trigger AS $$ BEGIN
                IF NEW.scenario_id = 'explodes' THEN RAISE EXCEPTION 'the disk is on fire'; END IF;
                RETURN NEW; END $$ LANGUAGE plpgsql"
                .into(),
            "CREATE TRIGGER explode BEFORE INSERT ON attempts FOR EACH ROW
             EXECUTE FUNCTION explode()"
                .into(),
        ],
        (StoreLocation::Postgres(_), false) => {
            vec!["DROP TRIGGER explode ON attempts".into()]
        }
    };
    raw_sql(location, &sql);
}

#[test]
fn a_shift_is_saved_whole_or_not_at_all_and_once() {
    for db in backends() {
        let store = db.open();
        let ana = store.add_employee("Ana", "Harbour").expect("add");
        let me = store.trainee(ana.id).expect("sign in");
        let mut s = shift(ana.id, &["transferred-again", "nobody-said-hello"]);
        // The middle conversation's insert fails in the database.
        let mut broken = with_statements(attempt(ana.id, "transferred-again", 1, t(2)), 2);
        broken.scenario_id = "explodes".into();
        s.attempts.insert(1, broken);
        me.save_shift_checkpoint(&shift_checkpoint(&s, "[1,2]"))
            .expect("checkpoint");
        explode_on_insert(&db.location, true);

        let err = me
            .record_shift_save(&s)
            .expect_err("the middle insert fails");
        assert!(err.to_string().contains("on fire"), "{}: {err}", db.name);
        assert!(me.attempts().expect("list").is_empty(), "{}", db.name);
        assert!(
            me.plays(Timestamp(0)).expect("plays").is_empty(),
            "{}",
            db.name
        );
        assert_eq!(queued(&store, s.attempts[0].id), 0, "{}", db.name);
        assert_eq!(
            me.interrupted_shifts().expect("shifts").len(),
            1,
            "{}: the checkpoint stays until the shift is saved",
            db.name
        );

        explode_on_insert(&db.location, false);
        assert_eq!(me.record_shift_save(&s).expect("save"), Saved::Stored);
        assert_eq!(
            me.record_shift_save(&s).expect("again"),
            Saved::AlreadyStored
        );
        assert_eq!(me.attempts().expect("list").len(), 3, "{}", db.name);
        let plays = me.plays(Timestamp(0)).expect("plays");
        let shifts: Vec<_> = plays
            .iter()
            .filter_map(|p| match &p.played {
                care_engine::curriculum::Played::Shift { id, .. } => Some(id.as_str()),
                care_engine::curriculum::Played::Scenario { .. } => None,
            })
            .collect();
        assert_eq!(
            shifts,
            ["friday-pharmacy-wave"],
            "{}: one shift result",
            db.name
        );
        for a in &s.attempts {
            assert_eq!(queued(&store, a.id), 2, "{}", db.name);
        }
        assert!(me.interrupted_shifts().expect("shifts").is_empty());
    }
}

#[test]
fn a_shift_checkpoint_is_resumable_until_saved_or_abandoned() {
    for db in backends() {
        let store = db.open();
        let ana = store.add_employee("Ana", "Harbour").expect("add");
        let ben = store.add_employee("Ben", "Harbour").expect("add");
        let me = store.trainee(ana.id).expect("sign in");
        let s = shift(ana.id, &["transferred-again"]);
        me.save_shift_checkpoint(&shift_checkpoint(&s, "[1]"))
            .expect("first");
        let mut newer = shift_checkpoint(&s, "[1,2,3]");
        newer.updated = newer.updated.plus_ms(30_000);
        me.save_shift_checkpoint(&newer).expect("second");
        assert_eq!(
            me.interrupted_shifts().expect("list"),
            vec![newer.clone()],
            "{}",
            db.name
        );
        let bens = store.trainee(ben.id).expect("ben");
        assert!(bens.interrupted_shifts().expect("list").is_empty());
        assert!(!bens.abandon_shift(s.id).expect("not his"), "{}", db.name);
        assert!(
            bens.save_shift_checkpoint(&newer).is_err(),
            "saving as someone else"
        );

        me.record_shift_save(&s).expect("save");
        assert!(me.interrupted_shifts().expect("list").is_empty());
        me.save_shift_checkpoint(&newer)
            .expect("a late checkpoint is ignored");
        assert!(
            me.interrupted_shifts().expect("list").is_empty(),
            "{}",
            db.name
        );

        let other = shift(ana.id, &["transferred-again"]);
        me.save_shift_checkpoint(&shift_checkpoint(&other, "[]"))
            .expect("checkpoint");
        assert!(me.abandon_shift(other.id).expect("abandon"));
        assert!(
            me.interrupted_shifts().expect("list").is_empty(),
            "{}",
            db.name
        );
        assert!(!me.abandon_shift(other.id).expect("again"));
    }
}
