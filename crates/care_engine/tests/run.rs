//! Runs behave as a trainee would expect: timeouts, lateness, promises, delays, typed replies,
//! the audience and invalid input, each visible in events and in explained scores.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use std::sync::Arc;

use care_engine::Scenario;
use care_engine::load::{LoadOptions, load_bytes};
use care_engine::model::Dimension;
use care_engine::run::{Event, Input, RunError, ScenarioRun};
use care_engine::scoring::score;

const SHOP: &str = r#"
Scenario(
    id: "t", title: "Test", summary: "A test scenario.", channel: SocialPost,
    difficulty: Intermediate,
    customer: (name: ["Margaret"], mood: Upset, patience_secs: 60),
    audience: (name: "followers", size: 100, sentiment: 0),
    clock: (day: Friday, time: "16:50", opens: "09:00", closes: "17:00"),
    promises: [(id: "call", text: "call her back", due_minutes: 60)],
    start: "a",
    beats: [
        (
            id: "a", says: "Hello?", target_secs: 10, wait_secs: 50,
            audience: [(who: "Dana", says: "They never answer.", when: AudienceBelow(5))],
            responses: [
                (text: "Hi {name}, I'll call you back in ten minutes.", effects: (empathy: 10, audience: 20), makes: ["call"], next: "b"),
                (text: "Reply Monday.", delay: "2days 15h", makes: ["call"], next: "b",
                 branches: [(when: OutsideHours, next: "closed")]),
                (text: "Only when flagged.", when: Flag("never"), next: "b"),
            ],
            on_timeout: (narration: "She leaves.", effects: (empathy: -5), next: "lost"),
        ),
        (
            id: "b", says: "Well?",
            typed: (prompt: "Write to her", max_chars: 200, next: "cold", branches: [(when: ReplyAtLeast(20), next: "warm")]),
            responses: [(text: "Call now.", keeps: ["call"], next: "warm")],
            on_timeout: (next: "lost"),
        ),
        (id: "warm", says: "Thanks!", keeps: ["call"], then: (next: "ok")),
        (id: "cold", says: "Hm.", then: (next: "ok")),
        (id: "closed", narration: "The shop is closed.", then: (set: ["never"], delay: "12h", next: "lost")),
    ],
    endings: [
        (id: "ok", outcome: Resolved, text: "Sorted."),
        (id: "lost", outcome: Lost, text: "Gone."),
    ],
)
"#;

fn scenario() -> Arc<Scenario> {
    let out = load_bytes("t.scenario.ron", SHOP.as_bytes(), LoadOptions::default());
    assert!(out.diagnostics.is_empty(), "{:#?}", out.diagnostics);
    Arc::new(out.scenario.expect("valid"))
}

fn texts(card: &care_engine::ScoreCard, d: Dimension) -> Vec<(i32, String)> {
    card.get(d)
        .reasons
        .iter()
        .map(|r| (r.points, r.text.clone()))
        .collect()
}

#[test]
fn doing_nothing_is_a_scored_ending() {
    let (mut run, events) = ScenarioRun::start(scenario(), 1);
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::AwaitingAnswer { choices, .. } if choices.len() == 2))
    );
    let events = run.answer(Input::Timeout, 50_000).unwrap();
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::Narration { text } if text == "She leaves."))
    );
    assert!(run.is_finished());
    let card = score(&run.scenario().scoring, run.transcript());
    assert_eq!(card.outcome, Some(care_engine::Outcome::Lost));
    assert!(
        texts(&card, Dimension::Speed)
            .contains(&(-20, "No answer for 50 s: Margaret acted without you".into()))
    );
    assert_eq!(card.get(Dimension::Empathy).score, 45);
    assert_eq!(card.get(Dimension::FollowThrough).score, 30);
}

/// The test scenario at another difficulty.
fn at(difficulty: &str) -> Arc<Scenario> {
    let text = SHOP.replace(
        "difficulty: Intermediate",
        &format!("difficulty: {difficulty}"),
    );
    let out = load_bytes("t.scenario.ron", text.as_bytes(), LoadOptions::default());
    Arc::new(out.scenario.expect("valid"))
}

