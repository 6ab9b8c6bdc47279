//! A validated curriculum: steps resolved to loaded scenarios and shifts, prerequisites to
//! step indices.

use std::sync::Arc;

use crate::model::{PerDimension, Scenario};
use crate::shift::Shift;

/// A step's place in its curriculum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StepId(pub usize);

/// What a step plays.
#[derive(Debug, Clone)]
pub enum Activity {
    Scenario(Arc<Scenario>),
    Shift(Arc<Shift>),
}

impl Activity {
    pub fn title(&self) -> &str {
        match self {
            Activity::Scenario(s) => &s.title,
            Activity::Shift(s) => &s.title,
        }
    }

    /// The scenario or shift id.
    pub fn id(&self) -> &str {
        match self {
            Activity::Scenario(s) => s.id.as_str(),
            Activity::Shift(s) => s.id.as_str(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Step {
    pub key: String,
    pub activity: Activity,
    pub minutes: u32,
    /// Needed in each dimension (scenario steps).
    pub pass: PerDimension<i32>,
    pub requires: Vec<StepId>,
}

#[derive(Debug, Clone)]
pub struct Curriculum {
    pub id: crate::names::CurriculumId,
    pub title: String,
    pub summary: String,
    pub steps: Vec<Step>,
    pub content_hash: String,
}

impl Curriculum {
    pub fn step(&self, id: StepId) -> &Step {
        &self.steps[id.0]
    }

    pub fn ids(&self) -> impl Iterator<Item = StepId> + use<> {
        (0..self.steps.len()).map(StepId)
    }

    /// Estimated minutes for the whole curriculum.
    pub fn minutes(&self) -> u32 {
        self.steps.iter().map(|s| s.minutes).sum()
    }
}
