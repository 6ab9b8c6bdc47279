//! Twine links: `[[T]]`, `[[Text->T]]`, `[[T<-Text]]`, `[[Text|T]]`, SugarCube's setter links
//! `[[Text|T][$x to 1]]`, and the quoted passage names macros take.

/// A link from one passage to another, as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Link {
    pub text: String,
    pub target: String,
}

impl Link {
    /// A link whose text is `text`, or the target's name when `text` is blank.
    pub fn new(text: &str, target: &str) -> Link {
        let target = target.trim();
        let text = text.trim();
        Link {
            text: if text.is_empty() { target } else { text }.to_owned(),
            target: target.to_owned(),
        }
    }
}

/// The `[[…]]` link `s` starts with, and how many bytes it takes; `None` when `s` does not start
/// with a whole link. Brackets inside a name are counted, so `[[Room [1]]]` links to `Room [1]`.
pub fn square(s: &str) -> Option<(Link, usize)> {
    let body = s.strip_prefix("[[")?;
    let end = closing_bracket(body)?;
    let inner = &body[..end];
    let after = &body[end + 1..];
    let used = if after.starts_with(']') {
        end + 2
    } else {
        // A setter: `[[Text|Target][$x to 1]]`.
        let setter = after.strip_prefix('[')?;
        let close = closing_bracket(setter)?;
        if !setter[close + 1..].starts_with(']') {
            return None;
        }
        end + 1 + 1 + close + 2
    };
    let link = split(inner)?;
    Some((link, used + 2))
}

/// The byte index of the `]` that closes a bracket opened just before `s`, within one line.
fn closing_bracket(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '[' => depth += 1,
            ']' if depth == 0 => return Some(i),
            ']' => depth -= 1,
            '\n' => return None,
            _ => {}
        }
    }
    None
}

/// Text and target of a link's inside: the rightmost `->`, the leftmost `<-`, or the first `|`.
fn split(inner: &str) -> Option<Link> {
    let link = if let Some(i) = inner.rfind("->") {
        Link::new(&inner[..i], &inner[i + 2..])
    } else if let Some(i) = inner.find("<-") {
        Link::new(&inner[i + 2..], &inner[..i])
    } else if let Some(i) = inner.find('|') {
        Link::new(&inner[..i], &inner[i + 1..])
    } else {
        Link::new(inner, inner)
    };
    (!link.target.is_empty()).then_some(link)
}

/// Every `[[…]]` link in `s`, e.g. in a macro's arguments.
pub fn all_square(s: &str) -> Vec<Link> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find("[[") {
        match square(&rest[i..]) {
            Some((link, used)) => {
                out.push(link);
                rest = &rest[i + used..];
            }
            None => rest = &rest[i + 2..],
        }
    }
    out
}

/// Whether a quote after `before` opens a string: not after a letter, digit or closing bracket,
/// where it is an apostrophe (`it's`, Harlowe's `$list's 1st`).
pub fn opens_quote(before: char) -> bool {
    !(before.is_alphanumeric() || matches!(before, ')' | ']' | '}'))
}

/// The quoted strings in `s` (`"…"` or `'…'`), unescaped, in order; `` `…` `` (an expression in
/// SugarCube) is passed over.
pub fn quoted(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = s.chars();
    let mut before = ' ';
    while let Some(c) = chars.next() {
        let prev = std::mem::replace(&mut before, c);
        if !matches!(c, '"' | '\'' | '`') || !opens_quote(prev) {
            continue;
        }
        let mut value = String::new();
        let mut closed = false;
        while let Some(d) = chars.next() {
            match d {
                '\\' => {
                    if let Some(e) = chars.next() {
                        value.push(e);
                    }
                }
                d if d == c => {
                    closed = true;
                    break;
                }
                d => value.push(d),
            }
        }
        before = c;
        if closed && c != '`' {
            out.push(value);
        }
    }
    out
}

/// `s` split at its top-level commas: none inside quotes or brackets.
pub fn arguments(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut quote, mut start, mut before) = (0usize, None, 0, ' ');
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        let prev = std::mem::replace(&mut before, c);
        match (quote, c) {
            (Some(_), '\\') => {
                chars.next();
            }
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'' | '`') if opens_quote(prev) => quote = Some(c),
            (None, '(' | '[' | '{') => depth += 1,
            (None, ')' | ']' | '}') => depth = depth.saturating_sub(1),
            (None, ',') if depth == 0 => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

/// The string an argument is, when it is nothing but one quoted string.
pub fn literal(arg: &str) -> Option<String> {
    let arg = arg.trim();
    let q = quoted(arg);
    let first = arg.chars().next()?;
    let whole = q.len() == 1 && matches!(first, '"' | '\'') && arg.ends_with(first);
    whole.then(|| q.into_iter().next()).flatten()
}

/// Whether a link target is a web address or an expression worked out while playing
/// (`$next`, `_room`, `previous()`) rather than a passage name.
pub fn not_a_passage(target: &str) -> bool {
    let variable = |p: char| {
        target
            .strip_prefix(p)
            .and_then(|r| r.chars().next())
            .is_some_and(|c| c.is_alphabetic() || c == '_')
    };
    target.contains("://")
        || target.starts_with("mailto:")
        || variable('$')
        || variable('_')
        || target.ends_with("()")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> (String, String) {
        let (l, used) = square(s).expect(s);
        assert_eq!(used, s.len(), "{s}");
        (l.text, l.target)
    }

    #[test]
    fn all_four_forms_and_setters() {
        let pair = |a: &str, b: &str| (a.to_owned(), b.to_owned());
        assert_eq!(one("[[Hall]]"), pair("Hall", "Hall"));
        assert_eq!(one("[[Go on->Hall]]"), pair("Go on", "Hall"));
        assert_eq!(one("[[Hall<-Go on]]"), pair("Go on", "Hall"));
        assert_eq!(one("[[Go on|Hall]]"), pair("Go on", "Hall"));
        assert_eq!(one("[[Go|Room][$hasKey to true]]"), pair("Go", "Room"));
        assert_eq!(one("[[Room [1]]]"), pair("Room [1]", "Room [1]"));
        assert_eq!(one("[[a->b->c]]"), pair("a->b", "c"));
        assert_eq!(square("[[broken"), None);
        assert_eq!(square("[[no\nlines]]"), None);
    }

    #[test]
    fn quoted_strings_and_expressions() {
        assert_eq!(
            quoted(r#"link "It's \"ok\"" 'Hall'"#),
            ["It's \"ok\"", "Hall"]
        );
        assert!(not_a_passage("$next") && not_a_passage("previous()"));
        assert!(not_a_passage("https://example.org") && !not_a_passage("$5 offer"));
    }
}
