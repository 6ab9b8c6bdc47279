//! Author mode's editor without a window: a scenario built purely through the messages the
//! screen sends (from a channel template to three beats with a typed moment, connected), a
//! problem found, shown on its beat and fixed, undo and redo, the example replies judged, a
//! play-test of the unsaved text, a save into the scenarios folder that `care check` passes,
//! and a play-through of the saved file with the game's session messages.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod common;

use bevy::prelude::*;
use care::game::author::{
    AddNode, ContinueEdit, EditScenario, NewNode, NewScenario, Redo, SaveScenario, ScenarioEditor,
    Status, Undo,
};
use care::game::session::{ActiveRun, LastResult, StartFromBeat, StartScenario};
use care::screens::Screen;
use care_engine::edit::{Edit, Exit, ReplyExamples, TextAt};
use care_engine::labelled::Branch;
use care_engine::load::{LoadOptions, load_bytes};
use care_engine::model::Outcome;
use care_engine::raw::RawCond;
use care_engine::run::StartState;
use care_engine::{BeatId, Channel, NodeId, Severity};

use common::editor::{app, send};

fn edit(app: &mut App, e: Edit) {
    send(app, EditScenario(e));
    if let Some(Status::Problem(p)) = editor(app).status() {
        panic!("the edit was refused: {p}");
    }
}

fn editor(app: &App) -> &ScenarioEditor {
    app.world().resource::<ScenarioEditor>()
}

fn beat(app: &App, key: &str) -> BeatId {
    editor(app)
        .document()
        .and_then(|d| d.beat_id(key))
        .unwrap_or_else(|| panic!("no beat `{key}`"))
}

fn errors_at(app: &App, node: NodeId) -> Vec<String> {
    let checked = editor(app).checked().expect("checked");
    checked
        .about(node)
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.message.clone())
        .collect()
}

