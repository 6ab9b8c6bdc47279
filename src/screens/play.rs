//! The play screen: the conversation so far, the customer's mood and patience, and the answers.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use care_engine::run::{Event as RunEvent, Input};
use care_engine::texts;

use super::Screen;
use crate::game::session::{ActiveRun, SubmitAnswer};
use crate::game::settings::Settings;

/// The reply being typed.
#[derive(Resource, Default)]
struct Draft(String);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Draft>();
    app.add_systems(
        EguiPrimaryContextPass,
        draw.run_if(in_state(Screen::Play).and_then(resource_exists::<ActiveRun>)),
    );
    app.add_systems(
        Update,
        keys.run_if(in_state(Screen::Play).and_then(resource_exists::<ActiveRun>)),
    );
}

/// 1–9 choose, Esc pauses.
fn keys(
    keys: Res<ButtonInput<KeyCode>>,
    mut active: ResMut<ActiveRun>,
    mut answers: MessageWriter<SubmitAnswer>,
) {
    if keys.just_pressed(KeyCode::Escape) {
        active.paused = !active.paused;
    }
    if active.paused {
        return;
    }
    const DIGITS: [KeyCode; 9] = [
        KeyCode::Digit1,
        KeyCode::Digit2,
        KeyCode::Digit3,
        KeyCode::Digit4,
        KeyCode::Digit5,
        KeyCode::Digit6,
        KeyCode::Digit7,
        KeyCode::Digit8,
        KeyCode::Digit9,
    ];
    for (i, k) in DIGITS.iter().enumerate() {
        if keys.just_pressed(*k) && i < active.run.choices_offered() {
            answers.write(SubmitAnswer(Input::Choice(i)));
        }
    }
}

fn draw(
    mut contexts: EguiContexts,
    active: Res<ActiveRun>,
    mut draft: ResMut<Draft>,
    mut answers: MessageWriter<SubmitAnswer>,
    settings: Res<Settings>,
    art: Res<super::art::Art>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = super::root_ui(ctx);
    let scenario = active.run.scenario();
    egui::Panel::top("status").show(&mut root, |ui| {
        ui.horizontal(|ui| {
            ui.strong(&scenario.title);
            ui.label(format!(
                "· {} · {}",
                texts::channel(scenario.channel),
                active.run.clock()
            ));
            ui.label("· Mood:");
            art.mood(ui, active.run.mood(), 22.0);
            if scenario.audience.is_some() {
                ui.label(format!(
                    "· Onlookers: {}",
                    texts::sentiment(active.run.sentiment())
                ));
            }
        });
        let left = active.patience_left();
        ui.add(egui::ProgressBar::new(left).text(format!("Patience {:.0}%", left * 100.0)));
        if active.paused {
            ui.strong("Paused — press Esc to continue");
        }
    });
    let choices: Vec<String> = active
        .log
        .iter()
        .rev()
        .find_map(|e| match e {
            RunEvent::AwaitingAnswer { choices, .. } => Some(choices.clone()),
            _ => None,
        })
        .unwrap_or_default();
    egui::Panel::bottom("answers").show(&mut root, |ui| {
        for (i, c) in choices.iter().enumerate() {
            if ui.button(format!("{}  {c}", i + 1)).clicked() && !active.paused {
                answers.write(SubmitAnswer(Input::Choice(i)));
            }
        }
        if active.run.takes_typed() {
            ui.horizontal(|ui| {
                let edit = ui.add(
                    egui::TextEdit::singleline(&mut draft.0)
                        .desired_width(ui.available_width() - 80.0)
                        .hint_text("Type your reply, then press Enter"),
                );
                let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if (ui.button("Send").clicked() || enter) && !draft.0.trim().is_empty() {
                    answers.write(SubmitAnswer(Input::Typed(std::mem::take(&mut draft.0))));
                }
            });
        }
    });
    egui::CentralPanel::default().show(&mut root, |ui| {
        let view = super::scene::Conversation {
            run: &active.run,
            log: &active.log,
            patience: active.patience_left(),
            since_reply_ms: u64::try_from(active.beat_time.as_millis()).unwrap_or(u64::MAX),
        };
        super::scene::conversation(ui, &view, settings.reduced_motion, &art);
    });
    Ok(())
}
