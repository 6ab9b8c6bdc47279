//! The answer bar shared by play and rush hour: the offered choices as numbered buttons, a typed
//! reply sent with Enter, and 1–9 on the keyboard.

use bevy::prelude::*;
use bevy_egui::egui;
use care_engine::choice_text::ChoiceText;
use care_engine::run::{Event as RunEvent, Input};

/// The reply being typed.
#[derive(Resource, Default)]
pub(super) struct Draft(pub String);

const DIGITS: [KeyCode; 9] = [
    KeyCode::Digit1,
    KeyCode::Digit2,
    KeyCode::Digit3,
    KeyCode::Digit4,
    KeyCode::Digit5,
    KeyCode::Digit6,
    KeyCode::Digit7,
    KeyCode::Digit8,
    KeyCode::Digit9,
];

/// The choice whose number was just pressed, among `offered`.
pub(super) fn pressed_choice(keys: &ButtonInput<KeyCode>, offered: usize) -> Option<Input> {
    DIGITS
        .iter()
        .take(offered)
        .position(|k| keys.just_pressed(*k))
        .map(Input::Choice)
}

/// The choices of the latest question among `events`.
pub(super) fn offered_choices<'a>(
    events: impl DoubleEndedIterator<Item = &'a RunEvent>,
) -> Vec<String> {
    events
        .rev()
        .find_map(|e| match e {
            RunEvent::AwaitingAnswer { choices, .. } => Some(choices.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

/// A choice as a button framed as what you do and what you say: the key to press, the action in
/// bold, the words in quotation marks.
fn choice_button(ui: &egui::Ui, key: usize, text: &str) -> egui::Button<'static> {
    let parts = ChoiceText::split(text);
    let style = ui.style();
    let mut job = egui::text::LayoutJob::default();
    let body = egui::TextStyle::Body.resolve(style);
    let colour = ui.visuals().text_color();
    let plain = egui::TextFormat::simple(body.clone(), colour);
    job.append(
        &format!("{key}   "),
        0.0,
        egui::TextFormat::simple(body.clone(), ui.visuals().weak_text_color()),
    );
    if let Some(action) = parts.action {
        let mut bold = plain.clone();
        bold.color = ui.visuals().strong_text_color();
        job.append(action, 0.0, bold);
        if parts.words.is_some() {
            job.append(":  ", 0.0, plain.clone());
        }
    }
    if let Some(words) = parts.words {
        job.append(&format!("“{words}”"), 0.0, plain);
    }
    job.wrap.max_width = ui.available_width() - 24.0;
    egui::Button::new(job).min_size(egui::vec2(ui.available_width(), 0.0))
}

/// Draws the choices and, when the moment takes one, the typed reply; returns the answer given.
pub(super) fn answer_bar(
    ui: &mut egui::Ui,
    choices: &[String],
    typed: bool,
    compose: bool,
    draft: &mut Draft,
    enabled: bool,
) -> Option<Input> {
    let mut answer = None;
    for (i, c) in choices.iter().enumerate() {
        if ui.add(choice_button(ui, i + 1, c)).clicked() && enabled {
            answer = Some(Input::Choice(i));
        }
    }
    if typed && compose {
        // An email: a compose box of several lines, sent with the button or Ctrl+Enter.
        let edit = ui.add(
            egui::TextEdit::multiline(&mut draft.0)
                .desired_width(ui.available_width())
                .desired_rows(5)
                .hint_text("Write your email. Ctrl+Enter or Send sends it."),
        );
        let send_keys = edit.has_focus()
            && ui.input(|i| i.modifiers.command && i.key_pressed(egui::Key::Enter));
        if (ui.button("Send").clicked() || send_keys) && enabled && !draft.0.trim().is_empty() {
            answer = Some(Input::Typed(
                std::mem::take(&mut draft.0).trim().to_string(),
            ));
        }
    } else if typed {
        ui.horizontal(|ui| {
            let edit = ui.add(
                egui::TextEdit::singleline(&mut draft.0)
                    .desired_width(ui.available_width() - 80.0)
                    .hint_text("Type your reply, then press Enter"),
            );
            let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if (ui.button("Send").clicked() || enter) && enabled && !draft.0.trim().is_empty() {
                answer = Some(Input::Typed(std::mem::take(&mut draft.0)));
            }
        });
    }
    answer
}
