//! Resolving rubrics: the built-in entries, a scenario's own, and entries that could never match.

use std::collections::HashSet;
use std::sync::{Arc, Mutex, PoisonError};

use crate::diagnostic::{Code, Problem};
use crate::model::{Matcher, Phrase, Rubric, RubricEntry};
use crate::path::Path;
use crate::raw::{RawMatcher, RawRubric, RawRubricEntry};
use crate::resolve::{Ctx, default_rubric};
use crate::rubric::words;

/// Resolves `r`, starting from the entries of `base` (overridden by entries of the same id).
pub(crate) fn rubric(
    cx: &mut Ctx<'_>,
    r: &RawRubric,
    base: Option<&RawRubric>,
    path: Path,
) -> Rubric {
    let mut entries: Vec<RubricEntry> = Vec::new();
    if let Some(base) = base {
        // The built-in entries are checked by a unit test; a scenario cannot break them.
        entries.extend(
            base.entries
                .iter()
                .filter(|e| !r.entries.iter().any(|o| o.id == e.id))
                .filter(|e| cx.public || !e.public_only)
                .map(|e| {
                    built_in_entry(cx.stemmer, e).unwrap_or_else(|| {
                        let mut scratch = Vec::new();
                        entry(cx.stemmer, e, &Path::root(), &mut scratch)
                    })
                }),
        );
    }
    let mut seen = HashSet::new();
    for (i, e) in r.entries.iter().enumerate() {
        let p = path.field("entries").index(i);
        if e.public_only && !cx.public {
            continue;
        }
        if !seen.insert(e.id.as_str()) {
            cx.push(
                Problem::new(Code::DuplicateId, p.field("id"), format!("rubric entry `{}` is defined twice", e.id))
                    .label("second definition")
                    .hint("give each entry its own id; an entry with a built-in id replaces the built-in one"),
            );
        }
        if let Some(resolved) = built_in_entry(cx.stemmer, e) {
            entries.push(resolved);
            continue;
        }
        let mut problems = Vec::new();
        entries.push(entry(cx.stemmer, e, &p, &mut problems));
        for pr in problems {
            cx.push(pr);
        }
    }
    if entries.is_empty() {
        cx.push(
            Problem::new(
                Code::RubricNeverMatches,
                path.field("entries"),
                format!("rubric `{}` has no entries", r.id),
            )
            .label("empty rubric")
            .hint("add entries, or set `include_defaults: true` to start from the built-in ones"),
        );
    }
    Rubric {
        key: r.id.clone(),
        entries,
    }
}

/// [`entry`] for an entry of the built-in rubric that resolves without problems, stemmed once per
/// language and process instead of once per scenario; `None` for any other entry.
fn built_in_entry(stemmer: rust_stemmers::Algorithm, e: &RawRubricEntry) -> Option<RubricEntry> {
    type Resolved = Arc<[Option<RubricEntry>]>;
    static CACHE: Mutex<Vec<(rust_stemmers::Algorithm, Resolved)>> = Mutex::new(Vec::new());
    let built_in = default_rubric();
    let i = built_in.entries.iter().position(|b| std::ptr::eq(b, e))?;
    let resolved = {
        let mut cache = CACHE.lock().unwrap_or_else(PoisonError::into_inner);
        match cache.iter().find(|(a, _)| *a == stemmer) {
            Some((_, r)) => Arc::clone(r),
            None => {
                let r: Resolved = built_in
                    .entries
                    .iter()
                    .map(|b| {
                        let mut problems = Vec::new();
                        let resolved = entry(stemmer, b, &Path::root(), &mut problems);
                        problems.is_empty().then_some(resolved)
                    })
                    .collect();
                cache.push((stemmer, Arc::clone(&r)));
                r
            }
        }
    };
    resolved[i].clone()
}

fn entry(
    stemmer: rust_stemmers::Algorithm,
    e: &RawRubricEntry,
    path: &Path,
    problems: &mut Vec<Problem>,
) -> RubricEntry {
    if e.label.trim().is_empty() {
        problems.push(
            Problem::new(Code::EmptyText, path.field("label"), "the rubric entry has no label")
                .label("empty")
                .hint("the trainee sees the label next to each hit or miss, e.g. \"Uses the customer's name\""),
        );
    }
    if e.points == 0 {
        problems.push(
            Problem::new(
                Code::RubricNeverMatches,
                path.field("points"),
                format!("rubric entry `{}` is worth 0 points", e.id),
            )
            .label("can never count")
            .hint("give a positive number to reward it or a negative one to penalise it"),
        );
    }
    if !(-100..=100).contains(&e.points) {
        problems.push(
            Problem::new(
                Code::OutOfRange,
                path.field("points"),
                format!("{} points is outside -100..=100", e.points),
            )
            .label("out of range")
            .hint("rubric points move a 0-100 score; keep each entry within -100..=100"),
        );
    }
    let matcher = match &e.matches {
        RawMatcher::CustomerName => Matcher::CustomerName,
        RawMatcher::Shouting => Matcher::Shouting,
        RawMatcher::When => Matcher::When,
        RawMatcher::Phrases(list) => {
            if list.is_empty() {
                problems.push(
                    Problem::new(Code::RubricNeverMatches, path.field("matches"), format!("rubric entry `{}` lists no phrases", e.id))
                        .label("nothing to match")
                        .hint("list the words or phrases a reply should contain, e.g. Phrases([\"thank you\", \"thanks\"])"),
                );
            }
            let mut phrases = Vec::new();
            for (i, text) in list.iter().enumerate() {
                let w = words(text, stemmer);
                if w.is_empty() {
                    problems.push(
                        Problem::new(
                            Code::RubricNeverMatches,
                            path.field("matches").index(i),
                            format!(
                                "phrase {:?} has no words, so no reply can ever match it",
                                text
                            ),
                        )
                        .label("no letters or digits")
                        .hint("phrases are matched word by word; punctuation alone is ignored"),
                    );
                }
                phrases.push(Phrase {
                    text: text.clone(),
                    words: w,
                });
            }
            Matcher::Phrases(phrases)
        }
    };
    RubricEntry {
        key: e.id.clone(),
        label: e.label.clone(),
        points: e.points,
        dimension: e.dimension,
        matcher,
        advice: e.advice.clone(),
        examples: e.examples.clone(),
        unlike: e.unlike.clone(),
    }
}
