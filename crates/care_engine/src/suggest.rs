//! "Did you mean …?": the closest known name to a misspelt one.

/// The candidate closest to `wrong`, if it is close enough to be a likely typo.
pub fn closest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wrong_l = wrong.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&wrong_l, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count().max(wrong.chars().count()) / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// A hint sentence: "did you mean `x`?", or a list of what is allowed.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
) -> Option<String> {
    closest(wrong, candidates.clone()).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos_not_strangers() {
        assert_eq!(
            closest("greet", ["greeting", "walk_out", "greet_"]),
            Some("greet_")
        );
        assert_eq!(
            closest("folow_through", ["speed", "follow_through"]),
            Some("follow_through")
        );
        assert_eq!(closest("xyz", ["speed", "empathy"]), None);
    }
}
