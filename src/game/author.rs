//! Author mode's model: the chosen scenario's branch graph laid out (by `care_engine`) and its
//! path analysis, recomputed by a system when the choice or the file changes (hot reload), never
//! while the screen draws.

use std::sync::Arc;

use bevy::prelude::*;
use care_engine::analyze::{Analysis, analyze};
pub use care_engine::graph_layout::{Layout, Placed, layout};
use care_engine::model::Scenario;

use super::Screen;
use super::library::ScenarioLibrary;

/// Paths explored for the score ranges.
const PATH_LIMIT: usize = 400;

/// What author mode shows for the chosen scenario.
#[derive(Resource, Default)]
pub struct AuthorView {
    pub selected: Option<String>,
    /// The scenario as last analysed (its content hash tells when the file changed).
    pub shown: Option<Arc<Scenario>>,
    pub layout: Layout,
    pub analysis: Option<Analysis>,
    pub beat: Option<usize>,
    /// The state to play the chosen beat from.
    pub start: Option<care_engine::run::StartState>,
}

impl AuthorView {
    /// Re-lays and re-analyses when the chosen scenario is new or its file changed.
    pub fn refresh(&mut self, library: &[Arc<Scenario>]) {
        let Some(id) = &self.selected else { return };
        let Some(current) = library.iter().find(|s| &s.id == id) else {
            self.shown = None;
            return;
        };
        if self
            .shown
            .as_ref()
            .is_some_and(|s| s.content_hash == current.content_hash)
        {
            return;
        }
        self.layout = layout(current);
        self.analysis = Some(analyze(current, PATH_LIMIT));
        self.beat = self.beat.filter(|b| *b < current.beats.len());
        self.start = Some(care_engine::run::StartState::of(current));
        self.shown = Some(Arc::clone(current));
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<AuthorView>();
    app.add_systems(
        Update,
        refresh
            .in_set(super::AppSystems::Update)
            .run_if(in_state(Screen::Author)),
    );
}

fn refresh(library: Res<ScenarioLibrary>, mut view: ResMut<AuthorView>) {
    if library.is_changed() || view.is_changed() {
        view.refresh(&library.scenarios);
    }
}
