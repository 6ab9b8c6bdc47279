//! Synthetic scenarios for benchmarks and property tests: valid graphs of any size, from a seed.
//!
//! [`scenario`] builds a [`RawScenario`] that loads without errors: every beat is reachable from
//! `start` along the `on_timeout` (or `then`) chain `b0 → b1 → … → bN-1`, the last beat's
//! responses lead to every ending, and pass-through beats only ever point forwards, so no loop
//! of `then` steps exists. Responses, typed replies and branches add forward jumps, endings and
//! back-edges on top of that chain; every cycle keeps its exit through the chain.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

mod beat;
mod outline;
mod paths;
mod words;

use words::*;

use crate::raw::{RawEffects, RawScenario};

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
