//! Typed-reply matching: stemmed, typo-tolerant phrase search and the rubric's verdict on a reply.

use std::ops::Range;

use rust_stemmers::{Algorithm, Stemmer};
use serde::{Deserialize, Serialize};

use crate::model::{Dimension, Matcher, PerDimension, Rubric};
use crate::persona::Persona;

/// A word of a reply or phrase: its lowercased form, its stem and where it stood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub stem: String,
    pub span: Range<usize>,
}

/// Splits `text` into lowercased, stemmed words. Apostrophes stay inside words ("I'll").
pub fn words(text: &str, algorithm: Algorithm) -> Vec<Word> {
    let stemmer = Stemmer::create(algorithm);
    let mut out = Vec::new();
    let mut start = None;
    let is_word_char = |c: char| c.is_alphanumeric() || c == '\'' || c == '\u{2019}';
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (start, is_word_char(c)) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let raw = text[s..i]
                    .replace('\u{2019}', "'")
                    .trim_matches('\'')
                    .to_lowercase();
                if !raw.is_empty() {
                    let stem = stemmer.stem(&raw).into_owned();
                    out.push(Word {
                        text: raw,
                        stem,
                        span: s..i,
                    });
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Whether two words are the same word, allowing inflections and one typo in longer words.
fn same_word(a: &Word, b: &Word) -> bool {
    if a.stem == b.stem || a.text == b.text {
        return true;
    }
    let long_enough = a.text.chars().count() >= 5 && b.text.chars().count() >= 5;
    long_enough && strsim::damerau_levenshtein(&a.text, &b.text) <= 1
}

/// Finds `phrase` in `reply`; returns the byte range of the match in the reply text.
pub fn find_phrase(reply: &[Word], phrase: &[Word]) -> Option<Range<usize>> {
    if phrase.is_empty() || phrase.len() > reply.len() {
        return None;
    }
    reply.windows(phrase.len()).find_map(|w| {
        w.iter()
            .zip(phrase)
            .all(|(a, b)| same_word(a, b))
            .then(|| w[0].span.start..w[w.len() - 1].span.end)
    })
}

/// Whether the reply is written in capitals.
fn is_shouting(reply: &[Word], text: &str) -> Option<Range<usize>> {
    let loud: Vec<&Word> = reply
        .iter()
        .filter(|w| {
            let original = &text[w.span.clone()];
            original.chars().filter(|c| c.is_alphabetic()).count() >= 3
                && !original.chars().any(char::is_lowercase)
        })
        .collect();
    let shouting = loud.len() >= 3 || (loud.len() >= 2 && loud.len() * 2 >= reply.len());
    shouting.then(|| loud[0].span.start..loud[loud.len() - 1].span.end)
}

/// One rubric entry found in a reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RubricHit {
    /// Index into the rubric's entries.
    pub entry: usize,
    /// The words of the reply that matched.
    pub evidence: String,
}

/// The rubric's verdict on one reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    pub hits: Vec<RubricHit>,
    /// Rewarding entries the reply missed (indexes into the rubric's entries).
    pub missed: Vec<usize>,
    /// Points per dimension from the hits.
    pub points: PerDimension<i32>,
}

impl Verdict {
    pub fn total(&self) -> i32 {
        Dimension::ALL.iter().map(|d| self.points.get(*d)).sum()
    }
}

/// Checks `reply` against every entry of `rubric`.
pub fn evaluate(rubric: &Rubric, reply: &str, persona: &Persona, algorithm: Algorithm) -> Verdict {
    let found = words(reply, algorithm);
    let name = words(persona.first_name(), algorithm);
    let mut verdict = Verdict {
        hits: Vec::new(),
        missed: Vec::new(),
        points: PerDimension::default(),
    };
    for (i, entry) in rubric.entries.iter().enumerate() {
        let span = match &entry.matcher {
            Matcher::Phrases(phrases) => phrases.iter().find_map(|p| find_phrase(&found, &p.words)),
            Matcher::CustomerName => find_phrase(&found, &name),
            Matcher::Shouting => is_shouting(&found, reply),
        };
        match span {
            Some(span) => {
                *verdict.points.get_mut(entry.dimension) += entry.points;
                verdict.hits.push(RubricHit {
                    entry: i,
                    evidence: reply[span].to_owned(),
                });
            }
            None if entry.points > 0 => verdict.missed.push(i),
            None => {}
        }
    }
    verdict
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Phrase, RubricEntry};

    const EN: Algorithm = Algorithm::English;

    fn phrase(text: &str) -> Phrase {
        Phrase {
            text: text.into(),
            words: words(text, EN),
        }
    }

    fn rubric() -> Rubric {
        let entry = |key: &str, points, matcher| RubricEntry {
            key: key.into(),
            label: key.into(),
            points,
            dimension: Dimension::Empathy,
            matcher,
            advice: String::new(),
        };
        Rubric {
            key: "t".into(),
            entries: vec![
                entry("name", 10, Matcher::CustomerName),
                entry(
                    "sorry",
                    10,
                    Matcher::Phrases(vec![phrase("apologize"), phrase("sorry")]),
                ),
                entry("policy", -15, Matcher::Phrases(vec![phrase("our policy")])),
                entry("loud", -10, Matcher::Shouting),
            ],
        }
    }

    fn persona() -> Persona {
        Persona {
            name: "Margaret Hale".into(),
            values: vec![],
        }
    }

    #[test]
    fn tolerates_inflections_and_typos() {
        let v = evaluate(
            &rubric(),
            "Margret, we apologized. Our polcy is firm.",
            &persona(),
            EN,
        );
        let keys: Vec<usize> = v.hits.iter().map(|h| h.entry).collect();
        assert_eq!(keys, vec![0, 1, 2]);
        assert_eq!(v.hits[1].evidence, "apologized");
        assert_eq!(v.points.empathy, 5);
    }

    #[test]
    fn lists_missed_rewards_but_not_avoided_penalties() {
        let v = evaluate(&rubric(), "ok", &persona(), EN);
        assert_eq!(v.missed, vec![0, 1]);
        assert_eq!(v.total(), 0);
    }

    #[test]
    fn capitals_are_shouting_but_one_acronym_is_not() {
        let loud = evaluate(&rubric(), "THIS IS NOT OUR PROBLEM", &persona(), EN);
        assert!(loud.hits.iter().any(|h| h.entry == 3));
        let calm = evaluate(
            &rubric(),
            "Your NHS letter is on its way, Margaret",
            &persona(),
            EN,
        );
        assert!(!calm.hits.iter().any(|h| h.entry == 3));
    }

    #[test]
    fn short_words_need_exact_match() {
        let w = words("I'll call you", EN);
        assert_eq!(w[0].text, "i'll");
        assert!(find_phrase(&w, &words("I will", EN)).is_none());
        assert!(find_phrase(&w, &words("I'll", EN)).is_some());
        assert!(find_phrase(&words("cat", EN), &words("car", EN)).is_none());
    }
}
