//! Author mode: trainers build and change scenarios on screen. The bar opens a scenario or
//! starts one from a channel template, undoes, redoes and saves ("● edited" until saved); the
//! graph shows every beat and ending with their problems; the side panel edits what is
//! selected (or the scenario as a whole); the strip under the graph gives the score ranges as
//! they stand. Everything is a message to `game::author`, which owns the document.

use bevy::prelude::*;
use bevy_egui::egui::{self, Key, KeyboardShortcut, Modifiers, RichText};
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};
use care_engine::edit::Edit;
use care_engine::run::StartState;
use care_engine::{BeatId, NodeId};

use super::Screen;
use super::author_beat::{Cx, Out};
use super::author_dialogs::{Dialog, Leave};
use super::author_graph::GraphAction;
use super::marks::mark;
use crate::game::author::{
    AddNode, CloseScenario, ContinueEdit, EditScenario, OpenScenario, PlaceNode, Redo,
    SaveScenario, ScenarioEditor, Status, Undo,
};
use crate::game::judging::JudgeWorker;
use crate::game::library::ScenarioLibrary;
use crate::game::session::StartFromBeat;

/// The screen's own state: what is selected, which dialog is open, the state to play from.
#[derive(Resource, Default)]
pub(super) struct AuthorUi {
    /// The selected beat or ending, by id; `None`: the scenario as a whole.
    pub selected: Option<String>,
    pub dialog: Option<Dialog>,
    pub new_id: String,
    pub new_channel: Option<care_engine::Channel>,
    /// The state to play the selected beat from, and the beat it was made for.
    pub play: Option<(String, StartState)>,
    /// The node whose panel was drawn last (to scroll a newly selected one to its top).
    pub shown: Option<String>,
    /// Where to go once the save asked for on leaving is done.
    pub after_save: Option<Leave>,
}

/// The screen's drawing, for ordering what must come after it.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct AuthorDraw;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<AuthorUi>();
    app.add_systems(
        EguiPrimaryContextPass,
        draw.in_set(AuthorDraw).run_if(in_state(Screen::Author)),
    );
}

/// The messages the screen sends.
#[derive(bevy::ecs::system::SystemParam)]
pub(super) struct Send<'w> {
    pub open: MessageWriter<'w, OpenScenario>,
    pub new: MessageWriter<'w, crate::game::author::NewScenario>,
    pub edit: MessageWriter<'w, EditScenario>,
    pub more: MessageWriter<'w, ContinueEdit>,
    pub add: MessageWriter<'w, AddNode>,
    pub place: MessageWriter<'w, PlaceNode>,
    pub undo: MessageWriter<'w, Undo>,
    pub redo: MessageWriter<'w, Redo>,
    pub save: MessageWriter<'w, SaveScenario>,
    pub resolve: MessageWriter<'w, crate::game::author::ResolveConflict>,
    pub close: MessageWriter<'w, CloseScenario>,
    pub play: MessageWriter<'w, StartFromBeat>,
    pub next: ResMut<'w, NextState<Screen>>,
}

fn draw(
    mut contexts: EguiContexts,
    editor: Res<ScenarioEditor>,
    library: Res<ScenarioLibrary>,
    judge: Res<JudgeWorker>,
    folder: Res<crate::game::library::ScenarioFolder>,
    mut state: ResMut<AuthorUi>,
    mut send: Send,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = super::root_ui(ctx);
    super::author_dialogs::after_save(&editor, &mut state, &mut send);
    shortcuts(ctx, &editor, &mut state, &mut send);
    egui::Panel::top("author-bar").show(&mut root, |ui| {
        bar(ui, &editor, &library, &mut state, &mut send);
    });
    let Some(doc) = editor.document() else {
        egui::CentralPanel::default().show(&mut root, |ui| {
            super::author_dialogs::start_page(ui, &library, &mut state, &mut send);
        });
        super::author_dialogs::show(ctx, &editor, &library, &folder.0, &mut state, &mut send);
        return Ok(());
    };
    if doc.raw().is_none() {
        egui::CentralPanel::default().show(&mut root, |ui| {
            super::author_dialogs::text_mode(ui, doc, &mut send);
        });
        super::author_dialogs::show(ctx, &editor, &library, &folder.0, &mut state, &mut send);
        return Ok(());
    }
    let judge_line = match &judge.status {
        Some(s) => s.to_string(),
        None => "The judge is loading; replies are judged as soon as it is ready.".into(),
    };
    let cx = Cx {
        doc,
        graph: editor.graph(),
        checked: editor.checked(),
        examples: editor.examples(),
        judge: &judge_line,
    };
    // A selection whose node is gone (removed, or renamed by undo) falls back to the scenario.
    if let Some(key) = &state.selected
        && doc.node_id(key).is_none()
    {
        state.selected = None;
    }
    let mut out = Out::default();
    egui::Panel::right("author-details")
        .resizable(false)
        .exact_size(480.0)
        .show(&mut root, |ui| {
            // Another node's panel starts at its top.
            let mut scroll = egui::ScrollArea::vertical()
                .id_salt("author-details-scroll")
                .auto_shrink([false, false]);
            if state.shown != state.selected {
                state.shown = state.selected.clone();
                scroll = scroll.vertical_scroll_offset(0.0);
            }
            scroll.show(ui, |ui| details(ui, &cx, &mut state, &mut out, &mut send));
        });
    egui::Panel::bottom("author-ranges").show(&mut root, |ui| strip(ui, &editor));
    let mut actions = Vec::new();
    egui::CentralPanel::default().show(&mut root, |ui| {
        if let Some(raw) = doc.raw() {
            actions = super::author_graph::show(
                ui,
                editor.graph(),
                raw,
                editor.last_checked(),
                state.selected.as_deref(),
            );
        }
    });
    for a in actions {
        graph_action(a, doc, &mut state, &mut out, &mut send);
    }
    if let Some(select) = out.select {
        state.selected = select;
    }
    if super::author_fields::take_continues(ctx) {
        send.more
            .write_batch(out.edits.into_iter().map(ContinueEdit));
    } else {
        send.edit
            .write_batch(out.edits.into_iter().map(EditScenario));
    }
    super::author_dialogs::show(ctx, &editor, &library, &folder.0, &mut state, &mut send);
    Ok(())
}

