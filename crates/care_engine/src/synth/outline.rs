//! The synthetic scenario around its beats: channel, endings, scoring, customer, audience, clock,
//! persona pools, promises and a rubric.

use rand::RngExt;

use super::words::*;
use super::{Gen, beat_id};
use crate::model::{Channel, Difficulty, Dimension, Outcome, StartMood, Weekday};
use crate::raw::{
    RawAudience, RawBeat, RawClock, RawCustomer, RawEnding, RawMatcher, RawPass, RawPromise,
    RawRubric, RawRubricEntry, RawScenario, RawScoring, RawVar, RawWeights,
};

impl Gen {
    pub(super) fn scenario(mut self, seed: u64, n: usize) -> RawScenario {
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
