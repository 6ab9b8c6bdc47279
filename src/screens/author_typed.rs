//! Author mode's typed moment: the prompt, where replies lead (by the criteria they meet), the
//! criteria with their examples and look-alikes, and labelled example replies, each shown with
//! how the judge reads it right now (points, criteria met, where it leads). Every change is
//! the engine's `AddTypedMoment` with the moment as it should be, so one field's run of
//! changes is one undo step.

use bevy_egui::egui::{self, RichText};
use care_engine::BeatId;
use care_engine::edit::{Document, Edit, Exit, Graph, ReplyExamples, TextAt, TypedMoment};
use care_engine::labelled::{Branch, agreement};
use care_engine::raw::{RawBranch, RawCond, RawRubricEntry};

use super::author_beat::{Cx, Out};
use super::author_fields::{
    ERROR, diagnostics, drag_handle, effects, heading, leads_to, small, text,
};
use super::marks::mark;
use crate::game::author::{ExampleResult, Examples};

/// The typed moment of beat `b` as the document has it, with its own criteria and examples.
pub(super) fn current(doc: &Document, b: BeatId) -> Option<TypedMoment> {
    let raw = doc.raw()?;
    let beat = raw.beats.get(b.index())?;
    let typed = beat.typed.clone()?;
    let criteria = typed
        .rubric
        .as_ref()
        .and_then(|id| raw.rubrics.iter().find(|r| &r.id == id).cloned());
    let examples = doc
        .replies()
        .and_then(|r| r.moments.iter().find(|m| m.beat == beat.id))
        .map(|m| ReplyExamples {
            good: m.good.clone(),
            poor: m.poor.clone(),
        });
    Some(TypedMoment {
        beat: b,
        typed,
        criteria,
        examples,
    })
}

/// The panel part of the typed moment of beat `b`.
pub(super) fn typed(ui: &mut egui::Ui, cx: &Cx<'_>, b: BeatId, out: &mut Out) {
    let (doc, graph, checked) = (cx.doc, cx.graph, cx.checked);
    let Some(moment) = current(doc, b) else {
        return;
    };
    let Some(key) = doc
        .raw()
        .and_then(|r| r.beats.get(b.index()))
        .map(|b| b.id.clone())
    else {
        return;
    };
    let exit = Exit::Typed(b);
    let public = doc.raw().is_some_and(|r| r.channel.is_public());
    heading(ui, "Typed reply");
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            drag_handle(ui, exit);
            ui.label("otherwise leads to");
            if let Some(to) = leads_to(ui, ("typed-next", b.0), graph, &moment.typed.next) {
                out.edits.push(Edit::Connect { exit, to });
            }
            if ui
                .small_button("Remove")
                .on_hover_text("Remove the typed reply")
                .clicked()
            {
                out.edits.push(Edit::RemoveTypedMoment { beat: b });
            }
        });
        small(ui, "The prompt above the reply box");
        if let Some(t) = text(
            ui,
            ("prompt", b.0),
            &moment.typed.prompt,
            1,
            "The prompt above the reply box",
        ) {
            out.edits.push(Edit::SetText {
                at: TextAt::Prompt(b),
                text: t,
            });
        }
        small(ui, "Feedback in the debrief");
        if let Some(t) = text(
            ui,
            ("typed-feedback", b.0),
            &moment.typed.feedback,
            1,
            "Feedback in the debrief",
        ) {
            out.edits.push(Edit::SetText {
                at: TextAt::Feedback(exit),
                text: t,
            });
        }
        if let Some(e) = effects(ui, ("typed-effects", b.0), moment.typed.effects, public) {
            out.edits.push(Edit::SetEffects { exit, effects: e });
        }
        if let Some(c) = checked {
            diagnostics(ui, c.about_exit(exit));
        }
        branches(ui, graph, &moment, out);
        super::author_criteria::criteria(ui, &moment, out);
        replies(ui, &moment, &key, cx.examples, cx.judge, out);
    });
}

pub(super) fn send(out: &mut Out, moment: TypedMoment) {
    out.edits.push(Edit::AddTypedMoment(Box::new(moment)));
}

fn entries(moment: &TypedMoment) -> Vec<RawRubricEntry> {
    moment
        .criteria
        .as_ref()
        .map(|r| r.entries.clone())
        .unwrap_or_default()
}

fn branches(ui: &mut egui::Ui, graph: &Graph, moment: &TypedMoment, out: &mut Out) {
    heading(ui, "Where a reply leads");
    let ids: Vec<String> = entries(moment).into_iter().map(|e| e.id).collect();
    for (k, branch) in moment.typed.branches.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("{}. if it", k + 1));
            let mut when = branch.when.clone();
            condition(ui, (moment.beat.0, k), &mut when, &ids);
            ui.label("goes to");
            let mut next = None;
            if let Some(to) = leads_to(ui, ("branch", moment.beat.0, k), graph, &branch.next) {
                next = graph.node(to).map(|n| n.key.clone());
            }
            let remove = ui
                .small_button("Remove")
                .on_hover_text("Remove this branch")
                .clicked();
            if when != branch.when || next.is_some() || remove {
                let mut m = moment.clone();
                if remove {
                    m.typed.branches.remove(k);
                } else {
                    m.typed.branches[k] = RawBranch {
                        when,
                        next: next.unwrap_or_else(|| branch.next.clone()),
                    };
                }
                send(out, m);
            }
        });
    }
    if ui.small_button("+ Add a branch").clicked() {
        let mut m = moment.clone();
        let when = ids
            .first()
            .map_or(RawCond::ReplyAtLeast(10), |id| RawCond::Met(id.clone()));
        m.typed.branches.push(RawBranch {
            when,
            next: moment.typed.next.clone(),
        });
        send(out, m);
    }
}

