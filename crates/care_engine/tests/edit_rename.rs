//! Renaming a beat or ending renames every reference to it, in every shipped scenario: `start`,
//! the `next` of responses, typed replies, timeouts, `then` and their branches, and the labelled
//! replies; the scenario still resolves with no new errors and plays its playthroughs the same.

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

use std::sync::Arc;

use care_engine::edit::{Document, Edit};
use care_engine::load::{LoadOptions, load_bytes};
use care_engine::raw::RawScenario;
use care_engine::script::{Playthroughs, check_case};
use care_engine::{BeatId, EndingId};
use edit_support::{changed_lines, commented, edit, errors, shipped};

/// How many places name `id` as where the story goes (and `start`).
fn references(raw: &RawScenario, id: &str) -> usize {
    let mut n = usize::from(raw.start == id);
    for b in &raw.beats {
        let steps = b
            .responses
            .iter()
            .map(|r| (&r.next, &r.branches))
            .chain(b.typed.iter().map(|t| (&t.next, &t.branches)))
            .chain(
                b.on_timeout
                    .iter()
                    .chain(&b.then)
                    .map(|s| (&s.next, &s.branches)),
            );
        for (next, branches) in steps {
            n += usize::from(next == id) + branches.iter().filter(|br| br.next == id).count();
        }
    }
    n
}

fn labelled(doc: &Document, id: &str) -> usize {
    doc.replies()
        .map_or(0, |r| r.moments.iter().filter(|m| m.beat == id).count())
}

#[test]
fn renaming_any_beat_or_ending_renames_every_reference() {
    let mut files = shipped();
    files.push(edit_support::fixtures().join("commented.scenario.ron"));
    assert!(files.len() >= 20, "the shipped scenarios are found");
    for file in files {
        let original = Document::open(&file).unwrap();
        let raw = original.raw().unwrap().clone();
        let clean = errors(original.text());
        assert!(clean.is_empty(), "{}: {clean:#?}", file.display());
        for (i, b) in raw.beats.iter().enumerate() {
            let mut doc = original.clone();
            let (old, new) = (b.id.clone(), format!("{}-renamed", b.id));
            let (refs, moments) = (references(&raw, &old), labelled(&doc, &old));
            let rename = Edit::RenameBeat {
                beat: BeatId(i as u32),
                to: new.clone(),
            };
            edit(&mut doc, rename);
            let after = doc.raw().unwrap();
            assert_eq!(references(after, &old), 0, "{}: {old}", file.display());
            assert_eq!(references(after, &new), refs, "{}: {old}", file.display());
            assert_eq!(labelled(&doc, &new), moments, "{}: {old}", file.display());
            assert_eq!(labelled(&doc, &old), 0);
            assert_eq!(errors(doc.text()), clean, "{}: {old}", file.display());
            // Only lines that name it changed.
            let (added, removed) = changed_lines(original.text(), doc.text());
            assert_eq!(added.len(), removed.len());
            assert!(added.len() <= refs + 1, "{}: {added:#?}", file.display());
            assert!(added.iter().all(|l| l.contains(&format!("\"{new}\""))));
        }
        for (i, e) in raw.endings.iter().enumerate() {
            let mut doc = original.clone();
            let (old, new) = (e.id.clone(), format!("{}-renamed", e.id));
            let refs = references(&raw, &old);
            let rename = Edit::RenameEnding {
                ending: EndingId(i as u32),
                to: new.clone(),
            };
            edit(&mut doc, rename);
            let after = doc.raw().unwrap();
            assert_eq!(references(after, &old), 0);
            assert_eq!(references(after, &new), refs);
            assert_eq!(after.endings[i].id, new);
            assert_eq!(errors(doc.text()), clean, "{}: {old}", file.display());
        }
    }
}

#[test]
fn a_renamed_scenario_plays_its_playthroughs_as_before() {
    let folder = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    for file in shipped() {
        let mut doc = Document::open(&file).unwrap();
        let id = doc.raw().unwrap().id.clone();
        let Ok((_, plays)) = Playthroughs::find(&folder, &id) else {
            continue;
        };
        let load = |text: &str| {
            let out = load_bytes("t.scenario.ron", text.as_bytes(), LoadOptions::default());
            Arc::new(out.scenario.expect("loads"))
        };
        let before = load(doc.text());
        let start = doc.beat_id(&doc.raw().unwrap().start.clone()).unwrap();
        for (i, _) in doc.raw().unwrap().beats.clone().iter().enumerate().rev() {
            let to = format!("b{i}");
            doc.apply(Edit::RenameBeat {
                beat: BeatId(i as u32),
                to,
            })
            .unwrap();
        }
        assert_eq!(doc.raw().unwrap().start, format!("b{}", start.index()));
        let after = load(doc.text());
        for case in &plays.cases {
            let was = check_case(&before, plays.seed, case).map(|c| c.overall);
            let is = check_case(&after, plays.seed, case).map(|c| c.overall);
            assert_eq!(
                was.is_ok(),
                is.is_ok(),
                "{id}: {}: {was:?} {is:?}",
                case.name
            );
            if let (Ok(a), Ok(b)) = (was, is) {
                assert_eq!(a, b, "{id}: {}", case.name);
            }
        }
    }
}

#[test]
fn the_fixture_replies_follow_a_rename_and_undo() {
    let mut doc = commented();
    let before = doc.replies_text().unwrap().to_owned();
    let applied = edit(
        &mut doc,
        Edit::RenameBeat {
            beat: BeatId(1),
            to: "second-email".into(),
        },
    );
    assert_eq!(applied.label, "rename beat `chaser` to `second-email`");
    let (added, removed) = changed_lines(&before, doc.replies_text().unwrap());
    assert_eq!(
        added,
        vec![r#"            beat: "second-email","#.to_owned()]
    );
    assert_eq!(removed, vec![r#"            beat: "chaser","#.to_owned()]);
    assert!(
        applied
            .notices
            .iter()
            .any(|n| n.to_string().starts_with("labelled replies file"))
    );
    doc.undo();
    assert_eq!(doc.replies_text().unwrap(), before);
}
