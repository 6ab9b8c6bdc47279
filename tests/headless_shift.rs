//! Rush hour in the game, headless: the library offers the shipped shifts, a shift runs on the
//! game clock (paused by the `Pause` state Esc switches), answers and Tab go through the same messages as the
//! screen, and the debrief gets the triage result.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use std::time::Duration;

mod common;

use bevy::prelude::*;
use bevy::time::TimeUpdateStrategy;
use care::game::Pause;
use care::game::session::SaveStatus;
use care::game::shifts::{
    ActiveShift, CycleFocus, ShiftAnswer, ShiftLibrary, ShiftOutcome, StartShift,
};
use care::screens::Screen;
use care_engine::run::Input;
use care_engine::shift::CustomerState;

fn app() -> App {
    // Each frame moves the game clock by half a second.
    let mut app = common::headless_game(|app| {
        app.insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_millis(
            500,
        )));
    });
    app.update();
    app
}

/// Runs frames with the clock held until the typed reply's verdict is back (the judge works in
/// real time, which the test's frames would otherwise turn into many seconds of shift time).
fn wait_for_verdict(app: &mut App) {
    app.insert_resource(TimeUpdateStrategy::ManualDuration(Duration::ZERO));
    let until = std::time::Instant::now() + Duration::from_secs(60);
    app.update();
    while app.world().resource::<ActiveShift>().judging.is_some() {
        assert!(
            std::time::Instant::now() < until,
            "the judge never answered"
        );
        std::thread::sleep(Duration::from_millis(5));
        app.update();
    }
    app.insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_millis(
        500,
    )));
}

fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

fn start(app: &mut App, id: &str) {
    let shift = app
        .world()
        .resource::<ShiftLibrary>()
        .shifts
        .iter()
        .find(|s| s.id == id)
        .cloned()
        .expect("shipped shift");
    app.world_mut().write_message(StartShift(shift));
    app.update();
    app.update();
    assert_eq!(screen(app), Screen::Shift);
}

fn run_to_debrief(app: &mut App, mut each_frame: impl FnMut(&mut App, u32)) {
    for frame in 0..20_000 {
        if screen(app) == Screen::ShiftDebrief {
            return;
        }
        each_frame(app, frame);
        app.update();
    }
    panic!("the shift never ended");
}

#[test]
fn the_library_offers_the_shipped_shifts() {
    let app = app();
    let shifts = app.world().resource::<ShiftLibrary>();
    assert!(shifts.problems.is_empty(), "{:?}", shifts.problems);
    assert_eq!(shifts.shifts.len(), 3);
}

#[test]
fn a_shift_with_nobody_answering_ends_in_a_failed_triage() {
    let mut app = app();
    start(&mut app, "weekend-after-the-outage");
    run_to_debrief(&mut app, |_, _| {});
    let outcome = app.world().resource::<ShiftOutcome>();
    assert!(!outcome.result.triage.passed);
    assert!(outcome.result.customers.iter().all(|c| c.acted_alone > 0));
    assert!(app.world().get_resource::<ActiveShift>().is_none());
}

fn set_pause(app: &mut App, to: Pause) {
    app.world_mut().resource_mut::<NextState<Pause>>().set(to);
    app.update();
    assert_eq!(*app.world().resource::<State<Pause>>().get(), to);
}

#[test]
fn answering_the_focused_customer_and_tab_work_through_the_queue() {
    let mut app = app();
    start(&mut app, "saturday-shop-floor");
    // Someone is waiting to be answered before the pause, so the pause has an answer to hold.
    let mut frames = 0;
    while app.world().resource::<ActiveShift>().focus.is_none() {
        assert!(frames < 2_000, "a customer arrives and is shown");
        app.update();
        frames += 1;
    }
    // Pausing stops the clock, and answers wait.
    set_pause(&mut app, Pause::Paused);
    let before = app.world().resource::<ActiveShift>().run.now_ms();
    let focus = app
        .world()
        .resource::<ActiveShift>()
        .focus
        .expect("the customer shown before the pause");
    let said = |app: &App, c| {
        let shift = app.world().resource::<ActiveShift>();
        shift.run.run(c).map_or(0, |r| r.transcript().moments.len())
    };
    let said_before = said(&app, focus);
    app.world_mut().write_message(ShiftAnswer {
        customer: focus,
        input: Input::Choice(0),
    });
    for _ in 0..10 {
        app.update();
    }
    assert_eq!(app.world().resource::<ActiveShift>().run.now_ms(), before);
    assert_eq!(
        said(&app, focus),
        said_before,
        "an answer given while paused is not taken"
    );
    set_pause(&mut app, Pause::Running);
    assert!(app.world().resource::<ActiveShift>().run.now_ms() > before);

    let mut answered = 0;
    run_to_debrief(&mut app, |app, frame| {
        // Every 8 s of shift time: answer whoever is shown, then look at the next customer.
        if frame % 16 != 0 {
            return;
        }
        let active = app.world().resource::<ActiveShift>();
        if active.judging.is_some() {
            // A typed reply is with the judge; the trainee waits for it like the customer.
            return;
        }
        let Some(c) = active.focus else { return };
        if matches!(active.run.state(c), CustomerState::Waiting(_)) {
            let offered = active.run.run(c).map_or(0, |r| r.choices_offered());
            let input = if offered > 0 {
                Input::Choice(0)
            } else {
                Input::Typed("Hello, I'm sorry about this. I'll sort it out for you today.".into())
            };
            let typed = matches!(input, Input::Typed(_));
            app.world_mut()
                .write_message(ShiftAnswer { customer: c, input });
            answered += 1;
            if typed {
                wait_for_verdict(app);
            }
        }
        app.world_mut().write_message(CycleFocus);
    });
    assert!(answered > 5, "answers went through: {answered}");
    assert_eq!(
        app.world().resource::<ShiftOutcome>().saved,
        SaveStatus::NotSignedIn
    );
    let outcome = app.world().resource::<ShiftOutcome>();
    let served = outcome
        .log
        .iter()
        .filter(|m| matches!(m.event, care_engine::shift::ShiftEvent::Served { .. }))
        .count();
    assert_eq!(served, answered, "every answer reached the engine");
    assert_eq!(outcome.result.customers.len(), 4);
}

