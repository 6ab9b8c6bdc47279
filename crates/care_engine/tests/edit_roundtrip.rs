//! Round trips through the edit model: real scenarios (with a comment added inside every beat)
//! take a random sequence of edits, are saved to a temporary folder and opened again. What is
//! read back is the document's raw form, every beat no edit touched keeps its exact text
//! (comments included), and undoing everything gives back the exact original text.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]
#![allow(
    clippy::cast_possible_truncation,
    reason = "the counts, indices and percentiles of a test or benchmark are small"
)]

mod edit_support;

use care_engine::edit::{Document, Edit, Exit, Notice, PersonaPool, TextAt, TypedMoment};
use care_engine::path::Path;
use care_engine::raw::{RawBeat, RawEffects, RawEnding, RawScenario};
use care_engine::source_map::SourceMap;
use care_engine::{BeatId, EndingId, NodeId};
use proptest::prelude::*;
use proptest::sample::Index;

/// Real scenarios of several channels and shapes, and the commented fixture.
const FILES: [&str; 6] = [
    "scenarios/messages/seen-at-9-42.scenario.ron",
    "scenarios/in-store/the-dishwasher-pan.scenario.ron",
    "scenarios/phone/clause-nine.scenario.ron",
    "scenarios/social/the-troll-in-the-thread.scenario.ron",
    "scenarios/reviews/the-one-star-review.scenario.ron",
    "tests/fixtures/edit/commented.scenario.ron",
];

/// `text` with a comment line and a trailing block comment inside every beat.
fn with_comments(text: &str) -> String {
    let map = SourceMap::parse(text);
    let mut out = text.to_owned();
    let beats = map
        .entries(&Path::root().field("beats"))
        .unwrap()
        .items
        .len();
    for i in (0..beats).rev() {
        let id = Path::root().field("beats").index(i).field("id");
        let key = map.key_span(&id).unwrap().start;
        let value_end = map.value_span(&id).unwrap().end;
        let line = out[..key].rfind('\n').map_or(0, |n| n + 1);
        let indent = out[line..key].to_owned();
        out.insert_str(value_end, " /* kept */");
        out.insert_str(key, &format!("// a trainer's note on beat {i}\n{indent}"));
    }
    out
}

fn original(file: &str) -> String {
    let path = format!("{}/../../{file}", env!("CARGO_MANIFEST_DIR"));
    with_comments(&std::fs::read_to_string(path).unwrap())
}

#[derive(Debug, Clone)]
enum Op {
    Says(Index, String),
    Feedback(Index, Index, String),
    Effects(Index, Index, i32, i32),
    Target(Index, Option<u32>),
    Wait(Index, Option<u32>),
    Connect(Index, Index, Index),
    ConnectTimeout(Index, Index),
    AddResponse(Index, Index, String),
    RemoveResponse(Index, Index),
    AddBeat(Index, String),
    RenameBeat(Index),
    RemoveBeat(Index),
    AddEnding(Index, String),
    RenameEnding(Index),
    RemoveEnding(Index),
    Persona(Vec<String>),
    Var(Option<Vec<String>>),
    Typed(Index),
    Patience(u32),
    Undo,
    Redo,
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z ,.'!?]{0,40}",
        "[a-z \"\\\\é£🙈{}]{1,20}",
        Just("two\nlines\tand a tab".to_owned()),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    let i = any::<Index>;
    prop_oneof![
        (i(), text()).prop_map(|(b, t)| Op::Says(b, t)),
        (i(), i(), text()).prop_map(|(b, r, t)| Op::Feedback(b, r, t)),
        (i(), i(), -50..50, -50..50).prop_map(|(b, r, e, m)| Op::Effects(b, r, e, m)),
        (i(), proptest::option::of(1u32..200)).prop_map(|(b, s)| Op::Target(b, s)),
        (i(), proptest::option::of(1u32..200)).prop_map(|(b, s)| Op::Wait(b, s)),
        (i(), i(), i()).prop_map(|(b, r, n)| Op::Connect(b, r, n)),
        (i(), i()).prop_map(|(b, n)| Op::ConnectTimeout(b, n)),
        (i(), i(), text()).prop_map(|(b, at, t)| Op::AddResponse(b, at, t)),
        (i(), i()).prop_map(|(b, r)| Op::RemoveResponse(b, r)),
        (i(), text()).prop_map(|(at, t)| Op::AddBeat(at, t)),
        i().prop_map(Op::RenameBeat),
        i().prop_map(Op::RemoveBeat),
        (i(), text()).prop_map(|(at, t)| Op::AddEnding(at, t)),
        i().prop_map(Op::RenameEnding),
        i().prop_map(Op::RemoveEnding),
        proptest::collection::vec(text(), 1..4).prop_map(Op::Persona),
        proptest::option::of(proptest::collection::vec(text(), 1..3)).prop_map(Op::Var),
        i().prop_map(Op::Typed),
        (1u32..300).prop_map(Op::Patience),
        Just(Op::Undo),
        Just(Op::Redo),
    ]
}

