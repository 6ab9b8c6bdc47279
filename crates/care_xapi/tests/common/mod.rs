//! Shared set-up for the learning-record tests: a real SQLite store in a temp folder, played
//! attempts of the shipped scenarios, and a real LRS ([`lrs`]).

#![allow(dead_code, reason = "each test file uses part of the shared set-up")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

pub mod http;
pub mod lrs;

use std::path::PathBuf;
use std::sync::Arc;

use care_engine::load::{LoadOptions, load_paths};
use care_engine::script::Playthroughs;
use care_engine::transcript::Transcript;
use care_engine::{Scenario, ScoreCard};
use care_store::{AttemptId, Employee, ManagerAccess, NewAttempt, Store, StoreLocation, Timestamp};
use care_xapi::{AttemptFacts, Ending, Profile};

pub fn scenarios_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios")
}

pub fn scenario(id: &str) -> Arc<Scenario> {
    let report = load_paths(&[scenarios_dir()], LoadOptions::default());
    report
        .scenarios
        .into_iter()
        .map(|l| l.scenario)
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("{id} is shipped"))
}

/// Case `index` of a scenario's playthroughs, played and scored.
pub fn played(scenario: &Arc<Scenario>, index: usize) -> (Transcript, ScoreCard) {
    let (_, plays) =
        Playthroughs::find(&scenarios_dir(), scenario.id.as_str()).expect("playthroughs");
    let run = care_engine::script::play(scenario, plays.seed, &plays.cases[index].answers)
        .unwrap_or_else(|e| panic!("plays: {}", e.message));
    let transcript = run.into_transcript();
    let card = care_engine::scoring::score(&scenario.scoring, &transcript);
    (transcript, card)
}

pub fn profile() -> Profile {
    let mut p = Profile::for_homepage("https://harbour-shop.example.com").expect("a valid address");
    p.send_answered = true;
    p
}

/// The manager passphrase of test stores.
pub const PASSPHRASE: &str = "a long enough passphrase";

pub struct TestStore {
    pub dir: tempfile::TempDir,
    pub store: Store,
    pub employee: Employee,
    /// The manager area, to read queued statements.
    pub manager: ManagerAccess,
}

pub fn store() -> TestStore {
    let dir = tempfile::tempdir().expect("temp dir");
    let store =
        Store::open(&StoreLocation::Sqlite(dir.path().join("care.sqlite"))).expect("store opens");
    let employee = store
        .add_employee("Rosa Diaz", "Harbour")
        .expect("employee");
    let manager = store
        .set_manager_passphrase(PASSPHRASE)
        .expect("passphrase");
    TestStore {
        dir,
        store,
        employee,
        manager,
    }
}

/// The statements of case `index` of `scenario` played as `attempt` by `employee`.
pub fn statements_for(
    attempt: AttemptId,
    employee: care_store::EmployeeId,
    scenario: &Arc<Scenario>,
    index: usize,
) -> Vec<care_store::OutboxStatement> {
    let (transcript, card) = played(scenario, index);
    let facts = AttemptFacts {
        attempt,
        employee,
        scenario,
        started: Timestamp::now().plus_ms(-120_000),
        transcript: &transcript,
    };
    let ending = Ending {
        card: &card,
        finished: Timestamp::now(),
    };
    care_xapi::records::finished(&profile(), facts, ending)
}

/// Saves a finished attempt (case `index` of `scenario`) by `employee` with the statements of
/// `statements_by` (normally the same employee).
pub fn attempt_with_statements(
    employee: care_store::EmployeeId,
    statements_by: care_store::EmployeeId,
    scenario: &Arc<Scenario>,
    index: usize,
) -> NewAttempt {
    let (transcript, card) = played(scenario, index);
    let id = AttemptId::new();
    NewAttempt::finished(
        id,
        employee,
        scenario,
        Timestamp::now().plus_ms(-120_000),
        Timestamp::now(),
        transcript,
        card,
    )
    .with_statements(statements_for(id, statements_by, scenario, index))
}

/// Saves a finished attempt (case `index` of `scenario`) with its statements; returns its id.
pub fn record(t: &TestStore, scenario: &Arc<Scenario>, index: usize) -> AttemptId {
    let attempt = attempt_with_statements(t.employee.id, t.employee.id, scenario, index);
    t.store
        .trainee(t.employee.id)
        .expect("trainee")
        .record_attempt(&attempt)
        .expect("saved");
    attempt.id
}
