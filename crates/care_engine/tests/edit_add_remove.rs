//! Edit operations that add and remove parts of a commented fixture: responses, beats, endings,
//! persona pools and typed moments (with their criteria and labelled replies), each with its
//! comments, undone and redone exactly.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

mod edit_support;

use care_engine::BeatId;
use care_engine::edit::{Edit, FileKind, Notice, PersonaPool};
use care_engine::model::Outcome;
use care_engine::raw::{RawBeat, RawEnding};
use edit_support::{CHASER, EMAIL, GONE, THANKS, changed_lines, commented, edit, lines, strs};

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
