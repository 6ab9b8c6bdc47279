//! Author mode's graph: every beat and ending of the scenario being edited, where the editor
//! placed them, with a handle for each answer on the right of a beat and a line to where it
//! leads. Click a node to edit it; drag a node to move it; drag a handle (or an answer's "⇢
//! drag" in the side panel) onto a node to connect it, or onto empty space for a new beat;
//! double-click empty space for a new beat; right-click for more. A badge on a node counts its
//! errors (red) or warnings (amber).

use std::collections::HashMap;

use bevy_egui::egui::{self, Align2, Color32, FontId, Pos2, Rect, Sense, Stroke, Vec2};
use care_engine::edit::{Exit, Graph, GraphNode, exits};
use care_engine::model::Outcome;
use care_engine::raw::RawScenario;
use care_engine::{NodeId, Severity};

use super::author_fields::{ERROR, WARNING};
use super::marks::mark;
use super::palette;
use crate::game::author::{Checked, NewNode};

pub(super) const COLUMN: f32 = 230.0;
pub(super) const NODE_W: f32 = 170.0;
const MARGIN: f32 = 16.0;
pub(super) const ROW_GAP: f32 = 18.0;
const HANDLE_PITCH: f32 = 17.0;
pub(super) const HANDLE_R: f32 = 7.0;
pub(super) const EMPTY_ROW: f32 = 52.0;

/// What the trainer did on the graph.
#[derive(Debug, Clone)]
pub(super) enum GraphAction {
    Select(Option<String>),
    Connect(Exit, NodeId),
    Add {
        node: NewNode,
        from: Option<Exit>,
        place: (usize, usize),
    },
    Move(String, (usize, usize)),
    Remove(NodeId),
    Start(care_engine::BeatId),
}

/// Where the graph's parts are this frame.
pub(super) struct Geo {
    origin: Pos2,
    /// Top of each row, and the height of its tallest node.
    rows: Vec<(f32, f32)>,
    heights: HashMap<NodeId, f32>,
}

fn node_height(exits: usize) -> f32 {
    (12.0 + HANDLE_PITCH * exits as f32).max(EMPTY_ROW)
}

impl Geo {
    fn new(origin: Pos2, graph: &Graph, raw: &RawScenario) -> Geo {
        let mut heights = HashMap::new();
        let mut rows = vec![EMPTY_ROW; graph.rows()];
        for n in &graph.nodes {
            let h = match n.node {
                NodeId::Beat(b) => raw
                    .beats
                    .get(b.index())
                    .map_or(EMPTY_ROW, |beat| node_height(exits(b, beat).len())),
                NodeId::Ending(_) => EMPTY_ROW,
            };
            heights.insert(n.node, h);
            rows[n.row] = rows[n.row].max(h);
        }
        let mut top = origin.y + MARGIN;
        let rows = rows
            .into_iter()
            .map(|h| {
                let row = (top, h);
                top += h + ROW_GAP;
                row
            })
            .collect();
        Geo {
            origin,
            rows,
            heights,
        }
    }

    fn row_top(&self, row: usize) -> f32 {
        match self.rows.get(row) {
            Some((top, _)) => *top,
            None => {
                let (top, h) = self
                    .rows
                    .last()
                    .copied()
                    .unwrap_or((self.origin.y + MARGIN, -ROW_GAP));
                top + h + ROW_GAP + (row - self.rows.len()) as f32 * (EMPTY_ROW + ROW_GAP)
            }
        }
    }

    /// The bottom of the tallest node in `row`.
    pub(super) fn row_bottom(&self, row: usize) -> f32 {
        let h = self.rows.get(row).map_or(EMPTY_ROW, |(_, h)| *h);
        self.row_top(row) + h
    }

    pub(super) fn rect(&self, n: &GraphNode) -> Rect {
        let x = self.origin.x + MARGIN + n.column as f32 * COLUMN;
        let h = self.heights.get(&n.node).copied().unwrap_or(EMPTY_ROW);
        Rect::from_min_size(Pos2::new(x, self.row_top(n.row)), Vec2::new(NODE_W, h))
    }

    pub(super) fn handle(&self, n: &GraphNode, i: usize) -> Pos2 {
        let r = self.rect(n);
        Pos2::new(r.right(), r.top() + 14.0 + i as f32 * HANDLE_PITCH)
    }

