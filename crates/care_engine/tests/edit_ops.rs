//! Edit operations that change values on a commented fixture: texts, fields, effects, timers and
//! connections write only the lines they must, undo restores the exact text and redo the exact
//! edited text; a value holding comments is rewritten with a notice, and CRLF and tabs are kept.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod edit_support;

use care_engine::NodeId;
use care_engine::edit::{Edit, Exit, Notice, TextAt};
use care_engine::model::Outcome;
use care_engine::raw::RawEffects;
use edit_support::{CHASER, EMAIL, GONE, RESOLVED, THANKS, commented, edit, lines, set_text, strs};

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
