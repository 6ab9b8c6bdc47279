//! The graph an editor draws while a scenario is being edited: every beat and ending placed in
//! a column and a row, and every way on (a response, typed reply, timeout or `then`, and each
//! of their branches) as a link from its exit. It works on the raw form, so a scenario that
//! does not resolve yet (a reference to a beat that is gone, a beat nothing leads to) still
//! draws: a link to an id that names nothing has no target, and nodes nothing reaches are
//! placed too.
//!
//! Where a node goes: a node the trainer placed (`placed`, by id) keeps that place while it is
//! free (the first free row below it otherwise); the others are laid out breadth-first from
//! the start, one column per step, in the order they are reached; nodes the start does not
//! reach go one column past the rightmost, each followed by what it leads to.

use std::collections::{HashMap, HashSet, VecDeque};

use super::ops::Exit;
use crate::ids::{BeatId, EndingId, NodeId};
use crate::raw::{RawBeat, RawBranch, RawScenario};

/// A beat or ending in its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphNode {
    pub node: NodeId,
    /// Its id in the file.
    pub key: String,
    pub column: usize,
    pub row: usize,
    /// Whether the start leads to it.
    pub reachable: bool,
}

/// One way on from an exit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphLink {
    pub exit: Exit,
    /// `None`: the exit's `next`; `Some(k)`: its branch number `k`.
    pub branch: Option<usize>,
    /// The id written as the target.
    pub target: String,
    /// The node it names; `None` when no beat or ending has that id.
    pub to: Option<NodeId>,
}

/// The placed graph of a scenario.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Graph {
    /// Every beat and every ending, once.
    pub nodes: Vec<GraphNode>,
    pub links: Vec<GraphLink>,
}

impl Graph {
    pub fn node(&self, node: NodeId) -> Option<&GraphNode> {
        self.nodes.iter().find(|n| n.node == node)
    }

    /// The node at a column and row.
    pub fn at(&self, column: usize, row: usize) -> Option<&GraphNode> {
        self.nodes
            .iter()
            .find(|n| n.column == column && n.row == row)
    }

    /// The links leaving `exit` (its `next` first, then its branches).
    pub fn links_of(&self, exit: Exit) -> impl Iterator<Item = &GraphLink> {
        self.links.iter().filter(move |l| l.exit == exit)
    }

    pub fn columns(&self) -> usize {
        self.nodes.iter().map(|n| n.column + 1).max().unwrap_or(0)
    }

    pub fn rows(&self) -> usize {
        self.nodes.iter().map(|n| n.row + 1).max().unwrap_or(0)
    }
}

/// A beat's exits in the order an editor lists them: its responses, its typed reply, its
/// timeout, its `then`.
pub fn exits(id: BeatId, beat: &RawBeat) -> Vec<Exit> {
    let mut out: Vec<Exit> = (0..beat.responses.len())
        .map(|i| Exit::Response(id, i))
        .collect();
    if beat.typed.is_some() {
        out.push(Exit::Typed(id));
    }
    if beat.on_timeout.is_some() {
        out.push(Exit::Timeout(id));
    }
    if beat.then.is_some() {
        out.push(Exit::Then(id));
    }
    out
}

/// The `next` and branches of an exit of `beat`.
pub fn ways(beat: &RawBeat, exit: Exit) -> Option<(&str, &[RawBranch])> {
    match exit {
        Exit::Response(_, i) => beat
            .responses
            .get(i)
            .map(|r| (r.next.as_str(), r.branches.as_slice())),
        Exit::Typed(_) => beat
            .typed
            .as_ref()
            .map(|t| (t.next.as_str(), t.branches.as_slice())),
        Exit::Timeout(_) => beat
            .on_timeout
            .as_ref()
            .map(|s| (s.next.as_str(), s.branches.as_slice())),
        Exit::Then(_) => beat
            .then
            .as_ref()
            .map(|s| (s.next.as_str(), s.branches.as_slice())),
    }
}

