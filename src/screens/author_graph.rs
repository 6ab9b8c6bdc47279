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

use super::author_fields::{ERROR, ExitPayload, OUTCOMES, WARNING};
use super::marks::mark;
use super::palette;
use crate::game::author::{Checked, NewNode};

const COLUMN: f32 = 200.0;
const NODE_W: f32 = 166.0;
const MARGIN: f32 = 16.0;
const ROW_GAP: f32 = 18.0;
const HANDLE_PITCH: f32 = 17.0;
const HANDLE_R: f32 = 7.0;
const EMPTY_ROW: f32 = 52.0;

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
struct Geo {
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

    fn rect(&self, n: &GraphNode) -> Rect {
        let x = self.origin.x + MARGIN + n.column as f32 * COLUMN;
        let h = self.heights.get(&n.node).copied().unwrap_or(EMPTY_ROW);
        Rect::from_min_size(Pos2::new(x, self.row_top(n.row)), Vec2::new(NODE_W, h))
    }

    fn handle(&self, n: &GraphNode, i: usize) -> Pos2 {
        let r = self.rect(n);
        Pos2::new(r.right(), r.top() + 14.0 + i as f32 * HANDLE_PITCH)
    }

    /// The column and row under `pos`.
    fn cell(&self, pos: Pos2) -> (usize, usize) {
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

/// What is under the pointer.
enum Hit<'a> {
    Handle(Exit, &'a GraphNode),
    Node(&'a GraphNode),
    Empty((usize, usize)),
}

fn hit<'a>(geo: &Geo, graph: &'a Graph, raw: &RawScenario, pos: Pos2) -> Hit<'a> {
    for n in &graph.nodes {
        if let NodeId::Beat(b) = n.node
            && let Some(beat) = raw.beats.get(b.index())
        {
            for (i, exit) in exits(b, beat).into_iter().enumerate() {
                if geo.handle(n, i).distance(pos) <= HANDLE_R + 3.0 {
                    return Hit::Handle(exit, n);
                }
            }
        }
    }
    match graph.nodes.iter().find(|n| geo.rect(n).contains(pos)) {
        Some(n) => Hit::Node(n),
        None => Hit::Empty(geo.cell(pos)),
    }
}

/// A drag on the graph: connecting an answer, or moving a node.
#[derive(Debug, Clone)]
enum Drag {
    Connect(Exit, Pos2),
    Move(String),
}

fn handle_label(exit: Exit) -> String {
    match exit {
        Exit::Response(_, i) => (i + 1).to_string(),
        Exit::Typed(_) => "T".into(),
        Exit::Timeout(_) => "W".into(),
        Exit::Then(_) => ">".into(),
    }
}

fn handle_hover(exit: Exit) -> &'static str {
    match exit {
        Exit::Response(..) => "a response",
        Exit::Typed(_) => "the typed reply",
        Exit::Timeout(_) => "if nobody answers in time (W: the customer waits)",
        Exit::Then(_) => "where it goes next",
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
            let size = geo.size(graph).max(ui.available_size());
            let (area, response) = ui.allocate_exact_size(size, Sense::click_and_drag());
            mark(ui.ctx(), "graph", area);
            let painter = ui.painter_at(area);
            links(&painter, &geo, graph, raw);
            for n in &graph.nodes {
                node(ui, &painter, &geo, n, raw, checked, selected);
            }
            free_cell_mark(ui.ctx(), &geo, graph);
            interact(ui, &painter, &response, &geo, graph, raw, &mut actions);
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

fn links(p: &egui::Painter, geo: &Geo, graph: &Graph, raw: &RawScenario) {
    let weak = p.ctx().global_style().visuals.weak_text_color();
    for n in &graph.nodes {
        let NodeId::Beat(b) = n.node else { continue };
        let Some(beat) = raw.beats.get(b.index()) else {
            continue;
        };
        for (i, exit) in exits(b, beat).into_iter().enumerate() {
            let from = geo.handle(n, i);
            for link in graph.links_of(exit) {
                let colour = if link.branch.is_some() {
                    palette::TILL
                } else {
                    weak
                };
                match link.to.and_then(|to| graph.node(to)) {
                    Some(target) => {
                        let to = geo.rect(target).left_center();
                        curve(p, from, to, Stroke::new(1.5, colour));
                        p.circle_filled(to, 3.5, colour);
                    }
                    None => {
                        let end = from + Vec2::new(26.0, 0.0);
                        p.line_segment([from, end], Stroke::new(2.0, ERROR));
                        p.text(
                            end + Vec2::new(3.0, 0.0),
                            Align2::LEFT_CENTER,
                            format!("{}?", link.target),
                            FontId::proportional(12.0),
                            ERROR,
                        );
                    }
                }
            }
        }
    }
}

fn curve(p: &egui::Painter, from: Pos2, to: Pos2, stroke: Stroke) {
    let reach = ((to.x - from.x).abs() * 0.4).max(50.0);
    let points = [
        from,
        from + Vec2::new(reach, 0.0),
        to - Vec2::new(reach, 0.0),
        to,
    ];
    p.add(egui::epaint::CubicBezierShape::from_points_stroke(
        points,
        false,
        Color32::TRANSPARENT,
        stroke,
    ));
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
    let text_w = r.width() - 24.0;
    let title = p.layout_no_wrap(title, FontId::proportional(14.0), ink);
    let title_rect = Rect::from_min_size(r.min + Vec2::new(8.0, 6.0), Vec2::new(text_w, 18.0));
    p.with_clip_rect(title_rect)
        .galley(title_rect.min, title, ink);
    let snippet = p.layout(
        line,
        FontId::proportional(11.5),
        ink.gamma_multiply(0.8),
        text_w,
    );
    let snippet_rect =
        Rect::from_min_max(r.min + Vec2::new(8.0, 25.0), r.max - Vec2::new(16.0, 4.0));
    p.with_clip_rect(snippet_rect)
        .galley(snippet_rect.min, snippet, ink);
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
    let at = r.right_top() + Vec2::new(-4.0, 2.0);
    p.circle(at, 9.0, colour, Stroke::new(1.5, Color32::WHITE));
    p.text(
        at,
        Align2::CENTER_CENTER,
        count.to_string(),
        FontId::proportional(11.0),
        Color32::WHITE,
    );
}

#[expect(
    clippy::too_many_arguments,
    reason = "the graph's parts, drawn and hit-tested together"
)]
fn interact(
    ui: &egui::Ui,
    p: &egui::Painter,
    response: &egui::Response,
    geo: &Geo,
    graph: &Graph,
    raw: &RawScenario,
    actions: &mut Vec<GraphAction>,
) {
    let drag_id = egui::Id::new("author-graph-drag");
    let menu_id = egui::Id::new("author-graph-menu");
    let pointer = ui.ctx().input(|i| i.pointer.latest_pos());
    if response.drag_started()
        && let Some(origin) = ui.ctx().input(|i| i.pointer.press_origin())
    {
        let drag = match hit(geo, graph, raw, origin) {
            Hit::Handle(exit, n) => Some(Drag::Connect(exit, geo.handle(n, exit_index(raw, exit)))),
            Hit::Node(n) => Some(Drag::Move(n.key.clone())),
            Hit::Empty(_) => None,
        };
        ui.ctx().data_mut(|d| d.insert_temp(drag_id, drag));
    }
    let drag: Option<Drag> = ui.ctx().data(|d| d.get_temp(drag_id)).flatten();
    if let (Some(drag), Some(at)) = (&drag, pointer) {
        match drag {
            Drag::Connect(_, from) if response.dragged() => {
                curve(p, *from, at, Stroke::new(2.0, palette::TILL));
            }
            Drag::Move(_) if response.dragged() => {
                p.rect_stroke(
                    Rect::from_center_size(at, Vec2::new(NODE_W, EMPTY_ROW)),
                    7.0,
                    Stroke::new(1.5, palette::TILL),
                    egui::StrokeKind::Inside,
                );
            }
            _ => {}
        }
    }
    if response.drag_stopped() {
        ui.ctx().data_mut(|d| d.remove::<Option<Drag>>(drag_id));
        if let (Some(drag), Some(at)) = (drag, pointer) {
            match drag {
                Drag::Connect(exit, _) => actions.extend(drop_exit(geo, graph, raw, exit, at)),
                Drag::Move(key) => actions.push(GraphAction::Move(key, geo.cell(at))),
            }
        }
    }
    if let Some(payload) = response.dnd_release_payload::<ExitPayload>()
        && let Some(at) = pointer
    {
        actions.extend(drop_exit(geo, graph, raw, payload.0, at));
    }
    if let Some(at) = response.interact_pointer_pos() {
        let picked = match hit(geo, graph, raw, at) {
            Hit::Node(n) | Hit::Handle(_, n) => Some(n.key.clone()),
            Hit::Empty(_) => None,
        };
        if response.double_clicked() && picked.is_none() {
            let place = geo.cell(at);
            actions.push(GraphAction::Add {
                node: NewNode::Beat,
                from: None,
                place,
            });
        } else if response.clicked() {
            actions.push(GraphAction::Select(picked));
        }
        if response.secondary_clicked() {
            ui.ctx().data_mut(|d| d.insert_temp(menu_id, at));
        }
    }
    response
        .clone()
        .on_hover_text_at_pointer(hover(geo, graph, raw, pointer));
    response.context_menu(|ui| {
        let Some(at) = ui.ctx().data(|d| d.get_temp::<Pos2>(menu_id)) else {
            return;
        };
        menu(ui, hit(geo, graph, raw, at), actions);
    });
}