    /// The column and row under `pos`.
    pub(super) fn cell(&self, pos: Pos2) -> (usize, usize) {
        #[expect(
            clippy::cast_possible_truncation,
            reason = "floored at 0 and a float-to-integer cast saturates: a column index on screen"
        )]
        let column = ((pos.x - self.origin.x - MARGIN) / COLUMN).max(0.0) as usize;
        let mut row = 0;
        while self.row_top(row + 1) <= pos.y && row < 500 {
            row += 1;
        }
        (column, row)
    }

    fn size(&self, graph: &Graph) -> Vec2 {
        let w = MARGIN * 2.0 + (graph.columns() + 2) as f32 * COLUMN;
        let h = self.row_top(graph.rows() + 3) - self.origin.y;
        Vec2::new(w, h)
    }
}

fn handle_label(exit: Exit) -> String {
    match exit {
        Exit::Response(_, i) => (i + 1).to_string(),
        Exit::Typed(_) => "T".into(),
        Exit::Timeout(_) => "W".into(),
        Exit::Then(_) => ">".into(),
    }
}

pub(super) fn outcome_colour(o: Outcome) -> Color32 {
    match o {
        Outcome::Resolved | Outcome::WonBack => Color32::from_rgb(50, 130, 75),
        Outcome::Escalated => Color32::from_rgb(170, 120, 30),
        Outcome::Lost | Outcome::GoneViral => Color32::from_rgb(175, 60, 50),
    }
}

/// Draws the graph; returns what the trainer did.
pub(super) fn show(
    ui: &mut egui::Ui,
    graph: &Graph,
    raw: &RawScenario,
    checked: Option<&Checked>,
    selected: Option<&str>,
) -> Vec<GraphAction> {
    let mut actions = Vec::new();
    egui::ScrollArea::both()
        .id_salt("author-graph")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let origin = ui.min_rect().min;
            let geo = Geo::new(origin, graph, raw);
            // Fills the view without overflowing it (no scroll bars until the graph needs them).
            let size = geo.size(graph).max(ui.available_size() - Vec2::splat(16.0));
            let (area, response) = ui.allocate_exact_size(size, Sense::click_and_drag());
            mark(ui.ctx(), "graph", area);
            let painter = ui.painter_at(area);
            super::author_graph_lines::links(&painter, &geo, graph, raw);
            for n in &graph.nodes {
                node(ui, &painter, &geo, n, raw, checked, selected);
            }
            free_cell_mark(ui.ctx(), &geo, graph);
            super::author_graph_input::interact(
                ui,
                &painter,
                &response,
                &geo,
                graph,
                raw,
                &mut actions,
            );
        });
    actions
}

/// Marks the first free cell right of the start, for the window test.
fn free_cell_mark(ctx: &egui::Context, geo: &Geo, graph: &Graph) {
    let column = graph.columns();
    let n = GraphNode {
        node: NodeId::Beat(care_engine::BeatId(u32::MAX)),
        key: String::new(),
        column,
        row: 0,
        reachable: false,
    };
    mark(ctx, "graph-free", geo.rect(&n));
}

