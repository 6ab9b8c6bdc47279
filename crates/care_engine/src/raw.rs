//! The scenario file as written by trainers: serde types mirroring `*.scenario.ron`, ids still strings.
//!
//! Nothing past the loading boundary uses these: [`crate::resolve`] turns them into the validated
//! [`crate::model`] types with typed ids. Field names here are the file format; keep
//! `docs/scenario-format.md` in step with any change.

use serde::{Deserialize, Serialize};

use crate::model::{Channel, Difficulty, Outcome, StartMood, Weekday};

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

/// Weights, pass marks and the constants of the scoring rules. Everything has a default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawScoring {
    pub weights: RawWeights,
    pub pass: RawPass,
    pub baseline: RawBaseline,
    pub target_secs: u32,
    pub late_points_per_sec: u32,
    pub max_late_points: u32,
    pub delay_points_per_hour: u32,
    pub max_delay_points: u32,
    pub promise_kept: i32,
    pub promise_broken: i32,
    pub promise_open_at_end: i32,
    /// On public channels: the onlookers end warmer than they started (they saw it fixed).
    pub public_loop_closed: i32,
    /// On public channels: the onlookers end colder than they started.
    pub public_loop_open: i32,
}

impl Default for RawScoring {
    fn default() -> Self {
        Self {
            weights: RawWeights::default(),
            pass: RawPass::default(),
            baseline: RawBaseline::default(),
            target_secs: 15,
            late_points_per_sec: 1,
            max_late_points: 20,
            delay_points_per_hour: 5,
            max_delay_points: 60,
            promise_kept: 15,
            promise_broken: -25,
            promise_open_at_end: -20,
            public_loop_closed: 10,
            public_loop_open: -10,
        }
    }
}

/// Weight of each dimension in the overall score (0 to 10).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawWeights {
    pub speed: f32,
    pub empathy: f32,
    pub follow_through: f32,
}

impl Default for RawWeights {
    fn default() -> Self {
        Self {
            speed: 1.0,
            empathy: 1.0,
            follow_through: 1.0,
        }
    }
}

/// Pass marks, 0 to 100.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawPass {
    pub overall: i32,
    pub speed: i32,
    pub empathy: i32,
    pub follow_through: i32,
}

impl Default for RawPass {
    fn default() -> Self {
        Self {
            overall: 70,
            speed: 60,
            empathy: 60,
            follow_through: 60,
        }
    }
}

/// Where each dimension starts before the run's moments move it, 0 to 100.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawBaseline {
    pub speed: i32,
    pub empathy: i32,
    pub follow_through: i32,
}

impl Default for RawBaseline {
    fn default() -> Self {
        Self {
            speed: 100,
            empathy: 50,
            follow_through: 50,
        }
    }
}
