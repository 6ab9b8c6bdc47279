//! Who you are serving, beside what they say: their portrait for the current mood (large), name,
//! mood in words, what the scenario says about them and their traits, and hints for beginners.

use bevy_egui::egui;
use care_engine::ScenarioRun;

use super::art::Art;
use super::people::People;

/// Draws the customer's column of the play screen.
pub(crate) fn show(
    ui: &mut egui::Ui,
    run: &ScenarioRun,
    people: &People,
    art: &Art,
    reduced_motion: bool,
) {
    let persona = run.persona();
    let scenario = run.scenario();
    let size = (ui.available_width() - 8.0).max(120.0);
    ui.add_space(8.0);
    if !super::portrait::portrait(ui, people, persona, run.mood(), size, reduced_motion) {
        // Still loading, or no cast: the mood's face keeps the place.
        art.mood(ui, run.mood(), 64.0);
    }
    if !persona.name.is_empty() {
        ui.heading(&persona.name);
    }
    ui.horizontal(|ui| {
        ui.label("Mood:");
        art.mood(ui, run.mood(), 22.0);
    });
    let details = scenario.customer.details.render(persona);
    if !details.is_empty() {
        ui.add_space(6.0);
        ui.label(details);
    }
    if care_engine::difficulty::Tuning::of(scenario.difficulty).hints
        && !scenario.objectives.is_empty()
    {
        ui.add_space(10.0);
        egui::Frame::new()
            .fill(ui.visuals().faint_bg_color)
            .corner_radius(8.0)
            .inner_margin(egui::Margin::same(8))
            .show(ui, |ui| {
                ui.strong("💡 Hints");
                for o in &scenario.objectives {
                    ui.label(format!("• {o}"));
                }
            });
    }
    if !scenario.customer.traits.is_empty() {
        ui.add_space(6.0);
        // One trait per line: a narrow column never squeezes a chip into a sliver.
        for t in &scenario.customer.traits {
            egui::Frame::new()
                .fill(ui.visuals().faint_bg_color)
                .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
                .corner_radius(8.0)
                .inner_margin(egui::Margin::symmetric(8, 3))
                .show(ui, |ui| {
                    ui.small(t);
                });
        }
    }
}
