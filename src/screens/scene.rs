//! Each channel shown as a place: chat bubbles with "seen" ticks for messages and live chat, mail
//! cards for email, a call for the phone, a feed with reactions for public posts and reviews, and
//! the shop floor for in-store moments.

use bevy_egui::egui;
use care_engine::model::Channel;
use care_engine::run::Event as RunEvent;

use super::palette;
use super::people::People;

/// What a channel's place shows: a customer's run (its transcript holds the events so far) and
/// their patience.
pub(crate) struct Conversation<'a> {
    pub run: &'a care_engine::ScenarioRun,
    /// From 1 (just asked) to 0 (about to act on their own).
    pub patience: f32,
    /// How long the latest reply has been showing: in chats the customer is seen typing first.
    pub since_reply_ms: u64,
}

/// How long a chat customer is seen typing before their reply appears.
pub(crate) const TYPING_MS: u64 = 1_200;

/// How many of the last lines are the customer's reply still being typed: the customer lines
/// after your latest answer, for the first moments after it.
fn still_typing(all: &[Line<'_>], since_reply_ms: u64) -> usize {
    if since_reply_ms >= TYPING_MS {
        return 0;
    }
    let Some(you) = all.iter().rposition(|l| matches!(l, Line::You(_))) else {
        return 0;
    };
    all[you + 1..]
        .iter()
        .filter(|l| matches!(l, Line::Customer(..)))
        .count()
}

impl Conversation<'_> {
    pub fn patience_left(&self) -> f32 {
        self.patience
    }
}

/// One line of the conversation, reduced to who said what.
enum Line<'a> {
    Customer(&'a str, &'a str),
    You(String),
    Audience(&'a str, &'a str),
    Narration(&'a str),
    Promise(&'a str),
}

fn lines(log: &[care_engine::transcript::Moment]) -> Vec<Line<'_>> {
    log.iter()
        .map(|m| &m.event)
        .filter_map(|e| match e {
            RunEvent::CustomerSaid { name, text } => Some(Line::Customer(name, text)),
            RunEvent::Answered { answer, .. } => Some(Line::You(
                answer.said().unwrap_or("(you said nothing)").to_string(),
            )),
            RunEvent::AudienceReacted { who, text } => Some(Line::Audience(who, text)),
            RunEvent::Narration { text } => Some(Line::Narration(text)),
            RunEvent::PromiseMade { text, .. } => Some(Line::Promise(text)),
            _ => None,
        })
        .collect()
}

/// The conversation so far, drawn the way the channel looks.
pub(crate) fn conversation(ui: &mut egui::Ui, active: &Conversation<'_>, _people: &People) {
    let scenario = active.run.scenario();
    let all = lines(&active.run.transcript().moments);
    match scenario.channel {
        Channel::InStore => plain(ui, &all),
        Channel::DirectMessage | Channel::LiveChat => chat(ui, &all, active.since_reply_ms),
        Channel::Email => mail(ui, &all, &scenario.title),
        Channel::Phone => call(ui, active, &all),
        Channel::SocialPost | Channel::ReviewSite => feed(ui, active, &all),
    }
}

fn bubble(ui: &mut egui::Ui, text: &str, mine: bool, under: Option<&str>) {
    // Yours on the right, theirs on the left, each at most seven tenths of the width.
    let width = ui.available_width();
    ui.horizontal(|ui| {
        if mine {
            ui.add_space(width * 0.3);
        }
        ui.vertical(|ui| {
            ui.set_max_width(width * 0.7);
            egui::Frame::new()
                .fill(if mine {
                    palette::YOU_BUBBLE
                } else {
                    palette::THEM_BUBBLE
                })
                .corner_radius(10.0)
                .inner_margin(egui::Margin::symmetric(10, 6))
                .show(ui, |ui| {
                    ui.label(egui::RichText::new(text).color(palette::INK));
                });
            if let Some(u) = under {
                ui.weak(u);
            }
        });
    });
}

fn narration(ui: &mut egui::Ui, text: &str) {
    ui.vertical_centered(|ui| {
        ui.label(egui::RichText::new(text).italics().weak());
    });
}

fn chat(ui: &mut egui::Ui, all: &[Line<'_>], since_reply_ms: u64) {
    let typing = still_typing(all, since_reply_ms);
    // The customer lines still being typed: the last `typing` of them.
    let customer_lines: Vec<usize> = all
        .iter()
        .enumerate()
        .filter(|(_, l)| matches!(l, Line::Customer(..)))
        .map(|(i, _)| i)
        .collect();
    let first_hidden = customer_lines
        .len()
        .checked_sub(typing)
        .filter(|_| typing > 0)
        .map(|k| customer_lines[k]);
    if typing > 0 {
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(
                TYPING_MS.saturating_sub(since_reply_ms),
            ));
    }
    let scrolled = egui::ScrollArea::vertical().stick_to_bottom(true);
    scrolled.show(ui, |ui| {
        for (i, l) in all.iter().enumerate() {
            let hidden = first_hidden.is_some_and(|f| i >= f);
            match l {
                Line::Customer(name, _) if first_hidden == Some(i) => {
                    bubble(ui, "…", false, Some(&format!("{name} is typing")));
                }
                Line::Customer(..) if hidden => continue,
                Line::Customer(name, text) => bubble(ui, text, false, Some(name)),
                Line::You(text) => {
                    // A reply is "seen" once the customer has written again after it.
                    let seen = all[i + 1..].iter().any(|l| matches!(l, Line::Customer(..)));
                    bubble(
                        ui,
                        text,
                        true,
                        Some(if seen { "Seen" } else { "Delivered" }),
                    );
                }
                Line::Audience(who, text) => bubble(ui, &format!("{who}: {text}"), false, None),
                Line::Narration(text) => narration(ui, text),
                Line::Promise(text) => narration(ui, &format!("You promised: {text}")),
            }
            ui.add_space(4.0);
        }
    });
}

