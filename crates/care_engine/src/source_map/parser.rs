//! The forgiving scan behind [`SourceMap::parse`]: builds the flat tree of values, entries and
//! keys, keeping whatever it can make sense of in broken text.

mod scan;

use super::{Kind, MAX_DEPTH, NONE, Node, SourceMap, offset};

#[derive(Default)]
struct Parser<'a> {
    src: &'a str,
    pos: usize,
    /// How many enclosing `(`, `[`, `{` are open, to tell a stray closer from an early one.
    open: [u32; 3],
    nodes: Vec<Node>,
    names: String,
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
}

impl Parser<'_> {
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
