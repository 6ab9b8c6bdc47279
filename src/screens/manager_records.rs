//! The manager's learning-records tab: where results are sent, how many wait, went or were
//! refused (with the learning record store's reason), and a button to send now.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::egui;
use care_store::Timestamp;
use egui_extras::{Column, TableBuilder};

use crate::game::learning_records::{LearningRecords, SendLearningRecordsNow, SenderState};
use crate::game::manager::ManagerSession;

/// What the tab reads and sends.
#[derive(SystemParam)]
pub(super) struct RecordsTab<'w> {
    pub records: Res<'w, LearningRecords>,
    send_now: MessageWriter<'w, SendLearningRecordsNow>,
}

pub(super) fn show(ui: &mut egui::Ui, session: &mut ManagerSession, tab: &mut RecordsTab) {
    let records = &*tab.records;
    ui.heading("Learning records");
    ui.label(
        "Each result is also sent to the company's learning record store (xAPI), so it sits \
         with the rest of the training records. Nothing is lost while it is unreachable: \
         results wait here and go when it is back.",
    );
    ui.add_space(8.0);
    let Some(endpoint) = &records.endpoint else {
        super::problem(
            ui,
            "Learning records are not set up on this computer, so results stay in CARE only.",
        );
        ui.label(
            "To send them, run on this computer:\n  care lrs-setup --endpoint https://lrs.example.com/xAPI/ \
             --homepage https://www.example.com --username NAME\nand start CARE again.",
        );
        return;
    };
    ui.label(format!("Sending to {endpoint}"));
    match &records.state {
        SenderState::Off => {}
        SenderState::Sending => {
            ui.label("Sending…");
        }
        SenderState::Done(r) if r.sent + r.rejected > 0 => {
            ui.label(format!(
                "Last round: {} sent, {} refused.",
                r.sent, r.rejected
            ));
        }
        SenderState::Done(_) => {
            ui.label("Up to date.");
        }
        SenderState::Failed(e) => super::problem(ui, e),
    }
    ui.add_space(8.0);
    let Some(summary) = session.records.clone() else {
        return;
    };
    egui::Grid::new("records-counts")
        .num_columns(2)
        .show(ui, |ui| {
            for (label, n) in [
                ("Waiting", summary.pending),
                ("Sent", summary.sent),
                ("Refused", summary.rejected),
            ] {
                ui.label(label);
                ui.strong(n.to_string());
                ui.end_row();
            }
        });
    if let Some(next) = summary.next_try.filter(|t| *t > Timestamp::now()) {
        ui.label(format!("Next try at {} UTC.", next.short()));
    }
    match &summary.last_error {
        // A redirect, a sign-in page or wrong credentials: waiting will not help, so the fix
        // is shown where it cannot be missed.
        Some(e) if care_xapi::is_configuration_line(e) => super::problem(
            ui,
            &format!(
                "The learning record store is not set up right, so nothing is sent until it \
                 is fixed (results stay queued). {}",
                e.trim_start_matches(care_xapi::CONFIGURATION_PROBLEM)
            ),
        ),
        Some(e) => {
            ui.label(format!("Last problem: {e}"));
        }
        None => {}
    }
    if ui
        .add_enabled(summary.pending > 0, egui::Button::new("Send now"))
        .clicked()
    {
        tab.send_now.write(SendLearningRecordsNow);
        session.status = Some("Sending the waiting learning records now.".into());
    }
    if summary.recent_rejections.is_empty() {
        return;
    }
    ui.add_space(12.0);
    ui.strong("Refused by the learning record store (not sent again)");
    TableBuilder::new(ui)
        .id_salt("records-refused")
        .striped(true)
        .column(Column::auto().at_least(130.0))
        .column(Column::auto().at_least(90.0))
        .column(Column::remainder())
        .header(20.0, |mut h| {
            for t in ["When", "Statement", "The store's reason"] {
                h.col(|ui| {
                    ui.strong(t);
                });
            }
        })
        .body(|body| {
            body.rows(20.0, summary.recent_rejections.len(), |mut row| {
                let r = &summary.recent_rejections[row.index()];
                row.col(|ui| {
                    ui.label(r.at.short());
                });
                row.col(|ui| {
                    ui.label(&r.verb);
                });
                row.col(|ui| {
                    ui.label(&r.reason);
                });
            });
        });
}
