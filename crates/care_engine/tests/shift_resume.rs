//! Resuming a shift from the inputs it recorded: inputs that do not fit the shift are refused
//! with what is wrong, and a checkpoint resumes the same shift but refuses an edited one.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod shift_replay_support;

use std::sync::Arc;

use care_engine::load::{LoadOptions, load_bytes};
use care_engine::run::Input;
use care_engine::shift::{CustomerId, Shift, ShiftError, ShiftInput, ShiftRun};
use shift_replay_support::{SCENARIOS, SHIFTS, load, played, scenarios, seen};

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
