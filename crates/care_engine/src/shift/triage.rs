//! Scoring a shift: each customer's run is scored as usual, and **triage** scores the order of
//! work: who was left to act alone, urgent or public cases passed over for routine ones, the
//! longest waiter ignored, and promises due at the same time to different customers.

use crate::model::Outcome;
use crate::run::Event;
use crate::scoring::{ScoreCard, score};

use super::model::{CustomerId, Priority, Shift};
use super::run::{ShiftEvent, ShiftRun};

/// A moment that cost triage points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriageReason {
    pub at_ms: u64,
    pub customer: CustomerId,
    pub points: i32,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Triage {
    /// 0 to 100.
    pub score: i32,
    pub pass_mark: i32,
    pub passed: bool,
    pub reasons: Vec<TriageReason>,
}

/// One customer in the shift's debrief.
#[derive(Debug, Clone)]
pub struct CustomerResult {
    pub customer: CustomerId,
    pub label: String,
    pub priority: Priority,
    pub arrived_ms: u64,
    pub card: ScoreCard,
    pub outcome: Option<Outcome>,
    /// Total time spent waiting for answers.
    pub waited_ms: u64,
    pub longest_wait_ms: u64,
    /// Times nobody answered and they acted alone.
    pub acted_alone: u32,
}

/// The whole debrief of a shift.
#[derive(Debug, Clone)]
pub struct ShiftResult {
    pub customers: Vec<CustomerResult>,
    pub triage: Triage,
}

fn secs(ms: u64) -> u64 {
    ms.div_ceil(1000)
}

/// The triage score of what happened in `run`.
pub fn triage(run: &ShiftRun) -> Triage {
    let shift: &Shift = run.shift();
    let rules = shift.triage;
    let label = |c: CustomerId| shift.customer(c).label.clone();
    let mut reasons = Vec::new();
    let mut promises: Vec<(u64, CustomerId, String, u64)> = Vec::new();
    for m in run.log() {
        match &m.event {
            ShiftEvent::ActedAlone {
                customer,
                waited_ms,
            } => {
                let p = shift.customer(*customer).priority;
                reasons.push(TriageReason {
                    at_ms: m.at_ms,
                    customer: *customer,
                    points: -rules.alone(p),
                    text: format!(
                        "Nobody answered {} ({}) for {} s, so they acted on their own.",
                        label(*customer),
                        p.word(),
                        secs(*waited_ms)
                    ),
                });
            }
            ShiftEvent::Served {
                customer,
                waited_ms,
                others,
            } => {
                let mine = shift.customer(*customer).priority;
                let passed_over = others
                    .iter()
                    .filter(|o| o.priority > mine && o.waited_ms >= rules.notice_ms)
                    .max_by_key(|o| (o.priority, o.waited_ms));
                let ignored = others
                    .iter()
                    .filter(|o| {
                        o.priority >= mine
                            && o.waited_ms >= 2 * rules.notice_ms
                            && o.waited_ms > 2 * waited_ms
                    })
                    .max_by_key(|o| o.waited_ms);
                if let Some(o) = passed_over {
                    reasons.push(TriageReason {
                        at_ms: m.at_ms,
                        customer: o.customer,
                        points: -rules.passed_over,
                        text: format!(
                            "You answered {} ({}) while {} ({}) had waited {} s.",
                            label(*customer),
                            mine.word(),
                            label(o.customer),
                            o.priority.word(),
                            secs(o.waited_ms)
                        ),
                    });
                } else if let Some(o) = ignored {
                    reasons.push(TriageReason {
                        at_ms: m.at_ms,
                        customer: o.customer,
                        points: -rules.longest_ignored,
                        text: format!(
                            "You answered {} while {} had waited {} s, longer than anyone.",
                            label(*customer),
                            label(o.customer),
                            secs(o.waited_ms)
                        ),
                    });
                }
            }
            ShiftEvent::Scenario {
                customer,
                event: Event::PromiseMade { promise, text },
            } => {
                let due = run
                    .run(*customer)
                    .and_then(|r| r.scenario().promises.get(promise.0 as usize))
                    .and_then(|p| p.due_minutes);
                if let Some(due) = due {
                    let due_at = m.at_ms / 60_000 + u64::from(due);
                    promises.push((m.at_ms, *customer, text.clone(), due_at));
                }
            }
            _ => {}
        }
    }
    for (i, a) in promises.iter().enumerate() {
        for b in &promises[i + 1..] {
            if a.1 != b.1 && a.3.abs_diff(b.3) < rules.collision_minutes {
                reasons.push(TriageReason {
                    at_ms: b.0,
                    customer: b.1,
                    points: -rules.collision,
                    text: format!(
                        "You promised {} \u{201c}{}\u{201d} for about the same time as {} \u{201c}{}\u{201d}: one of them will wait.",
                        label(b.1),
                        b.2,
                        label(a.1),
                        a.2
                    ),
                });
            }
        }
    }
    reasons.sort_by_key(|r| r.at_ms);
    let total: i32 = reasons.iter().map(|r| r.points).sum();
    let score = (100 + total).clamp(0, 100);
    Triage {
        score,
        pass_mark: shift.pass_mark,
        passed: score >= shift.pass_mark,
        reasons,
    }
}

/// Each customer's score card and waits, and the triage score.
pub fn result(run: &ShiftRun) -> ShiftResult {
    let shift = run.shift();
    let customers = shift
        .ids()
        .map(|c| {
            let spec = shift.customer(c);
            let (mut waited, mut longest, mut alone) = (0, 0, 0);
            for m in run.log() {
                match &m.event {
                    ShiftEvent::Served {
                        customer,
                        waited_ms,
                        ..
                    } if *customer == c => {
                        waited += waited_ms;
                        longest = longest.max(*waited_ms);
                    }
                    ShiftEvent::ActedAlone {
                        customer,
                        waited_ms,
                    } if *customer == c => {
                        waited += waited_ms;
                        longest = longest.max(*waited_ms);
                        alone += 1;
                    }
                    _ => {}
                }
            }
            let transcript = run.transcript(c);
            CustomerResult {
                customer: c,
                label: spec.label.clone(),
                priority: spec.priority,
                arrived_ms: run.arrival_ms(c),
                card: transcript.map_or_else(
                    || score(&spec.scenario.scoring, &empty_transcript(run, c)),
                    |t| score(&spec.scenario.scoring, t),
                ),
                outcome: transcript.and_then(|t| t.ending().map(|(o, _)| o)),
                waited_ms: waited,
                longest_wait_ms: longest,
                acted_alone: alone,
            }
        })
        .collect();
    ShiftResult {
        customers,
        triage: triage(run),
    }
}

/// The transcript of a customer who never arrived (the shift ended first).
fn empty_transcript(run: &ShiftRun, c: CustomerId) -> crate::transcript::Transcript {
    let scenario = std::sync::Arc::clone(&run.shift().customer(c).scenario);
    crate::run::ScenarioRun::start(scenario, 0)
        .0
        .into_transcript()
}
