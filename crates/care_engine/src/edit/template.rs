//! New scenarios from a channel template: a start beat in the channel's words, one response
//! leading to an ending, and a timeout. It loads without errors; `care check` warns only that it
//! needs more: with one response, the answer patterns that pick the first, last, longest,
//! shortest or a random choice all pick the good one and pass (five `care::pattern-passes`
//! warnings). They go as the trainer adds tempting poor responses and more beats.

use super::Document;
use super::style::Style;
use super::tree::Tree;
use crate::model::{Channel, Difficulty, Outcome, StartMood};
use crate::raw::{
    RawAudience, RawBeat, RawCustomer, RawEffects, RawEnding, RawResponse, RawScenario, RawScoring,
    RawStep,
};

/// What the customer says and does first on each channel, and how the good answer goes out.
fn opening(channel: Channel) -> (&'static str, &'static str, &'static str) {
    match channel {
        Channel::InStore => (
            "{name} comes up to the counter holding a receipt.",
            "Hi. I bought this here last week and it has stopped working already.",
            "\"I'm sorry, {name}, that's not good enough. Let me swap it for a new one now.\"",
        ),
        Channel::Phone => (
            "The phone rings. It's {name}, and {they} sound tired.",
            "Hello? I've been on hold for twenty minutes. My order still hasn't arrived.",
            "\"I'm sorry about the wait, {name}. Let me look up your order while we talk.\"",
        ),
        Channel::Email => (
            "An email from {name} arrives: \"Order not received\".",
            "Dear team, my order was due on Monday and it still hasn't arrived. Can you tell me where it is?",
            "Reply: \"Dear {name}, I'm sorry it's late. I've traced it, and it will be with you tomorrow.\"",
        ),
        Channel::LiveChat => (
            "A chat window opens. {name} is typing…",
            "hi, is anyone there? my discount code won't work at checkout",
            "\"Hi {name}, sorry about that! I've applied the discount to your basket for you.\"",
        ),
        Channel::SocialPost => (
            "{name} posts on your page, where all your followers can see it.",
            "Third time my order has been late. Does anyone at this company read their messages?",
            "Reply in public: \"{name}, I'm sorry, that's not good enough. I've sent you a message to sort it out today.\"",
        ),
        Channel::DirectMessage => (
            "A message from {name} arrives in your shop's inbox.",
            "Hi! I ordered a birthday present from you last week and it hasn't come. The party is on Saturday.",
            "Reply: \"Hi {name}, I'm sorry! I've checked, and it will be with you by Friday.\"",
        ),
        Channel::ReviewSite => (
            "{name} posts a two-star review of your shop.",
            "Waited twenty minutes at the till and nobody said a word to me. Won't be back.",
            "Reply in public: \"{name}, I'm sorry we kept you waiting. I'd like to make it right; please message us.\"",
        ),
    }
}

/// The raw form of a new scenario called `id` on `channel`.
pub fn template(id: &str, channel: Channel) -> RawScenario {
    let (narration, says, answer) = opening(channel);
    let public = channel.is_public();
    let audience_effect = |n: i32| if public { n } else { 0 };
    RawScenario {
        id: id.to_owned(),
        title: "A customer needs help".into(),
        summary: "One sentence a trainee reads before starting.".into(),
        version: 1,
        channel,
        difficulty: Difficulty::Beginner,
        language: "en".into(),
        lesson: "The one thing this scenario teaches.".into(),
        objectives: vec!["Answer quickly and warmly".into()],
        minutes: 3,
        tags: Vec::new(),
        customer: RawCustomer {
            name: vec!["Alex".into(), "Maria".into(), "Tomasz".into()],
            details: String::new(),
            traits: Vec::new(),
            mood: StartMood::Upset,
            patience_secs: 45,
        },
        audience: public.then(|| RawAudience {
            name: if channel == Channel::ReviewSite {
                "readers of the review site".into()
            } else {
                "followers of our page".into()
            },
            size: 1200,
            sentiment: 0,
        }),
        clock: None,
        vars: Vec::new(),
        promises: Vec::new(),
        rubrics: Vec::new(),
        start: "opening".into(),
        beats: vec![RawBeat {
            id: "opening".into(),
            narration: narration.into(),
            says: says.into(),
            audience: Vec::new(),
            keeps: Vec::new(),
            breaks: Vec::new(),
            target_secs: Some(15),
            wait_secs: None,
            responses: vec![RawResponse {
                text: answer.into(),
                pin: None,
                when: None,
                effects: RawEffects {
                    empathy: 20,
                    follow_through: 10,
                    mood: 30,
                    audience: audience_effect(10),
                    ..RawEffects::default()
                },
                delay: None,
                makes: Vec::new(),
                keeps: Vec::new(),
                breaks: Vec::new(),
                set: Vec::new(),
                clear: Vec::new(),
                feedback: "Name, apology and a next step, straight away.".into(),
                next: "resolved".into(),
                branches: Vec::new(),
            }],
            typed: None,
            on_timeout: Some(RawStep {
                narration: "Nobody answers for a long while.".into(),
                effects: RawEffects {
                    speed: -30,
                    empathy: -10,
                    mood: -20,
                    audience: audience_effect(-10),
                    ..RawEffects::default()
                },
                delay: None,
                keeps: Vec::new(),
                breaks: Vec::new(),
                set: Vec::new(),
                clear: Vec::new(),
                feedback: "Saying nothing is an answer too.".into(),
                next: "resolved".into(),
                branches: Vec::new(),
            }),
            then: None,
        }],
        endings: vec![RawEnding {
            id: "resolved".into(),
            outcome: Outcome::Resolved,
            text: "{name} got the help {they} came for.".into(),
            effects: None,
        }],
        scoring: RawScoring::default(),
    }
}

/// The text of a new scenario file called `id` on `channel`, in the house style.
pub fn template_text(id: &str, channel: Channel) -> String {
    let body = Style::default().write(&Tree::of(&template(id, channel)), "", 0, true);
    format!(
        "// A new {} scenario. Add poor responses that tempt, more beats and endings, then run\n// `care check`. Every field is described in docs/scenario-format.md.\n{body}\n",
        channel.slug()
    )
}

impl Document {
    /// A new document for a scenario called `id` on `channel`, from its template; it has no
    /// file until saved with [`Document::save_as`].
    pub fn new_scenario(id: &str, channel: Channel) -> Document {
        Document::from_text(
            format!("{id}{}", crate::load::SCENARIO_SUFFIX),
            template_text(id, channel),
        )
    }
}
