//! Author mode's dialogs and pages around the editing: opening a scenario, starting one from a
//! channel template, leaving with unsaved edits (save, discard or stay), the parts a save
//! rewrites, a file changed on disk (take theirs or keep mine), and the text itself for a file
//! that does not read as a scenario.

use std::path::{Path, PathBuf};

use bevy_egui::egui::{self, RichText};
use care_engine::edit::{Document, Edit};
use care_engine::{Channel, texts};

use super::Screen;
use super::author::{AuthorUi, Send};
use super::author_fields::{ERROR, WARNING};
use super::marks::mark;
use crate::game::author::{
    CloseScenario, NewScenario, OpenScenario, ResolveConflict, SaveScenario, ScenarioEditor, Status,
};
use crate::game::library::ScenarioLibrary;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Dialog {
    New,
    Leave(Leave),
    /// The save would rewrite parts of the file: say which first.
    Rewrites,
}

/// Where the trainer is going from the open scenario.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Leave {
    To(Screen),
    Open(PathBuf),
    New,
}

/// Goes where asked, first asking what to do with unsaved edits.
pub(super) fn leave(editor: &ScenarioEditor, state: &mut AuthorUi, send: &mut Send, to: Leave) {
    if editor.is_modified() {
        state.dialog = Some(Dialog::Leave(to));
    } else {
        go(state, send, to);
    }
}

fn go(state: &mut AuthorUi, send: &mut Send, to: Leave) {
    match to {
        Leave::To(screen) => send.next.set(screen),
        Leave::Open(path) => {
            state.selected = None;
            send.open.write(OpenScenario(path));
        }
        Leave::New => state.dialog = Some(Dialog::New),
    }
}

/// Saves, after showing the parts the save rewrites, if any.
pub(super) fn ask_save(editor: &ScenarioEditor, state: &mut AuthorUi, send: &mut Send) {
    match editor.document() {
        Some(doc) if !doc.pending_rewrites().is_empty() => state.dialog = Some(Dialog::Rewrites),
        Some(_) => {
            send.save.write(SaveScenario);
        }
        None => {}
    }
}

/// Leaves once the save asked for on leaving is done; stays when it did not succeed.
pub(super) fn after_save(editor: &ScenarioEditor, state: &mut AuthorUi, send: &mut Send) {
    if state.after_save.is_none() || editor.busy().is_some() || editor.working_on_files() {
        return;
    }
    if editor.conflict().is_some() || matches!(editor.status(), Some(Status::Problem(_))) {
        state.after_save = None;
    } else if !editor.is_modified()
        && let Some(to) = state.after_save.take()
    {
        go(state, send, to);
    }
}

/// The drop-down of scenarios to open.
pub(super) fn open_menu(
    ui: &mut egui::Ui,
    library: &ScenarioLibrary,
    editor: &ScenarioEditor,
    state: &mut AuthorUi,
    send: &mut Send,
) {
    let mut files: Vec<(String, PathBuf)> = library
        .files()
        .map(|(f, s)| (s.title.clone(), PathBuf::from(f)))
        .collect();
    files.sort();
    let mut broken: Vec<String> = library.problems.iter().map(|d| d.file.clone()).collect();
    broken.sort();
    broken.dedup();
    let shown = editor
        .document()
        .and_then(Document::raw)
        .map_or("Open a scenario…".to_owned(), |r| r.title.clone());
    let combo = egui::ComboBox::from_id_salt("author-open")
        .selected_text(shown)
        .width(230.0)
        .show_ui(ui, |ui| {
            for (title, path) in &files {
                if ui.selectable_label(false, title).clicked() {
                    leave(editor, state, send, Leave::Open(path.clone()));
                }
            }
            for file in &broken {
                let name = Path::new(file)
                    .file_name()
                    .map_or(file.clone(), |n| n.to_string_lossy().into_owned());
                if ui
                    .selectable_label(false, format!("{name} (does not load: fix it as text)"))
                    .clicked()
                {
                    leave(editor, state, send, Leave::Open(PathBuf::from(file)));
                }
            }
        });
    mark(ui.ctx(), "open-scenario", combo.response.rect);
}

