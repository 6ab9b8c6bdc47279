//! The scenario file as written by trainers: serde types mirroring `*.scenario.ron`, ids still strings.
//!
//! Nothing past the loading boundary uses these: [`crate::resolve`] turns them into the validated
//! [`crate::model`] types with typed ids. Field names here are the file format; keep
//! `docs/scenario-format.md` in step with any change.

mod beat;
mod rubric;
mod scoring;

pub use beat::{
    RawBeat, RawBranch, RawCond, RawEffects, RawEnding, RawReaction, RawResponse, RawStep, RawTyped,
};
pub use rubric::{RawMatcher, RawRubric, RawRubricEntry};
pub use scoring::{RawBaseline, RawPass, RawScoring, RawWeights};

use serde::{Deserialize, Serialize};

use crate::model::{Channel, Difficulty, StartMood, Weekday};

/// A whole scenario file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Scenario")]
pub struct RawScenario {
    pub id: String,
    pub title: String,
    pub summary: String,
    #[serde(default = "one")]
    pub version: u32,
    pub channel: Channel,
    #[serde(default)]
    pub difficulty: Difficulty,
    /// Language of the texts (for typed-reply matching), e.g. "en", "de", "fr".
    #[serde(default = "english")]
    pub language: String,
    /// The one lesson the scenario teaches, in a sentence (shown in catalogues and the library).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lesson: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<String>,
    #[serde(default = "five")]
    pub minutes: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    pub customer: RawCustomer,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<RawAudience>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clock: Option<RawClock>,
    /// Persona pools: `[(id: "gift", values: ["a scarf", "a coat"])]`; one value is drawn per
    /// play and `{gift}` in any text is replaced by it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vars: Vec<RawVar>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub promises: Vec<RawPromise>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rubrics: Vec<RawRubric>,
    pub start: String,
    pub beats: Vec<RawBeat>,
    pub endings: Vec<RawEnding>,
    #[serde(default)]
    pub scoring: RawScoring,
}

fn one() -> u32 {
    1
}
fn five() -> u32 {
    5
}
fn english() -> String {
    "en".to_owned()
}

/// Who the trainee serves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCustomer {
    /// One name, or several to draw from per play.
    pub name: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub details: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub traits: Vec<String>,
    #[serde(default)]
    pub mood: StartMood,
    /// Seconds the customer waits for an answer when a beat sets no `wait_secs` of its own.
    #[serde(default = "default_patience")]
    pub patience_secs: u32,
}

fn default_patience() -> u32 {
    45
}

/// Onlookers on a public channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAudience {
    /// How the audience is named on screen ("followers of @BrightPharmacy").
    pub name: String,
    pub size: u32,
    /// Starting sentiment, -100 (hostile) to 100 (delighted).
    #[serde(default)]
    pub sentiment: i32,
}

/// The simulated clock: when the scenario starts and when the business is open.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawClock {
    pub day: Weekday,
    /// "HH:MM", 24-hour.
    pub time: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opens: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closes: Option<String>,
    #[serde(default = "weekdays")]
    pub open_days: Vec<Weekday>,
}

fn weekdays() -> Vec<Weekday> {
    use Weekday::*;
    vec![Monday, Tuesday, Wednesday, Thursday, Friday]
}

/// A persona pool.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawVar {
    pub id: String,
    pub values: Vec<String>,
}

/// A commitment a response can make.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPromise {
    pub id: String,
    /// What was promised, as the debrief names it ("send the tracking number today").
    pub text: String,
    /// Simulated minutes after it is made by which it must be kept; then it counts as broken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_minutes: Option<u32>,
}
