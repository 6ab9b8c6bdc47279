//! Backfill: results saved before learning records were set up get the statements the game
//! would have queued with them, each exactly once, however often (and however far) it runs; the
//! ones that cannot be rebuilt are named with the reason.

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

use std::collections::BTreeSet;
use std::sync::Arc;

use care_engine::Scenario;
use care_store::{AttemptId, NewAttempt, Timestamp};
use care_xapi::backfill;
use care_xapi::records::{self, AttemptFacts, Ending};
use common::{TestStore, played, profile, scenario, store};

/// Saves a finished attempt without statements, as CARE did before learning records were set
/// up; returns the statements the game would have queued with it.
fn saved_without_records(
    t: &TestStore,
    s: &Arc<Scenario>,
    index: usize,
) -> (AttemptId, Vec<String>) {
    let (transcript, card) = played(s, index);
    let id = AttemptId::new();
    let started = Timestamp::now().plus_ms(-300_000);
    let finished = Timestamp::now().plus_ms(-100_000);
    let facts = AttemptFacts {
        attempt: id,
        employee: t.employee.id,
        scenario: s,
        started,
        transcript: &transcript,
    };
    let ending = Ending {
        card: &card,
        finished,
    };
    let expected = records::finished(&profile(), facts, ending)
        .into_iter()
        .map(|s| s.body)
        .collect();
    let attempt = NewAttempt::finished(id, t.employee.id, s, started, finished, transcript, card);
    t.store
        .trainee(t.employee.id)
        .expect("trainee")
        .record_attempt(&attempt)
        .expect("saved");
    (id, expected)
}

/// Every statement id queued for `attempts`, checking none is there twice.
fn all_queued_ids(t: &TestStore, attempts: &[AttemptId]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for id in attempts {
        for q in t.manager.statements_of(*id).expect("outbox") {
            assert!(out.insert(q.id.to_string()), "{} queued twice", q.id);
        }
    }
    out
}

#[test]
fn saved_results_get_the_statements_the_game_would_have_queued_once() {
    let t = store();
    let s = scenario("nobody-said-hello");
    let (first, expected) = saved_without_records(&t, &s, 0);
    let others: Vec<AttemptId> = (1..4)
        .map(|i| saved_without_records(&t, &s, i % 2).0)
        .collect();
    let plan = backfill::plan(&t.manager, &profile(), std::slice::from_ref(&s)).expect("plan");
    assert_eq!(plan.ready.len(), 4);
    assert!(plan.not_rebuilt.is_empty());
    let rebuilt: Vec<String> = plan.ready[0]
        .statements
        .iter()
        .map(|s| s.body.clone())
        .collect();
    assert_eq!(plan.ready[0].attempt.id, first);
    assert_eq!(rebuilt, expected, "the same statements, byte for byte");

    // The first run stops after two attempts (a crash, a closed terminal)...
    let outbox = t.store.outbox();
    for r in &plan.ready[..2] {
        outbox.enqueue(&r.statements).expect("enqueue");
    }
    // ...the next one picks up the rest, and a third finds nothing to do.
    let rest = backfill::plan(&t.manager, &profile(), std::slice::from_ref(&s)).expect("plan");
    let left: Vec<AttemptId> = rest.ready.iter().map(|r| r.attempt.id).collect();
    assert_eq!(left, others[1..]);
    assert_eq!(rest.queue(&outbox, &mut |_| {}).expect("queue"), 2);
    let done = backfill::plan(&t.manager, &profile(), std::slice::from_ref(&s)).expect("plan");
    assert!(done.ready.is_empty() && done.not_rebuilt.is_empty());
    // Queueing an old plan again changes nothing either: the ids are already there.
    let attempts: Vec<AttemptId> = std::iter::once(first).chain(others).collect();
    let before = all_queued_ids(&t, &attempts);
    plan.queue(&outbox, &mut |_| {}).expect("queue again");
    assert_eq!(all_queued_ids(&t, &attempts), before);
    assert_eq!(before.len(), plan.statements());
    assert_eq!(
        outbox.summary().expect("summary").pending as usize,
        plan.statements()
    );
}

#[test]
fn results_whose_scenario_is_gone_or_changed_are_named_not_skipped_silently() {
    let t = store();
    let hello = scenario("nobody-said-hello");
    let (kept, _) = saved_without_records(&t, &hello, 0);
    let (changed, _) = saved_without_records(&t, &hello, 1);
    // The folder now holds an edited version of the scenario only.
    let mut edited = (*hello).clone();
    edited.content_hash = "edited since".into();
    let edited = Arc::new(edited);
    let plan = backfill::plan(&t.manager, &profile(), std::slice::from_ref(&edited)).expect("plan");
    assert!(plan.ready.is_empty());
    let named: Vec<AttemptId> = plan.not_rebuilt.iter().map(|n| n.attempt.id).collect();
    assert_eq!(named, [kept, changed]);
    assert!(
        plan.not_rebuilt[0].reason.contains("has changed"),
        "{}",
        plan.not_rebuilt[0].reason
    );
    let none = backfill::plan(&t.manager, &profile(), &[]).expect("plan");
    assert!(
        none.not_rebuilt[0].reason.contains("nobody-said-hello")
            && none.not_rebuilt[0].reason.contains("not there"),
        "{}",
        none.not_rebuilt[0].reason
    );
    assert_eq!(t.store.outbox().summary().expect("summary").pending, 0);
}

#[test]
fn an_abandoned_result_gets_its_attempted_statement() {
    let t = store();
    let s = scenario("nobody-said-hello");
    let checkpoint = care_store::Checkpoint {
        attempt: AttemptId::new(),
        employee: t.employee.id,
        scenario_id: s.id.clone(),
        scenario_title: s.title.clone(),
        content_hash: s.content_hash.clone(),
        seed: 7,
        started: Timestamp::now().plus_ms(-60_000),
        updated: Timestamp::now(),
        answers: Vec::new(),
    };
    t.store
        .trainee(t.employee.id)
        .expect("trainee")
        .abandon(&checkpoint)
        .expect("abandoned");
    let plan = backfill::plan(&t.manager, &profile(), std::slice::from_ref(&s)).expect("plan");
    assert_eq!(plan.ready.len(), 1);
    let statements = &plan.ready[0].statements;
    assert_eq!(statements.len(), 1);
    assert_eq!(statements[0].verb, "attempted");
    assert_eq!(
        statements[0].id,
        records::statement_id(
            checkpoint.attempt,
            care_xapi::statement::Verbs::Attempted,
            0
        ),
        "the id the game gave it when the run started"
    );
}
