//! Author mode's side panel for a beat or an ending: its id (renaming changes every reference),
//! the customer's line and the narration, the timers, each answer (text, feedback, effects,
//! where it leads), what happens if nobody answers, and the problems `care check` finds there.

use bevy_egui::egui::{self, RichText};
use care_engine::edit::{Document, Edit, Exit, Graph, TextAt};
use care_engine::raw::{RawBeat, RawEnding, RawStep};
use care_engine::{BeatId, EndingId, NodeId};

use super::author_fields::{
    OUTCOMES, diagnostics, drag_handle, effects, heading, id_field, leads_to, slider, small, text,
};
use super::marks::mark;
use crate::game::author::{Checked, Examples};

/// What the panels ask for; the screen turns it into messages.
#[derive(Default)]
pub(super) struct Out {
    pub edits: Vec<Edit>,
    /// A new node to select (by id), after a rename.
    pub select: Option<Option<String>>,
}

/// What the panels show from.
pub(super) struct Cx<'a> {
    pub doc: &'a Document,
    pub graph: &'a Graph,
    pub checked: Option<&'a Checked>,
    pub examples: &'a Examples,
    /// How replies are judged, in a sentence.
    pub judge: &'a str,
}

/// The panel of beat `b`.
pub(super) fn beat(ui: &mut egui::Ui, cx: &Cx<'_>, b: BeatId, out: &mut Out) {
    let (doc, graph, checked) = (cx.doc, cx.graph, cx.checked);
    let Some(raw) = doc.raw() else { return };
    let Some(beat) = raw.beats.get(b.index()) else {
        return;
    };
    ui.horizontal(|ui| {
        ui.label(RichText::new("Beat").strong());
        if let Some(to) = id_field(ui, ("beat-id", b.0), &beat.id) {
            out.select = Some(Some(to.clone()));
            out.edits.push(Edit::RenameBeat { beat: b, to });
        }
        if raw.start == beat.id {
            ui.weak("the start");
        } else if ui.small_button("Start here").clicked() {
            out.edits.push(Edit::SetStart { beat: b });
        }
    });
    if let Some(c) = checked {
        diagnostics(ui, c.about_only(NodeId::Beat(b)));
    }
    heading(ui, "The customer says");
    if let Some(t) = text(
        ui,
        ("says", b.0),
        &beat.says,
        2,
        "What the customer says or writes",
    ) {
        out.edits.push(Edit::SetText {
            at: TextAt::Says(b),
            text: t,
        });
    }
    heading(ui, "Narration");
    if let Some(t) = text(
        ui,
        ("narration", b.0),
        &beat.narration,
        1,
        "What happens, in the third person (optional)",
    ) {
        out.edits.push(Edit::SetText {
            at: TextAt::Narration(b),
            text: t,
        });
    }
    timers(
        ui,
        b,
        beat,
        raw.scoring.target_secs,
        raw.customer.patience_secs,
        out,
    );
    let public = raw.channel.is_public();
    heading(ui, "Responses");
    for (i, r) in beat.responses.iter().enumerate() {
        let exit = Exit::Response(b, i);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(RichText::new(format!("Response {}", i + 1)).strong());
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.small_button("Remove").clicked() {
                        out.edits.push(Edit::RemoveResponse {
                            beat: b,
                            response: i,
                        });
                    }
                });
            });
            ui.horizontal_wrapped(|ui| {
                ui.label("leads to");
                if let Some(to) = leads_to(ui, ("response-next", b.0, i), graph, &r.next) {
                    out.edits.push(Edit::Connect { exit, to });
                }
                let handle = drag_handle(ui, exit);
                mark(ui.ctx(), &format!("response-drag:{i}"), handle.rect);
            });
            small(ui, "What the trainee says or does");
            if let Some(t) = text(
                ui,
                ("response", b.0, i),
                &r.text,
                2,
                "What the trainee says",
            ) {
                out.edits.push(Edit::SetText {
                    at: TextAt::Response(b, i),
                    text: t,
                });
            }
            small(ui, "Feedback in the debrief");
            if let Some(t) = text(
                ui,
                ("feedback", b.0, i),
                &r.feedback,
                1,
                "Feedback in the debrief: why it helps, or what would have been better",
            ) {
                out.edits.push(Edit::SetText {
                    at: TextAt::Feedback(exit),
                    text: t,
                });
            }
            if let Some(e) = effects(ui, ("effects", b.0, i), r.effects, public) {
                out.edits.push(Edit::SetEffects { exit, effects: e });
            }
            if let Some(c) = checked {
                diagnostics(ui, c.about_exit(exit));
            }
        });
    }
    let add = ui.button("+ Add a response");
    mark(ui.ctx(), "add-response", add.rect);
    if add.clicked()
        && let Some(response) = doc.new_response(b)
    {
        out.edits.push(Edit::AddResponse {
            beat: b,
            response: Box::new(response),
            at: None,
        });
    }
    if beat.typed.is_some() {
        super::author_typed::typed(ui, cx, b, out);
    } else {
        let add = ui.button("+ Add a typed moment").on_hover_text(
            "The trainee types a reply in their own words, judged by criteria you set",
        );
        mark(ui.ctx(), "add-typed", add.rect);
        if add.clicked()
            && let Some(m) = doc.new_typed_moment(b)
        {
            out.edits.push(Edit::AddTypedMoment(Box::new(m)));
        }
    }
    let steps = [
        (
            Exit::Timeout(b),
            beat.on_timeout.as_ref(),
            "If nobody answers in time",
        ),
        (
            Exit::Then(b),
            beat.then.as_ref(),
            "Then, at once (a beat with nothing to answer)",
        ),
    ];
    for (exit, step, title) in steps {
        if let Some(s) = step {
            self::step(ui, graph, checked, exit, s, title, public, out);
        }
    }
    if beat.on_timeout.is_none() && (!beat.responses.is_empty() || beat.typed.is_some()) {
        ui.horizontal(|ui| {
            ui.label("If nobody answers, the customer goes to");
            if let Some(to) = leads_to(ui, ("timeout-new", b.0), graph, "") {
                out.edits.push(Edit::Connect {
                    exit: Exit::Timeout(b),
                    to,
                });
            }
        });
    }
    ui.add_space(8.0);
    if ui.button("Remove this beat").clicked() {
        out.select = Some(None);
        out.edits.push(Edit::RemoveBeat { beat: b });
    }
}

