//! A scenario's branch graph laid out for drawing: each node in a column by its distance from the
//! start (breadth first), rows in the order they were reached; unreachable nodes are left out.

use std::collections::{HashMap, VecDeque};

use crate::ids::NodeId;
use crate::model::Scenario;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{LoadOptions, load_paths};

    #[test]
    fn every_reachable_node_is_placed_once_one_column_past_its_nearest_parent() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../scenarios");
        let report = load_paths(&[std::path::PathBuf::from(dir)], LoadOptions::default());
        assert!(!report.scenarios.is_empty());
        for loaded in &report.scenarios {
            let s = &loaded.scenario;
            let l = layout(s);
            assert_eq!(l.nodes[0].node, NodeId::Beat(s.start), "{}", s.id);
            assert_eq!(l.nodes[0].column, 0);
            let mut seen = std::collections::HashSet::new();
            for p in &l.nodes {
                assert!(seen.insert(p.node), "{}: {:?} placed twice", s.id, p.node);
            }
            for (from, to) in &l.edges {
                let (a, b) = (l.position(*from).unwrap(), l.position(*to).unwrap());
                assert!(b.column <= a.column + 1, "{}: an edge skips a column", s.id);
            }
            // Rows within a column count up from 0 with no gaps.
            let mut rows: HashMap<usize, Vec<usize>> = HashMap::new();
            for p in &l.nodes {
                rows.entry(p.column).or_default().push(p.row);
            }
            for r in rows.values() {
                assert_eq!(*r, (0..r.len()).collect::<Vec<_>>());
            }
        }
    }
}
