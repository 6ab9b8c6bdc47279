//! `ScenarioRun`: the state machine of one play. It takes answers and returns events; it draws nothing.

use std::sync::Arc;

use thiserror::Error;

use crate::clock::SimTime;
use crate::ids::{BeatId, NodeId};
use crate::model::{Scenario, Step};
use crate::order::ChoiceOrder;
use crate::persona::Persona;
mod consequences;
mod reply;

use crate::judge::{Judge, KeywordJudge, ReplyRequest};
use crate::rubric::Verdict;

/// Where a typed reply's verdict comes from.
enum Verdicts<'a> {
    From(&'a dyn Judge),
    Given(Verdict),
}

pub use crate::transcript::{Answer, Answered, Event, Input, Mark, MarkKind, Moment, Transcript};

/// Beats a run may pass through before it is stopped as going round in circles.
pub const MAX_BEATS_PER_RUN: u32 = 500;

/// Whom a step's delay keeps waiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Waiting {
    /// The customer waits for the trainee's reply to reach them.
    ForReply,
    /// The customer waits with no answer at all.
    Unanswered,
}

/// An answer the run cannot take.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RunError {
    #[error("the scenario has ended; no more answers are taken")]
    Ended,
    #[error("choice {choice} is not offered here: there are {offered} choices, numbered from 1")]
    NoSuchChoice { choice: usize, offered: usize },
    #[error("this moment takes no typed reply; pick one of the choices")]
    NoTypedReply,
    #[error("the reply is {len} characters long; this moment takes at most {max}")]
    ReplyTooLong { len: usize, max: u32 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PromiseState {
    NotMade,
    Open { due: Option<SimTime> },
    Kept,
    Broken,
}

/// Where a run begins: the customer's mood, the flags set, and the simulated clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartState {
    pub mood: i32,
    /// One per scenario flag, in `Scenario::flags` order.
    pub flags: Vec<bool>,
    pub clock: SimTime,
}

impl StartState {
    /// The state a scenario starts in.
    pub fn of(scenario: &Scenario) -> StartState {
        StartState {
            mood: scenario.customer.mood,
            flags: vec![false; scenario.flags.len()],
            clock: scenario.clock.start,
        }
    }
}

/// One play of a scenario.
#[derive(Debug, Clone)]
pub struct ScenarioRun {
    scenario: Arc<Scenario>,
    /// The beat waiting for an answer, or `None` once ended.
    at: Option<BeatId>,
    /// Response indexes offered at the current beat, in the order shown.
    offered: Vec<usize>,
    order: ChoiceOrder,
    mood: i32,
    sentiment: i32,
    flags: Vec<bool>,
    promises: Vec<PromiseState>,
    clock: SimTime,
    now_ms: u64,
    last_reply_points: i32,
    /// Keys of the rubric entries the last typed reply met.
    last_met: Vec<String>,
    beats_entered: u32,
    transcript: Transcript,
}

impl ScenarioRun {
    /// Starts a run with its choices shuffled; the same scenario, seed and answers always give
    /// the same run.
    pub fn start(scenario: Arc<Scenario>, seed: u64) -> (ScenarioRun, Vec<Event>) {
        ScenarioRun::start_in_order(scenario, seed, ChoiceOrder::Shuffled)
    }

    /// Starts a run whose choices are shown in `order`.
    pub fn start_in_order(
        scenario: Arc<Scenario>,
        seed: u64,
        order: ChoiceOrder,
    ) -> (ScenarioRun, Vec<Event>) {
        let state = StartState::of(&scenario);
        let beat = scenario.start;
        ScenarioRun::begin(scenario, seed, beat, state, order)
    }

    /// Starts a run at `beat` with a chosen state, for trying one part of a scenario (author
    /// mode). Flags beyond the scenario's are ignored; missing ones are unset.
    pub fn start_at(
        scenario: Arc<Scenario>,
        seed: u64,
        beat: BeatId,
        state: StartState,
    ) -> (ScenarioRun, Vec<Event>) {
        ScenarioRun::begin(scenario, seed, beat, state, ChoiceOrder::Shuffled)
    }

