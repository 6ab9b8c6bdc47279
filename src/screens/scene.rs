//! Each channel shown as a place: chat bubbles with "seen" ticks for messages and live chat, mail
//! cards for email, a call for the phone, a feed with reactions for public posts and reviews, and
//! the shop floor for in-store moments.

use bevy_egui::egui;
use care_engine::choice_text::ChoiceText;
use care_engine::model::Channel;
use care_engine::run::Event as RunEvent;
use care_engine::transcript::Answered;

use super::palette;
use super::people::People;

/// What a channel's place shows: a customer's run (its transcript holds the events so far) and
/// their patience.
pub(crate) struct Conversation<'a> {
    pub run: &'a care_engine::ScenarioRun,
    /// How long the latest reply has been showing: in chats the customer is seen typing first.
    pub since_reply_ms: u64,
}

/// How long a chat customer is seen typing before their reply appears.
pub(crate) const TYPING_MS: u64 = 1_200;

/// One line of the conversation, reduced to who said what (with the time it was said).
pub(crate) enum Line<'a> {
    Customer(&'a str, &'a str),
    You(String),
    /// Something you did rather than said ("Open her account first").
    Did(&'a str),
    Audience(&'a str, &'a str),
    Narration(&'a str),
    Promise(&'a str),
}

/// Hours and minutes of a moment, as a chat shows them.
fn hhmm(clock: care_engine::clock::SimTime) -> String {
    let m = clock.minutes_of_day();
    format!("{:02}:{:02}", m / 60, m % 60)
}

fn lines_at(log: &[care_engine::transcript::Moment]) -> Vec<(Line<'_>, String)> {
    log.iter()
        .filter_map(|m| line(&m.event).map(|l| (l, hhmm(m.clock))))
        .collect()
}

fn line(e: &RunEvent) -> Option<Line<'_>> {
    {
        match e {
            RunEvent::CustomerSaid { name, text } => Some(Line::Customer(name, text)),
            RunEvent::Answered { answer, .. } => Some(match answer {
                // A choice with no words is something you did, not a message you sent.
                Answered::Choice { text, .. } if ChoiceText::split(text).words.is_none() => {
                    Line::Did(text)
                }
                _ => Line::You(answer.said().unwrap_or("(you said nothing)").to_string()),
            }),
            RunEvent::AudienceReacted { who, text } => Some(Line::Audience(who, text)),
            RunEvent::Narration { text } => Some(Line::Narration(text)),
            RunEvent::PromiseMade { text, .. } => Some(Line::Promise(text)),
            _ => None,
        }
    }
}

/// The conversation so far, drawn the way the channel looks.
pub(crate) fn conversation(ui: &mut egui::Ui, active: &Conversation<'_>, people: &People) {
    let scenario = active.run.scenario();
    let timed = lines_at(&active.run.transcript().moments);
    if matches!(scenario.channel, Channel::DirectMessage | Channel::LiveChat) {
        // Only the messenger shows the times.
        super::messenger::chat(ui, &timed, active, people);
        return;
    }
    let all: Vec<Line<'_>> = timed.into_iter().map(|(l, _)| l).collect();
    match scenario.channel {
        Channel::InStore => plain(ui, &all),
        Channel::DirectMessage | Channel::LiveChat => {}
        Channel::Email => mail(ui, &all, &scenario.title, active, people),
        Channel::Phone => call(ui, active, &all, people),
        Channel::SocialPost | Channel::ReviewSite => feed(ui, active, &all, people),
    }
}

pub(crate) fn narration(ui: &mut egui::Ui, text: &str) {
    ui.vertical_centered(|ui| {
        ui.label(egui::RichText::new(text).italics().weak());
    });
}

/// A card (a mail, a post, a comment): light in every theme, with dark ink.
fn card(ui: &mut egui::Ui, head: &str, body: &str, mine: bool) {
    egui::Frame::group(ui.style())
        .fill(if mine {
            palette::YOU_BUBBLE
        } else {
            palette::THEM_BUBBLE
        })
        .corner_radius(8.0)
        .inner_margin(egui::Margin::same(10))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(egui::RichText::new(head).small().color(palette::INK_SOFT));
            ui.label(egui::RichText::new(body).color(palette::INK));
        });
}

