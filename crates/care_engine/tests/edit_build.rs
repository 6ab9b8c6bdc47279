//! A scenario built purely through edits, as an editor would: from a channel template to three
//! beats with a typed moment (criteria and labelled replies), two endings and timeouts. It loads
//! and resolves with no errors, and plays through to each ending with the run API.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod edit_support;

use std::sync::Arc;

use care_engine::edit::{Document, Edit, Exit, PersonaPool, ReplyExamples, TextAt, TypedMoment};
use care_engine::load::{LoadOptions, load_bytes};
use care_engine::model::{Channel, Dimension, Outcome};
use care_engine::raw::{
    RawBeat, RawBranch, RawCond, RawEffects, RawEnding, RawMatcher, RawResponse, RawRubric,
    RawRubricEntry, RawTyped,
};
use care_engine::run::{Input, ScenarioRun};
use care_engine::scoring::score;
use care_engine::{BeatId, EndingId, NodeId, Severity};
use edit_support::edit;

/// A beat with only its id: everything else is set by edits.
fn bare_beat(id: &str) -> RawBeat {
    care_engine::load::ron_options()
        .from_str(&format!("(id: {id:?})"))
        .unwrap()
}

fn build() -> Document {
    let mut doc = Document::new_scenario("expired-code", Channel::LiveChat);
    let opening = BeatId(0);
    let resolved = NodeId::Ending(EndingId(0));
    let mut step = |e: Edit| {
        edit(&mut doc, e);
    };
    step(Edit::SetText {
        at: TextAt::Title,
        text: "The expired code".into(),
    });
    step(Edit::SetPersona(PersonaPool {
        names: vec!["Alex (they)".into(), "Maria (she)".into()],
        details: "Trying to use a birthday discount code.".into(),
        traits: vec!["impatient".into()],
    }));
    step(Edit::AddEnding {
        ending: Box::new(RawEnding {
            id: "lost".into(),
            outcome: Outcome::Lost,
            text: "{name} closed the chat and bought it elsewhere.".into(),
            effects: None,
        }),
        at: None,
    });
    let lost = NodeId::Ending(EndingId(1));
    // Beat 2: the details, where the trainee types.
    step(Edit::AddBeat {
        beat: Box::new(bare_beat("details")),
        at: None,
    });
    let details = BeatId(1);
    step(Edit::SetText {
        at: TextAt::Says(details),
        text: "It says the code has expired, but the email came yesterday!".into(),
    });
    step(Edit::SetTargetSecs {
        beat: details,
        secs: Some(40),
    });
    step(Edit::SetWaitSecs {
        beat: details,
        secs: Some(120),
    });
    // Beat 3: the thanks, which moves on at once.
    step(Edit::AddBeat {
        beat: Box::new(bare_beat("sorted")),
        at: None,
    });
    let sorted = BeatId(2);
    step(Edit::SetText {
        at: TextAt::Says(sorted),
        text: "That worked, thank you!".into(),
    });
    step(Edit::Connect {
        exit: Exit::Then(sorted),
        to: resolved,
    });
    // The opening's response leads to the details; a tempting poor one loses the customer.
    step(Edit::Connect {
        exit: Exit::Response(opening, 0),
        to: NodeId::Beat(details),
    });
    step(Edit::AddResponse {
        beat: opening,
        response: Box::new(RawResponse {
            text: "\"Codes are only valid as stated in the terms and conditions.\"".into(),
            pin: None,
            when: None,
            effects: RawEffects::default(),
            delay: None,
            makes: vec![],
            keeps: vec![],
            breaks: vec![],
            set: vec![],
            clear: vec![],
            feedback: String::new(),
            next: "resolved".into(),
            branches: vec![],
        }),
        at: None,
    });
    step(Edit::SetEffects {
        exit: Exit::Response(opening, 1),
        effects: RawEffects {
            empathy: -20,
            follow_through: -15,
            mood: -30,
            ..RawEffects::default()
        },
    });
    step(Edit::SetText {
        at: TextAt::Feedback(Exit::Response(opening, 1)),
        text: "Quoting the terms answers nothing. Find out what went wrong.".into(),
    });
    step(Edit::Connect {
        exit: Exit::Response(opening, 1),
        to: lost,
    });
    step(Edit::Connect {
        exit: Exit::Timeout(opening),
        to: lost,
    });
    // The typed moment: criteria with examples, and labelled replies.
    let entry = RawRubricEntry {
        id: "new-code".into(),
        label: "Gives a code that works".into(),
        points: 10,
        dimension: Dimension::FollowThrough,
        matches: RawMatcher::Phrases(vec!["new code".into(), "fresh code".into()]),
        advice: "Give a working code, not an explanation.".into(),
        public_only: false,
        examples: vec![
            "here is a new code that works".into(),
            "I've made you a fresh code".into(),
        ],
        unlike: vec!["codes cannot be reissued".into()],
    };
    let typed = RawTyped {
        prompt: "Your reply to {name}".into(),
        rubric: None,
        max_chars: 400,
        effects: RawEffects::default(),
        delay: None,
        makes: vec![],
        keeps: vec![],
        breaks: vec![],
        set: vec![],
        clear: vec![],
        feedback: "Checked for a working code.".into(),
        next: "lost".into(),
        branches: vec![RawBranch {
            when: RawCond::Met("new-code".into()),
            next: "sorted".into(),
        }],
    };
    step(Edit::AddTypedMoment(Box::new(TypedMoment {
        beat: details,
        typed,
        criteria: Some(RawRubric {
            id: "code".into(),
            include_defaults: true,
            entries: vec![entry],
        }),
        examples: Some(ReplyExamples {
            good: vec!["{first}, sorry! Here is a new code: BDAY-2. It works today.".into()],
            poor: vec!["Codes cannot be reissued, as stated in our terms.".into()],
        }),
    })));
    step(Edit::Connect {
        exit: Exit::Timeout(details),
        to: lost,
    });
    step(Edit::SetText {
        at: TextAt::StepNarration(Exit::Timeout(details)),
        text: "{name} gives up waiting.".into(),
    });
    doc
}

