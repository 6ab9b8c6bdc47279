//! The game's plugins without a window: starts a scenario from the library as a guest, answers
//! through the same messages the UI sends, and checks the debrief's result.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod common;

use bevy::prelude::*;
use care::game::library::ScenarioLibrary;
use care::game::session::{ActiveRun, LastResult, StartScenario, SubmitAnswer};
use care::screens::Screen;
use care_engine::run::Input;

fn app() -> App {
    let mut app = common::headless_game(|_| {});
    app.world_mut()
        .write_message(care::game::progress::Account::Guest);
    app.update();
    app.update();
    app
}

fn start(app: &mut App, id: &str) {
    let scenario = {
        let lib = app.world().resource::<ScenarioLibrary>();
        lib.scenarios
            .iter()
            .find(|s| s.id == id)
            .cloned()
            .expect("scenario in the library")
    };
    app.world_mut()
        .write_message(StartScenario { scenario, seed: 3 });
    app.update();
    app.update();
}

fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

#[test]
fn the_library_loads_the_shipped_scenarios() {
    let app = app();
    let lib = app.world().resource::<ScenarioLibrary>();
    assert!(lib.scenarios.iter().any(|s| s.id == "nobody-said-hello"));
    assert!(lib.problems.is_empty(), "{:?}", lib.problems);
    assert_eq!(screen(&app), Screen::Library);
}

#[test]
fn playing_to_the_end_shows_the_debrief_with_scores() {
    let mut app = app();
    start(&mut app, "nobody-said-hello");
    assert_eq!(screen(&app), Screen::Play);
    for choice in [0, 0, 0] {
        common::choose_written(&mut app, choice);
    }
    app.update();
    assert_eq!(screen(&app), Screen::Debrief);
    let result = app.world().resource::<LastResult>();
    assert!(result.card.passed, "{:#?}", result.card);
    assert_eq!(
        result.transcript.ending().map(|(_, k)| k),
        Some("came_back")
    );
}

#[test]
fn an_invalid_answer_is_ignored_not_a_crash() {
    let mut app = app();
    start(&mut app, "nobody-said-hello");
    app.world_mut()
        .write_message(SubmitAnswer(Input::Choice(8)));
    app.update();
    assert_eq!(screen(&app), Screen::Play);
    assert!(!app.world().resource::<ActiveRun>().run.is_finished());
}

#[test]
fn a_paused_customer_waits_and_the_next_scenario_starts_running() {
    use bevy::time::TimeUpdateStrategy;
    use care::game::Pause;
    use std::time::Duration;

    let mut app = app();
    app.insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_millis(
        500,
    )));
    start(&mut app, "nobody-said-hello");
    app.world_mut()
        .resource_mut::<NextState<Pause>>()
        .set(Pause::Paused);
    app.update();
    let waited = app.world().resource::<ActiveRun>().beat_time;
    for _ in 0..20 {
        app.update();
    }
    assert_eq!(
        app.world().resource::<ActiveRun>().beat_time,
        waited,
        "ten seconds paused cost no patience"
    );

    // Leaving while paused does not carry the pause into the next scenario.
    app.world_mut()
        .resource_mut::<NextState<Screen>>()
        .set(Screen::Library);
    app.update();
    start(&mut app, "nobody-said-hello");
    assert_eq!(
        *app.world().resource::<State<Pause>>().get(),
        Pause::Running
    );
    let started = app.world().resource::<ActiveRun>().beat_time;
    for _ in 0..4 {
        app.update();
    }
    assert!(app.world().resource::<ActiveRun>().beat_time > started);
}
