//! Beats as written, and everything that leads out of them: responses, typed replies, steps,
//! branches, conditions, effects, onlookers' lines and endings.

use serde::{Deserialize, Serialize};

use crate::model::Outcome;

/// One moment of the scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBeat {
    pub id: String,
    /// What happens, in the third person ("Margaret wheels herself in").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub narration: String,
    /// What the customer says or writes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub says: String,
    /// Onlookers' lines shown when the beat starts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audience: Vec<RawReaction>,
    /// Reaching this beat keeps these promises.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keeps: Vec<String>,
    /// Reaching this beat breaks these promises.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub breaks: Vec<String>,
    /// Seconds within which an answer earns full speed points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_secs: Option<u32>,
    /// Seconds the customer waits before acting on their own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wait_secs: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responses: Vec<RawResponse>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typed: Option<RawTyped>,
    /// What the customer does when nobody answers in time. Required when there is anything to answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_timeout: Option<RawStep>,
    /// For a beat with nothing to answer: where the story goes next, at once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub then: Option<RawStep>,
}

/// An onlooker's line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReaction {
    pub who: String,
    pub says: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<RawCond>,
}

/// Changes to scores and state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEffects {
    #[serde(default)]
    pub speed: i32,
    #[serde(default)]
    pub empathy: i32,
    #[serde(default)]
    pub follow_through: i32,
    #[serde(default)]
    pub mood: i32,
    #[serde(default)]
    pub audience: i32,
}

impl RawEffects {
    /// No change at all (left out when writing a file).
    pub fn is_zero(&self) -> bool {
        *self == RawEffects::default()
    }
}

/// A multiple-choice answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawResponse {
    pub text: String,
    /// Keeps this choice in place when the choices are shuffled: `First` or `Last` (e.g. "say
    /// nothing" last). Unpinned choices are shown in an order drawn from the run's seed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pin: Option<crate::model::Pin>,
    /// Offered only when this holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<RawCond>,
    #[serde(default, skip_serializing_if = "RawEffects::is_zero")]
    pub effects: RawEffects,
    /// Simulated time this answer takes to reach the customer ("2h", "2days 15h").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub makes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keeps: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub breaks: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub set: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clear: Vec<String>,
    /// Debrief text: why this was good or what would have been better.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub feedback: String,
    pub next: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub branches: Vec<RawBranch>,
}

/// A typed (free text) reply scored by a rubric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTyped {
    pub prompt: String,
    /// A rubric id from `rubrics`; the built-in rubric when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rubric: Option<String>,
    #[serde(default = "default_max_chars")]
    pub max_chars: u32,
    #[serde(default, skip_serializing_if = "RawEffects::is_zero")]
    pub effects: RawEffects,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub makes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keeps: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub breaks: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub set: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clear: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub feedback: String,
    pub next: String,
    /// Checked in order; `ReplyAtLeast(n)` looks at the reply's rubric points.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub branches: Vec<RawBranch>,
}

fn default_max_chars() -> u32 {
    600
}

/// What happens without an answer (`on_timeout`) or straight away (`then`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStep {
    /// What the customer does ("She turns her chair towards the door").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub narration: String,
    #[serde(default, skip_serializing_if = "RawEffects::is_zero")]
    pub effects: RawEffects,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keeps: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub breaks: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub set: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clear: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub feedback: String,
    pub next: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub branches: Vec<RawBranch>,
}

/// A conditional jump, tried before `next`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBranch {
    pub when: RawCond,
    pub next: String,
}

/// A test on the run's state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum RawCond {
    MoodAtLeast(i32),
    MoodBelow(i32),
    AudienceAtLeast(i32),
    AudienceBelow(i32),
    Flag(String),
    NotFlag(String),
    PromiseOpen(String),
    AnyPromiseOpen,
    NoPromiseOpen,
    /// The simulated clock is within opening hours.
    OpenHours,
    OutsideHours,
    /// The last typed reply scored at least this many rubric points.
    ReplyAtLeast(i32),
    /// The last typed reply met this rubric entry (by its id), e.g. `Met("remedy")`.
    Met(String),
    All(Vec<RawCond>),
    Any(Vec<RawCond>),
    Not(Box<RawCond>),
}

/// How the story can end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEnding {
    pub id: String,
    pub outcome: Outcome,
    /// Debrief text: what happened and what the lesson is.
    pub text: String,
    /// Replaces the outcome's default follow-through effect when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effects: Option<RawEffects>,
}
