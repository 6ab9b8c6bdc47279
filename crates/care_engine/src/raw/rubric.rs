//! Rubrics as written: named sets of entries a typed reply is checked for, and how each entry
//! recognises itself.

use serde::{Deserialize, Serialize};

/// A named rubric for typed replies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRubric {
    pub id: String,
    /// Start from the built-in rubric (name, feelings, apology, thanks, next step, ...).
    #[serde(default = "yes")]
    pub include_defaults: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<RawRubricEntry>,
}

fn yes() -> bool {
    true
}

/// One thing a typed reply is checked for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRubricEntry {
    pub id: String,
    /// Shown to the trainee: "Uses the customer's name".
    pub label: String,
    /// Positive rewards, negative penalises.
    pub points: i32,
    #[serde(default)]
    pub dimension: crate::model::Dimension,
    pub matches: RawMatcher,
    /// Shown in the debrief when a reward was missed or a penalty hit.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub advice: String,
    /// Only checked on public channels (social posts, review sites).
    #[serde(default)]
    pub public_only: bool,
    /// What the entry means, said in several ways: the meaning judge compares each part of a
    /// reply with these. Without examples the entry is matched by `matches` alone.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<String>,
    /// Phrasings that share words with the examples but not their meaning ("sorry you feel
    /// that way" for an apology): a part of a reply closer to these does not count.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unlike: Vec<String>,
}

/// How a rubric entry recognises itself in a reply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum RawMatcher {
    /// Any of these phrases, tolerant of inflections and small typos.
    Phrases(Vec<String>),
    /// The customer's (drawn) name.
    CustomerName,
    /// Writing in capitals.
    Shouting,
    /// A time or a day: "by 4 pm", "16:30", "tomorrow", "within the hour", "Friday".
    When,
}
