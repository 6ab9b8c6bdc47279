//! Names for what an import writes: ids from passage names (unique, never clashing with
//! the ids the import adds) and text with its braces escaped so none reads as a placeholder.

use std::collections::HashSet;

/// Hands out ids made from passage names, each once.
#[derive(Debug, Default)]
pub struct Ids {
    taken: HashSet<String>,
}

impl Ids {
    /// Keeps `id` for the import's own use.
    pub fn reserve(&mut self, id: &str) {
        self.taken.insert(id.to_owned());
    }

    /// A new id made from `name`: lower case, dashes for anything but letters and digits, and
    /// `-2`, `-3`… when a passage whose name differs only in case or punctuation has it.
    pub fn make(&mut self, name: &str) -> String {
        let base = dashed(name, char::is_alphanumeric);
        let base = if base.is_empty() {
            "passage".to_owned()
        } else {
            base
        };
        let mut id = base.clone();
        let mut n = 1;
        while !self.taken.insert(id.clone()) {
            n += 1;
            id = format!("{base}-{n}");
        }
        id
    }
}

/// `s` in lower case with each run of characters `keep` refuses made one dash, none at the ends.
fn dashed(s: &str, keep: impl Fn(char) -> bool) -> String {
    let mapped: String = s
        .to_lowercase()
        .chars()
        .map(|c| if keep(c) { c } else { '-' })
        .collect();
    mapped
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// A scenario id made from a Twee file's name: lower-case ASCII letters and digits, dashes for
/// anything else, so it can always name the new file (`imported` when nothing is left).
pub fn file_id(file_stem: &str) -> String {
    let mut id = dashed(file_stem, |c| c.is_ascii_alphanumeric());
    id.truncate(crate::load::MAX_FILE_ID_CHARS);
    let id = id.trim_end_matches('-');
    if id.is_empty() {
        "imported".to_owned()
    } else {
        id.to_owned()
    }
}

/// `text` as a scenario text that shows exactly `text`: each brace doubled, so that `{x}` from
/// a story (a Chapbook insert, JavaScript, LaTeX) is never read as a placeholder.
pub fn escape(text: &str) -> String {
    text.replace('{', "{{").replace('}', "}}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::persona::Persona;
    use crate::template::Template;

    #[test]
    fn ids_are_unique_and_keep_letters_of_any_script() {
        let mut ids = Ids::default();
        ids.reserve("no-answer");
        assert_eq!(ids.make("Front Desk"), "front-desk");
        assert_eq!(ids.make("front desk!"), "front-desk-2");
        assert_eq!(ids.make("No answer"), "no-answer-2");
        assert_eq!(ids.make("Café Ωmega"), "café-ωmega");
        assert_eq!(ids.make("???"), "passage");
    }

    #[test]
    fn escaped_text_renders_as_written() {
        let persona = Persona {
            name: "Ann".into(),
            values: Vec::new(),
            pronouns: Default::default(),
        };
        for text in [
            "{embed passage: 'X'}",
            "$\\frac{a}{b}$",
            "}{ {{ }}}",
            "if (x) { y(); }",
        ] {
            let t = Template::parse(&escape(text), &[]).expect(text);
            assert_eq!(t.render(&persona), text);
        }
    }
}
