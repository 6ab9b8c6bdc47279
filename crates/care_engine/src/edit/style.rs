//! The house style values are written in, as `care new` and the shipped scenarios write them:
//! beats, responses, typed moments, the customer and rubrics one field per line with trailing
//! commas; the scenario's tables (beats, endings, rubrics …) one element per line; small values
//! (effects, branches, `then: (next: "x")`, short endings and lists) on one line when they fit in
//! [`WIDTH`] columns; strings in double quotes with only `"`, `\` and
//! control characters escaped (an apostrophe stays an apostrophe); no `Some(…)`.
//!
//! The indentation unit and line ending follow the file being edited (four spaces and `\n` for a
//! new one).

use super::lines::width;
use super::tree::Tree;

/// Lines are kept within this many columns where a value can be broken.
pub const WIDTH: usize = 100;

/// Structs always written one field per line, by type name.
const BLOCK: [&str; 8] = [
    "Scenario",
    "LabelledReplies",
    "RawBeat",
    "RawResponse",
    "RawTyped",
    "RawCustomer",
    "RawRubric",
    "RawRubricEntry",
];

/// How one file is laid out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Style {
    /// One level of indentation.
    pub unit: String,
    /// `"\n"` or `"\r\n"`.
    pub newline: &'static str,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            unit: "    ".into(),
            newline: "\n",
        }
    }
}

impl Style {
    /// The style of `text`: the indentation of its first indented line, its line ending.
    pub(crate) fn of(text: &str) -> Style {
        let unit = text
            .lines()
            .map(|l| &l[..l.len() - l.trim_start_matches([' ', '\t']).len()])
            .find(|ws| !ws.is_empty())
            .map_or_else(
                || "    ".to_owned(),
                |ws| {
                    if ws.starts_with('\t') {
                        "\t".to_owned()
                    } else {
                        ws.to_owned()
                    }
                },
            );
        Style {
            unit,
            newline: if text.contains("\r\n") { "\r\n" } else { "\n" },
        }
    }

    /// `t` written where a line indented by `indent` has reached column `col`. With `named`, a
    /// struct is written with its type name (the root value: `Scenario(`).
    pub(crate) fn write(&self, t: &Tree, indent: &str, col: usize, named: bool) -> String {
        let mut out = String::new();
        self.value(&mut out, t, indent, col, named);
        if self.newline == "\n" {
            out
        } else {
            out.replace('\n', self.newline)
        }
    }

    fn value(&self, out: &mut String, t: &Tree, indent: &str, col: usize, named: bool) {
        // The scenario's tables (beats, endings, rubrics …) are one element per line.
        let table = indent.len() <= self.unit.len()
            && matches!(t, Tree::List(items) if items.iter().any(|i| matches!(i, Tree::Struct(..))));
        let fits = |l: &String| col + l.len() < WIDTH || is_text(t);
        if !named
            && !table
            && let Some(line) = inline(t).filter(fits)
        {
            out.push_str(&line);
            return;
        }
        let inner = format!("{indent}{}", self.unit);
        match t {
            Tree::Struct(name, fields) if !fields.is_empty() => {
                if named {
                    out.push_str(name);
                }
                out.push_str("(\n");
                for (field, v) in fields {
                    out.push_str(&inner);
                    out.push_str(field);
                    out.push_str(": ");
                    self.value(out, v, &inner, width(&inner) + field.len() + 2, false);
                    out.push_str(",\n");
                }
                out.push_str(indent);
                out.push(')');
            }
            Tree::List(items) if !items.is_empty() => {
                out.push_str("[\n");
                for v in items {
                    out.push_str(&inner);
                    self.value(out, v, &inner, width(&inner), false);
                    out.push_str(",\n");
                }
                out.push_str(indent);
                out.push(']');
            }
            Tree::Variant(name, args) => {
                out.push_str(name);
                out.push('(');
                let mut col = col + name.len() + 1;
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                        col += 2;
                    }
                    let start = out.len();
                    self.value(out, a, indent, col, false);
                    col += out[start..].len();
                }
                out.push(')');
            }
            Tree::Struct(..) => out.push_str("()"),
            Tree::List(_) => out.push_str("[]"),
            _ => out.push_str(&inline(t).unwrap_or_default()),
        }
    }
}