fn node(
    ui: &egui::Ui,
    p: &egui::Painter,
    geo: &Geo,
    n: &GraphNode,
    raw: &RawScenario,
    checked: Option<&Checked>,
    selected: Option<&str>,
) {
    let r = geo.rect(n);
    mark(ui.ctx(), &format!("node:{}", n.key), r);
    let chosen = selected == Some(n.key.as_str());
    let (fill, ink, line) = match n.node {
        NodeId::Beat(b) => {
            let says = raw.beats.get(b.index()).map_or("", |b| {
                if b.says.is_empty() {
                    b.narration.as_str()
                } else {
                    b.says.as_str()
                }
            });
            let fill = if chosen {
                palette::YOU_BUBBLE
            } else {
                palette::THEM_BUBBLE
            };
            (fill, palette::INK, says.to_owned())
        }
        NodeId::Ending(e) => {
            let outcome = raw
                .endings
                .get(e.index())
                .map_or(Outcome::Resolved, |e| e.outcome);
            let fill = outcome_colour(outcome);
            (
                fill,
                Color32::WHITE,
                care_engine::texts::outcome(outcome).to_owned(),
            )
        }
    };
    p.rect_filled(r, 7.0, fill);
    let start = matches!(n.node, NodeId::Beat(_)) && raw.start == n.key;
    let border = if chosen {
        Stroke::new(3.0, Color32::from_rgb(28, 120, 130))
    } else if start {
        Stroke::new(2.5, palette::TILL)
    } else if !n.reachable {
        Stroke::new(1.5, Color32::from_gray(140))
    } else {
        Stroke::NONE
    };
    p.rect_stroke(r, 7.0, border, egui::StrokeKind::Inside);
    let title = if start {
        format!("start · {}", n.key)
    } else {
        n.key.clone()
    };
    let text_w = r.width() - 26.0;
    p.galley(
        r.min + Vec2::new(8.0, 6.0),
        one_line(p, title, 14.0, ink, text_w),
        ink,
    );
    #[expect(
        clippy::cast_possible_truncation,
        reason = "a few lines of a node's height, floored and at least 1; the cast saturates"
    )]
    let rows = ((r.height() - 30.0) / 15.0).floor().max(1.0) as usize;
    let snippet = lines(p, line, ink.gamma_multiply(0.8), text_w, rows);
    p.galley(r.min + Vec2::new(8.0, 26.0), snippet, ink);
    if !n.reachable {
        p.text(
            r.center_bottom() + Vec2::new(0.0, 8.0),
            Align2::CENTER_CENTER,
            "nothing leads here",
            FontId::proportional(11.0),
            Color32::from_gray(120),
        );
    }
    if let NodeId::Beat(b) = n.node
        && let Some(beat) = raw.beats.get(b.index())
    {
        for (i, exit) in exits(b, beat).into_iter().enumerate() {
            let at = geo.handle(n, i);
            p.circle(
                at,
                HANDLE_R,
                Color32::WHITE,
                Stroke::new(1.5, palette::INK_SOFT),
            );
            p.text(
                at,
                Align2::CENTER_CENTER,
                handle_label(exit),
                FontId::proportional(10.5),
                palette::INK,
            );
            mark(
                ui.ctx(),
                &format!("handle:{}:{}", n.key, i),
                Rect::from_center_size(at, Vec2::splat(HANDLE_R * 2.0)),
            );
        }
    }
    badge(p, r, n.node, checked);
}

/// `text` on one line, cut with "…" where it does not fit.
fn one_line(
    p: &egui::Painter,
    text: String,
    size: f32,
    colour: Color32,
    width: f32,
) -> std::sync::Arc<egui::Galley> {
    sized(p, text, size, colour, width, 1)
}

/// `text` wrapped to at most `rows` lines of `width`, the last cut with "…".
fn lines(
    p: &egui::Painter,
    text: String,
    colour: Color32,
    width: f32,
    rows: usize,
) -> std::sync::Arc<egui::Galley> {
    sized(p, text, 11.5, colour, width, rows)
}

fn sized(
    p: &egui::Painter,
    text: String,
    size: f32,
    colour: Color32,
    width: f32,
    rows: usize,
) -> std::sync::Arc<egui::Galley> {
    let mut job = egui::text::LayoutJob::simple(text, FontId::proportional(size), colour, width);
    job.wrap.max_rows = rows;
    job.wrap.break_anywhere = false;
    job.wrap.overflow_character = Some('…');
    p.layout_job(job)
}

fn badge(p: &egui::Painter, r: Rect, node: NodeId, checked: Option<&Checked>) {
    let Some(c) = checked else { return };
    let (errors, warnings) = c.about(node).fold((0, 0), |(e, w), d| match d.severity {
        Severity::Error => (e + 1, w),
        _ => (e, w + 1),
    });
    let (count, colour) = match (errors, warnings) {
        (0, 0) => return,
        (0, w) => (w, WARNING),
        (e, _) => (e, ERROR),
    };
    // Above the top edge, clear of the handles.
    let at = r.right_top() + Vec2::new(-24.0, -1.0);
    p.circle(at, 9.0, colour, Stroke::new(1.5, Color32::WHITE));
    p.text(
        at,
        Align2::CENTER_CENTER,
        count.to_string(),
        FontId::proportional(11.0),
        Color32::WHITE,
    );
}
