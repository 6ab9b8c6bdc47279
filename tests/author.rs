//! Author mode's graph of the shipped scenarios, and playing from a chosen beat. The editor
//! itself is tested in `author_edit.rs` and `author_conflict.rs`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod common;

use std::collections::HashMap;

use care::game::library::ScenarioLibrary;
use care_engine::edit::graph;
use care_engine::ids::NodeId;

#[test]
fn the_graph_of_every_shipped_scenario_starts_at_its_start_and_places_every_node_once() {
    let lib = ScenarioLibrary::load(concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios").as_ref());
    assert!(!lib.scenarios.is_empty());
    for (file, s) in lib.files() {
        let doc = care_engine::edit::Document::open(file).expect("opens");
        let raw = doc.raw().expect("reads");
        let g = graph(raw, &HashMap::new());
        let start = g.node(NodeId::Beat(s.start)).expect("the start is placed");
        assert_eq!((start.column, start.row), (0, 0), "{}", s.id);
        assert_eq!(g.nodes.len(), s.beats.len() + s.endings.len(), "{}", s.id);
        assert!(
            g.nodes.iter().all(|n| n.reachable),
            "{}: all reachable",
            s.id
        );
        assert!(
            g.links.iter().all(|l| l.to.is_some()),
            "{}: no dangling link",
            s.id
        );
        let mut seen = std::collections::HashSet::new();
        assert!(
            g.nodes.iter().all(|n| seen.insert((n.column, n.row))),
            "{}: no two nodes overlap",
            s.id
        );
    }
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
