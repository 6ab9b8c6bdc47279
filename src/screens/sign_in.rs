//! The sign-in screen: trainees pick their name or add themselves; managers go on to their area.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::Screen;
use crate::game::progress::{Account, ProgressStore, SignInList};

/// What is typed on the sign-in screen.
#[derive(Resource, Default)]
struct Form {
    search: String,
    name: String,
    team: String,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Form>();
    app.add_systems(
        EguiPrimaryContextPass,
        draw.run_if(in_state(Screen::SignIn)),
    );
}

fn draw(
    mut contexts: EguiContexts,
    progress: Res<ProgressStore>,
    list: Res<SignInList>,
    mut form: ResMut<Form>,
    mut account: MessageWriter<Account>,
    mut next: ResMut<NextState<Screen>>,
    mut settings: ResMut<super::settings::SettingsOpen>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = super::root_ui(ctx);
    egui::Panel::bottom("sign-in-footer").show(&mut root, |ui| {
        ui.horizontal(|ui| {
            if progress.store.is_some() && ui.button("Manager area").clicked() {
                next.set(Screen::Manager);
            }
            if ui
                .button("Practise without saving")
                .on_hover_text("Play any scenario; nothing is recorded.")
                .clicked()
            {
                account.write(Account::Guest);
            }
            super::settings::button(ui, &mut settings);
            if ui
                .button("Author mode")
                .on_hover_text("For trainers: branch graphs and score ranges.")
                .clicked()
            {
                next.set(Screen::Author);
            }
            ui.label(
                egui::RichText::new(format!("Progress store: {}", progress.location))
                    .small()
                    .weak(),
            );
        });
    });
    egui::CentralPanel::default().show(&mut root, |ui| {
        ui.heading("CARE — Customers Are Really Everything");
        ui.label("Who is training today? Pick your name to see your progress and carry on.");
        ui.add_space(8.0);
        if let Some(p) = &progress.problem {
            super::problem(ui, &format!("Results cannot be saved right now.\n{p}"));
            return;
        }
        if let Some(p) = &list.problem {
            super::problem(ui, p);
        }
        ui.columns(2, |cols| {
            names(&mut cols[0], &list, &mut form, &mut account);
            new_here(&mut cols[1], &list, &mut form, &mut account);
        });
    });
    Ok(())
}

fn names(
    ui: &mut egui::Ui,
    list: &SignInList,
    form: &mut Form,
    account: &mut MessageWriter<Account>,
) {
    ui.strong("Your name");
    ui.add(egui::TextEdit::singleline(&mut form.search).hint_text("Type to find your name"));
    let needle = form.search.trim().to_lowercase();
    egui::ScrollArea::vertical()
        .id_salt("names")
        .show(ui, |ui| {
            let mut team: Option<&str> = None;
            let mut shown = 0;
            for e in &list.employees {
                if !needle.is_empty() && !e.display_name.to_lowercase().contains(&needle) {
                    continue;
                }
                if team != Some(e.team.as_str()) {
                    ui.add_space(6.0);
                    ui.label(egui::RichText::new(&e.team).weak());
                    team = Some(e.team.as_str());
                }
                if ui.button(&e.display_name).clicked() {
                    account.write(Account::SignIn(e.id));
                }
                shown += 1;
            }
            if shown == 0 {
                ui.label(if list.employees.is_empty() {
                    "Nobody has signed up yet: add yourself on the right."
                } else {
                    "No name matches; check the spelling or add yourself."
                });
            }
        });
}

fn new_here(
    ui: &mut egui::Ui,
    list: &SignInList,
    form: &mut Form,
    account: &mut MessageWriter<Account>,
) {
    ui.strong("New here?");
    ui.label("Add your name and your team or branch.");
    ui.add(egui::TextEdit::singleline(&mut form.name).hint_text("Your name"));
    ui.horizontal(|ui| {
        ui.add(egui::TextEdit::singleline(&mut form.team).hint_text("Team or branch"));
        egui::ComboBox::from_id_salt("teams")
            .selected_text("pick")
            .show_ui(ui, |ui| {
                for t in &list.teams {
                    if ui.selectable_label(form.team == *t, t).clicked() {
                        form.team = t.clone();
                    }
                }
            });
    });
    let ready = !form.name.trim().is_empty() && !form.team.trim().is_empty();
    if ui
        .add_enabled(ready, egui::Button::new("Add me and start"))
        .clicked()
    {
        account.write(Account::Register {
            name: std::mem::take(&mut form.name),
            team: form.team.clone(),
        });
    }
}
