//! Trainee PINs on every backend: chosen once, required only when the manager says so, and
//! wrong tries slowed down per trainee, also when tried at once from several stations.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod common;

use std::time::Duration;

use care_store::{EmployeeId, Store, StoreError, Timestamp};
use common::{at_once, backends};

fn now() -> Timestamp {
    Timestamp::parse("2026-10-01").expect("a date")
}

fn manager(store: &Store) -> care_store::ManagerAccess {
    store
        .set_manager_passphrase("manager passphrase")
        .expect("the first manager sets the passphrase")
}

#[test]
fn pins_are_off_until_the_manager_turns_them_on() {
    for db in backends() {
        let store = db.open();
        let ana = store.add_employee("Ana", "Harbour").expect("add");
        assert!(!store.pins_required().expect("setting"), "{}", db.name);
        assert!(!store.has_pin(ana.id).expect("pin"), "{}", db.name);
        store.trainee(ana.id).expect("signs in without a PIN");

        manager(&store).set_pins_required(true).expect("turn on");
        let other_station = db.open();
        assert!(
            other_station.pins_required().expect("setting"),
            "{}",
            db.name
        );
        // Without a PIN yet, she still signs in, to choose one.
        other_station.trainee(ana.id).expect("no PIN yet");
    }
}

#[test]
fn a_trainee_chooses_a_pin_once_and_signs_in_with_it() {
    for db in backends() {
        let store = db.open();
        let ana = store.add_employee("Ana", "Harbour").expect("add");
        for bad in ["123", "123456789", "12a4", "١٢٣٤", " 1234"] {
            let err = store.set_pin(ana.id, bad).map(|_| ()).expect_err(bad);
            assert!(err.to_string().contains("4 to 8 digits"), "{bad:?}: {err}");
        }
        let me = store.set_pin(ana.id, "2468").expect("first PIN");
        assert_eq!(me.employee().id, ana.id);
        assert!(store.has_pin(ana.id).expect("pin"));
        assert!(matches!(
            store.set_pin(ana.id, "1357"),
            Err(StoreError::PinAlreadySet)
        ));
        assert!(matches!(
            store.set_pin(EmployeeId::new(), "1357"),
            Err(StoreError::NoSuchEmployee(_))
        ));
        let me = store
            .trainee_with_pin_at(ana.id, "2468", now())
            .expect("the right PIN");
        assert_eq!(me.employee().display_name, "Ana", "{}", db.name);
        let wrong = store
            .trainee_with_pin_at(ana.id, "1357", now())
            .map(|_| ())
            .expect_err("a wrong PIN");
        assert!(
            matches!(wrong, StoreError::WrongPin { wait } if wait == Duration::from_secs(1)),
            "{}: {wrong:?}",
            db.name
        );
        assert!(wrong.to_string().contains("wrong PIN; wait 1 s"), "{wrong}");

        let ben = store.add_employee("Ben", "Harbour").expect("add");
        assert!(matches!(
            store.trainee_with_pin(ben.id, "1234"),
            Err(StoreError::PinNotSet)
        ));
    }
}

#[test]
fn while_pins_are_required_nobody_signs_in_as_a_trainee_with_a_pin_without_it() {
    for db in backends() {
        let store = db.open();
        let boss = manager(&store);
        let ana = store.add_employee("Ana", "Harbour").expect("add");
        let ben = store.add_employee("Ben", "Harbour").expect("add");
        store.set_pin(ana.id, "2468").expect("PIN");

        // PINs not required: a PIN is there but not asked for.
        store.trainee(ana.id).expect("PINs are off");

        boss.set_pins_required(true).expect("on");
        let err = store
            .trainee(ana.id)
            .map(|_| ())
            .expect_err("needs her PIN");
        assert!(
            matches!(err, StoreError::PinRequired),
            "{}: {err:?}",
            db.name
        );
        store.trainee(ben.id).expect("Ben has no PIN yet");
        store
            .trainee_with_pin_at(ana.id, "2468", now())
            .expect("with her PIN");

        boss.reset_pin(ana.id).expect("reset");
        assert!(!store.has_pin(ana.id).expect("pin"));
        store
            .trainee(ana.id)
            .expect("after a reset she chooses a new PIN");
        store.set_pin(ana.id, "97531").expect("a new PIN");
        assert!(matches!(
            boss.reset_pin(EmployeeId::new()),
            Err(StoreError::NoSuchEmployee(_))
        ));

        boss.set_pins_required(false).expect("off");
        store.trainee(ana.id).expect("PINs are off again");
    }
}

#[test]
fn wrong_pins_tried_at_once_are_all_counted_for_that_trainee_only() {
    const N: usize = 5;
    for db in backends() {
        let store = db.open();
        let ana = store.add_employee("Ana", "Harbour").expect("add");
        let ben = store.add_employee("Ben", "Harbour").expect("add");
        store.set_pin(ana.id, "2468").expect("PIN");
        store.set_pin(ben.id, "1357").expect("PIN");
        let who = ana.id;
        let results = at_once(&db.location, N, move |s| {
            s.trainee_with_pin_at(who, "0000", now())
                .map(|_| ())
                .expect_err("a wrong PIN never signs in")
        });
        let checked = results
            .iter()
            .filter(|e| matches!(e, StoreError::WrongPin { .. }))
            .count();
        let refused = results
            .iter()
            .filter(|e| matches!(e, StoreError::PinTooSoon { .. }))
            .count();
        assert_eq!((checked, refused), (1, N - 1), "{}: {results:?}", db.name);

        let err = store
            .trainee_with_pin_at(ana.id, "2468", now().plus_ms(1_000))
            .map(|_| ())
            .expect_err("the right PIN waits too");
        // Every try counted: the N wrong ones, then this one.
        let expected = Duration::from_secs(1 << N);
        assert!(
            matches!(err, StoreError::PinTooSoon { wait } if wait == expected),
            "{}: {err:?}",
            db.name
        );
        assert!(
            err.to_string().contains("too many wrong PINs; wait"),
            "{err}"
        );
        store
            .trainee_with_pin_at(ben.id, "1357", now())
            .expect("another trainee is not slowed down");

        let later = now().plus_ms(1_000 + 300_000);
        store
            .trainee_with_pin_at(ana.id, "2468", later)
            .expect("after the wait");
        let wrong = store
            .trainee_with_pin_at(ana.id, "0000", later)
            .map(|_| ())
            .expect_err("wrong");
        assert!(
            matches!(wrong, StoreError::WrongPin { wait } if wait == Duration::from_secs(1)),
            "{}: the right PIN cleared the count: {wrong:?}",
            db.name
        );
    }
}
