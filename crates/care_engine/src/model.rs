//! The validated scenario: what the runtime plays. Built only by [`crate::resolve`], so every id in
//! it points at something that exists.

use serde::{Deserialize, Serialize};

use crate::clock::Clock;
use crate::ids::{BeatId, FlagId, NodeId, PromiseId, RubricId};
use crate::template::Template;

/// Where the conversation happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Channel {
    InStore,
    Phone,
    Email,
    LiveChat,
    /// A public post with its comment thread.
    SocialPost,
    /// A private or direct message.
    DirectMessage,
    ReviewSite,
}

impl Channel {
    pub const ALL: [Channel; 7] = [
        Channel::InStore,
        Channel::Phone,
        Channel::Email,
        Channel::LiveChat,
        Channel::SocialPost,
        Channel::DirectMessage,
        Channel::ReviewSite,
    ];

    /// The channel's name on the command line, e.g. `in-store`.
    pub fn slug(self) -> &'static str {
        match self {
            Channel::InStore => "in-store",
            Channel::Phone => "phone",
            Channel::Email => "email",
            Channel::LiveChat => "live-chat",
            Channel::SocialPost => "social-post",
            Channel::DirectMessage => "direct-message",
            Channel::ReviewSite => "review-site",
        }
    }

    /// The channel named `slug`.
    pub fn from_slug(slug: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.slug() == slug)
    }

    /// Whether onlookers see what happens.
    pub fn is_public(self) -> bool {
        matches!(self, Channel::SocialPost | Channel::ReviewSite)
    }
}

#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Difficulty {
    #[default]
    Beginner,
    Intermediate,
    Advanced,
}

impl Difficulty {
    pub const ALL: [Difficulty; 3] = [
        Difficulty::Beginner,
        Difficulty::Intermediate,
        Difficulty::Advanced,
    ];
}

/// How a scenario ended for the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Outcome {
    Resolved,
    WonBack,
    Lost,
    Escalated,
    GoneViral,
}

impl Outcome {
    /// Whether the customer's problem was solved at the end.
    pub fn is_resolved(self) -> bool {
        matches!(self, Outcome::Resolved | Outcome::WonBack)
    }
}

/// The customer's mood when the scenario starts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum StartMood {
    Furious,
    Angry,
    Upset,
    #[default]
    Neutral,
    Content,
    Delighted,
}

impl StartMood {
    /// The mood on the -100..=100 scale.
    pub fn value(self) -> i32 {
        match self {
            StartMood::Furious => -80,
            StartMood::Angry => -50,
            StartMood::Upset => -25,
            StartMood::Neutral => 0,
            StartMood::Content => 30,
            StartMood::Delighted => 70,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// 0 for Monday.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// A scored dimension.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Dimension {
    Speed,
    #[default]
    Empathy,
    FollowThrough,
}

impl Dimension {
    pub const ALL: [Dimension; 3] = [
        Dimension::Speed,
        Dimension::Empathy,
        Dimension::FollowThrough,
    ];

    pub fn index(self) -> usize {
        self as usize
    }
}

/// A value per dimension.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PerDimension<T> {
    pub speed: T,
    pub empathy: T,
    pub follow_through: T,
}

impl<T: Copy> PerDimension<T> {
    pub fn get(&self, d: Dimension) -> T {
        *self.get_ref(d)
    }
}

impl<T> PerDimension<T> {
    pub fn get_ref(&self, d: Dimension) -> &T {
        match d {
            Dimension::Speed => &self.speed,
            Dimension::Empathy => &self.empathy,
            Dimension::FollowThrough => &self.follow_through,
        }
    }

    pub fn get_mut(&mut self, d: Dimension) -> &mut T {
        match d {
            Dimension::Speed => &mut self.speed,
            Dimension::Empathy => &mut self.empathy,
            Dimension::FollowThrough => &mut self.follow_through,
        }
    }
}

/// A validated, playable scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub id: String,
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
    /// Flag names, indexed by [`FlagId`].
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

#[derive(Debug, Clone, PartialEq)]
pub struct Ending {
    pub key: String,
    pub outcome: Outcome,
    pub text: Template,
    pub effects: Effects,
}

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