fn hover(geo: &Geo, graph: &Graph, raw: &RawScenario, pointer: Option<Pos2>) -> String {
    match pointer.map(|at| hit(geo, graph, raw, at)) {
        Some(Hit::Handle(exit, _)) => format!("Drag to connect {}", handle_hover(exit)),
        Some(Hit::Node(_)) => "Click to edit; drag to move; right-click for more".into(),
        _ => "Double-click for a new beat; right-click for a beat or an ending".into(),
    }
}

fn exit_index(raw: &RawScenario, exit: Exit) -> usize {
    raw.beats
        .get(exit.beat().index())
        .and_then(|b| exits(exit.beat(), b).iter().position(|e| *e == exit))
        .unwrap_or(0)
}

fn drop_exit(
    geo: &Geo,
    graph: &Graph,
    raw: &RawScenario,
    exit: Exit,
    at: Pos2,
) -> Option<GraphAction> {
    match hit(geo, graph, raw, at) {
        Hit::Node(n) | Hit::Handle(_, n) => Some(GraphAction::Connect(exit, n.node)),
        Hit::Empty(place) => Some(GraphAction::Add {
            node: NewNode::Beat,
            from: Some(exit),
            place,
        }),
    }
}

fn menu(ui: &mut egui::Ui, at: Hit<'_>, actions: &mut Vec<GraphAction>) {
    match at {
        Hit::Empty(place) => {
            if ui.button("Add a beat here").clicked() {
                actions.push(GraphAction::Add {
                    node: NewNode::Beat,
                    from: None,
                    place,
                });
            }
            ui.label("Add an ending here:");
            for o in OUTCOMES {
                if ui.button(care_engine::texts::outcome(o)).clicked() {
                    actions.push(GraphAction::Add {
                        node: NewNode::Ending(o),
                        from: None,
                        place,
                    });
                }
            }
        }
        Hit::Node(n) | Hit::Handle(_, n) => {
            if let NodeId::Beat(b) = n.node
                && ui.button("Start the scenario here").clicked()
            {
                actions.push(GraphAction::Start(b));
            }
            if ui.button(format!("Remove {}", n.key)).clicked() {
                actions.push(GraphAction::Remove(n.node));
            }
        }
    }
}
