//! Typed-reply matching: stemmed, typo-tolerant phrase search and the rubric's verdict on a reply.

use std::ops::Range;

use rust_stemmers::{Algorithm, Stemmer};
use serde::{Deserialize, Serialize};

use crate::model::{Dimension, Matcher, PerDimension, Phrase, Rubric};
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
    /// For a match by meaning: the example phrasing the evidence was closest to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closest: Option<String>,
    /// For a match by meaning: how close, in thousandths of cosine similarity (1000 = the same).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closeness: Option<u16>,
}

impl RubricHit {
    /// A hit found word for word.
    pub fn exact(entry: usize, evidence: String) -> RubricHit {
        RubricHit {
            entry,
            evidence,
            closest: None,
            closeness: None,
        }
    }
}

/// Which judge gave a verdict.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum JudgedBy {
    /// The sentence model compared the reply's clauses with each criterion's examples.
    Meaning,
    /// Words and phrases were matched (the judge engine tests and quick checks use).
    #[default]
    Keywords,
    /// Words and phrases were matched because the meaning judge could not run: `reason` says
    /// why (its model is missing or failed to load), and the debrief shows it.
    KeywordsInstead { reason: String },
}

/// The rubric's verdict on one reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    pub hits: Vec<RubricHit>,
    /// Rewarding entries the reply missed (indexes into the rubric's entries).
    pub missed: Vec<usize>,
    /// Points per dimension from the hits.
    pub points: PerDimension<i32>,
    #[serde(default)]
    pub judged_by: JudgedBy,
}

impl Verdict {
    /// A verdict built from hits: points added up, rewarding entries not hit listed as missed.
    pub fn from_hits(rubric: &Rubric, mut hits: Vec<RubricHit>, judged_by: JudgedBy) -> Verdict {
        hits.sort_by_key(|h| h.entry);
        hits.dedup_by_key(|h| h.entry);
        let mut points = PerDimension::default();
        for h in &hits {
            if let Some(e) = rubric.entries.get(h.entry) {
                *points.get_mut(e.dimension) += e.points;
            }
        }
        let missed = rubric
            .entries
            .iter()
            .enumerate()
            .filter(|(i, e)| e.points > 0 && !hits.iter().any(|h| h.entry == *i))
            .map(|(i, _)| i)
            .collect();
        Verdict {
            hits,
            missed,
            points,
            judged_by,
        }
    }

    pub fn total(&self) -> i32 {
        Dimension::ALL.iter().map(|d| self.points.get(*d)).sum()
    }

    /// Whether the entry with this key was met.
    pub fn met(&self, rubric: &Rubric, key: &str) -> bool {
        self.hits
            .iter()
            .any(|h| rubric.entries.get(h.entry).is_some_and(|e| e.key == key))
    }
}

/// Words that turn a statement round ("not your fault", "I won't quote policy").
const NEGATIONS: &[&str] = &[
    "not",
    "no",
    "never",
    "don't",
    "won't",
    "isn't",
    "wasn't",
    "aren't",
    "can't",
    "cannot",
    "didn't",
    "doesn't",
    "shouldn't",
    "wouldn't",
    "nothing",
    "without",
    "nor",
    "hardly",
];

/// Whether `text` says "not" somewhere (negation flips what an example phrasing means).
pub fn negates(text: &str) -> bool {
    words(text, Algorithm::English).iter().any(is_negation)
}

/// Whether `w` negates what follows it.
pub fn is_negation(w: &Word) -> bool {
    NEGATIONS.contains(&w.text.as_str()) || w.text.ends_with("n't")
}

/// Whether one of the three words before `at` negates the phrase found there.
fn negated_before(reply: &[Word], at: usize) -> bool {
    reply[at.saturating_sub(3)..at].iter().any(is_negation)
}

/// Every place `phrase` stands in `reply` with no negation just before it (unless the phrase
/// itself is negative, like "nothing we can do").
fn affirmed_spans(reply: &[Word], phrase: &[Word]) -> Vec<Range<usize>> {
    if phrase.is_empty() || phrase.len() > reply.len() {
        return Vec::new();
    }
    let phrase_negative = phrase.iter().any(is_negation);
    (0..=reply.len() - phrase.len())
        .filter_map(|i| {
            let w = &reply[i..i + phrase.len()];
            let same = w.iter().zip(phrase).all(|(a, b)| same_word(a, b));
            (same && (phrase_negative || !negated_before(reply, i)))
                .then(|| w[0].span.start..w[w.len() - 1].span.end)
        })
        .collect()
}

