//! Helpers shared by the edit model's tests: fixtures and the commented fixture's ids, an edit
//! checked together with its undo and redo, and the lines an edit adds and removes.

#![allow(dead_code)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test or benchmark stops with a clear message where it cannot go on"
)]

use std::path::PathBuf;

use care_engine::edit::{Applied, Document, Edit, TextAt};
use care_engine::load::{LoadOptions, load_bytes};
use care_engine::{BeatId, EndingId, Severity};

/// The folder of the edit model's fixtures.
pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/edit")
}

/// The commented fixture with its labelled replies and playthroughs.
pub fn commented() -> Document {
    Document::open(fixtures().join("commented.scenario.ron")).expect("the fixture opens")
}

/// The shipped scenario files (`scenarios/**/*.scenario.ron`), sorted.
pub fn shipped() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    care_engine::load::discover(&[root]).0
}

/// Applies `edit`, checks that the text still reads, that undo gives back the exact text before
/// and redo the exact text after; leaves the edit applied.
pub fn edit(doc: &mut Document, edit: Edit) -> Applied {
    let (before, raw_before) = (doc.text().to_owned(), doc.raw().cloned());
    let replies_before = doc.replies_text().map(str::to_owned);
    let applied = doc
        .apply(edit.clone())
        .unwrap_or_else(|e| panic!("{edit:?}: {e}"));
    let after = doc.text().to_owned();
    let replies_after = doc.replies_text().map(str::to_owned);
    assert!(
        doc.raw().is_some(),
        "{edit:?} left a text that does not read:\n{after}"
    );
    if applied.changed.is_empty() {
        assert_eq!(
            after, before,
            "an edit that changed nothing changed the text"
        );
        return applied;
    }
    assert_eq!(doc.undo(), Some(&edit));
    assert_eq!(doc.text(), before, "undo of {edit:?} is not byte-identical");
    assert_eq!(doc.raw().cloned(), raw_before);
    assert_eq!(doc.replies_text().map(str::to_owned), replies_before);
    assert_eq!(doc.redo(), Some(&edit));
    assert_eq!(doc.text(), after, "redo of {edit:?} is not byte-identical");
    assert_eq!(doc.replies_text().map(str::to_owned), replies_after);
    applied
}

/// The error diagnostics of a scenario text, as `code: message`.
pub fn errors(text: &str) -> Vec<String> {
    load_bytes("t.scenario.ron", text.as_bytes(), LoadOptions::default())
        .diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{}: {}", d.code.as_str(), d.message))
        .collect()
}

/// The lines added to `before` to make `after`, and the lines taken out (a line diff).
pub fn changed_lines(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let (a, b): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
    // Longest common subsequence, by lengths of the common suffixes.
    let mut lcs = vec![vec![0_usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut added, mut removed) = (0, 0, Vec::new(), Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            (i, j) = (i + 1, j + 1);
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            added.push(b[j].to_owned());
            j += 1;
        } else {
            removed.push(a[i].to_owned());
            i += 1;
        }
    }
    (added, removed)
}

/// The commented fixture's beats and endings.
pub const EMAIL: BeatId = BeatId(0);
pub const CHASER: BeatId = BeatId(1);
pub const THANKS: BeatId = BeatId(2);
pub const RESOLVED: EndingId = EndingId(0);
pub const GONE: EndingId = EndingId(1);

/// Applies `e` to the fixture (checking undo and redo) and returns the lines added and removed.
pub fn lines(e: Edit) -> (Vec<String>, Vec<String>) {
    let mut doc = commented();
    let before = doc.text().to_owned();
    edit(&mut doc, e);
    changed_lines(&before, doc.text())
}

pub fn strs(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

pub fn set_text(at: TextAt, text: &str) -> (Vec<String>, Vec<String>) {
    lines(Edit::SetText {
        at,
        text: text.into(),
    })
}
