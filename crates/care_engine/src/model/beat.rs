//! A beat of the validated scenario and what leads out of it: responses, typed replies, steps,
//! branches, effects, onlookers' reactions and conditions.

use serde::{Deserialize, Serialize};

use super::Dimension;
use crate::ids::{FlagId, NodeId, PromiseId, RubricId};
use crate::template::Template;

#[derive(Debug, Clone, PartialEq)]
pub struct Beat {
    pub key: String,
    pub narration: Template,
    pub says: Template,
    pub audience: Vec<Reaction>,
    pub keeps: Vec<PromiseId>,
    pub breaks: Vec<PromiseId>,
    pub target_secs: u32,
    pub wait_secs: u32,
    pub responses: Vec<Response>,
    pub typed: Option<Typed>,
    pub on_timeout: Option<Step>,
    pub then: Option<Step>,
}

impl Beat {
    /// Whether the trainee has anything to answer here.
    pub fn awaits_answer(&self) -> bool {
        !self.responses.is_empty() || self.typed.is_some()
    }

    /// Every step out of this beat, in file order.
    pub fn steps(&self) -> impl Iterator<Item = &Step> {
        self.responses
            .iter()
            .map(|r| &r.step)
            .chain(self.typed.iter().map(|t| &t.step))
            .chain(self.on_timeout.iter())
            .chain(self.then.iter())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Reaction {
    pub who: Template,
    pub says: Template,
    pub when: Option<Cond>,
}

/// Score and mood changes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Effects {
    pub speed: i32,
    pub empathy: i32,
    pub follow_through: i32,
    pub mood: i32,
    pub audience: i32,
}

impl Effects {
    pub fn dimension(&self, d: Dimension) -> i32 {
        match d {
            Dimension::Speed => self.speed,
            Dimension::Empathy => self.empathy,
            Dimension::FollowThrough => self.follow_through,
        }
    }
}

/// What a response, typed reply, timeout or pass-through does.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub narration: Template,
    pub effects: Effects,
    pub delay_minutes: u32,
    pub makes: Vec<PromiseId>,
    pub keeps: Vec<PromiseId>,
    pub breaks: Vec<PromiseId>,
    pub set: Vec<FlagId>,
    pub clear: Vec<FlagId>,
    pub feedback: Template,
    pub next: NodeId,
    pub branches: Vec<Branch>,
}

impl Step {
    /// Every node this step can lead to.
    pub fn targets(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.branches
            .iter()
            .map(|b| b.next)
            .chain(std::iter::once(self.next))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Branch {
    pub when: Cond,
    pub next: NodeId,
}

/// Where a choice stays when the choices of a beat are shuffled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Pin {
    First,
    Last,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub text: Template,
    pub pin: Option<Pin>,
    pub when: Option<Cond>,
    pub step: Step,
}

impl Beat {
    /// The offered response whose effects add up to the most: the better answer a debrief shows.
    pub fn best_response(&self) -> Option<&Response> {
        self.responses.iter().max_by_key(|r| {
            let e = &r.step.effects;
            e.speed + e.empathy + e.follow_through
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Typed {
    pub prompt: Template,
    pub rubric: RubricId,
    pub max_chars: u32,
    pub step: Step,
}

/// A test on the run's state.
#[derive(Debug, Clone, PartialEq)]
pub enum Cond {
    MoodAtLeast(i32),
    MoodBelow(i32),
    AudienceAtLeast(i32),
    AudienceBelow(i32),
    Flag(FlagId),
    NotFlag(FlagId),
    PromiseOpen(PromiseId),
    AnyPromiseOpen,
    NoPromiseOpen,
    OpenHours,
    OutsideHours,
    ReplyAtLeast(i32),
    /// The last typed reply met the rubric entry with this key.
    Met(String),
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Not(Box<Cond>),
}
