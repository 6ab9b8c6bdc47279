//! Helpers shared by the shift replay tests: the shipped shifts and scenarios, what a trainee can
//! see of a run, and pseudo-random plays checked by replaying them from every checkpoint.

#![allow(
    dead_code,
    reason = "each test file uses a different part of this helper"
)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use std::path::PathBuf;
use std::sync::{Arc, LazyLock};

use care_engine::clock::SimTime;
use care_engine::judge::{Judge, KeywordJudge};
use care_engine::load::{LoadOptions, Loaded, load_paths};
use care_engine::run::Input;
use care_engine::shift::{
    CustomerId, CustomerState, Shift, ShiftInput, ShiftMoment, ShiftRun, Triage, Waiting,
    load_shift_bytes, result,
};
use care_engine::transcript::Transcript;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios")
}

pub static SCENARIOS: LazyLock<Vec<Loaded>> = LazyLock::new(|| {
    let report = load_paths(&[root()], LoadOptions::default());
    assert_eq!(report.errors(), 0);
    report.scenarios
});

/// The shipped shifts, each with its file's bytes.
pub static SHIFTS: LazyLock<Vec<(Vec<u8>, Arc<Shift>)>> = LazyLock::new(|| {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("shifts"))
        .expect("the shifts folder")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.to_string_lossy().ends_with(".shift.ron"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("readable");
            (bytes.clone(), load(&bytes, &scenarios()))
        })
        .collect()
});

pub fn scenarios() -> Vec<Arc<care_engine::Scenario>> {
    SCENARIOS.iter().map(|l| Arc::clone(&l.scenario)).collect()
}

pub fn load(bytes: &[u8], scenarios: &[Arc<care_engine::Scenario>]) -> Arc<Shift> {
    let out = load_shift_bytes("shift.shift.ron", bytes, scenarios);
    assert!(out.diagnostics.is_empty(), "{:#?}", out.diagnostics);
    Arc::new(out.scenario.expect("the shift loads"))
}

/// Everything a trainee or a debrief can see of a run.
#[derive(Debug, PartialEq)]
pub struct Seen {
    log: Vec<ShiftMoment>,
    now_ms: u64,
    clock: SimTime,
    transcripts: Vec<Option<Transcript>>,
    states: Vec<CustomerState>,
    waiting: Vec<Waiting>,
    triage: Triage,
    finished: bool,
    inputs: Vec<ShiftInput>,
}

pub fn seen(run: &ShiftRun) -> Seen {
    let ids: Vec<CustomerId> = run.shift().ids().collect();
    Seen {
        log: run.log().to_vec(),
        now_ms: run.now_ms(),
        clock: run.clock(),
        transcripts: ids.iter().map(|c| run.transcript(*c).cloned()).collect(),
        states: ids.iter().map(|c| run.state(*c)).collect(),
        waiting: run.waiting(),
        triage: result(run).triage,
        finished: run.is_finished(),
        inputs: run.inputs().to_vec(),
    }
}

/// `inputs` through JSON and back, as a checkpoint is saved and read.
pub fn through_json(inputs: &[ShiftInput]) -> Vec<ShiftInput> {
    let json = serde_json::to_string(inputs).expect("serializes");
    let back: Vec<ShiftInput> = serde_json::from_str(&json).expect("deserializes");
    assert_eq!(back, inputs);
    back
}

pub const REPLIES: [&str; 3] = [
    "I'm so sorry about this. I'll sort it out for you right now and email you by 5 pm today.",
    "Thank you for telling us. I understand how frustrating this is; here is what I will do.",
    "ok",
];

/// One step of a pseudo-random play: (kind, milliseconds, whom, which choice or reply).
pub type Step = (u8, u64, usize, usize);

