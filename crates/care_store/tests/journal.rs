//! The journal of pending saves on a real folder: what is written reads back equal, only its
//! owner can read it, and damaged or half-written files never stop the rest from being read.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod common;

use std::fs;

use care_store::{EmployeeId, Journal, PendingSave, SaveId, ShiftRunId, ShiftSave, Timestamp};
use common::attempt;

fn save(minute: i64) -> PendingSave {
    let employee = EmployeeId::new();
    let mut a = attempt(
        employee,
        "transferred-again",
        0,
        Timestamp(1_800_000_000_000 + minute * 60_000),
    );
    a.statements = vec![care_store::OutboxStatement {
        id: uuid::Uuid::new_v4(),
        registration: a.id,
        employee,
        ordinal: 0,
        verb: "completed".into(),
        created: a.finished,
        body: "{\"verb\":\"completed\"}".into(),
    }];
    PendingSave::Attempt(a)
}

#[test]
fn saves_read_back_equal_oldest_first_and_go_when_removed() {
    let dir = tempfile::tempdir().expect("dir");
    let journal = Journal::open(dir.path().join("pending")).expect("open");
    let first = save(1);
    let employee = first.employee();
    let shift = PendingSave::Shift(ShiftSave {
        id: ShiftRunId::new(),
        employee,
        shift_id: "friday-pharmacy-wave".into(),
        attempts: vec![attempt(employee, "nobody-said-hello", 1, Timestamp(5))],
        triage: 61,
        passed: false,
        finished: Timestamp(6),
    });
    journal.write(&first).expect("write");
    journal.write(&shift).expect("write");
    journal.write(&first).expect("writing again replaces it");
    let read = journal.read().expect("read");
    assert_eq!(read.saves, vec![first.clone(), shift.clone()]);
    assert!(read.set_aside.is_empty());

    journal.remove(first.id()).expect("remove");
    journal.remove(first.id()).expect("removing twice is fine");
    assert_eq!(journal.read().expect("read").saves, vec![shift]);
}

#[cfg(unix)]
#[test]
fn only_the_owner_can_read_the_journal() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("dir");
    let journal = Journal::open(dir.path().join("pending")).expect("open");
    let path = journal.write(&save(1)).expect("write");
    let mode =
        |p: &std::path::Path| fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
    assert_eq!(mode(journal.dir()), 0o700);
    assert_eq!(mode(&path), 0o600);
}

#[test]
fn damaged_files_are_set_aside_and_half_written_ones_recovered_or_dropped() {
    let dir = tempfile::tempdir().expect("dir");
    let journal = Journal::open(dir.path().join("pending")).expect("open");
    let good = save(1);
    journal.write(&good).expect("write");
    let d = journal.dir();
    let torn = d.join(format!("attempt-{}.json", uuid::Uuid::now_v7()));
    fs::write(&torn, b"{\"format\":1,\"save\":{\"Attem").expect("torn");
    let garbage = d.join(format!("shift-{}.json", uuid::Uuid::now_v7()));
    fs::write(&garbage, [0xff, 0x00, 0x13, 0x37]).expect("garbage");
    let future = d.join(format!("attempt-{}.json", uuid::Uuid::now_v7()));
    fs::write(&future, b"{\"format\":99,\"save\":{}}").expect("future");
    // A write interrupted before its rename: whole, so taken; and one cut short, so dropped.
    let whole = save(2);
    let bytes = serde_json::json!({ "format": 1, "save": whole }).to_string();
    fs::write(d.join(".writing-abc.tmp"), bytes).expect("whole temp");
    fs::write(d.join(".writing-def.tmp"), b"{\"format\":1,").expect("cut temp");

    let read = journal.read().expect("read never fails on damaged files");
    assert_eq!(read.saves, vec![good, whole.clone()]);
    assert_eq!(read.set_aside.len(), 3, "{:?}", read.set_aside);
    for aside in &read.set_aside {
        assert!(aside.path.exists(), "kept for a person: {aside:?}");
        assert!(aside.path.to_string_lossy().ends_with(".unreadable"));
    }
    assert!(
        read.set_aside
            .iter()
            .any(|a| a.reason.contains("format 99")),
        "{:?}",
        read.set_aside
    );
    assert!(
        journal.path_of(whole.id()).exists(),
        "the whole one is in place"
    );
    let again = journal.read().expect("read again");
    assert_eq!(again.saves.len(), 2);
    assert!(
        again.set_aside.is_empty(),
        "set aside once, not every start"
    );
    assert!(
        journal.path_of(SaveId::Shift(ShiftRunId::new())) != journal.path_of(whole.id()),
        "files are named by their save"
    );
}
