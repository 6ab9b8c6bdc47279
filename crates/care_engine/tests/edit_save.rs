//! Saving with real files: atomic writes that leave no temporary files behind, companions saved
//! beside the scenario, and a file changed on disk since it was opened never overwritten
//! without the trainer's say.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod edit_support;

use std::path::{Path, PathBuf};

use care_engine::edit::{Document, Edit, FileKind, ReplyExamples, SaveError, TypedMoment};
use care_engine::{BeatId, Channel};

/// A folder holding a copy of the commented fixture and its companions.
fn copied() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    for suffix in [".scenario.ron", ".replies.ron", ".playthroughs.ron"] {
        let name = format!("commented{suffix}");
        std::fs::copy(edit_support::fixtures().join(&name), dir.path().join(&name)).unwrap();
    }
    let path = dir.path().join("commented.scenario.ron");
    (dir, path)
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn patience(doc: &mut Document, secs: u32) {
    doc.apply(Edit::SetPatience { secs }).unwrap();
}

#[test]
fn a_save_writes_the_text_atomically_and_leaves_nothing_else() {
    let (dir, path) = copied();
    let before = names(dir.path());
    let mut doc = Document::open(&path).unwrap();
    assert!(!doc.is_modified());
    assert_eq!(
        doc.playthroughs_text().map(|t| t.contains("Playthroughs(")),
        Some(true)
    );
    let seen = doc.fingerprint().unwrap().clone();
    patience(&mut doc, 30);
    assert!(doc.is_modified());
    let saved = doc.save().unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), doc.text());
    // The replies did not change, so their file is not written.
    assert_eq!(saved.written, vec![path.clone()]);
    assert!(!doc.is_modified());
    assert_ne!(doc.fingerprint().unwrap().hash, seen.hash);
    assert_eq!(names(dir.path()), before, "no temporary file is left");
    // Saving again, with nothing changed on disk in between, is no conflict.
    patience(&mut doc, 40);
    doc.save().unwrap();
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("patience_secs: 40,")
    );
}

#[test]
fn a_file_changed_on_disk_is_a_conflict_with_both_versions() {
    let (_dir, path) = copied();
    let mut doc = Document::open(&path).unwrap();
    patience(&mut doc, 30);
    let theirs = std::fs::read_to_string(&path)
        .unwrap()
        .replace("The late parcel", "Their title");
    std::fs::write(&path, &theirs).unwrap();
    let Err(SaveError::Conflict(conflict)) = doc.save() else {
        panic!("a conflict");
    };
    assert_eq!(conflict.file, FileKind::Scenario);
    assert_eq!(conflict.path, path);
    assert_eq!(conflict.ours, doc.text());
    assert_eq!(conflict.theirs.as_deref(), Some(theirs.as_str()));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        theirs,
        "nothing was written"
    );
    // The trainer keeps theirs: it is saved over the file.
    doc.save_overwriting().unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), doc.text());
    patience(&mut doc, 50);
    doc.save().unwrap();
}

#[test]
fn reloading_takes_the_version_on_disk_and_undo_brings_ours_back() {
    let (_dir, path) = copied();
    let mut doc = Document::open(&path).unwrap();
    patience(&mut doc, 30);
    let ours = doc.text().to_owned();
    let theirs = std::fs::read_to_string(&path)
        .unwrap()
        .replace("minutes: 4,", "minutes: 6,");
    std::fs::write(&path, &theirs).unwrap();
    assert!(matches!(doc.save(), Err(SaveError::Conflict(_))));
    doc.reload().unwrap();
    assert_eq!(doc.text(), theirs);
    assert!(!doc.is_modified());
    assert_eq!(doc.raw().unwrap().minutes, 6);
    patience(&mut doc, 20);
    doc.save().unwrap();
    doc.undo();
    doc.undo();
    assert_eq!(doc.text(), ours);
}

