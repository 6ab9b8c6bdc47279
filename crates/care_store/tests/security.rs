//! Who may see what, on every backend: wrong manager passphrases tried at once from several
//! stations are each counted and slowed down, and names typed by trainees cannot run as
//! formulas in the manager's spreadsheet.

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

use std::time::Duration;

use care_store::report::{CsvReport, ReportFilter, ReportRow, spreadsheet_text};
use care_store::{ManagerLock, StoreError, Timestamp};
use common::{at_once, attempt, backends};

const RIGHT: &str = "manager passphrase";

fn now() -> Timestamp {
    Timestamp::parse("2026-10-01").expect("a date")
}

fn wait_after(failures: u32) -> Duration {
    Duration::from_secs((1u64 << (failures - 1)).min(300))
}

#[test]
fn wrong_passphrases_tried_at_once_are_all_counted_and_slowed_down() {
    const N: usize = 6;
    for db in backends() {
        let store = db.open();
        store.set_manager_passphrase(RIGHT).expect("set");
        let results = at_once(&db.location, N, |s| {
            s.unlock_manager_at("not the passphrase", now())
                .map(|_| ())
                .expect_err("a wrong passphrase never opens the manager area")
        });
        let checked = results
            .iter()
            .filter(|e| matches!(e, StoreError::WrongPassphrase { .. }))
            .count();
        let refused = results
            .iter()
            .filter(|e| matches!(e, StoreError::TooSoon { .. }))
            .count();
        assert_eq!(
            (checked, refused),
            (1, N - 1),
            "{}: only the first try is checked; the others fall in its wait: {results:?}",
            db.name
        );
        assert_eq!(
            store.manager_lock_at(now()).expect("lock"),
            ManagerLock::Wait(wait_after(N as u32)),
            "{}: every try counted",
            db.name
        );
        let err = store
            .unlock_manager_at(RIGHT, now().plus_ms(1_000))
            .map(|_| ())
            .expect_err("the right passphrase waits too");
        assert!(
            matches!(err, StoreError::TooSoon { .. }),
            "{}: {err:?}",
            db.name
        );
        assert!(
            err.to_string().contains("wait") && err.to_string().contains(" s before trying"),
            "{err}"
        );
        let after = now().plus_ms(1_000 + 300_000);
        store
            .unlock_manager_at(RIGHT, after)
            .expect("after the wait the right passphrase opens it");
        assert_eq!(
            store.manager_lock_at(after).expect("lock"),
            ManagerLock::Ready,
            "{}: the right passphrase clears the count",
            db.name
        );
    }
}

#[test]
fn a_formula_typed_as_a_name_is_shown_not_run_in_the_report() {
    for db in backends() {
        let store = db.open();
        let manager = store.set_manager_passphrase(RIGHT).expect("set");
        let planted = store
            .add_employee("=HYPERLINK(\"http://x\",\"y\")", "@SUM(1+1)")
            .expect("names are free text");
        store
            .trainee(planted.id)
            .expect("sign in")
            .record_attempt(&attempt(planted.id, "transferred-again", 0, now()))
            .expect("save");
        let mut out = Vec::new();
        let mut csv = CsvReport::new(&mut out);
        csv.header().expect("header");
        manager
            .report(&ReportFilter::default(), &mut |r| csv.write(r))
            .expect("report");
        csv.finish().expect("flush");
        let text = String::from_utf8(out).expect("utf-8");
        let line = text.lines().nth(1).expect("one attempt");
        assert!(
            line.starts_with("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'@SUM(1+1),"),
            "{}: {line}",
            db.name
        );
        assert!(
            !text
                .lines()
                .any(|l| l.starts_with('=') || l.contains(",=") || l.contains(",@")),
            "{}: {text}",
            db.name
        );
    }
}

#[test]
fn only_text_cells_are_changed_and_negative_numbers_stay_numbers() {
    for (typed, shown) in [
        ("=1+1", "'=1+1"),
        ("+31 6 1234", "'+31 6 1234"),
        ("-2", "'-2"),
        ("@cmd", "'@cmd"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Ana =1", "Ana =1"),
        ("", ""),
    ] {
        assert_eq!(spreadsheet_text(typed), shown, "{typed:?}");
    }
    let row = ReportRow {
        employee: "-Ana".into(),
        team: "Harbour".into(),
        employee_id: "e".into(),
        attempt_id: "a".into(),
        scenario_id: "s".into(),
        scenario: "S".into(),
        status: "finished".into(),
        started: "2026-10-01T00:00:00Z".into(),
        finished: "2026-10-01T00:01:00Z".into(),
        duration_s: -1.5,
        speed: -5,
        empathy: 0,
        follow_through: 7,
        overall: -20,
        passed: false,
        outcome: "Lost".into(),
    };
    let mut out = Vec::new();
    let mut csv = CsvReport::new(&mut out);
    csv.write(&row).expect("row");
    csv.finish().expect("flush");
    assert_eq!(
        String::from_utf8(out).expect("utf-8").trim_end(),
        "'-Ana,Harbour,e,a,s,S,finished,2026-10-01T00:00:00Z,2026-10-01T00:01:00Z,-1.5,-5,0,7,-20,false,Lost"
    );
}
