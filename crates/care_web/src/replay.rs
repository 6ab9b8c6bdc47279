//! A finished attempt replayed: every moment of the conversation with its time, and under it the
//! points it earned or cost with their reasons, as the game's replay shows them.

use care_engine::Dimension;
use care_engine::scoring::{Reason, ScoreCard};
use care_engine::transcript::{Event, Transcript};
use care_store::{AttemptDetail, dimension_name};
use maud::{Markup, html};

/// `1:05` from milliseconds.
fn clock(ms: u64) -> String {
    let s = ms / 1000;
    format!("{}:{:02}", s / 60, s % 60)
}

/// The reasons tied to moment `i`, with their dimension (speed's zero-point "on time" notes
/// are left out, as in the game).
fn reasons_at(card: &ScoreCard, i: usize) -> Vec<(Dimension, &Reason)> {
    Dimension::ALL
        .iter()
        .flat_map(|d| card.get(*d).reasons.iter().map(move |r| (*d, r)))
        .filter(|(d, r)| r.moment == i && (r.points != 0 || *d != Dimension::Speed))
        .collect()
}

/// What a moment shows: (css class, text), or None for bookkeeping events.
fn line(event: &Event, trainee: &str) -> Option<(&'static str, String)> {
    Some(match event {
        Event::CustomerSaid { name, text } => ("customer", format!("{name}: {text}")),
        Event::Narration { text } | Event::Ended { text, .. } => ("narration", text.clone()),
        Event::AudienceReacted { who, text } => ("audience", format!("{who}: {text}")),
        Event::Answered { answer, .. } => (
            "trainee",
            format!("{trainee}: {}", answer.said().unwrap_or("(said nothing)")),
        ),
        Event::PromiseMade { text, .. } => ("promise", format!("Promise: {text}")),
        Event::AwaitingAnswer { choices, .. } if !choices.is_empty() => (
            "muted",
            format!(
                "Choices shown: {}",
                choices
                    .iter()
                    .enumerate()
                    .map(|(i, c)| format!("{} {c}", i + 1))
                    .collect::<Vec<_>>()
                    .join("  ·  ")
            ),
        ),
        _ => return None,
    })
}

fn points(reasons: &[(Dimension, &Reason)]) -> Markup {
    html! {
        @if !reasons.is_empty() {
            ul.points {
                @for (d, r) in reasons {
                    li class=(if r.points > 0 { "gain" } else if r.points < 0 { "loss" } else { "muted" }) {
                        (format!("{:+}", r.points)) " " (dimension_name(*d)) ": " (r.text)
                        @if let Some(advice) = &r.advice {
                            span.muted { " — better: " (advice) }
                        }
                    }
                }
            }
        }
    }
}

fn moments(t: &Transcript, card: &ScoreCard, trainee: &str) -> Markup {
    html! {
        ol.replay {
            @for (i, m) in t.moments.iter().enumerate() {
                @let reasons = reasons_at(card, i);
                @match line(&m.event, trainee) {
                    Some((class, text)) => {
                        li {
                            span.when { (clock(m.at_ms)) " · " (m.clock.to_string()) }
                            span class=(class) { (text) }
                            (points(&reasons))
                        }
                    }
                    None => {
                        @if !reasons.is_empty() {
                            li { (points(&reasons)) }
                        }
                    }
                }
            }
        }
    }
}

/// The replay of `a`, answered by `name`.
pub(crate) fn replay(a: &AttemptDetail, name: &str) -> Markup {
    let who = name.split_whitespace().next().unwrap_or("Trainee");
    html! {
        section #replay {
            h2 { "Replay: " (a.row.scenario_title) " · " (a.row.finished.short()) }
            @match (&a.transcript, &a.card) {
                (Some(t), Some(card)) => {
                    p {
                        "Speed " strong { (card.dimensions.speed.score) }
                        " · empathy " strong { (card.dimensions.empathy.score) }
                        " · follow-through " strong { (card.dimensions.follow_through.score) }
                        " · overall " strong { (card.overall) } " (pass mark " (card.pass_overall) ") · "
                        (if card.passed { "passed" } else { "not passed" })
                        " · ending: " (a.row.outcome)
                    }
                    (moments(t, card, who))
                }
                _ => p { "This run was interrupted and not finished, so there is nothing to replay." }
            }
        }
    }
}
