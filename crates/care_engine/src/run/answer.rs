//! Taking the trainee's answer: a choice, a typed reply (judged, or with a verdict given) or no
//! answer in time; checked, recorded with its reaction time and feedback, then followed.

use std::sync::Arc;

use super::{Answer, Answered, Event, Input, MarkKind, RunError, ScenarioRun, Verdicts, Waiting};
use crate::judge::{Judge, KeywordJudge, ReplyRequest};
use crate::model::Step;
use crate::rubric::Verdict;

impl ScenarioRun {
    /// Gives the trainee's answer, `after_ms` after the beat started waiting; a typed reply is
    /// judged by keywords ([`KeywordJudge`]).
    pub fn answer(&mut self, input: Input, after_ms: u64) -> Result<Vec<Event>, RunError> {
        self.answer_with(input, after_ms, &KeywordJudge)
    }

    /// Gives the trainee's answer; a typed reply is judged by `judge`.
    pub fn answer_with(
        &mut self,
        input: Input,
        after_ms: u64,
        judge: &dyn Judge,
    ) -> Result<Vec<Event>, RunError> {
        self.take_answer(input, after_ms, Verdicts::From(judge))
    }

    /// Gives the trainee's answer with the verdict a judge already gave a typed reply (judged
    /// off the frame, or recorded with an earlier run); `verdict` is ignored for other inputs.
    pub fn answer_judged(
        &mut self,
        input: Input,
        after_ms: u64,
        verdict: Verdict,
    ) -> Result<Vec<Event>, RunError> {
        self.take_answer(input, after_ms, Verdicts::Given(verdict))
    }

    /// What a judge needs to judge `reply` at the current beat, or `None` when no typed reply
    /// is taken now.
    pub fn reply_request(&self) -> Option<ReplyRequest> {
        let beat = self.scenario.beat(self.at?);
        let typed = beat.typed.as_ref()?;
        Some(ReplyRequest {
            scenario: Arc::clone(&self.scenario),
            rubric: typed.rubric,
            persona: self.persona().clone(),
        })
    }

    fn take_answer(
        &mut self,
        input: Input,
        after_ms: u64,
        verdicts: Verdicts<'_>,
    ) -> Result<Vec<Event>, RunError> {
        let beat_id = self.at.ok_or(RunError::Ended)?;
        let scenario = Arc::clone(&self.scenario);
        let beat = scenario.beat(beat_id);
        match &input {
            Input::Choice(c) if *c >= self.offered.len() => {
                return Err(RunError::NoSuchChoice {
                    choice: c + 1,
                    offered: self.offered.len(),
                });
            }
            Input::Typed(t) => {
                let typed = beat.typed.as_ref().ok_or(RunError::NoTypedReply)?;
                let len = t.chars().count();
                if len > typed.max_chars as usize {
                    return Err(RunError::ReplyTooLong {
                        len,
                        max: typed.max_chars,
                    });
                }
            }
            _ => {}
        }
        let mut recorded = Answer::new(input.clone(), after_ms);
        if let Input::Choice(c) = input {
            recorded.response = Some(self.offered[c]);
        }
        self.transcript.answers.push(recorded);
        let from = self.transcript.moments.len();
        let wait_ms = u64::from(beat.wait_secs) * 1000;
        let late = !matches!(input, Input::Timeout) && after_ms > wait_ms;
        let counted_ms = if matches!(input, Input::Timeout) || late {
            wait_ms
        } else {
            after_ms
        };
        self.advance_real(counted_ms);
        if late {
            self.emit(Event::TooLate {
                after_ms,
                wait_secs: beat.wait_secs,
            });
        }
        let who = self.persona().name.clone();
        let step = match input {
            Input::Timeout => None,
            _ if late => None,
            Input::Choice(c) => {
                let response = self.offered[c];
                let r = &beat.responses[response];
                let text = r.text.render(self.persona());
                let answer = Answered::Choice {
                    index: c,
                    response,
                    text: text.clone(),
                };
                let (m, why) = self.record_answer(answer, &r.step, after_ms, beat.target_secs);
                self.effects_mark(m, &r.step, if why.is_empty() { text } else { why });
                Some(&r.step)
            }
            Input::Typed(text) => {
                let typed = beat.typed.as_ref().ok_or(RunError::NoTypedReply)?;
                let answer = Answered::Typed { text: text.clone() };
                let (m, why) = self.record_answer(answer, &typed.step, after_ms, beat.target_secs);
                self.score_reply(m, typed.rubric, &text, verdicts);
                self.effects_mark(m, &typed.step, why);
                Some(&typed.step)
            }
        };
        let answered = step.is_some();
        let step = match step {
            Some(s) => s,
            None => {
                let feedback = beat
                    .on_timeout
                    .as_ref()
                    .map(|s| s.feedback.render(self.persona()))
                    .unwrap_or_default();
                let m = self.emit(Event::Answered {
                    answer: Answered::Timeout,
                    after_ms: counted_ms,
                    feedback,
                });
                self.mark(
                    m,
                    MarkKind::NoAnswer {
                        wait_secs: beat.wait_secs,
                        who,
                    },
                );
                let Some(step) = beat.on_timeout.as_ref() else {
                    // Validation requires `on_timeout` wherever an answer is awaited.
                    return Ok(self.events_since(from));
                };
                let why = step.feedback.render(self.persona());
                let why = if why.is_empty() {
                    step.narration.render(self.persona())
                } else {
                    why
                };
                self.effects_mark(m, step, why);
                step
            }
        };
        let waiting = if answered {
            Waiting::ForReply
        } else {
            Waiting::Unanswered
        };
        self.take(step, waiting);
        Ok(self.events_since(from))
    }

    /// Records an answer with its feedback and reaction time; returns its moment and the feedback.
    fn record_answer(
        &mut self,
        answer: Answered,
        step: &Step,
        after_ms: u64,
        target_secs: u32,
    ) -> (usize, String) {
        let feedback = step.feedback.render(self.persona());
        let m = self.emit(Event::Answered {
            answer,
            after_ms,
            feedback: feedback.clone(),
        });
        let who = self.persona().name.clone();
        self.mark(
            m,
            MarkKind::Reaction {
                after_ms,
                target_secs,
                who,
            },
        );
        (m, feedback)
    }
}
