//! The library screen: scenario cards by channel and difficulty.

use std::sync::Arc;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use care_engine::texts;

use super::Screen;
use crate::game::library::ScenarioLibrary;
use crate::game::session::StartScenario;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw.run_if(in_state(Screen::Library)),
    );
}

fn draw(
    mut contexts: EguiContexts,
    library: Res<ScenarioLibrary>,
    mut start: MessageWriter<StartScenario>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = super::root_ui(ctx);
    egui::CentralPanel::default().show(&mut root, |ui| {
        ui.heading("CARE — Customers Are Really Everything");
        ui.label("Pick a customer moment to practise. You are scored on speed, empathy and follow-through.");
        ui.separator();
        if !library.problems.is_empty() {
            ui.colored_label(
                egui::Color32::from_rgb(180, 60, 40),
                format!("⚠ {} problem(s) in the scenario files; run `care check` for details.", library.problems.len()),
            );
        }
        egui::ScrollArea::vertical().show(ui, |ui| {
            for (i, s) in library.scenarios.iter().enumerate() {
                ui.group(|ui| {
                    ui.horizontal(|ui| {
                        ui.strong(&s.title);
                        ui.label(format!("· {} · {} · {} min", texts::channel(s.channel), texts::difficulty(s.difficulty), s.minutes));
                    });
                    ui.label(&s.summary);
                    if !s.lesson.is_empty() {
                        ui.label(egui::RichText::new(format!("Lesson: {}", s.lesson)).italics());
                    }
                    if ui.button("Play").clicked() {
                        start.write(StartScenario { scenario: Arc::clone(&s.clone()), seed: i as u64 + 1 });
                    }
                });
            }
        });
    });
    Ok(())
}