    fn begin(
        scenario: Arc<Scenario>,
        seed: u64,
        beat: BeatId,
        state: StartState,
        order: ChoiceOrder,
    ) -> (ScenarioRun, Vec<Event>) {
        let persona = Persona::draw(&scenario, seed);
        let transcript = Transcript {
            order,
            scenario_id: scenario.id.clone(),
            scenario_version: scenario.version,
            content_hash: scenario.content_hash.clone(),
            seed,
            persona,
            answers: Vec::new(),
            moments: Vec::new(),
            marks: Vec::new(),
        };
        let mut flags = state.flags;
        flags.resize(scenario.flags.len(), false);
        let mut run = ScenarioRun {
            mood: state.mood,
            sentiment: scenario.audience.as_ref().map_or(0, |a| a.sentiment),
            flags,
            promises: vec![PromiseState::NotMade; scenario.promises.len()],
            clock: state.clock,
            at: None,
            offered: Vec::new(),
            order,
            now_ms: 0,
            last_reply_points: 0,
            last_met: Vec::new(),
            beats_entered: 0,
            transcript,
            scenario,
        };
        let from = run.transcript.moments.len();
        run.go(NodeId::Beat(beat));
        let events = run.events_since(from);
        (run, events)
    }

    /// Replays recorded answers on `scenario`, returning the run as far as they go.
    ///
    /// Choices are replayed by the response they took, typed replies with the verdict they got,
    /// so the replay ends where the original did. Answers recorded before choices were
    /// shuffled (a choice without its response) replay in written order.
    pub fn replay(
        scenario: Arc<Scenario>,
        seed: u64,
        answers: &[Answer],
    ) -> Result<ScenarioRun, RunError> {
        let legacy = answers
            .iter()
            .any(|a| matches!(a.input, Input::Choice(_)) && a.response.is_none());
        let order = if legacy {
            ChoiceOrder::Written
        } else {
            ChoiceOrder::Shuffled
        };
        let (mut run, _) = ScenarioRun::start_in_order(scenario, seed, order);
        for a in answers {
            let input = match (&a.input, a.response) {
                (Input::Choice(_), Some(r)) => {
                    let offered = run.offered.len();
                    Input::Choice(run.shown_position(r).ok_or(RunError::NoSuchChoice {
                        choice: r + 1,
                        offered,
                    })?)
                }
                (input, _) => input.clone(),
            };
            match &a.verdict {
                Some(v) => run.answer_judged(input, a.after_ms, v.clone())?,
                None => run.answer(input, a.after_ms)?,
            };
        }
        Ok(run)
    }

    /// How this run orders its choices.
    pub fn order(&self) -> ChoiceOrder {
        self.order
    }

    /// Where the response written `response`-th (0-based) in the current beat is shown, if it
    /// is offered now.
    pub fn shown_position(&self, response: usize) -> Option<usize> {
        self.offered.iter().position(|&r| r == response)
    }

    pub fn scenario(&self) -> &Arc<Scenario> {
        &self.scenario
    }

    pub fn persona(&self) -> &Persona {
        &self.transcript.persona
    }

    pub fn transcript(&self) -> &Transcript {
        &self.transcript
    }

    pub fn into_transcript(self) -> Transcript {
        self.transcript
    }

    pub fn is_finished(&self) -> bool {
        self.at.is_none()
    }

    /// The beat waiting for an answer.
    pub fn current_beat(&self) -> Option<BeatId> {
        self.at
    }

    /// How many choices are offered now.
    pub fn choices_offered(&self) -> usize {
        self.offered.len()
    }

    /// The response indexes behind the offered choices, in the order shown.
    pub fn offered_responses(&self) -> &[usize] {
        &self.offered
    }

    /// Whether a typed reply is taken now.
    pub fn takes_typed(&self) -> bool {
        self.at
            .is_some_and(|b| self.scenario.beat(b).typed.is_some())
    }

    pub fn mood(&self) -> i32 {
        self.mood
    }

    pub fn sentiment(&self) -> i32 {
        self.sentiment
    }

    pub fn clock(&self) -> SimTime {
        self.clock
    }

