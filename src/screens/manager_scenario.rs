//! The manager's scenario page: pass rate, averages and the beats where attempts lose points.

use bevy_egui::egui;
use care_engine::Dimension;
use care_store::dimension_name;
use egui_extras::{Column, TableBuilder};

use crate::game::manager::ManagerSession;

pub(super) fn show(ui: &mut egui::Ui, session: &mut ManagerSession) {
    let scenarios = session.scenarios.clone();
    if scenarios.is_empty() {
        ui.label("No attempts yet: once people play, each scenario's results show here.");
        return;
    }
    let current = session.scenario.as_ref().map(|p| p.scenario_id.clone());
    ui.horizontal(|ui| {
        ui.label("Scenario");
        let shown = session
            .scenario
            .as_ref()
            .map_or_else(|| "pick one".to_string(), |p| p.title.clone());
        egui::ComboBox::from_id_salt("scenario-pick")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                for (id, title) in &scenarios {
                    if ui
                        .selectable_label(current.as_ref() == Some(id), title)
                        .clicked()
                    {
                        session.open_scenario(id);
                    }
                }
            });
    });
    let Some(page) = session.scenario.clone() else {
        return;
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
            "Most points are lost at “{}”: {} attempts lost {} points there.",
            w.beat_key, w.attempts, w.points
        ));
    }
    TableBuilder::new(ui)
        .id_salt("beat-losses")
        .striped(true)
        .column(Column::initial(220.0))
        .columns(Column::auto(), 2)
        .header(20.0, |mut h| {
            for t in ["Beat", "Attempts losing points", "Points lost"] {
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
            });
        });
}
