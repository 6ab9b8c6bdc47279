//! Rush hour after a crash: a shift rebuilt from the inputs it recorded is the shift that was
//! played (log, transcripts, clock, queue, triage), from any point, without a judge.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod shift_replay_support;

use std::sync::Arc;

use care_engine::run::Input;
use care_engine::shift::{ShiftInput, ShiftRun};
use proptest::prelude::*;
use shift_replay_support::{SHIFTS, play_and_replay, seen, steps};

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
