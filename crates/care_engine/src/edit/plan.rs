//! Value changes turned into the smallest text patches: a changed value's bytes replaced, a new
//! field or element written beside its siblings with their indentation, a removed one taken out
//! with its comma, its line and the comment lines just above it. Everything else keeps its bytes.

use super::diff::{Change, last_field, parent};
use super::lines::{
    after_newline, attached_start, line_end, line_start, skip_blank, starts_line, width,
};
use super::patch::{Patch, apply};
use super::style::{Style, WIDTH, inline};
use super::tree::Tree;
use crate::path::Path;
use crate::source_map::{Entries, SourceMap};

/// A field to add to the struct at `parent` after its written entry `anchor` (first when
/// `None`); `rank` is its place in the struct's declaration order.
struct NewField<'t> {
    parent: Path,
    anchor: Option<usize>,
    rank: usize,
    item: Item<'t>,
    origin: usize,
}

/// A new entry: a field (with its name) or a list element.
#[derive(Clone, Copy)]
struct Item<'t> {
    field: Option<&'t str>,
    value: &'t Tree,
}

/// Plans patches for one text.
pub(crate) struct Planner<'a> {
    pub text: &'a str,
    pub map: &'a SourceMap,
    pub style: &'a Style,
}

impl Planner<'_> {
    /// Patches for all `changes`, sorted and not overlapping; on failure, the index of a change
    /// that cannot be made here (its value is not where expected, or patches collide).
    pub(crate) fn plan(&self, changes: &[Change]) -> Result<Vec<Patch>, usize> {
        let unset: Vec<&Path> = changes
            .iter()
            .filter_map(|c| match c {
                Change::Unset { path } => Some(path),
                _ => None,
            })
            .collect();
        let mut patches = Vec::new();
        let mut fields: Vec<NewField<'_>> = Vec::new();
        for (i, c) in changes.iter().enumerate() {
            let before = patches.len();
            self.change(c, i, &unset, &mut patches, &mut fields)
                .ok_or(i)?;
            for p in &mut patches[before..] {
                p.origin = i;
            }
        }
        // New fields of one struct after the same field are written together, in order.
        fields.sort_by_key(|f| (f.parent.to_string(), f.anchor, f.rank));
        for group in fields.chunk_by(|a, b| a.parent == b.parent && a.anchor == b.anchor) {
            let first = &group[0];
            let e = self.map.entries(&first.parent).ok_or(first.origin)?;
            let items: Vec<Item<'_>> = group.iter().map(|f| f.item).collect();
            let patch = match first.anchor {
                Some(i) => self.insert_after(&e, i, &items),
                None => self.insert_before(&e, 0, &items),
            };
            let mut patch = patch.ok_or(first.origin)?;
            patch.origin = first.origin;
            patches.push(patch);
        }
        patches.sort_by_key(|p| (p.range.start, p.range.end));
        for w in patches.windows(2) {
            if w[1].range.start < w[0].range.end {
                return Err(w[1].origin);
            }
        }
        Ok(patches)
    }

    /// Plans change `c` (number `origin`): its patches into `out`, or a new field into `fields`;
    /// `unset` are the fields that go in this plan (no new field is placed after one).
    fn change<'c>(
        &self,
        c: &'c Change,
        origin: usize,
        unset: &[&Path],
        out: &mut Vec<Patch>,
        fields: &mut Vec<NewField<'c>>,
    ) -> Option<()> {
        match c {
            Change::Set {
                path,
                value,
                siblings,
            } => {
                if self.map.contains(path) {
                    let span = self.map.value_span(path)?;
                    let (indent, col) = self.position(span.start);
                    // On a line already longer than the house width, a value written on one
                    // line stays on one line.
                    let long = !self.text[span.clone()].contains('\n')
                        && self.line_width(span.start) >= WIDTH;
                    let text = match inline(value).filter(|_| long) {
                        Some(line) => line,
                        None => self
                            .style
                            .write(value, &indent, col, path.segs().is_empty()),
                    };
                    out.push(Patch::new(span, text));
                    return Some(());
                }
                let field = last_field(path)?;
                let holder = parent(path);
                let e = self.map.entries(&holder)?;
                let names = self.names(&e)?;
                let rank = |name: &str| siblings.iter().position(|s| *s == name);
                let mine = rank(field)?;
                let going = |name: &str| unset.iter().any(|p| **p == holder.field(name));
                let anchor = (0..names.len())
                    .rev()
                    .find(|&i| rank(&names[i]).is_some_and(|r| r < mine) && !going(&names[i]));
                fields.push(NewField {
                    parent: holder,
                    anchor,
                    rank: mine,
                    item: Item {
                        field: Some(field),
                        value,
                    },
                    origin,
                });
            }
            Change::Unset { path } => {
                if !self.map.contains(path) {
                    return Some(());
                }
                let field = last_field(path)?;
                let e = self.map.entries(&parent(path))?;
                let i = self.names(&e)?.iter().position(|n| n == field)?;
                out.push(self.remove(&e, i));
            }
            Change::Insert {
                list,
                index,
                len,
                values,
            } => {
                let e = self.list(list, *len)?;
                let items: Vec<Item<'_>> = values
                    .iter()
                    .map(|value| Item { field: None, value })
                    .collect();
                let patch = if *index < *len {
                    self.insert_before(&e, *index, &items)?
                } else {
                    self.insert_after(&e, len - 1, &items)?
                };
                out.push(patch);
            }
            Change::Remove { list, index, len } => {
                let e = self.list(list, *len)?;
                out.push(self.remove(&e, *index));
            }
            Change::Clear { list, len } => {
                let e = self.list(list, *len)?;
                out.extend(self.clear(&e)?);
            }
        }
        Some(())
    }

    /// An entry as written at column `col` of a line indented by `indent`.
    fn item(&self, item: &Item<'_>, indent: &str, col: usize) -> String {
        match item.field {
            Some(f) => format!(
                "{f}: {}",
                self.style
                    .write(item.value, indent, col + f.len() + 2, false)
            ),
            None => self.style.write(item.value, indent, col, false),
        }
    }

    /// An entry among others on one line: on that line too when it can be.
    fn inline_item(&self, item: &Item<'_>, indent: &str, col: usize) -> String {
        match (inline(item.value), item.field) {
            (Some(line), Some(f)) => format!("{f}: {line}"),
            (Some(line), None) => line,
            (None, _) => self.item(item, indent, col),
        }
    }

    /// Width of the line holding byte `at`.
    fn line_width(&self, at: usize) -> usize {
        let start = line_start(self.text, at);
        let rest = &self.text[start..];
        rest[..rest.find('\n').unwrap_or(rest.len())]
            .chars()
            .count()
    }

    /// The list at `path`, when it is written with `len` elements.
    fn list(&self, path: &Path, len: usize) -> Option<Entries> {
        let e = self.map.entries(path)?;
        (e.items.len() == len && len > 0 && e.items.iter().all(|i| i.key.is_none())).then_some(e)
    }

    /// The field names of a struct as written (`r#` dropped).
    fn names(&self, e: &Entries) -> Option<Vec<String>> {
        e.items
            .iter()
            .map(|i| {
                let key = self.text.get(i.key.clone()?)?;
                Some(key.strip_prefix("r#").unwrap_or(key).to_owned())
            })
            .collect()
    }

    /// Indentation of the line holding byte `at`, and the column `at` is in.
    fn position(&self, at: usize) -> (String, usize) {
        let start = line_start(self.text, at);
        let line = &self.text[start..at];
        let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
        let col = line.chars().map(|c| if c == '\t' { 4 } else { 1 }).sum();
        (indent.to_owned(), col)
    }

    /// Whether the entries are written one per line, and the indentation of their lines.
    fn layout(&self, e: &Entries) -> Option<(bool, String)> {
        let first = e.items.first()?.start();
        let multiline = self.text[e.span.start..first].contains('\n');
        let indent = if starts_line(self.text, first) {
            self.position(first).0
        } else {
            format!("{}{}", self.position(e.span.start).0, self.style.unit)
        };
        Some((multiline, indent))
    }

    /// New entries written just after entry `i`.
    fn insert_after(&self, e: &Entries, i: usize, items: &[Item<'_>]) -> Option<Patch> {
        let (multiline, indent) = self.layout(e)?;
        let end = e.items.get(i)?.value.end;
        let mut p = skip_blank(self.text, end);
        let comma = self.text[p..].starts_with(',');
        if comma {
            p += 1;
        }
        let last = i + 1 == e.items.len();
        let nl = self.style.newline;
        if multiline && let Some(eol) = line_end(self.text, p) {
            let mut out = String::new();
            if !comma {
                out.push(',');
            }
            out.push_str(&self.text[end..eol]);
            for (k, item) in items.iter().enumerate() {
                out.push_str(nl);
                out.push_str(&indent);
                out.push_str(&self.item(item, &indent, width(&indent)));
                if k + 1 < items.len() || comma || !last {
                    out.push(',');
                }
            }
            return Some(Patch::new(end..eol, out));
        }
        let col = self.position(end).1 + 2;
        let line_indent = self.position(end).0;
        let written: Vec<String> = items
            .iter()
            .map(|i| self.inline_item(i, &line_indent, col))
            .collect();
        Some(Patch::new(end..end, format!(", {}", written.join(", "))))
    }

    /// New entries written just before entry `i` (and the comment lines above it).
    fn insert_before(&self, e: &Entries, i: usize, items: &[Item<'_>]) -> Option<Patch> {
        let (multiline, indent) = self.layout(e)?;
        let start = e.items.get(i)?.start();
        if multiline && starts_line(self.text, start) {
            let at = attached_start(self.text, line_start(self.text, start));
            let mut out = String::new();
            for item in items {
                out.push_str(&indent);
                out.push_str(&self.item(item, &indent, width(&indent)));
                out.push(',');
                out.push_str(self.style.newline);
            }
            return Some(Patch::new(at..at, out));
        }
        let (line_indent, col) = self.position(start);
        let written: Vec<String> = items
            .iter()
            .map(|i| self.inline_item(i, &line_indent, col))
            .collect();
        Some(Patch::new(
            start..start,
            format!("{}, ", written.join(", ")),
        ))
    }

    /// All entries taken out: the container left empty (`[]`) when nothing but them was inside
    /// it, else each taken out as by [`Planner::remove`] (other comments stay).
    fn clear(&self, e: &Entries) -> Option<Vec<Patch>> {
        let open = e.span.start + self.text[e.span.clone()].find(['[', '(', '{'])? + 1;
        let close = e.span.end.checked_sub(1).filter(|&c| c >= open)?;
        let removals: Vec<Patch> = (0..e.items.len()).map(|i| self.remove(e, i)).collect();
        if removals
            .windows(2)
            .any(|w| w[1].range.start < w[0].range.end)
        {
            return None;
        }
        let (left, _) = apply(&self.text[..close], &removals);
        let rest = left.get(open..).unwrap_or_default();
        Some(if rest.trim().is_empty() {
            vec![Patch::new(open..close, "")]
        } else {
            removals
        })
    }

    /// Entry `i` taken out: with its comma, and when it has lines of its own, those lines and
    /// the comment lines just above it.
    fn remove(&self, e: &Entries, i: usize) -> Patch {
        let item = &e.items[i];
        let (start, end) = (item.start(), item.value.end);
        let mut p = skip_blank(self.text, end);
        if self.text[p..].starts_with(',') {
            p += 1;
        }
        if starts_line(self.text, start)
            && let Some(eol) = line_end(self.text, p)
        {
            let from = attached_start(self.text, line_start(self.text, start));
            return Patch::new(from..after_newline(self.text, eol), String::new());
        }
        let range = match (
            e.items.get(i + 1),
            i.checked_sub(1).and_then(|j| e.items.get(j)),
        ) {
            (Some(next), _) => start..next.start(),
            (None, Some(prev)) => prev.value.end..end,
            (None, None) => start..p,
        };
        Patch::new(range, String::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(text: &str, changes: &[Change]) -> String {
        let map = SourceMap::parse(text);
        let style = Style::of(text);
        let p = Planner {
            text,
            map: &map,
            style: &style,
        };
        let patches = p.plan(changes).expect("planned");
        super::super::patch::apply(text, &patches).0
    }

    const T: &str = "X(\n    a: [\n        // about one\n        1,\n        2,  // two\n    ],\n    b: (c: 1),\n)\n";

    #[test]
    fn elements_go_with_their_comments() {
        let list = Path::root().field("a");
        let removed = plan(
            T,
            &[Change::Remove {
                list: list.clone(),
                index: 0,
                len: 2,
            }],
        );
        assert_eq!(
            removed,
            "X(\n    a: [\n        2,  // two\n    ],\n    b: (c: 1),\n)\n"
        );
        let added = plan(
            T,
            &[Change::Insert {
                list: list.clone(),
                index: 0,
                len: 2,
                values: vec![Tree::Atom("0".into())],
            }],
        );
        assert_eq!(
            added,
            "X(\n    a: [\n        0,\n        // about one\n        1,\n        2,  // two\n    ],\n    b: (c: 1),\n)\n"
        );
        let appended = plan(
            T,
            &[Change::Insert {
                list,
                index: 2,
                len: 2,
                values: vec![Tree::Atom("3".into())],
            }],
        );
        assert!(
            appended.contains("        2,  // two\n        3,\n    ],"),
            "{appended}"
        );
    }

    #[test]
    fn fields_are_placed_by_declaration_order_inline_or_not() {
        let set = Change::Set {
            path: Path::root().field("b").field("d"),
            value: Tree::Atom("2".into()),
            siblings: vec!["c", "d"],
        };
        assert!(plan(T, &[set]).contains("b: (c: 1, d: 2),"));
        let first = Change::Set {
            path: Path::root().field("z"),
            value: Tree::Atom("0".into()),
            siblings: vec!["z", "a", "b"],
        };
        assert!(plan(T, &[first]).starts_with("X(\n    z: 0,\n    a: ["));
    }
}