#[test]
fn difficulty_changes_the_time_to_answer_and_the_customers_mood() {
    let (mut beginner, _) = ScenarioRun::start(at("Beginner"), 1);
    // 22.4 s is late against the written 10 s, but a beginner has 15 s... still late, by less.
    beginner.answer(written(&beginner, 0), 14_000).unwrap();
    let card = score(&beginner.scenario().scoring, beginner.transcript());
    assert!(
        texts(&card, Dimension::Speed)
            .iter()
            .all(|(points, _)| *points >= 0),
        "14 s is on time for a beginner: {:?}",
        texts(&card, Dimension::Speed)
    );
    let (mut written_run, _) = ScenarioRun::start(scenario(), 1);
    written_run
        .answer(written(&written_run, 0), 14_000)
        .unwrap();
    let card = score(&written_run.scenario().scoring, written_run.transcript());
    assert!(
        texts(&card, Dimension::Speed)[0].0 < 0,
        "and late at the written target"
    );
    let (advanced, _) = ScenarioRun::start(at("Advanced"), 1);
    assert!(advanced.mood() < ScenarioRun::start(scenario(), 1).0.mood());
    let (mut advanced, _) = ScenarioRun::start(at("Advanced"), 1);
    let events = advanced.answer(written(&advanced, 0), 45_000).unwrap();
    assert!(
        matches!(events[0], Event::TooLate { .. }),
        "45 s is within the written 50 s, but an advanced customer waits less"
    );
}

#[test]
fn lateness_costs_speed_with_the_reason() {
    let (mut run, _) = ScenarioRun::start(scenario(), 1);
    run.answer(written(&run, 0), 22_400).unwrap();
    let card = score(&run.scenario().scoring, run.transcript());
    let speed = texts(&card, Dimension::Speed);
    assert_eq!(
        speed[0],
        (-13, "22 s before you answered Margaret; target 10 s".into())
    );
}

#[test]
fn an_answer_after_the_wait_is_too_late() {
    let (mut run, _) = ScenarioRun::start(scenario(), 1);
    let events = run.answer(written(&run, 0), 70_000).unwrap();
    assert!(matches!(events[0], Event::TooLate { wait_secs: 50, .. }));
    assert!(run.is_finished(), "treated as no answer: she left");
}

#[test]
fn invalid_input_is_a_typed_error() {
    let (mut run, _) = ScenarioRun::start(scenario(), 1);
    assert_eq!(
        run.answer(Input::Choice(2), 1000),
        Err(RunError::NoSuchChoice {
            choice: 3,
            offered: 2
        })
    );
    assert_eq!(
        run.answer(Input::Typed("hi".into()), 1000),
        Err(RunError::NoTypedReply)
    );
    run.answer(written(&run, 0), 1000).unwrap();
    let long = "x".repeat(201);
    assert_eq!(
        run.answer(Input::Typed(long), 1000),
        Err(RunError::ReplyTooLong { len: 201, max: 200 })
    );
    run.answer(written(&run, 0), 1000).unwrap();
    assert!(run.is_finished());
    assert_eq!(run.answer(Input::Timeout, 0), Err(RunError::Ended));
}

#[test]
fn kept_promises_and_good_replies_score_follow_through() {
    let (mut run, _) = ScenarioRun::start(scenario(), 1);
    let events = run.answer(written(&run, 0), 3000).unwrap();
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::PromiseMade { text, .. } if text == "call her back"))
    );
    assert!(events.iter().any(|e| matches!(
        e,
        Event::AudienceChanged {
            sentiment: 20,
            delta: 20
        }
    )));
    let reply = "Margaret, I'm so sorry — that must be frustrating. Thank you for telling us; I'll call you today.";
    let events = run.answer(Input::Typed(reply.into()), 20_000).unwrap();
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::PromiseKept { .. })),
        "reached `warm`: {events:#?}"
    );
    let card = score(&run.scenario().scoring, run.transcript());
    let empathy = texts(&card, Dimension::Empathy);
    assert!(
        empathy.contains(&(
            10,
            "Uses the customer's name: \u{201c}Margaret\u{201d}".into()
        )),
        "{empathy:#?}"
    );
    assert!(
        !empathy
            .iter()
            .any(|(_, t)| t.starts_with("Missed: Owns the mistake")),
        "\"sorry\" counts as an apology"
    );
    let ft = texts(&card, Dimension::FollowThrough);
    assert!(ft.contains(&(15, "Kept your promise: call her back".into())));
    assert!(
        ft.contains(&(
            10,
            "Onlookers saw the problem being put right in public".into()
        )),
        "{ft:#?}"
    );
    assert!(card.passed, "{card:#?}");
}

#[test]
fn a_poor_reply_lists_what_it_missed_and_what_it_hit() {
    let (mut run, _) = ScenarioRun::start(scenario(), 1);
    run.answer(written(&run, 0), 3000).unwrap();
    let events = run
        .answer(
            Input::Typed("Dear valued customer, our policy is clear.".into()),
            9000,
        )
        .unwrap();
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::BeatStarted { key, .. } if key == "cold"))
    );
    let card = score(&run.scenario().scoring, run.transcript());
    let empathy = texts(&card, Dimension::Empathy);
    assert!(empathy.contains(&(
        -15,
        "Quotes policy at an unhappy customer: \u{201c}our policy\u{201d}".into()
    )));
    assert!(empathy.contains(&(0, "Missed: Uses the customer's name".into())));
    assert!(
        card.get(Dimension::Empathy)
            .reasons
            .iter()
            .any(|r| r.advice.is_some())
    );
    let ft = texts(&card, Dimension::FollowThrough);
    assert!(
        ft.contains(&(
            -20,
            "Still open when the conversation ended: call her back".into()
        )),
        "{ft:#?}"
    );
}