#[test]
fn a_scenario_built_with_the_editor_saves_checks_and_plays() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, store) = (dir.path().join("scenarios"), dir.path().join("store"));
    std::fs::create_dir_all(&folder).unwrap();
    let mut app = app(&folder, &store);

    send(
        &mut app,
        NewScenario {
            id: "lost-voucher".into(),
            channel: Channel::LiveChat,
        },
    );
    assert!(editor(&app).is_modified(), "a new scenario is unsaved");
    assert_eq!(
        editor(&app).file(),
        Some(folder.join("lost-voucher.scenario.ron"))
    );
    let opening = beat(&app, "opening");
    edit(
        &mut app,
        Edit::SetText {
            at: TextAt::Title,
            text: "The lost voucher".into(),
        },
    );
    // Typing in a field is one undo step, however many letters.
    let says = [
        "hi",
        "hi, my voucher",
        "hi, my voucher won't work at checkout",
    ];
    for (i, says) in says.into_iter().enumerate() {
        let e = Edit::SetText {
            at: TextAt::Says(opening),
            text: says.into(),
        };
        if i == 0 {
            edit(&mut app, e);
        } else {
            send(&mut app, ContinueEdit(e));
        }
    }
    let doc = editor(&app).document().unwrap();
    assert_eq!(
        doc.undo_label(),
        Some("edit what the customer says in `opening`")
    );
    let mut once = doc.clone();
    once.undo();
    assert_eq!(
        once.undo_label(),
        Some("edit the title"),
        "one step for the typing"
    );

    // The second beat comes from dragging the opening's response to empty space.
    send(
        &mut app,
        AddNode {
            node: NewNode::Beat,
            from: Some(Exit::Response(opening, 0)),
            place: Some((1, 0)),
        },
    );
    let details = beat(&app, "beat");
    edit(
        &mut app,
        Edit::RenameBeat {
            beat: details,
            to: "details".into(),
        },
    );
    let raw = editor(&app).document().unwrap().raw().unwrap().clone();
    assert_eq!(
        raw.beats[0].responses[0].next, "details",
        "connected, and renamed with it"
    );
    let node = editor(&app).graph().node(NodeId::Beat(details)).unwrap();
    assert_eq!(
        (node.column, node.row),
        (1, 0),
        "placed where it was dropped"
    );

    // The third beat, added on its own and connected after.
    send(
        &mut app,
        AddNode {
            node: NewNode::Beat,
            from: None,
            place: Some((2, 0)),
        },
    );
    let third = beat(&app, "beat");
    edit(
        &mut app,
        Edit::RenameBeat {
            beat: third,
            to: "sorted".into(),
        },
    );
    let sorted = beat(&app, "sorted");
    send(
        &mut app,
        AddNode {
            node: NewNode::Ending(Outcome::Lost),
            from: Some(Exit::Timeout(details)),
            place: Some((2, 1)),
        },
    );

    // The typed moment, its reply leading to `sorted` when it meets the criterion.
    let mut moment = editor(&app)
        .document()
        .unwrap()
        .new_typed_moment(details)
        .unwrap();
    moment.typed.branches[0].next = "sorted".into();
    moment.typed.next = "lost".into();
    moment.examples = Some(ReplyExamples {
        good: vec![
            "{first}, I'm so sorry. I've sorted it for you now: a new code is on its way.".into(),
        ],
        poor: vec!["Dear valued customer, we will look into it.".into()],
    });
    edit(&mut app, Edit::AddTypedMoment(Box::new(moment)));
    let raw = editor(&app).document().unwrap().raw().unwrap().clone();
    assert_eq!(
        raw.beats[1].typed.as_ref().unwrap().branches[0].when,
        RawCond::Met("fix".into())
    );
    assert!(
        editor(&app)
            .graph()
            .node(NodeId::Beat(sorted))
            .unwrap()
            .reachable
    );

    // A problem, shown on its beat, then fixed.
    edit(
        &mut app,
        Edit::SetText {
            at: TextAt::Says(sorted),
            text: "Thanks, {nickname}!".into(),
        },
    );
    let problems = errors_at(&app, NodeId::Beat(sorted));
    assert!(
        problems.iter().any(|m| m.contains("nickname")),
        "the unknown placeholder is on `sorted`: {problems:?}"
    );
    assert!(
        editor(&app).checked().unwrap().scenario.is_none(),
        "nothing to play while it has errors"
    );
    edit(
        &mut app,
        Edit::SetText {
            at: TextAt::Says(sorted),
            text: "That worked, thank you!".into(),
        },
    );
    assert!(errors_at(&app, NodeId::Beat(sorted)).is_empty());
    // Undo brings the problem back; redo fixes it again.
    send(&mut app, Undo);
    assert!(!errors_at(&app, NodeId::Beat(sorted)).is_empty());
    send(&mut app, Redo);
    assert!(errors_at(&app, NodeId::Beat(sorted)).is_empty());
    let checked = editor(&app).checked().unwrap();
    assert_eq!(checked.errors(), 0, "{:#?}", checked.diagnostics);
    let a = checked.analysis.as_ref().expect("score ranges");
    assert!(a.best_overall.score > a.worst_overall.score);

    // The example replies are judged (by the game's judging worker) and lead where they should.
    let examples = editor(&app).examples();
    let good = examples
        .result(
            "details",
            "{first}, I'm so sorry. I've sorted it for you now: a new code is on its way.",
        )
        .expect("judged")
        .as_ref()
        .expect("no problem");
    assert_eq!(good.branch, Branch::Best, "{good:?}");
    assert_eq!(good.leads_to.as_deref(), Some("sorted"));
    let poor = examples
        .result("details", "Dear valued customer, we will look into it.")
        .expect("judged")
        .as_ref()
        .expect("no problem");
    assert!(poor.points < good.points, "{poor:?} {good:?}");

    // Play-test from `details`, unsaved: the edited text is what plays.
    let scenario = editor(&app).checked().unwrap().scenario.clone().unwrap();
    assert!(!folder.join("lost-voucher.scenario.ron").exists());
    send(
        &mut app,
        StartFromBeat {
            state: StartState::of(&scenario),
            scenario,
            beat: details,
        },
    );
    app.update();
    assert_eq!(*app.world().resource::<State<Screen>>().get(), Screen::Play);
    let active = app.world().resource::<ActiveRun>();
    assert!(active.practice);
    assert_eq!(active.run.scenario().title, "The lost voucher");
    assert_eq!(active.run.current_beat(), Some(details));

    // Saved, it is a file that `care check` passes with no errors, with its labelled replies.
    send(&mut app, SaveScenario);
    assert!(!editor(&app).is_modified(), "{:?}", editor(&app).status());
    let file = folder.join("lost-voucher.scenario.ron");
    let text = std::fs::read_to_string(&file).expect("saved");
    let loaded = load_bytes(
        "lost-voucher.scenario.ron",
        text.as_bytes(),
        LoadOptions::linted(),
    );
    let errors: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{text}");
    let scenario = std::sync::Arc::new(loaded.scenario.expect("loads"));
    assert!(folder.join("lost-voucher.replies.ron").exists());

    // Played through with the session's messages: the good answer, then a good reply.
    common::send(&mut app, StartScenario { scenario, seed: 5 });
    common::choose_written(&mut app, 0);
    let first = app
        .world()
        .resource::<ActiveRun>()
        .run
        .persona()
        .first_name()
        .to_owned();
    common::play_script(
        &mut app,
        &[care_engine::script::ScriptedAnswer::Type(
            format!("{first}, I'm so sorry. I've sorted it for you now."),
            20.0,
        )],
    );
    let at = app.world().resource::<ActiveRun>().run.current_beat();
    assert_eq!(at, Some(sorted), "the reply met the criterion");
    common::choose_written(&mut app, 0);
    let result = app.world().resource::<LastResult>();
    assert_eq!(
        result.card.outcome,
        Some(Outcome::Resolved),
        "{:#?}",
        result.transcript
    );
}