fn timers(ui: &mut egui::Ui, b: BeatId, beat: &RawBeat, target: u32, patience: u32, out: &mut Out) {
    heading(ui, "Timers");
    ui.horizontal(|ui| {
        let mut own = beat.target_secs.is_some();
        if ui.checkbox(&mut own, "answer within").changed() {
            out.edits.push(Edit::SetTargetSecs {
                beat: b,
                secs: own.then_some(target),
            });
        }
        let mut secs = beat.target_secs.unwrap_or(target);
        let moved = ui
            .add_enabled_ui(own, |ui| {
                slider(ui, egui::Slider::new(&mut secs, 1..=300).suffix(" s"))
            })
            .inner;
        if moved {
            out.edits.push(Edit::SetTargetSecs {
                beat: b,
                secs: Some(secs),
            });
        }
        if !own {
            ui.weak("(the scenario's)");
        }
    });
    ui.horizontal(|ui| {
        let mut own = beat.wait_secs.is_some();
        if ui.checkbox(&mut own, "customer waits").changed() {
            out.edits.push(Edit::SetWaitSecs {
                beat: b,
                secs: own.then_some(patience),
            });
        }
        let mut secs = beat.wait_secs.unwrap_or(patience);
        let moved = ui
            .add_enabled_ui(own, |ui| {
                slider(ui, egui::Slider::new(&mut secs, 5..=600).suffix(" s"))
            })
            .inner;
        if moved {
            out.edits.push(Edit::SetWaitSecs {
                beat: b,
                secs: Some(secs),
            });
        }
        if !own {
            ui.weak("(their patience)");
        }
    });
}