/// The first place one of `phrases` stands affirmed in `reply` outside every look-alike
/// (`unlike`): "sorry" inside "sorry for any inconvenience" is not an apology.
fn find_phrases(reply: &[Word], phrases: &[Phrase], unlike: &[Vec<Word>]) -> Option<Range<usize>> {
    let covered: Vec<Range<usize>> = unlike
        .iter()
        .flat_map(|u| affirmed_spans(reply, u))
        .collect();
    phrases
        .iter()
        .flat_map(|p| affirmed_spans(reply, &p.words))
        .find(|span| {
            !covered
                .iter()
                .any(|c| c.start <= span.start && span.end <= c.end)
        })
}

const DAYS: &[&str] = &[
    "today",
    "tomorrow",
    "tonight",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "weekend",
    "morning",
    "afternoon",
    "evening",
    "noon",
    "midday",
    "hour",
    "hours",
    "minutes",
    "minute",
    "week",
    "o'clock",
    "asap",
    "now",
    "eod",
];

/// A time or a day in `reply`: "by 4 pm", "16:30", "tomorrow", "within the hour", "Friday".
pub fn find_when(reply: &[Word], text: &str) -> Option<Range<usize>> {
    let clock = |w: &Word| {
        let t = &text[w.span.clone()];
        let digits = t.chars().filter(char::is_ascii_digit).count();
        digits > 0 && (t.ends_with("am") || t.ends_with("pm") || t.contains(':'))
    };
    reply.iter().enumerate().find_map(|(i, w)| {
        let hour_then_ampm = w.text.chars().all(|c| c.is_ascii_digit())
            && reply
                .get(i + 1)
                .is_some_and(|n| n.text == "am" || n.text == "pm");
        let digits_only = !w.text.is_empty() && w.text.chars().all(|c| c.is_ascii_digit());
        let rest = &text[w.span.end..];
        let clock_text = clock(w)
            || (digits_only
                && rest.starts_with(':')
                && rest[1..].starts_with(|c: char| c.is_ascii_digit()));
        (DAYS.contains(&w.text.as_str()) || hour_then_ampm || clock_text).then(|| w.span.clone())
    })
}

/// Checks `reply` against every entry of `rubric` by words and phrases: the judge that needs no
/// model. A phrase right after a negation does not count ("not your fault" is not blame).
pub fn evaluate(rubric: &Rubric, reply: &str, persona: &Persona, algorithm: Algorithm) -> Verdict {
    let found = words(reply, algorithm);
    let hits = rubric
        .entries
        .iter()
        .enumerate()
        .filter_map(|(i, entry)| {
            let unlike: Vec<Vec<Word>> = entry.unlike.iter().map(|u| words(u, algorithm)).collect();
            let span = match &entry.matcher {
                Matcher::Phrases(phrases) => find_phrases(&found, phrases, &unlike),
                other => exact_match(other, &found, reply, persona, algorithm),
            };
            span.map(|span| RubricHit::exact(i, reply[span].to_owned()))
        })
        .collect();
    Verdict::from_hits(rubric, hits, JudgedBy::Keywords)
}

/// Where `matcher` finds itself in a reply by words alone.
pub fn exact_match(
    matcher: &Matcher,
    found: &[Word],
    reply: &str,
    persona: &Persona,
    algorithm: Algorithm,
) -> Option<Range<usize>> {
    match matcher {
        Matcher::Phrases(phrases) => find_phrases(found, phrases, &[]),
        Matcher::CustomerName => find_phrase(found, &words(persona.first_name(), algorithm)),
        Matcher::Shouting => is_shouting(found, reply),
        Matcher::When => find_when(found, reply),
    }
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
            examples: Vec::new(),
            unlike: Vec::new(),
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
            pronouns: crate::pronouns::Pronouns::She,
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
    fn a_time_or_a_day_is_found_and_a_colon_alone_is_not() {
        let when = |t: &str| find_when(&words(t, EN), t).map(|r| t[r].to_owned());
        assert_eq!(when("I'll ring you by 4 pm").as_deref(), Some("4"));
        assert_eq!(when("back to you at 16:30").as_deref(), Some("16"));
        assert_eq!(when("it goes out tomorrow").as_deref(), Some("tomorrow"));
        assert_eq!(when("Please message me privately: we'll refund it"), None);
        assert_eq!(when("Here: a new pair"), None);
    }

    #[test]
    fn a_negated_phrase_is_not_a_hit() {
        let v = evaluate(&rubric(), "I won't quote our policy at you", &persona(), EN);
        assert!(!v.hits.iter().any(|h| h.entry == 2), "{v:?}");
        let v = evaluate(&rubric(), "Sadly our policy is clear", &persona(), EN);
        assert!(v.hits.iter().any(|h| h.entry == 2));
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
