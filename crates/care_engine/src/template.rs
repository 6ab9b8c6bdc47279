//! Player-facing text with persona placeholders: `{name}`, `{var}` and pronouns (`{they}`,
//! `{them}`, `{their}`, capitalised as `{They}`…), drawn once per play.

use crate::persona::Persona;
use crate::pronouns::{PLACEHOLDERS, Pronoun};

/// A piece of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Literal(String),
    /// The customer's drawn name.
    Name,
    /// The first word of the customer's drawn name.
    FirstName,
    /// The drawn value of a persona pool, by index into `Scenario::vars`.
    Var(usize),
    /// A pronoun for the drawn customer; `true` when capitalised.
    Pronoun(Pronoun, bool),
}

/// A text with its placeholders resolved to persona slots.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Template {
    pieces: Vec<Piece>,
}

/// A placeholder that names no persona pool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownPlaceholder {
    pub name: String,
    /// Byte offset of the `{` in the source text.
    pub offset: usize,
}

impl Template {
    /// Parses `text`; `vars` are the scenario's pool names. `{{` and `}}` stand for braces.
    pub fn parse(text: &str, vars: &[&str]) -> Result<Template, UnknownPlaceholder> {
        let mut pieces = Vec::new();
        let mut lit = String::new();
        let mut rest = text;
        let mut consumed = 0;
        while let Some(i) = rest.find(['{', '}']) {
            lit.push_str(&rest[..i]);
            let tail = &rest[i..];
            if tail.starts_with("{{") || tail.starts_with("}}") {
                lit.push_str(&tail[..1]);
                rest = &tail[2..];
                consumed += i + 2;
                continue;
            }
            if let Some(after) = tail.strip_prefix('}') {
                lit.push('}');
                rest = after;
                consumed += i + 1;
                continue;
            }
            let Some(end) = tail.find('}') else {
                lit.push_str(tail);
                rest = "";
                break;
            };
            let name = tail[1..end].trim();
            let piece = if name == "name" {
                Piece::Name
            } else if name == "first_name" {
                Piece::FirstName
            } else if let Some(v) = vars.iter().position(|v| *v == name) {
                Piece::Var(v)
            } else if let Some((_, p, capital)) = PLACEHOLDERS.iter().find(|(w, ..)| *w == name) {
                Piece::Pronoun(*p, *capital)
            } else {
                return Err(UnknownPlaceholder {
                    name: name.to_owned(),
                    offset: consumed + i,
                });
            };
            if !lit.is_empty() {
                pieces.push(Piece::Literal(std::mem::take(&mut lit)));
            }
            pieces.push(piece);
            rest = &tail[end + 1..];
            consumed += i + end + 1;
        }
        lit.push_str(rest);
        if !lit.is_empty() {
            pieces.push(Piece::Literal(lit));
        }
        Ok(Template { pieces })
    }

    /// A template with no placeholders.
    pub fn literal(text: &str) -> Template {
        Template {
            pieces: if text.is_empty() {
                Vec::new()
            } else {
                vec![Piece::Literal(text.to_owned())]
            },
        }
    }

    pub fn is_empty(&self) -> bool {
        self.pieces.iter().all(|p| match p {
            Piece::Literal(s) => s.trim().is_empty(),
            _ => false,
        })
    }

    /// The text for one play's persona.
    pub fn render(&self, persona: &Persona) -> String {
        let mut out = String::new();
        for p in &self.pieces {
            match p {
                Piece::Literal(s) => out.push_str(s),
                Piece::Name => out.push_str(&persona.name),
                Piece::FirstName => out.push_str(persona.first_name()),
                Piece::Var(i) => out.push_str(persona.values.get(*i).map_or("", String::as_str)),
                Piece::Pronoun(p, capital) => out.push_str(persona.pronouns.word(*p, *capital)),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn persona() -> Persona {
        Persona {
            name: "Margaret".into(),
            values: vec!["twin granddaughters".into()],
            pronouns: crate::pronouns::Pronouns::She,
        }
    }

    #[test]
    fn fills_pronouns() {
        let t = Template::parse("{They} said {their} name; ask {them}.", &[]).unwrap();
        assert_eq!(t.render(&persona()), "She said her name; ask her.");
    }

    #[test]
    fn fills_name_and_pools() {
        let t = Template::parse("Hello {name}, gifts for your {kin}? {{sic}}", &["kin"]).unwrap();
        assert_eq!(
            t.render(&persona()),
            "Hello Margaret, gifts for your twin granddaughters? {sic}"
        );
    }

    #[test]
    fn unknown_placeholder_reports_its_offset() {
        let e = Template::parse("Hi {nmae}!", &[]).unwrap_err();
        assert_eq!(e.name, "nmae");
        assert_eq!(e.offset, 3);
    }

    #[test]
    fn blank_is_empty() {
        assert!(Template::parse("  ", &[]).unwrap().is_empty());
        assert!(!Template::parse("{name}", &[]).unwrap().is_empty());
    }
}
