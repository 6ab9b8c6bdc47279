//! The raw scenario parts an import writes: beats with a response per link and a timeout,
//! endings with an outcome from the passage's tags, and the scenario around them.

use crate::model::{Channel, Outcome};
use crate::raw::{RawBeat, RawCustomer, RawEnding, RawResponse, RawScenario, RawScoring, RawStep};

/// The id of the ending added for customers nobody answers.
pub const NO_ANSWER_ENDING: &str = "no-answer";

/// A response with `text` that leads to `next`, and nothing else yet.
pub fn response(text: String, next: String) -> RawResponse {
    RawResponse {
        text,
        pin: None,
        when: None,
        effects: Default::default(),
        delay: None,
        makes: Vec::new(),
        keeps: Vec::new(),
        breaks: Vec::new(),
        set: Vec::new(),
        clear: Vec::new(),
        feedback: String::new(),
        next,
        branches: Vec::new(),
    }
}

fn step(narration: &str, next: &str) -> RawStep {
    RawStep {
        narration: narration.into(),
        effects: Default::default(),
        delay: None,
        keeps: Vec::new(),
        breaks: Vec::new(),
        set: Vec::new(),
        clear: Vec::new(),
        feedback: String::new(),
        next: next.into(),
        branches: Vec::new(),
    }
}

/// A beat offering `responses`, or, with none, one that moves on to `then` at once.
pub fn beat(id: String, narration: String, responses: Vec<RawResponse>, then: &str) -> RawBeat {
    let waits = !responses.is_empty();
    RawBeat {
        id,
        narration,
        says: String::new(),
        audience: Vec::new(),
        keeps: Vec::new(),
        breaks: Vec::new(),
        target_secs: None,
        wait_secs: None,
        responses,
        typed: None,
        on_timeout: waits.then(|| {
            step(
                "Nobody answers, and the customer gives up.",
                NO_ANSWER_ENDING,
            )
        }),
        then: (!waits).then(|| step("", then)),
    }
}

/// An ending with `text`, its outcome from `tags` (`won-back`, `lost`, `escalated`, `viral`).
pub fn ending(id: String, text: String, tags: &[String]) -> RawEnding {
    RawEnding {
        id,
        outcome: outcome(tags),
        text,
        effects: None,
    }
}

fn outcome(tags: &[String]) -> Outcome {
    let has = |t: &str| tags.iter().any(|x| x.eq_ignore_ascii_case(t));
    if has("won-back") || has("wonback") {
        Outcome::WonBack
    } else if has("lost") {
        Outcome::Lost
    } else if has("escalated") {
        Outcome::Escalated
    } else if has("viral") || has("gone-viral") {
        Outcome::GoneViral
    } else {
        Outcome::Resolved
    }
}

/// The ending for a customer nobody answers.
pub fn no_answer_ending() -> RawEnding {
    RawEnding {
        id: NO_ANSWER_ENDING.into(),
        outcome: Outcome::Lost,
        text: "Nobody answered, so the customer gave up. Write what the lesson is here.".into(),
        effects: None,
    }
}

/// The scenario around `beats` and `endings`, with defaults for the trainer to change.
pub fn scenario(
    id: &str,
    title: Option<String>,
    channel: Channel,
    start: String,
    beats: Vec<RawBeat>,
    endings: Vec<RawEnding>,
) -> RawScenario {
    RawScenario {
        id: id.to_owned(),
        title: title.unwrap_or_else(|| id.to_owned()),
        summary: "Imported from Twine: write a one-sentence summary.".into(),
        version: 1,
        channel,
        difficulty: Default::default(),
        language: "en".into(),
        lesson: String::new(),
        objectives: Vec::new(),
        minutes: 5,
        tags: vec!["imported".into()],
        customer: RawCustomer {
            name: vec!["Alex".into()],
            details: String::new(),
            traits: Vec::new(),
            mood: Default::default(),
            patience_secs: 45,
        },
        audience: None,
        clock: None,
        vars: Vec::new(),
        promises: Vec::new(),
        rubrics: Vec::new(),
        start,
        beats,
        endings,
        scoring: RawScoring::default(),
    }
}
