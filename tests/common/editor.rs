//! Author mode without a window, for the editor's tests: the game on a scenarios folder and a
//! store of its own, and messages sent as the screen sends them, each followed by frames until
//! the editor has worked everything out.

use std::path::Path;
use std::time::{Duration, Instant};

use bevy::prelude::*;
use care::game::author::ScenarioEditor;
use care::game::progress::StoreConfig;

/// The game on the scenarios folder `folder` and a store in `store`.
#[allow(dead_code, reason = "only the editor's tests use it")]
pub fn app(folder: &Path, store: &Path) -> App {
    let (folder, store) = (folder.to_path_buf(), store.to_path_buf());
    super::headless_game(move |app| {
        app.insert_resource(care::game::library::ScenarioFolder(folder));
        app.insert_resource(StoreConfig(care_store::StoreLocation::in_dir(&store)));
    })
}

/// Runs frames until the editor has worked everything out (at most two minutes: the judge
/// loads its model first).
#[allow(dead_code, reason = "only the editor's tests use it")]
pub fn settle(app: &mut App) {
    let deadline = Instant::now() + Duration::from_secs(120);
    app.update();
    while app.world().resource::<ScenarioEditor>().working() {
        assert!(Instant::now() < deadline, "the editor never settled");
        std::thread::sleep(Duration::from_millis(5));
        app.update();
    }
}

/// Sends a message as the screen would and waits for the editor.
#[allow(dead_code, reason = "only the editor's tests use it")]
pub fn send<M: Message>(app: &mut App, m: M) {
    app.world_mut().write_message(m);
    settle(app);
}