/// The node called `key` in `raw` (a beat first, as the scenario resolves them).
pub fn node_named(raw: &RawScenario, key: &str) -> Option<NodeId> {
    if let Some(i) = raw.beats.iter().position(|b| b.id == key) {
        return Some(NodeId::Beat(BeatId::from_index(i)));
    }
    let i = raw.endings.iter().position(|e| e.id == key)?;
    Some(NodeId::Ending(EndingId::from_index(i)))
}

fn key_of(raw: &RawScenario, node: NodeId) -> &str {
    match node {
        NodeId::Beat(b) => raw.beats.get(b.index()).map_or("", |b| b.id.as_str()),
        NodeId::Ending(e) => raw.endings.get(e.index()).map_or("", |e| e.id.as_str()),
    }
}

/// Lays out `raw`; see the module docs. `placed` holds the places the trainer chose, by id.
pub fn graph(raw: &RawScenario, placed: &HashMap<String, (usize, usize)>) -> Graph {
    let mut links = Vec::new();
    for (i, beat) in raw.beats.iter().enumerate() {
        for exit in exits(BeatId::from_index(i), beat) {
            let Some((next, branches)) = ways(beat, exit) else {
                continue;
            };
            let targets = std::iter::once((None, next)).chain(
                branches
                    .iter()
                    .enumerate()
                    .map(|(k, b)| (Some(k), &*b.next)),
            );
            for (branch, target) in targets {
                links.push(GraphLink {
                    exit,
                    branch,
                    target: target.to_owned(),
                    to: node_named(raw, target),
                });
            }
        }
    }
    let successors = |node: NodeId| -> Vec<NodeId> {
        links
            .iter()
            .filter(|l| NodeId::Beat(l.exit.beat()) == node)
            .filter_map(|l| l.to)
            .collect()
    };
    // Distance from the start, breadth first.
    let mut depth: HashMap<NodeId, usize> = HashMap::new();
    let mut order = Vec::new();
    if let Some(start) = raw
        .beats
        .iter()
        .position(|b| b.id == raw.start)
        .map(|i| NodeId::Beat(BeatId::from_index(i)))
    {
        depth.insert(start, 0);
        order.push(start);
        let mut queue = VecDeque::from([start]);
        while let Some(node) = queue.pop_front() {
            let d = depth[&node] + 1;
            for next in successors(node) {
                if let std::collections::hash_map::Entry::Vacant(slot) = depth.entry(next) {
                    slot.insert(d);
                    order.push(next);
                    queue.push_back(next);
                }
            }
        }
    }
    let reachable: HashSet<NodeId> = order.iter().copied().collect();
    let mut grid = Grid::default();
    // The trainer's places first, in file order.
    let all: Vec<NodeId> = (0..raw.beats.len())
        .map(|i| NodeId::Beat(BeatId::from_index(i)))
        .chain((0..raw.endings.len()).map(|i| NodeId::Ending(EndingId::from_index(i))))
        .collect();
    for &node in &all {
        if let Some(&(column, row)) = placed.get(key_of(raw, node)) {
            grid.put(node, column, row);
        }
    }
    for &node in &order {
        grid.put(node, depth[&node], 0);
    }
    // What the start does not reach: one column past the rightmost, then what each leads to.
    let parking = grid.columns();
    for &node in &all {
        if grid.place.contains_key(&node) {
            continue;
        }
        grid.put(node, parking, 0);
        let mut queue = VecDeque::from([node]);
        while let Some(from) = queue.pop_front() {
            let column = grid.place[&from].0 + 1;
            for next in successors(from) {
                if !grid.place.contains_key(&next) {
                    grid.put(next, column, 0);
                    queue.push_back(next);
                }
            }
        }
    }
    let nodes = all
        .iter()
        .map(|&node| {
            let (column, row) = grid.place[&node];
            GraphNode {
                node,
                key: key_of(raw, node).to_owned(),
                column,
                row,
                reachable: reachable.contains(&node),
            }
        })
        .collect();
    Graph { nodes, links }
}