/// Runs frames until the shift's save has reached the database (off the frame).
fn wait_shift_saved(app: &mut App) -> SaveStatus {
    let until = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        app.update();
        let saved = app.world().resource::<ShiftOutcome>().saved.clone();
        if !matches!(saved, SaveStatus::Pending | SaveStatus::Saving)
            || std::time::Instant::now() > until
        {
            return saved;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn signed_in_app(dir: &std::path::Path, name: &str) -> App {
    use care::game::progress::{Account, StoreConfig};
    let mut app = common::headless_game(|app| {
        app.insert_resource(StoreConfig(care_store::StoreLocation::in_dir(dir)));
        app.insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_millis(
            500,
        )));
    });
    let store = common::store_of(&app);
    let known = store
        .employees()
        .expect("employees")
        .into_iter()
        .find(|e| e.display_name == name);
    app.world_mut().write_message(match known {
        Some(e) => Account::SignIn(e.id),
        None => Account::Register {
            name: name.into(),
            team: "Harbour".into(),
        },
    });
    app.update();
    common::settle(&mut app);
    app
}

#[test]
fn a_signed_in_trainee_finds_each_conversation_of_the_shift_in_their_progress() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = signed_in_app(dir.path(), "Ana Lima");
    start(&mut app, "company-page-monday");
    run_to_debrief(&mut app, |_, _| {});
    assert_eq!(wait_shift_saved(&mut app), SaveStatus::Saved);
    assert_eq!(app.world().resource::<ShiftOutcome>().conversations, 4);
    let attempts = common::trainee(&app).attempts().expect("attempts");
    assert_eq!(attempts.len(), 4, "one attempt per customer");
}

#[test]
fn a_shift_interrupted_by_a_crash_resumes_where_its_last_answer_left_it() {
    use care::game::shift_saving::{InterruptedShifts, ResumeShift};
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = signed_in_app(dir.path(), "Ana Lima");
    start(&mut app, "company-page-monday");
    // Answer two customers, then the window dies.
    let mut answered = 0;
    for _ in 0..2_000 {
        if answered == 2 {
            break;
        }
        app.update();
        let active = app.world().resource::<ActiveShift>();
        if let Some(c) = active.focus
            && let CustomerState::Waiting(_) = active.run.state(c)
            && active.run.run(c).is_some_and(|r| r.choices_offered() > 0)
        {
            app.world_mut().write_message(ShiftAnswer {
                customer: c,
                input: Input::Choice(0),
            });
            app.update();
            answered += 1;
        }
    }
    assert_eq!(answered, 2);
    let inputs = app.world().resource::<ActiveShift>().run.inputs().to_vec();
    // Let the save worker write the newest checkpoint, then crash (no exit, no save).
    for _ in 0..50 {
        app.update();
        std::thread::sleep(Duration::from_millis(10));
    }
    drop(app);

    let mut app = signed_in_app(dir.path(), "Ana Lima");
    assert_eq!(screen(&app), Screen::Library);
    let interrupted = app.world().resource::<InterruptedShifts>().0.clone();
    assert_eq!(
        interrupted.len(),
        1,
        "the library offers the shift to resume"
    );
    app.world_mut()
        .write_message(ResumeShift(interrupted[0].id));
    app.update();
    app.update();
    assert_eq!(screen(&app), Screen::Shift);
    let resumed = app.world().resource::<ActiveShift>();
    let answers = |i: &[care_engine::shift::ShiftInput]| {
        i.iter()
            .filter(|x| matches!(x, care_engine::shift::ShiftInput::Answer { .. }))
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(
        answers(resumed.run.inputs()),
        answers(&inputs),
        "both answers are back"
    );
    run_to_debrief(&mut app, |_, _| {});
    assert_eq!(wait_shift_saved(&mut app), SaveStatus::Saved);
    let attempts = common::trainee(&app).attempts().expect("attempts");
    assert_eq!(attempts.len(), 4, "saved once, whole");
    let left = common::trainee(&app)
        .interrupted_shifts()
        .expect("checkpoints");
    assert!(
        left.is_empty(),
        "the finished shift is no longer interrupted"
    );
}
