//! The validated rubrics that typed replies are scored by: entries, matchers and phrases.

use super::Dimension;

/// A rubric for typed replies.
#[derive(Debug, Clone, PartialEq)]
pub struct Rubric {
    pub key: String,
    pub entries: Vec<RubricEntry>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RubricEntry {
    pub key: String,
    pub label: String,
    pub points: i32,
    pub dimension: Dimension,
    pub matcher: Matcher,
    pub advice: String,
    /// Phrasings of what the entry means, for the meaning judge; empty: matched by `matcher`.
    pub examples: Vec<String>,
    /// Phrasings that look alike but mean something else ("sorry you feel that way").
    pub unlike: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Matcher {
    Phrases(Vec<Phrase>),
    CustomerName,
    Shouting,
    /// A time or a day: "by 4 pm", "tomorrow", "within the hour".
    When,
}

/// A rubric phrase, with its words already normalised and stemmed.
#[derive(Debug, Clone, PartialEq)]
pub struct Phrase {
    pub text: String,
    pub words: Vec<crate::rubric::Word>,
}
