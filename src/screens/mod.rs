//! The screens as Bevy `States`: library, play and debrief.

mod debrief;
mod library;
mod play;

use bevy::prelude::*;
use bevy::winit::WinitSettings;

/// Which screen is showing.
#[derive(States, Debug, Clone, Copy, Default, Eq, PartialEq, Hash)]
pub enum Screen {
    #[default]
    Library,
    Play,
    Debrief,
}

/// Screen state and its update-rate policy; works headless.
pub fn plugin(app: &mut App) {
    app.init_state::<Screen>();
    app.add_systems(
        OnEnter(Screen::Play),
        |mut s: Option<ResMut<WinitSettings>>| {
            if let Some(s) = s.as_deref_mut() {
                *s = WinitSettings::game();
            }
        },
    );
    app.add_systems(
        OnExit(Screen::Play),
        |mut s: Option<ResMut<WinitSettings>>| {
            if let Some(s) = s.as_deref_mut() {
                *s = WinitSettings::desktop_app();
            }
        },
    );
}

/// A UI covering the whole window, for a screen's panels to divide.
pub(crate) fn root_ui(ctx: &bevy_egui::egui::Context) -> bevy_egui::egui::Ui {
    use bevy_egui::egui;
    egui::Ui::new(
        ctx.clone(),
        "screen".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    )
}

/// The egui drawing of every screen (needs a window).
pub fn ui_plugin(app: &mut App) {
    app.add_systems(Startup, |mut commands: Commands| {
        commands.spawn(Camera2d);
    });
    app.add_plugins((library::plugin, play::plugin, debrief::plugin));
}
