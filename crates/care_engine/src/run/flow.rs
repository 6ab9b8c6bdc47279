//! Moving through the story: entering beats (narration, lines, onlookers, the choices offered),
//! following steps and branches, and recording moments and marks on the transcript.

use std::sync::Arc;

use super::{Event, MAX_BEATS_PER_RUN, Mark, MarkKind, Moment, ScenarioRun, Waiting};
use crate::ids::NodeId;
use crate::model::Step;

impl ScenarioRun {
    pub(super) fn events_since(&self, from: usize) -> Vec<Event> {
        self.transcript.moments[from..]
            .iter()
            .map(|m| m.event.clone())
            .collect()
    }

    pub(super) fn emit(&mut self, event: Event) -> usize {
        self.transcript.moments.push(Moment {
            at_ms: self.now_ms,
            clock: self.clock,
            event,
        });
        self.transcript.moments.len() - 1
    }

    pub(super) fn mark(&mut self, moment: usize, kind: MarkKind) {
        self.transcript.marks.push(Mark { moment, kind });
    }

    pub(super) fn advance_real(&mut self, ms: u64) {
        let before = self.now_ms / 1000;
        self.now_ms += ms;
        self.clock = self.clock.plus_secs(self.now_ms / 1000 - before);
    }

    pub(super) fn effects_mark(&mut self, moment: usize, step: &Step, why: String) {
        let e = step.effects;
        if e.speed != 0 || e.empathy != 0 || e.follow_through != 0 {
            self.mark(moment, MarkKind::Effect { effects: e, why });
        }
    }

    /// Applies a step's consequences, then moves to where it leads.
    pub(super) fn take(&mut self, step: &Step, waiting: Waiting) {
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

    pub(super) fn go(&mut self, mut node: NodeId) {
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