/// What shows before a scenario is open.
pub(super) fn start_page(
    ui: &mut egui::Ui,
    library: &ScenarioLibrary,
    state: &mut AuthorUi,
    send: &mut Send,
) {
    ui.heading("Build a scenario on screen");
    ui.label("Start a new scenario from a channel template, or open one to change it. Edits are checked as you make them; nothing is written until you save.");
    ui.add_space(8.0);
    if ui.button("New scenario…").clicked() {
        state.dialog = Some(Dialog::New);
    }
    ui.add_space(8.0);
    ui.label(RichText::new("Or open one of the library's scenarios:").strong());
    let mut files: Vec<(String, PathBuf)> = library
        .files()
        .map(|(f, s)| (s.title.clone(), PathBuf::from(f)))
        .collect();
    files.sort();
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            for (title, path) in files {
                if ui.button(title).clicked() {
                    go(state, send, Leave::Open(path));
                }
            }
        });
    });
}

/// A file that does not read as a scenario, edited as text until it does.
pub(super) fn text_mode(ui: &mut egui::Ui, doc: &Document, send: &mut Send) {
    ui.label(RichText::new("This file does not read as a scenario, so it is shown as text. Fix what the message says; the graph comes back when it reads.").strong());
    if let Some(e) = doc.read_error() {
        ui.label(RichText::new(e).color(ERROR));
    }
    let mut text = doc.text().to_owned();
    egui::ScrollArea::vertical().show(ui, |ui| {
        let edit = egui::TextEdit::multiline(&mut text)
            .code_editor()
            .desired_width(f32::INFINITY)
            .desired_rows(30);
        if ui.add(edit).changed() {
            send.edit
                .write(crate::game::author::EditScenario(Edit::ReplaceText {
                    range: 0..doc.text().len(),
                    text,
                }));
        }
    });
}

/// The open dialog, and the conflict when there is one.
pub(super) fn show(
    ctx: &egui::Context,
    editor: &ScenarioEditor,
    library: &ScenarioLibrary,
    folder: &Path,
    state: &mut AuthorUi,
    send: &mut Send,
) {
    if let Some(c) = editor.conflict() {
        conflict(ctx, c, send);
        return;
    }
    let Some(dialog) = state.dialog.clone() else {
        return;
    };
    let modal = egui::Modal::new(egui::Id::new("author-dialog")).show(ctx, |ui| {
        ui.set_width(520.0);
        match dialog {
            Dialog::New => new_scenario(ui, library, folder, state, send),
            Dialog::Leave(to) => unsaved(ui, editor, state, send, to),
            Dialog::Rewrites => rewrites(ui, editor, state, send),
        }
    });
    if modal.should_close() {
        state.dialog = None;
    }
}

fn new_scenario(
    ui: &mut egui::Ui,
    library: &ScenarioLibrary,
    folder: &Path,
    state: &mut AuthorUi,
    send: &mut Send,
) {
    ui.heading("A new scenario");
    ui.label("Where does the conversation happen?");
    let channel = *state.new_channel.get_or_insert(Channel::InStore);
    ui.horizontal_wrapped(|ui| {
        for c in Channel::ALL {
            let b = ui.selectable_label(channel == c, texts::channel(c));
            mark(ui.ctx(), &format!("channel:{}", c.slug()), b.rect);
            if b.clicked() {
                state.new_channel = Some(c);
            }
        }
    });
    ui.label("Its id, which is also its file name (letters, digits and dashes):");
    let field = ui.add(
        egui::TextEdit::singleline(&mut state.new_id)
            .hint_text("late-delivery")
            .desired_width(300.0),
    );
    mark(ui.ctx(), "new-id", field.rect);
    if state.dialog == Some(Dialog::New) && !field.has_focus() && state.new_id.is_empty() {
        field.request_focus();
    }
    let id = state.new_id.trim().to_owned();
    let problem = if id.is_empty() {
        Some("Type an id.".to_owned())
    } else if library.scenarios.iter().any(|s| s.id == id) {
        Some(format!(
            "A scenario called `{id}` is already in the library."
        ))
    } else {
        care_engine::load::check_file_id(&id).err()
    };
    match &problem {
        Some(p) if !id.is_empty() => {
            ui.label(RichText::new(p).color(ERROR));
        }
        Some(_) => {
            ui.label(
                RichText::new(format!(
                    "It is written to the scenarios folder, {}, when you first save it.",
                    folder.display()
                ))
                .small()
                .weak(),
            );
        }
        None => {
            ui.label(
                RichText::new(format!(
                    "It is written to {} when you first save it.",
                    folder.join(format!("{id}.scenario.ron")).display()
                ))
                .small()
                .weak(),
            );
        }
    }
    ui.horizontal(|ui| {
        let create = ui.add_enabled(problem.is_none(), egui::Button::new("Create"));
        mark(ui.ctx(), "create", create.rect);
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if problem.is_none() && (create.clicked() || enter) {
            send.close.write(CloseScenario);
            send.new.write(NewScenario { id, channel });
            state.selected = None;
            state.new_id.clear();
            state.dialog = None;
        }
        if ui.button("Cancel").clicked() {
            state.dialog = None;
        }
    });
}

