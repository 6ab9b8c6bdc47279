//! Synthetic scenarios for benchmarks and property tests: valid graphs of any size, from a seed.
//!
//! [`scenario`] builds a [`RawScenario`] that loads without errors: every beat is reachable from
//! `start` along the `on_timeout` (or `then`) chain `b0 → b1 → … → bN-1`, the last beat's
//! responses lead to every ending, and pass-through beats only ever point forwards, so no loop
//! of `then` steps exists. Responses, typed replies and branches add forward jumps, endings and
//! back-edges on top of that chain; every cycle keeps its exit through the chain.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

mod words;

use words::*;

use crate::model::{Channel, Difficulty, Dimension, Outcome, StartMood, Weekday};
use crate::raw::{
    RawAudience, RawBeat, RawBranch, RawClock, RawCond, RawCustomer, RawEffects, RawEnding,
    RawMatcher, RawPass, RawPromise, RawReaction, RawResponse, RawRubric, RawRubricEntry,
    RawScenario, RawScoring, RawStep, RawTyped, RawVar, RawWeights,
};

/// A valid raw scenario of `beats` beats (at least one), the same for the same seed.
pub fn scenario(seed: u64, beats: usize) -> RawScenario {
    Gen::new(seed).scenario(seed, beats.max(1))
}

/// `raw` as RON text that loads back into an equal [`RawScenario`].
#[expect(
    clippy::expect_used,
    reason = "test support (feature `testing`): RON can write every raw scenario, and a test that cannot go on should stop"
)]
pub fn to_ron(raw: &RawScenario) -> String {
    ron::ser::to_string_pretty(raw, ron::ser::PrettyConfig::default())
        .expect("a raw scenario has only strings, numbers, lists and enums, which RON can write")
}

struct Gen {
    rng: ChaCha8Rng,
    /// Flags some step sets / some condition tests, by index into [`FLAGS`].
    set: [bool; FLAGS.len()],
    tested: [bool; FLAGS.len()],
    has_clock: bool,
    has_rubric: bool,
    public: bool,
    endings: Vec<&'static str>,
    /// The ending timeouts of the last beat lead to.
    lost: &'static str,
}