/// A card with the customer's face beside it.
fn card_with_face(
    ui: &mut egui::Ui,
    head: &str,
    body: &str,
    active: &Conversation<'_>,
    people: &People,
) {
    ui.horizontal_top(|ui| {
        super::portrait::avatar(ui, people, active.run.persona(), active.run.mood(), 44.0);
        ui.vertical(|ui| card(ui, head, body, false));
    });
}

fn mail(
    ui: &mut egui::Ui,
    all: &[Line<'_>],
    subject: &str,
    active: &Conversation<'_>,
    people: &People,
) {
    // The inbox's header: the thread's subject and who it is with.
    let with = active.run.persona().name.as_str();
    egui::Frame::new()
        .fill(ui.visuals().faint_bg_color)
        .inner_margin(egui::Margin::same(10))
        .corner_radius(6.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.strong(format!("Inbox · {subject}"));
                if !with.is_empty() {
                    ui.weak(format!("· thread with {with}"));
                }
            });
        });
    egui::ScrollArea::vertical()
        .stick_to_bottom(true)
        .show(ui, |ui| {
            for l in all {
                match l {
                    Line::Customer(name, text) => card_with_face(
                        ui,
                        &format!("From: {name}  ·  Subject: {subject}"),
                        text,
                        active,
                        people,
                    ),
                    Line::You(text) => {
                        card(ui, &format!("Your reply  ·  Re: {subject}"), text, true)
                    }
                    Line::Audience(who, text) => card(ui, &format!("From: {who}"), text, false),
                    Line::Narration(text) => narration(ui, text),
                    Line::Did(text) => narration(ui, &format!("You: {text}")),
                    Line::Promise(text) => narration(ui, &format!("You promised: {text}")),
                }
                ui.add_space(4.0);
            }
        });
}

fn call(ui: &mut egui::Ui, active: &Conversation<'_>, all: &[Line<'_>], people: &People) {
    let secs = active.run.elapsed_ms() / 1000;
    let name = all.iter().find_map(|l| match l {
        Line::Customer(n, _) => Some(*n),
        _ => None,
    });
    egui::Frame::group(ui.style())
        .fill(ui.visuals().faint_bg_color)
        .inner_margin(egui::Margin::same(12))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                super::portrait::avatar(ui, people, active.run.persona(), active.run.mood(), 72.0);
                ui.vertical(|ui| {
                    ui.heading(match name {
                        Some(n) => format!("📞 On a call with {n}"),
                        None => "📞 Incoming call".to_string(),
                    });
                    ui.label(format!("Call time {}:{:02}", secs / 60, secs % 60));
                });
            });
        });
    ui.ctx()
        .request_repaint_after(std::time::Duration::from_millis(500));
    plain(ui, all);
}

fn feed(ui: &mut egui::Ui, active: &Conversation<'_>, all: &[Line<'_>], people: &People) {
    let scenario = active.run.scenario();
    if let Some(a) = &scenario.audience {
        // Reactions follow the onlookers' mood: warmer means more likes, colder more angry faces.
        let s = f64::from(active.run.sentiment().clamp(-100, 100));
        let size = f64::from(a.size);
        let likes = (size * (s + 100.0) / 200.0 / 20.0).round();
        let angry = (size * (100.0 - s) / 200.0 / 20.0).round();
        egui::Frame::group(ui.style())
            .fill(ui.visuals().faint_bg_color)
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
                    Line::Customer(name, text) => card_with_face(ui, name, text, active, people),
                    Line::Audience(who, text) => {
                        ui.indent("onlooker", |ui| card(ui, who, text, false)).inner
                    }
                    Line::You(text) => {
                        ui.indent("reply", |ui| card(ui, "Your reply (public)", text, true));
                    }
                    Line::Narration(text) => narration(ui, text),
                    Line::Did(text) => narration(ui, &format!("You: {text}")),
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
                        let accent = ui.visuals().hyperlink_color;
                        ui.label(egui::RichText::new(format!("You: {text}")).color(accent));
                    }
                    Line::Audience(who, text) => {
                        ui.label(format!("{who}: {text}"));
                    }
                    Line::Did(text) => {
                        let accent = ui.visuals().hyperlink_color;
                        ui.label(
                            egui::RichText::new(format!("You: {text}"))
                                .italics()
                                .color(accent),
                        );
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
