//! What a step does to a run: mood, audience, clock, flags, promises; conditions; the ending.

use std::sync::Arc;

use super::{Event, MarkKind, PromiseState, ScenarioRun, Waiting};
use crate::ids::{EndingId, PromiseId};
use crate::model::{Cond, Step};

impl ScenarioRun {
    /// A step's consequences: narration, mood, audience, clock, flags and promises.
    /// `waiting`: whether the customer waits through the step's delay (an answer's or a
    /// timeout's; it costs speed) or the story simply moves on (`then`).
    pub(super) fn apply(&mut self, step: &Step, waiting: Option<Waiting>) {
        let p = self.persona().clone();
        let narration = step.narration.render(&p);
        if !narration.is_empty() {
            self.emit(Event::Narration { text: narration });
        }
        if step.effects.mood != 0 {
            self.mood = (self.mood + step.effects.mood).clamp(-100, 100);
            self.emit(Event::MoodChanged {
                mood: self.mood,
                delta: step.effects.mood,
            });
        }
        if step.effects.audience != 0 && self.scenario.audience.is_some() {
            self.sentiment = (self.sentiment + step.effects.audience).clamp(-100, 100);
            self.emit(Event::AudienceChanged {
                sentiment: self.sentiment,
                delta: step.effects.audience,
            });
        }
        if step.delay_minutes > 0 {
            self.clock = self.clock.plus_minutes(step.delay_minutes);
            let m = self.emit(Event::ClockAdvanced {
                to: self.clock,
                minutes: step.delay_minutes,
            });
            if let Some(w) = waiting {
                let unanswered = w == Waiting::Unanswered;
                let minutes = step.delay_minutes;
                self.mark(
                    m,
                    MarkKind::Delay {
                        minutes,
                        unanswered,
                    },
                );
            }
        }
        for f in &step.set {
            self.flags[f.index()] = true;
        }
        for f in &step.clear {
            self.flags[f.index()] = false;
        }
        self.settle_promises(&step.keeps, &step.breaks);
        for &pr in &step.makes {
            if !matches!(self.promises[pr.index()], PromiseState::Open { .. }) {
                let due = self
                    .scenario
                    .promise(pr)
                    .due_minutes
                    .map(|m| self.clock.plus_minutes(m));
                self.promises[pr.index()] = PromiseState::Open { due };
                let text = self.scenario.promise(pr).text.render(&p);
                self.emit(Event::PromiseMade { promise: pr, text });
            }
        }
        self.check_overdue();
    }

    pub(super) fn settle_promises(&mut self, keeps: &[PromiseId], breaks: &[PromiseId]) {
        for (list, kept) in [(keeps, true), (breaks, false)] {
            for &pr in list {
                if matches!(self.promises[pr.index()], PromiseState::Open { .. }) {
                    self.settle(pr, kept, false);
                }
            }
        }
    }

    fn settle(&mut self, pr: PromiseId, kept: bool, overdue: bool) {
        let text = self.scenario.promise(pr).text.render(self.persona());
        self.promises[pr.index()] = if kept {
            PromiseState::Kept
        } else {
            PromiseState::Broken
        };
        let (event, kind) = if kept {
            (
                Event::PromiseKept {
                    promise: pr,
                    text: text.clone(),
                },
                MarkKind::PromiseKept { text },
            )
        } else {
            (
                Event::PromiseBroken {
                    promise: pr,
                    text: text.clone(),
                    overdue,
                },
                MarkKind::PromiseBroken { text, overdue },
            )
        };
        let m = self.emit(event);
        self.mark(m, kind);
    }

    fn check_overdue(&mut self) {
        for i in 0..self.promises.len() {
            if let PromiseState::Open { due: Some(due) } = self.promises[i]
                && self.clock > due
            {
                self.settle(PromiseId::from_index(i), false, true);
            }
        }
    }

    pub(super) fn end(&mut self, ending: Option<EndingId>) {
        self.at = None;
        self.offered.clear();
        for i in 0..self.promises.len() {
            if matches!(self.promises[i], PromiseState::Open { .. }) {
                let text = self.scenario.promises[i].text.render(self.persona());
                let m = self.emit(Event::PromiseLeftOpen {
                    promise: PromiseId::from_index(i),
                    text: text.clone(),
                });
                self.mark(m, MarkKind::PromiseOpen { text });
            }
        }
        let scenario = Arc::clone(&self.scenario);
        let (key, outcome, text, effects) = match ending {
            Some(e) => {
                let e2 = scenario.ending(e);
                (
                    e2.key.clone(),
                    e2.outcome,
                    e2.text.render(self.persona()),
                    e2.effects,
                )
            }
            None => (
                String::new(),
                crate::model::Outcome::Lost,
                crate::texts::step_limit().to_owned(),
                crate::resolve::default_ending_effects(crate::model::Outcome::Lost),
            ),
        };
        let m = self.emit(Event::Ended {
            ending,
            key,
            outcome,
            text,
        });
        if ending.is_none() {
            self.mark(m, MarkKind::StepLimit);
        }
        self.mark(m, MarkKind::Ending { outcome, effects });
        if let Some(a) = &self.scenario.audience {
            let from = a.sentiment;
            self.mark(
                m,
                MarkKind::PublicLoop {
                    from,
                    to: self.sentiment,
                },
            );
        }
    }

    /// Whether a condition holds now.
    pub fn holds(&self, c: &Cond) -> bool {
        match c {
            Cond::MoodAtLeast(v) => self.mood >= *v,
            Cond::MoodBelow(v) => self.mood < *v,
            Cond::AudienceAtLeast(v) => self.sentiment >= *v,
            Cond::AudienceBelow(v) => self.sentiment < *v,
            Cond::Flag(f) => self.flags[f.index()],
            Cond::NotFlag(f) => !self.flags[f.index()],
            Cond::PromiseOpen(p) => matches!(self.promises[p.index()], PromiseState::Open { .. }),
            Cond::AnyPromiseOpen => self
                .promises
                .iter()
                .any(|p| matches!(p, PromiseState::Open { .. })),
            Cond::NoPromiseOpen => !self
                .promises
                .iter()
                .any(|p| matches!(p, PromiseState::Open { .. })),
            Cond::OpenHours => self.scenario.clock.is_open(self.clock),
            Cond::OutsideHours => !self.scenario.clock.is_open(self.clock),
            Cond::ReplyAtLeast(v) => self.last_reply_points >= *v,
            Cond::Met(key) => self.last_met.iter().any(|k| k == key),
            Cond::All(list) => list.iter().all(|c| self.holds(c)),
            Cond::Any(list) => list.iter().any(|c| self.holds(c)),
            Cond::Not(inner) => !self.holds(inner),
        }
    }
}
