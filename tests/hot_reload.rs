//! Editing a scenario while the game runs: the change shows; a broken edit keeps the last good
//! version and reports where the problem is.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

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

const SHIFT: &str = r#"Shift(
    id: "one-at-the-door",
    title: "One at the door",
    summary: "A quiet morning.",
    lesson: "Greet whoever walks in.",
    starts: (day: Saturday, time: "09:00"),
    seed: 1,
    pass_mark: 50,
    customers: [
        (scenario: "nobody-said-hello", arrives: At(0), label: "A shopper by the door"),
    ],
)
"#;

const CURRICULUM: &str = r#"Curriculum(
    id: "the-door",
    title: "The door",
    summary: "Greeting.",
    steps: [
        (id: "greet", scenario: "nobody-said-hello"),
    ],
)
"#;

#[test]
fn shifts_and_curricula_keep_their_last_good_version_on_a_broken_edit() {
    use care::game::onboarding::Curricula;
    use care::game::shifts::ShiftLibrary;

    let (dir, _, _) = common::editable_scenario();
    let shift = dir.path().join("one-at-the-door.shift.ron");
    let curriculum = dir.path().join("the-door.curriculum.ron");
    std::fs::write(&shift, SHIFT).unwrap();
    std::fs::write(&curriculum, CURRICULUM).unwrap();
    let mut app = app(dir.path());
    let titles = |a: &App| {
        let shifts = a.world().resource::<ShiftLibrary>();
        let curricula = a.world().resource::<Curricula>();
        (
            shifts
                .shifts
                .iter()
                .map(|s| s.title.clone())
                .collect::<Vec<_>>(),
            curricula
                .list
                .iter()
                .map(|c| c.title.clone())
                .collect::<Vec<_>>(),
        )
    };
    assert!(
        until(&mut app, |a| titles(a)
            == (
                vec!["One at the door".to_string()],
                vec!["The door".to_string()]
            )),
        "both load: {:?}",
        titles(&app)
    );

    std::fs::write(&shift, SHIFT.replacen("customers: [", "customers: [[", 1)).unwrap();
    std::fs::write(&curriculum, CURRICULUM.replacen("steps: [", "steps: [[", 1)).unwrap();
    assert!(
        until(&mut app, |a| {
            !a.world().resource::<ShiftLibrary>().problems.is_empty()
                && !a.world().resource::<Curricula>().problems.is_empty()
        }),
        "the broken edits are reported"
    );
    assert_eq!(
        titles(&app),
        (
            vec!["One at the door".to_string()],
            vec!["The door".to_string()]
        ),
        "the last good versions stay offered"
    );
    let problem = &app.world().resource::<ShiftLibrary>().problems[0];
    assert!(
        problem.file.ends_with("one-at-the-door.shift.ron") && problem.line > 1,
        "{problem:?}"
    );

    std::fs::remove_file(&shift).unwrap();
    assert!(
        until(&mut app, |a| a
            .world()
            .resource::<ShiftLibrary>()
            .shifts
            .is_empty()),
        "a removed shift file takes its shift with it"
    );
}
