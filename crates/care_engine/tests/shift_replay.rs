//! Rush hour after a crash: a shift rebuilt from the inputs it recorded is the shift that was
//! played (log, transcripts, clock, queue, triage), from any point, without a judge; inputs that
//! do not fit the shift, and checkpoints of an edited shift, are refused.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use std::path::PathBuf;
use std::sync::{Arc, LazyLock};

use care_engine::clock::SimTime;
use care_engine::judge::{Judge, KeywordJudge};
use care_engine::load::{LoadOptions, Loaded, load_bytes, load_paths};
use care_engine::run::Input;
use care_engine::shift::{
    CustomerId, CustomerState, Shift, ShiftError, ShiftInput, ShiftMoment, ShiftRun, Triage,
    Waiting, load_shift_bytes, result,
};
use care_engine::transcript::Transcript;
use proptest::prelude::*;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios")
}

static SCENARIOS: LazyLock<Vec<Loaded>> = LazyLock::new(|| {
    let report = load_paths(&[root()], LoadOptions::default());
    assert_eq!(report.errors(), 0);
    report.scenarios
});

/// The shipped shifts, each with its file's bytes.
static SHIFTS: LazyLock<Vec<(Vec<u8>, Arc<Shift>)>> = LazyLock::new(|| {
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

fn scenarios() -> Vec<Arc<care_engine::Scenario>> {
    SCENARIOS.iter().map(|l| Arc::clone(&l.scenario)).collect()
}

fn load(bytes: &[u8], scenarios: &[Arc<care_engine::Scenario>]) -> Arc<Shift> {
    let out = load_shift_bytes("shift.shift.ron", bytes, scenarios);
    assert!(out.diagnostics.is_empty(), "{:#?}", out.diagnostics);
    Arc::new(out.scenario.expect("the shift loads"))
}

/// Everything a trainee or a debrief can see of a run.
#[derive(Debug, PartialEq)]
struct Seen {
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

fn seen(run: &ShiftRun) -> Seen {
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
fn through_json(inputs: &[ShiftInput]) -> Vec<ShiftInput> {
    let json = serde_json::to_string(inputs).expect("serializes");
    let back: Vec<ShiftInput> = serde_json::from_str(&json).expect("deserializes");
    assert_eq!(back, inputs);
    back
}

const REPLIES: [&str; 3] = [
    "I'm so sorry about this. I'll sort it out for you right now and email you by 5 pm today.",
    "Thank you for telling us. I understand how frustrating this is; here is what I will do.",
    "ok",
];

/// One step of a pseudo-random play: (kind, milliseconds, whom, which choice or reply).
type Step = (u8, u64, usize, usize);

/// Takes one step; an answer that is refused must leave the run as it was.
fn take(run: &mut ShiftRun, (kind, ms, who, pick): Step) {
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
fn play_and_replay(shift: &Arc<Shift>, seed: u64, steps: &[Step]) -> ShiftRun {
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
fn steps(mut seed: u64, n: usize) -> Vec<Step> {
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

#[test]
fn every_shipped_shift_replays_from_every_checkpoint_for_several_seeds() {
    let mut typed = 0;
    for (_, shift) in SHIFTS.iter() {
        for seed in [shift.seed, 1, 42, u64::MAX] {
            let mut run = play_and_replay(shift, seed, &steps(seed ^ 0xC0FFEE, 40));
            run.finish();
            let replayed = ShiftRun::replay(Arc::clone(shift), seed, run.inputs()).expect("ok");
            assert_eq!(seen(&replayed), seen(&run));
            assert!(replayed.is_finished());
            typed += run
                .inputs()
                .iter()
                .filter(|i| {
                    matches!(
                        i,
                        ShiftInput::Answer {
                            verdict: Some(_),
                            ..
                        }
                    )
                })
                .count();
        }
    }
    assert!(
        typed > 0,
        "some typed replies were replayed with their verdicts"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn any_play_of_a_shipped_shift_replays_from_any_point(
        which in 0usize..16,
        seed in any::<u64>(),
        steps in prop::collection::vec((0u8..10, 0u64..20_000, 0usize..8, 0usize..16), 0..30),
    ) {
        let shift = &SHIFTS[which % SHIFTS.len()].1;
        play_and_replay(shift, seed, &steps);
    }
}

#[test]
fn moves_of_the_clock_are_kept_as_one_and_replay_as_they_happened() {
    let shift = &SHIFTS[0].1;
    let (mut small, _) = ShiftRun::start(Arc::clone(shift), 3);
    for t in (0..=90_000).step_by(250) {
        small.advance_to(t);
    }
    let (mut jump, _) = ShiftRun::start(Arc::clone(shift), 3);
    jump.advance_to(90_000);
    assert!(
        small.log().len() > shift.customers.len() / 2,
        "customers came"
    );
    assert_eq!(
        seen(&small),
        seen(&jump),
        "small steps or one jump: the same shift"
    );
    assert_eq!(small.inputs(), [ShiftInput::AdvanceTo { t_ms: 90_000 }]);
    // A move back and a move to now change nothing and are not recorded.
    small.advance_to(10_000);
    small.advance_to(90_000);
    assert_eq!(small.inputs().len(), 1);

    let c = small.waiting()[0].customer;
    let input = if small.run(c).is_some_and(|r| r.choices_offered() > 0) {
        Input::Choice(0)
    } else {
        Input::Typed("Thanks for waiting, I'm on it now.".into())
    };
    small.answer(c, input).expect("answered");
    let ShiftInput::Answer {
        customer, at_ms, ..
    } = &small.inputs()[0]
    else {
        panic!(
            "the move before the answer is kept in it: {:?}",
            small.inputs()
        );
    };
    assert_eq!((customer, *at_ms), (&shift.customer_key(c), 90_000));
    assert_eq!(small.inputs().len(), 1);
    let replayed = ShiftRun::replay(Arc::clone(shift), 3, small.inputs()).expect("replays");
    assert_eq!(seen(&replayed), seen(&small));
}

/// A shift played a little: the first customer answered, the clock at two minutes.
fn played(shift: &Arc<Shift>) -> ShiftRun {
    let (mut run, _) = ShiftRun::start(Arc::clone(shift), 9);
    run.advance_to(4_000);
    let c = run.waiting()[0].customer;
    run.answer(c, Input::Choice(0)).expect("answered");
    run.advance_to(120_000);
    run
}

#[test]
fn inputs_that_do_not_fit_the_shift_are_refused_with_what_is_wrong() {
    let shift = &SHIFTS[0].1;
    let run = played(shift);
    let good = run.inputs().to_vec();
    let replay = |inputs: &[ShiftInput]| ShiftRun::replay(Arc::clone(shift), 9, inputs).err();
    assert_eq!(replay(&good), None);

    let mut tampered = good.clone();
    let ShiftInput::Answer { customer, .. } = &mut tampered[0] else {
        panic!("an answer first: {good:?}");
    };
    *customer = "nobody-at-all".into();
    let e = replay(&tampered).expect("refused");
    assert_eq!(
        e,
        ShiftError::UnknownCustomer {
            key: "nobody-at-all".into(),
            shift: shift.id.clone(),
        }
    );
    assert!(e.to_string().contains("start it again"), "{e}");

    let mut late = good.clone();
    late.insert(0, ShiftInput::AdvanceTo { t_ms: 60_000 });
    assert!(matches!(
        replay(&late),
        Some(ShiftError::ClockWentBack {
            at_ms: 4_000,
            now_ms: 60_000
        })
    ));

    let mut unoffered = good.clone();
    if let ShiftInput::Answer { response, .. } = &mut unoffered[0] {
        *response = Some(99);
    }
    assert!(matches!(replay(&unoffered), Some(ShiftError::Run(_))));

    // The last customer to arrive, answered at the very start.
    let last = shift
        .ids()
        .max_by_key(|c| run.arrival_ms(*c))
        .expect("customers");
    let early = [ShiftInput::Answer {
        customer: shift.customer_key(last),
        at_ms: 0,
        input: Input::Choice(0),
        response: None,
        verdict: None,
    }];
    assert!(matches!(replay(&early), Some(ShiftError::NotArrived(_))));

    let mut done = good;
    done.push(ShiftInput::Finish);
    let (mut finished, _) = ShiftRun::start(Arc::clone(shift), 9);
    finished.finish();
    done.push(ShiftInput::Answer {
        customer: shift.customer_key(CustomerId(0)),
        at_ms: finished.now_ms().max(run.now_ms()) + 1_000_000,
        input: Input::Choice(0),
        response: None,
        verdict: None,
    });
    assert!(matches!(replay(&done), Some(ShiftError::NotWaiting(_))));
}

#[test]
fn a_checkpoint_resumes_the_same_shift_and_refuses_an_edited_one() {
    let (bytes, shift) = &SHIFTS[0];
    let run = played(shift);
    // Saved as a checkpoint is: the shift's hash, the seed and the inputs as JSON.
    let saved = (
        shift.content_hash.clone(),
        run.seed(),
        serde_json::to_string(run.inputs()).expect("serializes"),
    );
    let resume = |shift: Arc<Shift>| {
        let inputs: Vec<ShiftInput> = serde_json::from_str(&saved.2).expect("reads");
        ShiftRun::resume(shift, &saved.0, saved.1, &inputs)
    };
    let resumed = resume(Arc::clone(shift)).expect("resumes");
    assert_eq!(seen(&resumed), seen(&run));
    assert_eq!(load(bytes, &scenarios()).content_hash, shift.content_hash);

    // The shift file edited (even by a comment).
    let mut edited = bytes.clone();
    edited.extend_from_slice(b"\n// edited\n");
    let changed = load(&edited, &scenarios());
    assert_ne!(changed.content_hash, shift.content_hash);
    let e = resume(changed).err().expect("refused");
    assert_eq!(
        e,
        ShiftError::Changed {
            shift: shift.id.clone()
        }
    );
    assert!(e.to_string().contains("start the shift again"), "{e}");

    // One of its customers' scenarios edited.
    let played_id = &shift.customers[1].scenario.id;
    let file = &SCENARIOS
        .iter()
        .find(|l| &l.scenario.id == played_id)
        .expect("loaded")
        .file;
    let mut text = std::fs::read(file).expect("readable");
    text.extend_from_slice(b"\n// edited\n");
    let edited_scenario = Arc::new(
        load_bytes(file, &text, LoadOptions::default())
            .scenario
            .expect("still loads"),
    );
    let pool: Vec<_> = scenarios()
        .into_iter()
        .map(|s| {
            if &s.id == played_id {
                Arc::clone(&edited_scenario)
            } else {
                s
            }
        })
        .collect();
    let with_edit = load(bytes, &pool);
    assert_ne!(with_edit.content_hash, shift.content_hash);
    assert!(matches!(resume(with_edit), Err(ShiftError::Changed { .. })));

    let other = Arc::clone(&SHIFTS[1].1);
    assert!(matches!(resume(other), Err(ShiftError::Changed { .. })));
}