fn graph_action(
    a: GraphAction,
    doc: &care_engine::edit::Document,
    state: &mut AuthorUi,
    out: &mut Out,
    send: &mut Send,
) {
    match a {
        GraphAction::Select(key) => state.selected = key,
        GraphAction::Connect(exit, to) => out.edits.push(Edit::Connect { exit, to }),
        GraphAction::Add { node, from, place } => {
            // The new node is selected once it is there: its id is the next free one.
            state.selected = Some(match node {
                crate::game::author::NewNode::Beat => {
                    doc.new_beat().map(|b| b.id).unwrap_or_default()
                }
                crate::game::author::NewNode::Ending(o) => doc.new_ending(o).id,
            });
            send.add.write(AddNode {
                node,
                from,
                place: Some(place),
            });
        }
        GraphAction::Move(key, place) => {
            send.place.write(PlaceNode { key, place });
        }
        GraphAction::Remove(node) => {
            state.selected = None;
            out.edits.push(match node {
                NodeId::Beat(beat) => Edit::RemoveBeat { beat },
                NodeId::Ending(ending) => Edit::RemoveEnding { ending },
            });
        }
        GraphAction::Start(beat) => out.edits.push(Edit::SetStart { beat }),
    }
}

/// Ctrl+Z undoes, Ctrl+Shift+Z (or Ctrl+Y) redoes, Ctrl+S saves, Delete removes the selected
/// node; a text box with the focus keeps its own undo.
fn shortcuts(ctx: &egui::Context, editor: &ScenarioEditor, state: &mut AuthorUi, send: &mut Send) {
    if editor.document().is_none() || state.dialog.is_some() {
        return;
    }
    let shortcut =
        |m: Modifiers, k: Key| ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(m, k)));
    if shortcut(Modifiers::COMMAND, Key::S) {
        super::author_dialogs::ask_save(editor, state, send);
    }
    if ctx.text_edit_focused() {
        return;
    }
    if shortcut(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z)
        || shortcut(Modifiers::COMMAND, Key::Y)
    {
        send.redo.write(Redo);
    } else if shortcut(Modifiers::COMMAND, Key::Z) {
        send.undo.write(Undo);
    }
}

fn bar(
    ui: &mut egui::Ui,
    editor: &ScenarioEditor,
    library: &ScenarioLibrary,
    state: &mut AuthorUi,
    send: &mut Send,
) {
    ui.horizontal(|ui| {
        ui.heading("Author mode");
        super::author_dialogs::open_menu(ui, library, editor, state, send);
        let new = ui.button("New scenario");
        mark(ui.ctx(), "new-scenario", new.rect);
        if new.clicked() {
            super::author_dialogs::leave(editor, state, send, Leave::New);
        }
        if let Some(doc) = editor.document() {
            ui.separator();
            let undo = ui
                .add_enabled(doc.can_undo(), egui::Button::new("Undo"))
                .on_hover_text(
                    doc.undo_label()
                        .map_or("Nothing to undo".into(), |l| format!("Undo: {l} (Ctrl+Z)")),
                );
            mark(ui.ctx(), "undo", undo.rect);
            if undo.clicked() {
                send.undo.write(Undo);
            }
            let redo = ui
                .add_enabled(doc.can_redo(), egui::Button::new("Redo"))
                .on_hover_text(doc.redo_label().map_or("Nothing to redo".into(), |l| {
                    format!("Redo: {l} (Ctrl+Shift+Z)")
                }));
            mark(ui.ctx(), "redo", redo.rect);
            if redo.clicked() {
                send.redo.write(Redo);
            }
            let save = ui
                .add_enabled(editor.busy().is_none(), egui::Button::new("Save"))
                .on_hover_text("Save the scenario (Ctrl+S)");
            mark(ui.ctx(), "save", save.rect);
            if save.clicked() {
                super::author_dialogs::ask_save(editor, state, send);
            }
            if let Some(doing) = editor.busy() {
                ui.spinner();
                ui.label(doing);
            } else if editor.is_modified() {
                super::author_fields::edited(ui);
            } else {
                ui.weak("saved");
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Lock and leave").clicked() {
                super::author_dialogs::leave(editor, state, send, Leave::To(Screen::SignIn));
            }
            if ui.button("Manager area").clicked() {
                super::author_dialogs::leave(editor, state, send, Leave::To(Screen::Manager));
            }
        });
    });
    let file = editor
        .file()
        .map(|f| f.display().to_string())
        .unwrap_or_default();
    ui.horizontal_wrapped(|ui| {
        match editor.status() {
            Some(Status::Problem(p)) => {
                ui.label(RichText::new(p).color(super::author_fields::ERROR));
            }
            Some(Status::Info(i)) => {
                ui.label(RichText::new(i).small());
            }
            None if !file.is_empty() => {
                ui.label(RichText::new(file).small().weak());
            }
            None => {}
        }
        for n in editor.notes() {
            ui.label(
                RichText::new(format!("Note: {n}"))
                    .small()
                    .color(super::author_fields::WARNING),
            );
        }
    });
}