/// A branch's condition: meets a criterion, or scores at least some points.
fn condition(ui: &mut egui::Ui, id: (u32, usize), when: &mut RawCond, ids: &[String]) {
    let shown = match &*when {
        RawCond::Met(c) => format!("meets {c}"),
        RawCond::ReplyAtLeast(n) => format!("scores at least {n}"),
        other => format!("{other:?}"),
    };
    egui::ComboBox::from_id_salt(("cond", id))
        .selected_text(shown)
        .show_ui(ui, |ui| {
            for c in ids {
                if ui
                    .selectable_label(
                        matches!(when, RawCond::Met(x) if x == c),
                        format!("meets {c}"),
                    )
                    .clicked()
                {
                    *when = RawCond::Met(c.clone());
                }
            }
            if ui
                .selectable_label(
                    matches!(when, RawCond::ReplyAtLeast(_)),
                    "scores at least …",
                )
                .clicked()
                && !matches!(when, RawCond::ReplyAtLeast(_))
            {
                *when = RawCond::ReplyAtLeast(10);
            }
        });
    if let RawCond::ReplyAtLeast(n) = when {
        ui.add(egui::DragValue::new(n).range(-50..=100).suffix(" points"));
    }
}

fn replies(
    ui: &mut egui::Ui,
    moment: &TypedMoment,
    beat_key: &str,
    examples: &Examples,
    judge: &str,
    out: &mut Out,
) {
    heading(ui, "Example replies, and how they are judged now");
    ui.label(RichText::new(judge).small().weak());
    let current = moment.examples.clone().unwrap_or_default();
    let mut changed = current.clone();
    let beat_id = moment.beat.0;
    // Whether replies can lead to different places (only then is a branch a verdict).
    let branches_differ = moment
        .typed
        .branches
        .iter()
        .any(|b| b.next != moment.typed.next);
    let mut points = (Vec::new(), Vec::new());
    for good in [true, false] {
        ui.label(
            RichText::new(if good {
                "Good replies (do what the moment teaches)"
            } else {
                "Poor replies (miss it, however polite)"
            })
            .strong(),
        );
        let list = if good {
            &mut changed.good
        } else {
            &mut changed.poor
        };
        let mut remove = None;
        for (i, reply) in list.clone().iter().enumerate() {
            ui.horizontal(|ui| {
                if ui
                    .small_button("Remove")
                    .on_hover_text("Remove this reply")
                    .clicked()
                {
                    remove = Some(i);
                }
                if let Some(t) = text(
                    ui,
                    ("reply", beat_id, good, i),
                    reply,
                    1,
                    "{first}, … ({first} is the customer's first name)",
                ) {
                    list[i] = t;
                }
            });
            let result = examples.result(beat_key, reply);
            if let Some(Ok(r)) = result {
                if good {
                    points.0.push(r.points)
                } else {
                    points.1.push(r.points)
                }
            }
            verdict(ui, result, good, branches_differ, examples.judging());
        }
        if let Some(i) = remove {
            list.remove(i);
        }
        let add = ui.small_button(if good {
            "+ Add a good reply"
        } else {
            "+ Add a poor reply"
        });
        mark(
            ui.ctx(),
            if good { "add-good" } else { "add-poor" },
            add.rect,
        );
        if add.clicked() {
            list.push(if good {
                "{first}, …".into()
            } else {
                "Dear customer, …".into()
            });
        }
    }
    if !points.0.is_empty() && !points.1.is_empty() {
        let share = agreement(&points.0, &points.1);
        let line = format!(
            "The judge ranks {:.0} % of (good, poor) pairs the right way (the shipped scenarios need 95 %).",
            share * 100.0
        );
        ui.label(if share < 0.95 {
            RichText::new(line).color(ERROR)
        } else {
            RichText::new(line)
        });
    }
    if changed != current {
        let mut m = moment.clone();
        m.examples = Some(changed);
        send(out, m);
    }
}

fn verdict(
    ui: &mut egui::Ui,
    result: Option<&Result<ExampleResult, String>>,
    good: bool,
    branches_differ: bool,
    judging: bool,
) {
    let line = match result {
        None if judging => RichText::new("judging…").small().weak(),
        None => RichText::new("not judged yet (fix the errors first)")
            .small()
            .weak(),
        Some(Err(e)) => RichText::new(e.clone()).small().color(ERROR),
        Some(Ok(r)) => {
            let met = if r.met.is_empty() {
                "meets nothing".to_owned()
            } else {
                format!("meets: {}", r.met.join(", "))
            };
            let to = r.leads_to.clone().unwrap_or_default();
            let branch = match r.branch {
                Branch::Best => "the best branch",
                Branch::Worst => "the fallback",
                Branch::Middle => "a middle branch",
                Branch::Only => "the only way on",
            };
            let wrong = branches_differ
                && ((good && r.branch == Branch::Worst) || (!good && r.branch == Branch::Best));
            let text = if branches_differ {
                format!("{:+} points · {met} · leads to {to} ({branch})", r.points)
            } else {
                format!("{:+} points · {met} · leads to {to}", r.points)
            };
            if wrong {
                RichText::new(format!("{text} — check this"))
                    .small()
                    .color(ERROR)
            } else {
                RichText::new(text).small()
            }
        }
    };
    ui.label(line);
}
