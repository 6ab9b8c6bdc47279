//! Closing the window never loses a scenario being edited silently: with unsaved edits in
//! Author mode, the close button asks first (save, then quit; quit without saving; stay),
//! on whatever screen is showing (`game::author` decides when to ask).

use bevy::prelude::*;
use bevy_egui::egui::{self, RichText};
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

use crate::game::author::{CloseAsked, SaveScenario, ScenarioEditor, Status};

/// The trainer chose to save first, and why that save did not happen.
#[derive(Resource, Default)]
struct Quitting {
    after_save: bool,
    failed: Option<String>,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Quitting>();
    app.add_systems(
        EguiPrimaryContextPass,
        ask.run_if(|asked: Res<CloseAsked>| asked.0),
    );
}

fn ask(
    mut contexts: EguiContexts,
    editor: Res<ScenarioEditor>,
    mut quitting: ResMut<Quitting>,
    mut asked: ResMut<CloseAsked>,
    mut save: MessageWriter<SaveScenario>,
    mut exit: MessageWriter<AppExit>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    if quitting.after_save && !editor.working_on_files() {
        if !editor.is_modified() {
            exit.write(AppExit::Success);
            return Ok(());
        }
        quitting.after_save = false;
        quitting.failed = Some(match (editor.conflict(), editor.status()) {
            (Some(_), _) => "The file changed on disk since it was opened.".into(),
            (None, Some(Status::Problem(p))) => p.clone(),
            _ => "It was not saved.".into(),
        });
    }
    egui::Modal::new(egui::Id::new("quit-unsaved")).show(ctx, |ui| {
        ui.set_width(480.0);
        ui.heading("Unsaved changes");
        let title = editor
            .document()
            .and_then(|d| d.raw())
            .map_or("A scenario".to_owned(), |r| format!("“{}”", r.title));
        ui.label(format!(
            "{title} has changes in Author mode that are not saved yet."
        ));
        if let Some(why) = &quitting.failed {
            let text = format!("{why} Open Author mode to sort it out.");
            ui.label(RichText::new(text).color(super::author_fields::ERROR));
        }
        ui.horizontal(|ui| {
            if quitting.after_save {
                ui.spinner();
                ui.label("Saving…");
                return;
            }
            if ui.button("Save, then quit").clicked() {
                quitting.after_save = true;
                quitting.failed = None;
                save.write(SaveScenario);
            }
            if ui.button("Quit without saving").clicked() {
                exit.write(AppExit::Success);
            }
            if ui.button("Stay").clicked() {
                asked.0 = false;
                quitting.failed = None;
            }
        });
    });
    Ok(())
}
