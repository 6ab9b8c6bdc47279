//! Editing a scenario while the game runs: the change shows; a broken edit keeps the last good
//! version and reports where the problem is.

mod common;

use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use care::game::library::{ScenarioFolder, ScenarioLibrary};

fn app(dir: &std::path::Path) -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin));
    app.insert_resource(ScenarioFolder(dir.to_path_buf()));
    app.add_plugins((care::game::plugin, care::screens::plugin));
    app.update();
    app
}

fn title(app: &App) -> Option<String> {
    let lib = app.world().resource::<ScenarioLibrary>();
    lib.scenarios
        .iter()
        .find(|s| s.id == "nobody-said-hello")
        .map(|s| s.title.clone())
}

/// Runs frames until `done` holds (the watcher reports changes after a short settle time).
fn until(app: &mut App, done: impl Fn(&App) -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        app.update();
        if done(app) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

#[test]
fn an_edit_shows_and_a_broken_edit_keeps_the_last_good_version() {
    let (dir, file, original) = common::editable_scenario();
    let mut app = app(dir.path());
    assert_eq!(title(&app).as_deref(), Some("Nobody said hello"));

    std::fs::write(
        &file,
        original.replacen("\"Nobody said hello\"", "\"Nobody said hi\"", 1),
    )
    .unwrap();
    assert!(
        until(&mut app, |a| title(a).as_deref() == Some("Nobody said hi")),
        "the edited title shows without a restart"
    );

    std::fs::write(&file, original.replacen("beats: [", "beats: [[", 1)).unwrap();
    assert!(
        until(&mut app, |a| !a
            .world()
            .resource::<ScenarioLibrary>()
            .problems
            .is_empty()),
        "the broken edit is reported"
    );
    let lib = app.world().resource::<ScenarioLibrary>();
    assert_eq!(
        title(&app).as_deref(),
        Some("Nobody said hi"),
        "the last good version stays playable"
    );
    let p = &lib.problems[0];
    assert!(p.file.ends_with("nobody-said-hello.scenario.ron"), "{p:?}");
    assert!(p.line > 1, "the problem has a line: {p:?}");
    let banner = care::screens::problems_banner(&lib.problems);
    assert!(
        banner.contains("nobody-said-hello.scenario.ron:"),
        "{banner}"
    );

    std::fs::remove_file(&file).unwrap();
    assert!(
        until(&mut app, |a| title(a).is_none()),
        "a removed file takes its scenario with it"
    );
}
