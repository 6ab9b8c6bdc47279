//! The screens as Bevy `States`: sign-in, library, play, debrief and the manager area.

mod answers;
mod art;
mod author;
mod author_beat;
mod author_criteria;
mod author_dialogs;
mod author_fields;
mod author_graph;
mod author_graph_input;
mod author_graph_lines;
mod author_scenario;
mod author_typed;
mod customer_card;
mod debrief;
mod idle;
mod library;
mod library_filter;
pub use library::problems_banner;
mod manager;
mod manager_employee;
mod manager_onboarding;
mod manager_records;
mod manager_scenario;
mod manager_team;
mod marks;
mod messenger;
mod palette;
mod people;
mod play;
mod portrait;
mod quit;
mod scene;
mod score_tiles;
mod settings;
mod shift;
mod shift_debrief;
mod shop_floor;
mod shop_scene;
mod sign_in;
#[cfg(feature = "sound")]
mod sound;
mod theme;
mod training;
mod transcript;
mod waiting;

use bevy::prelude::*;
use bevy::winit::WinitSettings;

pub use crate::game::Screen;

/// Screen state and its update-rate policy; works headless.
pub fn plugin(app: &mut App) {
    app.init_state::<Screen>();
    // Play and rush hour update continuously for their timers; menus only on input.
    for screen in [Screen::Play, Screen::Shift] {
        app.add_systems(OnEnter(screen), |mut s: Option<ResMut<WinitSettings>>| {
            if let Some(s) = s.as_deref_mut() {
                *s = WinitSettings::game();
            }
        });
        app.add_systems(OnExit(screen), |mut s: Option<ResMut<WinitSettings>>| {
            if let Some(s) = s.as_deref_mut() {
                *s = WinitSettings::desktop_app();
            }
        });
    }
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
        // egui draws everything; multisampling only costs time (a lot under software rendering).
        commands.spawn((Camera2d, Msaa::Off));
    });
    app.add_plugins((
        art::plugin,
        people::plugin,
        shop_scene::plugin,
        sign_in::plugin,
        library::plugin,
        library_filter::plugin,
        play::plugin,
        shift::plugin,
        shift_debrief::plugin,
        debrief::plugin,
        manager::plugin,
        settings::plugin,
        idle::plugin,
        author::plugin,
        waiting::plugin,
    ));
    #[cfg(feature = "sound")]
    app.add_plugins(sound::plugin);
    app.add_plugins(quit::plugin);
    #[cfg(feature = "dev")]
    app.add_plugins(marks::plugin);
}

/// A problem the person should read: red, selectable so it can be copied.
pub(crate) fn problem(ui: &mut bevy_egui::egui::Ui, text: &str) {
    use bevy_egui::egui;
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.0, egui::Color32::from_rgb(180, 60, 40)))
        .show(ui, |ui| {
            ui.add(egui::Label::new(
                egui::RichText::new(text).color(egui::Color32::from_rgb(170, 50, 30)),
            ));
        });
}

/// One line of a trainee's progress: attempts, latest scores, trend and weakest dimension.
pub(crate) fn progress_line(p: &care_store::OverviewRow) -> String {
    let Some(latest) = p.latest else {
        return "No attempts yet: pick a scenario below.".into();
    };
    let weakest = p
        .weakest
        .map(|d| format!(" · work on {}", care_store::dimension_name(d)))
        .unwrap_or_default();
    format!(
        "{} attempts · latest speed {} / empathy {} / follow-through {} · {} {}{weakest}",
        p.attempts,
        latest.speed,
        latest.empathy,
        latest.follow_through,
        trend_glyph(p.trend),
        p.trend.word(),
    )
}

/// The trend as a glyph egui's built-in fonts have (they lack the plain arrows).
pub(crate) fn trend_glyph(t: care_store::Trend) -> &'static str {
    match t {
        care_store::Trend::Up => "⏶",
        care_store::Trend::Down => "⏷",
        care_store::Trend::Flat => "=",
        care_store::Trend::TooFew => "·",
    }
}

/// Table cells keep to one line (a wrapped cell would spill out of its row).
pub(crate) fn one_line(ui: &mut bevy_egui::egui::Ui) {
    ui.style_mut().wrap_mode = Some(bevy_egui::egui::TextWrapMode::Truncate);
}

/// A drop-down of teams with "all teams" first; returns whether the choice changed.
pub(crate) fn team_picker(
    ui: &mut bevy_egui::egui::Ui,
    id: &str,
    teams: &[String],
    chosen: &mut Option<String>,
) -> bool {
    let mut changed = false;
    bevy_egui::egui::ComboBox::from_id_salt(id)
        .selected_text(chosen.clone().unwrap_or_else(|| "all teams".into()))
        .show_ui(ui, |ui| {
            changed |= ui.selectable_value(chosen, None, "all teams").changed();
            for t in teams {
                changed |= ui.selectable_value(chosen, Some(t.clone()), t).changed();
            }
        });
    changed
}