/// Takes one step; an answer that is refused must leave the run as it was.
pub fn take(run: &mut ShiftRun, (kind, ms, who, pick): Step) {
    match kind {
        // Several small moves of the clock, merged into one input.
        0 => {
            for _ in 0..3 {
                let t = run.now_ms() + ms / 3;
                run.advance_to(t);
            }
        }
        1..=3 => {
            let t = run.now_ms() + ms;
            run.advance_to(t);
        }
        // A move that goes back does nothing.
        4 => {
            run.advance_to(run.now_ms().saturating_sub(ms));
        }
        5 if ms % 7 == 0 => {
            run.finish();
        }
        _ => {
            let waiting = run.waiting();
            // Mostly someone waiting; sometimes anyone, who may refuse.
            let c = match waiting.get(who % waiting.len().max(1)) {
                Some(w) if kind != 6 => w.customer,
                _ => CustomerId(who % run.shift().customers.len()),
            };
            let before = seen(run);
            let typed = run.run(c).is_some_and(|r| r.takes_typed()) && pick % 2 == 0;
            let outcome = if typed {
                let text = REPLIES[pick % REPLIES.len()].to_owned();
                if pick % 4 == 0 {
                    // Judged by the run itself, by keywords.
                    run.answer(c, Input::Typed(text))
                } else {
                    // Judged off the frame by another judge: here, keywords on another reply,
                    // so that judging the text again would not give this verdict.
                    let request = run.run(c).and_then(|r| r.reply_request()).expect("typed");
                    let other = REPLIES[(pick + 1) % REPLIES.len()];
                    run.answer_judged(c, Input::Typed(text), KeywordJudge.judge(&request, other))
                }
            } else {
                let offered = run.run(c).map_or(1, |r| r.choices_offered().max(1));
                // One choice in eight is one more than offered, and refused.
                let choice = if pick % 8 == 7 {
                    offered
                } else {
                    pick % offered
                };
                run.answer(c, Input::Choice(choice))
            };
            if outcome.is_err() {
                assert_eq!(seen(run), before, "a refused answer changes nothing");
            }
        }
    }
}

/// Plays `steps`, checkpointing and replaying after each; then replays every cut of the final
/// inputs. Returns the run.
pub fn play_and_replay(shift: &Arc<Shift>, seed: u64, steps: &[Step]) -> ShiftRun {
    let (mut run, _) = ShiftRun::start(Arc::clone(shift), seed);
    let mut states = vec![seen(&run)];
    for step in steps {
        take(&mut run, *step);
        let inputs = through_json(run.inputs());
        let replayed = ShiftRun::replay(Arc::clone(shift), seed, &inputs).expect("replays");
        let now = seen(&run);
        assert_eq!(
            seen(&replayed),
            now,
            "{}, seed {seed}, after {step:?}",
            shift.id
        );
        states.push(now);
    }
    let all = run.inputs();
    for k in 0..=all.len() {
        let cut = &all[..k];
        let then = states
            .iter()
            .rev()
            .find(|s| s.inputs == cut)
            .expect("every cut is a checkpoint taken during the play");
        let replayed = ShiftRun::replay(Arc::clone(shift), seed, cut).expect("a cut replays");
        assert_eq!(
            &seen(&replayed),
            then,
            "{}, seed {seed}, cut at {k}",
            shift.id
        );
    }
    run
}

/// A pseudo-random play of `n` steps from `seed` (splitmix64).
pub fn steps(mut seed: u64, n: usize) -> Vec<Step> {
    let mut next = move || {
        seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    (0..n)
        .map(|_| {
            let r = next();
            (
                (r % 10) as u8,
                (r >> 8) % 15_000,
                (r >> 24) as usize % 8,
                (r >> 32) as usize % 16,
            )
        })
        .collect()
}

/// A shift played a little: the first customer answered, the clock at two minutes.
pub fn played(shift: &Arc<Shift>) -> ShiftRun {
    let (mut run, _) = ShiftRun::start(Arc::clone(shift), 9);
    run.advance_to(4_000);
    let c = run.waiting()[0].customer;
    run.answer(c, Input::Choice(0)).expect("answered");
    run.advance_to(120_000);
    run
}
