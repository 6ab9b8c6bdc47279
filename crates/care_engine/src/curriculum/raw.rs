//! The curriculum file as written (`*.curriculum.ron`).

use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename = "Curriculum", deny_unknown_fields)]
pub struct RawCurriculum {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub steps: Vec<RawStep>,
}

/// One step: a scenario or a shift.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStep {
    /// How other steps name this one in `requires`.
    pub id: String,
    #[serde(default)]
    pub scenario: Option<String>,
    #[serde(default)]
    pub shift: Option<String>,
    /// Estimated minutes (default: the scenario's own estimate, or 10 for a shift).
    #[serde(default)]
    pub minutes: Option<u32>,
    /// Score needed in each dimension (default 60); a shift step needs its triage pass mark.
    #[serde(default)]
    pub pass: Option<RawPass>,
    /// Steps to pass first (default: none; the first step is always open).
    #[serde(default)]
    pub requires: Vec<String>,
    /// The least difficulty the step's scenario must have (an assessment at Advanced).
    #[serde(default)]
    pub level: Option<crate::model::Difficulty>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPass {
    pub speed: i32,
    pub empathy: i32,
    pub follow_through: i32,
}
