//! The debrief screen: the three scores with the moments that earned or cost points, the worst
//! moment with the better response, and the whole conversation with its timestamps.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use care_engine::model::Dimension;
use care_engine::run::Event as RunEvent;
use care_engine::scoring::ScoreCard;
use care_engine::texts;

use super::Screen;
use crate::game::session::{LastResult, SaveStatus, StartScenario};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw.run_if(in_state(Screen::Debrief).and_then(resource_exists::<LastResult>)),
    );
}

fn draw(
    mut contexts: EguiContexts,
    result: Res<LastResult>,
    mut next: ResMut<NextState<Screen>>,
    mut start: MessageWriter<StartScenario>,
    people: Res<super::people::People>,
    art: Res<super::art::Art>,
    settings: Res<crate::game::settings::Settings>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = super::root_ui(ctx);
    let card = &result.card;
    egui::Panel::top("debrief-head").show(&mut root, |ui| {
        ui.heading(format!("Debrief: {}", result.scenario.title));
        ui.horizontal(|ui| {
            let mood = result.transcript.final_mood(result.scenario.customer.mood);
            let persona = &result.transcript.persona;
            ui.vertical(|ui| {
                if !super::portrait::portrait(
                    ui,
                    &people,
                    persona,
                    mood,
                    112.0,
                    settings.reduced_motion,
                ) {
                    art.mood(ui, mood, 48.0);
                }
                ui.horizontal(|ui| {
                    ui.label(format!("{} at the end:", persona.first_name()));
                });
                art.mood(ui, mood, 20.0);
            });
            ui.add_space(12.0);
            super::score_tiles::show(ui, card);
        });
        if let Some(text) = result
            .transcript
            .moments
            .iter()
            .rev()
            .find_map(|m| match &m.event {
                RunEvent::Ended { text, .. } => Some(text),
                _ => None,
            })
        {
            ui.label(text);
        }
        save_status(ui, &result.saved);
        ui.horizontal(|ui| {
            ui.strong(format!(
                "Overall {} / 100 — {}",
                card.overall,
                if card.passed {
                    "passed"
                } else {
                    "not passed yet"
                }
            ));
            // A play-test from Author mode goes back there; trying again would play the
            // edited version from its start as a real attempt.
            if result.saved == SaveStatus::Practice {
                if ui.button("Back to Author mode").clicked() {
                    next.set(Screen::Author);
                }
            } else {
                if ui.button("Try again").clicked() {
                    start.write(StartScenario {
                        scenario: result.scenario.clone(),
                        seed: result.transcript.seed + 1,
                    });
                }
                if ui.button("Back to the library").clicked() {
                    next.set(Screen::Library);
                }
            }
        });
    });
    egui::Panel::left("debrief-scores")
        .default_size(560.0)
        .resizable(true)
        .show(&mut root, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("scores")
                .show(ui, |ui| {
                    worst_moment(ui, &result);
                    scores(ui, card);
                });
        });
    egui::CentralPanel::default().show(&mut root, |ui| {
        ui.strong("The conversation");
        ui.weak("Time since the start · the customer's clock. The framed moment cost the most.");
        super::transcript::show(
            ui,
            "debrief-transcript",
            &result.transcript,
            card,
            card.worst_moment(),
            "You",
        );
    });
    Ok(())
}

fn save_status(ui: &mut egui::Ui, saved: &SaveStatus) {
    match saved {
        SaveStatus::Saved => {
            ui.weak("Saved to your progress.");
        }
        SaveStatus::Pending | SaveStatus::Saving => {
            ui.weak("Saving…");
        }
        SaveStatus::Waiting(why) => super::problem(
            ui,
            &format!(
                "Not saved yet: {why}\nThis result is kept safe on this computer and CARE keeps \
                 trying until it is stored, even after a restart. You can carry on."
            ),
        ),
        SaveStatus::NotSignedIn => {
            ui.weak("Practice run: not saved.");
        }
        SaveStatus::Practice => {
            ui.weak("Played from a chosen beat in author mode: not saved.");
        }
        SaveStatus::Failed(why) => {
            super::problem(ui, &format!("This result could not be saved: {why}"))
        }
    }
}

/// The three score bars with every reason that moved them.
fn scores(ui: &mut egui::Ui, card: &ScoreCard) {
    for d in Dimension::ALL {
        let ds = card.get(d);
        let verdict = if ds.passed {
            "passed"
        } else {
            "below the pass mark"
        };
        ui.add(
            egui::ProgressBar::new(ds.score as f32 / 100.0).text(format!(
                "{} {} (pass {}) — {verdict}",
                texts::dimension(d),
                ds.score,
                ds.pass_mark
            )),
        );
        // Answers on time are not worth a line; what a typed reply missed, and how it was
        // judged, are.
        for r in ds
            .reasons
            .iter()
            .filter(|r| r.points != 0 || d != Dimension::Speed)
        {
            ui.label(format!("   {:+}  {}", r.points, r.text));
        }
        ui.add_space(6.0);
    }
}

/// The moment that cost the most, what was said there, and what would have been better.
fn worst_moment(ui: &mut egui::Ui, result: &LastResult) {
    let card = &result.card;
    let Some(i) = card.worst_moment() else {
        ui.label("No moment cost you points. Well done.");
        ui.separator();
        return;
    };
    let reasons = super::transcript::reasons_at(card, i);
    let lost: i32 = reasons.iter().map(|(_, r)| r.points).sum();
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.strong(format!("The moment that cost the most ({lost} points)"));
        if let Some(RunEvent::Answered { answer, .. }) =
            result.transcript.moments.get(i).map(|m| &m.event)
        {
            ui.label(match answer.said() {
                Some(text) => format!("You said: {text}"),
                None => "You said nothing in time.".into(),
            });
        }
        for (_, r) in &reasons {
            ui.label(format!("{:+}  {}", r.points, r.text));
        }
        let advice: Vec<&str> = reasons
            .iter()
            .filter_map(|(_, r)| r.advice.as_deref())
            .collect();
        if let Some(better) = advice.first() {
            ui.label(egui::RichText::new(format!("Better: {better}")).strong());
        } else if let Some(better) = better_answer(result, i) {
            ui.label(egui::RichText::new(format!("A better answer here: {better}")).strong());
        }
    });
    ui.add_space(8.0);
}

/// The offered answer with the best effects at the beat of moment `i`, when it is not what was
/// said.
pub(crate) fn better_answer(result: &LastResult, i: usize) -> Option<String> {
    let t = &result.transcript;
    let beat = t
        .moments
        .iter()
        .take(i + 1)
        .rev()
        .find_map(|m| match &m.event {
            RunEvent::BeatStarted { beat, .. } => Some(*beat),
            _ => None,
        })?;
    let best = result.scenario.beat(beat).best_response()?;
    let text = best.text.render(&t.persona);
    let said = match &t.moments.get(i)?.event {
        RunEvent::Answered { answer, .. } => answer.said(),
        _ => None,
    };
    (said != Some(text.as_str())).then_some(text)
}
