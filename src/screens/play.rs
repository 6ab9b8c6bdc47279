//! The play screen: the conversation so far, the customer's mood and patience, and the answers.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use care_engine::texts;

use super::Screen;
use super::answers::{Draft, answer_bar, offered_choices, pressed_choice};
use crate::game::Pause;
use crate::game::checkpoint_status::CheckpointStatus;
use crate::game::session::{ActiveRun, SubmitAnswer};
use crate::game::settings::Settings;

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
    active: Res<ActiveRun>,
    pause: Res<State<Pause>>,
    mut set_pause: ResMut<NextState<Pause>>,
    mut answers: MessageWriter<SubmitAnswer>,
) {
    if keys.just_pressed(KeyCode::Escape) {
        set_pause.set(pause.get().toggled());
        return;
    }
    if *pause.get() == Pause::Paused || active.judging.is_some() {
        return;
    }
    if let Some(input) = pressed_choice(&keys, active.run.choices_offered()) {
        answers.write(SubmitAnswer(input));
    }
}

/// How this run's progress stands in the database, in words.
fn checkpoint_line(ui: &mut egui::Ui, status: &CheckpointStatus) {
    match status {
        CheckpointStatus::Nothing => {}
        CheckpointStatus::Saving => {
            ui.weak("Saving your progress…");
        }
        CheckpointStatus::Saved => {
            ui.weak("✔ Progress saved");
        }
        CheckpointStatus::Waiting(reason) => {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                "Waiting for the database: your answers are kept on this computer and CARE keeps trying. Carry on.",
            )
            .on_hover_text(reason);
        }
    }
}

/// The patience bar's colour: the theme's accent, turning warm as it runs out (the percentage
/// is always written on it too).
fn patience_colour(ui: &egui::Ui, left: f32) -> egui::Color32 {
    if left < 0.3 {
        ui.visuals().warn_fg_color
    } else {
        ui.visuals().hyperlink_color.gamma_multiply(0.8)
    }
}

/// The customer's column: a fifth of the window, between 220 and 340 points.
fn customer_panel_width(ctx: &egui::Context) -> f32 {
    (ctx.content_rect().width() * 0.2).clamp(220.0, 340.0)
}

#[expect(
    clippy::too_many_arguments,
    reason = "a Bevy system: one parameter per resource the play screen shows or changes"
)]
fn draw(
    mut contexts: EguiContexts,
    active: Res<ActiveRun>,
    pause: Res<State<Pause>>,
    mut draft: ResMut<Draft>,
    mut answers: MessageWriter<SubmitAnswer>,
    settings: Res<Settings>,
    art: Res<super::art::Art>,
    people: Res<super::people::People>,
    mut floor: ResMut<super::shop_floor::ShopFloorView>,
    checkpoint: Res<CheckpointStatus>,
) -> Result {
    let paused = *pause.get() == Pause::Paused;
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
        ui.add(
            egui::ProgressBar::new(left)
                .desired_height(14.0)
                .fill(patience_colour(ui, left))
                .text(format!("Patience {:.0}%", left * 100.0)),
        );
        if paused {
            ui.strong("Paused — press Esc to continue");
        }
        checkpoint_line(ui, &checkpoint);
        if active.judging.is_some() {
            ui.label(format!(
                "{} is reading your reply…",
                active.run.persona().first_name()
            ));
        }
    });
    egui::Panel::left("customer")
        .resizable(false)
        .exact_size(customer_panel_width(ctx))
        .show(&mut root, |ui| {
            super::customer_card::show(ui, &active.run, &people, &art, settings.reduced_motion);
        });
    let choices = offered_choices(active.run.transcript().moments.iter().map(|m| &m.event));
    egui::Panel::bottom("answers").show(&mut root, |ui| {
        let typed = active.run.takes_typed();
        let compose = scenario.channel == care_engine::model::Channel::Email;
        let open = !paused && active.judging.is_none();
        if let Some(input) = answer_bar(ui, &choices, typed, compose, &mut draft, open) {
            answers.write(SubmitAnswer(input));
        }
    });
    // In store, the shop floor (sprites drawn by Bevy) shows through the top of the area.
    let in_store = scenario.channel == care_engine::model::Channel::InStore;
    let panel = egui::Frame::central_panel(&ctx.global_style());
    let view = super::scene::Conversation {
        run: &active.run,
        since_reply_ms: u64::try_from(active.beat_time.as_millis()).unwrap_or(u64::MAX),
    };
    if in_store {
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(&mut root, |ui| {
                floor.0 = Some(super::shop_floor::reserve(ui));
                panel.show(ui, |ui| {
                    ui.set_min_size(ui.available_size());
                    super::scene::conversation(ui, &view, &people);
                });
            });
    } else {
        if floor.0.is_some() {
            floor.0 = None;
        }
        egui::CentralPanel::default().show(&mut root, |ui| {
            super::scene::conversation(ui, &view, &people);
        });
    }
    Ok(())
}
