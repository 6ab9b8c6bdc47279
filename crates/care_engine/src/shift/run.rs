//! `ShiftRun`: several scenario runs live at once on one clock. Customers arrive, wait, and act
//! on their own when nobody answers in time; the trainee answers one at a time. Deterministic for
//! a seed and the same inputs at the same times. It returns events and draws nothing.

use std::sync::Arc;

use crate::clock::SimTime;
use crate::model::Outcome;
use crate::run::{Event, Input, RunError, ScenarioRun};
use crate::transcript::Transcript;

use super::model::{CustomerId, Priority, Shift};

mod replay;

pub use replay::ShiftInput;

/// What happened in the shift, with the customer it concerns.
#[derive(Debug, Clone, PartialEq)]
pub enum ShiftEvent {
    Arrived {
        customer: CustomerId,
    },
    /// Something from the customer's own scenario.
    Scenario {
        customer: CustomerId,
        event: Event,
    },
    /// The trainee answered after the customer had waited `waited_ms`; `others` were waiting too.
    Served {
        customer: CustomerId,
        waited_ms: u64,
        others: Vec<Waiting>,
    },
    /// Nobody answered in time, so the customer acted on their own.
    ActedAlone {
        customer: CustomerId,
        waited_ms: u64,
    },
    Finished {
        customer: CustomerId,
        outcome: Outcome,
    },
}

/// An event and when it happened, in milliseconds since the shift started.
#[derive(Debug, Clone, PartialEq)]
pub struct ShiftMoment {
    pub at_ms: u64,
    pub event: ShiftEvent,
}

/// A customer waiting for an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Waiting {
    pub customer: CustomerId,
    pub priority: Priority,
    /// How long they have waited for this answer.
    pub waited_ms: u64,
    /// How long until they act on their own.
    pub patience_left_ms: u64,
}

impl Waiting {
    /// Patience left, from 1 (just asked) to 0 (about to act alone).
    pub fn patience(&self) -> f32 {
        self.patience_left_ms as f32 / (self.waited_ms + self.patience_left_ms).max(1) as f32
    }
}

/// Where a customer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CustomerState {
    NotArrived { in_ms: u64 },
    Waiting(Waiting),
    Done(Outcome),
}

/// An answer the shift cannot take.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShiftError {
    #[error("there is no customer {0} in this shift")]
    NoSuchCustomer(usize),
    #[error("{0} has not arrived yet")]
    NotArrived(String),
    #[error("{0} is not waiting for an answer")]
    NotWaiting(String),
    #[error(
        "the checkpoint answers customer `{key}`, who is not in shift `{shift}`; the shift was \
         edited since it was saved, so start it again"
    )]
    UnknownCustomer {
        key: String,
        shift: crate::names::ShiftId,
    },
    #[error(
        "the checkpoint answers at {at_ms} ms, after the shift's clock had reached {now_ms} ms; \
         its inputs are out of order, so start the shift again"
    )]
    ClockWentBack { at_ms: u64, now_ms: u64 },
    #[error(
        "shift `{shift}` or one of its scenarios has changed since the checkpoint was saved; \
         it cannot be resumed, so start the shift again"
    )]
    Changed { shift: crate::names::ShiftId },
    #[error(transparent)]
    Run(#[from] RunError),
}

struct Slot {
    run: Option<ScenarioRun>,
    /// When the current beat started waiting for an answer.
    since_ms: u64,
}

/// One play of a shift.
pub struct ShiftRun {
    shift: Arc<Shift>,
    seed: u64,
    now_ms: u64,
    arrivals: Vec<u64>,
    slots: Vec<Slot>,
    log: Vec<ShiftMoment>,
    /// What drove the run, for checkpoints ([`ShiftRun::inputs`]).
    inputs: Vec<ShiftInput>,
}

