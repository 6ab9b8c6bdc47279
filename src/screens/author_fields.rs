//! Author mode's form parts: text boxes that edit as the trainer types, effect sliders, "leads
//! to" drop-downs, a drag handle for connecting an answer on the graph, and the diagnostics
//! shown beside what they are about. They only draw and say what changed; the panels turn that
//! into the editor's messages.

use bevy_egui::egui::{self, Color32, RichText};
use care_engine::edit::{Exit, Graph};
use care_engine::model::Outcome;
use care_engine::raw::RawEffects;
use care_engine::{Diagnostic, NodeId, Severity};

/// The outcomes an ending can have, in the order offered.
pub(super) const OUTCOMES: [Outcome; 5] = [
    Outcome::Resolved,
    Outcome::WonBack,
    Outcome::Escalated,
    Outcome::Lost,
    Outcome::GoneViral,
];

pub(super) const ERROR: Color32 = Color32::from_rgb(180, 50, 40);
pub(super) const WARNING: Color32 = Color32::from_rgb(176, 110, 0);

/// What is dragged from an answer to a node of the graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct ExitPayload(pub Exit);

/// Whether this frame's change continues a run the trainer is making (more typing in the same
/// field, the same slider still dragged): then it joins the last undo step.
const CONTINUES: &str = "author-change-continues";

fn note_change(ctx: &egui::Context, continues: bool) {
    ctx.data_mut(|d| d.insert_temp(egui::Id::new(CONTINUES), continues));
}

/// Whether the changes of this frame continue a run (see [`CONTINUES`]); forgets it.
pub(super) fn take_continues(ctx: &egui::Context) -> bool {
    ctx.data_mut(|d| d.remove_temp::<bool>(egui::Id::new(CONTINUES)))
        .unwrap_or(false)
}

/// What a focused text box holds: the text typed, and whether it changed since it took the
/// focus.
#[derive(Clone, Default)]
struct Draft {
    text: String,
    changed: bool,
}

/// A text box of `rows` lines (one: a single line) showing `current`; returns the new text
/// as the trainer types. While it has the focus it keeps what was typed, so a frame that has
/// not taken the edit yet never takes a letter back; the first change after taking the focus
/// starts an undo step and the next ones join it.
pub(super) fn text(
    ui: &mut egui::Ui,
    id: impl egui::AsIdSalt,
    current: &str,
    rows: usize,
    hint: &str,
) -> Option<String> {
    let name = mark_name(&id);
    let id = ui.make_persistent_id(id);
    let draft = ui.data(|d| d.get_temp::<Draft>(id));
    let mut buf = draft
        .as_ref()
        .map_or_else(|| current.to_owned(), |d| d.text.clone());
    let edit = if rows <= 1 {
        egui::TextEdit::singleline(&mut buf)
    } else {
        egui::TextEdit::multiline(&mut buf).desired_rows(rows)
    };
    let response = ui.add(
        edit.id(id)
            .hint_text(hint)
            .desired_width(ui.available_width()),
    );
    super::marks::mark(ui.ctx(), &name, response.rect);
    let changed = response.changed() && buf != current;
    let before = draft.is_some_and(|d| d.changed);
    if response.has_focus() {
        let draft = Draft {
            text: buf.clone(),
            changed: before || changed,
        };
        ui.data_mut(|d| d.insert_temp(id, draft));
    } else {
        ui.data_mut(|d| d.remove::<Draft>(id));
    }
    if changed {
        note_change(ui.ctx(), before);
    }
    changed.then_some(buf)
}

