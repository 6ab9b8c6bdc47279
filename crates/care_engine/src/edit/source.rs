//! One RON text and the value it holds. A change of the value becomes the smallest patches of
//! the text that read back as the new value; where that cannot be done (the value is not where
//! it should be in the text), the nearest enclosing value is written anew in the house style and
//! reported as a [`Rewrite`].

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::diff::{Change, diff, parent, within};
use super::lines::has_comment;
use super::patch::{Patch, TextChange, apply};
use super::plan::Planner;
use super::style::Style;
use super::tree::Tree;
use crate::path::Path;
use crate::source_map::SourceMap;

/// A part of a file that a change writes anew in the standard layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rewrite {
    /// The value written anew, e.g. `beats[2]`.
    pub path: Path,
    /// Whether comments inside it are lost.
    pub comments_lost: bool,
}

impl std::fmt::Display for Rewrite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = if self.path.segs().is_empty() {
            "the whole file".to_owned()
        } else {
            self.path.to_string()
        };
        write!(f, "{what} will be rewritten in the standard layout")?;
        if self.comments_lost {
            f.write_str("; comments inside it will be lost")?;
        }
        Ok(())
    }
}

/// A text and, when it reads, its value.
#[derive(Debug, Clone)]
pub(crate) struct Source<T> {
    text: String,
    value: Result<T, String>,
}

/// Patches that make a change, and the parts they rewrite.
#[derive(Debug, Default)]
pub(crate) struct Planned {
    pub patches: Vec<Patch>,
    pub rewrites: Vec<Rewrite>,
    /// Paths (in the value after) of what changed.
    pub changed: Vec<Path>,
}

/// Most rounds of moving a change up to its enclosing value before giving up.
const MAX_ROUNDS: usize = 64;

/// Reads `text` as a `T`, as scenario files are read.
pub(crate) fn read<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    crate::load::ron_options()
        .from_str(body)
        .map_err(|e| e.to_string())
}

impl<T: Serialize + DeserializeOwned + PartialEq> Source<T> {
    pub(crate) fn new(text: String) -> Source<T> {
        let value = read(&text);
        Source { text, value }
    }

    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// The value, or why the text does not read.
    pub(crate) fn value(&self) -> Result<&T, &str> {
        self.value.as_ref().map_err(String::as_str)
    }

    /// Applies `patches` (from [`Source::plan`] or an inverse) and returns their inverse.
    pub(crate) fn patch(&mut self, patches: &[Patch]) -> Vec<Patch> {
        let (text, inverse) = apply(&self.text, patches);
        *self = Source::new(text);
        inverse
    }

    /// Applies a planned change, returning it with its inverse.
    pub(crate) fn commit(&mut self, patches: Vec<Patch>) -> TextChange {
        let inverse = self.patch(&patches);
        TextChange {
            forward: patches,
            inverse,
        }
    }

    /// The patches that turn the text into one holding `new`. `Err` only when even writing the
    /// whole value anew does not read back as `new` (a bug), or the text does not read.
    pub(crate) fn plan(&self, new: &T) -> Result<Planned, String> {
        let old = self.value.as_ref().map_err(Clone::clone)?;
        let (before, after) = (Tree::of(old), Tree::of(new));
        let mut changes = Vec::new();
        diff(&before, &after, &Path::root(), &mut changes);
        if changes.is_empty() {
            return Ok(Planned::default());
        }
        let changed = changes.iter().map(|c| c.path().clone()).collect();
        let map = SourceMap::parse(&self.text);
        let style = Style::of(&self.text);
        let planner = Planner {
            text: &self.text,
            map: &map,
            style: &style,
        };
        let mut rewritten: Vec<Path> = Vec::new();
        for _ in 0..MAX_ROUNDS {
            let failing: Vec<usize> = match planner.plan(&changes) {
                Ok(patches) => {
                    if read::<T>(&apply(&self.text, &patches).0).as_ref() == Ok(new) {
                        let rewrites = self.rewrites(&map, &rewritten, &changes);
                        return Ok(Planned {
                            patches,
                            rewrites,
                            changed,
                        });
                    }
                    (0..changes.len()).collect()
                }
                Err(i) => vec![i],
            };
            if failing.iter().all(|&i| is_root_set(&changes[i])) {
                break;
            }
            for i in failing {
                let up = escalate(&changes[i], &after);
                rewritten.push(up.path().clone());
                changes[i] = up;
            }
            changes = merge(changes);
        }
        Err("the change could not be written to the file".into())
    }

