//! Author mode's panel for the scenario as a whole: title, summary and lesson, the customer's
//! persona pool and patience, the problems that concern the whole scenario (the answer
//! patterns that pass without the skill among them), and the score range of every path, as
//! they stand after the last edit.

use bevy_egui::egui::{self, RichText};
use care_engine::Dimension;
use care_engine::analyze::Analysis;
use care_engine::edit::{Edit, PersonaPool, TextAt};
use care_engine::raw::RawScenario;
use care_store::dimension_name;

use super::author_beat::{Cx, Out};
use super::author_fields::{diagnostics, heading, lines_of, slider, text};

pub(super) fn scenario(ui: &mut egui::Ui, cx: &Cx<'_>, out: &mut Out) {
    let Some(raw) = cx.doc.raw() else { return };
    ui.label(RichText::new("The scenario").strong());
    ui.weak("Click a beat or an ending on the graph to edit it.");
    if let Some(c) = cx.checked {
        let general: Vec<_> = c.general().collect();
        if !general.is_empty() {
            let errors = general
                .iter()
                .filter(|d| d.severity == care_engine::Severity::Error)
                .count();
            let title = match errors {
                0 => format!("{} warnings about the scenario as a whole", general.len()),
                e => format!(
                    "{} problems with the scenario as a whole ({e} errors)",
                    general.len()
                ),
            };
            egui::CollapsingHeader::new(title)
                .id_salt("general-problems")
                .default_open(errors > 0)
                .show(ui, |ui| diagnostics(ui, general.into_iter()));
        }
    }
    for (at, title, hint, rows) in [
        (TextAt::Title, "Title", "Shown in the library", 1),
        (
            TextAt::Summary,
            "Summary",
            "One sentence a trainee reads before starting",
            2,
        ),
        (
            TextAt::Lesson,
            "Lesson",
            "The one thing this scenario teaches",
            2,
        ),
    ] {
        heading(ui, title);
        let current = match at {
            TextAt::Title => &raw.title,
            TextAt::Summary => &raw.summary,
            _ => &raw.lesson,
        };
        if let Some(t) = text(ui, ("scenario", title), current, rows, hint) {
            out.edits.push(Edit::SetText { at, text: t });
        }
    }
    persona(ui, raw, out);
}

fn persona(ui: &mut egui::Ui, raw: &RawScenario, out: &mut Out) {
    let c = &raw.customer;
    let pool = PersonaPool {
        names: c.name.clone(),
        details: c.details.clone(),
        traits: c.traits.clone(),
    };
    let mut changed = pool.clone();
    heading(ui, "The customer");
    ui.label(
        RichText::new("Names, one drawn per play (one a line; \"Maria (she)\" sets pronouns)")
            .small(),
    );
    if let Some(t) = text(ui, "names", &pool.names.join("\n"), 3, "Maria (she)") {
        changed.names = lines_of(&t);
    }
    ui.label(RichText::new("Who they are").small());
    if let Some(t) = text(
        ui,
        "details",
        &pool.details,
        2,
        "A regular; bought a coat here last week",
    ) {
        changed.details = t;
    }
    ui.label(RichText::new("What they are like (comma between)").small());
    if let Some(t) = text(
        ui,
        "traits",
        &pool.traits.join(", "),
        1,
        "impatient, polite",
    ) {
        changed.traits = t
            .split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
    }
    if changed != pool {
        out.edits.push(Edit::SetPersona(changed));
    }
    let mut patience = c.patience_secs;
    if slider(
        ui,
        egui::Slider::new(&mut patience, 5..=600)
            .suffix(" s")
            .text("patience: how long they wait"),
    ) {
        out.edits.push(Edit::SetPatience { secs: patience });
    }
}

/// One line of score ranges, for the strip under the graph.
pub(super) fn ranges_line(a: &Analysis) -> String {
    let dims: Vec<String> = Dimension::ALL
        .iter()
        .map(|&d| {
            format!(
                "{} {}–{}",
                dimension_name(d),
                a.worst.get_ref(d).score,
                a.best.get_ref(d).score
            )
        })
        .collect();
    format!(
        "{} paths{}: {} · overall {}–{}",
        a.paths.len(),
        if a.truncated { " (the first)" } else { "" },
        dims.join(" · "),
        a.worst_overall.score,
        a.best_overall.score
    )
}

/// Every path with its score range and whether it passes.
pub(super) fn paths(ui: &mut egui::Ui, a: &Analysis) {
    for (i, p) in a.paths.iter().enumerate() {
        let (low, high) = (
            p.slow_overall.min(p.fast_overall),
            p.slow_overall.max(p.fast_overall),
        );
        let verdict = match (p.fast_passed, p.slow_passed) {
            (true, true) => "passes",
            (false, false) => "fails",
            _ => "passes if quick",
        };
        let steps: Vec<&str> = p.steps.iter().map(|s| s.beat.as_str()).collect();
        ui.label(format!(
            "{}. {} → {}: overall {low}–{high}, {verdict}",
            i + 1,
            steps.join(" → "),
            p.ending
        ));
    }
}