/// Seeds of the customers' runs, spread from the shift's seed.
fn customer_seed(seed: u64, i: usize) -> u64 {
    seed.wrapping_add((i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

impl ShiftRun {
    /// Starts the shift at 0 ms; customers due then arrive at once.
    pub fn start(shift: Arc<Shift>, seed: u64) -> (ShiftRun, Vec<ShiftMoment>) {
        let arrivals = shift.arrivals(seed);
        let slots = shift
            .customers
            .iter()
            .map(|_| Slot {
                run: None,
                since_ms: 0,
            })
            .collect();
        let mut run = ShiftRun {
            shift,
            seed,
            now_ms: 0,
            arrivals,
            slots,
            log: Vec::new(),
            inputs: Vec::new(),
        };
        let events = run.advance(0);
        (run, events)
    }

    pub fn shift(&self) -> &Arc<Shift> {
        &self.shift
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Milliseconds since the shift started.
    pub fn now_ms(&self) -> u64 {
        self.now_ms
    }

    /// The simulated clock: the shift's start plus the time played.
    pub fn clock(&self) -> SimTime {
        self.shift.starts.plus_secs(self.now_ms / 1000)
    }

    /// Everything that happened, in order.
    pub fn log(&self) -> &[ShiftMoment] {
        &self.log
    }

    /// The customer's scenario run, once they have arrived.
    pub fn run(&self, c: CustomerId) -> Option<&ScenarioRun> {
        self.slots.get(c.0).and_then(|s| s.run.as_ref())
    }

    /// The customer's transcript so far.
    pub fn transcript(&self, c: CustomerId) -> Option<&Transcript> {
        self.run(c).map(ScenarioRun::transcript)
    }

    pub fn arrival_ms(&self, c: CustomerId) -> u64 {
        self.arrivals[c.0]
    }

    /// Every customer has arrived and finished.
    pub fn is_finished(&self) -> bool {
        self.slots
            .iter()
            .all(|s| s.run.as_ref().is_some_and(ScenarioRun::is_finished))
    }

    fn wait_limit_ms(run: &ScenarioRun) -> Option<u64> {
        let beat = run.current_beat()?;
        Some(u64::from(run.scenario().beat(beat).wait_secs) * 1000)
    }

    pub fn state(&self, c: CustomerId) -> CustomerState {
        let slot = &self.slots[c.0];
        let Some(run) = &slot.run else {
            return CustomerState::NotArrived {
                in_ms: self.arrivals[c.0].saturating_sub(self.now_ms),
            };
        };
        if let Some(outcome) = run.transcript().ending().map(|(o, _)| o) {
            return CustomerState::Done(outcome);
        }
        match Self::wait_limit_ms(run) {
            Some(limit) => {
                let waited = self.now_ms.saturating_sub(slot.since_ms);
                CustomerState::Waiting(Waiting {
                    customer: c,
                    priority: self.shift.customer(c).priority,
                    waited_ms: waited,
                    patience_left_ms: limit.saturating_sub(waited),
                })
            }
            // A run that neither awaits an answer nor has ended was stopped (a step limit).
            None => CustomerState::Done(Outcome::Lost),
        }
    }

    /// Everyone waiting for an answer, longest first.
    pub fn waiting(&self) -> Vec<Waiting> {
        let mut out: Vec<Waiting> = self
            .shift
            .ids()
            .filter_map(|c| match self.state(c) {
                CustomerState::Waiting(w) => Some(w),
                _ => None,
            })
            .collect();
        out.sort_by(|a, b| {
            b.waited_ms
                .cmp(&a.waited_ms)
                .then(a.customer.cmp(&b.customer))
        });
        out
    }

    /// When the next thing happens on its own (an arrival or a customer's patience running
    /// out), if anything still will.
    pub fn next_due_ms(&self) -> Option<u64> {
        self.slots
            .iter()
            .enumerate()
            .filter_map(|(i, slot)| match &slot.run {
                None => Some(self.arrivals[i]),
                Some(run) if !run.is_finished() => {
                    Self::wait_limit_ms(run).map(|limit| slot.since_ms + limit)
                }
                Some(_) => None,
            })
            .min()
    }

    /// Moves the clock to `t_ms` (never back), letting customers arrive and act on their own in
    /// the order they are due.
    pub fn advance_to(&mut self, t_ms: u64) -> Vec<ShiftMoment> {
        let before = (self.now_ms, self.log.len());
        let moments = self.advance(t_ms);
        if (self.now_ms, self.log.len()) != before {
            self.record_advance(t_ms);
        }
        moments
    }

    fn advance(&mut self, t_ms: u64) -> Vec<ShiftMoment> {
        let from = self.log.len();
        while let Some(due) = self.next_due_ms().filter(|d| *d <= t_ms) {
            self.now_ms = self.now_ms.max(due);
            let Some(i) = self.first_due_at(due) else {
                break;
            };
            if self.slots[i].run.is_none() {
                self.arrive(CustomerId(i));
            } else {
                self.act_alone(CustomerId(i));
            }
        }
        self.now_ms = self.now_ms.max(t_ms);
        self.log[from..].to_vec()
    }

    fn first_due_at(&self, due: u64) -> Option<usize> {
        self.slots.iter().enumerate().find_map(|(i, slot)| {
            let at = match &slot.run {
                None => Some(self.arrivals[i]),
                Some(run) if !run.is_finished() => {
                    Self::wait_limit_ms(run).map(|limit| slot.since_ms + limit)
                }
                Some(_) => None,
            };
            (at == Some(due)).then_some(i)
        })
    }

    fn push(&mut self, event: ShiftEvent) {
        self.log.push(ShiftMoment {
            at_ms: self.now_ms,
            event,
        });
    }

    fn push_run_events(&mut self, c: CustomerId, events: Vec<Event>) {
        for event in events {
            let ended = match &event {
                Event::Ended { outcome, .. } => Some(*outcome),
                _ => None,
            };
            self.push(ShiftEvent::Scenario { customer: c, event });
            if let Some(outcome) = ended {
                self.push(ShiftEvent::Finished {
                    customer: c,
                    outcome,
                });
            }
        }
    }

    fn arrive(&mut self, c: CustomerId) {
        let scenario = Arc::clone(&self.shift.customer(c).scenario);
        let (run, events) = ScenarioRun::start(scenario, customer_seed(self.seed, c.0));
        self.slots[c.0] = Slot {
            run: Some(run),
            since_ms: self.now_ms,
        };
        self.push(ShiftEvent::Arrived { customer: c });
        self.push_run_events(c, events);
    }

    fn act_alone(&mut self, c: CustomerId) {
        let now = self.now_ms;
        let slot = &mut self.slots[c.0];
        let waited = now.saturating_sub(slot.since_ms);
        let Some(run) = slot.run.as_mut() else {
            return;
        };
        // A timeout is always a valid input while a run awaits an answer.
        let events = run.answer(Input::Timeout, waited).unwrap_or_default();
        slot.since_ms = now;
        self.push(ShiftEvent::ActedAlone {
            customer: c,
            waited_ms: waited,
        });
        self.push_run_events(c, events);
    }

    /// The trainee's answer to customer `c`, now.
    pub fn answer(&mut self, c: CustomerId, input: Input) -> Result<Vec<ShiftMoment>, ShiftError> {
        self.answer_as(c, input, None)
    }

    /// Answers customer `c` with the verdict a judge already gave a typed reply (judged off the
    /// frame); `verdict` is ignored for other inputs.
    pub fn answer_judged(
        &mut self,
        c: CustomerId,
        input: Input,
        verdict: crate::rubric::Verdict,
    ) -> Result<Vec<ShiftMoment>, ShiftError> {
        self.answer_as(c, input, Some(verdict))
    }

    fn answer_as(
        &mut self,
        c: CustomerId,
        input: Input,
        verdict: Option<crate::rubric::Verdict>,
    ) -> Result<Vec<ShiftMoment>, ShiftError> {
        if c.0 >= self.slots.len() {
            return Err(ShiftError::NoSuchCustomer(c.0 + 1));
        }
        let label = self.shift.customer(c).label.clone();
        let waiting = match self.state(c) {
            CustomerState::Waiting(w) => w,
            CustomerState::NotArrived { .. } => return Err(ShiftError::NotArrived(label)),
            CustomerState::Done(_) => return Err(ShiftError::NotWaiting(label)),
        };
        let others: Vec<Waiting> = self
            .waiting()
            .into_iter()
            .filter(|w| w.customer != c)
            .collect();
        let now = self.now_ms;
        let slot = &mut self.slots[c.0];
        let run = slot.run.as_mut().ok_or(ShiftError::NotArrived(label))?;
        let events = match verdict {
            Some(v) => run.answer_judged(input, waiting.waited_ms, v)?,
            None => run.answer(input, waiting.waited_ms)?,
        };
        slot.since_ms = now;
        self.record_answer(c);
        let from = self.log.len();
        self.push(ShiftEvent::Served {
            customer: c,
            waited_ms: waiting.waited_ms,
            others,
        });
        self.push_run_events(c, events);
        Ok(self.log[from..].to_vec())
    }

    /// Lets the rest of the shift happen with no more answers, until every customer is done.
    pub fn finish(&mut self) -> Vec<ShiftMoment> {
        let from = self.log.len();
        let before = self.now_ms;
        while let Some(due) = self.next_due_ms() {
            self.advance(due);
        }
        if (self.now_ms, self.log.len()) != (before, from) {
            self.inputs.push(ShiftInput::Finish);
        }
        self.log[from..].to_vec()
    }
}
