//! One synthetic beat: what is said, its onlookers and timers, its responses, typed reply, and
//! the step taken on a timeout or straight away.

use rand::RngExt;

use super::words::*;
use super::{Gen, beat_id};
use crate::raw::{RawBeat, RawBranch, RawCond, RawReaction, RawResponse, RawStep, RawTyped};

impl Gen {
    fn response(&mut self, i: usize, n: usize, next: Option<String>) -> RawResponse {
        let text = self.text(&RESPONSES);
        let when = (next.is_none() && self.chance(0.1)).then(|| self.cond(0));
        let effects = self.effects();
        let delay = self.delay(0.1);
        let makes = self.promises(0.15);
        let keeps = self.promises(0.15);
        let breaks = self.promises(0.04);
        let set = self.flags_set(0.25);
        let clear = self.flags_cleared(0.04);
        let feedback = self.maybe_text(0.7, &FEEDBACK);
        let next = match next {
            Some(n) => n,
            None => self.target(i, n, true),
        };
        let branches = self.branches(0.2, i, n, true);
        RawResponse {
            text,
            pin: None,
            when,
            effects,
            delay,
            makes,
            keeps,
            breaks,
            set,
            clear,
            feedback,
            next,
            branches,
        }
    }

    fn typed(&mut self, i: usize, n: usize) -> RawTyped {
        let prompt = self.text(&PROMPTS);
        let rubric = (self.has_rubric && self.chance(0.5)).then(|| RUBRIC.to_owned());
        let max_chars = self.pick(&[120, 280, 600]);
        let effects = self.effects();
        let delay = self.delay(0.05);
        let makes = self.promises(0.1);
        let keeps = self.promises(0.1);
        let set = self.flags_set(0.2);
        let feedback = self.maybe_text(0.5, &FEEDBACK);
        let next = self.target(i, n, true);
        let branches = if self.chance(0.5) {
            vec![RawBranch {
                when: RawCond::ReplyAtLeast(self.rng.random_range(5..=30)),
                next: self.target(i, n, true),
            }]
        } else {
            Vec::new()
        };
        RawTyped {
            prompt,
            rubric,
            max_chars,
            effects,
            delay,
            makes,
            keeps,
            breaks: Vec::new(),
            set,
            clear: Vec::new(),
            feedback,
            next,
            branches,
        }
    }

    /// A timeout or pass-through step whose `next` is `next`.
    fn step(&mut self, i: usize, n: usize, next: String, back: bool) -> RawStep {
        RawStep {
            narration: self.maybe_text(0.8, &TIMEOUT),
            effects: self.effects(),
            delay: self.delay(0.05),
            keeps: self.promises(0.05),
            breaks: self.promises(0.05),
            set: self.flags_set(0.1),
            clear: self.flags_cleared(0.03),
            feedback: self.maybe_text(0.4, &FEEDBACK),
            next,
            branches: self.branches(0.1, i, n, back),
        }
    }

    pub(super) fn beat(&mut self, i: usize, n: usize, target_default: u32) -> RawBeat {
        let last = i + 1 == n;
        let narration = self.maybe_text(0.6, &NARRATION);
        let says = if narration.is_empty() || self.chance(0.7) {
            self.text(&SAYS)
        } else {
            String::new()
        };
        let audience = if self.public && self.chance(0.3) {
            (0..self.rng.random_range(1..=2))
                .map(|_| RawReaction {
                    who: self.text(&["@sam_k", "@bright_fan", "@local_news", "a regular"]),
                    says: self.text(&[
                        "Same thing happened to me.",
                        "Wow, still no answer?",
                        "They sorted mine quickly.",
                    ]),
                    when: self.chance(0.3).then(|| self.cond(0)),
                })
                .collect()
        } else {
            Vec::new()
        };
        let keeps = self.promises(0.08);
        let breaks = self.promises(0.03);
        let target_secs = self.chance(0.5).then(|| self.rng.random_range(3..=30));
        let target = target_secs.unwrap_or(target_default);
        let wait_secs = self
            .chance(0.5)
            .then(|| self.rng.random_range(target..=target + 60));
        let mut beat = RawBeat {
            id: beat_id(i),
            narration,
            says,
            audience,
            keeps,
            breaks,
            target_secs,
            wait_secs,
            responses: Vec::new(),
            typed: None,
            on_timeout: None,
            then: None,
        };
        if !last && self.chance(0.12) {
            // A pass-through beat: forward edges only, so `then` steps never loop.
            let next = self.chain(i, n);
            beat.then = Some(self.step(i, n, next, false));
            return beat;
        }
        if last {
            // One response per ending, so every ending is reachable.
            let endings = self.endings.clone();
            beat.responses = endings
                .iter()
                .map(|e| self.response(i, n, Some((*e).to_owned())))
                .collect();
        } else {
            let count = self.rng.random_range(1..=4);
            beat.responses = (0..count).map(|_| self.response(i, n, None)).collect();
        }
        if self.chance(0.25) {
            beat.typed = Some(self.typed(i, n));
        }
        let next = if last {
            self.lost.to_owned()
        } else {
            beat_id(i + 1)
        };
        beat.on_timeout = Some(self.step(i, n, next, true));
        beat
    }
}