    /// Real milliseconds since the start, as reported by the answers.
    pub fn elapsed_ms(&self) -> u64 {
        self.now_ms
    }

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

    fn events_since(&self, from: usize) -> Vec<Event> {
        self.transcript.moments[from..]
            .iter()
            .map(|m| m.event.clone())
            .collect()
    }

    fn emit(&mut self, event: Event) -> usize {
        self.transcript.moments.push(Moment {
            at_ms: self.now_ms,
            clock: self.clock,
            event,
        });
        self.transcript.moments.len() - 1
    }

    fn mark(&mut self, moment: usize, kind: MarkKind) {
        self.transcript.marks.push(Mark { moment, kind });
    }

    fn advance_real(&mut self, ms: u64) {
        let before = self.now_ms / 1000;
        self.now_ms += ms;
        self.clock = self.clock.plus_secs(self.now_ms / 1000 - before);
    }

    fn effects_mark(&mut self, moment: usize, step: &Step, why: String) {
        let e = step.effects;
        if e.speed != 0 || e.empathy != 0 || e.follow_through != 0 {
            self.mark(moment, MarkKind::Effect { effects: e, why });
        }
    }

    /// Applies a step's consequences, then moves to where it leads.
    fn take(&mut self, step: &Step, waiting: Waiting) {
        self.apply(step, Some(waiting));
        let next = self.next_of(step);
        self.go(next);
    }

    /// Where a step leads from the current state: the first branch that holds, else `next`.
    fn next_of(&self, step: &Step) -> NodeId {
        step.branches
            .iter()
            .find(|b| self.holds(&b.when))
            .map_or(step.next, |b| b.next)
    }

    fn go(&mut self, mut node: NodeId) {
        loop {
            let beat_id = match node {
                NodeId::Ending(e) => return self.end(Some(e)),
                NodeId::Beat(b) => b,
            };
            self.beats_entered += 1;
            if self.beats_entered > MAX_BEATS_PER_RUN {
                return self.end(None);
            }
            let scenario = Arc::clone(&self.scenario);
            let beat = scenario.beat(beat_id);
            let p = self.persona().clone();
            self.emit(Event::BeatStarted {
                beat: beat_id,
                key: beat.key.clone(),
            });
            let narration = beat.narration.render(&p);
            if !narration.is_empty() {
                self.emit(Event::Narration { text: narration });
            }
            let says = beat.says.render(&p);
            if !says.is_empty() {
                self.emit(Event::CustomerSaid {
                    name: p.name.clone(),
                    text: says,
                });
            }
            for r in &beat.audience {
                if r.when.as_ref().is_none_or(|c| self.holds(c)) {
                    self.emit(Event::AudienceReacted {
                        who: r.who.render(&p),
                        text: r.says.render(&p),
                    });
                }
            }
            self.settle_promises(&beat.keeps, &beat.breaks);
            if beat.awaits_answer() {
                let eligible = (0..beat.responses.len())
                    .filter(|&i| {
                        beat.responses[i]
                            .when
                            .as_ref()
                            .is_none_or(|c| self.holds(c))
                    })
                    .collect();
                let seed = self.transcript.seed;
                self.offered =
                    crate::order::shown(beat, eligible, seed, self.beats_entered, self.order);
                let choices = self
                    .offered
                    .iter()
                    .map(|&i| beat.responses[i].text.render(&p))
                    .collect();
                self.emit(Event::AwaitingAnswer {
                    choices,
                    typed_prompt: beat.typed.as_ref().map(|t| t.prompt.render(&p)),
                    max_chars: beat.typed.as_ref().map_or(0, |t| t.max_chars),
                    target_secs: beat.target_secs,
                    wait_secs: beat.wait_secs,
                });
                self.at = Some(beat_id);
                return;
            }
            let Some(step) = beat.then.as_ref() else {
                // Validation requires `then` wherever nothing is awaited.
                return self.end(None);
            };
            let why = step.feedback.render(&p);
            let m = self.transcript.moments.len() - 1;
            self.effects_mark(m, step, why);
            // Pass-through beats loop here rather than recursing through `take`.
            self.apply(step, None);
            node = self.next_of(step);
        }
    }
}
