//! `ScenarioRun`: the state machine of one play. It takes answers and returns events; it draws nothing.

use std::sync::Arc;

use thiserror::Error;

use crate::clock::SimTime;
use crate::ids::{BeatId, NodeId};
use crate::model::Scenario;
use crate::order::ChoiceOrder;
use crate::persona::Persona;
mod answer;
mod consequences;
mod flow;
mod reply;

use crate::judge::{Judge, ReplyRequest};
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
}
