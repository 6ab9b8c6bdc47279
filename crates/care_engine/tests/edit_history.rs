//! The edit history and what an edit refuses: text edits that break the file and undo that mends
//! it, edits of what does not exist, undo and redo in order, diagnostics of the current text, a
//! replies file that does not read, and a document that can live in a game resource.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod edit_support;

use care_engine::edit::{Edit, EditError, Exit, TextAt};
use care_engine::model::Outcome;
use care_engine::raw::{RawEffects, RawEnding};
use care_engine::{BeatId, EndingId};
use edit_support::{CHASER, EMAIL, GONE, commented, edit};

#[test]
fn text_edits_may_break_the_file_and_undo_mends_it() {
    let mut doc = commented();
    let before = doc.text().to_owned();
    let at = before.find("beats: [").unwrap();
    doc.apply(Edit::ReplaceText {
        range: at..at + 8,
        text: "beats: [[".into(),
    })
    .unwrap();
    assert!(doc.raw().is_none());
    assert!(doc.read_error().is_some());
    assert_eq!(doc.diagnostics()[0].code.as_str(), "care::syntax");
    let refused = doc.apply(Edit::SetPatience { secs: 1 });
    assert!(matches!(refused, Err(EditError::Unreadable(_))));
    doc.undo();
    assert_eq!(doc.text(), before);
    assert!(doc.raw().is_some());
    let len = doc.text().len();
    let bad = doc.apply(Edit::ReplaceText {
        range: len..len + 5,
        text: String::new(),
    });
    assert_eq!(bad, Err(EditError::BadRange(len..len + 5)));
}

#[test]
fn edits_of_what_does_not_exist_are_refused_and_change_nothing() {
    let mut doc = commented();
    let before = doc.text().to_owned();
    let cases = [
        (
            Edit::RemoveBeat { beat: BeatId(9) },
            EditError::NoBeat(BeatId(9)),
        ),
        (
            Edit::RemoveEnding {
                ending: EndingId(5),
            },
            EditError::NoEnding(EndingId(5)),
        ),
        (
            Edit::RemoveResponse {
                beat: EMAIL,
                response: 4,
            },
            EditError::NoResponse {
                beat: "email".into(),
                response: 4,
            },
        ),
        (
            Edit::SetText {
                at: TextAt::Prompt(EMAIL),
                text: "x".into(),
            },
            EditError::NoExit {
                beat: "email".into(),
                what: "typed reply",
            },
        ),
        (
            Edit::SetText {
                at: TextAt::StepNarration(Exit::Response(EMAIL, 0)),
                text: "x".into(),
            },
            EditError::NoExit {
                beat: "email".into(),
                what: "narration of its own",
            },
        ),
        (
            Edit::SetEffects {
                exit: Exit::Then(EMAIL),
                effects: RawEffects::default(),
            },
            EditError::NoExit {
                beat: "email".into(),
                what: "`then`",
            },
        ),
        (
            Edit::RenameBeat {
                beat: EMAIL,
                to: "gone".into(),
            },
            EditError::IdTaken("gone".into()),
        ),
        (
            Edit::RenameEnding {
                ending: GONE,
                to: String::new(),
            },
            EditError::EmptyId,
        ),
        (
            Edit::AddEnding {
                ending: Box::new(RawEnding {
                    id: "x".into(),
                    outcome: Outcome::Lost,
                    text: "x".into(),
                    effects: None,
                }),
                at: Some(7),
            },
            EditError::BadPosition { at: 7, len: 2 },
        ),
    ];
    for (e, expected) in cases {
        assert_eq!(doc.apply(e.clone()), Err(expected), "{e:?}");
        assert_eq!(doc.text(), before);
    }
    assert!(!doc.can_undo());
    // An edit that changes nothing is not recorded.
    let same = doc.apply(Edit::SetPatience { secs: 60 }).unwrap();
    assert!(same.is_empty());
    assert!(!doc.can_undo());
}

#[test]
fn the_history_undoes_and_redoes_in_order() {
    let mut doc = commented();
    let original = doc.text().to_owned();
    let mut texts = vec![original.clone()];
    for secs in [10, 20, 30] {
        doc.apply(Edit::SetPatience { secs }).unwrap();
        texts.push(doc.text().to_owned());
    }
    assert_eq!(doc.undo_label(), Some("set the customer's patience"));
    for t in texts.iter().rev().skip(1) {
        doc.undo();
        assert_eq!(doc.text(), t);
    }
    assert!(!doc.can_undo() && doc.can_redo());
    doc.redo();
    assert_eq!(doc.text(), texts[1]);
    // A new edit after undo drops what could be redone.
    doc.apply(Edit::SetPatience { secs: 99 }).unwrap();
    assert!(!doc.can_redo());
    assert_eq!(doc.undo(), Some(&Edit::SetPatience { secs: 99 }));
}

#[test]
fn diagnostics_follow_the_current_text() {
    let mut doc = commented();
    assert!(
        doc.diagnostics()
            .iter()
            .all(|d| d.severity == care_engine::Severity::Warning)
    );
    doc.apply(Edit::RemoveEnding { ending: GONE }).unwrap();
    let errors: Vec<_> = doc
        .diagnostics()
        .into_iter()
        .filter(|d| d.severity == care_engine::Severity::Error)
        .collect();
    assert!(
        errors.iter().any(|d| d.message.contains("`gone`")),
        "{errors:#?}"
    );
    assert!(
        errors
            .iter()
            .all(|d| d.file.ends_with("commented.scenario.ron") && d.line > 0)
    );
    doc.undo();
    assert!(
        doc.diagnostics()
            .iter()
            .all(|d| d.severity == care_engine::Severity::Warning)
    );
}

#[test]
fn a_replies_file_that_does_not_read_is_left_alone_and_reported() {
    let doc = commented();
    let broken =
        "LabelledReplies(scenario: \"commented\", moments: [(beat: \"chaser\", good: [".to_owned();
    let mut doc = care_engine::edit::Document::from_text("t.scenario.ron", doc.text())
        .with_companions(Some(broken.clone()), None);
    let applied = edit(
        &mut doc,
        Edit::RenameBeat {
            beat: CHASER,
            to: "again".into(),
        },
    );
    assert_eq!(doc.replies_text(), Some(broken.as_str()));
    assert!(
        applied
            .notices
            .iter()
            .any(|n| n.to_string().contains("does not read")),
        "{:?}",
        applied.notices
    );
}

#[test]
fn a_document_can_live_in_a_game_resource() {
    fn send_sync<T: Send + Sync + 'static>() {}
    send_sync::<care_engine::edit::Document>();
    send_sync::<care_engine::edit::Edit>();
    send_sync::<care_engine::edit::SaveError>();
}
