//! Checks on the shape of a scenario's branch graph: every beat reachable, every path able to end.

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{Bfs, Reversed};

use crate::diagnostic::{Code, Problem};
use crate::ids::NodeId;
use crate::model::Scenario;
use crate::path::Path;

/// The branch graph: beats first (by index), then endings.
pub struct BranchGraph {
    pub graph: DiGraph<NodeId, ()>,
    beats: usize,
}

impl BranchGraph {
    pub fn new(s: &Scenario) -> BranchGraph {
        let mut graph = DiGraph::with_capacity(s.beats.len() + s.endings.len(), s.beats.len() * 3);
        for i in 0..s.beats.len() {
            graph.add_node(NodeId::Beat(crate::ids::BeatId::from_index(i)));
        }
        for i in 0..s.endings.len() {
            graph.add_node(NodeId::Ending(crate::ids::EndingId::from_index(i)));
        }
        let beats = s.beats.len();
        let mut g = BranchGraph { graph, beats };
        for (i, b) in s.beats.iter().enumerate() {
            for step in b.steps() {
                for t in step.targets() {
                    let to = g.index(t);
                    g.graph.update_edge(NodeIndex::new(i), to, ());
                }
            }
        }
        g
    }

    pub fn index(&self, n: NodeId) -> NodeIndex {
        match n {
            NodeId::Beat(b) => NodeIndex::new(b.index()),
            NodeId::Ending(e) => NodeIndex::new(self.beats + e.index()),
        }
    }
}

fn beat_path(i: usize) -> Path {
    Path::root().field("beats").index(i).field("id")
}

/// Every structural problem of the graph.
pub fn check(s: &Scenario) -> Vec<Problem> {
    let mut problems = Vec::new();
    if s.endings.is_empty() {
        problems.push(
            Problem::new(Code::NoEnding, Path::root().field("endings"), "the scenario has no ending")
                .label("no endings")
                .hint("add at least one ending, e.g. `endings: [(id: \"resolved\", outcome: Resolved, text: \"…\")]`"),
        );
        return problems;
    }
    let g = BranchGraph::new(s);
    let n = g.graph.node_count();
    let mut reachable = vec![false; n];
    let mut bfs = Bfs::new(&g.graph, g.index(NodeId::Beat(s.start)));
    while let Some(x) = bfs.next(&g.graph) {
        reachable[x.index()] = true;
    }
    let mut ends = vec![false; n];
    let rev = Reversed(&g.graph);
    for e in 0..s.endings.len() {
        let mut bfs = Bfs::new(rev, NodeIndex::new(g.beats + e));
        while let Some(x) = bfs.next(rev) {
            ends[x.index()] = true;
        }
    }
    for (i, b) in s.beats.iter().enumerate() {
        if !reachable[i] {
            problems.push(
                Problem::new(
                    Code::Unreachable,
                    beat_path(i),
                    format!("beat `{}` can never be reached", b.key),
                )
                .label("nothing leads here")
                .hint("point a response's `next` at it, or delete it"),
            );
        }
    }
    for (i, e) in s.endings.iter().enumerate() {
        if !reachable[g.beats + i] {
            problems.push(
                Problem::new(
                    Code::Unreachable,
                    Path::root().field("endings").index(i).field("id"),
                    format!("ending `{}` can never be reached", e.key),
                )
                .label("nothing leads here")
                .hint("point a response's `next` at it, or delete it"),
            );
        }
    }
    let mut reported = vec![false; n];
    for scc in tarjan_scc(&g.graph) {
        let is_cycle = scc.len() > 1 || g.graph.contains_edge(scc[0], scc[0]);
        if !is_cycle {
            continue;
        }
        let beats: Vec<usize> = scc
            .iter()
            .map(|x| x.index())
            .filter(|i| *i < g.beats)
            .collect();
        let names = || {
            let mut keys: Vec<&str> = beats.iter().map(|i| s.beats[*i].key.as_str()).collect();
            keys.sort_unstable();
            keys.join(" → ")
        };
        let first = beats.iter().copied().min().unwrap_or(0);
        if beats.iter().all(|i| !s.beats[*i].awaits_answer()) {
            problems.push(
                Problem::new(Code::EndlessCycle, beat_path(first), format!("beats {} loop without ever waiting for the trainee", names()))
                    .label("loop of `then` steps")
                    .hint("give one beat of the loop something to answer, or send a `then` out of the loop"),
            );
            beats.iter().for_each(|i| reported[*i] = true);
        } else if reachable[first] && !ends[first] {
            problems.push(
                Problem::new(
                    Code::EndlessCycle,
                    beat_path(first),
                    format!("beats {} form a loop with no way out", names()),
                )
                .label("no exit from this loop")
                .hint(
                    "let a response or timeout in the loop lead to a beat that can reach an ending",
                ),
            );
            beats.iter().for_each(|i| reported[*i] = true);
        }
    }
    for (i, b) in s.beats.iter().enumerate() {
        if reachable[i] && !ends[i] && !reported[i] {
            problems.push(
                Problem::new(
                    Code::NoEndingReachable,
                    beat_path(i),
                    format!("no ending can be reached from beat `{}`", b.key),
                )
                .label("every path from here goes nowhere")
                .hint("make sure some response, timeout or `then` from here leads on to an ending"),
            );
        }
    }
    problems
}
