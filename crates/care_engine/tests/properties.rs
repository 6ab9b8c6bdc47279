//! Properties over synthetic scenarios of any size: they load, round-trip through RON, play with
//! random answers without panicking, score within 0..=100, replay identically, and `load_bytes`
//! survives arbitrary and mutated input.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use std::sync::Arc;

use care_engine::load::{LoadOptions, load_bytes, ron_options};
use care_engine::model::{Dimension, Scenario};
use care_engine::raw::RawScenario;
use care_engine::run::{Input, MAX_BEATS_PER_RUN, RunError, ScenarioRun, Transcript};
use care_engine::scoring::{ScoreCard, score};
use care_engine::synth;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Words typed replies are made of: rubric phrases, the synthetic customers' names, noise.
const WORDS: [&str; 24] = [
    "sorry",
    "I understand",
    "thank you",
    "I'll",
    "refund",
    "today",
    "policy",
    "your fault",
    "obviously",
    "Brightwell",
    "mate",
    "no worries",
    "Margaret",
    "Priya",
    "Kwame",
    "DEFINITELY",
    "NOT",
    "OUR PROBLEM",
    "dear customer",
    "{name}",
    "ünïcødé",
    "😀",
    "...",
    "the kettle",
];

fn load(raw: &RawScenario) -> Result<Arc<Scenario>, TestCaseError> {
    let text = synth::to_ron(raw);
    let out = load_bytes(
        "synthetic.scenario.ron",
        text.as_bytes(),
        LoadOptions::default(),
    );
    prop_assert!(
        out.diagnostics.is_empty(),
        "{:#?}\n{}",
        out.diagnostics,
        text
    );
    match out.scenario {
        Some(s) => Ok(Arc::new(s)),
        None => Err(TestCaseError::fail("no scenario and no diagnostics")),
    }
}

fn typed_text(rng: &mut ChaCha8Rng, max_chars: usize) -> String {
    let words = match rng.random_range(0..10) {
        0 => 0,
        // Sometimes longer than the beat takes.
        1 => max_chars / 3 + 10,
        _ => rng.random_range(1..12),
    };
    let mut out = String::new();
    for i in 0..words {
        if i > 0 {
            out.push_str(if rng.random_bool(0.2) { ". " } else { " " });
        }
        out.push_str(WORDS[rng.random_range(0..WORDS.len())]);
    }
    out
}

fn check_scores(card: &ScoreCard) -> Result<(), TestCaseError> {
    for d in Dimension::ALL {
        let s = card.get(d).score;
        prop_assert!((0..=100).contains(&s), "{d:?} scored {s}");
    }
    prop_assert!(
        (0..=100).contains(&card.overall),
        "overall {}",
        card.overall
    );
    Ok(())
}

/// Plays `scenario` to the end with random answers, checking every rejection on the way.
fn play(
    scenario: &Arc<Scenario>,
    run_seed: u64,
    play_seed: u64,
) -> Result<ScenarioRun, TestCaseError> {
    let (mut run, events) = ScenarioRun::start(Arc::clone(scenario), run_seed);
    prop_assert!(!events.is_empty());
    let mut rng = ChaCha8Rng::seed_from_u64(play_seed);
    let mut accepted: u32 = 0;
    while let Some(beat_id) = run.current_beat() {
        prop_assert!(
            accepted <= MAX_BEATS_PER_RUN,
            "still running after {accepted} answers"
        );
        let beat = scenario.beat(beat_id);
        let wait_ms = u64::from(beat.wait_secs) * 1000;
        let after_ms = match rng.random_range(0..12) {
            0 => 0,
            1..=5 => rng.random_range(0..=wait_ms),
            6 => wait_ms,
            7 => wait_ms + 1,
            8 | 9 => rng.random_range(wait_ms..=wait_ms * 10),
            10 => rng.random::<u64>(),
            _ => u64::MAX,
        };
        let offered = run.choices_offered();
        prop_assert_eq!(offered, run.offered_responses().len());

        // Rejected answers change nothing.
        let before = run.transcript().clone();
        let bad = offered + rng.random_range(0..3);
        prop_assert_eq!(
            run.answer(Input::Choice(bad), after_ms),
            Err(RunError::NoSuchChoice {
                choice: bad + 1,
                offered
            })
        );
        if !run.takes_typed() {
            let text = typed_text(&mut rng, 600);
            prop_assert_eq!(
                run.answer(Input::Typed(text), after_ms),
                Err(RunError::NoTypedReply)
            );
        }
        prop_assert_eq!(run.transcript(), &before);

        // Every offered choice is accepted (checked on copies while runs are short).
        if accepted < 40 {
            for c in 0..offered {
                prop_assert!(
                    run.clone().answer(Input::Choice(c), after_ms).is_ok(),
                    "choice {c} of {offered}"
                );
            }
        }

        let input = match rng.random_range(0..10) {
            0..=6 if offered > 0 => Input::Choice(rng.random_range(0..offered)),
            0..=8 if run.takes_typed() => {
                let max = beat.typed.as_ref().map_or(0, |t| t.max_chars as usize);
                Input::Typed(typed_text(&mut rng, max))
            }
            _ => Input::Timeout,
        };
        let result = run.answer(input.clone(), after_ms);
        match (&input, beat.typed.as_ref()) {
            (Input::Typed(t), Some(typed)) if t.chars().count() > typed.max_chars as usize => {
                prop_assert_eq!(
                    result,
                    Err(RunError::ReplyTooLong {
                        len: t.chars().count(),
                        max: typed.max_chars
                    })
                );
                prop_assert_eq!(run.transcript(), &before);
            }
            _ => {
                prop_assert!(result.is_ok(), "{input:?} after {after_ms} ms: {result:?}");
                accepted += 1;
            }
        }
        if rng.random_bool(0.1) {
            check_scores(&score(&scenario.scoring, run.transcript()))?;
        }
    }
    prop_assert!(
        accepted <= MAX_BEATS_PER_RUN + 1,
        "finished only after {accepted} answers"
    );
    prop_assert!(run.transcript().ending().is_some());
    prop_assert_eq!(run.answer(Input::Timeout, 0), Err(RunError::Ended));
    prop_assert_eq!(run.answer(Input::Choice(0), 1000), Err(RunError::Ended));
    prop_assert_eq!(
        run.answer(Input::Typed("hello".into()), 1000),
        Err(RunError::Ended)
    );
    Ok(run)
}

