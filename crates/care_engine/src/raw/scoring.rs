//! The scoring rules as written: weights, pass marks, baselines and the constants, each with its
//! default.

use serde::{Deserialize, Serialize};

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
