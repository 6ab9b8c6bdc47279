//! A written choice split into what you do and what you say: `Go over and smile: "Hi!"` is an
//! action and words; `"Hi!"` is words alone; `Join the chat at the till.` is an action alone.
//! Messengers show only the words, the answer bar frames both.

/// The parts of a choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChoiceText<'a> {
    /// What you do, without the colon that introduces the words.
    pub action: Option<&'a str>,
    /// What you say, without its quotation marks.
    pub words: Option<&'a str>,
}

const QUOTES: [(char, char); 2] = [('"', '"'), ('“', '”')];

impl<'a> ChoiceText<'a> {
    /// Splits a choice as written.
    pub fn split(text: &'a str) -> ChoiceText<'a> {
        let t = text.trim();
        for (open, close) in QUOTES {
            let Some(start) = t.find(open) else { continue };
            let Some(inner) = t[start + open.len_utf8()..].strip_suffix(close) else {
                continue;
            };
            // One quotation only: "a" and "b" are not one utterance.
            if inner.contains(open) || inner.contains(close) {
                continue;
            }
            let before = t[..start].trim_end();
            if before.is_empty() {
                return ChoiceText {
                    action: None,
                    words: Some(inner),
                };
            }
            if let Some(action) = before
                .strip_suffix(':')
                .or_else(|| before.strip_suffix(','))
            {
                return ChoiceText {
                    action: Some(action.trim_end()),
                    words: Some(inner),
                };
            }
        }
        ChoiceText {
            action: Some(t),
            words: None,
        }
    }

    /// What the other person reads or hears: the words, or the whole text when there are none
    /// (a typed reply, or an action such as "Forward the email").
    pub fn as_received(text: &'a str) -> &'a str {
        ChoiceText::split(text).words.unwrap_or(text.trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_choice_splits_into_what_you_do_and_what_you_say() {
        let c = ChoiceText::split("Go over and smile: \"Hi, welcome in!\"");
        assert_eq!(c.action, Some("Go over and smile"));
        assert_eq!(c.words, Some("Hi, welcome in!"));
        let c = ChoiceText::split("“Of course, Ana.”");
        assert_eq!((c.action, c.words), (None, Some("Of course, Ana.")));
        let c = ChoiceText::split("Join the chat at the till.");
        assert_eq!(
            (c.action, c.words),
            (Some("Join the chat at the till."), None)
        );
        let c = ChoiceText::split("Say \"yes\" and \"no\"");
        assert_eq!(c.words, None, "two quotations are not one utterance");
        let c = ChoiceText::split("Reply the \"usual\" way");
        assert_eq!(
            c.words, None,
            "a quoted word inside an action is no utterance"
        );
    }

    #[test]
    fn a_message_shows_the_words_only() {
        assert_eq!(
            ChoiceText::as_received("Reply now: \"Hi Harriet! We're closed.\""),
            "Hi Harriet! We're closed."
        );
        assert_eq!(
            ChoiceText::as_received("  typed in my own words "),
            "typed in my own words"
        );
    }
}