/// Random edits of a text: delete, duplicate or replace a range of characters.
fn mutate(text: &str, edits: &[(u8, usize, usize, String)]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for (kind, at, len, with) in edits {
        let at = at % (chars.len() + 1);
        let end = (at + len).min(chars.len());
        match kind % 3 {
            0 => {
                chars.drain(at..end);
            }
            1 => {
                let copy: Vec<char> = chars[at..end].to_vec();
                chars.splice(at..at, copy);
            }
            _ => {
                chars.splice(at..end, with.chars());
            }
        }
    }
    chars.into_iter().collect()
}

/// 96 cases per property; `PROPTEST_CASES` asks for more (or fewer).
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(96);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn synthetic_scenarios_load_and_round_trip(seed in any::<u64>(), beats in 2usize..60) {
        let raw = synth::scenario(seed, beats);
        let scenario = load(&raw)?;
        prop_assert_eq!(scenario.beats.len(), beats);
        let text = synth::to_ron(&raw);
        let back: RawScenario = ron_options().from_str(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back, raw);
    }

    #[test]
    fn random_play_ends_scores_in_range_and_replays(
        seed in any::<u64>(),
        beats in 2usize..60,
        run_seed in any::<u64>(),
        play_seed in any::<u64>(),
    ) {
        let scenario = load(&synth::scenario(seed, beats))?;
        let run = play(&scenario, run_seed, play_seed)?;
        let card = score(&scenario.scoring, run.transcript());
        check_scores(&card)?;
        prop_assert!(card.outcome.is_some());

        let again = ScenarioRun::replay(Arc::clone(&scenario), run_seed, &run.transcript().answers)
            .map_err(|e| TestCaseError::fail(format!("replay refused an answer: {e}")))?;
        prop_assert!(again.is_finished());
        prop_assert_eq!(again.transcript(), run.transcript());
        prop_assert_eq!(score(&scenario.scoring, again.transcript()), card);

        let json = serde_json::to_string(run.transcript()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back: Transcript = serde_json::from_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&back, run.transcript());
    }

    #[test]
    fn load_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let _ = load_bytes("fuzz.scenario.ron", &bytes, LoadOptions::linted());
    }

    #[test]
    fn load_never_panics_on_mutated_scenarios(
        seed in any::<u64>(),
        beats in 1usize..6,
        edits in proptest::collection::vec((any::<u8>(), any::<usize>(), 0usize..40, "[a-z0-9(){}\\[\\]\":,_ \n-]{0,12}"), 1..4),
    ) {
        let text = synth::to_ron(&synth::scenario(seed, beats));
        let mutated = mutate(&text, &edits);
        let out = load_bytes("mutated.scenario.ron", mutated.as_bytes(), LoadOptions::linted());
        prop_assert!(out.scenario.is_some() || !out.diagnostics.is_empty());
    }
}
