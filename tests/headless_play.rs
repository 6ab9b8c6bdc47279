//! The game's plugins without a window: starts a scenario from the library as a guest, answers
//! through the same messages the UI sends, and checks the debrief's result.

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
