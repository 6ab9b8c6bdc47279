//! The scenarios offered to the trainee, loaded from the scenarios folder at start-up.

use std::path::PathBuf;
use std::sync::Arc;

use bevy::prelude::*;
use care_engine::last_good::LastGood;
use care_engine::load::{LoadOptions, load_paths};
use care_engine::{Diagnostic, Scenario, ScenarioId};

use super::id_index::IdIndex;

/// Where scenarios are read from (decided at start: see `care_cli::GameArgs::scenario_folder`).
#[derive(Resource, Debug, Clone)]
pub struct ScenarioFolder(pub PathBuf);

impl Default for ScenarioFolder {
    fn default() -> Self {
        ScenarioFolder(PathBuf::from("scenarios"))
    }
}

/// The playable scenarios and the problems of those that did not load.
#[derive(Resource, Debug, Default)]
pub struct ScenarioLibrary {
    pub scenarios: Vec<Arc<Scenario>>,
    pub problems: Vec<Diagnostic>,
    /// What each file last loaded as, to keep it when an edit breaks the file.
    files: LastGood<Scenario>,
    /// Where each id sits in `scenarios`, rebuilt with it.
    index: IdIndex<ScenarioId>,
}

impl ScenarioLibrary {
    /// Loads every scenario under `folder`; bad files become problems, never a crash.
    pub fn load(folder: &std::path::Path) -> ScenarioLibrary {
        let report = load_paths(&[folder.to_path_buf()], LoadOptions::default());
        let files = LastGood::new(report.scenarios.into_iter().map(|l| (l.file, l.scenario)));
        let mut library = ScenarioLibrary {
            scenarios: Vec::new(),
            problems: report.diagnostics,
            files,
            index: IdIndex::default(),
        };
        library.sort();
        library
    }

    /// Loads again after an edit. A file that no longer loads keeps its last good version (its
    /// problems are listed); a file that was removed takes its scenario with it.
    pub fn reload(&mut self, folder: &std::path::Path) {
        let report = load_paths(&[folder.to_path_buf()], LoadOptions::default());
        self.files.update(
            report.scenarios.into_iter().map(|l| (l.file, l.scenario)),
            &report.diagnostics,
            still_there,
        );
        self.problems = report.diagnostics;
        self.sort();
    }

    /// Each playable scenario with the file it came from.
    pub fn files(&self) -> impl Iterator<Item = (&str, &Arc<Scenario>)> {
        self.files.files()
    }

    fn sort(&mut self) {
        let mut scenarios: Vec<Arc<Scenario>> = self.files.items().cloned().collect();
        // The tutorial first, then the easiest; by channel and title within a level.
        let tutorial = |s: &Scenario| {
            !s.tags
                .iter()
                .any(|t| t == care_store::recommend::TUTORIAL_TAG)
        };
        scenarios.sort_by(|a, b| {
            (tutorial(a), a.difficulty, a.channel, &a.title, &a.id).cmp(&(
                tutorial(b),
                b.difficulty,
                b.channel,
                &b.title,
                &b.id,
            ))
        });
        self.index = IdIndex::build(&scenarios, |s| &s.id);
        self.scenarios = scenarios;
    }

    /// The playable scenario with this id.
    pub fn get(&self, id: &ScenarioId) -> Option<&Arc<Scenario>> {
        self.index.position(id).map(|i| &self.scenarios[i])
    }
}

/// Whether a file named in a diagnostic is still on disk (a deleted file keeps nothing).
pub fn still_there(file: &str) -> bool {
    std::path::Path::new(file).exists()
}

/// The library being read on a thread of its own while the window and the renderer start (the
/// longest part of a launch), so the first screen does not wait for both one after the other.
#[derive(Resource)]
pub struct Preloading(std::sync::Mutex<Option<std::thread::JoinHandle<ScenarioLibrary>>>);

impl Preloading {
    /// Starts reading `folder`; `None` when no thread could be started (it is read at start-up
    /// instead).
    pub fn start(folder: PathBuf) -> Option<Preloading> {
        std::thread::Builder::new()
            .name("care-library".into())
            .spawn(move || ScenarioLibrary::load(&folder))
            .ok()
            .map(|handle| Preloading(std::sync::Mutex::new(Some(handle))))
    }

    fn take(&self) -> Option<ScenarioLibrary> {
        let handle = self.0.lock().ok()?.take()?;
        handle.join().ok()
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ScenarioFolder>();
    app.init_resource::<ScenarioLibrary>();
    app.add_systems(Startup, load_library);
}

fn load_library(
    folder: Res<ScenarioFolder>,
    preloading: Option<Res<Preloading>>,
    mut library: ResMut<ScenarioLibrary>,
) {
    // Read on its own thread since launch (usually done by now); read here otherwise.
    *library = preloading
        .and_then(|p| p.take())
        .unwrap_or_else(|| ScenarioLibrary::load(&folder.0));
    info!(
        "{} scenarios loaded, {} problems",
        library.scenarios.len(),
        library.problems.len()
    );
}
