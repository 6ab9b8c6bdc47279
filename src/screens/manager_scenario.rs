//! The manager's scenario page: pass rate, averages and the beats where attempts lose points.

use bevy_egui::egui;
use care_engine::Dimension;
use care_store::dimension_name;
use egui_extras::{Column, TableBuilder};

use crate::game::library::ScenarioLibrary;
use bevy::prelude::MessageWriter;

use crate::game::manager::{ManagerAction, ManagerSession};

pub(super) fn show(
    ui: &mut egui::Ui,
    session: &mut ManagerSession,
    library: &ScenarioLibrary,
    act: &mut MessageWriter<ManagerAction>,
) {
    let scenarios = session.scenarios.list.clone();
    if scenarios.is_empty() {
        ui.label("No attempts yet: once people play, each scenario's results show here.");
        return;
    }
    let current = session
        .scenarios
        .page
        .as_ref()
        .map(|p| p.scenario_id.clone());
    egui::Panel::left("scenario-list").show(ui, |ui| {
        ui.strong("Scenarios played");
        for (id, title) in &scenarios {
            if ui
                .selectable_label(current.as_ref() == Some(id), title)
                .clicked()
            {
                act.write(ManagerAction::OpenScenario(id.clone()));
            }
        }
    });
    let Some(page) = session.scenarios.page.clone() else {
        ui.label("Pick a scenario to see how everyone does on it.");
        return;
    };
    // The customer's line at a beat, so a manager knows which moment a beat key means.
    let scenario = library.get(&page.scenario_id);
    let persona = scenario.map(|s| care_engine::persona::Persona::draw(s, 1));
    let moment = |key: &str| -> String {
        scenario
            .zip(persona.as_ref())
            .and_then(|(s, p)| s.beats.iter().find(|b| b.key == key).map(|b| (b, p)))
            .map(|(b, p)| {
                let text = if b.says.is_empty() {
                    b.narration.render(p)
                } else {
                    b.says.render(p)
                };
                let short: String = text.chars().take(90).collect();
                if short.len() < text.len() {
                    format!("{short}…")
                } else {
                    short
                }
            })
            .unwrap_or_default()
    };
    ui.heading(&page.title);
    ui.label(format!(
        "{} attempts · {} passed ({:.0}%)",
        page.attempts,
        page.passed,
        page.pass_rate().unwrap_or(0.0) * 100.0
    ));
    if let Some(avg) = page.average {
        ui.label(
            Dimension::ALL
                .iter()
                .map(|d| format!("average {} {:.0}", dimension_name(*d), avg.get(*d)))
                .collect::<Vec<_>>()
                .join(" · "),
        );
    }
    if let Some(w) = page.weakest_beat() {
        ui.strong(format!(
            "Most attempts lose points at “{}”: {} of {} attempts, {} points in all.",
            w.beat_key, w.attempts, page.attempts, w.points
        ));
    }
    super::one_line(ui);
    TableBuilder::new(ui)
        .id_salt("beat-losses")
        .striped(true)
        .column(Column::auto().at_least(120.0))
        .columns(Column::auto().at_least(70.0), 2)
        .column(Column::remainder())
        .header(20.0, |mut h| {
            for t in [
                "Beat",
                "Attempts",
                "Points lost",
                "What the customer says there",
            ] {
                h.col(|ui| {
                    ui.strong(t);
                });
            }
        })
        .body(|body| {
            body.rows(20.0, page.losses.len(), |mut row| {
                let l = &page.losses[row.index()];
                row.col(|ui| {
                    ui.label(&l.beat_key);
                });
                row.col(|ui| {
                    ui.label(l.attempts.to_string());
                });
                row.col(|ui| {
                    ui.label(l.points.to_string());
                });
                row.col(|ui| {
                    ui.weak(moment(&l.beat_key));
                });
            });
        });
}