fn card(ui: &mut egui::Ui, head: &str, body: &str, mine: bool) {
    egui::Frame::group(ui.style())
        .fill(if mine {
            palette::YOU_CARD
        } else {
            palette::CARD
        })
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.weak(head);
            ui.label(body);
        });
}

fn mail(ui: &mut egui::Ui, all: &[Line<'_>], subject: &str) {
    egui::ScrollArea::vertical()
        .stick_to_bottom(true)
        .show(ui, |ui| {
            for l in all {
                match l {
                    Line::Customer(name, text) => card(
                        ui,
                        &format!("From: {name}  ·  Subject: {subject}"),
                        text,
                        false,
                    ),
                    Line::You(text) => {
                        card(ui, &format!("Your reply  ·  Re: {subject}"), text, true)
                    }
                    Line::Audience(who, text) => card(ui, &format!("From: {who}"), text, false),
                    Line::Narration(text) => narration(ui, text),
                    Line::Promise(text) => narration(ui, &format!("You promised: {text}")),
                }
                ui.add_space(4.0);
            }
        });
}

fn call(ui: &mut egui::Ui, active: &Conversation<'_>, all: &[Line<'_>]) {
    let secs = active.run.elapsed_ms() / 1000;
    let name = all.iter().find_map(|l| match l {
        Line::Customer(n, _) => Some(*n),
        _ => None,
    });
    egui::Frame::group(ui.style())
        .fill(palette::CARD)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.strong(match name {
                    Some(n) => format!("On a call with {n}"),
                    None => "Incoming call".to_string(),
                });
                ui.weak(format!("call time {}:{:02}", secs / 60, secs % 60));
            });
        });
    plain(ui, all);
}

fn feed(ui: &mut egui::Ui, active: &Conversation<'_>, all: &[Line<'_>]) {
    let scenario = active.run.scenario();
    if let Some(a) = &scenario.audience {
        // Reactions follow the onlookers' mood: warmer means more likes, colder more angry faces.
        let s = f64::from(active.run.sentiment().clamp(-100, 100));
        let size = f64::from(a.size);
        let likes = (size * (s + 100.0) / 200.0 / 20.0).round();
        let angry = (size * (100.0 - s) / 200.0 / 20.0).round();
        egui::Frame::group(ui.style())
            .fill(palette::CARD)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal(|ui| {
                    ui.strong(&a.name);
                    ui.weak(format!("{} people can see this", a.size));
                    ui.weak(format!("· {}", active.run.clock()));
                });
                let comments = all
                    .iter()
                    .filter(|l| matches!(l, Line::Customer(..) | Line::Audience(..) | Line::You(_)))
                    .count();
                ui.label(format!(
                    "Likes {likes:.0}  ·  Angry {angry:.0}  ·  {comments} comments"
                ));
            });
    }
    egui::ScrollArea::vertical()
        .stick_to_bottom(true)
        .show(ui, |ui| {
            for l in all {
                match l {
                    Line::Customer(name, text) => card(ui, name, text, false),
                    Line::Audience(who, text) => card(ui, who, text, false),
                    Line::You(text) => {
                        ui.indent("reply", |ui| card(ui, "Your reply (public)", text, true));
                    }
                    Line::Narration(text) => narration(ui, text),
                    Line::Promise(text) => narration(ui, &format!("You promised: {text}")),
                }
                ui.add_space(3.0);
            }
        });
}

/// The spoken conversation as lines (in store, on the phone).
fn plain(ui: &mut egui::Ui, all: &[Line<'_>]) {
    egui::ScrollArea::vertical()
        .stick_to_bottom(true)
        .show(ui, |ui| {
            for l in all {
                match l {
                    Line::Customer(name, text) => {
                        ui.label(egui::RichText::new(format!("{name}: {text}")).strong());
                    }
                    Line::You(text) => {
                        ui.label(
                            egui::RichText::new(format!("You: {text}")).color(palette::YOU_TEXT),
                        );
                    }
                    Line::Audience(who, text) => {
                        ui.label(format!("{who}: {text}"));
                    }
                    Line::Narration(text) => {
                        ui.label(egui::RichText::new(*text).italics().weak());
                    }
                    Line::Promise(text) => {
                        ui.label(format!("You promised: {text}"));
                    }
                }
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chat_customer_types_for_a_moment_before_the_reply_shows() {
        let all = [
            Line::Customer("Ana", "Hello?"),
            Line::You("Hi Ana!".into()),
            Line::Customer("Ana", "Thanks."),
            Line::Customer("Ana", "One more thing."),
        ];
        assert_eq!(
            still_typing(&all, 0),
            2,
            "both new lines wait behind the indicator"
        );
        assert_eq!(still_typing(&all, TYPING_MS), 0, "then they show");
        assert_eq!(
            still_typing(&all[..1], 0),
            0,
            "the opening message needs no typing"
        );
    }
}
