//! The manager's employee page: scores over time, every attempt, and a replay of any attempt
//! with its reasons; export and deletion.

use bevy_egui::egui;
use care_engine::Dimension;
use care_store::{AttemptDetail, AttemptStatus, EmployeePage, dimension_name};
use egui_extras::{Column, TableBuilder};
use egui_plot::{Legend, Line, Plot, PlotPoints};

use bevy::prelude::MessageWriter;

use crate::game::manager::{ManagerAction, ManagerSession, export_dir};

pub(super) fn show(
    ui: &mut egui::Ui,
    session: &mut ManagerSession,
    act: &mut MessageWriter<ManagerAction>,
) {
    let Some(page) = session.employee.page.clone() else {
        ui.label("Pick someone in the Team tab to see their page.");
        return;
    };
    let e = &page.summary.employee;
    ui.horizontal(|ui| {
        ui.heading(&e.display_name);
        ui.label(format!("· {} · since {}", e.team, e.created.short()));
    });
    ui.label(super::progress_line(&page.summary));
    ui.horizontal(|ui| {
        if ui.button("Export their data (JSON)").clicked() {
            act.write(ManagerAction::ExportEmployee(export_dir()));
        }
        if session.employee.confirm_delete == Some(e.id) {
            ui.colored_label(
                egui::Color32::from_rgb(170, 50, 30),
                format!(
                    "Delete {} and every result? This cannot be undone.",
                    e.display_name
                ),
            );
            if ui.button("Yes, delete").clicked() {
                act.write(ManagerAction::DeleteConfirmed);
                return;
            }
            if ui.button("Cancel").clicked() {
                session.employee.confirm_delete = None;
            }
        } else if ui.button("Delete employee…").clicked() {
            session.employee.confirm_delete = Some(e.id);
        }
        if session.team.pins_required
            && ui
                .button("Reset PIN")
                .on_hover_text("They choose a new PIN at their next sign-in.")
                .clicked()
        {
            act.write(ManagerAction::ResetPin {
                id: e.id,
                name: e.display_name.clone(),
            });
        }
    });
    plot(ui, &page);
    ui.columns(2, |cols| {
        if let Some(id) = attempts(&mut cols[0], &page) {
            act.write(ManagerAction::OpenAttempt(id));
        }
        match &session.employee.attempt {
            Some(a) => replay(&mut cols[1], a, &page.summary.employee.display_name),
            None => {
                cols[1].label("Pick an attempt to replay it with its reasons.");
            }
        }
    });
}

fn plot(ui: &mut egui::Ui, page: &EmployeePage) {
    Plot::new("scores-over-time")
        .legend(Legend::default())
        .height(180.0)
        .include_y(0.0)
        .include_y(100.0)
        .allow_scroll(false)
        .x_axis_formatter(|mark, _| {
            #[expect(
                clippy::cast_possible_truncation,
                reason = "days on the time axis as whole milliseconds for a date label: the fraction of a millisecond goes, and a float-to-integer cast saturates"
            )]
            let ms = (mark.value * 86_400_000.0) as i64;
            care_store::Timestamp(ms).short()[..10].to_string()
        })
        .show(ui, |p| {
            for d in Dimension::ALL {
                let points: Vec<[f64; 2]> = page
                    .series(d)
                    .into_iter()
                    .map(|(t, v)| [t.days(), f64::from(v)])
                    .collect();
                p.line(Line::new(dimension_name(d), PlotPoints::new(points)));
            }
        });
}

/// The attempt list, newest first; returns the attempt clicked.
fn attempts(ui: &mut egui::Ui, page: &EmployeePage) -> Option<care_store::AttemptId> {
    let mut clicked = None;
    let rows: Vec<_> = page.attempts.iter().rev().collect();
    super::one_line(ui);
    TableBuilder::new(ui)
        .id_salt("attempts")
        .striped(true)
        .column(Column::auto().at_least(110.0))
        .column(Column::remainder().at_least(120.0))
        .columns(Column::auto(), 3)
        .column(Column::auto().at_least(80.0))
        .header(20.0, |mut h| {
            for t in ["When", "Scenario", "S", "E", "F", "Result"] {
                h.col(|ui| {
                    ui.strong(t);
                });
            }
        })
        .body(|body| {
            body.rows(20.0, rows.len(), |mut row| {
                let a = rows[row.index()];
                row.col(|ui| {
                    ui.label(a.finished.short());
                });
                row.col(|ui| {
                    if ui.link(&a.scenario_title).clicked() {
                        clicked = Some(a.id);
                    }
                });
                for d in Dimension::ALL {
                    row.col(|ui| {
                        ui.label(a.scores.get(d).to_string());
                    });
                }
                row.col(|ui| {
                    ui.label(match (a.status, a.passed) {
                        (AttemptStatus::Abandoned, _) => "abandoned",
                        (_, true) => "passed",
                        (_, false) => "not passed",
                    });
                });
            });
        });
    clicked
}

fn replay(ui: &mut egui::Ui, a: &AttemptDetail, name: &str) {
    ui.strong(format!(
        "{} · {}",
        a.row.scenario_title,
        a.row.finished.short()
    ));
    let (Some(t), Some(card)) = (&a.transcript, &a.card) else {
        ui.label("This run was interrupted and not finished, so there is nothing to replay.");
        return;
    };
    let who = name.split_whitespace().next().unwrap_or("Trainee");
    super::transcript::show(ui, "replay", t, card, None, who);
}