#[test]
fn a_three_beat_scenario_built_from_the_template_by_edits_loads_and_plays() {
    let doc = build();
    let raw = doc.raw().unwrap();
    assert_eq!(raw.beats.len(), 3);
    assert!(raw.beats[1].typed.is_some());
    assert_eq!(doc.replies().unwrap().moments[0].beat, "details");
    let errors: Vec<_> = doc
        .diagnostics()
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{}", doc.text());
    let loaded = load_bytes(
        "expired-code.scenario.ron",
        doc.text().as_bytes(),
        LoadOptions::default(),
    );
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    let scenario = Arc::new(loaded.scenario.expect("resolves"));
    assert_eq!(scenario.beats.len(), 3);

    // The good path: the good response, then a reply with a new code.
    let (mut run, _) = ScenarioRun::start(Arc::clone(&scenario), 7);
    let good = run.shown_position(0).unwrap();
    run.answer(Input::Choice(good), 5_000).unwrap();
    assert!(run.takes_typed());
    let first = run.persona().first_name().to_owned();
    let reply = format!("{first}, I'm so sorry about that. Here is a new code: BDAY-2.");
    run.answer(Input::Typed(reply), 20_000).unwrap();
    assert!(run.is_finished());
    let card = score(&scenario.scoring, run.transcript());
    assert_eq!(card.outcome, Some(Outcome::Resolved));
    assert!(card.passed, "{card:#?}");

    // The poor response loses the customer; so does a reply with no code.
    let (mut run, _) = ScenarioRun::start(Arc::clone(&scenario), 7);
    run.answer(Input::Choice(run.shown_position(1).unwrap()), 5_000)
        .unwrap();
    assert!(run.is_finished());
    assert_eq!(
        score(&scenario.scoring, run.transcript()).outcome,
        Some(Outcome::Lost)
    );
    let (mut run, _) = ScenarioRun::start(Arc::clone(&scenario), 7);
    run.answer(Input::Choice(run.shown_position(0).unwrap()), 5_000)
        .unwrap();
    run.answer(Input::Typed("Codes cannot be reissued.".into()), 20_000)
        .unwrap();
    assert!(run.is_finished());
    let card = score(&scenario.scoring, run.transcript());
    assert_eq!(card.outcome, Some(Outcome::Lost));
    assert!(!card.passed);
    // Nobody answering loses the customer too.
    let (mut run, _) = ScenarioRun::start(scenario, 7);
    run.answer(Input::Timeout, 45_000).unwrap();
    assert!(run.is_finished());
}

#[test]
fn every_channel_template_loads_with_only_the_needs_more_warnings() {
    for channel in Channel::ALL {
        let doc = Document::new_scenario("fresh", channel);
        assert_eq!(
            doc.raw(),
            Some(&care_engine::edit::template("fresh", channel))
        );
        let codes: Vec<&str> = doc.diagnostics().iter().map(|d| d.code.as_str()).collect();
        assert!(
            !codes.is_empty() && codes.iter().all(|c| *c == "care::pattern-passes"),
            "{channel:?}: {codes:?}"
        );
        assert_eq!(doc.raw().unwrap().audience.is_some(), channel.is_public());
        assert_eq!(doc.raw().unwrap().beats[0].responses.len(), 1);
        assert_eq!(doc.raw().unwrap().endings.len(), 1);
    }
}
