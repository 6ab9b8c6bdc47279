//! The shift's debrief: a timeline with one row per customer (when they arrived, how long each
//! wait was, when nobody answered), the triage score with the moments that cost points, and each
//! customer's own scores.

use crate::game::session::SaveStatus;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use care_engine::shift::{CustomerId, ShiftEvent};
use care_engine::texts;

use super::{Screen, palette};
use crate::game::shifts::{ShiftOutcome, StartShift};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw.run_if(in_state(Screen::ShiftDebrief).and_then(resource_exists::<ShiftOutcome>)),
    );
}

/// One stretch of a customer's row: waiting (until answered or until they acted alone).
struct Stretch {
    from_ms: u64,
    to_ms: u64,
    alone: bool,
}

fn stretches(outcome: &ShiftOutcome, c: CustomerId) -> Vec<Stretch> {
    let mut out = Vec::new();
    let mut since = None;
    for m in &outcome.log {
        match &m.event {
            ShiftEvent::Arrived { customer } if *customer == c => since = Some(m.at_ms),
            ShiftEvent::Served { customer, .. } if *customer == c => {
                if let Some(s) = since.take() {
                    out.push(Stretch {
                        from_ms: s,
                        to_ms: m.at_ms,
                        alone: false,
                    });
                }
                since = Some(m.at_ms);
            }
            ShiftEvent::ActedAlone { customer, .. } if *customer == c => {
                if let Some(s) = since.take() {
                    out.push(Stretch {
                        from_ms: s,
                        to_ms: m.at_ms,
                        alone: true,
                    });
                }
                since = Some(m.at_ms);
            }
            ShiftEvent::Finished { customer, .. } if *customer == c => since = None,
            _ => {}
        }
    }
    out
}

fn timeline(ui: &mut egui::Ui, outcome: &ShiftOutcome) {
    let length = outcome.length_ms.max(1) as f32;
    let label_w = 300.0;
    let width = (ui.available_width() - label_w - 20.0).max(200.0);
    for c in outcome.shift.ids() {
        let r = &outcome.result.customers[c.0];
        ui.horizontal(|ui| {
            ui.allocate_ui_with_layout(
                egui::vec2(label_w, 18.0),
                egui::Layout::left_to_right(egui::Align::Center),
                |ui| {
                    ui.set_min_width(label_w);
                    ui.add(
                        egui::Label::new(format!("{} ({})", r.label, r.priority.word())).truncate(),
                    );
                },
            );
            let (rect, _) = ui.allocate_exact_size(egui::vec2(width, 16.0), egui::Sense::hover());
            let painter = ui.painter_at(rect);
            painter.rect_filled(rect, 2.0, ui.visuals().extreme_bg_color);
            let x = |ms: u64| rect.left() + width * (ms as f32 / length);
            for s in stretches(outcome, c) {
                // A pixel's gap between waits, so each answer shows as a break in the bar.
                let band = egui::Rect::from_min_max(
                    egui::pos2(x(s.from_ms) + 1.0, rect.top() + 3.0),
                    egui::pos2(
                        (x(s.to_ms) - 1.0).max(x(s.from_ms) + 2.0),
                        rect.bottom() - 3.0,
                    ),
                );
                let color = if s.alone {
                    palette::LOSS
                } else {
                    palette::WAIT
                };
                painter.rect_filled(band, 1.0, color);
                if s.alone {
                    // A mark as well as a colour: the moment they gave up waiting.
                    painter.text(
                        egui::pos2(band.right(), rect.center().y),
                        egui::Align2::RIGHT_CENTER,
                        "✖",
                        egui::FontId::proportional(11.0),
                        ui.visuals().strong_text_color(),
                    );
                }
            }
        });
    }
    ui.weak(format!(
        "Bars show each wait for an answer; ✖ marks where nobody answered and the customer acted alone. The shift lasted {} min {} s.",
        outcome.length_ms / 60_000,
        outcome.length_ms / 1000 % 60
    ));
}

fn draw(
    mut contexts: EguiContexts,
    outcome: Res<ShiftOutcome>,
    mut next: ResMut<NextState<Screen>>,
    mut again: MessageWriter<StartShift>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = super::root_ui(ctx);
    let triage = &outcome.result.triage;
    egui::Panel::top("shift-debrief-top").show(&mut root, |ui| {
        ui.horizontal(|ui| {
            ui.heading(format!("Debrief: {}", outcome.shift.title));
            if ui.button("Back to the library").clicked() {
                next.set(Screen::Library);
            }
            if ui.button("Play the shift again").clicked() {
                again.write(StartShift(outcome.shift.clone()));
            }
        });
        ui.label(egui::RichText::new(&outcome.shift.lesson).italics());
        match &outcome.saved {
            SaveStatus::Saved => {
                ui.weak(format!(
                    "Saved: each of the {} conversations counts in your progress.",
                    outcome.conversations
                ));
            }
            SaveStatus::Pending | SaveStatus::Saving => {
                ui.weak("Saving…");
            }
            SaveStatus::Waiting(why) => super::problem(
                ui,
                &format!(
                    "Not saved yet: {why}\nThis shift is kept safe on this computer and CARE \
                     keeps trying until it is stored, even after a restart."
                ),
            ),
            SaveStatus::NotSignedIn => {
                ui.weak("Not signed in: this shift is not saved.");
            }
            SaveStatus::Practice => {
                ui.weak("Practice: not saved.");
            }
            SaveStatus::Failed(e) => {
                super::problem(ui, &format!("This shift could not be saved: {e}"))
            }
        }
    });
    egui::CentralPanel::default().show(&mut root, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.heading(format!(
                "Triage {} / 100 — {} (pass mark {})",
                triage.score,
                if triage.passed { "passed" } else { "not passed yet" },
                triage.pass_mark
            ));
            ui.add(
                egui::ProgressBar::new(triage.score as f32 / 100.0)
                    .text(format!("triage {}", triage.score)),
            );
            ui.add_space(8.0);
            timeline(ui, &outcome);
            ui.add_space(8.0);
            if triage.reasons.is_empty() {
                ui.label("Nobody was kept waiting too long, and nothing urgent or public was passed over.");
            }
            for r in &triage.reasons {
                ui.label(format!(
                    "{:02}:{:02}  {:+}  {}",
                    r.at_ms / 60_000,
                    r.at_ms / 1000 % 60,
                    r.points,
                    r.text
                ));
            }
            ui.separator();
            ui.strong("Each customer");
            egui::Grid::new("shift-customers")
                .striped(true)
                .show(ui, |ui| {
                    for h in ["Customer", "Ending", "Overall", "Speed", "Empathy", "Follow-through", "Longest wait"] {
                        ui.strong(h);
                    }
                    ui.end_row();
                    for c in &outcome.result.customers {
                        ui.label(&c.label);
                        ui.label(c.outcome.map_or("—", texts::outcome));
                        ui.label(format!(
                            "{}{}",
                            c.card.overall,
                            if c.card.passed { " ✔" } else { "" }
                        ));
                        ui.label(c.card.dimensions.speed.score.to_string());
                        ui.label(c.card.dimensions.empathy.score.to_string());
                        ui.label(c.card.dimensions.follow_through.score.to_string());
                        ui.label(format!("{} s", c.longest_wait_ms / 1000));
                        ui.end_row();
                    }
                });
        });
    });
    Ok(())
}
