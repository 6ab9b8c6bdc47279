//! Author mode's model: a scenario's branch graph laid out in columns by distance from the start,
//! and the scenario's path analysis, recomputed when the file changes (hot reload).

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

use bevy::prelude::*;
use care_engine::analyze::{Analysis, analyze};
use care_engine::ids::NodeId;
use care_engine::model::Scenario;

/// Paths explored for the score ranges.
const PATH_LIMIT: usize = 400;

/// A node placed in the graph: column (distance from the start) and row within the column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    pub node: NodeId,
    pub column: usize,
    pub row: usize,
}

/// The laid-out graph.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub nodes: Vec<Placed>,
    /// (from, to) for every response, typed reply, timeout and follow-on step.
    pub edges: Vec<(NodeId, NodeId)>,
}

impl Layout {
    pub fn position(&self, node: NodeId) -> Option<Placed> {
        self.nodes.iter().copied().find(|p| p.node == node)
    }
}

/// Lays the graph out breadth-first from the start beat; unreachable nodes are left out.
pub fn layout(s: &Scenario) -> Layout {
    let mut column: HashMap<NodeId, usize> = HashMap::new();
    let mut order: Vec<NodeId> = Vec::new();
    let mut edges = Vec::new();
    let start = NodeId::Beat(s.start);
    column.insert(start, 0);
    order.push(start);
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        let NodeId::Beat(b) = node else { continue };
        let depth = column[&node];
        // Every step (answers, typed reply, timeout, follow-on) and each of its branches.
        for target in s.beat(b).steps().flat_map(|step| step.targets()) {
            edges.push((node, target));
            if let std::collections::hash_map::Entry::Vacant(slot) = column.entry(target) {
                slot.insert(depth + 1);
                order.push(target);
                queue.push_back(target);
            }
        }
    }
    edges.sort_by_key(|(a, b)| (format!("{a:?}"), format!("{b:?}")));
    edges.dedup();
    let mut rows: HashMap<usize, usize> = HashMap::new();
    let nodes = order
        .into_iter()
        .map(|node| {
            let c = column[&node];
            let row = rows.entry(c).or_insert(0);
            let placed = Placed {
                node,
                column: c,
                row: *row,
            };
            *row += 1;
            placed
        })
        .collect();
    Layout { nodes, edges }
}

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
}
