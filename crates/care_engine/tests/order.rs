//! Choices shown in an order drawn from the run's seed: deterministic, varied, pinned choices in
//! place, recorded with the run, and replayed with the responses and verdicts a run recorded.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use std::path::PathBuf;
use std::sync::Arc;

use care_engine::order::ChoiceOrder;
use care_engine::rubric::{JudgedBy, Verdict};
use care_engine::run::{Event, Input, ScenarioRun};
use care_engine::{LoadOptions, Scenario, load_paths};

fn shipped(id: &str) -> Arc<Scenario> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    load_paths(&[dir], LoadOptions::default())
        .scenarios
        .into_iter()
        .map(|l| l.scenario)
        .find(|s| s.id == id)
        .expect("shipped scenario")
}

fn shown(s: &Arc<Scenario>, seed: u64) -> Vec<String> {
    let (_, events) = ScenarioRun::start(Arc::clone(s), seed);
    events
        .into_iter()
        .find_map(|e| match e {
            Event::AwaitingAnswer { choices, .. } => Some(choices),
            _ => None,
        })
        .expect("the first beat offers choices")
}

#[test]
fn the_same_seed_shows_the_same_order_and_seeds_differ() {
    let s = shipped("the-refund-policy");
    assert_eq!(shown(&s, 5), shown(&s, 5));
    let firsts: std::collections::HashSet<String> =
        (0..20).map(|seed| shown(&s, seed)[0].clone()).collect();
    assert!(
        firsts.len() >= 2,
        "pressing 1 must not always take the same response"
    );
}

#[test]
fn written_order_shows_the_file_order() {
    let s = shipped("the-refund-policy");
    let (run, _) = ScenarioRun::start_in_order(Arc::clone(&s), 5, ChoiceOrder::Written);
    assert_eq!(run.offered_responses(), &[0, 1, 2]);
    assert_eq!(run.transcript().order, ChoiceOrder::Written);
}

#[test]
fn a_pinned_choice_stays_last() {
    let text = r#"Scenario(id: "p", title: "P", summary: "S", channel: InStore,
        customer: (name: ["Ann"]), start: "a",
        beats: [(id: "a", says: "Hi", responses: [
            (text: "one", next: "e"), (text: "two", next: "e"), (text: "three", next: "e"),
            (text: "say nothing", pin: Last, next: "e")],
            on_timeout: (next: "e"))],
        endings: [(id: "e", outcome: Resolved, text: "ok")])"#;
    let out = care_engine::load_bytes("p.scenario.ron", text.as_bytes(), LoadOptions::default());
    let p = Arc::new(out.scenario.expect("loads"));
    for seed in 0..30 {
        let (run, _) = ScenarioRun::start(Arc::clone(&p), seed);
        assert_eq!(run.offered_responses().last(), Some(&3), "seed {seed}");
    }
}

#[test]
fn a_replay_takes_the_recorded_responses_and_verdicts() {
    let s = shipped("the-refund-policy");
    let (mut run, _) = ScenarioRun::start(Arc::clone(&s), 9);
    let first = run.shown_position(0).expect("offered");
    run.answer(Input::Choice(first), 4000).unwrap();
    // A verdict a judge gave (here: nothing met); the keyword judge would see an apology.
    let rubric = run.reply_request().expect("typed moment").rubric().clone();
    let verdict = Verdict::from_hits(&rubric, Vec::new(), JudgedBy::Meaning);
    run.answer_judged(
        Input::Typed("I'm so sorry, Yuki".into()),
        30_000,
        verdict.clone(),
    )
    .unwrap();
    let answers = run.transcript().answers.clone();
    assert_eq!(answers[0].response, Some(0));
    assert_eq!(answers[1].verdict.as_ref(), Some(&verdict));
    let again = ScenarioRun::replay(Arc::clone(&s), 9, &answers).unwrap();
    assert_eq!(again.transcript(), run.transcript());
}

#[test]
fn answers_recorded_before_shuffling_replay_in_written_order() {
    let s = shipped("nobody-said-hello");
    let (mut old, _) = ScenarioRun::start_in_order(Arc::clone(&s), 3, ChoiceOrder::Written);
    old.answer(Input::Choice(0), 2000).unwrap();
    let mut answers = old.transcript().answers.clone();
    answers[0].response = None; // as saved by a version that did not record it
    let again = ScenarioRun::replay(Arc::clone(&s), 3, &answers).unwrap();
    assert_eq!(again.transcript().order, ChoiceOrder::Written);
    assert_eq!(again.transcript().moments, old.transcript().moments);
}
