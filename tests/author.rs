//! Author mode's model: the branch graph's layout and the score ranges, recomputed when the
//! scenario file changes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod common;

use care::game::author::{AuthorView, layout};
use care::game::library::ScenarioLibrary;
use care_engine::ids::NodeId;

#[test]
fn the_graph_starts_at_the_first_beat_and_reaches_every_ending() {
    let lib = ScenarioLibrary::load(concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios").as_ref());
    for s in &lib.scenarios {
        let l = layout(s);
        let start = l
            .position(NodeId::Beat(s.start))
            .expect("the start is placed");
        assert_eq!((start.column, start.row), (0, 0), "{}", s.id);
        for (from, to) in &l.edges {
            let (a, b) = (
                l.position(*from).expect("placed"),
                l.position(*to).expect("placed"),
            );
            assert!(
                b.column <= a.column + 1,
                "{}: an edge skips no column forward",
                s.id
            );
        }
        let endings = l
            .nodes
            .iter()
            .filter(|p| matches!(p.node, NodeId::Ending(_)))
            .count();
        assert_eq!(
            endings,
            s.endings.len(),
            "{}: every ending is reachable and drawn",
            s.id
        );
        let mut seen = std::collections::HashSet::new();
        assert!(
            l.nodes.iter().all(|p| seen.insert((p.column, p.row))),
            "{}: no two nodes overlap",
            s.id
        );
    }
}

#[test]
fn the_view_follows_an_edited_file() {
    let (dir, file, original) = common::editable_scenario();
    let mut lib = ScenarioLibrary::load(dir.path());
    let mut view = AuthorView {
        selected: Some("nobody-said-hello".into()),
        ..Default::default()
    };
    view.refresh(&lib.scenarios);
    let a = view.analysis.as_ref().expect("analysed");
    assert!(!a.paths.is_empty());
    assert!(a.best_overall.score >= a.worst_overall.score);
    let before = view.shown.as_ref().unwrap().content_hash.clone();

    std::fs::write(
        &file,
        original.replacen("\"Nobody said hello\"", "\"Nobody said hi\"", 1),
    )
    .unwrap();
    lib.reload(dir.path());
    view.refresh(&lib.scenarios);
    let shown = view.shown.as_ref().unwrap();
    assert_ne!(shown.content_hash, before, "the edit was picked up");
    assert_eq!(shown.title, "Nobody said hi");
}

#[test]
fn playing_from_a_chosen_beat_starts_there_and_saves_nothing() {
    use bevy::prelude::*;
    use bevy::state::app::StatesPlugin;
    use care::game::progress::{Account, StoreConfig};
    use care::game::session::{ActiveRun, LastResult, SaveStatus, StartFromBeat, SubmitAnswer};
    use care::screens::Screen;
    use care_engine::run::{Input, StartState};

    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin));
    app.insert_resource(care::game::library::ScenarioFolder(
        concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios").into(),
    ));
    app.insert_resource(StoreConfig(care_store::StoreLocation::in_dir(dir.path())));
    app.add_plugins((care::game::plugin, care::screens::plugin));
    app.update();
    // The store opens on the persistence worker: sign up once it has.
    common::settle(&mut app);
    app.world_mut().write_message(Account::Register {
        name: "Tess".into(),
        team: "Trainers".into(),
    });
    app.update();
    common::settle(&mut app);

    let s = app
        .world()
        .resource::<ScenarioLibrary>()
        .scenarios
        .iter()
        .find(|s| s.id == "nobody-said-hello")
        .cloned()
        .unwrap();
    let beat = care_engine::BeatId(1);
    let mut state = StartState::of(&s);
    state.mood = -40;
    app.world_mut().write_message(StartFromBeat {
        scenario: s.clone(),
        beat,
        state,
    });
    app.update();
    app.update();
    assert_eq!(*app.world().resource::<State<Screen>>().get(), Screen::Play);
    let active = app.world().resource::<ActiveRun>();
    assert!(active.practice);
    assert_eq!(active.run.current_beat(), Some(beat));
    assert_eq!(active.run.mood(), -40);

    for _ in 0..10 {
        if app.world().get_resource::<ActiveRun>().is_none() {
            break;
        }
        app.world_mut()
            .write_message(SubmitAnswer(Input::Choice(0)));
        app.update();
    }
    app.update();
    assert_eq!(
        app.world().resource::<LastResult>().saved,
        SaveStatus::Practice
    );
    let view = common::trainee(&app);
    assert!(view.attempts().unwrap().is_empty(), "nothing was saved");
    assert!(
        view.interrupted().unwrap().is_empty(),
        "nothing was checkpointed"
    );
}
