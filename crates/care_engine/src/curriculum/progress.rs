//! Where a trainee stands in a curriculum, worked out from their plays: each step passed, open
//! (with its tries and since when) or locked behind its prerequisites; and whether an open step
//! has them stuck.

use crate::model::{Dimension, PerDimension};
use crate::names::{ScenarioId, ShiftId};

use super::model::{Activity, Curriculum, Step, StepId};

/// What a finished play was of, and how it went.
#[derive(Debug, Clone, PartialEq)]
pub enum Played {
    /// A scenario, with its scores.
    Scenario {
        id: ScenarioId,
        scores: PerDimension<i32>,
    },
    /// A rush-hour shift, with its triage verdict.
    Shift { id: ShiftId, passed: bool },
}

impl Played {
    /// Whether this is a play of `activity` (a scenario and a shift never match, whatever their
    /// ids).
    pub fn is_of(&self, activity: &Activity) -> bool {
        match (self, activity) {
            (Played::Scenario { id, .. }, Activity::Scenario(s)) => *id == s.id,
            (Played::Shift { id, .. }, Activity::Shift(s)) => *id == s.id,
            _ => false,
        }
    }
}

/// One finished play of a scenario or shift.
#[derive(Debug, Clone, PartialEq)]
pub struct StepResult {
    pub played: Played,
    /// When it finished, in milliseconds since the Unix epoch.
    pub at_ms: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepStatus {
    /// Waiting for the steps it requires.
    Locked,
    /// Playable: tried `tries` times (none passed), open since `since_ms`.
    Open {
        tries: u32,
        since_ms: i64,
    },
    Passed {
        tries: u32,
        at_ms: i64,
    },
}

impl StepStatus {
    pub fn is_passed(self) -> bool {
        matches!(self, StepStatus::Passed { .. })
    }
}

/// When a curriculum with these step statuses was completed: when its last step was passed (not
/// when someone next looked), once every step is passed; `None` before that.
pub fn completed_at(statuses: &[StepStatus]) -> Option<i64> {
    statuses
        .iter()
        .map(|s| match s {
            StepStatus::Passed { at_ms, .. } => Some(*at_ms),
            _ => None,
        })
        .try_fold(None::<i64>, |latest, at| Some(latest.max(Some(at?))))
        .flatten()
}

/// Whether `r` passes `step`.
pub fn passes(step: &Step, r: &StepResult) -> bool {
    if !r.played.is_of(&step.activity) {
        return false;
    }
    match &r.played {
        Played::Scenario { scores, .. } => Dimension::ALL
            .iter()
            .all(|d| scores.get(*d) >= step.pass.get(*d)),
        Played::Shift { passed, .. } => *passed,
    }
}

/// Each step's status, from `results` (oldest first) since `start_ms`. A step counts the plays
/// made once it was open: from `start_ms`, or from when the last step it requires was passed.
pub fn progress(c: &Curriculum, results: &[StepResult], start_ms: i64) -> Vec<StepStatus> {
    let mut out: Vec<StepStatus> = Vec::with_capacity(c.steps.len());
    for step in &c.steps {
        // Requirements come earlier, so their status is known.
        let unlocked_at = step
            .requires
            .iter()
            .map(|r| match out[r.0] {
                StepStatus::Passed { at_ms, .. } => Some(at_ms),
                _ => None,
            })
            .try_fold(start_ms, |acc, at| at.map(|a| acc.max(a)));
        let Some(since) = unlocked_at else {
            out.push(StepStatus::Locked);
            continue;
        };
        let mut status = StepStatus::Open {
            tries: 0,
            since_ms: since,
        };
        let tries_of = results
            .iter()
            .filter(|r| r.at_ms >= since && r.played.is_of(&step.activity));
        for (n, r) in (1u32..).zip(tries_of) {
            if passes(step, r) {
                status = StepStatus::Passed {
                    tries: n,
                    at_ms: r.at_ms,
                };
                break;
            }
            status = StepStatus::Open {
                tries: n,
                since_ms: since,
            };
        }
        out.push(status);
    }
    out
}

/// The first open step, where the trainee is now (none when all passed or all locked).
pub fn current(statuses: &[StepStatus]) -> Option<StepId> {
    statuses
        .iter()
        .position(|s| matches!(s, StepStatus::Open { .. }))
        .map(StepId)
}

/// Why a trainee looks stuck on an open step: two failed tries or more, or more than twice the
/// estimated time on it.
pub fn stuck(step: &Step, status: StepStatus, now_ms: i64) -> Option<String> {
    let StepStatus::Open { tries, since_ms } = status else {
        return None;
    };
    if tries >= 2 {
        return Some(format!("{tries} tries without passing"));
    }
    let minutes = (now_ms - since_ms).max(0) / 60_000;
    (minutes > 2 * i64::from(step.minutes))
        .then(|| format!("{minutes} min on a step estimated at {} min", step.minutes))
}

#[cfg(test)]
mod completion_tests {
    use super::*;

    #[test]
    fn a_curriculum_is_completed_when_its_last_step_was_passed_and_not_before() {
        let passed = |at_ms| StepStatus::Passed { tries: 1, at_ms };
        assert_eq!(
            completed_at(&[passed(30), passed(90), passed(60)]),
            Some(90)
        );
        assert_eq!(
            completed_at(&[
                passed(30),
                StepStatus::Open {
                    tries: 2,
                    since_ms: 40
                }
            ]),
            None
        );
        assert_eq!(completed_at(&[passed(30), StepStatus::Locked]), None);
        assert_eq!(completed_at(&[]), None, "nothing to complete");
    }
}
