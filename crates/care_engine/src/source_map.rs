//! Finds where a value sits in RON source text, so diagnostics can point at it.
//!
//! [`SourceMap::parse`] is a forgiving, non-validating scan that records the byte span of every
//! value (and of every field name / map key) in a flat tree. It never fails: on broken text it
//! keeps whatever it could make sense of, so a diagnostic can still point near the problem.

use std::ops::Range;

use crate::path::{Path, Seg};

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
    /// Indexes `src`. Never panics; texts over 4 GiB are only indexed up to that size.
    pub fn parse(src: &str) -> SourceMap {
        let src = src
            .get(..src.floor_char_boundary(NONE as usize - 1))
            .unwrap_or_default();
        let mut p = Parser {
            src,
            ..Parser::default()
        };
        let root = loop {
            p.skip_ws();
            let before = p.pos;
            if p.peek().is_none() {
                break None;
            } else if p.at(b"#![") {
                // `#![enable(...)]`
                p.bump(2);
                p.skip_balanced();
            } else if let Some(node) = p.parse_value(0) {
                break Some(node);
            } else if p.pos == before {
                p.skip_char();
            }
        };
        SourceMap {
            nodes: p.nodes,
            names: p.names,
            root,
        }
    }

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

fn ident_continue(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

#[derive(Default)]
struct Parser<'a> {
    src: &'a str,
    pos: usize,
    /// How many enclosing `(`, `[`, `{` are open, to tell a stray closer from an early one.
    open: [u32; 3],
    nodes: Vec<Node>,
    names: String,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.src.as_bytes().get(self.pos).copied()
    }

    fn rest(&self) -> &[u8] {
        self.src.as_bytes().get(self.pos..).unwrap_or_default()
    }

    fn at(&self, s: &[u8]) -> bool {
        self.rest().starts_with(s)
    }

    fn bump(&mut self, n: usize) {
        self.pos = self.pos.saturating_add(n).min(self.src.len());
    }

    fn char_at(&self) -> Option<char> {
        self.src.get(self.pos..)?.chars().next()
    }

    fn skip_char(&mut self) {
        let n = self.char_at().map_or(1, char::len_utf8);
        self.bump(n);
    }

    fn eat_while(&mut self, f: impl Fn(char) -> bool) {
        while let Some(c) = self.char_at().filter(|&c| f(c)) {
            self.bump(c.len_utf8());
        }
    }

    /// Moves to the first byte equal to one of `stops` (or the end) and returns it.
    fn seek(&mut self, stops: &[u8]) -> Option<u8> {
        let found = self.rest().iter().position(|c| stops.contains(c));
        self.pos = found.map_or(self.src.len(), |i| self.pos + i);
        self.peek()
    }

    fn skip_ws(&mut self) {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C) => self.bump(1),
                Some(b'/') if self.at(b"//") => {
                    self.seek(b"\n");
                }
                Some(b'/') if self.at(b"/*") => {
                    let mut level = 0_usize;
                    while self.seek(b"/*").is_some() {
                        let step = [self.at(b"/*"), self.at(b"*/")];
                        level = (level + usize::from(step[0])).saturating_sub(usize::from(step[1]));
                        self.bump(if step[0] || step[1] { 2 } else { 1 });
                        if level == 0 {
                            break;
                        }
                    }
                }
                Some(0x80..) => match self.char_at() {
                    Some(c @ ('\u{85}' | '\u{200E}' | '\u{200F}' | '\u{2028}' | '\u{2029}')) => {
                        self.bump(c.len_utf8());
                    }
                    _ => break,
                },
                _ => break,
            }
        }
    }

    /// At an opening quote: skips a `"string"` or `'c'` with escapes; stops at the end if open.
    fn scan_quoted(&mut self, quote: u8) {
        self.bump(1);
        while let Some(c) = self.seek(&[quote, b'\\']) {
            self.bump(if c == b'\\' { 2 } else { 1 });
            if c == quote {
                break;
            }
        }
    }

    /// Number of `#` if a raw string (`r"`, `r#"`, ...) starts `offset` bytes ahead.
    fn raw_string_at(&self, offset: usize) -> Option<usize> {
        let rest = self.rest().get(offset..)?;
        let hashes = rest.iter().skip(1).take_while(|&&c| c == b'#').count();
        (rest.first() == Some(&b'r') && rest.get(1 + hashes) == Some(&b'"')).then_some(hashes)
    }

    fn scan_raw(&mut self, hashes: usize) {
        self.bump(hashes + 2);
        while self.seek(b"\"").is_some() {
            self.bump(1);
            if self
                .rest()
                .get(..hashes)
                .is_some_and(|h| h.iter().all(|&c| c == b'#'))
            {
                self.bump(hashes);
                break;
            }
        }
    }

    /// Skips a string, char, byte string or number literal.
    fn scan_literal(&mut self) -> bool {
        let rest = self.rest();
        match (rest.first().copied(), rest.get(1).copied()) {
            (Some(q @ (b'"' | b'\'')), _) => self.scan_quoted(q),
            (Some(b'b'), Some(q @ (b'"' | b'\''))) => {
                self.bump(1);
                self.scan_quoted(q);
            }
            (Some(c @ (b'b' | b'r')), _) => {
                let prefix = usize::from(c == b'b');
                let Some(hashes) = self.raw_string_at(prefix) else {
                    return false;
                };
                self.bump(prefix);
                self.scan_raw(hashes);
            }
            (Some(c), _) if c.is_ascii_digit() || matches!(c, b'+' | b'-' | b'.') => {
                let mut prev = c;
                self.bump(1);
                while let Some(c) = self.peek() {
                    let sign = matches!((prev, c), (b'e' | b'E', b'+' | b'-'));
                    if !(c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.') || sign) {
                        break;
                    }
                    (prev, self.pos) = (c, self.pos + 1);
                }
            }
            _ => return false,
        }
        true
    }

    /// Skips an identifier, raw (`r#type`) or not.
    fn scan_ident(&mut self) -> bool {
        let start = self.pos;
        if self.at(b"r#") {
            self.bump(2);
            self.eat_while(|c| ident_continue(c) || matches!(c, '.' | '+' | '-'));
            if self.pos > start + 2 {
                return true;
            }
            self.pos = start;
        }
        match self.char_at() {
            Some(c) if c == '_' || c.is_alphabetic() => {
                self.bump(c.len_utf8());
                self.eat_while(ident_continue);
                true
            }
            _ => false,
        }
    }

    /// At an opening bracket: skips to just past its matching closer, without recording nodes.
    fn skip_balanced(&mut self) {
        let mut level = 0_usize;
        loop {
            self.skip_ws();
            match self.peek() {
                None => break,
                Some(b'(' | b'[' | b'{') => {
                    level += 1;
                    self.bump(1);
                }
                Some(b')' | b']' | b'}') => {
                    self.bump(1);
                    level = level.saturating_sub(1);
                    if level == 0 {
                        break;
                    }
                }
                Some(_) => {
                    if !self.scan_literal() && !self.scan_ident() {
                        self.skip_char();
                    }
                }
            }
        }
    }

    fn push(&mut self, kind: Kind, start: usize) -> u32 {
        let index = u32::try_from(self.nodes.len()).unwrap_or(NONE);
        let (start, end) = (offset(start), offset(self.pos));
        self.nodes.push(Node {
            kind,
            span: (start, end),
            key: (NONE, NONE),
            name: (NONE, NONE),
            first_child: NONE,
            next_sibling: NONE,
        });
        index
    }

    fn parse_value(&mut self, depth: usize) -> Option<u32> {
        let start = self.pos;
        if self.scan_literal() {
            return Some(self.push(Kind::Scalar, start));
        }
        if self.scan_ident() {
            let end = self.pos;
            self.skip_ws();
            if self.peek() != Some(b'(') {
                self.pos = end;
                return Some(self.push(Kind::Scalar, start));
            }
        }
        if !matches!(self.peek()?, b'(' | b'[' | b'{') {
            return None;
        }
        if depth >= MAX_DEPTH {
            self.skip_balanced();
            return Some(self.push(Kind::Scalar, start));
        }
        Some(self.parse_container(start, depth))
    }

    /// At `(`, `[` or `{` (possibly after a struct name starting at `start`).
    fn parse_container(&mut self, start: usize, depth: usize) -> u32 {
        let (kind, close, slot) = match self.peek() {
            Some(b'[') => (Kind::List, b']', 1),
            Some(b'{') => (Kind::Map, b'}', 2),
            _ => (Kind::Tuple, b')', 0),
        };
        self.bump(1);
        let named = kind == Kind::Tuple && self.named_fields_ahead();
        let kind = if named { Kind::Struct } else { kind };
        let index = self.push(kind, start);
        self.open[slot] += 1;
        let mut last = None;
        loop {
            self.skip_ws();
            match self.peek() {
                None => break,
                Some(c) if c == close => {
                    self.bump(1);
                    break;
                }
                Some(b')') if self.open[0] > 0 => break,
                Some(b']') if self.open[1] > 0 => break,
                Some(b'}') if self.open[2] > 0 => break,
                Some(b',') => {
                    self.bump(1);
                    continue;
                }
                Some(_) => {}
            }
            let before = self.pos;
            let child = match kind {
                Kind::Struct | Kind::Map => self.parse_entry(kind, depth),
                _ => self.parse_value(depth + 1),
            };
            if let Some(child) = child {
                let prev = self.nodes.get_mut(last.unwrap_or(index) as usize);
                if let Some(n) = prev {
                    *[&mut n.first_child, &mut n.next_sibling][usize::from(last.is_some())] = child;
                }
                last = Some(child);
            }
            if self.pos == before {
                self.skip_char();
            }
        }
        self.open[slot] -= 1;
        if let Some(n) = self.nodes.get_mut(index as usize) {
            n.span.1 = offset(self.pos);
        }
        index
    }

    /// Just inside `(`: does the content start with `ident :`?
    fn named_fields_ahead(&mut self) -> bool {
        let back = self.pos;
        self.skip_ws();
        let named = self.scan_ident() && {
            self.skip_ws();
            self.peek() == Some(b':')
        };
        self.pos = back;
        named
    }

    /// One `key: value` entry of a struct (key is an identifier) or a map (key is a value).
    fn parse_entry(&mut self, kind: Kind, depth: usize) -> Option<u32> {
        let key_start = self.pos;
        let key_end = if kind == Kind::Struct {
            if !self.scan_ident() {
                // Not a field name: consume whatever value is there so the loop moves on.
                self.parse_value(depth + 1);
                return None;
            }
            self.pos
        } else {
            self.parse_value(depth + 1)?;
            self.pos
        };
        self.skip_ws();
        if self.peek() != Some(b':') {
            return None;
        }
        self.bump(1);
        self.skip_ws();
        let value = self.parse_value(depth + 1);
        let value = value.unwrap_or_else(|| self.push(Kind::Scalar, self.pos));
        let written = self.src.get(key_start..key_end).unwrap_or_default();
        let name_start = offset(self.names.len());
        let named = match kind {
            Kind::Struct => Some(written.strip_prefix("r#").unwrap_or(written)),
            _ => None,
        };
        let named = named.map(|n| self.names.push_str(n)).is_some()
            || decode_string(written, &mut self.names);
        let node = self.nodes.get_mut(value as usize)?;
        node.key = (offset(key_start), offset(key_end));
        if named {
            node.name = (name_start, offset(self.names.len()));
        }
        Some(value)
    }
}

/// Appends the content of string literal `lit` (`"..."` or `r#"..."#`) to `out`.
fn decode_string(lit: &str, out: &mut String) -> bool {
    if let Some(raw) = lit.strip_prefix('r') {
        let body = raw.trim_start_matches('#');
        let hashes = raw.len() - body.len();
        let body = body.strip_prefix('"').unwrap_or(body);
        out.push_str(
            body.get(..body.len().saturating_sub(hashes + 1))
                .unwrap_or(body),
        );
        return true;
    }
    let Some(body) = lit.strip_prefix('"') else {
        return false;
    };
    let mut chars = body.strip_suffix('"').unwrap_or(body).chars();
    while let Some(c) = chars.next() {
        let escaped = if c == '\\' { chars.next() } else { None };
        out.push(match escaped {
            None => c,
            Some('n') => '\n',
            Some('t') => '\t',
            Some('r') => '\r',
            Some('0') => '\0',
            Some('u') => {
                let hex: String = chars.by_ref().skip(1).take_while(|&c| c != '}').collect();
                let code = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                code.unwrap_or(char::REPLACEMENT_CHARACTER)
            }
            Some(other) => other,
        });
    }
    true
}

#[cfg(test)]
#[path = "source_map_tests.rs"]
mod tests;
