//! A validated shift: its customers resolved to loaded scenarios, with typed indices.

use std::sync::Arc;

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sha2::{Digest, Sha256};

use crate::clock::SimTime;
use crate::model::Scenario;

/// A customer's place in the shift's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CustomerId(pub usize);

/// How much a customer's waiting costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Priority {
    Routine,
    /// Others are watching.
    Public,
    /// Harm grows by the minute.
    Urgent,
}

impl Priority {
    pub fn word(self) -> &'static str {
        match self {
            Priority::Routine => "routine",
            Priority::Public => "public",
            Priority::Urgent => "urgent",
        }
    }
}

/// When a customer arrives, in milliseconds after the shift starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrival {
    At(u64),
    /// Drawn between the two (inclusive) from the run's seed.
    Between(u64, u64),
}

#[derive(Debug, Clone)]
pub struct ShiftCustomer {
    pub scenario: Arc<Scenario>,
    pub arrives: Arrival,
    pub label: String,
    pub priority: Priority,
}

/// What each triage slip costs in a shift, in points off 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TriageRules {
    pub routine_alone: i32,
    pub public_alone: i32,
    pub urgent_alone: i32,
    /// Answering someone less pressing while an urgent or public customer had waited `notice_ms`.
    pub passed_over: i32,
    /// Answering someone while another had waited more than twice as long and `2 * notice_ms`.
    pub longest_ignored: i32,
    pub notice_ms: u64,
    /// Promises to two customers due within `collision_minutes` of each other.
    pub collision: i32,
    pub collision_minutes: u64,
}

impl Default for TriageRules {
    fn default() -> TriageRules {
        TriageRules {
            routine_alone: 6,
            public_alone: 12,
            urgent_alone: 15,
            passed_over: 8,
            longest_ignored: 4,
            notice_ms: 15_000,
            collision: 8,
            collision_minutes: 5,
        }
    }
}

impl TriageRules {
    /// Points lost when a customer of priority `p` is left to act alone.
    pub fn alone(&self, p: Priority) -> i32 {
        match p {
            Priority::Routine => self.routine_alone,
            Priority::Public => self.public_alone,
            Priority::Urgent => self.urgent_alone,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Shift {
    pub id: crate::names::ShiftId,
    pub title: String,
    pub summary: String,
    pub lesson: String,
    pub starts: SimTime,
    pub seed: u64,
    pub customers: Vec<ShiftCustomer>,
    pub pass_mark: i32,
    /// What each triage slip costs.
    pub triage: TriageRules,
    /// Hex SHA-256 of the file's bytes and of every customer's scenario (see
    /// [`Shift::hash_with_scenarios`]): it changes when the shift file or any of its
    /// conversations changes, so a checkpoint of an edited shift is refused.
    pub content_hash: String,
}

impl Shift {
    pub fn customer(&self, id: CustomerId) -> &ShiftCustomer {
        &self.customers[id.0]
    }

    /// The customer's stable name in checkpoints: the id of the scenario they play, as written
    /// in the file, followed by `#2`, `#3`... for the second and later customers playing the
    /// same scenario.
    pub fn customer_key(&self, id: CustomerId) -> String {
        let scenario = &self.customers[id.0].scenario.id;
        let nth = self.customers[..id.0]
            .iter()
            .filter(|c| c.scenario.id == *scenario)
            .count();
        if nth == 0 {
            scenario.to_string()
        } else {
            format!("{scenario}#{}", nth + 1)
        }
    }

    /// The customer named `key` (see [`Shift::customer_key`]).
    pub fn customer_by_key(&self, key: &str) -> Option<CustomerId> {
        self.ids().find(|&c| self.customer_key(c) == key)
    }

    /// Hex SHA-256 of a shift file's own hash and the content hash of each customer's scenario,
    /// in order.
    pub fn hash_with_scenarios<'a>(
        file_hash: &str,
        scenarios: impl IntoIterator<Item = &'a Scenario>,
    ) -> String {
        let mut hasher = Sha256::new();
        hasher.update(b"care shift\n");
        hasher.update(file_hash.as_bytes());
        for s in scenarios {
            hasher.update(b"\n");
            hasher.update(s.id.as_str().as_bytes());
            hasher.update(b" ");
            hasher.update(s.content_hash.as_bytes());
        }
        hex::encode(hasher.finalize())
    }

    pub fn ids(&self) -> impl Iterator<Item = CustomerId> + use<> {
        (0..self.customers.len()).map(CustomerId)
    }

    /// Each customer's arrival for `seed`, in milliseconds after the start.
    pub fn arrivals(&self, seed: u64) -> Vec<u64> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        self.customers
            .iter()
            .map(|c| match c.arrives {
                Arrival::At(ms) => ms,
                Arrival::Between(a, b) => rng.random_range(a..=b),
            })
            .collect()
    }
}