    /// The values among the final `changes` written anew where something may be lost: those
    /// written whole because a change inside them could not be made in place (when they span
    /// lines or hold comments), and any replaced value that held comments.
    fn rewrites(&self, map: &SourceMap, rewritten: &[Path], changes: &[Change]) -> Vec<Rewrite> {
        changes
            .iter()
            .filter(|c| matches!(c, Change::Set { .. }) && map.contains(c.path()))
            .filter_map(|c| {
                let old = map.value_span(c.path()).map_or("", |s| &self.text[s]);
                let comments_lost = has_comment(old);
                let escalated = rewritten.contains(c.path()) && old.contains('\n');
                (comments_lost || escalated).then(|| Rewrite {
                    path: c.path().clone(),
                    comments_lost,
                })
            })
            .collect()
    }
}

fn is_root_set(c: &Change) -> bool {
    matches!(c, Change::Set { path, .. } if path.segs().is_empty())
}

/// `c` made by writing a larger value anew: a list's insertions and removals by writing the
/// list, anything else by writing the value holding it.
fn escalate(c: &Change, after: &Tree) -> Change {
    let mut path = match c {
        Change::Insert { list, .. } | Change::Remove { list, .. } | Change::Clear { list, .. } => {
            list.clone()
        }
        Change::Set { path, .. } | Change::Unset { path } => parent(path),
    };
    loop {
        if let Some(value) = after.get(&path) {
            let siblings = after
                .get(&parent(&path))
                .map(Tree::field_names)
                .unwrap_or_default();
            return Change::Set {
                path,
                value: value.clone(),
                siblings,
            };
        }
        path = parent(&path);
    }
}

/// `changes` without those inside a value that another change writes whole.
fn merge(changes: Vec<Change>) -> Vec<Change> {
    let whole: Vec<Path> = changes
        .iter()
        .filter(|c| matches!(c, Change::Set { .. }))
        .map(|c| c.path().clone())
        .collect();
    let mut out: Vec<Change> = Vec::new();
    for c in changes {
        let covered = whole
            .iter()
            .any(|w| within(c.path(), w) && (c.path() != w || !matches!(c, Change::Set { .. })));
        if !covered && !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::raw::{RawCond, RawResponse};

    #[test]
    fn a_plan_that_reads_back_wrong_is_made_by_writing_more() {
        // `Some(Flag("x"))`: the path `when[0]` finds `Flag("x")` inside `Some`, not "x", so
        // replacing it in place would not read back; the value holding it is written instead.
        let text = "(text: \"a\", when: Some(Flag(\"x\")), next: \"b\")";
        let src: Source<RawResponse> = Source::new(text.into());
        let mut new = src.value().unwrap().clone();
        new.when = Some(RawCond::Flag("y".into()));
        let planned = src.plan(&new).unwrap();
        let (written, _) = apply(text, &planned.patches);
        assert_eq!(written, "(text: \"a\", when: Flag(\"y\"), next: \"b\")");
        assert_eq!(read::<RawResponse>(&written).as_ref(), Ok(&new));
        // One line, no comments: nothing for the trainer to be told.
        assert!(planned.rewrites.is_empty());
    }

    #[test]
    fn changes_inside_a_value_written_whole_are_dropped() {
        let set = |p: Path| Change::Set {
            path: p,
            value: Tree::Atom("1".into()),
            siblings: Vec::new(),
        };
        let a = Path::root().field("a");
        let merged = merge(vec![
            set(a.field("b")),
            set(a.clone()),
            Change::Remove {
                list: a.clone(),
                index: 0,
                len: 2,
            },
            set(Path::root().field("c")),
            set(a.clone()),
        ]);
        assert_eq!(merged, vec![set(a), set(Path::root().field("c"))]);
    }
}
