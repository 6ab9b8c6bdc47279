//! Every edit operation on a commented fixture: what it writes (only the lines it must), that
//! undo restores the exact text and redo the exact edited text, and what it refuses.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod edit_support;

use care_engine::edit::{Edit, EditError, Exit, FileKind, Notice, PersonaPool, TextAt};
use care_engine::model::Outcome;
use care_engine::raw::{RawBeat, RawEffects, RawEnding};
use care_engine::{BeatId, EndingId, NodeId};
use edit_support::{changed_lines, commented, edit};

const EMAIL: BeatId = BeatId(0);
const CHASER: BeatId = BeatId(1);
const THANKS: BeatId = BeatId(2);
const RESOLVED: EndingId = EndingId(0);
const GONE: EndingId = EndingId(1);

/// Applies `e` to the fixture (checking undo and redo) and returns the lines added and removed.
fn lines(e: Edit) -> (Vec<String>, Vec<String>) {
    let mut doc = commented();
    let before = doc.text().to_owned();
    edit(&mut doc, e);
    changed_lines(&before, doc.text())
}

fn strs(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn set_text(at: TextAt, text: &str) -> (Vec<String>, Vec<String>) {
    lines(Edit::SetText {
        at,
        text: text.into(),
    })
}

#[test]
fn texts_are_replaced_in_place() {
    let (added, removed) = set_text(TextAt::Says(EMAIL), "Where is my \"parcel\"?");
    assert_eq!(
        added,
        strs(&[r#"            says: "Where is my \"parcel\"?","#])
    );
    assert_eq!(removed.len(), 1);
    let (added, _) = set_text(TextAt::Title, "It's late");
    assert_eq!(added, strs(&[r#"    title: "It's late","#]));
    let (added, _) = set_text(TextAt::Response(EMAIL, 1), "Thanks.");
    assert_eq!(added, strs(&[r#"                    text: "Thanks.","#]));
    let (added, _) = set_text(TextAt::Feedback(Exit::Timeout(EMAIL)), "Answer.");
    assert_eq!(added, strs(&[r#"                feedback: "Answer.","#]));
    let (added, _) = set_text(TextAt::Feedback(Exit::Typed(CHASER)), "Dates.");
    assert_eq!(added, strs(&[r#"                feedback: "Dates.","#]));
    let (added, _) = set_text(TextAt::Prompt(CHASER), "Write to {name}");
    assert_eq!(
        added,
        strs(&[r#"                prompt: "Write to {name}","#])
    );
    let (added, _) = set_text(TextAt::Ending(GONE), "Gone.");
    assert_eq!(
        added,
        strs(&[r#"        (id: "gone", outcome: Lost, text: "Gone."),"#])
    );
    for (at, text) in [
        (TextAt::Summary, "S."),
        (TextAt::Lesson, "L."),
        (TextAt::StepNarration(Exit::Timeout(EMAIL)), "Quiet."),
        (TextAt::Feedback(Exit::Response(EMAIL, 0)), "Good."),
    ] {
        assert_eq!(set_text(at, text).0.len(), 1, "{at:?}");
    }
}

#[test]
fn a_missing_field_is_added_beside_its_siblings_and_an_emptied_one_goes() {
    let (added, removed) = set_text(TextAt::Narration(CHASER), "She writes again.");
    assert_eq!(
        added,
        strs(&[r#"            narration: "She writes again.","#])
    );
    assert!(removed.is_empty());
    let (added, removed) = set_text(TextAt::Feedback(Exit::Then(THANKS)), "Closed.");
    assert_eq!(
        added,
        strs(&[r#"            then: (feedback: "Closed.", next: "resolved"),"#])
    );
    assert_eq!(removed, strs(&[r#"            then: (next: "resolved"),"#]));
    let (added, removed) = set_text(TextAt::StepNarration(Exit::Then(THANKS)), "She smiles.");
    assert_eq!(
        added,
        strs(&[r#"            then: (narration: "She smiles.", next: "resolved"),"#])
    );
    assert_eq!(removed.len(), 1);
    // The comment on the line of the emptied field goes with it; nothing else changes.
    let (added, removed) = set_text(TextAt::Says(THANKS), "");
    assert!(added.is_empty());
    assert_eq!(
        removed,
        strs(&[r#"            says: "Thank you, that's all I needed.",   /* she is relieved */"#])
    );
}

#[test]
fn effects_are_written_on_one_line_and_zero_effects_go() {
    let effects = RawEffects {
        speed: -5,
        mood: 10,
        ..RawEffects::default()
    };
    let set = |exit| Edit::SetEffects { exit, effects };
    let (added, _) = lines(set(Exit::Response(EMAIL, 0)));
    assert_eq!(
        added,
        strs(&["                    effects: (speed: -5, mood: 10),"])
    );
    let (added, _) = lines(set(Exit::Typed(CHASER)));
    assert_eq!(
        added,
        strs(&["                effects: (speed: -5, mood: 10),"])
    );
    let (added, _) = lines(set(Exit::Timeout(CHASER)));
    assert_eq!(
        added,
        strs(&["            on_timeout: (effects: (speed: -5, mood: 10), next: \"gone\"),"])
    );
    let (added, removed) = lines(Edit::SetEffects {
        exit: Exit::Response(EMAIL, 1),
        effects: RawEffects::default(),
    });
    assert!(added.is_empty());
    assert_eq!(removed.len(), 1);
    let ending = Edit::SetEndingEffects {
        ending: RESOLVED,
        effects: Some(RawEffects {
            follow_through: 30,
            ..RawEffects::default()
        }),
    };
    let (added, _) = lines(ending);
    assert_eq!(
        added,
        strs(&[
            r#"        (id: "resolved", outcome: Resolved, text: "{name} got the parcel in time for the birthday.", effects: (follow_through: 30)),"#
        ])
    );
    let (added, _) = lines(Edit::SetOutcome {
        ending: GONE,
        outcome: Outcome::Escalated,
    });
    assert!(added[0].contains("outcome: Escalated"));
}

#[test]
fn timers_and_patience() {
    let (added, removed) = lines(Edit::SetTargetSecs {
        beat: EMAIL,
        secs: Some(30),
    });
    // The comment after the value stays.
    assert_eq!(
        added,
        strs(&["            target_secs: 30,   // a quick first answer matters"])
    );
    assert_eq!(removed.len(), 1);
    let (added, removed) = lines(Edit::SetTargetSecs {
        beat: EMAIL,
        secs: None,
    });
    assert!(added.is_empty());
    assert_eq!(removed.len(), 1);
    let (added, _) = lines(Edit::SetWaitSecs {
        beat: EMAIL,
        secs: Some(120),
    });
    assert_eq!(added, strs(&["            wait_secs: 120,"]));
    let (added, _) = lines(Edit::SetPatience { secs: 30 });
    assert_eq!(added, strs(&["        patience_secs: 30,"]));
}

#[test]
fn connections_change_one_target_or_add_the_step() {
    let (added, _) = lines(Edit::Connect {
        exit: Exit::Response(EMAIL, 1),
        to: NodeId::Ending(GONE),
    });
    assert_eq!(added, strs(&[r#"                    next: "gone","#]));
    let (added, _) = lines(Edit::Connect {
        exit: Exit::Typed(CHASER),
        to: NodeId::Beat(THANKS),
    });
    assert_eq!(added, strs(&[r#"                next: "thanks","#]));
    let (added, _) = lines(Edit::Connect {
        exit: Exit::Timeout(EMAIL),
        to: NodeId::Ending(GONE),
    });
    assert_eq!(added, strs(&[r#"                next: "gone","#]));
    // A timeout the beat does not have yet is added after its last field.
    let (added, removed) = lines(Edit::Connect {
        exit: Exit::Timeout(THANKS),
        to: NodeId::Ending(GONE),
    });
    assert_eq!(added, strs(&[r#"            on_timeout: (next: "gone"),"#]));
    assert!(removed.is_empty());
    let mut doc = commented();
    let applied = edit(
        &mut doc,
        Edit::Connect {
            exit: Exit::Then(EMAIL),
            to: NodeId::Beat(THANKS),
        },
    );
    assert!(
        doc.text()
            .contains("            then: (next: \"thanks\"),\n        ),")
    );
    assert_eq!(applied.label, "connect where `email` goes next to `thanks`");
}

#[test]
fn responses_are_added_and_removed_with_their_comments() {
    let mut doc = commented();
    let mut response = doc.raw().unwrap().beats[0].responses[0].clone();
    response.text = "\"Sorry, {name}. Tomorrow.\"".into();
    let before = doc.text().to_owned();
    let applied = edit(
        &mut doc,
        Edit::AddResponse {
            beat: EMAIL,
            response: Box::new(response.clone()),
            at: Some(1),
        },
    );
    let (added, removed) = changed_lines(&before, doc.text());
    assert!(removed.is_empty());
    assert_eq!(added.len(), 6, "{added:#?}");
    assert_eq!(
        added[1],
        r#"                    text: "\"Sorry, {name}. Tomorrow.\"","#
    );
    // The new response goes before the comment that belongs to the next one.
    assert!(doc.text().contains(
        "                    next: \"thanks\",\n                ),\n                (\n                    text: \"\\\"Sorry"
    ));
    // The playthroughs pick responses by place: the trainer is told.
    assert!(applied.notices.iter().any(|n| matches!(
        n,
        Notice::Companion {
            file: FileKind::Playthroughs,
            ..
        }
    )));

    let (_, removed) = lines(Edit::RemoveResponse {
        beat: EMAIL,
        response: 1,
    });
    assert_eq!(removed.len(), 7);
    assert_eq!(
        removed[0],
        "                // The template answer, tempting and empty."
    );
    let (added, _) = lines(Edit::AddResponse {
        beat: EMAIL,
        response: Box::new(response),
        at: None,
    });
    assert_eq!(added.len(), 6);
}

#[test]
fn beats_and_endings_are_added_and_removed() {
    let beat = RawBeat {
        id: "call".into(),
        says: "Can I phone you instead?".into(),
        ..care_engine::load::ron_options()
            .from_str::<RawBeat>(r#"(id: "x", then: (next: "gone"))"#)
            .unwrap()
    };
    let (added, removed) = lines(Edit::AddBeat {
        beat: Box::new(beat.clone()),
        at: None,
    });
    assert!(removed.is_empty());
    assert_eq!(
        added,
        strs(&[
            "        (",
            r#"            id: "call","#,
            r#"            says: "Can I phone you instead?","#,
            r#"            then: (next: "gone"),"#,
            "        ),",
        ])
    );
    // Before the first beat: before the comment that belongs to it.
    let mut doc = commented();
    edit(
        &mut doc,
        Edit::AddBeat {
            beat: Box::new(beat),
            at: Some(0),
        },
    );
    assert!(
        doc.text()
            .contains("    beats: [\n        (\n            id: \"call\"")
    );
    assert_eq!(doc.beat_id("email"), Some(BeatId(1)));

    let (_, removed) = lines(Edit::RemoveBeat { beat: THANKS });
    assert_eq!(removed.len(), 5);
    let mut doc = commented();
    let applied = edit(&mut doc, Edit::RemoveBeat { beat: THANKS });
    let dangling = applied.notices.iter().find_map(|n| match n {
        Notice::Dangling { id, references } => Some((id.clone(), references.len())),
        _ => None,
    });
    assert_eq!(dangling, Some(("thanks".to_owned(), 2)));

    let ending = RawEnding {
        id: "escalated".into(),
        outcome: Outcome::Escalated,
        text: "A manager took over.".into(),
        effects: None,
    };
    let (added, _) = lines(Edit::AddEnding {
        ending: Box::new(ending),
        at: None,
    });
    assert_eq!(
        added,
        strs(&[r#"        (id: "escalated", outcome: Escalated, text: "A manager took over."),"#])
    );
    let (_, removed) = lines(Edit::RemoveEnding { ending: GONE });
    assert_eq!(
        removed,
        strs(&[
            "        // The bad ending.",
            r#"        (id: "gone", outcome: Lost, text: "{name} cancelled the order and bought the {gift} elsewhere."),"#
        ])
    );
    let (added, _) = lines(Edit::SetStart { beat: CHASER });
    assert_eq!(added, strs(&[r#"    start: "chaser","#]));
}

#[test]
fn persona_pools() {
    let (added, removed) = lines(Edit::SetPersona(PersonaPool {
        names: vec!["Ann".into(), "Bo".into()],
        details: String::new(),
        traits: vec!["calm".into()],
    }));
    assert_eq!(
        added,
        strs(&[
            r#"        name: ["Ann", "Bo"],   // one is drawn per play"#,
            r#"        traits: ["calm"],"#
        ])
    );
    assert_eq!(removed.len(), 2);
    let (added, _) = lines(Edit::SetVar {
        id: "colour".into(),
        values: Some(vec!["red".into()]),
    });
    assert_eq!(
        added,
        strs(&[r#"        (id: "colour", values: ["red"]),"#])
    );
    let (_, removed) = lines(Edit::SetVar {
        id: "gift".into(),
        values: None,
    });
    // The only pool gone: `vars` goes, as a trainer would leave it out.
    assert_eq!(
        removed,
        strs(&[
            "    vars: [",
            r#"        (id: "gift", values: ["lamp", "kettle"]),"#,
            "    ],"
        ])
    );
}

#[test]
fn typed_moments_with_criteria_and_labelled_replies() {
    let mut doc = commented();
    let typed = doc.raw().unwrap().beats[1].typed.clone().unwrap();
    let mut rubric = doc.raw().unwrap().rubrics[0].clone();
    rubric.id = "sorry".into();
    let moment = care_engine::edit::TypedMoment {
        beat: EMAIL,
        typed,
        criteria: Some(rubric),
        examples: Some(care_engine::edit::ReplyExamples {
            good: vec!["{first}, so sorry: tomorrow.".into()],
            poor: vec!["We will be in touch.".into()],
        }),
    };
    let before = doc.text().to_owned();
    let applied = edit(&mut doc, Edit::AddTypedMoment(Box::new(moment)));
    let raw = doc.raw().unwrap();
    assert_eq!(raw.rubrics.len(), 2);
    assert_eq!(
        raw.beats[0].typed.as_ref().unwrap().rubric.as_deref(),
        Some("sorry")
    );
    assert_eq!(doc.replies().unwrap().moments.len(), 2);
    assert!(
        doc.replies_text()
            .unwrap()
            .starts_with("// Labelled replies for the fixture's typed moment.")
    );
    assert!(applied.notices.iter().any(|n| matches!(
        n,
        Notice::Companion {
            file: FileKind::Replies,
            ..
        }
    )));
    let (added, removed) = changed_lines(&before, doc.text());
    assert!(removed.is_empty(), "{removed:#?}");
    assert!(
        added
            .iter()
            .any(|l| l == r#"                rubric: "sorry","#)
    );

    let applied = edit(&mut doc, Edit::RemoveTypedMoment { beat: CHASER });
    assert!(doc.raw().unwrap().beats[1].typed.is_none());
    // The labelled replies stay (the trainer is told) and so does the rubric.
    assert_eq!(doc.replies().unwrap().moments.len(), 2);
    assert!(
        applied
            .notices
            .iter()
            .any(|n| n.to_string().contains("`chaser`"))
    );
}

#[test]
fn a_typed_moment_with_examples_creates_the_replies_file() {
    let mut doc = care_engine::edit::Document::new_scenario("fresh", care_engine::Channel::Email);
    assert!(doc.replies_text().is_none());
    let typed: care_engine::raw::RawTyped = care_engine::load::ron_options()
        .from_str(r#"(prompt: "Reply", next: "resolved")"#)
        .unwrap();
    let moment = care_engine::edit::TypedMoment {
        beat: BeatId(0),
        typed,
        criteria: None,
        examples: Some(care_engine::edit::ReplyExamples {
            good: vec!["Sorry!".into()],
            poor: vec!["No.".into()],
        }),
    };
    edit(&mut doc, Edit::AddTypedMoment(Box::new(moment)));
    let replies = doc.replies().expect("created");
    assert_eq!(replies.scenario, "fresh");
    assert_eq!(replies.moments[0].beat, "opening");
    doc.undo();
    assert!(doc.replies_text().is_none());
    doc.redo();
    assert!(doc.replies_text().is_some());
}

#[test]
fn a_value_holding_comments_is_rewritten_with_a_notice() {
    let text = commented()
        .text()
        .replace(
            r#"(id: "resolved", outcome: Resolved, text: "{name} got the parcel in time for the birthday."),"#,
            "(id: \"resolved\", outcome: Resolved, text: \"Sorted.\", effects: (/* none yet */)),",
        );
    let mut doc = care_engine::edit::Document::from_text("t.scenario.ron", text);
    let applied = edit(
        &mut doc,
        Edit::SetEndingEffects {
            ending: RESOLVED,
            effects: Some(RawEffects {
                mood: 5,
                ..RawEffects::default()
            }),
        },
    );
    let rewrite = applied.notices.iter().find_map(|n| match n {
        Notice::Rewrite { rewrite, .. } => Some(rewrite.clone()),
        _ => None,
    });
    let rewrite = rewrite.expect("a rewrite notice");
    assert_eq!(rewrite.path.to_string(), "endings[0].effects");
    assert!(rewrite.comments_lost);
    assert_eq!(
        rewrite.to_string(),
        "endings[0].effects will be rewritten in the standard layout; comments inside it will be lost"
    );
    assert!(doc.text().contains("effects: (mood: 5)),"));
    assert_eq!(doc.pending_rewrites().len(), 1);
}

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
fn files_with_crlf_and_tabs_keep_them() {
    let text = commented()
        .text()
        .replace("    ", "\t")
        .replace('\n', "\r\n");
    let mut doc = care_engine::edit::Document::from_text("t.scenario.ron", text);
    assert!(doc.raw().is_some());
    let response = doc.raw().unwrap().beats[0].responses[0].clone();
    edit(
        &mut doc,
        Edit::AddResponse {
            beat: EMAIL,
            response: Box::new(response),
            at: None,
        },
    );
    edit(
        &mut doc,
        Edit::SetText {
            at: TextAt::Narration(CHASER),
            text: "Again.".into(),
        },
    );
    edit(&mut doc, Edit::RemoveEnding { ending: GONE });
    let t = doc.text();
    assert_eq!(
        t.matches('\n').count(),
        t.matches("\r\n").count(),
        "only CRLF line ends"
    );
    assert!(!t.contains("    "), "indented with tabs only");
    assert!(t.contains("\r\n\t\t\tnarration: \"Again.\",\r\n"));
}

#[test]
fn a_document_can_live_in_a_game_resource() {
    fn send_sync<T: Send + Sync + 'static>() {}
    send_sync::<care_engine::edit::Document>();
    send_sync::<care_engine::edit::Edit>();
    send_sync::<care_engine::edit::SaveError>();
}
