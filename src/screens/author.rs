//! Author mode: a scenario's branch graph drawn with the egui painter (endings coloured and named
//! by outcome), each path's score range, and a beat's answers with their effects. It follows the
//! files: save a scenario and the graph redraws.

use bevy::prelude::*;
use bevy_egui::egui::{self, Align2, FontId, Pos2, Rect, Stroke, Vec2};
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};
use care_engine::Dimension;
use care_engine::ids::NodeId;
use care_engine::model::{Outcome, Scenario};
use care_store::dimension_name;

use super::{Screen, palette};
use crate::game::author::AuthorView;
use crate::game::library::ScenarioLibrary;
use crate::game::session::StartFromBeat;

const COLUMN: f32 = 200.0;
const ROW: f32 = 56.0;
const NODE: Vec2 = Vec2::new(170.0, 34.0);

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw.run_if(in_state(Screen::Author)),
    );
}

fn outcome_color(o: Outcome) -> egui::Color32 {
    match o {
        Outcome::Resolved | Outcome::WonBack => egui::Color32::from_rgb(60, 140, 80),
        Outcome::Escalated => egui::Color32::from_rgb(190, 140, 40),
        Outcome::Lost | Outcome::GoneViral => egui::Color32::from_rgb(180, 60, 50),
    }
}

fn draw(
    mut contexts: EguiContexts,
    library: Res<ScenarioLibrary>,
    mut view: ResMut<AuthorView>,
    mut next: ResMut<NextState<Screen>>,
    mut play: MessageWriter<StartFromBeat>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = super::root_ui(ctx);
    egui::Panel::top("author-bar").show(&mut root, |ui| {
        ui.horizontal(|ui| {
            ui.heading("Author mode");
            if ui.button("Manager area").clicked() {
                next.set(Screen::Manager);
            }
            if ui.button("Lock and leave").clicked() {
                next.set(Screen::SignIn);
            }
            ui.weak("Saved edits show here at once. Click a beat to see its answers.");
        });
        if !library.problems.is_empty() {
            super::problem(ui, &super::problems_banner(&library.problems));
        }
    });
    egui::Panel::left("author-list").show(&mut root, |ui| {
        for s in &library.scenarios {
            let chosen = view.selected.as_deref() == Some(s.id.as_str());
            if ui.selectable_label(chosen, &s.title).clicked() {
                view.selected = Some(s.id.clone());
                view.beat = None;
            }
        }
    });
    let Some(scenario) = view.shown.clone() else {
        egui::CentralPanel::default().show(&mut root, |ui| {
            ui.label("Pick a scenario on the left.");
        });
        return Ok(());
    };
    egui::Panel::right("author-details")
        .default_size(360.0)
        .show(&mut root, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                ranges(ui, &view);
                ui.separator();
                beat_details(ui, &scenario, view.beat);
                if let Some(beat) = view.beat {
                    play_from(ui, &scenario, beat, &mut view, &mut play);
                }
            });
        });
    egui::CentralPanel::default().show(&mut root, |ui| {
        if let Some(clicked) = graph(ui, &scenario, &view) {
            view.beat = Some(clicked);
        }
    });
    Ok(())
}

fn ranges(ui: &mut egui::Ui, view: &AuthorView) {
    let Some(a) = &view.analysis else { return };
    ui.strong(format!(
        "{} paths{}",
        a.paths.len(),
        if a.truncated {
            " (the first ones; there are more)"
        } else {
            ""
        }
    ));
    for d in Dimension::ALL {
        ui.label(format!(
            "{}: worst {} — best {}",
            dimension_name(d),
            a.worst.get_ref(d).score,
            a.best.get_ref(d).score
        ));
    }
    ui.label(format!(
        "overall: worst {} — best {}",
        a.worst_overall.score, a.best_overall.score
    ));
    egui::CollapsingHeader::new("Every path").show(ui, |ui| {
        for (i, p) in a.paths.iter().enumerate() {
            let (low, high) = (
                p.slow_overall.min(p.fast_overall),
                p.slow_overall.max(p.fast_overall),
            );
            let verdict = match (p.fast_passed, p.slow_passed) {
                (true, true) => "passes",
                (false, false) => "fails",
                _ => "passes if quick",
            };
            ui.label(format!(
                "{}. {} answers → {}: overall {low}–{high}, {verdict}",
                i + 1,
                p.steps.len(),
                p.ending
            ));
        }
    });
}

fn beat_details(ui: &mut egui::Ui, s: &Scenario, beat: Option<usize>) {
    let Some(b) = beat.and_then(|i| s.beats.get(i)) else {
        ui.weak("No beat chosen.");
        return;
    };
    ui.strong(format!("Beat “{}”", b.key));
    ui.label(format!(
        "target {} s, the customer waits {} s",
        b.target_secs, b.wait_secs
    ));
    let persona = care_engine::persona::Persona::draw(s, 1);
    if !b.says.is_empty() {
        ui.label(egui::RichText::new(b.says.render(&persona)).italics());
    }
    for r in &b.responses {
        let e = &r.step.effects;
        ui.label(format!(
            "• {}  (speed {:+}, empathy {:+}, follow-through {:+}, mood {:+})",
            r.text.render(&persona),
            e.speed,
            e.empathy,
            e.follow_through,
            e.mood
        ));
    }
    if let Some(t) = &b.typed {
        let rubric = s.rubric(t.rubric);
        ui.label(format!(
            "• a typed reply, judged by the rubric “{}”:",
            rubric.key
        ));
        for e in &rubric.entries {
            let how = if e.examples.is_empty() {
                "exact check".to_owned()
            } else {
                format!(
                    "by meaning: {} examples, {} look-alikes",
                    e.examples.len(),
                    e.unlike.len()
                )
            };
            ui.label(format!(
                "    {:+} {}: {} ({how})",
                e.points,
                care_engine::texts::dimension(e.dimension),
                e.label
            ));
        }
    }
}

