//! How typed replies are judged: the [`Judge`] trait that a run asks, what it is given, and the
//! keyword judge that needs no model. The meaning judge, with its sentence model, lives in a
//! crate of its own and implements the same trait.

use std::sync::Arc;

use crate::ids::RubricId;
use crate::model::{Rubric, Scenario};
use crate::persona::Persona;
use crate::rubric::{Verdict, evaluate};

/// Everything a judge needs besides the reply: the scenario, which rubric, and the customer.
#[derive(Debug, Clone)]
pub struct ReplyRequest {
    pub scenario: Arc<Scenario>,
    pub rubric: RubricId,
    pub persona: Persona,
}

impl ReplyRequest {
    pub fn rubric(&self) -> &Rubric {
        self.scenario.rubric(self.rubric)
    }
}

/// Judges a typed reply against its rubric. The same judge, request and reply must always give
/// the same verdict; a run records the verdict, so a replay never asks again.
pub trait Judge: Send + Sync {
    fn judge(&self, request: &ReplyRequest, reply: &str) -> Verdict;
}

/// Judges by words and phrases (stemmed, typo-tolerant, aware of negation).
#[derive(Debug, Clone, Copy, Default)]
pub struct KeywordJudge;

impl Judge for KeywordJudge {
    fn judge(&self, request: &ReplyRequest, reply: &str) -> Verdict {
        evaluate(
            request.rubric(),
            reply,
            &request.persona,
            request.scenario.language.stemmer,
        )
    }
}
