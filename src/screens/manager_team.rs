//! The manager's team overview: a sortable, filterable table of every employee.

use bevy_egui::egui;
use care_engine::Dimension;
use care_store::{OverviewRow, SortKey, dimension_name};
use egui_extras::{Column, TableBuilder};

use bevy::prelude::MessageWriter;

use crate::game::manager::{ManagerAction, ManagerSession};

const COLUMNS: [(&str, SortKey); 13] = [
    ("Name", SortKey::Name),
    ("Team", SortKey::Team),
    ("Attempts", SortKey::Attempts),
    ("Speed", SortKey::Latest(Dimension::Speed)),
    ("Empathy", SortKey::Latest(Dimension::Empathy)),
    ("Follow-thr.", SortKey::Latest(Dimension::FollowThrough)),
    ("Best S", SortKey::Best(Dimension::Speed)),
    ("Best E", SortKey::Best(Dimension::Empathy)),
    ("Best F", SortKey::Best(Dimension::FollowThrough)),
    ("Passed", SortKey::ScenariosPassed),
    ("Trend", SortKey::Trend),
    ("Weakest", SortKey::Weakest),
    ("Last active", SortKey::LastActive),
];

pub(super) fn show(
    ui: &mut egui::Ui,
    session: &mut ManagerSession,
    act: &mut MessageWriter<ManagerAction>,
) {
    let mut changed = false;
    ui.horizontal(|ui| {
        ui.label("Team");
        let teams = session.team.teams.clone();
        changed |= super::team_picker(ui, "team-filter", &teams, &mut session.team.filter.team);
        ui.label("Name");
        changed |= ui
            .add(
                egui::TextEdit::singleline(&mut session.team.filter.name_contains)
                    .desired_width(160.0),
            )
            .changed();
        if ui.button("Refresh").clicked() {
            changed = true;
        }
        ui.label(format!("{} employees", session.team.overview.len()));
        ui.separator();
        let mut pins = session.team.pins_required;
        if ui
            .checkbox(&mut pins, "Trainees sign in with a PIN")
            .on_hover_text(
                "Each trainee chooses a 4 to 8 digit PIN at their next sign-in, so nobody else at \
                 the station can open their results.",
            )
            .changed()
        {
            act.write(ManagerAction::SetPinsRequired(pins));
        }
    });
    ui.label(
        egui::RichText::new("Latest scores, best scores, scenarios passed and the trend of recent attempts. Click a heading to sort, a name to open.")
            .weak(),
    );
    if let Some(clicked) = table(ui, session) {
        act.write(ManagerAction::OpenEmployee(clicked));
    }
    if changed {
        act.write(ManagerAction::Refresh);
    }
}

fn score(ui: &mut egui::Ui, v: Option<i32>) {
    match v {
        Some(v) => {
            let color = match v {
                0..50 => egui::Color32::from_rgb(180, 60, 40),
                50..70 => egui::Color32::from_rgb(170, 120, 20),
                _ => egui::Color32::from_rgb(40, 130, 60),
            };
            ui.colored_label(color, v.to_string());
        }
        None => {
            ui.weak("–");
        }
    }
}

/// Draws the table; returns the employee whose name was clicked.
fn table(ui: &mut egui::Ui, session: &mut ManagerSession) -> Option<care_store::EmployeeId> {
    let mut clicked = None;
    let mut resort = None;
    super::one_line(ui);
    TableBuilder::new(ui)
        .striped(true)
        .column(Column::initial(170.0).resizable(true))
        .column(Column::initial(130.0).resizable(true))
        .columns(Column::auto(), COLUMNS.len() - 3)
        .column(Column::remainder().at_least(120.0))
        .header(22.0, |mut header| {
            for (label, key) in COLUMNS {
                header.col(|ui| {
                    let arrow = if session.team.filter.sort == key {
                        if session.team.filter.descending {
                            " ⏷"
                        } else {
                            " ⏶"
                        }
                    } else {
                        ""
                    };
                    if ui.button(format!("{label}{arrow}")).clicked() {
                        resort = Some(key);
                    }
                });
            }
        })
        .body(|body| {
            let rows: &[OverviewRow] = &session.team.overview;
            body.rows(20.0, rows.len(), |mut row| {
                let r = &rows[row.index()];
                row.col(|ui| {
                    if ui.link(&r.employee.display_name).clicked() {
                        clicked = Some(r.employee.id);
                    }
                });
                row.col(|ui| {
                    ui.label(&r.employee.team);
                });
                row.col(|ui| {
                    ui.label(r.attempts.to_string());
                });
                for d in Dimension::ALL {
                    row.col(|ui| score(ui, r.latest.map(|s| s.get(d))));
                }
                for d in Dimension::ALL {
                    row.col(|ui| score(ui, r.best.map(|s| s.get(d))));
                }
                row.col(|ui| {
                    ui.label(r.scenarios_passed.to_string());
                });
                row.col(|ui| {
                    let color = match r.trend {
                        care_store::Trend::Up => egui::Color32::from_rgb(40, 130, 60),
                        care_store::Trend::Down => egui::Color32::from_rgb(180, 60, 40),
                        _ => ui.visuals().weak_text_color(),
                    };
                    ui.colored_label(color, super::trend_glyph(r.trend))
                        .on_hover_text(r.trend.word());
                });
                row.col(|ui| {
                    ui.label(r.weakest.map_or("–", dimension_name));
                });
                row.col(|ui| {
                    ui.label(r.last_active.map(|t| t.short()).unwrap_or_default());
                });
            });
        });
    if let Some(key) = resort {
        let f = &mut session.team.filter;
        f.descending = f.sort == key && !f.descending;
        f.sort = key;
        care_store::sort_overview(&mut session.team.overview, f.sort, f.descending);
    }
    clicked
}
