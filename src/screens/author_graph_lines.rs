//! The lines of Author mode's graph: from each answer's handle to where it leads, round the
//! nodes between where it can (a curve to the next column, along the gap between rows further
//! on, round the right side within a column, below the rows back), in the branch colour for a
//! branch, and a short red stub with the id for a target that names nothing.

use bevy_egui::egui::{self, Align2, Color32, FontId, Pos2, Stroke, Vec2};
use care_engine::NodeId;
use care_engine::edit::{Graph, GraphNode, exits};
use care_engine::raw::RawScenario;

use super::author_fields::ERROR;
use super::author_graph::{Geo, ROW_GAP};
use super::palette;

pub(super) fn links(p: &egui::Painter, geo: &Geo, graph: &Graph, raw: &RawScenario) {
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
                        let stroke = Stroke::new(1.5, colour);
                        let to = route(p, geo, n, target, from, stroke);
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

pub(super) fn curve(p: &egui::Painter, from: Pos2, to: Pos2, stroke: Stroke) {
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

/// Draws the line from the handle at `from` of `source` to `target`, round the nodes between
/// where it can; returns where it arrives.
fn route(
    p: &egui::Painter,
    geo: &Geo,
    source: &GraphNode,
    target: &GraphNode,
    from: Pos2,
    stroke: Stroke,
) -> Pos2 {
    let r = geo.rect(target);
    let bezier = |points: [Pos2; 4]| {
        p.add(egui::epaint::CubicBezierShape::from_points_stroke(
            points,
            false,
            Color32::TRANSPARENT,
            stroke,
        ));
    };
    if target.column == source.column + 1 {
        // The next column: a curve to its left side.
        let to = r.left_center();
        curve(p, from, to, stroke);
        to
    } else if target.column > source.column {
        // Further on: along the gap under the source's row, then up or down the gap before
        // the target's column, so it passes no node.
        let to = r.left_center();
        let lane = geo.row_bottom(source.row) + ROW_GAP / 2.0;
        let (out, into) = (from.x + 14.0, r.left() - 14.0);
        let path = vec![
            from,
            Pos2::new(out, from.y),
            Pos2::new(out, lane),
            Pos2::new(into, lane),
            Pos2::new(into, to.y),
            to,
        ];
        p.add(egui::Shape::line(path, stroke));
        to
    } else if target.column == source.column {
        // The same column: round the right side to the target's right side.
        let to = r.right_center();
        bezier([
            from,
            from + Vec2::new(50.0, 0.0),
            to + Vec2::new(50.0, 0.0),
            to,
        ]);
        to
    } else {
        // Back: below both rows to the target's bottom.
        let to = r.center_bottom();
        let below = geo.row_bottom(source.row).max(to.y) + ROW_GAP / 2.0 + 8.0;
        bezier([
            from,
            Pos2::new(from.x + 60.0, below),
            Pos2::new(to.x, below + 10.0),
            to,
        ]);
        to
    }
}