#[test]
fn a_deleted_file_is_a_conflict_too() {
    let (_dir, path) = copied();
    let mut doc = Document::open(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    let Err(SaveError::Conflict(conflict)) = doc.save() else {
        panic!("a conflict");
    };
    assert_eq!(conflict.theirs, None);
    assert!(!path.exists());
    doc.save_overwriting().unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), doc.text());
}

#[test]
fn a_new_scenario_and_its_new_replies_are_saved_beside_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = Document::new_scenario("fresh", Channel::LiveChat);
    assert!(matches!(doc.save(), Err(SaveError::NoPath)));
    let path = dir.path().join("fresh.scenario.ron");
    doc.save_as(&path).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), doc.text());
    let typed = care_engine::load::ron_options()
        .from_str(r#"(prompt: "Reply", next: "resolved")"#)
        .unwrap();
    let moment = TypedMoment {
        beat: BeatId(0),
        typed,
        criteria: None,
        examples: Some(ReplyExamples {
            good: vec!["Sorry, {first}! Fixed.".into()],
            poor: vec!["Please hold.".into()],
        }),
    };
    doc.apply(Edit::AddTypedMoment(Box::new(moment))).unwrap();
    let saved = doc.save().unwrap();
    let replies = dir.path().join("fresh.replies.ron");
    assert_eq!(saved.written, vec![path.clone(), replies.clone()]);
    let text = std::fs::read_to_string(&replies).unwrap();
    assert_eq!(Some(text.as_str()), doc.replies_text());
    let read = care_engine::labelled::LabelledReplies::parse(&text).unwrap();
    assert_eq!(read.moments[0].good, vec!["Sorry, {first}! Fixed."]);
    // Someone else changes the replies file: that is a conflict as well.
    std::fs::write(&replies, text.replace("Please hold.", "Hold on.")).unwrap();
    doc.apply(Edit::SetPatience { secs: 10 }).unwrap();
    let Err(SaveError::Conflict(conflict)) = doc.save() else {
        panic!("a conflict");
    };
    assert_eq!(conflict.file, FileKind::Replies);
    let reopened = Document::open(&path).unwrap();
    assert_eq!(
        reopened.raw().unwrap().customer.patience_secs,
        45,
        "nothing was written"
    );
}

#[cfg(unix)]
#[test]
fn permissions_are_kept_and_links_are_written_through() {
    use std::os::unix::fs::PermissionsExt as _;
    let (dir, path) = copied();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.path().join("link.scenario.ron");
    std::os::unix::fs::symlink(&path, &link).unwrap();
    let mut doc = Document::open(&link).unwrap();
    patience(&mut doc, 33);
    doc.save().unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("patience_secs: 33,")
    );
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

#[test]
fn reloading_replies_changed_on_disk_is_undone_with_the_rest() {
    let (dir, path) = copied();
    let replies_path = dir.path().join("commented.replies.ron");
    let original = std::fs::read_to_string(&replies_path).unwrap();
    let mut doc = Document::open(&path).unwrap();
    doc.apply(Edit::RenameBeat {
        beat: BeatId(1),
        to: "again".into(),
    })
    .unwrap();
    let ours = doc.replies_text().unwrap().to_owned();
    assert!(ours.contains("beat: \"again\""));
    let theirs = original.replace("It will be with you tomorrow.", "It ships today.");
    std::fs::write(&replies_path, &theirs).unwrap();
    let Err(SaveError::Conflict(conflict)) = doc.save() else {
        panic!("a conflict");
    };
    assert_eq!(conflict.file, FileKind::Replies);
    assert_eq!(conflict.theirs.as_deref(), Some(theirs.as_str()));
    doc.reload().unwrap();
    assert_eq!(doc.replies_text(), Some(theirs.as_str()));
    assert!(!doc.is_modified());
    assert_eq!(doc.undo_label(), Some("take the version on disk"));
    doc.undo();
    assert_eq!(doc.replies_text(), Some(ours.as_str()));
    doc.undo();
    assert_eq!(doc.replies_text(), Some(original.as_str()));
    assert!(!doc.can_undo());
}
