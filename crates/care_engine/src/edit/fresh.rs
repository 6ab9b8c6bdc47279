//! New parts an editor adds to a scenario: a beat, an ending, a response, a typed moment. Each
//! starts complete enough to load once something leads to it (a beat answers with one response
//! and has a timeout; both go to the scenario's first ending until the trainer connects them),
//! in words that say what to write there.
//!
//! Where a new beat goes in the file: right after the beat it is added from, so the file reads
//! in the order of the story; at the end when it is added on its own.

use super::Document;
use super::ops::{ReplyExamples, TypedMoment};
use crate::ids::BeatId;
use crate::model::{Dimension, Outcome};
use crate::raw::{
    RawBeat, RawBranch, RawCond, RawEffects, RawEnding, RawMatcher, RawResponse, RawRubric,
    RawRubricEntry, RawScenario, RawStep, RawTyped,
};

/// What a new response says until the trainer writes it.
pub const NEW_RESPONSE: &str = "\"What the trainee says.\"";
/// A new beat's line until the trainer writes it.
pub const NEW_SAYS: &str = "What the customer says next.";

fn response(text: &str, next: &str) -> RawResponse {
    RawResponse {
        text: text.to_owned(),
        pin: None,
        when: None,
        effects: RawEffects::default(),
        delay: None,
        makes: Vec::new(),
        keeps: Vec::new(),
        breaks: Vec::new(),
        set: Vec::new(),
        clear: Vec::new(),
        feedback: "Why this answer helps, or what would have been better.".into(),
        next: next.to_owned(),
        branches: Vec::new(),
    }
}

fn step(narration: &str, next: &str) -> RawStep {
    RawStep {
        narration: narration.to_owned(),
        effects: RawEffects {
            speed: -20,
            mood: -20,
            ..RawEffects::default()
        },
        delay: None,
        keeps: Vec::new(),
        breaks: Vec::new(),
        set: Vec::new(),
        clear: Vec::new(),
        feedback: "Saying nothing is an answer too.".into(),
        next: next.to_owned(),
        branches: Vec::new(),
    }
}

/// Where new ways on lead until connected: the first ending (the start, when there is none).
fn default_next(raw: &RawScenario) -> String {
    raw.endings
        .first()
        .map_or_else(|| raw.start.clone(), |e| e.id.clone())
}

/// Where a new step of `beat` leads: where its first way on leads, else [`default_next`].
fn next_of(raw: &RawScenario, beat: BeatId) -> String {
    let b = raw.beats.get(beat.index());
    b.and_then(|b| {
        b.responses
            .first()
            .map(|r| r.next.clone())
            .or_else(|| b.typed.as_ref().map(|t| t.next.clone()))
            .or_else(|| b.on_timeout.as_ref().map(|s| s.next.clone()))
            .or_else(|| b.then.as_ref().map(|s| s.next.clone()))
    })
    .unwrap_or_else(|| default_next(raw))
}

impl Document {
    /// The place in the file for a beat added from `from` (see the module docs); `None` for
    /// the end.
    pub fn place_for_new_beat(&self, from: Option<BeatId>) -> Option<usize> {
        let len = self.raw()?.beats.len();
        from.map(|b| b.index() + 1).filter(|&at| at <= len)
    }

    /// A new beat with an id no node has (`beat`, `beat-2` …): the customer's line, one
    /// response and a timeout, leading to the first ending.
    pub fn new_beat(&self) -> Option<RawBeat> {
        let raw = self.raw()?;
        let next = default_next(raw);
        Some(RawBeat {
            id: self.unique_id("beat"),
            narration: String::new(),
            says: NEW_SAYS.into(),
            audience: Vec::new(),
            keeps: Vec::new(),
            breaks: Vec::new(),
            target_secs: None,
            wait_secs: None,
            responses: vec![response(NEW_RESPONSE, &next)],
            typed: None,
            on_timeout: Some(step("{name} gives up waiting.", &next)),
            then: None,
        })
    }

    /// A new ending with an id no node has (named after its outcome).
    pub fn new_ending(&self, outcome: Outcome) -> RawEnding {
        let base = match outcome {
            Outcome::Resolved => "resolved",
            Outcome::WonBack => "won-back",
            Outcome::Lost => "lost",
            Outcome::Escalated => "escalated",
            Outcome::GoneViral => "gone-viral",
        };
        RawEnding {
            id: self.unique_id(base),
            outcome,
            text: "What happened, and what the trainee should take from it.".into(),
            effects: None,
        }
    }

