//! What the trainer does on Author mode's graph: what is under the pointer (an answer's handle,
//! a node, empty space), drags that connect an answer or move a node, drops of an answer
//! dragged from the side panel, double-clicks and the right-click menu.

use bevy_egui::egui::{self, Pos2, Rect, Stroke, Vec2};
use care_engine::NodeId;
use care_engine::edit::{Exit, Graph, GraphNode, exits};
use care_engine::raw::RawScenario;

use super::author_fields::{ExitPayload, OUTCOMES};
use super::author_graph::{EMPTY_ROW, Geo, GraphAction, HANDLE_R, NODE_W};
use super::author_graph_lines::curve;
use super::marks::mark;
use super::palette;
use crate::game::author::NewNode;

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

fn handle_hover(exit: Exit) -> &'static str {
    match exit {
        Exit::Response(..) => "a response",
        Exit::Typed(_) => "the typed reply",
        Exit::Timeout(_) => "if nobody answers in time (W: the customer waits)",
        Exit::Then(_) => "where it goes next",
    }
}

pub(super) fn interact(
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
            let beat = ui.button("Add a beat here");
            mark(ui.ctx(), "menu:beat", beat.rect);
            if beat.clicked() {
                actions.push(GraphAction::Add {
                    node: NewNode::Beat,
                    from: None,
                    place,
                });
            }
            ui.label("Add an ending here:");
            for o in OUTCOMES {
                let b = ui.button(care_engine::texts::outcome(o));
                mark(ui.ctx(), &format!("menu:{o:?}"), b.rect);
                if b.clicked() {
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
