//! The record of a run: every event with its time, the answers given, and the facts scoring uses.
//! It serializes, so an attempt can be saved, replayed from its answers and reviewed.

use serde::{Deserialize, Serialize};

use crate::clock::SimTime;
use crate::ids::{BeatId, EndingId, PromiseId};
use crate::model::{Dimension, Effects, Outcome};
use crate::order::ChoiceOrder;
use crate::persona::Persona;
use crate::rubric::Verdict;

/// What the trainee did at a beat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Input {
    /// The n-th offered choice, counting from 0.
    Choice(usize),
    /// A typed reply.
    Typed(String),
    /// Nothing, until the customer acted.
    Timeout,
}

/// An input with the real time it took, in milliseconds since the beat started waiting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub input: Input,
    pub after_ms: u64,
    /// For a choice: the response as written in the file (0-based), so a replay takes the same
    /// response whatever order it is shown in. Absent in runs recorded before choices were
    /// shuffled, which replay in written order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<usize>,
    /// For a typed reply: the verdict it got, so a replay or a resume never judges it again
    /// (a judge's model may differ between stations or versions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
}

impl Answer {
    /// An answer as given, before the run has recorded what it meant.
    pub fn new(input: Input, after_ms: u64) -> Answer {
        Answer {
            input,
            after_ms,
            response: None,
            verdict: None,
        }
    }
}

/// What the runtime tells its caller happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Event {
    BeatStarted {
        beat: BeatId,
        key: String,
    },
    Narration {
        text: String,
    },
    CustomerSaid {
        name: String,
        text: String,
    },
    AudienceReacted {
        who: String,
        text: String,
    },
    /// The trainee may answer; the customer acts on their own after `wait_secs`.
    AwaitingAnswer {
        choices: Vec<String>,
        typed_prompt: Option<String>,
        max_chars: u32,
        target_secs: u32,
        wait_secs: u32,
    },
    Answered {
        answer: Answered,
        after_ms: u64,
        /// The scenario's debrief feedback on this answer (empty when it has none).
        feedback: String,
    },
    /// The answer came after the customer had already acted.
    TooLate {
        after_ms: u64,
        wait_secs: u32,
    },
    ReplyScored {
        verdict: Verdict,
    },
    MoodChanged {
        mood: i32,
        delta: i32,
    },
    AudienceChanged {
        sentiment: i32,
        delta: i32,
    },
    ClockAdvanced {
        to: SimTime,
        minutes: u32,
    },
    PromiseMade {
        promise: PromiseId,
        text: String,
    },
    PromiseKept {
        promise: PromiseId,
        text: String,
    },
    PromiseBroken {
        promise: PromiseId,
        text: String,
        overdue: bool,
    },
    PromiseLeftOpen {
        promise: PromiseId,
        text: String,
    },
    Ended {
        ending: Option<EndingId>,
        key: String,
        outcome: Outcome,
        text: String,
    },
}

/// The answer as the transcript shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answered {
    Choice {
        index: usize,
        response: usize,
        text: String,
    },
    Typed {
        text: String,
    },
    Timeout,
}

impl Answered {
    /// What the trainee said, or `None` when they said nothing in time.
    pub fn said(&self) -> Option<&str> {
        match self {
            Answered::Choice { text, .. } | Answered::Typed { text } => Some(text),
            Answered::Timeout => None,
        }
    }
}

/// An event and when it happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Moment {
    /// Real milliseconds since the run started.
    pub at_ms: u64,
    /// The simulated clock.
    pub clock: SimTime,
    pub event: Event,
}

/// A fact scoring turns into points, tied to the moment it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mark {
    pub moment: usize,
    pub kind: MarkKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum MarkKind {
    /// An answer given after `after_ms`, against the beat's target.
    Reaction {
        after_ms: u64,
        target_secs: u32,
        who: String,
    },
    /// Nobody answered within `wait_secs`.
    NoAnswer {
        wait_secs: u32,
        who: String,
    },
    /// Simulated time the customer waited: for the chosen answer to reach them, or (`unanswered`)
    /// with no answer at all.
    Delay {
        minutes: u32,
        #[serde(default)]
        unanswered: bool,
    },
    /// Authored effects of a choice, typed reply, timeout or ending, with the text that explains them.
    Effect {
        effects: Effects,
        why: String,
    },
    /// A rubric entry that a typed reply hit (or missed, with 0 points).
    Rubric {
        dimension: Dimension,
        points: i32,
        label: String,
        evidence: Option<String>,
        advice: String,
        /// For a match by meaning: the example phrasing the evidence was closest to, and how
        /// close in thousandths.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        closest: Option<(String, u16)>,
    },
    /// The reply was judged by keywords because the meaning judge could not run.
    JudgedByKeywords {
        reason: String,
    },
    PromiseKept {
        text: String,
    },
    PromiseBroken {
        text: String,
        overdue: bool,
    },
    PromiseOpen {
        text: String,
    },
    Ending {
        outcome: Outcome,
        effects: Effects,
    },
    /// On a public channel: the onlookers' sentiment at the start and at the end.
    PublicLoop {
        from: i32,
        to: i32,
    },
    /// The run was stopped because it went round in circles.
    StepLimit,
}

/// A whole run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Transcript {
    pub scenario_id: crate::names::ScenarioId,
    /// How choices were ordered (runs recorded before shuffling existed read as `Written`).
    #[serde(default = "written")]
    pub order: ChoiceOrder,
    pub scenario_version: u32,
    pub content_hash: String,
    pub seed: u64,
    pub persona: Persona,
    pub answers: Vec<Answer>,
    pub moments: Vec<Moment>,
    pub marks: Vec<Mark>,
}

fn written() -> ChoiceOrder {
    ChoiceOrder::Written
}

impl Transcript {
    /// The ending event, once the run is over.
    pub fn ending(&self) -> Option<(Outcome, &str)> {
        self.moments.iter().rev().find_map(|m| match &m.event {
            Event::Ended { outcome, key, .. } => Some((*outcome, key.as_str())),
            _ => None,
        })
    }

    /// The customer's mood at the end: the last change, or `start` when it never changed.
    pub fn final_mood(&self, start: i32) -> i32 {
        self.moments
            .iter()
            .rev()
            .find_map(|m| match m.event {
                Event::MoodChanged { mood, .. } => Some(mood),
                _ => None,
            })
            .unwrap_or(start)
    }

    /// Real time the run took.
    pub fn duration_ms(&self) -> u64 {
        self.moments.last().map_or(0, |m| m.at_ms)
    }
}
