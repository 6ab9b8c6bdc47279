//! A finished run's conversation with its timestamps and, under each moment, the points it
//! earned or cost: shared by the debrief and the manager's replay.

use bevy_egui::egui;
use care_engine::Dimension;
use care_engine::run::{Event as RunEvent, Transcript};
use care_engine::scoring::{Reason, ScoreCard};
use care_store::dimension_name;

const GAIN: egui::Color32 = egui::Color32::from_rgb(60, 150, 80);
const LOSS: egui::Color32 = egui::Color32::from_rgb(200, 80, 60);
const TRAINEE: egui::Color32 = egui::Color32::from_rgb(70, 120, 200);

/// The reasons tied to moment `i`, with their dimension.
pub(crate) fn reasons_at(card: &ScoreCard, i: usize) -> Vec<(Dimension, &Reason)> {
    Dimension::ALL
        .iter()
        .flat_map(|d| card.get(*d).reasons.iter().map(move |r| (*d, r)))
        .filter(|(d, r)| r.moment == i && (r.points != 0 || *d != Dimension::Speed))
        .collect()
}

/// `1:05` from milliseconds.
fn clock(ms: u64) -> String {
    let s = ms / 1000;
    format!("{}:{:02}", s / 60, s % 60)
}

/// What the moment shows, or `None` for bookkeeping events.
fn line(event: &RunEvent, trainee: &str) -> Option<egui::RichText> {
    Some(match event {
        RunEvent::CustomerSaid { name, text } => {
            egui::RichText::new(format!("{name}: {text}")).strong()
        }
        RunEvent::Narration { text } | RunEvent::Ended { text, .. } => {
            egui::RichText::new(text).italics()
        }
        RunEvent::AudienceReacted { who, text } => egui::RichText::new(format!("{who}: {text}")),
        RunEvent::Answered { answer, .. } => {
            let said = answer.said().unwrap_or("(said nothing)");
            egui::RichText::new(format!("{trainee}: {said}")).color(TRAINEE)
        }
        RunEvent::PromiseMade { text, .. } => egui::RichText::new(format!("Promise: {text}")),
        // The choices in the order this run showed them (shuffled per run).
        RunEvent::AwaitingAnswer { choices, .. } if !choices.is_empty() => {
            let shown: Vec<String> = choices
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{} {c}", i + 1))
                .collect();
            egui::RichText::new(format!("Choices shown: {}", shown.join("  ·  "))).weak()
        }
        _ => return None,
    })
}

/// Draws the transcript; `highlight` frames one moment (the worst, in the debrief); `trainee`
/// names whoever answered ("You" in the debrief, the employee's name in a replay).
pub(crate) fn show(
    ui: &mut egui::Ui,
    id: &str,
    t: &Transcript,
    card: &ScoreCard,
    highlight: Option<usize>,
    trainee: &str,
) {
    egui::ScrollArea::vertical().id_salt(id).show(ui, |ui| {
        for (i, m) in t.moments.iter().enumerate() {
            let reasons = reasons_at(card, i);
            let Some(text) = line(&m.event, trainee) else {
                if reasons.is_empty() {
                    continue;
                }
                points(ui, i, &reasons);
                continue;
            };
            let draw = |ui: &mut egui::Ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.weak(format!("{} · {}", clock(m.at_ms), m.clock));
                    ui.label(text);
                });
                points(ui, i, &reasons);
            };
            if highlight == Some(i) {
                egui::Frame::group(ui.style())
                    .stroke(egui::Stroke::new(1.5, LOSS))
                    .show(ui, draw);
            } else {
                draw(ui);
            }
        }
    });
}

fn points(ui: &mut egui::Ui, i: usize, reasons: &[(Dimension, &Reason)]) {
    if reasons.is_empty() {
        return;
    }
    ui.indent(i, |ui| {
        for (d, r) in reasons {
            let color = if r.points > 0 { GAIN } else { LOSS };
            ui.colored_label(
                color,
                format!("{:+} {}: {}", r.points, dimension_name(*d), r.text),
            );
        }
    });
}
