//! Every player-facing string the engine writes itself (the rest comes from scenario files), kept
//! in one place so a translation can replace it.

use crate::model::{Channel, Difficulty, Dimension, Outcome, Weekday};

pub fn weekday(d: Weekday) -> &'static str {
    match d {
        Weekday::Monday => "Mon",
        Weekday::Tuesday => "Tue",
        Weekday::Wednesday => "Wed",
        Weekday::Thursday => "Thu",
        Weekday::Friday => "Fri",
        Weekday::Saturday => "Sat",
        Weekday::Sunday => "Sun",
    }
}

pub fn dimension(d: Dimension) -> &'static str {
    match d {
        Dimension::Speed => "speed",
        Dimension::Empathy => "empathy",
        Dimension::FollowThrough => "follow-through",
    }
}

pub fn channel(c: Channel) -> &'static str {
    match c {
        Channel::InStore => "In store",
        Channel::Phone => "Phone",
        Channel::Email => "Email",
        Channel::LiveChat => "Live chat",
        Channel::SocialPost => "Public post",
        Channel::DirectMessage => "Direct message",
        Channel::ReviewSite => "Review site",
    }
}

pub fn difficulty(d: Difficulty) -> &'static str {
    match d {
        Difficulty::Beginner => "Beginner",
        Difficulty::Intermediate => "Intermediate",
        Difficulty::Advanced => "Advanced",
    }
}

pub fn outcome(o: Outcome) -> &'static str {
    match o {
        Outcome::Resolved => "Resolved",
        Outcome::WonBack => "Won back",
        Outcome::Lost => "Customer lost",
        Outcome::Escalated => "Escalated",
        Outcome::GoneViral => "Gone viral",
    }
}

/// Mood bands on the -100..=100 scale: (lowest mood of the band, word, face).
const MOODS: [(i32, &str, &str); 7] = [
    (i32::MIN, "furious", ">:("),
    (-59, "angry", ">:|"),
    (-29, "upset", ":("),
    (-9, "neutral", ":|"),
    (10, "content", ":)"),
    (40, "pleased", ":D"),
    (70, "delighted", "\\o/"),
];

fn mood_band(m: i32) -> (i32, &'static str, &'static str) {
    MOODS
        .iter()
        .rev()
        .find(|(low, _, _)| m >= *low)
        .copied()
        .unwrap_or(MOODS[0])
}

/// A mood on the -100..=100 scale in words.
pub fn mood(m: i32) -> &'static str {
    mood_band(m).1
}

/// A face for a mood, drawn in plain characters beside its word (never colour alone).
pub fn mood_face(m: i32) -> &'static str {
    mood_band(m).2
}

/// Audience sentiment in words.
pub fn sentiment(s: i32) -> &'static str {
    match s {
        i32::MIN..=-40 => "hostile",
        -39..=-10 => "critical",
        -9..=9 => "watching",
        10..=39 => "warming",
        _ => "supportive",
    }
}

pub fn late(reaction_secs: f64, target_secs: u32, who: &str) -> String {
    format!("{reaction_secs:.0} s before you answered {who}; target {target_secs} s")
}

pub fn on_time(reaction_secs: f64, target_secs: u32, who: &str) -> String {
    format!("Answered {who} in {reaction_secs:.0} s (target {target_secs} s)")
}

pub fn no_answer(wait_secs: u32, who: &str) -> String {
    format!("No answer for {wait_secs} s: {who} acted without you")
}

/// "2 d 15 h", "45 min".
fn span(minutes: u32) -> String {
    let (d, h, m) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60);
    match (d, h, m) {
        (0, 0, m) => format!("{m} min"),
        (0, h, 0) => format!("{h} h"),
        (0, h, m) => format!("{h} h {m} min"),
        (d, 0, _) => format!("{d} d"),
        (d, h, _) => format!("{d} d {h} h"),
    }
}

pub fn delay(minutes: u32) -> String {
    format!("Your reply reached them {} later", span(minutes))
}

pub fn unanswered_wait(minutes: u32) -> String {
    format!("They waited {} more with no answer", span(minutes))
}

pub fn promise_kept(what: &str) -> String {
    format!("Kept your promise: {what}")
}

pub fn promise_broken(what: &str) -> String {
    format!("Broke your promise: {what}")
}

pub fn promise_overdue(what: &str) -> String {
    format!("Promise went past its deadline: {what}")
}

pub fn promise_open(what: &str) -> String {
    format!("Still open when the conversation ended: {what}")
}

pub fn ending(o: Outcome) -> String {
    format!("Outcome: {}", outcome(o))
}

pub fn rubric_hit(label: &str, evidence: &str) -> String {
    format!("{label}: \u{201c}{evidence}\u{201d}")
}

/// A criterion met by meaning: the words, the example they were closest to, and how close.
pub fn rubric_meant(label: &str, evidence: &str, example: &str, closeness: u16) -> String {
    format!(
        "{label}: \u{201c}{evidence}\u{201d} (closest to \u{201c}{example}\u{201d}, {}.{:02})",
        closeness / 1000,
        (closeness % 1000) / 10
    )
}

pub fn judged_by_keywords(reason: &str) -> String {
    format!(
        "Your typed reply was judged by keywords, not by meaning, because the sentence model could not run ({reason}). Some good replies in your own words may have been missed."
    )
}

pub fn rubric_missed(label: &str) -> String {
    format!("Missed: {label}")
}

pub fn clamped(d: Dimension, to: i32) -> String {
    format!("{} is capped at {to}", capitalised(dimension(d)))
}

pub fn baseline(d: Dimension, value: i32) -> String {
    format!("{} starts at {value}", capitalised(dimension(d)))
}

pub fn public_loop_closed() -> &'static str {
    "Onlookers saw the problem being put right in public"
}

pub fn public_loop_open() -> &'static str {
    "Onlookers were left with a worse impression than before: the public thread was not closed"
}

pub fn public_loop_unchanged() -> &'static str {
    "Onlookers' impression did not change"
}

pub fn step_limit() -> &'static str {
    "The conversation went round in circles and the customer gave up."
}

pub fn too_late(waited_secs: f64) -> String {
    format!("Too late: after {waited_secs:.0} s the customer had already acted.")
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mood_has_a_word_and_a_face_from_the_same_band() {
        assert_eq!((mood(-100), mood_face(-100)), ("furious", ">:("));
        assert_eq!((mood(-60), mood(-59)), ("furious", "angry"));
        assert_eq!((mood(0), mood_face(0)), ("neutral", ":|"));
        assert_eq!(
            (mood(69), mood(70), mood_face(100)),
            ("pleased", "delighted", "\\o/")
        );
    }
}