/// A one-line box for an id, taken when the trainer presses Enter or leaves it.
pub(super) fn id_field(
    ui: &mut egui::Ui,
    id: impl egui::AsIdSalt,
    current: &str,
) -> Option<String> {
    let name = mark_name(&id);
    let id = ui.make_persistent_id(id);
    let mut buf = ui
        .data(|d| d.get_temp::<String>(id))
        .unwrap_or_else(|| current.to_owned());
    let response = ui.add(
        egui::TextEdit::singleline(&mut buf)
            .id(id)
            .desired_width(180.0),
    );
    super::marks::mark(ui.ctx(), &name, response.rect);
    if response.has_focus() {
        ui.data_mut(|d| d.insert_temp(id, buf.clone()));
        return None;
    }
    ui.data_mut(|d| d.remove::<String>(id));
    let trimmed = buf.trim();
    (response.lost_focus() && trimmed != current && !trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// A field's id salt as a mark's name: `("says", 0)` is `says,0`.
fn mark_name(id: &impl egui::AsIdSalt) -> String {
    format!("{id:?}").replace(['(', ')', '"', ' '], "")
}

/// Lines of a text box as a list (empty lines dropped), and back.
pub(super) fn lines_of(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Sliders for the effects of an answer; returns them when one moved. `audience` adds the
/// onlookers' slider (public channels).
pub(super) fn effects(
    ui: &mut egui::Ui,
    id: impl egui::AsIdSalt,
    current: RawEffects,
    audience: bool,
) -> Option<RawEffects> {
    let mut e = current;
    let mut changed = false;
    ui.spacing_mut().slider_width = 56.0;
    egui::Grid::new(ui.make_persistent_id(id))
        .num_columns(4)
        .spacing([6.0, 4.0])
        .show(ui, |ui| {
            let mut slider = |ui: &mut egui::Ui, v: &mut i32, label: &str| {
                ui.label(RichText::new(label).small());
                changed |= self::slider(ui, egui::Slider::new(v, -40..=40));
            };
            slider(ui, &mut e.speed, "speed");
            slider(ui, &mut e.empathy, "empathy");
            ui.end_row();
            slider(ui, &mut e.follow_through, "follow-through");
            slider(ui, &mut e.mood, "mood");
            ui.end_row();
            if audience {
                slider(ui, &mut e.audience, "onlookers");
                ui.end_row();
            }
        });
    (changed && e != current).then_some(e)
}

/// A slider; returns whether it moved (a drag's later moves join the first one's undo step).
pub(super) fn slider(ui: &mut egui::Ui, slider: egui::Slider<'_>) -> bool {
    let r = ui.add(slider);
    if r.changed() {
        note_change(ui.ctx(), r.dragged() && !r.drag_started());
    }
    r.changed()
}

/// A drop-down of every beat and ending; returns the node chosen.
pub(super) fn leads_to(
    ui: &mut egui::Ui,
    id: impl egui::AsIdSalt,
    graph: &Graph,
    target: &str,
) -> Option<NodeId> {
    let mut chosen = None;
    let shown = if graph.nodes.iter().any(|n| n.key == target) {
        target.to_owned()
    } else {
        format!("{target} (missing)")
    };
    egui::ComboBox::from_id_salt(id)
        .selected_text(shown)
        .width(150.0)
        .show_ui(ui, |ui| {
            for n in &graph.nodes {
                let label = match n.node {
                    NodeId::Beat(_) => format!("beat {}", n.key),
                    NodeId::Ending(_) => format!("ending {}", n.key),
                };
                if ui.selectable_label(n.key == target, label).clicked() {
                    chosen = Some(n.node);
                }
            }
        });
    chosen
}

/// A handle to drag from an answer to a beat or ending on the graph.
pub(super) fn drag_handle(ui: &mut egui::Ui, exit: Exit) -> egui::Response {
    let response = egui::Frame::new()
        .stroke(egui::Stroke::new(1.0, ui.visuals().weak_text_color()))
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(6, 2))
        .show(ui, |ui| ui.label(RichText::new("drag to connect").small()))
        .response
        .interact(egui::Sense::drag())
        .on_hover_text("Drag onto a beat or an ending on the graph to connect it (onto empty space for a new beat)");
    response.dnd_set_drag_payload(ExitPayload(exit));
    response
}

/// The diagnostics in `list`, red for errors and amber for warnings, with their hints.
pub(super) fn diagnostics<'a>(ui: &mut egui::Ui, list: impl Iterator<Item = &'a Diagnostic>) {
    for d in list {
        let (colour, word) = match d.severity {
            Severity::Error => (ERROR, "Error"),
            _ => (WARNING, "Warning"),
        };
        egui::Frame::group(ui.style())
            .stroke(egui::Stroke::new(1.0, colour))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(RichText::new(format!("{word}: {}", d.message)).color(colour));
                if let Some(h) = &d.hint {
                    ui.label(RichText::new(format!("How to fix it: {h}")).small());
                }
            });
    }
}

/// The dot that says there are unsaved edits.
pub(super) fn edited(ui: &mut egui::Ui) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
    ui.painter().circle_filled(rect.center(), 5.0, WARNING);
    ui.label(RichText::new("edited").color(WARNING).strong());
}

/// A small label above a field.
pub(super) fn small(ui: &mut egui::Ui, text: &str) {
    ui.label(RichText::new(text).small());
}

/// A small bold heading inside a panel.
pub(super) fn heading(ui: &mut egui::Ui, text: &str) {
    ui.add_space(6.0);
    ui.label(RichText::new(text).strong());
}
