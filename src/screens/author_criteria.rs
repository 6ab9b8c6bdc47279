//! Author mode's criteria of a typed moment: whether the built-in criteria count too, and each
//! criterion of the scenario's own (label, points, score, examples said in different ways,
//! look-alikes that do not count, key phrases for the keyword judge, advice), added and
//! removed. A change is sent as the whole typed moment, as the engine's edit takes it.

use bevy_egui::egui::{self, RichText};
use care_engine::Dimension;
use care_engine::edit::TypedMoment;
use care_engine::raw::{RawMatcher, RawRubric, RawRubricEntry};

use super::author_beat::Out;
use super::author_fields::{heading, lines_of, slider, small, text};
use super::author_typed::send;

/// The criteria of `moment`.
pub(super) fn criteria(ui: &mut egui::Ui, moment: &TypedMoment, out: &mut Out) {
    heading(ui, "Criteria the reply is judged by");
    let rubric = moment.criteria.clone().unwrap_or_else(|| RawRubric {
        id: format!(
            "{}-reply",
            moment
                .typed
                .rubric
                .clone()
                .unwrap_or_else(|| "typed".into())
        ),
        include_defaults: true,
        entries: Vec::new(),
    });
    let mut changed = rubric.clone();
    ui.checkbox(
        &mut changed.include_defaults,
        "also the built-in criteria (name, feelings, apology, policy, blame …)",
    );
    let b = moment.beat.0;
    let mut remove = None;
    for (i, e) in rubric.entries.iter().enumerate() {
        let c = &mut changed.entries[i];
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.weak(&e.id);
                slider(
                    ui,
                    egui::Slider::new(&mut c.points, -20..=20).text("points"),
                );
                if ui
                    .small_button("Remove")
                    .on_hover_text("Remove this criterion")
                    .clicked()
                {
                    remove = Some(i);
                }
            });
            ui.horizontal_wrapped(|ui| {
                for d in Dimension::ALL {
                    ui.selectable_value(&mut c.dimension, d, care_engine::texts::dimension(d));
                }
            });
            small(ui, "What the trainee sees");
            if let Some(t) = text(
                ui,
                ("crit-label", b, i),
                &e.label,
                1,
                "What the trainee sees, e.g. Offers a replacement",
            ) {
                c.label = t;
            }
            ui.label(RichText::new("Examples (one a line, said in different ways)").small());
            if let Some(t) = text(
                ui,
                ("crit-examples", b, i),
                &e.examples.join("\n"),
                3,
                "a new pair is in the post",
            ) {
                c.examples = lines_of(&t);
            }
            ui.label(RichText::new("Look-alikes that do not count (one a line)").small());
            if let Some(t) = text(
                ui,
                ("crit-unlike", b, i),
                &e.unlike.join("\n"),
                1,
                "we will look into it",
            ) {
                c.unlike = lines_of(&t);
            }
            if let RawMatcher::Phrases(p) = &e.matches {
                ui.label(
                    RichText::new("Key phrases, for the keyword judge (comma between)").small(),
                );
                if let Some(t) = text(
                    ui,
                    ("crit-phrases", b, i),
                    &p.join(", "),
                    1,
                    "replacement, new pair",
                ) {
                    c.matches = RawMatcher::Phrases(
                        t.split(',')
                            .map(|s| s.trim().to_owned())
                            .filter(|s| !s.is_empty())
                            .collect(),
                    );
                }
            }
            small(ui, "Advice in the debrief when it is missed");
            if let Some(t) = text(
                ui,
                ("crit-advice", b, i),
                &e.advice,
                1,
                "Advice in the debrief when it is missed",
            ) {
                c.advice = t;
            }
        });
    }
    if let Some(i) = remove {
        changed.entries.remove(i);
    }
    if ui.small_button("+ Add a criterion").clicked() {
        let n = (1..)
            .find(|n| {
                !changed
                    .entries
                    .iter()
                    .any(|e| e.id == format!("criterion-{n}"))
            })
            .unwrap_or(1);
        changed.entries.push(RawRubricEntry {
            id: format!("criterion-{n}"),
            label: "What a good reply does".into(),
            points: 10,
            dimension: Dimension::Empathy,
            matches: RawMatcher::Phrases(Vec::new()),
            advice: String::new(),
            public_only: false,
            examples: Vec::new(),
            unlike: Vec::new(),
        });
    }
    if Some(&changed) != moment.criteria.as_ref() && changed != rubric {
        let mut m = moment.clone();
        m.criteria = Some(changed);
        send(out, m);
    }
}
