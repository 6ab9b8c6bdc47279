//! The shift file as written (`*.shift.ron`): serde types that mirror it, scenarios named by id.

use serde::Deserialize;

use crate::model::Weekday;

/// A shift: customers arriving over time, each playing a scenario.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename = "Shift", deny_unknown_fields)]
pub struct RawShift {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// What the shift teaches about triage.
    pub lesson: String,
    /// When the shift starts on the simulated clock.
    pub starts: RawStart,
    /// Seed for arrivals drawn at random and for the customers' names.
    #[serde(default = "one")]
    pub seed: u64,
    pub customers: Vec<RawCustomer>,
    /// The triage score needed to pass (0–100).
    #[serde(default = "default_pass")]
    pub pass_mark: i32,
    /// What each triage slip costs (default: the usual costs).
    #[serde(default)]
    pub triage: RawTriage,
}

/// The triage costs a shift may set; every field has the usual value by default.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawTriage {
    /// Points lost when a routine customer is left to act alone.
    pub routine_alone: i32,
    /// Points lost when a public customer (a post, a review) is left to act alone.
    pub public_alone: i32,
    /// Points lost when an urgent customer is left to act alone.
    pub urgent_alone: i32,
    /// Points lost for answering someone less pressing while an urgent or public customer waits.
    pub passed_over: i32,
    /// Points lost for answering someone while another has waited more than twice as long.
    pub longest_ignored: i32,
    /// Seconds of waiting after which a customer counts as kept waiting.
    pub notice_secs: u32,
    /// Points lost for promising two customers the same time.
    pub collision: i32,
    /// Promises to different customers due within this many simulated minutes collide.
    pub collision_minutes: u32,
}

impl Default for RawTriage {
    fn default() -> RawTriage {
        let d = super::model::TriageRules::default();
        RawTriage {
            routine_alone: d.routine_alone,
            public_alone: d.public_alone,
            urgent_alone: d.urgent_alone,
            passed_over: d.passed_over,
            longest_ignored: d.longest_ignored,
            notice_secs: u32::try_from(d.notice_ms / 1000).unwrap_or(u32::MAX),
            collision: d.collision,
            collision_minutes: u32::try_from(d.collision_minutes).unwrap_or(u32::MAX),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStart {
    pub day: Weekday,
    /// "HH:MM", 24-hour.
    pub time: String,
}

/// One customer of the shift.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCustomer {
    /// The scenario this customer plays (its id).
    pub scenario: String,
    pub arrives: RawArrival,
    /// How the queue names them, e.g. "Elderly shopper by the door" (default: the scenario's
    /// title).
    #[serde(default)]
    pub label: Option<String>,
    /// How much waiting costs (default: `Public` on public channels, `Routine` elsewhere).
    #[serde(default)]
    pub priority: Option<RawPriority>,
}

/// When a customer arrives, in seconds after the shift starts.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub enum RawArrival {
    At(u32),
    /// Drawn from the shift's seed, between the two (inclusive).
    Between(u32, u32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum RawPriority {
    /// Harm grows by the minute (an outage, a safety issue).
    Urgent,
    /// Others are watching: what is left unanswered is seen.
    Public,
    Routine,
}

fn one() -> u64 {
    1
}

fn default_pass() -> i32 {
    60
}
