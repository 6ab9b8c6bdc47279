//! A reply cut into the parts a criterion is compared with: its sentences, and the clauses of
//! a long sentence ("I'm sorry, but our policy …" is an apology and a policy quote).

/// Words that start a new clause inside a sentence.
const JOINS: &[&str] = &[
    " but ",
    " however ",
    " so ",
    " and ",
    " because ",
    " although ",
    " though ",
];

/// One part of a reply and where it stands in the reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub text: String,
    pub start: usize,
}

/// The clauses of `reply`, sentence by sentence (a sentence of one clause stays whole), in order;
/// parts with fewer than two words are left out, unless the reply has no other. Each word is
/// embedded once, which keeps judging a long reply fast.
pub fn clauses(reply: &str) -> Vec<Clause> {
    let mut out: Vec<Clause> = Vec::new();
    for (start, sentence) in split_keep(reply, |c| matches!(c, '.' | '!' | '?' | ';' | '\n' | ':'))
    {
        let parts = split_joins(sentence);
        if parts.len() > 1 {
            for (s, part) in parts {
                push(&mut out, part, start + s);
            }
        } else {
            push(&mut out, sentence, start);
        }
    }
    if out.is_empty() && !reply.trim().is_empty() {
        out.push(Clause {
            text: reply.trim().to_owned(),
            start: reply.len() - reply.trim_start().len(),
        });
    }
    out
}

fn push(out: &mut Vec<Clause>, text: &str, start: usize) {
    let trimmed =
        text.trim_matches(|c: char| c.is_whitespace() || c == ',' || c == '-' || c == '—');
    if trimmed.split_whitespace().count() < 2 || out.iter().any(|c| c.text == trimmed) {
        return;
    }
    let offset = text.find(trimmed).unwrap_or(0);
    out.push(Clause {
        text: trimmed.to_owned(),
        start: start + offset,
    });
}

/// Splits at every char for which `end` holds, keeping each piece's byte offset.
fn split_keep(text: &str, end: impl Fn(char) -> bool) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut from = 0;
    for (i, c) in text.char_indices() {
        if end(c) {
            out.push((from, &text[from..i]));
            from = i + c.len_utf8();
        }
    }
    out.push((from, &text[from..]));
    out
}

/// Splits a sentence at commas and joining words, keeping offsets.
fn split_joins(sentence: &str) -> Vec<(usize, &str)> {
    let lower = sentence.to_lowercase();
    let mut cuts: Vec<usize> = sentence
        .char_indices()
        .filter(|(_, c)| *c == ',' || *c == '—' || *c == '(' || *c == ')')
        .map(|(i, _)| i)
        .collect();
    if lower.len() == sentence.len() {
        for j in JOINS {
            cuts.extend(lower.match_indices(j).map(|(i, _)| i));
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    let mut from = 0;
    for cut in cuts {
        if cut > from && sentence.is_char_boundary(cut) {
            out.push((from, &sentence[from..cut]));
            from = cut;
        }
    }
    out.push((from, &sentence[from..]));
    out.retain(|(_, s)| s.split_whitespace().count() >= 2);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(reply: &str) -> Vec<String> {
        clauses(reply).into_iter().map(|c| c.text).collect()
    }

    #[test]
    fn sentences_then_their_clauses() {
        let t = texts(
            "Hi Yuki. I'm sorry, but our policy is 30 days. A new pair is in the post today!",
        );
        assert_eq!(
            t,
            vec![
                "Hi Yuki",
                "I'm sorry",
                "but our policy is 30 days",
                "A new pair is in the post today",
            ]
        );
    }

    #[test]
    fn offsets_point_into_the_reply() {
        let reply = "Thanks. That's on us, and I've sent a new one";
        for c in clauses(reply) {
            assert_eq!(&reply[c.start..c.start + c.text.len()], c.text);
        }
    }

    #[test]
    fn a_one_word_reply_is_still_judged() {
        assert_eq!(texts("Sorry"), vec!["Sorry"]);
        assert!(texts("   ").is_empty());
    }
}