#[expect(
    clippy::too_many_arguments,
    reason = "one part of the panel with its context"
)]
fn step(
    ui: &mut egui::Ui,
    graph: &Graph,
    checked: Option<&Checked>,
    exit: Exit,
    s: &RawStep,
    title: &str,
    public: bool,
    out: &mut Out,
) {
    let b = exit.beat().0;
    heading(ui, title);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            drag_handle(ui, exit);
            ui.label("leads to");
            if let Some(to) = leads_to(ui, ("step-next", b, title), graph, &s.next) {
                out.edits.push(Edit::Connect { exit, to });
            }
        });
        small(ui, "What the customer does");
        if let Some(t) = text(
            ui,
            ("step-narration", b, title),
            &s.narration,
            1,
            "What the customer does",
        ) {
            out.edits.push(Edit::SetText {
                at: TextAt::StepNarration(exit),
                text: t,
            });
        }
        small(ui, "Feedback in the debrief");
        if let Some(t) = text(
            ui,
            ("step-feedback", b, title),
            &s.feedback,
            1,
            "Feedback in the debrief",
        ) {
            out.edits.push(Edit::SetText {
                at: TextAt::Feedback(exit),
                text: t,
            });
        }
        if let Some(e) = effects(ui, ("step-effects", b, title), s.effects, public) {
            out.edits.push(Edit::SetEffects { exit, effects: e });
        }
        if let Some(c) = checked {
            diagnostics(ui, c.about_exit(exit));
        }
    });
}

/// The panel of ending `e`.
pub(super) fn ending(
    ui: &mut egui::Ui,
    ending: &RawEnding,
    e: EndingId,
    checked: Option<&Checked>,
    out: &mut Out,
) {
    ui.horizontal(|ui| {
        ui.label(RichText::new("Ending").strong());
        if let Some(to) = id_field(ui, ("ending-id", e.0), &ending.id) {
            out.select = Some(Some(to.clone()));
            out.edits.push(Edit::RenameEnding { ending: e, to });
        }
    });
    if let Some(c) = checked {
        diagnostics(ui, c.about(NodeId::Ending(e)));
    }
    heading(ui, "Outcome");
    ui.horizontal_wrapped(|ui| {
        for o in OUTCOMES {
            if ui
                .selectable_label(ending.outcome == o, care_engine::texts::outcome(o))
                .clicked()
                && ending.outcome != o
            {
                out.edits.push(Edit::SetOutcome {
                    ending: e,
                    outcome: o,
                });
            }
        }
    });
    heading(ui, "What happened (the debrief shows it)");
    if let Some(t) = text(
        ui,
        ("ending-text", e.0),
        &ending.text,
        3,
        "What happened, and the lesson",
    ) {
        out.edits.push(Edit::SetText {
            at: TextAt::Ending(e),
            text: t,
        });
    }
    heading(ui, "Effects");
    let mut own = ending.effects.is_some();
    if ui
        .checkbox(
            &mut own,
            "its own effects (otherwise the outcome's follow-through points)",
        )
        .changed()
    {
        let effects = own.then(care_engine::raw::RawEffects::default);
        out.edits
            .push(Edit::SetEndingEffects { ending: e, effects });
    }
    if let Some(current) = ending.effects
        && let Some(effects) = effects(ui, ("ending-effects", e.0), current, false)
    {
        out.edits.push(Edit::SetEndingEffects {
            ending: e,
            effects: Some(effects),
        });
    }
    ui.add_space(8.0);
    if ui.button("Remove this ending").clicked() {
        out.select = Some(None);
        out.edits.push(Edit::RemoveEnding { ending: e });
    }
}