/// The strip under the graph: problems found and score ranges, as of the last check.
fn strip(ui: &mut egui::Ui, editor: &ScenarioEditor) {
    ui.horizontal_wrapped(|ui| {
        let Some(c) = editor.last_checked() else {
            ui.spinner();
            ui.label("Checking…");
            return;
        };
        if editor.checked().is_none() {
            ui.spinner();
        }
        let (e, w) = (c.errors(), c.warnings());
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let problems = format!(
            "{} · {}",
            plural(e, "error", "errors"),
            plural(w, "warning", "warnings")
        );
        let colour = match (e, w) {
            (0, 0) => ui.visuals().text_color(),
            (0, _) => super::author_fields::WARNING,
            _ => super::author_fields::ERROR,
        };
        ui.label(RichText::new(problems).color(colour).strong());
        match &c.analysis {
            Some(a) => {
                ui.label(super::author_scenario::ranges_line(a));
            }
            None => {
                ui.weak("Score ranges show once the errors are fixed.");
            }
        }
    });
}

fn details(ui: &mut egui::Ui, cx: &Cx<'_>, state: &mut AuthorUi, out: &mut Out, send: &mut Send) {
    let selected = state.selected.as_deref().and_then(|k| cx.doc.node_id(k));
    match selected {
        Some(NodeId::Beat(b)) => {
            super::author_beat::beat(ui, cx, b, out);
            play_from(ui, cx, b, state, send);
        }
        Some(NodeId::Ending(e)) => {
            if let Some(ending) = cx.doc.raw().and_then(|r| r.endings.get(e.index())) {
                super::author_beat::ending(ui, ending, e, cx.checked, out);
            }
        }
        None => {
            super::author_scenario::scenario(ui, cx, out);
            if let Some(a) = cx.checked.and_then(|c| c.analysis.as_ref()) {
                egui::CollapsingHeader::new("Every path and its score range")
                    .show(ui, |ui| super::author_scenario::paths(ui, a));
            }
        }
    }
}

/// Play-testing from the selected beat: the edited text as it is now, not the file; nothing is
/// saved.
fn play_from(ui: &mut egui::Ui, cx: &Cx<'_>, b: BeatId, state: &mut AuthorUi, send: &mut Send) {
    ui.separator();
    super::author_fields::heading(
        ui,
        "Play-test from this beat (the edited version; nothing is saved)",
    );
    let Some(scenario) = cx.checked.and_then(|c| c.scenario.clone()) else {
        ui.weak("Fix the errors first: only a scenario that loads can be played.");
        return;
    };
    let key = scenario
        .beats
        .get(b.index())
        .map(|x| x.key.clone())
        .unwrap_or_default();
    if state
        .play
        .as_ref()
        .is_none_or(|(k, s)| *k != key || s.flags.len() != scenario.flags.len())
    {
        state.play = Some((key.clone(), StartState::of(&scenario)));
    }
    let Some((_, start)) = state.play.as_mut() else {
        return;
    };
    ui.add(egui::Slider::new(&mut start.mood, -100..=100).text("customer mood"));
    for (i, name) in scenario.flags.iter().enumerate() {
        if let Some(f) = start.flags.get_mut(i) {
            ui.checkbox(f, format!("flag {name}"));
        }
    }
    let begins = scenario.clock.start;
    let mut later = u32::try_from(start.clock.0.saturating_sub(begins.0) / 60).unwrap_or(0);
    if ui
        .add(egui::Slider::new(&mut later, 0..=2880).text("minutes after the start"))
        .changed()
    {
        start.clock = begins.plus_minutes(later);
    }
    let play = ui.button("Play from here");
    mark(ui.ctx(), "play-from", play.rect);
    if play.clicked() {
        send.play.write(StartFromBeat {
            scenario,
            beat: b,
            state: start.clone(),
        });
    }
}
