//! Author mode and the file on disk: a file changed on disk after it was opened is never
//! overwritten without the trainer's say. Saving reports the conflict and writes nothing; the
//! trainer keeps theirs (written over the file) or takes the version on disk (and undo brings
//! theirs back). A document with no edits follows its file when it changes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod common;

use bevy::prelude::*;
use care::game::author::{
    EditScenario, OpenScenario, ResolveConflict, SaveScenario, ScenarioEditor, Undo,
};
use care_engine::edit::Edit;

use common::editor::{app, send, settle};

fn editor(app: &App) -> &ScenarioEditor {
    app.world().resource::<ScenarioEditor>()
}

fn text(app: &App) -> String {
    editor(app).document().expect("open").text().to_owned()
}

fn patience(app: &mut App, secs: u32) {
    send(app, EditScenario(Edit::SetPatience { secs }));
}

#[test]
fn a_file_changed_on_disk_is_a_conflict_and_both_choices_work() {
    let (dir, file, original) = common::editable_scenario();
    let store = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), store.path());
    send(&mut app, OpenScenario(file.clone()));
    assert!(!editor(&app).is_modified());
    patience(&mut app, 33);
    assert!(editor(&app).is_modified(), "shown as edited");

    // Someone else changes the file: saving writes nothing and says so.
    let theirs = original.replacen("\"Nobody said hello\"", "\"Nobody said hi\"", 1);
    std::fs::write(&file, &theirs).unwrap();
    send(&mut app, SaveScenario);
    let conflict = editor(&app).conflict().expect("a conflict");
    assert_eq!(conflict.path, file);
    assert_eq!(conflict.theirs.as_deref(), Some(theirs.as_str()));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        theirs,
        "nothing written"
    );
    assert!(editor(&app).is_modified(), "the edits are still there");

    // Keep mine: written over the file.
    send(&mut app, ResolveConflict::KeepMine);
    assert!(editor(&app).conflict().is_none());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text(&app));
    assert!(text(&app).contains("patience_secs: 33"));
    assert!(!editor(&app).is_modified());

    // Again, and this time take theirs.
    patience(&mut app, 44);
    let ours = text(&app);
    let theirs = std::fs::read_to_string(&file).unwrap().replacen(
        "\"Nobody said hello\"",
        "\"Hello, anyone?\"",
        1,
    );
    std::fs::write(&file, &theirs).unwrap();
    send(&mut app, SaveScenario);
    assert!(editor(&app).conflict().is_some());
    send(&mut app, ResolveConflict::TakeTheirs);
    assert!(editor(&app).conflict().is_none());
    assert_eq!(text(&app), theirs);
    assert!(!editor(&app).is_modified());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), theirs);
    // Nothing is lost: undo brings the trainer's version back, and it saves.
    send(&mut app, Undo);
    assert_eq!(text(&app), ours);
    send(&mut app, SaveScenario);
    assert!(editor(&app).conflict().is_none());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), ours);
}

#[test]
fn a_deleted_file_is_a_conflict_that_keeping_mine_writes_again() {
    let (dir, file, _) = common::editable_scenario();
    let store = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), store.path());
    send(&mut app, OpenScenario(file.clone()));
    patience(&mut app, 50);
    std::fs::remove_file(&file).unwrap();
    send(&mut app, SaveScenario);
    let conflict = editor(&app).conflict().expect("a conflict");
    assert_eq!(conflict.theirs, None);
    send(&mut app, ResolveConflict::KeepMine);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text(&app));
}

#[test]
fn a_document_without_edits_follows_its_file() {
    let (dir, file, original) = common::editable_scenario();
    let store = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), store.path());
    send(&mut app, OpenScenario(file.clone()));
    let changed = original.replacen("\"Nobody said hello\"", "\"Nobody said hi\"", 1);
    std::fs::write(&file, &changed).unwrap();
    // The library sees the change (as hot reload does), and the editor reads the file again.
    let folder = app
        .world()
        .resource::<care::game::library::ScenarioFolder>()
        .0
        .clone();
    app.world_mut()
        .resource_mut::<care::game::library::ScenarioLibrary>()
        .reload(&folder);
    settle(&mut app);
    assert_eq!(text(&app), changed);
    assert!(!editor(&app).is_modified());
}
