//! Lines of a RON text as the planner sees them: where a line starts and ends, its
//! indentation, the comment lines that belong to the entry below them, comments in a value.

/// Columns `indent` takes (a tab counts as four).
pub(crate) fn width(indent: &str) -> usize {
    indent.chars().map(|c| if c == '\t' { 4 } else { 1 }).sum()
}

/// Start of the line holding byte `at`.
pub(crate) fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// Whether only spaces and tabs come before byte `at` on its line.
pub(crate) fn starts_line(text: &str, at: usize) -> bool {
    text[line_start(text, at)..at]
        .chars()
        .all(|c| c == ' ' || c == '\t')
}

/// Past the spaces and tabs from `at`.
pub(crate) fn skip_blank(text: &str, at: usize) -> usize {
    at + text[at..].len() - text[at..].trim_start_matches([' ', '\t']).len()
}

/// Where the line ends (at its `\r\n`, `\n` or the end of the text) when from `at` it holds
/// only blanks and comments (`// …`, or `/* … */` closed on the line).
pub(crate) fn line_end(text: &str, at: usize) -> Option<usize> {
    let mut p = skip_blank(text, at);
    let rest = &text[p..];
    let eol = p + rest.find('\n').unwrap_or(rest.len());
    let eol = if text[..eol].ends_with('\r') {
        eol - 1
    } else {
        eol
    };
    while text[p..eol].starts_with("/*") {
        p = skip_blank(text, p + text[p..eol].find("*/")? + 2);
    }
    (p == eol || text[p..eol].starts_with("//")).then_some(eol)
}

/// Past the line ending at `eol`.
pub(crate) fn after_newline(text: &str, eol: usize) -> usize {
    let rest = &text[eol..];
    eol + if rest.starts_with("\r\n") {
        2
    } else {
        usize::from(rest.starts_with('\n'))
    }
}

/// The start of the comment lines directly above the line starting at `line` (or `line`).
pub(crate) fn attached_start(text: &str, line: usize) -> usize {
    let mut at = line;
    while at > 0 {
        let prev = line_start(text, at - 1);
        if !text[prev..at].trim_start().starts_with("//") {
            break;
        }
        at = prev;
    }
    at
}

/// Whether `text` (a piece of RON) holds a comment outside its strings.
pub(crate) fn has_comment(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'/' if matches!(b.get(i + 1), Some(b'/' | b'*')) => return true,
            _ => {}
        }
        i += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_found_outside_strings() {
        assert!(has_comment("(a: 1, // x\n)"));
        assert!(!has_comment(r#"(a: "http://x \" // y")"#));
    }

    #[test]
    fn a_line_ends_after_blanks_and_comments() {
        let t = "a, /* x */ // y\nb";
        assert_eq!(line_end(t, 2), Some(15));
        assert_eq!(line_end("a, b\n", 2), None);
        assert_eq!(attached_start("x\n// c\n// d\ny", 12), 2);
    }
}
