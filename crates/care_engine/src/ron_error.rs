//! Turns `ron`'s syntax and type errors into diagnostics with a location and a fix.

use ron::error::{Error, Position, SpannedError};

use crate::diagnostic::{Code, Diagnostic};
use crate::suggest::did_you_mean;

/// Byte offset of a 1-based (line, column-in-chars) position.
fn offset(src: &str, p: Position) -> usize {
    let mut line_start = 0;
    for _ in 1..p.line {
        match src[line_start..].find('\n') {
            Some(i) => line_start += i + 1,
            None => return src.len(),
        }
    }
    src[line_start..]
        .char_indices()
        .nth(p.col.saturating_sub(1))
        .map_or(src.len(), |(i, _)| line_start + i)
}

/// "RawBeat" → "beat": the file-format name of a raw type.
fn outer_name(outer: &Option<String>) -> String {
    match outer {
        Some(o) => {
            let o = o.strip_prefix("Raw").unwrap_or(o);
            let mut s = String::new();
            for (i, c) in o.chars().enumerate() {
                if c.is_uppercase() && i > 0 {
                    s.push(' ');
                }
                s.extend(c.to_lowercase());
            }
            format!("this {s}")
        }
        None => "here".to_owned(),
    }
}

fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// End of the token starting at `start`: a whole string literal, or up to the next space or
/// delimiter (at least one char).
fn token_end(src: &str, start: usize) -> usize {
    let rest = &src[start..];
    let mut chars = rest.char_indices();
    let Some((_, first)) = chars.next() else {
        return start;
    };
    let mut escaped = false;
    let end = if first == '"' {
        chars
            .find(|&(_, c)| {
                let closes = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                closes || c == '\n'
            })
            .map(|(i, c)| if c == '"' { i + 1 } else { i })
    } else {
        chars
            .find(|(_, c)| {
                c.is_whitespace() || matches!(c, ',' | '(' | ')' | '[' | ']' | '{' | '}' | ':')
            })
            .map(|(i, _)| i)
    };
    start + end.unwrap_or(rest.len())
}

/// The diagnostic for a RON error in `src`.
pub fn diagnostic(file: &str, src: &str, e: &SpannedError) -> Diagnostic {
    let mut start = offset(src, e.span.start);
    let mut end = offset(src, e.span.end).max(start);
    // A point, a blank or the whole nesting past the recursion limit: underline one token.
    if src[start..end].trim().is_empty() || matches!(e.code, Error::ExceededRecursionLimit) {
        // `ron` points just after `field:`; move on to the value itself.
        start = src.len() - src[start..].trim_start().len();
        end = token_end(src, start);
    }
    let token = &src[start..end];
    let (code, message, label, hint): (Code, String, &str, Option<String>) = match &e.code {
        Error::NoSuchStructField {
            expected,
            found,
            outer,
        } => (
            Code::UnknownField,
            format!("unknown field `{found}` in {}", outer_name(outer)),
            "unknown field",
            Some(
                did_you_mean(found, expected.iter().copied())
                    .unwrap_or_else(|| format!("fields allowed here: {}", list(expected))),
            ),
        ),
        Error::MissingStructField { field, outer } => (
            Code::MissingField,
            format!("{} is missing the field `{field}`", outer_name(outer)),
            "ends here without it",
            Some(format!(
                "add `{field}: …`; docs/scenario-format.md describes every field"
            )),
        ),
        Error::DuplicateStructField { field, outer } => (
            Code::Syntax,
            format!("the field `{field}` appears twice in {}", outer_name(outer)),
            "second time",
            Some("keep one of them".into()),
        ),
        Error::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => (
            Code::UnknownVariant,
            format!(
                "`{found}` is not a known {}",
                outer
                    .as_deref()
                    .map_or("value".into(), |o| outer_name(&Some(o.to_owned()))
                        .replace("this ", ""))
            ),
            "unknown name",
            Some(
                did_you_mean(found, expected.iter().copied())
                    .unwrap_or_else(|| format!("use one of: {}", list(expected))),
            ),
        ),
        Error::ExpectedDifferentStructName { expected, found } => (
            Code::Syntax,
            format!("expected `{expected}(`, found `{found}(`"),
            "wrong name",
            Some(format!("a scenario file starts with `{expected}(`")),
        ),
        Error::ExceededRecursionLimit => (
            Code::TooDeep,
            "the file nests too deeply here".into(),
            "too deep",
            Some(format!(
                "files may nest at most {} levels, and each condition or list inside another takes \
                 two or more; list several tests in one All([...]) or Any([...]) instead of nesting them",
                crate::load::MAX_DEPTH
            )),
        ),
        Error::Eof => (
            Code::Syntax,
            "the file ends before the scenario is complete".into(),
            "unexpected end",
            Some("a bracket or parenthesis is probably not closed; check the last beat".into()),
        ),
        Error::ExpectedComma => (
            Code::Syntax,
            "expected a comma".into(),
            "comma missing before this",
            Some("separate fields and list items with commas".into()),
        ),
        Error::ExpectedStringEnd => (
            Code::Syntax,
            "a string is not closed".into(),
            "unclosed string",
            Some("close the text with `\"`; write `\\\"` for a quote inside it".into()),
        ),
        Error::InvalidValueForType { expected, found } => (
            Code::WrongType,
            format!("expected {expected}, found {found}"),
            "wrong kind of value",
            Some("texts go in double quotes, lists in [ ], groups of fields in ( )".into()),
        ),
        Error::ExpectedString => (
            Code::WrongType,
            "expected a text in double quotes".into(),
            "not a text",
            Some("write texts and ids in double quotes, e.g. \"greet\"".into()),
        ),
        Error::ExpectedInteger | Error::IntegerOutOfBounds => (
            Code::WrongType,
            e.code.to_string(),
            "not a whole number",
            Some("write a whole number, e.g. 15".into()),
        ),
        Error::ExpectedArray => (
            Code::WrongType,
            "expected a list in [ ]".into(),
            "not a list",
            Some(if token.starts_with('"') && token.chars().count() <= 40 {
                format!("put it in square brackets, even when there is only one: [{token}]")
            } else {
                "lists are written in square brackets: [\"a\", \"b\"]".into()
            }),
        ),
        other => (Code::Syntax, other.to_string(), "here", None),
    };
    let (line, column) = crate::source_map::line_col(src, start);
    Diagnostic {
        file: file.to_owned(),
        line,
        column,
        severity: code.severity(),
        code,
        message,
        hint,
        label: label.to_owned(),
        span: Some(start..end),
    }
}
