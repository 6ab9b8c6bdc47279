//! The scenario's vocabulary: channel, difficulty, outcome, starting mood, weekday, the scored
//! dimensions, and a value per dimension.

use serde::{Deserialize, Serialize};

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
