//! The manager area: the passphrase lock, then tabs for the team, one employee, scenarios and
//! exports.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use care_store::{ManagerLock, Timestamp};

use super::Screen;
use crate::game::library::ScenarioLibrary;
use crate::game::manager::{ManagerAction, ManagerSession, ManagerTab, export_dir};
use crate::game::progress::StoreStatus;

/// The passphrase being typed.
#[derive(Resource, Default)]
struct Typed {
    passphrase: String,
    repeat: String,
    since: String,
    until: String,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Typed>();
    app.add_systems(
        EguiPrimaryContextPass,
        draw.run_if(in_state(Screen::Manager)),
    );
    app.init_resource::<super::manager_onboarding::OnboardingPage>();
    app.add_systems(
        OnExit(Screen::Manager),
        |mut t: ResMut<Typed>, mut o: ResMut<super::manager_onboarding::OnboardingPage>| {
            *t = Typed::default();
            *o = default();
        },
    );
}

/// The tabs that need more than the session.
#[derive(bevy::ecs::system::SystemParam)]
struct Tabs<'w> {
    library: Res<'w, ScenarioLibrary>,
    records: super::manager_records::RecordsTab<'w>,
    onboarding: super::manager_onboarding::OnboardingTab<'w>,
}

fn draw(
    mut contexts: EguiContexts,
    progress: Res<StoreStatus>,
    mut session: ResMut<ManagerSession>,
    mut typed: ResMut<Typed>,
    mut next: ResMut<NextState<Screen>>,
    mut act: MessageWriter<ManagerAction>,
    mut tabs: Tabs,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = super::root_ui(ctx);
    egui::Panel::top("manager-bar").show(&mut root, |ui| {
        ui.horizontal(|ui| {
            ui.heading("Manager area");
            if ui.button("Lock and leave").clicked() {
                next.set(Screen::SignIn);
            }
            if session.is_open() {
                ui.separator();
                for (tab, label) in [
                    (ManagerTab::Team, "Team"),
                    (ManagerTab::Employee, "Employee"),
                    (ManagerTab::Scenarios, "Scenarios"),
                    (ManagerTab::Export, "Export"),
                    (ManagerTab::LearningRecords, "Learning records"),
                    (ManagerTab::Onboarding, "Onboarding"),
                ] {
                    ui.selectable_value(&mut session.tab, tab, label);
                }
                ui.separator();
                if ui
                    .button("Author mode")
                    .on_hover_text("Branch graphs and score ranges of the scenarios.")
                    .clicked()
                {
                    next.set(Screen::Author);
                }
            }
        });
    });
    egui::Panel::bottom("manager-status").show(&mut root, |ui| {
        ui.label(session.status.clone().unwrap_or_default());
    });
    if !progress.available {
        egui::CentralPanel::default().show(&mut root, |ui| {
            super::problem(
                ui,
                "The progress store is not available, so there is nothing to review.",
            );
        });
        return Ok(());
    };
    egui::CentralPanel::default().show(&mut root, |ui| {
        if !session.is_open() {
            lock_screen(ui, &mut session, &mut typed, &mut act);
            return;
        }
        match session.tab {
            ManagerTab::Team => super::manager_team::show(ui, &mut session, &mut act),
            ManagerTab::Employee => super::manager_employee::show(ui, &mut session, &mut act),
            ManagerTab::Scenarios => {
                super::manager_scenario::show(ui, &mut session, &tabs.library, &mut act);
            }
            ManagerTab::Export => export(ui, &mut session, &mut typed, &mut act),
            ManagerTab::LearningRecords => {
                super::manager_records::show(ui, &mut session, &mut tabs.records);
            }
            ManagerTab::Onboarding => {
                super::manager_onboarding::show(ui, &mut session, &mut tabs.onboarding, &mut act);
            }
        }
    });
    Ok(())
}

