//! The lexical part of the source map's scan: whitespace and comments, literals, identifiers, and
//! skipping a bracketed value whole.

use super::Parser;

fn ident_continue(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

impl Parser<'_> {
    pub(super) fn peek(&self) -> Option<u8> {
        self.src.as_bytes().get(self.pos).copied()
    }

    fn rest(&self) -> &[u8] {
        self.src.as_bytes().get(self.pos..).unwrap_or_default()
    }

    pub(super) fn at(&self, s: &[u8]) -> bool {
        self.rest().starts_with(s)
    }

    pub(super) fn bump(&mut self, n: usize) {
        self.pos = self.pos.saturating_add(n).min(self.src.len());
    }

    fn char_at(&self) -> Option<char> {
        self.src.get(self.pos..)?.chars().next()
    }

    pub(super) fn skip_char(&mut self) {
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

    pub(super) fn skip_ws(&mut self) {
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
    pub(super) fn scan_literal(&mut self) -> bool {
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
    pub(super) fn scan_ident(&mut self) -> bool {
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
    pub(super) fn skip_balanced(&mut self) {
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
}
