//! Author mode's model: the branch graph's layout and the score ranges, recomputed when the
//! scenario file changes.

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
