//! Scripted shifts (`care play --shift`): answers written down with the time they are given.
//!
//! ```ron
//! [
//!     (at: 4, customer: 2, answer: Choose(1)),   // 4 s into the shift, customer 2, first choice
//!     (at: 15.5, customer: 1, answer: Type("Hi Margaret, I'm sorry ...")),
//! ]
//! ```

use std::sync::Arc;

use serde::Deserialize;

use crate::run::{Input, ScenarioRun};

use super::model::{CustomerId, Shift};
use super::run::ShiftRun;

/// One written answer.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShiftStep {
    /// Seconds after the shift starts.
    pub at: f64,
    /// The customer's number in the queue, from 1.
    pub customer: usize,
    pub answer: StepAnswer,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub enum StepAnswer {
    /// The choice's number as shown, from 1.
    Choose(usize),
    Type(String),
}

/// Parses a shift answers file.
pub fn parse_steps(text: &str) -> Result<Vec<ShiftStep>, String> {
    crate::load::ron_options()
        .from_str(text)
        .map_err(|e| e.to_string())
}

/// Plays `steps` in order of time, then lets the shift run out. An answer that cannot be given
/// (a customer not waiting, a choice not offered) is an error naming the step.
pub fn play_shift(shift: &Arc<Shift>, seed: u64, steps: &[ShiftStep]) -> Result<ShiftRun, String> {
    play_shift_with(shift, seed, steps, &crate::judge::KeywordJudge)
}

/// [`play_shift`] with typed replies judged by `judge`.
pub fn play_shift_with(
    shift: &Arc<Shift>,
    seed: u64,
    steps: &[ShiftStep],
    judge: &dyn crate::judge::Judge,
) -> Result<ShiftRun, String> {
    let (mut run, _) = ShiftRun::start(Arc::clone(shift), seed);
    let mut ordered: Vec<(usize, &ShiftStep)> = steps.iter().enumerate().collect();
    ordered.sort_by(|a, b| a.1.at.total_cmp(&b.1.at));
    for (i, step) in ordered {
        #[expect(
            clippy::cast_possible_truncation,
            reason = "seconds made non-negative and rounded to whole milliseconds first; a float-to-integer cast saturates"
        )]
        let at_ms = (step.at.max(0.0) * 1000.0).round() as u64;
        run.advance_to(at_ms);
        let input = match &step.answer {
            StepAnswer::Choose(0) => {
                return Err(format!("step {}: choices are numbered from 1", i + 1));
            }
            StepAnswer::Choose(n) => Input::Choice(n - 1),
            StepAnswer::Type(t) => Input::Typed(t.clone()),
        };
        if step.customer == 0 || step.customer > shift.customers.len() {
            return Err(format!(
                "step {}: there is no customer {}; the shift has {} (numbered from 1)",
                i + 1,
                step.customer,
                shift.customers.len()
            ));
        }
        let c = CustomerId(step.customer - 1);
        let verdict = match &input {
            Input::Typed(text) => run
                .run(c)
                .and_then(ScenarioRun::reply_request)
                .map(|request| judge.judge(&request, text)),
            _ => None,
        };
        match verdict {
            Some(v) => run.answer_judged(c, input, v),
            None => run.answer(c, input),
        }
        .map_err(|e| format!("step {} (at {} s): {e}", i + 1, step.at))?;
    }
    run.finish();
    Ok(run)
}