fn is_text(t: &Tree) -> bool {
    matches!(t, Tree::Str(_) | Tree::Atom(_))
}

/// `t` on one line, or `None` when it is always written one field or element per line: block
/// structs, and lists of two or more structs.
pub(crate) fn inline(t: &Tree) -> Option<String> {
    Some(match t {
        Tree::Atom(a) => a.clone(),
        Tree::Str(s) => quote(s),
        Tree::Absent => "None".into(),
        Tree::Struct(name, _) if BLOCK.contains(name) => return None,
        Tree::Struct(_, fields) => {
            let parts: Option<Vec<String>> = fields
                .iter()
                .map(|(f, v)| inline(v).map(|v| format!("{f}: {v}")))
                .collect();
            format!("({})", parts?.join(", "))
        }
        Tree::List(items) => {
            let structs = items
                .iter()
                .filter(|i| matches!(i, Tree::Struct(..)))
                .count();
            if structs > 1 {
                return None;
            }
            let parts: Option<Vec<String>> = items.iter().map(inline).collect();
            format!("[{}]", parts?.join(", "))
        }
        Tree::Variant(name, args) => {
            let parts: Option<Vec<String>> = args.iter().map(inline).collect();
            format!("{name}({})", parts?.join(", "))
        }
    })
}

/// `s` as a RON string literal: `"` and `\` escaped, control characters as escapes, everything
/// else (apostrophes, accents, emoji) as it is.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::raw::{RawEffects, RawEnding, RawStep};

    #[test]
    fn strings_keep_apostrophes_and_escape_quotes() {
        assert_eq!(quote("It's \"fine\"\n\\"), r#""It's \"fine\"\n\\""#);
        let back: String = ron::from_str(&quote("a\u{7}b £ 🙈 '")).unwrap();
        assert_eq!(back, "a\u{7}b £ 🙈 '");
    }

    #[test]
    fn small_values_fit_on_a_line_and_long_ones_break() {
        let s = Style::default();
        let e = RawEffects {
            empathy: 20,
            mood: -5,
            ..RawEffects::default()
        };
        assert_eq!(
            s.write(&Tree::of(&e), "", 10, false),
            "(empathy: 20, mood: -5)"
        );
        let step = RawStep {
            narration: "Nobody answers, and after a long wait the customer gives up and walks out."
                .into(),
            effects: e,
            delay: None,
            keeps: vec![],
            breaks: vec![],
            set: vec![],
            clear: vec![],
            feedback: String::new(),
            next: "gone".into(),
            branches: vec![],
        };
        let text = s.write(&Tree::of(&step), "        ", 20, false);
        assert_eq!(
            text,
            "(\n            narration: \"Nobody answers, and after a long wait the customer gives up and walks out.\",\n            effects: (empathy: 20, mood: -5),\n            next: \"gone\",\n        )"
        );
        let end = RawEnding {
            id: "ok".into(),
            outcome: crate::model::Outcome::Resolved,
            text: "Sorted.".into(),
            effects: None,
        };
        assert_eq!(
            s.write(&Tree::of(&end), "    ", 8, false),
            r#"(id: "ok", outcome: Resolved, text: "Sorted.")"#
        );
    }

    #[test]
    fn the_style_follows_the_file() {
        let s = Style::of("Scenario(\r\n\tid: \"x\",\r\n)");
        assert_eq!((s.unit.as_str(), s.newline), ("\t", "\r\n"));
        assert_eq!(Style::of("X(\n  a: 1,\n)").unit, "  ");
    }
}