/// `op` as an edit of `doc` now, if it makes sense there.
fn concrete(op: &Op, doc: &Document) -> Option<Edit> {
    let raw = doc.raw()?;
    let beat = |i: &Index| (!raw.beats.is_empty()).then(|| BeatId(i.index(raw.beats.len()) as u32));
    let response = |b: &Index, r: &Index| {
        let beat = beat(b)?;
        let n = raw.beats[beat.index()].responses.len();
        (n > 0).then(|| (beat, r.index(n)))
    };
    let nodes = raw.beats.len() + raw.endings.len();
    let node = |n: &Index| {
        let k = n.index(nodes.max(1));
        if k < raw.beats.len() {
            NodeId::Beat(BeatId(k as u32))
        } else {
            NodeId::Ending(EndingId((k - raw.beats.len()) as u32))
        }
    };
    let ending =
        |e: &Index| (!raw.endings.is_empty()).then(|| EndingId(e.index(raw.endings.len()) as u32));
    Some(match op {
        Op::Says(b, t) => Edit::SetText {
            at: TextAt::Says(beat(b)?),
            text: t.clone(),
        },
        Op::Feedback(b, r, t) => {
            let (b, r) = response(b, r)?;
            Edit::SetText {
                at: TextAt::Feedback(Exit::Response(b, r)),
                text: t.clone(),
            }
        }
        Op::Effects(b, r, empathy, mood) => {
            let (b, r) = response(b, r)?;
            let effects = RawEffects {
                empathy: *empathy,
                mood: *mood,
                ..RawEffects::default()
            };
            Edit::SetEffects {
                exit: Exit::Response(b, r),
                effects,
            }
        }
        Op::Target(b, secs) => Edit::SetTargetSecs {
            beat: beat(b)?,
            secs: *secs,
        },
        Op::Wait(b, secs) => Edit::SetWaitSecs {
            beat: beat(b)?,
            secs: *secs,
        },
        Op::Connect(b, r, n) if nodes > 0 => {
            let (b, r) = response(b, r)?;
            Edit::Connect {
                exit: Exit::Response(b, r),
                to: node(n),
            }
        }
        Op::ConnectTimeout(b, n) if nodes > 0 => Edit::Connect {
            exit: Exit::Timeout(beat(b)?),
            to: node(n),
        },
        Op::AddResponse(b, at, t) => {
            let b = beat(b)?;
            let mut response = raw.beats.iter().flat_map(|b| &b.responses).next()?.clone();
            response.text = t.clone();
            let at = at.index(raw.beats[b.index()].responses.len() + 1);
            Edit::AddResponse {
                beat: b,
                response: Box::new(response),
                at: Some(at),
            }
        }
        Op::RemoveResponse(b, r) => {
            let (beat, response) = response(b, r)?;
            Edit::RemoveResponse { beat, response }
        }
        Op::AddBeat(at, t) => {
            let mut beat: RawBeat = care_engine::load::ron_options()
                .from_str(r#"(id: "x", then: (next: "x"))"#)
                .unwrap();
            beat.id = doc.unique_id("added");
            beat.says.clone_from(t);
            beat.then.as_mut()?.next = raw.endings.first()?.id.clone();
            Edit::AddBeat {
                beat: Box::new(beat),
                at: Some(at.index(raw.beats.len() + 1)),
            }
        }
        Op::RenameBeat(b) => {
            let b = beat(b)?;
            Edit::RenameBeat {
                beat: b,
                to: doc.unique_id(&format!("{}-x", raw.beats[b.index()].id)),
            }
        }
        Op::RemoveBeat(b) => Edit::RemoveBeat { beat: beat(b)? },
        Op::AddEnding(at, t) => {
            let ending = RawEnding {
                id: doc.unique_id("end"),
                outcome: care_engine::Outcome::Escalated,
                text: t.clone(),
                effects: None,
            };
            Edit::AddEnding {
                ending: Box::new(ending),
                at: Some(at.index(raw.endings.len() + 1)),
            }
        }
        Op::RenameEnding(e) => {
            let e = ending(e)?;
            Edit::RenameEnding {
                ending: e,
                to: doc.unique_id(&format!("{}-x", raw.endings[e.index()].id)),
            }
        }
        Op::RemoveEnding(e) => Edit::RemoveEnding { ending: ending(e)? },
        Op::Persona(names) => Edit::SetPersona(PersonaPool {
            names: names.clone(),
            details: names[0].clone(),
            traits: names[1..].to_vec(),
        }),
        Op::Var(values) => Edit::SetVar {
            id: "extra".into(),
            values: values.clone(),
        },
        Op::Typed(b) => {
            let typed = care_engine::load::ron_options()
                .from_str(&format!(
                    r#"(prompt: "Reply", next: "{}")"#,
                    raw.endings.first()?.id
                ))
                .unwrap();
            Edit::AddTypedMoment(Box::new(TypedMoment {
                beat: beat(b)?,
                typed,
                criteria: None,
                examples: None,
            }))
        }
        Op::Patience(secs) => Edit::SetPatience { secs: *secs },
        Op::Connect(..) | Op::ConnectTimeout(..) | Op::Undo | Op::Redo => return None,
    })
}

/// The text of each beat, by id.
fn beat_texts(text: &str, raw: &RawScenario) -> Vec<(String, RawBeat, String)> {
    let map = SourceMap::parse(text);
    raw.beats
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let span = map
                .value_span(&Path::root().field("beats").index(i))
                .unwrap();
            (b.id.clone(), b.clone(), text[span].to_owned())
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn edits_save_and_read_back_and_leave_the_rest_alone(
        file in 0..FILES.len(),
        ops in proptest::collection::vec(op(), 1..14),
    ) {
        let text = original(FILES[file]);
        let mut doc = Document::from_text("t.scenario.ron", text.clone());
        let start = doc.raw().expect("the commented file reads").clone();
        let before = beat_texts(&text, &start);
        for op in &ops {
            match op {
                Op::Undo => { doc.undo(); }
                Op::Redo => { doc.redo(); }
                _ => if let Some(e) = concrete(op, &doc) {
                    let applied = doc.apply(e.clone()).unwrap_or_else(|err| panic!("{e:?}: {err}"));
                    // Well-formed files take every edit as patches in place.
                    let rewrites: Vec<_> = applied.notices.iter().filter(|n| matches!(n, Notice::Rewrite { .. })).collect();
                    prop_assert!(rewrites.is_empty(), "{e:?}: {rewrites:?}");
                },
            }
            prop_assert!(doc.raw().is_some(), "{op:?} left:\n{}", doc.text());
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.scenario.ron");
        doc.save_as(&path).unwrap();
        let back = Document::open(&path).unwrap();
        prop_assert_eq!(back.text(), doc.text());
        prop_assert_eq!(back.raw(), doc.raw());
        let raw = doc.raw().unwrap();
        let after = beat_texts(doc.text(), raw);
        for (id, beat, text) in &before {
            if let Some((_, same, now)) = after.iter().find(|(i, b, _)| i == id && b == beat) {
                prop_assert_eq!(now, text, "beat `{}` was not touched but its text changed", id);
                prop_assert!(now.contains("// a trainer's note") && now.contains("/* kept */"));
                prop_assert_eq!(same, beat);
            }
        }
        // Everything before `Scenario(` (the header comments) is untouched.
        let head = |t: &str| t[..t.find("Scenario(").unwrap()].to_owned();
        prop_assert_eq!(head(doc.text()), head(&text));
        while doc.undo().is_some() {}
        prop_assert_eq!(doc.text(), text.as_str());
    }
}