#[test]
fn a_delay_moves_the_clock_breaks_due_promises_and_closes_the_shop() {
    let (mut run, _) = ScenarioRun::start(scenario(), 1);
    let events = run.answer(written(&run, 1), 2000).unwrap();
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::ClockAdvanced { minutes: 3780, .. }))
    );
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::BeatStarted { key, .. } if key == "closed")),
        "Monday 07:50 is outside hours"
    );
    // The promise is made in the reply, so its hour runs from Monday 07:50; the story's own 12 h
    // after closing then pass its deadline.
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::PromiseBroken { overdue: true, .. })),
        "{events:#?}"
    );
    assert_eq!(run.clock().to_string(), "Mon 19:50");
    let card = score(&run.scenario().scoring, run.transcript());
    let speed = texts(&card, Dimension::Speed);
    assert!(
        speed.contains(&(-60, "Your reply reached them 2 d 15 h later".into())),
        "{speed:#?}"
    );
    assert_eq!(
        speed.len(),
        2,
        "the story's own 12 h cost no speed: {speed:#?}"
    );
    let ft = texts(&card, Dimension::FollowThrough);
    assert!(
        ft.contains(&(-25, "Promise went past its deadline: call her back".into())),
        "{ft:#?}"
    );
}

#[test]
fn onlookers_react_to_the_audience_mood() {
    let (_, events) = ScenarioRun::start(scenario(), 1);
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::AudienceReacted { who, .. } if who == "Dana"))
    );
}

#[test]
fn same_seed_and_answers_give_the_same_run() {
    let s = scenario();
    let (mut a, _) = ScenarioRun::start(Arc::clone(&s), 7);
    a.answer(written(&a, 0), 1234).unwrap();
    a.answer(Input::Typed("Thanks Margaret".into()), 5000)
        .unwrap();
    let b = ScenarioRun::replay(Arc::clone(&s), 7, &a.transcript().answers).unwrap();
    assert_eq!(a.transcript(), b.transcript());
    let json = serde_json::to_string(a.transcript()).unwrap();
    let back: care_engine::run::Transcript = serde_json::from_str(&json).unwrap();
    assert_eq!(&back, a.transcript());
    assert_eq!(score(&s.scoring, &back), score(&s.scoring, a.transcript()));
}

#[test]
fn the_worst_moment_is_the_costliest() {
    let (mut run, _) = ScenarioRun::start(scenario(), 1);
    run.answer(Input::Timeout, 50_000).unwrap();
    let card = score(&run.scenario().scoring, run.transcript());
    let m = card.worst_moment().unwrap();
    assert!(matches!(
        run.transcript().moments[m].event,
        Event::Answered { .. } | Event::Ended { .. }
    ));
}

#[test]
fn a_run_can_start_at_any_beat_with_a_chosen_state() {
    use care_engine::run::StartState;
    let report = care_engine::load_paths(
        &[std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../scenarios"
        ))],
        care_engine::LoadOptions::default(),
    );
    let s = report
        .scenarios
        .iter()
        .find(|l| l.scenario.id == "seen-at-9-42")
        .expect("shipped")
        .scenario
        .clone();
    let beat = care_engine::BeatId(1);
    let mut state = StartState::of(&s);
    state.mood = -55;
    state.clock = state.clock.plus_minutes(90);
    let (run, events) = care_engine::ScenarioRun::start_at(s.clone(), 1, beat, state.clone());
    assert_eq!(
        run.current_beat(),
        Some(beat),
        "the run waits at the chosen beat"
    );
    assert_eq!(run.mood(), -55);
    assert_eq!(run.clock(), state.clock);
    assert!(
        matches!(events.first(), Some(care_engine::Event::BeatStarted { beat: b, .. }) if *b == beat)
    );
    let (normal, _) = care_engine::ScenarioRun::start(s.clone(), 1);
    assert_eq!(
        normal.current_beat(),
        Some(s.start),
        "an ordinary start is unchanged"
    );
}

/// The choice that shows the response written `n`-th (from 0) in the current beat.
fn written(run: &ScenarioRun, n: usize) -> Input {
    Input::Choice(run.shown_position(n).expect("the response is offered"))
}
