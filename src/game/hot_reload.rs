//! Hot reload: the scenario folder is watched, and a saved edit shows in the game at once. A
//! broken edit keeps the last good version (scenarios, shifts and curricula alike) and lists
//! its problems. This is the game's only file watcher: Bevy's own (`file_watcher`) is not
//! enabled, since the sprites do not change while the game runs.

use std::sync::Mutex;
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use bevy::prelude::*;
use bevy::winit::{EventLoopProxyWrapper, WinitUserEvent};
use notify_debouncer_full::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::AppSystems;
use super::library::{ScenarioFolder, ScenarioLibrary};

/// How long files must be quiet before reloading (editors save in several steps).
const SETTLE: Duration = Duration::from_millis(200);

/// The running watcher and the changes it has seen.
#[derive(Resource)]
pub struct LibraryWatcher {
    changes: Mutex<Receiver<DebounceEventResult>>,
    _debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(PostStartup, start_watching);
    app.add_systems(
        Update,
        reload_on_change
            .in_set(AppSystems::Update)
            .run_if(resource_exists::<LibraryWatcher>),
    );
}

/// Starts watching `folder`; `None` (with a warning) when the platform cannot. `wake` is called
/// after each change, so a window that only redraws on input still reloads at once.
pub fn watch(folder: &std::path::Path, wake: impl Fn() + Send + 'static) -> Option<LibraryWatcher> {
    let (tx, rx) = channel();
    let handler = move |result: DebounceEventResult| {
        let _ = tx.send(result);
        wake();
    };
    let mut debouncer = match new_debouncer(SETTLE, None, handler) {
        Ok(d) => d,
        Err(e) => {
            warn!("scenario changes will not show until restart: {e}");
            return None;
        }
    };
    if let Err(e) = debouncer.watch(folder, RecursiveMode::Recursive) {
        warn!("cannot watch {} for changes: {e}", folder.display());
        return None;
    }
    Some(LibraryWatcher {
        changes: Mutex::new(rx),
        _debouncer: debouncer,
    })
}

fn start_watching(
    folder: Res<ScenarioFolder>,
    proxy: Option<Res<EventLoopProxyWrapper>>,
    mut commands: Commands,
) {
    let proxy = proxy.map(|p| (**p).clone());
    let wake = move || {
        if let Some(p) = &proxy {
            let _ = p.send_event(WinitUserEvent::WakeUp);
        }
    };
    if let Some(w) = watch(&folder.0, wake) {
        commands.insert_resource(w);
    }
}

/// Whether any event touched a scenario or playthroughs file.
fn touches_scenarios(result: &DebounceEventResult) -> bool {
    match result {
        Ok(events) => events.iter().any(|e| {
            (e.kind.is_modify() || e.kind.is_create() || e.kind.is_remove())
                && e.paths
                    .iter()
                    .any(|p| p.extension().is_some_and(|x| x == "ron"))
        }),
        Err(_) => false,
    }
}

fn reload_on_change(
    watcher: Res<LibraryWatcher>,
    folder: Res<ScenarioFolder>,
    mut library: ResMut<ScenarioLibrary>,
) {
    let mut changed = false;
    if let Ok(rx) = watcher.changes.lock() {
        while let Ok(result) = rx.try_recv() {
            changed |= touches_scenarios(&result);
        }
    }
    if changed {
        library.reload(&folder.0);
        info!(
            "scenarios reloaded: {} playable, {} problems",
            library.scenarios.len(),
            library.problems.len()
        );
    }
}