    /// A new response for `beat`, leading where the beat's first way on leads.
    pub fn new_response(&self, beat: BeatId) -> Option<RawResponse> {
        let raw = self.raw()?;
        Some(response(NEW_RESPONSE, &next_of(raw, beat)))
    }

    /// A new typed moment for `beat`: a prompt, one criterion with examples and a look-alike
    /// (in a rubric of its own that keeps the built-in criteria), a branch for replies that
    /// meet it, and a labelled good and poor reply to start from.
    pub fn new_typed_moment(&self, beat: BeatId) -> Option<TypedMoment> {
        let raw = self.raw()?;
        let id = raw.beats.get(beat.index())?.id.clone();
        let next = next_of(raw, beat);
        let rubric = format!("{id}-reply");
        let entry = RawRubricEntry {
            id: "fix".into(),
            label: "Says what is being done about it".into(),
            points: 10,
            dimension: Dimension::FollowThrough,
            matches: RawMatcher::Phrases(vec!["sorted".into(), "fixed".into()]),
            advice: "Say what you are doing about it, and when.".into(),
            public_only: false,
            examples: vec![
                "I've sorted it for you now".into(),
                "I have fixed this today".into(),
                "a replacement is on its way to you".into(),
            ],
            unlike: vec!["we will look into it".into()],
        };
        Some(TypedMoment {
            beat,
            typed: RawTyped {
                prompt: "Your reply to {name}".into(),
                rubric: Some(rubric.clone()),
                max_chars: 600,
                effects: RawEffects::default(),
                delay: None,
                makes: Vec::new(),
                keeps: Vec::new(),
                breaks: Vec::new(),
                set: Vec::new(),
                clear: Vec::new(),
                feedback: "What a good reply does here.".into(),
                next: next.clone(),
                branches: vec![RawBranch {
                    when: RawCond::Met("fix".into()),
                    next,
                }],
            },
            criteria: Some(RawRubric {
                id: rubric,
                include_defaults: true,
                entries: vec![entry],
            }),
            examples: Some(ReplyExamples {
                good: vec!["{first}, I'm so sorry. I've sorted it for you now.".into()],
                poor: vec!["Dear valued customer, we will look into it.".into()],
            }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{Edit, Exit};
    use crate::ids::{EndingId, NodeId};
    use crate::model::Channel;

    fn errors(doc: &Document) -> Vec<String> {
        doc.diagnostics()
            .into_iter()
            .filter(|d| d.severity == crate::Severity::Error)
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn new_parts_load_once_connected() {
        let mut doc = Document::new_scenario("t", Channel::LiveChat);
        let beat = doc.new_beat().unwrap();
        assert_eq!(beat.id, "beat");
        let at = doc.place_for_new_beat(Some(BeatId(0)));
        assert_eq!(at, Some(1), "right after the beat it comes from");
        doc.apply(Edit::AddBeat {
            beat: Box::new(beat),
            at,
        })
        .unwrap();
        assert_eq!(doc.new_beat().unwrap().id, "beat-2");
        let lost = doc.new_ending(Outcome::Lost);
        doc.apply(Edit::AddEnding {
            ending: Box::new(lost),
            at: None,
        })
        .unwrap();
        let b = BeatId(1);
        doc.apply(Edit::Connect {
            exit: Exit::Response(BeatId(0), 0),
            to: NodeId::Beat(b),
        })
        .unwrap();
        doc.apply(Edit::Connect {
            exit: Exit::Timeout(BeatId(0)),
            to: NodeId::Ending(EndingId(1)),
        })
        .unwrap();
        let r = doc.new_response(b).unwrap();
        assert_eq!(r.next, "resolved", "where the beat's first answer leads");
        doc.apply(Edit::AddResponse {
            beat: b,
            response: Box::new(r),
            at: None,
        })
        .unwrap();
        let moment = doc.new_typed_moment(b).unwrap();
        doc.apply(Edit::AddTypedMoment(Box::new(moment))).unwrap();
        assert_eq!(errors(&doc), Vec::<String>::new(), "{}", doc.text());
        assert_eq!(doc.replies().unwrap().moments[0].beat, "beat");
        assert_eq!(doc.place_for_new_beat(None), None, "at the end");
    }
}
