//! `--author` (a developer tool, `dev` feature): the game opens Author mode at once, on a fresh
//! throwaway store whose manager passphrase it chooses, for driving the editor with real clicks
//! and keys (the window test uses xdotool). With `--screenshots DIR`, F12 saves the window as
//! `DIR/author-NN.png` and the screens write where their named controls are to
//! `DIR/marks.txt`.

use std::path::PathBuf;

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, save_to_disk};
use bevy::winit::{UpdateMode, WinitSettings};

use super::Screen;
use super::manager::{ManagerAction, ManagerSession, OpenManagerArea};
use super::progress::ProgressStore;

/// Open Author mode on this store.
#[derive(Resource, Debug, Clone)]
pub struct AuthorDev {
    pub screenshots: Option<PathBuf>,
    /// The manager passphrase set on the fresh store: random for each run.
    pub passphrase: String,
    /// The throwaway store's folder, kept while the game runs.
    pub temp: Option<std::sync::Arc<tempfile::TempDir>>,
}

#[derive(Resource, Default)]
struct Steps {
    asked: bool,
    unlock_sent: bool,
    shots: usize,
}

pub fn plugin(app: &mut App) {
    app.init_resource::<Steps>();
    app.add_systems(Startup, make_screenshot_dir);
    app.add_systems(
        Update,
        (open_author, screenshot_key).run_if(resource_exists::<AuthorDev>),
    );
    app.add_systems(PostUpdate, keep_frames_coming);
}

fn make_screenshot_dir(dev: Option<Res<AuthorDev>>, mut exit: MessageWriter<AppExit>) {
    if let Some(dir) = dev.as_ref().and_then(|d| d.screenshots.as_ref())
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        error!("cannot create {}: {e}", dir.display());
        exit.write(AppExit::error());
    }
}

/// Screenshots and xdotool need frames while nothing else asks for them.
fn keep_frames_coming(settings: Option<ResMut<WinitSettings>>) {
    if let Some(mut s) = settings
        && s.focused_mode != UpdateMode::Continuous
    {
        *s = WinitSettings::game();
    }
}

/// Signs nobody in: straight to the manager lock, unlocked with the chosen passphrase, which
/// goes on to Author mode.
fn open_author(
    dev: Res<AuthorDev>,
    mut steps: ResMut<Steps>,
    screen: Res<State<Screen>>,
    store: Res<ProgressStore>,
    session: Res<ManagerSession>,
    mut open: MessageWriter<OpenManagerArea>,
    mut manage: MessageWriter<ManagerAction>,
) {
    match screen.get() {
        Screen::SignIn if store.opened && !steps.asked => {
            steps.asked = true;
            open.write(OpenManagerArea { then_author: true });
        }
        Screen::Manager if !session.is_open() && !steps.unlock_sent => {
            steps.unlock_sent = true;
            manage.write(ManagerAction::Unlock(dev.passphrase.clone()));
        }
        _ => {}
    }
}

/// F12 saves the window as the next numbered screenshot.
fn screenshot_key(
    keys: Res<ButtonInput<KeyCode>>,
    dev: Res<AuthorDev>,
    mut steps: ResMut<Steps>,
    mut commands: Commands,
) {
    let Some(dir) = &dev.screenshots else { return };
    if keys.just_pressed(KeyCode::F12) {
        steps.shots += 1;
        let path = dir.join(format!("author-{:02}.png", steps.shots));
        info!("screenshot {}", path.display());
        commands
            .spawn(Screenshot::primary_window())
            .observe(save_to_disk(path));
    }
}