impl Gen {
    fn new(seed: u64) -> Gen {
        Gen {
            rng: ChaCha8Rng::seed_from_u64(seed),
            set: [false; FLAGS.len()],
            tested: [false; FLAGS.len()],
            has_clock: false,
            has_rubric: false,
            public: false,
            endings: Vec::new(),
            lost: "lost",
        }
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p)
    }

    fn pick<T: Copy>(&mut self, from: &[T]) -> T {
        from[self.rng.random_range(0..from.len())]
    }

    fn text(&mut self, from: &[&str]) -> String {
        self.pick(from).to_owned()
    }

    fn maybe_text(&mut self, p: f64, from: &[&str]) -> String {
        if self.chance(p) {
            self.text(from)
        } else {
            String::new()
        }
    }

    fn effect(&mut self) -> i32 {
        if self.chance(0.5) {
            self.rng.random_range(-30..=30)
        } else {
            0
        }
    }

    fn effects(&mut self) -> RawEffects {
        RawEffects {
            speed: self.effect(),
            empathy: self.effect(),
            follow_through: self.effect(),
            mood: self.effect(),
            audience: if self.public { self.effect() } else { 0 },
        }
    }

    fn promise(&mut self) -> String {
        self.pick(&PROMISES).0.to_owned()
    }

    fn promises(&mut self, p: f64) -> Vec<String> {
        if self.chance(p) {
            vec![self.promise()]
        } else {
            Vec::new()
        }
    }

    fn flags_set(&mut self, p: f64) -> Vec<String> {
        if !self.chance(p) {
            return Vec::new();
        }
        let i = self.rng.random_range(0..FLAGS.len());
        self.set[i] = true;
        vec![FLAGS[i].to_owned()]
    }

    fn flags_cleared(&mut self, p: f64) -> Vec<String> {
        if self.chance(p) {
            vec![self.pick(&FLAGS).to_owned()]
        } else {
            Vec::new()
        }
    }

    fn delay(&mut self, p: f64) -> Option<String> {
        self.chance(p).then(|| self.text(&DELAYS))
    }

    /// A condition; mostly flags and mood, sometimes the rest, rarely nested.
    fn cond(&mut self, depth: u32) -> RawCond {
        let kind = self.rng.random_range(0..if depth < 2 { 12 } else { 9 });
        match kind {
            0..=2 => {
                let i = self.rng.random_range(0..FLAGS.len());
                self.tested[i] = true;
                let name = FLAGS[i].to_owned();
                if kind == 2 {
                    RawCond::NotFlag(name)
                } else {
                    RawCond::Flag(name)
                }
            }
            3 | 4 => RawCond::MoodAtLeast(self.rng.random_range(-60..=60)),
            5 => RawCond::MoodBelow(self.rng.random_range(-60..=60)),
            6 => match self.rng.random_range(0..3) {
                0 => RawCond::PromiseOpen(self.promise()),
                1 => RawCond::AnyPromiseOpen,
                _ => RawCond::NoPromiseOpen,
            },
            7 if self.has_clock => {
                if self.chance(0.5) {
                    RawCond::OpenHours
                } else {
                    RawCond::OutsideHours
                }
            }
            7 if self.public => RawCond::AudienceAtLeast(self.rng.random_range(-50..=50)),
            7 | 8 => RawCond::ReplyAtLeast(self.rng.random_range(-10..=30)),
            9 => RawCond::All(vec![self.cond(depth + 1), self.cond(depth + 1)]),
            10 => RawCond::Any(vec![self.cond(depth + 1), self.cond(depth + 1)]),
            _ => RawCond::Not(Box::new(self.cond(depth + 1))),
        }
    }

    fn ending(&mut self) -> String {
        self.pick(&self.endings.clone()).to_owned()
    }

    /// The beat after `i` along the chain, or an ending after the last beat.
    fn chain(&mut self, i: usize, n: usize) -> String {
        if i + 1 < n {
            beat_id(i + 1)
        } else {
            self.ending()
        }
    }

    /// Where a step from beat `i` of `n` leads: mostly on, sometimes further, to an ending, or
    /// (when `back` allows it) back to this beat or an earlier one.
    fn target(&mut self, i: usize, n: usize, back: bool) -> String {
        let r = self.rng.random_range(0..100);
        match r {
            0..60 => self.chain(i, n),
            60..75 if i + 2 < n => beat_id(self.rng.random_range(i + 2..n.min(i + 7))),
            60..87 => self.ending(),
            _ if back => beat_id(self.rng.random_range(i.saturating_sub(8)..=i)),
            _ => self.chain(i, n),
        }
    }

    fn branches(&mut self, p: f64, i: usize, n: usize, back: bool) -> Vec<RawBranch> {
        if !self.chance(p) {
            return Vec::new();
        }
        let count = self.rng.random_range(1..=2);
        (0..count)
            .map(|_| RawBranch {
                when: self.cond(0),
                next: self.target(i, n, back),
            })
            .collect()
    }

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

    fn beat(&mut self, i: usize, n: usize, target_default: u32) -> RawBeat {
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

    fn scenario(mut self, seed: u64, n: usize) -> RawScenario {
        let channel = self.pick(&Channel::ALL);
        self.public = channel.is_public();
        self.has_clock = self.chance(0.5);
        self.has_rubric = self.chance(0.3);
        let mut endings = vec![("resolved", Outcome::Resolved), ("lost", Outcome::Lost)];
        let mut extra = vec![
            ("won_back", Outcome::WonBack),
            ("escalated", Outcome::Escalated),
        ];
        if self.public {
            extra.push(("gone_viral", Outcome::GoneViral));
        }
        for _ in 0..self.rng.random_range(0..=2) {
            let e = extra.remove(self.rng.random_range(0..extra.len()));
            endings.push(e);
        }
        self.endings = endings.iter().map(|(id, _)| *id).collect();
        let mut scoring = RawScoring::default();
        if self.chance(0.3) {
            let w = [0.0, 0.5, 1.0, 2.0];
            scoring.weights = RawWeights {
                speed: self.pick(&w),
                empathy: self.pick(&w),
                follow_through: 1.0,
            };
            scoring.pass = RawPass {
                overall: self.rng.random_range(40..=80),
                speed: self.rng.random_range(30..=80),
                empathy: self.rng.random_range(30..=80),
                follow_through: self.rng.random_range(30..=80),
            };
            scoring.target_secs = self.rng.random_range(5..=20);
        }
        let patience_secs = self.rng.random_range(40..=90);
        let beats: Vec<RawBeat> = (0..n)
            .map(|i| self.beat(i, n, scoring.target_secs))
            .collect();
        let mut raw = RawScenario {
            id: format!("synthetic-{seed}-{n}"),
            title: format!("Synthetic scenario {seed}"),
            summary: "A generated conversation about a {item} that went wrong.".to_owned(),
            version: 1,
            channel,
            difficulty: self.pick(&[Difficulty::Beginner, Difficulty::Intermediate, Difficulty::Advanced]),
            language: "en".to_owned(),
            lesson: "Own the problem and give a clear next step.".to_owned(),
            objectives: vec![
                "Greet the customer and use their name".to_owned(),
                "Give a clear next step".to_owned(),
            ],
            minutes: self.rng.random_range(2..=15),
            tags: vec!["synthetic".to_owned()],
            customer: RawCustomer {
                name: (0..self.rng.random_range(1..=3)).map(|_| self.text(&NAMES)).collect(),
                details: "A regular customer asking about a {item}.".to_owned(),
                traits: vec!["impatient".to_owned()],
                mood: self.pick(&[
                    StartMood::Furious,
                    StartMood::Angry,
                    StartMood::Upset,
                    StartMood::Neutral,
                    StartMood::Content,
                    StartMood::Delighted,
                ]),
                patience_secs,
            },
            audience: self.public.then(|| RawAudience {
                name: "followers of @Brightwell".to_owned(),
                size: self.rng.random_range(50..=5000),
                sentiment: self.rng.random_range(-30..=30),
            }),
            clock: self.has_clock.then(|| self.clock()),
            vars: vec![RawVar { id: "item".to_owned(), values: ITEMS.iter().map(|s| (*s).to_owned()).collect() }],
            promises: PROMISES
                .iter()
                .map(|(id, text, due)| RawPromise { id: (*id).to_owned(), text: (*text).to_owned(), due_minutes: *due })
                .collect(),
            rubrics: if self.has_rubric { vec![self.rubric()] } else { Vec::new() },
            start: beat_id(0),
            beats,
            endings: endings
                .iter()
                .map(|(id, outcome)| RawEnding {
                    id: (*id).to_owned(),
                    outcome: *outcome,
                    text: format!("{{name}} leaves; the conversation ends as `{id}`. Think about what changed the outcome."),
                    effects: self.chance(0.3).then(|| self.effects()),
                })
                .collect(),
            scoring,
        };
        // A flag tested but never set is an error: the last beat's first response sets the rest.
        for (i, flag) in FLAGS.iter().enumerate() {
            if self.tested[i] && !self.set[i] {
                raw.beats[n - 1].responses[0].set.push((*flag).to_owned());
            }
        }
        raw
    }

    fn clock(&mut self) -> RawClock {
        let hours = self.chance(0.7);
        RawClock {
            day: self.pick(&Weekday::ALL),
            time: format!(
                "{:02}:{:02}",
                self.rng.random_range(0..24),
                self.rng.random_range(0..60)
            ),
            opens: hours.then(|| "09:00".to_owned()),
            closes: hours.then(|| "17:30".to_owned()),
            open_days: Weekday::ALL[..self.rng.random_range(5..=7)].to_vec(),
        }
    }

    fn rubric(&mut self) -> RawRubric {
        RawRubric {
            id: RUBRIC.to_owned(),
            include_defaults: self.chance(0.5),
            entries: vec![
                RawRubricEntry {
                    id: "brand".to_owned(),
                    label: "Names the shop".to_owned(),
                    points: 5,
                    dimension: Dimension::FollowThrough,
                    matches: RawMatcher::Phrases(vec!["Brightwell".to_owned()]),
                    advice: "Say who you are: \"This is Brightwell customer care.\"".to_owned(),
                    public_only: false,
                    examples: Vec::new(),
                    unlike: Vec::new(),
                },
                RawRubricEntry {
                    id: "slang".to_owned(),
                    label: "Too casual".to_owned(),
                    points: -5,
                    dimension: Dimension::Empathy,
                    matches: RawMatcher::Phrases(vec!["no worries".to_owned(), "mate".to_owned()]),
                    advice: String::new(),
                    public_only: false,
                    examples: Vec::new(),
                    unlike: Vec::new(),
                },
                RawRubricEntry {
                    id: "name".to_owned(),
                    label: "Uses the customer's name".to_owned(),
                    points: 8,
                    dimension: Dimension::Empathy,
                    matches: RawMatcher::CustomerName,
                    advice: "Use their first name.".to_owned(),
                    public_only: false,
                    examples: Vec::new(),
                    unlike: Vec::new(),
                },
            ],
        }
    }
}

fn beat_id(i: usize) -> String {
    format!("b{i}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{LoadOptions, load_bytes, ron_options};

    #[test]
    fn synthetic_scenarios_load_and_round_trip() {
        for seed in 0..40 {
            for beats in [1, 2, 5, 30] {
                let raw = scenario(seed, beats);
                let text = to_ron(&raw);
                let out = load_bytes("synthetic", text.as_bytes(), LoadOptions::default());
                assert!(
                    out.diagnostics.is_empty(),
                    "seed {seed}, {beats} beats: {:#?}\n{text}",
                    out.diagnostics
                );
                assert_eq!(out.scenario.map(|s| s.beats.len()), Some(beats));
                let back: RawScenario = ron_options().from_str(&text).expect("reloads");
                assert_eq!(back, raw);
            }
        }
    }

    #[test]
    fn same_seed_same_scenario() {
        assert_eq!(scenario(7, 20), scenario(7, 20));
        assert_ne!(scenario(7, 20), scenario(8, 20));
    }
}
