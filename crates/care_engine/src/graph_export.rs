//! The branch graph as text for diagram tools: Graphviz DOT or Mermaid. Endings are coloured by
//! outcome, pass-through beats drawn round; edges carry the answer and its score effects.

use std::fmt::Write as _;

use crate::ids::NodeId;
use crate::model::{Effects, Outcome, Scenario, Step};
use crate::persona::Persona;

/// A drawn edge: from a beat to a node, labelled.
struct Edge {
    from: usize,
    to: NodeId,
    label: String,
}

fn effects_label(e: &Effects) -> String {
    let parts: Vec<String> = [("S", e.speed), ("E", e.empathy), ("F", e.follow_through)]
        .into_iter()
        .filter(|(_, v)| *v != 0)
        .map(|(k, v)| format!("{k}{v:+}"))
        .collect();
    parts.join(" ")
}

fn short(text: &str) -> String {
    const MAX: usize = 28;
    let one_line = text.replace(['\n', '"'], " ");
    let mut s: String = one_line.chars().take(MAX).collect();
    if one_line.chars().count() > MAX {
        s.push('…');
    }
    s
}

fn edges(s: &Scenario) -> Vec<Edge> {
    let persona = Persona::draw(s, 0);
    let mut out = Vec::new();
    let mut push = |from: usize, step: &Step, what: String| {
        let fx = effects_label(&step.effects);
        let label = if fx.is_empty() {
            what
        } else {
            format!("{what} ({fx})")
        };
        for b in &step.branches {
            out.push(Edge {
                from,
                to: b.next,
                label: format!("{label} [if]"),
            });
        }
        out.push(Edge {
            from,
            to: step.next,
            label,
        });
    };
    for (i, b) in s.beats.iter().enumerate() {
        for (n, r) in b.responses.iter().enumerate() {
            push(
                i,
                &r.step,
                format!("{}: {}", n + 1, short(&r.text.render(&persona))),
            );
        }
        if let Some(t) = &b.typed {
            push(i, &t.step, "typed".into());
        }
        if let Some(t) = &b.on_timeout {
            push(i, t, "no answer".into());
        }
        if let Some(t) = &b.then {
            push(i, t, "then".into());
        }
    }
    out
}

fn node_name(s: &Scenario, n: NodeId) -> String {
    match n {
        NodeId::Beat(b) => format!("b_{}", sanitize(&s.beat(b).key)),
        NodeId::Ending(e) => format!("e_{}", sanitize(&s.ending(e).key)),
    }
}

fn sanitize(key: &str) -> String {
    key.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

fn outcome_colour(o: Outcome) -> &'static str {
    match o {
        Outcome::Resolved | Outcome::WonBack => "#2e7d32",
        Outcome::Escalated => "#ef6c00",
        Outcome::Lost | Outcome::GoneViral => "#c62828",
    }
}

/// Graphviz DOT: `care graph X --format dot | dot -Tsvg > x.svg`.
pub fn dot(s: &Scenario) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "digraph \"{}\" {{\n  rankdir=LR;\n  node [shape=box, style=rounded, fontname=\"sans-serif\"];",
        s.id
    );
    for b in &s.beats {
        let shape = if b.awaits_answer() { "box" } else { "ellipse" };
        let _ = writeln!(
            o,
            "  b_{} [label=\"{}\", shape={shape}];",
            sanitize(&b.key),
            b.key
        );
    }
    for e in &s.endings {
        let c = outcome_colour(e.outcome);
        let _ = writeln!(
            o,
            "  e_{} [label=\"{}\\n{}\", style=\"filled,rounded\", fillcolor=\"{c}\", fontcolor=white];",
            sanitize(&e.key),
            e.key,
            crate::texts::outcome(e.outcome)
        );
    }
    let _ = writeln!(
        o,
        "  start [shape=point];\n  start -> b_{};",
        sanitize(&s.beat(s.start).key)
    );
    for e in edges(s) {
        let from = format!("b_{}", sanitize(&s.beats[e.from].key));
        let _ = writeln!(
            o,
            "  {from} -> {} [label=\"{}\"];",
            node_name(s, e.to),
            e.label
        );
    }
    o.push_str("}\n");
    o
}

/// Mermaid flowchart, for Markdown viewers that draw it.
pub fn mermaid(s: &Scenario) -> String {
    let mut o = String::from("flowchart LR\n");
    for b in &s.beats {
        let (l, r) = if b.awaits_answer() {
            ("[", "]")
        } else {
            ("([", "])")
        };
        let _ = writeln!(o, "  b_{}{l}\"{}\"{r}", sanitize(&b.key), b.key);
    }
    for e in &s.endings {
        let _ = writeln!(
            o,
            "  e_{}{{{{\"{}: {}\"}}}}",
            sanitize(&e.key),
            e.key,
            crate::texts::outcome(e.outcome)
        );
    }
    for e in edges(s) {
        let from = format!("b_{}", sanitize(&s.beats[e.from].key));
        let _ = writeln!(o, "  {from} -->|\"{}\"| {}", e.label, node_name(s, e.to));
    }
    for e in &s.endings {
        let _ = writeln!(
            o,
            "  style e_{} fill:{},color:#fff",
            sanitize(&e.key),
            outcome_colour(e.outcome)
        );
    }
    o
}
