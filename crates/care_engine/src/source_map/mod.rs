//! Finds where a value sits in RON source text, so diagnostics can point at it.
//!
//! [`SourceMap::parse`] is a forgiving, non-validating scan that records the byte span of every
//! value (and of every field name / map key) in a flat tree. It never fails: on broken text it
//! keeps whatever it could make sense of, so a diagnostic can still point near the problem.

use std::ops::Range;

use crate::path::{Path, Seg};
mod parser;
#[cfg(test)]
mod tests;

/// Containers nested deeper than this are recorded as one opaque value, not descended into.
const MAX_DEPTH: usize = 256;
/// "No node / no range" in the `u32` fields of [`Node`].
const NONE: u32 = u32::MAX;

/// `n` (a byte offset into the text, or a length of `SourceMap::names`) as a `u32` field of
/// [`Node`]. [`SourceMap::parse`] cuts the text below `u32::MAX` bytes and the names are parts
/// of it, so this is exact; anything larger would read as [`NONE`].
fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(NONE)
}

/// Scalar: literals, identifiers, containers past [`MAX_DEPTH`]; Struct: `Name(field: value)`;
/// Tuple: `Name(a, b)`, `(a, b)`, `Some(x)`, `()`; List: `[a, b]`; Map: `{k: v}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Scalar,
    Struct,
    Tuple,
    List,
    Map,
}

#[derive(Debug, Clone)]
struct Node {
    kind: Kind,
    span: (u32, u32),
    /// Field name or map key as written, for entries of structs and maps.
    key: (u32, u32),
    /// Field name (without `r#`) or decoded string map key, as a range of `SourceMap::names`.
    name: (u32, u32),
    first_child: u32,
    next_sibling: u32,
}

/// Where each value of one RON text sits; see the module docs.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    nodes: Vec<Node>,
    names: String,
    root: Option<u32>,
}

/// 1-based line and 1-based column (in chars) of byte offset `byte` in `src`.
///
/// `byte` is clamped to `src.len()` and moved back to a char boundary.
pub fn line_col(src: &str, byte: usize) -> (usize, usize) {
    let before = src.get(..src.floor_char_boundary(byte)).unwrap_or_default();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before.get(line_start..).unwrap_or_default().chars().count();
    (before.bytes().filter(|&b| b == b'\n').count() + 1, col + 1)
}

impl SourceMap {
    /// Byte range of the value at `path`.
    ///
    /// If the path only partly exists, this is the span of the deepest value found along it;
    /// if not even its first step exists, the root value's span. `None` only for a text with
    /// no value at all.
    pub fn value_span(&self, path: &Path) -> Option<Range<usize>> {
        let (node, _) = self.walk(path)?;
        self.node(node).map(|n| to_range(n.span))
    }

    /// Byte range of the field name (or map key) when `path` ends with a [`Seg::Field`] that
    /// exists; otherwise the same as [`SourceMap::value_span`].
    pub fn key_span(&self, path: &Path) -> Option<Range<usize>> {
        let (node, complete) = self.walk(path)?;
        let n = self.node(node)?;
        let field = complete && matches!(path.segs().last(), Some(Seg::Field(_)));
        Some(to_range(if field && n.key.0 != NONE {
            n.key
        } else {
            n.span
        }))
    }

    /// Whether all of `path` is written in the text; when not, the spans above fall back to the
    /// deepest value found along it.
    pub fn contains(&self, path: &Path) -> bool {
        self.walk(path).is_some_and(|(_, complete)| complete)
    }

    /// The struct, list or map at `path` as written, looking through one-element wrappers such
    /// as `Some(…)`: where it opens and ends and where each entry sits, in the written order.
    /// `None` when `path` is not all written, or leads to a scalar.
    pub fn entries(&self, path: &Path) -> Option<Entries> {
        let (mut i, true) = self.walk(path)? else {
            return None;
        };
        while let Some(inner) = self.single_element(i) {
            i = inner;
        }
        let n = self.node(i)?;
        if n.kind == Kind::Scalar {
            return None;
        }
        let items = self
            .children(i)
            .filter_map(|c| self.node(c))
            .map(|c| Entry {
                key: (c.key.0 != NONE).then(|| to_range(c.key)),
                value: to_range(c.span),
            })
            .collect();
        Some(Entries {
            span: to_range(n.span),
            items,
        })
    }

    /// The deepest node reached along `path`, and whether the whole path was found.
    fn walk(&self, path: &Path) -> Option<(u32, bool)> {
        let mut cur = self.root?;
        for seg in path.segs() {
            let mut node = cur;
            // Children always have higher indices than their parent, so this terminates.
            loop {
                if let Some(child) = self.child(node, seg) {
                    cur = child;
                    break;
                }
                match self.single_element(node) {
                    Some(inner) => node = inner,
                    None => return Some((cur, false)),
                }
            }
        }
        Some((cur, true))
    }

    fn node(&self, i: u32) -> Option<&Node> {
        self.nodes.get(i as usize)
    }

    fn children(&self, i: u32) -> impl Iterator<Item = u32> + '_ {
        let first = self.node(i).map_or(NONE, |n| n.first_child);
        std::iter::successors(Some(first), |&c| self.node(c).map(|n| n.next_sibling))
            .take_while(|&c| c != NONE)
    }

    fn child(&self, i: u32, seg: &Seg) -> Option<u32> {
        match (self.node(i)?.kind, seg) {
            (Kind::Struct | Kind::Map, Seg::Field(name)) => self.children(i).find(|&c| {
                self.node(c).is_some_and(|n| {
                    n.name.0 != NONE && self.names.get(to_range(n.name)) == Some(name)
                })
            }),
            (Kind::List | Kind::Tuple, Seg::Index(k)) => self.children(i).nth(*k),
            _ => None,
        }
    }

    /// The element of a one-element tuple (`Some(x)`, `Flag("a")`, `((a: 1))`).
    fn single_element(&self, i: u32) -> Option<u32> {
        if self.node(i)?.kind != Kind::Tuple {
            return None;
        }
        let mut kids = self.children(i);
        let only = kids.next()?;
        kids.next().is_none().then_some(only)
    }
}

/// A container as written; see [`SourceMap::entries`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entries {
    /// From the container's name or opening bracket to just past its closing bracket.
    pub span: Range<usize>,
    pub items: Vec<Entry>,
}

/// One entry of a container: a field or map entry (with its key) or a list or tuple element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub key: Option<Range<usize>>,
    pub value: Range<usize>,
}

impl Entry {
    /// Where the entry starts: its key, or its value when it has none.
    pub fn start(&self) -> usize {
        self.key.as_ref().map_or(self.value.start, |k| k.start)
    }
}

fn to_range((start, end): (u32, u32)) -> Range<usize> {
    start as usize..end as usize
}
