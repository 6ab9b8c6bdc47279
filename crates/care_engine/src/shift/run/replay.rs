//! What drives a shift, recorded as it is played, and the replay that rebuilds the same shift
//! from it after a crash: the clock's moves and the answers, with each typed reply's verdict so
//! that a replay never asks a judge again.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::rubric::Verdict;
use crate::run::{Input, RunError};

use super::super::model::{CustomerId, Shift};
use super::{ShiftError, ShiftRun};

/// One thing that drove a shift, in the order it happened.
///
/// Consecutive moves of the clock are kept as one (moving to 10 s then to 20 s is the same as
/// moving to 20 s at once: customers arrive and act alone in the order they are due either
/// way), and the move just before an answer is kept in the answer's `at_ms`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ShiftInput {
    /// The clock moved on to `t_ms` after the shift's start ([`ShiftRun::advance_to`]).
    AdvanceTo { t_ms: u64 },
    /// The trainee answered a customer `at_ms` after the shift's start ([`ShiftRun::answer`]);
    /// the clock moves on to `at_ms` first.
    Answer {
        /// The customer's stable name ([`Shift::customer_key`]).
        customer: String,
        at_ms: u64,
        /// As the customer's run recorded it: a choice by its shown position.
        input: Input,
        /// For a choice: the response as written in the scenario (0-based), which a replay
        /// takes wherever it is shown.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        response: Option<usize>,
        /// For a typed reply: the verdict it got, reused by a replay.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        verdict: Option<Verdict>,
    },
    /// The rest of the shift happened with no more answers ([`ShiftRun::finish`]).
    Finish,
}

impl ShiftRun {
    /// Everything that drove this run so far, in order: with the shift and the seed, enough for
    /// [`ShiftRun::replay`] to rebuild it. Save it after every answer to resume after a crash.
    pub fn inputs(&self) -> &[ShiftInput] {
        &self.inputs
    }

    /// Rebuilds the run that `inputs` (from [`ShiftRun::inputs`]) drove on `shift` with `seed`:
    /// the same log, transcripts, clock, waiting customers and triage. Typed replies take their
    /// recorded verdicts; no judge is asked. (A typed reply without a verdict, which a recording
    /// has only when the reply came too late to count, is judged by keywords.)
    ///
    /// Inputs that do not fit the shift are refused: a customer it does not have
    /// ([`ShiftError::UnknownCustomer`]), an answer to a customer who is not waiting
    /// ([`ShiftError::NotArrived`], [`ShiftError::NotWaiting`]), a choice not offered
    /// ([`ShiftError::Run`]), an answer before the clock's time ([`ShiftError::ClockWentBack`]).
    pub fn replay(
        shift: Arc<Shift>,
        seed: u64,
        inputs: &[ShiftInput],
    ) -> Result<ShiftRun, ShiftError> {
        let (mut run, _) = ShiftRun::start(shift, seed);
        for input in inputs {
            run.replay_one(input)?;
        }
        Ok(run)
    }

    /// [`ShiftRun::replay`] of a checkpoint saved with the shift's [`Shift::content_hash`]
    /// `saved_hash`: refused with [`ShiftError::Changed`] when the shift file or one of its
    /// scenarios has changed since, as the inputs may no longer mean the same.
    pub fn resume(
        shift: Arc<Shift>,
        saved_hash: &str,
        seed: u64,
        inputs: &[ShiftInput],
    ) -> Result<ShiftRun, ShiftError> {
        if shift.content_hash != saved_hash {
            return Err(ShiftError::Changed {
                shift: shift.id.clone(),
            });
        }
        ShiftRun::replay(shift, seed, inputs)
    }

    fn replay_one(&mut self, input: &ShiftInput) -> Result<(), ShiftError> {
        match input {
            ShiftInput::AdvanceTo { t_ms } => {
                self.advance_to(*t_ms);
            }
            ShiftInput::Finish => {
                self.finish();
            }
            ShiftInput::Answer {
                customer,
                at_ms,
                input,
                response,
                verdict,
            } => {
                let c = self.shift.customer_by_key(customer).ok_or_else(|| {
                    ShiftError::UnknownCustomer {
                        key: customer.clone(),
                        shift: self.shift.id.clone(),
                    }
                })?;
                if *at_ms < self.now_ms {
                    return Err(ShiftError::ClockWentBack {
                        at_ms: *at_ms,
                        now_ms: self.now_ms,
                    });
                }
                self.advance_to(*at_ms);
                let input = self.shown(c, input, *response)?;
                self.answer_as(c, input, verdict.clone())?;
            }
        }
        Ok(())
    }

    /// `input` with a recorded choice moved to where its response is shown now.
    fn shown(
        &self,
        c: CustomerId,
        input: &Input,
        response: Option<usize>,
    ) -> Result<Input, ShiftError> {
        let (Input::Choice(_), Some(r)) = (input, response) else {
            return Ok(input.clone());
        };
        let label = || self.shift.customer(c).label.clone();
        let run = self.run(c).ok_or_else(|| ShiftError::NotArrived(label()))?;
        if run.is_finished() {
            return Err(ShiftError::NotWaiting(label()));
        }
        run.shown_position(r)
            .map(Input::Choice)
            .ok_or(ShiftError::Run(RunError::NoSuchChoice {
                choice: r + 1,
                offered: run.choices_offered(),
            }))
    }

    /// Records a move of the clock that changed something.
    pub(super) fn record_advance(&mut self, t_ms: u64) {
        if let Some(ShiftInput::AdvanceTo { t_ms: last }) = self.inputs.last_mut() {
            *last = (*last).max(t_ms);
        } else {
            self.inputs.push(ShiftInput::AdvanceTo { t_ms });
        }
    }

    /// Records the answer customer `c`'s run has just taken, as that run recorded it.
    pub(super) fn record_answer(&mut self, c: CustomerId) {
        let Some(answer) = self.run(c).and_then(|r| r.transcript().answers.last()) else {
            return;
        };
        let recorded = ShiftInput::Answer {
            customer: self.shift.customer_key(c),
            at_ms: self.now_ms,
            input: answer.input.clone(),
            response: answer.response,
            verdict: answer.verdict.clone(),
        };
        // Replaying the answer moves the clock to `at_ms` first, as that move did.
        if matches!(self.inputs.last(), Some(ShiftInput::AdvanceTo { t_ms }) if *t_ms == self.now_ms)
        {
            self.inputs.pop();
        }
        self.inputs.push(recorded);
    }
}
