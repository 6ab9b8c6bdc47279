//! Live chat and direct messages as a messenger: the customer on the left with their face, you
//! on the right in your own words (no quotation marks), a time under each message, typing dots
//! while they write, and "Delivered" or "Seen" under yours.

use bevy_egui::egui;
use care_engine::choice_text::ChoiceText;

use super::palette;
use super::people::People;
use super::scene::{Conversation, Line, TYPING_MS, narration};

/// The avatar's size beside a customer's message.
const AVATAR: f32 = 36.0;

fn bubble(ui: &mut egui::Ui, text: &str, mine: bool, under: &str) {
    let width = ui.available_width();
    let layout = if mine {
        egui::Layout::right_to_left(egui::Align::Min)
    } else {
        egui::Layout::left_to_right(egui::Align::Min)
    };
    ui.with_layout(layout, |ui| {
        ui.vertical(|ui| {
            ui.set_max_width(width * 0.68);
            egui::Frame::new()
                .fill(if mine {
                    palette::YOU_BUBBLE
                } else {
                    palette::THEM_BUBBLE
                })
                .corner_radius(egui::CornerRadius {
                    nw: 14,
                    ne: 14,
                    sw: if mine { 14 } else { 3 },
                    se: if mine { 3 } else { 14 },
                })
                .inner_margin(egui::Margin::symmetric(12, 8))
                .show(ui, |ui| {
                    ui.label(egui::RichText::new(text).color(palette::INK));
                });
            ui.with_layout(
                if mine {
                    egui::Layout::right_to_left(egui::Align::Min)
                } else {
                    egui::Layout::left_to_right(egui::Align::Min)
                },
                |ui| {
                    ui.label(egui::RichText::new(under).small().weak());
                },
            );
        });
    });
}

/// A customer's message: their face, then the bubble.
fn theirs(ui: &mut egui::Ui, text: &str, under: &str, active: &Conversation<'_>, people: &People) {
    ui.horizontal_top(|ui| {
        super::portrait::avatar(ui, people, active.run.persona(), active.run.mood(), AVATAR);
        ui.vertical(|ui| bubble(ui, text, false, under));
    });
}

/// The conversation as a messenger.
pub(crate) fn chat(
    ui: &mut egui::Ui,
    all: &[(Line<'_>, String)],
    active: &Conversation<'_>,
    people: &People,
) {
    let just_lines: Vec<&Line<'_>> = all.iter().map(|(l, _)| l).collect();
    let typing = still_typing(&just_lines, active.since_reply_ms);
    let customer_lines: Vec<usize> = all
        .iter()
        .enumerate()
        .filter(|(_, (l, _))| matches!(l, Line::Customer(..)))
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
                TYPING_MS.saturating_sub(active.since_reply_ms),
            ));
    }
    egui::ScrollArea::vertical()
        .stick_to_bottom(true)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.add_space(6.0);
            for (i, (l, at)) in all.iter().enumerate() {
                let hidden = first_hidden.is_some_and(|f| i >= f);
                match l {
                    Line::Customer(name, _) if first_hidden == Some(i) => {
                        theirs(ui, "• • •", &format!("{name} is typing…"), active, people);
                    }
                    Line::Customer(..) if hidden => continue,
                    Line::Customer(name, text) => {
                        theirs(ui, text, &format!("{name} · {at}"), active, people);
                    }
                    Line::You(text) => {
                        // Seen once the customer has written again after it.
                        let seen = all[i + 1..]
                            .iter()
                            .any(|(l, _)| matches!(l, Line::Customer(..)));
                        let status = if seen { "Seen ✔✔" } else { "Delivered ✔" };
                        bubble(
                            ui,
                            ChoiceText::as_received(text),
                            true,
                            &format!("{at} · {status}"),
                        );
                    }
                    Line::Audience(who, text) => bubble(ui, &format!("{who}: {text}"), false, at),
                    Line::Narration(text) => narration(ui, text),
                    Line::Did(text) => narration(ui, &format!("You: {text}")),
                    Line::Promise(text) => narration(ui, &format!("You promised: {text}")),
                }
                ui.add_space(6.0);
            }
        });
}

/// How many of the last lines are the customer's reply still being typed: the customer lines
/// after your latest answer, for the first moments after it.
fn still_typing(all: &[&Line<'_>], since_reply_ms: u64) -> usize {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_typing_dots_cover_the_customers_new_lines_for_a_moment() {
        let you = Line::You("Hi".into());
        let them = Line::Customer("Ana", "Thanks");
        let all = [&you, &them];
        assert_eq!(still_typing(&all, 0), 1);
        assert_eq!(still_typing(&all, TYPING_MS), 0, "then the reply shows");
        assert_eq!(
            still_typing(&[&them], 0),
            0,
            "the opening message needs no typing"
        );
    }
}
