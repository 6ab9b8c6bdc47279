//! A customer's pronouns, written after a name in the pool (`"Kwame (he)"`), so one scenario can
//! draw any customer and its texts still read right: `{they}`, `{them}`, `{their}`, `{They}`,
//! `{Their}`.

use serde::{Deserialize, Serialize};

/// Which pronouns the texts use for the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Pronouns {
    She,
    He,
    /// Also the default for a name written without pronouns.
    #[default]
    They,
}

/// A pronoun placeholder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pronoun {
    /// she / he / they
    Subject,
    /// her / him / them
    Object,
    /// her / his / their
    Possessive,
}

/// The placeholders a text may use for pronouns, with what each stands for and whether it starts
/// with a capital.
pub const PLACEHOLDERS: [(&str, Pronoun, bool); 6] = [
    ("they", Pronoun::Subject, false),
    ("They", Pronoun::Subject, true),
    ("them", Pronoun::Object, false),
    ("Them", Pronoun::Object, true),
    ("their", Pronoun::Possessive, false),
    ("Their", Pronoun::Possessive, true),
];

impl Pronouns {
    /// The word for `p`, capitalised when `capital`.
    pub fn word(self, p: Pronoun, capital: bool) -> &'static str {
        let (lower, upper) = match (self, p) {
            (Pronouns::She, Pronoun::Subject) => ("she", "She"),
            (Pronouns::She, _) => ("her", "Her"),
            (Pronouns::He, Pronoun::Subject) => ("he", "He"),
            (Pronouns::He, Pronoun::Object) => ("him", "Him"),
            (Pronouns::He, Pronoun::Possessive) => ("his", "His"),
            (Pronouns::They, Pronoun::Subject) => ("they", "They"),
            (Pronouns::They, Pronoun::Object) => ("them", "Them"),
            (Pronouns::They, Pronoun::Possessive) => ("their", "Their"),
        };
        if capital { upper } else { lower }
    }
}

/// A name in the pool as written: `"Kwame (he)"` is Kwame with he/him; a name without a
/// parenthesis uses they/them. `Err` holds what was written in the parenthesis when it names no
/// pronouns.
pub fn split_name(written: &str) -> Result<(String, Pronouns), String> {
    let trimmed = written.trim_end();
    let Some(open) = trimmed.rfind('(').filter(|_| trimmed.ends_with(')')) else {
        return Ok((written.trim().to_owned(), Pronouns::They));
    };
    let inside = trimmed[open + 1..trimmed.len() - 1].trim();
    let pronouns = match inside.to_lowercase().as_str() {
        "she" | "she/her" => Pronouns::She,
        "he" | "he/him" => Pronouns::He,
        "they" | "they/them" => Pronouns::They,
        _ => return Err(inside.to_owned()),
    };
    Ok((trimmed[..open].trim().to_owned(), pronouns))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_their_pronouns() {
        assert_eq!(split_name("Kwame (he)"), Ok(("Kwame".into(), Pronouns::He)));
        assert_eq!(
            split_name("Ana Lima (she/her)"),
            Ok(("Ana Lima".into(), Pronouns::She))
        );
        assert_eq!(split_name("Alex"), Ok(("Alex".into(), Pronouns::They)));
        assert_eq!(split_name("Sam (hr)"), Err("hr".into()));
    }

    #[test]
    fn words_follow_the_pronouns() {
        assert_eq!(Pronouns::She.word(Pronoun::Possessive, false), "her");
        assert_eq!(Pronouns::He.word(Pronoun::Object, false), "him");
        assert_eq!(Pronouns::They.word(Pronoun::Subject, true), "They");
    }
}