/// Places taken so far.
#[derive(Default)]
struct Grid {
    place: HashMap<NodeId, (usize, usize)>,
    taken: HashSet<(usize, usize)>,
}

impl Grid {
    /// Puts `node` at `column`, in the first free row from `row` down (once only).
    fn put(&mut self, node: NodeId, column: usize, row: usize) {
        if self.place.contains_key(&node) {
            return;
        }
        let row = (row..)
            .find(|r| !self.taken.contains(&(column, *r)))
            .unwrap_or(row);
        self.taken.insert((column, row));
        self.place.insert(node, (column, row));
    }

    fn columns(&self) -> usize {
        self.place.values().map(|(c, _)| c + 1).max().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::template;
    use crate::model::Channel;

    fn beat(id: &str, next: &str) -> RawBeat {
        let mut b = template("t", Channel::Phone).beats.remove(0);
        b.id = id.into();
        b.responses[0].next = next.into();
        b.on_timeout = None;
        b
    }

    #[test]
    fn reachable_nodes_go_breadth_first_and_the_rest_past_the_rightmost_column() {
        let mut raw = template("t", Channel::Phone);
        raw.beats[0].responses[0].next = "middle".into();
        raw.beats.push(beat("middle", "resolved"));
        raw.beats.push(beat("orphan", "later"));
        raw.beats.push(beat("later", "nowhere"));
        let g = graph(&raw, &HashMap::new());
        let at = |key: &str| {
            let n = g.nodes.iter().find(|n| n.key == key).unwrap();
            (n.column, n.row, n.reachable)
        };
        assert_eq!(at("opening"), (0, 0, true));
        assert_eq!(at("middle"), (1, 0, true));
        // The timeout of the opening still leads to the ending: one step from the start.
        assert_eq!(at("resolved"), (1, 1, true));
        assert_eq!(at("orphan"), (2, 0, false));
        assert_eq!(at("later"), (3, 0, false));
        let dangling = g.links.iter().find(|l| l.target == "nowhere").unwrap();
        assert_eq!(dangling.to, None);
        assert_eq!(g.nodes.len(), 5, "every beat and ending is placed once");
        let mut seen = HashSet::new();
        assert!(g.nodes.iter().all(|n| seen.insert((n.column, n.row))));
    }

    #[test]
    fn a_place_the_trainer_chose_is_kept_and_others_make_room() {
        let mut raw = template("t", Channel::Phone);
        raw.beats.push(beat("new", "resolved"));
        let placed = HashMap::from([("new".to_owned(), (1, 0)), ("resolved".to_owned(), (5, 2))]);
        let g = graph(&raw, &placed);
        let at = |key: &str| {
            let n = g.nodes.iter().find(|n| n.key == key).unwrap();
            (n.column, n.row)
        };
        assert_eq!(at("new"), (1, 0));
        assert_eq!(at("resolved"), (5, 2));
        // Two nodes asking for the same place: the second goes below.
        let placed = HashMap::from([("new".to_owned(), (0, 0))]);
        let g = graph(&raw, &placed);
        assert_eq!(
            g.node(NodeId::Beat(BeatId(1))).map(|n| (n.column, n.row)),
            Some((0, 0))
        );
        assert_eq!(
            g.node(NodeId::Beat(BeatId(0))).map(|n| (n.column, n.row)),
            Some((0, 1))
        );
    }

    #[test]
    fn exits_list_responses_then_typed_timeout_and_then_with_their_branches() {
        let raw = template("t", Channel::Email);
        let b = BeatId(0);
        assert_eq!(
            exits(b, &raw.beats[0]),
            vec![Exit::Response(b, 0), Exit::Timeout(b)]
        );
        let g = graph(&raw, &HashMap::new());
        assert_eq!(g.links_of(Exit::Timeout(b)).count(), 1);
        assert_eq!(g.links.len(), 2);
    }
}
