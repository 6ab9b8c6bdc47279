//! Shared set-up for the game's tests.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use std::path::PathBuf;

pub mod editor;

/// A scenario folder in a temp dir holding one copy of "Nobody said hello", for edit tests.
/// Returns the folder guard, the file and its original text.
#[allow(dead_code, reason = "only the edit tests use it")]
pub fn editable_scenario() -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let file = dir.path().join("nobody-said-hello.scenario.ron");
    let original = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/in-store/nobody-said-hello.scenario.ron"
    ))
    .expect("the shipped scenario");
    std::fs::write(&file, &original).expect("a writable temp dir");
    (dir, file, original)
}

/// Sends a UI message and runs frames until the persistence worker has answered everything it
/// led to, as a click would.
#[allow(dead_code, reason = "not every test file sends messages")]
pub fn send<M: bevy::prelude::Message>(app: &mut bevy::prelude::App, m: M) {
    app.world_mut().write_message(m);
    app.update();
    settle(app);
}

/// Runs frames until the persistence worker has had nothing to do for two frames in a row (at
/// most half a minute): every store call made so far, and those its answers led to, are done.
#[allow(dead_code, reason = "not every test file waits on the store")]
pub fn settle(app: &mut bevy::prelude::App) {
    use care::game::persistence::Persistence;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let mut quiet = 0;
    while quiet < 2 {
        assert!(
            std::time::Instant::now() < deadline,
            "the store never answered: {:?}",
            app.world().resource::<Persistence>().oldest()
        );
        if app.world().resource::<Persistence>().idle() {
            quiet += 1;
        } else {
            quiet = 0;
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        app.update();
    }
}

/// The store the game was configured with, opened again as another station would.
#[allow(dead_code, reason = "not every test file reads the store")]
pub fn store_of(app: &bevy::prelude::App) -> care_store::Store {
    let config = app.world().resource::<care::game::progress::StoreConfig>();
    care_store::Store::open(&config.0).expect("the game's store opens")
}

/// The signed-in trainee's own view of the store, as another station would open it.
#[allow(dead_code, reason = "not every test file signs in")]
pub fn trainee(app: &bevy::prelude::App) -> care_store::TraineeView {
    let id = app
        .world()
        .resource::<care::game::progress::SignedIn>()
        .employee()
        .id;
    store_of(app).trainee(id).expect("the trainee's view")
}

/// Starts the shipped scenario `id` through the library's message.
#[allow(dead_code, reason = "not every test file plays")]
pub fn start_scenario(app: &mut bevy::prelude::App, id: &str, seed: u64) {
    let scenario = app
        .world()
        .resource::<care::game::library::ScenarioLibrary>()
        .scenarios
        .iter()
        .find(|s| s.id == id)
        .cloned()
        .expect("scenario in the library");
    send(app, care::game::session::StartScenario { scenario, seed });
}

/// The game's plugins with no window, on the shipped scenarios; `setup` inserts resources (a
/// store, a clock) before the plugins start. One frame has run.
#[allow(dead_code, reason = "not every test file builds the game")]
pub fn headless_game(setup: impl FnOnce(&mut bevy::prelude::App)) -> bevy::prelude::App {
    use bevy::prelude::*;
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, bevy::state::app::StatesPlugin));
    app.insert_resource(care::game::library::ScenarioFolder(
        concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios").into(),
    ));
    // Settings a test changes go to a file of its own, never to this computer's settings.
    app.insert_resource(care::game::settings::SettingsFile(
        std::env::temp_dir().join(format!("care-test-settings-{}.ron", uuid::Uuid::new_v4())),
    ));
    setup(&mut app);
    app.add_plugins((care::game::plugin, care::screens::plugin));
    app.update();
    settle(&mut app);
    app
}

/// Answers the current beat with the response written `n`-th (from 0) in the scenario file,
/// wherever the run shows it, as a trainee pressing that choice's key would.
#[allow(dead_code, reason = "not every test file plays")]
pub fn choose_written(app: &mut bevy::prelude::App, n: usize) {
    let shown = app
        .world()
        .resource::<care::game::session::ActiveRun>()
        .run
        .shown_position(n)
        .expect("the response is offered");
    send(
        app,
        care::game::session::SubmitAnswer(care_engine::run::Input::Choice(shown)),
    );
}

/// Plays scripted answers through the play screen's messages, waiting for each typed reply's
/// verdict from the judging worker.
#[allow(dead_code, reason = "not every test file plays")]
pub fn play_script(app: &mut bevy::prelude::App, answers: &[care_engine::script::ScriptedAnswer]) {
    use care::game::session::{ActiveRun, SubmitAnswer};
    for a in answers {
        let Some(active) = app.world().get_resource::<ActiveRun>() else {
            return;
        };
        let (input, _) = a.to_input(&active.run).expect("the scripted answer fits");
        send(app, SubmitAnswer(input));
        wait_for_verdict(app);
    }
}

/// Runs frames until no typed reply is waiting for the judge (at most a minute).
#[allow(dead_code, reason = "not every test file plays")]
pub fn wait_for_verdict(app: &mut bevy::prelude::App) {
    let until = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while app
        .world()
        .get_resource::<care::game::session::ActiveRun>()
        .is_some_and(|a| a.judging.is_some())
    {
        assert!(
            std::time::Instant::now() < until,
            "the judge never answered"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
        app.update();
    }
    app.update();
}

/// Runs frames until the finished run's save has reached the database (it is committed by the
/// save worker, off the frame), and returns its status.
#[allow(dead_code, reason = "not every test file saves")]
pub fn wait_saved(app: &mut bevy::prelude::App) -> care::game::session::SaveStatus {
    use care::game::session::{LastResult, SaveStatus};
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        app.update();
        let saved = app.world().resource::<LastResult>().saved.clone();
        if !matches!(saved, SaveStatus::Pending | SaveStatus::Saving)
            || std::time::Instant::now() > deadline
        {
            return saved;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}
