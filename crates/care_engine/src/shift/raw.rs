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
