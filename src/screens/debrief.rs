//! The debrief screen: the three scores with the moments that earned or cost points.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use care_engine::model::Dimension;
use care_engine::texts;

use super::Screen;
use crate::game::session::{LastResult, SaveStatus, StartScenario};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw.run_if(in_state(Screen::Debrief).and_then(resource_exists::<LastResult>)),
    );
}

fn draw(
    mut contexts: EguiContexts,
    result: Res<LastResult>,
    mut next: ResMut<NextState<Screen>>,
    mut start: MessageWriter<StartScenario>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = super::root_ui(ctx);
    let card = &result.card;
    egui::CentralPanel::default().show(&mut root, |ui| {
        ui.heading(format!("Debrief: {}", result.scenario.title));
        if let Some((_, text)) =
            result
                .transcript
                .moments
                .iter()
                .rev()
                .find_map(|m| match &m.event {
                    care_engine::run::Event::Ended { outcome, text, .. } => Some((outcome, text)),
                    _ => None,
                })
        {
            ui.label(text);
        }
        match &result.saved {
            SaveStatus::Saved => {
                ui.label(egui::RichText::new("Saved to your progress.").weak());
            }
            SaveStatus::Pending => {
                ui.label(egui::RichText::new("Saving…").weak());
            }
            SaveStatus::NotSignedIn => {
                ui.label(egui::RichText::new("Practice run: not saved.").weak());
            }
            SaveStatus::Failed(why) => {
                super::problem(ui, &format!("This result could not be saved: {why}"))
            }
        }
        ui.separator();
        ui.strong(format!(
            "Overall {} / 100 — {}",
            card.overall,
            if card.passed {
                "passed"
            } else {
                "not passed yet"
            }
        ));
        egui::ScrollArea::vertical().show(ui, |ui| {
            for d in Dimension::ALL {
                let ds = card.get(d);
                ui.add(
                    egui::ProgressBar::new(ds.score as f32 / 100.0).text(format!(
                        "{} {} (pass {})",
                        texts::dimension(d),
                        ds.score,
                        ds.pass_mark
                    )),
                );
                for r in ds.reasons.iter().filter(|r| r.points != 0) {
                    ui.label(format!("   {:+}  {}", r.points, r.text));
                    if let Some(a) = &r.advice {
                        ui.label(egui::RichText::new(format!("        → {a}")).italics());
                    }
                }
            }
        });
        ui.horizontal(|ui| {
            if ui.button("Try again").clicked() {
                start.write(StartScenario {
                    scenario: result.scenario.clone(),
                    seed: result.transcript.seed + 1,
                });
            }
            if ui.button("Back to the library").clicked() {
                next.set(Screen::Library);
            }
        });
    });
    Ok(())
}
