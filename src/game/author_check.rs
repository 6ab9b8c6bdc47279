//! The checks of the scenario being edited, worked out on the async compute pool after every
//! change: the diagnostics of `care check` (errors, teaching warnings and the answer patterns
//! that pass without the skill), each placed on the beat, ending or answer it is about, the
//! scenario as it resolves (what play-testing plays) and every path's score range. One check
//! runs at a time; edits made meanwhile are checked when it is done, so only the newest text
//! is ever waited for.

use std::sync::Arc;

use bevy::prelude::*;
use bevy::tasks::{AsyncComputeTaskPool, Task, block_on, poll_once};
use care_engine::analyze::{Analysis, analyze};
use care_engine::edit::{Exit, Place, places};
use care_engine::load::{LoadOptions, load_bytes};
use care_engine::{Diagnostic, NodeId, Scenario, Severity};

use super::author::ScenarioEditor;

/// Paths explored for the score ranges.
const PATH_LIMIT: usize = 400;

/// What the checks found in one version of the text.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The editor's revision the text had.
    pub revision: u64,
    pub diagnostics: Vec<Diagnostic>,
    /// Where each diagnostic is (same order); `None`: about the scenario as a whole.
    pub places: Vec<Option<Place>>,
    /// The scenario, when it loads with no errors.
    pub scenario: Option<Arc<Scenario>>,
    pub analysis: Option<Analysis>,
}

impl Checked {
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// The diagnostics about `node` (including those about its answers).
    pub fn about(&self, node: NodeId) -> impl Iterator<Item = &Diagnostic> {
        self.placed(move |p| p.is_some_and(|p| p.node == node))
    }

    /// The diagnostics about `node` itself, not one of its answers.
    pub fn about_only(&self, node: NodeId) -> impl Iterator<Item = &Diagnostic> {
        self.placed(move |p| p.is_some_and(|p| p.node == node && p.exit.is_none()))
    }

    /// The diagnostics about one answer of a beat.
    pub fn about_exit(&self, exit: Exit) -> impl Iterator<Item = &Diagnostic> {
        self.placed(move |p| p.is_some_and(|p| p.exit == Some(exit)))
    }

    /// The diagnostics about the scenario as a whole.
    pub fn general(&self) -> impl Iterator<Item = &Diagnostic> {
        self.placed(|p| p.is_none())
    }

    fn placed(&self, keep: impl Fn(Option<&Place>) -> bool) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .zip(&self.places)
            .filter(move |(_, p)| keep(p.as_ref()))
            .map(|(d, _)| d)
    }
}

/// Checks `text` as `care check` does.
pub fn check(name: &str, text: &str, revision: u64) -> Checked {
    let loaded = load_bytes(name, text.as_bytes(), LoadOptions::linted());
    let places = places(text, &loaded.diagnostics);
    let scenario = loaded.scenario.map(Arc::new);
    let analysis = scenario.as_ref().map(|s| analyze(s, PATH_LIMIT));
    Checked {
        revision,
        diagnostics: loaded.diagnostics,
        places,
        scenario,
        analysis,
    }
}

/// The check on its way.
#[derive(Resource, Default)]
pub(super) struct CheckJob(Option<Task<Checked>>);

/// Starts a check of the text as it is now, when it has not been checked and none is running.
pub(super) fn start(editor: Res<ScenarioEditor>, mut job: ResMut<CheckJob>) {
    if job.0.is_some() {
        return;
    }
    let Some(doc) = editor.document() else {
        return;
    };
    let revision = editor.revision();
    if editor
        .last_checked()
        .is_some_and(|c| c.revision == revision)
    {
        return;
    }
    let (name, text) = (doc.name().to_owned(), doc.text().to_owned());
    job.0 = Some(AsyncComputeTaskPool::get().spawn(async move { check(&name, &text, revision) }));
}

/// Takes a finished check.
pub(super) fn finish(mut editor: ResMut<ScenarioEditor>, mut job: ResMut<CheckJob>) {
    let Some(task) = job.0.as_mut() else {
        return;
    };
    let Some(checked) = block_on(poll_once(task)) else {
        return;
    };
    job.0 = None;
    if editor.document().is_some() {
        editor.checked = Some(checked);
    }
}
