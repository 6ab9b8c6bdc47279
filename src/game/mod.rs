//! The game's core plugins: frame ordering, the scenario library, the active run, the progress
//! store and the manager's session.

pub mod author;
mod author_check;
#[cfg(feature = "dev")]
pub mod author_dev;
mod author_edits;
mod author_examples;
mod author_files;
#[cfg(feature = "dev")]
pub mod autoplay;
pub mod checkpoint_status;
pub mod cues;
pub mod hot_reload;
pub mod id_index;
pub mod judging;
pub mod learning_records;
pub mod library;
pub mod manager;
pub mod manager_calls;
pub mod manager_onboarding;
pub mod onboarding;
pub mod persistence;
pub mod progress;
pub mod save_worker;
pub mod saving;
mod screen;
pub mod session;
pub mod settings;
pub mod shift_saving;
pub mod shifts;

use bevy::prelude::*;
use bevy::winit::WinitSettings;

pub use screen::{Pause, Screen};

/// The order of work within a frame.
#[derive(SystemSet, Debug, Clone, Copy, Eq, PartialEq, Hash, PartialOrd, Ord)]
pub enum AppSystems {
    /// Advance timers.
    TickTimers,
    /// Turn input and UI messages into engine calls.
    RecordInput,
    /// Everything else (engine events into resources, screen changes).
    Update,
}

/// Plugins for a real window: only the features the game uses.
pub fn window_plugins(assets: &std::path::Path, (width, height): (u32, u32)) -> impl PluginGroup {
    DefaultPlugins
        .set(WindowPlugin {
            primary_window: Some(Window {
                title: "CARE — Customers Are Really Everything".into(),
                resolution: (width, height).into(),
                ..default()
            }),
            // The close button asks first when Author mode has unsaved edits (`screens::quit`).
            close_when_requested: false,
            ..default()
        })
        .set(AssetPlugin {
            // An absolute folder: the art is found wherever the binary was copied to.
            file_path: assets.to_string_lossy().into_owned(),
            ..default()
        })
}

/// The game's rules-adapting plugins; they run headless with `MinimalPlugins` + `StatesPlugin`.
pub fn plugin(app: &mut App) {
    app.configure_sets(
        Update,
        (
            AppSystems::TickTimers,
            AppSystems::RecordInput,
            AppSystems::Update,
        )
            .chain(),
    );
    // Menus redraw only on input; play switches to continuous updates for its timers.
    app.insert_resource(WinitSettings::desktop_app());
    app.add_plugins((
        screen::plugin,
        persistence::plugin,
        cues::plugin,
        checkpoint_status::plugin,
        library::plugin,
        hot_reload::plugin,
        judging::plugin,
        session::plugin,
        progress::plugin,
        save_worker::plugin,
        saving::plugin,
        manager::plugin,
        manager_calls::plugin,
    ));
    app.add_plugins((
        settings::plugin,
        author::plugin,
        learning_records::plugin,
        shifts::plugin,
        shift_saving::plugin,
        onboarding::plugin,
    ));
}