#[test]
fn a_new_scenario_is_refused_an_id_or_a_file_already_there() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, store) = (dir.path().join("scenarios"), dir.path().join("store"));
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("taken.scenario.ron"), "not a scenario").unwrap();
    let mut app = app(&folder, &store);
    for (id, says) in [
        ("../up", "cannot be a file name"),
        ("taken", "already exists"),
    ] {
        send(
            &mut app,
            NewScenario {
                id: id.into(),
                channel: Channel::Email,
            },
        );
        assert!(editor(&app).document().is_none());
        match editor(&app).status() {
            Some(Status::Problem(p)) => assert!(p.contains(says), "{p}"),
            other => panic!("{id}: {other:?}"),
        }
    }
}

#[test]
fn closing_the_window_asks_first_only_when_there_are_edits_to_lose() {
    use bevy::window::WindowCloseRequested;
    use care::game::author::CloseAsked;
    let dir = tempfile::tempdir().unwrap();
    let (folder, store) = (dir.path().join("scenarios"), dir.path().join("store"));
    let mut app = app(&folder, &store);
    let exits = |app: &App| app.world().resource::<Messages<AppExit>>().len();
    let close = WindowCloseRequested {
        window: Entity::PLACEHOLDER,
    };
    send(
        &mut app,
        NewScenario {
            id: "unsaved".into(),
            channel: Channel::Phone,
        },
    );
    app.world_mut().write_message(close.clone());
    app.update();
    assert!(app.world().resource::<CloseAsked>().0, "asks first");
    assert_eq!(exits(&app), 0, "and does not close");

    send(&mut app, care::game::author::CloseScenario);
    app.world_mut().resource_mut::<CloseAsked>().0 = false;
    app.world_mut().write_message(close);
    app.update();
    assert!(!app.world().resource::<CloseAsked>().0);
    assert_eq!(exits(&app), 1, "nothing to lose: it closes");
}
