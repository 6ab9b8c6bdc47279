//! What an edit changed, as the smallest set of value changes between the trees of the value
//! before and after: a field set or removed, list elements inserted or removed, a value replaced.

use super::tree::Tree;
use crate::path::{Path, Seg};

/// One change to the value tree, with paths and list positions as in the value *before*.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Change {
    /// The value at `path` becomes `value` (a field not written yet is added). `siblings` are
    /// the field names of the struct holding it afterwards, in order (for placing a new field).
    Set {
        path: Path,
        value: Tree,
        siblings: Vec<&'static str>,
    },
    /// The field at `path` goes.
    Unset { path: Path },
    /// `values` go into the list at `list` before its element `index` (or at its end).
    Insert {
        list: Path,
        index: usize,
        len: usize,
        values: Vec<Tree>,
    },
    /// The element `index` of the list at `list` goes.
    Remove {
        list: Path,
        index: usize,
        len: usize,
    },
    /// All `len` elements of the list at `list` go.
    Clear { list: Path, len: usize },
}

impl Change {
    /// The value the change is at (the list for insertions and removals).
    pub(crate) fn path(&self) -> &Path {
        match self {
            Change::Set { path, .. } | Change::Unset { path } => path,
            Change::Insert { list, .. }
            | Change::Remove { list, .. }
            | Change::Clear { list, .. } => list,
        }
    }
}

/// The changes that turn `old` into `new`, both found at `path`.
pub(crate) fn diff(old: &Tree, new: &Tree, path: &Path, out: &mut Vec<Change>) {
    changes(old, new, path, &[], out);
}

/// [`diff`] of a value that is a field among `siblings` (empty for list elements).
fn changes(old: &Tree, new: &Tree, path: &Path, siblings: &[&'static str], out: &mut Vec<Change>) {
    if old == new {
        return;
    }
    match (old, new) {
        (Tree::Struct(a, before), Tree::Struct(b, after)) if a == b => {
            for (name, _) in before {
                if !after.iter().any(|(n, _)| n == name) {
                    out.push(Change::Unset {
                        path: path.field(name),
                    });
                }
            }
            for (name, value) in after {
                match before.iter().find(|(n, _)| n == name) {
                    Some((_, was)) => {
                        changes(was, value, &path.field(name), &new.field_names(), out);
                    }
                    None => out.push(Change::Set {
                        path: path.field(name),
                        value: value.clone(),
                        siblings: new.field_names(),
                    }),
                }
            }
        }
        (Tree::List(before), Tree::List(after)) if !before.is_empty() && !after.is_empty() => {
            list(before, after, path, out);
        }
        (Tree::List(before), Tree::List(after)) if after.is_empty() => out.push(Change::Clear {
            list: path.clone(),
            len: before.len(),
        }),
        (Tree::Variant(a, before), Tree::Variant(b, after))
            if a == b && before.len() == after.len() =>
        {
            for (i, (x, y)) in before.iter().zip(after).enumerate() {
                diff(x, y, &path.index(i), out);
            }
        }
        _ => out.push(Change::Set {
            path: path.clone(),
            value: new.clone(),
            siblings: siblings.to_vec(),
        }),
    }
}

/// Two non-empty lists: the common start and end are kept, the middle compared element by
/// element, and what is left over inserted or removed.
fn list(before: &[Tree], after: &[Tree], path: &Path, out: &mut Vec<Change>) {
    let shorter = before.len().min(after.len());
    let head = before.iter().zip(after).take_while(|(a, b)| a == b).count();
    let tail = before
        .iter()
        .rev()
        .zip(after.iter().rev())
        .take(shorter - head)
        .take_while(|(a, b)| a == b)
        .count();
    let (old_mid, new_mid) = (
        &before[head..before.len() - tail],
        &after[head..after.len() - tail],
    );
    let both = old_mid.len().min(new_mid.len());
    for i in 0..both {
        diff(&old_mid[i], &new_mid[i], &path.index(head + i), out);
    }
    if new_mid.len() > both {
        out.push(Change::Insert {
            list: path.clone(),
            index: head + both,
            len: before.len(),
            values: new_mid[both..].to_vec(),
        });
    }
    for i in both..old_mid.len() {
        out.push(Change::Remove {
            list: path.clone(),
            index: head + i,
            len: before.len(),
        });
    }
}

/// Whether `inner` is `outer` or inside it.
pub(crate) fn within(inner: &Path, outer: &Path) -> bool {
    inner.segs().starts_with(outer.segs())
}

/// `path` without its last step (the root stays the root).
pub(crate) fn parent(path: &Path) -> Path {
    let segs = path.segs();
    Path(segs[..segs.len().saturating_sub(1)].to_vec())
}

/// The name of the field `path` ends with.
pub(crate) fn last_field(path: &Path) -> Option<&str> {
    match path.segs().last() {
        Some(Seg::Field(f)) => Some(f),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Tree {
        Tree::Str(v.into())
    }

    #[test]
    fn an_insertion_in_the_middle_is_one_insert() {
        let mut out = Vec::new();
        let old = Tree::List(vec![s("a"), s("b"), s("c")]);
        let new = Tree::List(vec![s("a"), s("x"), s("b"), s("c")]);
        diff(&old, &new, &Path::root(), &mut out);
        assert_eq!(
            out,
            vec![Change::Insert {
                list: Path::root(),
                index: 1,
                len: 3,
                values: vec![s("x")]
            }]
        );
        let mut out = Vec::new();
        diff(&new, &old, &Path::root(), &mut out);
        assert_eq!(
            out,
            vec![Change::Remove {
                list: Path::root(),
                index: 1,
                len: 4
            }]
        );
    }

    #[test]
    fn fields_are_set_and_unset() {
        let old = Tree::Struct("T", vec![("a", s("1")), ("b", s("2"))]);
        let new = Tree::Struct("T", vec![("b", s("3")), ("c", s("4"))]);
        let mut out = Vec::new();
        diff(&old, &new, &Path::root(), &mut out);
        assert_eq!(out.len(), 3);
        assert_eq!(
            out[0],
            Change::Unset {
                path: Path::root().field("a")
            }
        );
        assert!(matches!(&out[2], Change::Set { siblings, .. } if siblings == &["b", "c"]));
    }
}
