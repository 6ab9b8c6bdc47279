//! The validated scenario: what the runtime plays. Built only by [`crate::resolve`], so every id in
//! it points at something that exists.

mod beat;
mod kinds;
mod rubric;

pub use beat::{Beat, Branch, Cond, Effects, Pin, Reaction, Response, Step, Typed};
pub use kinds::{Channel, Difficulty, Dimension, Outcome, PerDimension, StartMood, Weekday};
pub use rubric::{Matcher, Phrase, Rubric, RubricEntry};

use crate::clock::Clock;
use crate::ids::{BeatId, NodeId, PromiseId, RubricId};
use crate::template::Template;

/// A validated, playable scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub id: crate::names::ScenarioId,
    pub title: String,
    pub summary: String,
    pub version: u32,
    pub channel: Channel,
    pub difficulty: Difficulty,
    pub language: Language,
    pub lesson: String,
    pub objectives: Vec<String>,
    pub minutes: u32,
    pub tags: Vec<String>,
    pub customer: Customer,
    pub audience: Option<Audience>,
    pub clock: Clock,
    pub vars: Vec<Var>,
    pub promises: Vec<Promise>,
    /// Flag names, indexed by [`FlagId`](crate::ids::FlagId).
    pub flags: Vec<String>,
    /// Rubrics, indexed by [`RubricId`]; index 0 is the built-in rubric.
    pub rubrics: Vec<Rubric>,
    pub start: BeatId,
    pub beats: Vec<Beat>,
    pub endings: Vec<Ending>,
    pub scoring: Scoring,
    /// Hex SHA-256 of the file's bytes, recorded with every attempt.
    pub content_hash: String,
}

impl Scenario {
    pub fn beat(&self, id: BeatId) -> &Beat {
        &self.beats[id.index()]
    }

    /// The beat written as `key` in the file.
    pub fn beat_by_key(&self, key: &str) -> Option<&Beat> {
        self.beats.iter().find(|b| b.key == key)
    }

    pub fn ending(&self, id: crate::ids::EndingId) -> &Ending {
        &self.endings[id.index()]
    }

    pub fn promise(&self, id: PromiseId) -> &Promise {
        &self.promises[id.index()]
    }

    pub fn rubric(&self, id: RubricId) -> &Rubric {
        &self.rubrics[id.index()]
    }

    /// The beat or ending key a node has in the file.
    pub fn node_key(&self, node: NodeId) -> &str {
        match node {
            NodeId::Beat(b) => &self.beat(b).key,
            NodeId::Ending(e) => &self.ending(e).key,
        }
    }
}

/// Language of a scenario's texts, for typed-reply matching.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language {
    pub code: &'static str,
    pub stemmer: rust_stemmers::Algorithm,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Customer {
    /// Names to draw from; never empty.
    pub names: Vec<String>,
    /// Each name's pronouns, in `names` order.
    pub pronouns: Vec<crate::pronouns::Pronouns>,
    pub details: Template,
    pub traits: Vec<String>,
    pub mood: i32,
    pub patience_secs: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Audience {
    pub name: String,
    pub size: u32,
    pub sentiment: i32,
}

/// A persona pool.
#[derive(Debug, Clone, PartialEq)]
pub struct Var {
    pub key: String,
    /// Never empty.
    pub values: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Promise {
    pub key: String,
    pub text: Template,
    pub due_minutes: Option<u32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Ending {
    pub key: String,
    pub outcome: Outcome,
    pub text: Template,
    pub effects: Effects,
}

/// The validated scoring rules.
#[derive(Debug, Clone, PartialEq)]
pub struct Scoring {
    pub weights: PerDimension<f32>,
    pub pass_overall: i32,
    pub pass: PerDimension<i32>,
    pub baseline: PerDimension<i32>,
    pub late_points_per_sec: u32,
    pub max_late_points: u32,
    pub delay_points_per_hour: u32,
    pub max_delay_points: u32,
    pub promise_kept: i32,
    pub promise_broken: i32,
    pub promise_open_at_end: i32,
    pub public_loop_closed: i32,
    pub public_loop_open: i32,
}