/// Draws the graph; returns the beat clicked.
fn graph(ui: &mut egui::Ui, s: &Scenario, view: &AuthorView) -> Option<usize> {
    let layout = &view.layout;
    let columns = layout.nodes.iter().map(|p| p.column).max().unwrap_or(0) + 1;
    let rows = layout.nodes.iter().map(|p| p.row).max().unwrap_or(0) + 1;
    let size = Vec2::new(columns as f32 * COLUMN + 20.0, rows as f32 * ROW + 20.0);
    let mut clicked = None;
    egui::ScrollArea::both().show(ui, |ui| {
        let (area, response) = ui.allocate_exact_size(size, egui::Sense::click());
        let p = ui.painter_at(area);
        let rect_of = |node: NodeId| {
            layout.position(node).map(|pl| {
                let min = area.min
                    + Vec2::new(10.0 + pl.column as f32 * COLUMN, 10.0 + pl.row as f32 * ROW);
                Rect::from_min_size(min, NODE)
            })
        };
        for (from, to) in &layout.edges {
            if let (Some(a), Some(b)) = (rect_of(*from), rect_of(*to)) {
                let back = b.left() <= a.left();
                let color = if back {
                    palette::TILL
                } else {
                    ui.visuals().weak_text_color()
                };
                let start = a.right_center();
                let end = if back {
                    b.center_bottom()
                } else {
                    b.left_center()
                };
                p.line_segment([start, end], Stroke::new(1.0, color));
                p.circle_filled(end, 2.5, color);
            }
        }
        for placed in &layout.nodes {
            let Some(r) = rect_of(placed.node) else {
                continue;
            };
            let (label, fill, text) = match placed.node {
                NodeId::Beat(b) => {
                    let chosen = view.beat == Some(b.index());
                    let fill = if chosen {
                        palette::YOU_BUBBLE
                    } else {
                        palette::THEM_BUBBLE
                    };
                    (s.beat(b).key.clone(), fill, palette::INK)
                }
                NodeId::Ending(e) => {
                    let ending = s.ending(e);
                    let words = care_engine::texts::outcome(ending.outcome);
                    (
                        format!("{} · {words}", ending.key),
                        outcome_color(ending.outcome),
                        egui::Color32::WHITE,
                    )
                }
            };
            p.rect_filled(r, 6.0, fill);
            p.text(
                r.center(),
                Align2::CENTER_CENTER,
                label,
                FontId::proportional(12.0),
                text,
            );
        }
        if response.clicked()
            && let Some(pos) = response.interact_pointer_pos()
        {
            clicked = beat_at(layout, area.min, pos);
        }
    });
    clicked
}

fn beat_at(layout: &crate::game::author::Layout, origin: Pos2, pos: Pos2) -> Option<usize> {
    layout.nodes.iter().find_map(|pl| {
        let min = origin + Vec2::new(10.0 + pl.column as f32 * COLUMN, 10.0 + pl.row as f32 * ROW);
        let hit = Rect::from_min_size(min, NODE).contains(pos);
        match pl.node {
            NodeId::Beat(b) if hit => Some(b.index()),
            _ => None,
        }
    })
}

/// The state to start from (mood, flags, clock) and the button that plays the beat with it.
fn play_from(
    ui: &mut egui::Ui,
    s: &std::sync::Arc<Scenario>,
    beat: usize,
    view: &mut AuthorView,
    play: &mut MessageWriter<StartFromBeat>,
) {
    let Some(state) = view.start.as_mut() else {
        return;
    };
    ui.separator();
    ui.strong("Play from this beat");
    ui.add(egui::Slider::new(&mut state.mood, -100..=100).text("customer mood"));
    for (i, name) in s.flags.iter().enumerate() {
        if let Some(f) = state.flags.get_mut(i) {
            ui.checkbox(f, format!("flag {name}"));
        }
    }
    let start = s.clock.start;
    let mut later = u32::try_from((state.clock.0.saturating_sub(start.0)) / 60).unwrap_or(0);
    if ui
        .add(egui::Slider::new(&mut later, 0..=2880).text("minutes after the scenario's start"))
        .changed()
    {
        state.clock = start.plus_minutes(later);
    }
    ui.weak(format!("the clock reads {}", state.clock));
    if ui.button("Play from here (not saved)").clicked() {
        play.write(StartFromBeat {
            scenario: std::sync::Arc::clone(s),
            beat: care_engine::BeatId(u32::try_from(beat).unwrap_or(0)),
            state: state.clone(),
        });
    }
}