fn lock_screen(
    ui: &mut egui::Ui,
    session: &mut ManagerSession,
    typed: &mut Typed,
    act: &mut MessageWriter<ManagerAction>,
) {
    ui.add_space(20.0);
    let Some(lock) = session.lock_state() else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Asking the progress store…");
        });
        return;
    };
    let first = lock == ManagerLock::NotSet;
    if first {
        ui.label(
            "No manager passphrase is set yet. Choose one now: you will need it to open this area.",
        );
    } else {
        ui.label("Enter the manager passphrase to see everyone's results.");
    }
    let field = ui.add(
        egui::TextEdit::singleline(&mut typed.passphrase)
            .password(true)
            .hint_text("Passphrase"),
    );
    if first {
        ui.add(
            egui::TextEdit::singleline(&mut typed.repeat)
                .password(true)
                .hint_text("The same passphrase again"),
        );
        ui.label(
            egui::RichText::new(format!(
                "At least {} characters. It is stored only as a salted hash.",
                care_store::MIN_PASSPHRASE_CHARS
            ))
            .weak(),
        );
    }
    let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    let wait = match lock {
        ManagerLock::Wait(w) => Some(w),
        _ => None,
    };
    if let Some(w) = wait {
        ui.label(format!("Too many wrong tries: wait {} s.", w.as_secs() + 1));
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(250));
    }
    let label = if first {
        "Set passphrase and open"
    } else {
        "Open"
    };
    let typed_enough = !typed.passphrase.is_empty() && (!first || !typed.repeat.is_empty());
    let clicked = ui
        .add_enabled(wait.is_none() && typed_enough, egui::Button::new(label))
        .clicked();
    if (clicked || enter) && wait.is_none() && typed_enough {
        if first && typed.passphrase != typed.repeat {
            session.status = Some("The two passphrases differ; type them again.".into());
            return;
        }
        let pass = std::mem::take(&mut typed.passphrase);
        typed.repeat.clear();
        session.status = Some("Checking the passphrase…".into());
        act.write(ManagerAction::Unlock(pass));
    }
}

fn export(
    ui: &mut egui::Ui,
    session: &mut ManagerSession,
    typed: &mut Typed,
    act: &mut MessageWriter<ManagerAction>,
) {
    ui.heading("Export results");
    ui.label("One line per attempt, for spreadsheets. Leave a filter empty to include everything.");
    egui::Grid::new("export-filters")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label("Team");
            let teams = session.team.teams.clone();
            super::team_picker(ui, "export-team", &teams, &mut session.report.team);
            ui.end_row();
            ui.label("Scenario");
            let scenarios = session.scenarios.list.clone();
            let shown = session
                .report
                .scenario
                .as_ref()
                .and_then(|id| {
                    scenarios
                        .iter()
                        .find(|(s, _)| s == id)
                        .map(|(_, t)| t.clone())
                })
                .unwrap_or_else(|| "all scenarios".into());
            egui::ComboBox::from_id_salt("export-scenario")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut session.report.scenario, None, "all scenarios");
                    for (id, title) in scenarios {
                        ui.selectable_value(&mut session.report.scenario, Some(id), title);
                    }
                });
            ui.end_row();
            ui.label("From");
            date_field(ui, &mut typed.since, &mut session.report.since);
            ui.end_row();
            ui.label("Before");
            date_field(ui, &mut typed.until, &mut session.report.until);
            ui.end_row();
        });
    let dir = export_dir();
    if ui
        .button(format!("Write CSV to {}", dir.display()))
        .clicked()
    {
        session.status = Some("Writing the report…".into());
        act.write(ManagerAction::ExportCsv(dir));
    }
}

/// A YYYY-MM-DD field; the filter follows the text once it is a valid date (or empty).
fn date_field(ui: &mut egui::Ui, text: &mut String, value: &mut Option<Timestamp>) {
    ui.horizontal(|ui| {
        ui.add(
            egui::TextEdit::singleline(text)
                .hint_text("YYYY-MM-DD")
                .desired_width(110.0),
        );
        let t = text.trim();
        if t.is_empty() {
            *value = None;
        } else if let Some(parsed) = Timestamp::parse(t) {
            *value = Some(parsed);
        } else {
            ui.colored_label(egui::Color32::from_rgb(170, 50, 30), "not a date yet");
            *value = None;
        }
    });
}