fn unsaved(
    ui: &mut egui::Ui,
    editor: &ScenarioEditor,
    state: &mut AuthorUi,
    send: &mut Send,
    to: Leave,
) {
    let title = editor
        .document()
        .and_then(Document::raw)
        .map_or("this scenario".to_owned(), |r| format!("“{}”", r.title));
    ui.heading("Unsaved changes");
    ui.label(format!("{title} has changes that are not saved yet."));
    ui.horizontal(|ui| {
        if ui.button("Save, then go on").clicked() {
            state.dialog = None;
            state.after_save = Some(to.clone());
            ask_save(editor, state, send);
        }
        if ui.button("Discard the changes").clicked() {
            state.dialog = None;
            send.close.write(CloseScenario);
            go(state, send, to.clone());
        }
        if ui.button("Stay here").clicked() {
            state.dialog = None;
        }
    });
}

fn rewrites(ui: &mut egui::Ui, editor: &ScenarioEditor, state: &mut AuthorUi, send: &mut Send) {
    ui.heading("Saving rewrites some parts");
    ui.label("These parts of the file cannot be changed in place, so they are written anew in the standard layout:");
    for n in editor
        .document()
        .map(Document::pending_rewrites)
        .unwrap_or_default()
    {
        ui.label(RichText::new(format!("• {n}")).color(WARNING));
    }
    ui.horizontal(|ui| {
        if ui.button("Save").clicked() {
            state.dialog = None;
            send.save.write(SaveScenario);
        }
        if ui.button("Cancel").clicked() {
            state.dialog = None;
            state.after_save = None;
        }
    });
}

fn conflict(ctx: &egui::Context, c: &care_engine::edit::Conflict, send: &mut Send) {
    egui::Modal::new(egui::Id::new("author-conflict")).show(ctx, |ui| {
        ui.set_width(600.0);
        ui.heading("The file changed on disk");
        ui.label(format!("{} was changed by someone or something else since you opened it. Nothing has been saved. Which version do you keep?", c.path.display()));
        match &c.theirs {
            Some(theirs) => {
                egui::CollapsingHeader::new("Show the version on disk").show(ui, |ui| {
                    egui::ScrollArea::vertical().max_height(240.0).show(ui, |ui| {
                        ui.label(RichText::new(theirs).monospace().small());
                    });
                });
            }
            None => {
                ui.label("The file has been deleted.");
            }
        }
        ui.horizontal(|ui| {
            let theirs = ui.add_enabled(c.theirs.is_some(), egui::Button::new("Take the version on disk")).on_hover_text("Your edits stay in Undo");
            mark(ui.ctx(), "take-theirs", theirs.rect);
            if theirs.clicked() {
                send.resolve.write(ResolveConflict::TakeTheirs);
            }
            let mine = ui.button("Keep mine (write over it)");
            mark(ui.ctx(), "keep-mine", mine.rect);
            if mine.clicked() {
                send.resolve.write(ResolveConflict::KeepMine);
            }
        });
    });
}
