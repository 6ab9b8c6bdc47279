//! The scores at a glance: the overall score and a tile per dimension with its number, a bar
//! with the pass mark on it, and "passed" or "below the pass mark" in words and a symbol.

use bevy_egui::egui;
use care_engine::model::Dimension;
use care_engine::scoring::ScoreCard;
use care_engine::texts;

const PASSED: egui::Color32 = egui::Color32::from_rgb(40, 130, 60);

/// Draws the tiles side by side.
pub(crate) fn show(ui: &mut egui::Ui, card: &ScoreCard) {
    tile(
        ui,
        "Overall",
        card.overall,
        None,
        card.passed,
        if card.passed {
            "✔ passed"
        } else {
            "✗ not passed yet"
        },
    );
    for d in Dimension::ALL {
        let ds = card.get(d);
        tile(
            ui,
            texts::dimension(d),
            ds.score,
            Some(ds.pass_mark),
            ds.passed,
            if ds.passed {
                "✔ passed"
            } else {
                "✗ below the pass mark"
            },
        );
    }
}

fn tile(
    ui: &mut egui::Ui,
    name: &str,
    score: i32,
    pass_mark: Option<i32>,
    passed: bool,
    verdict: &str,
) {
    let colour = if passed {
        PASSED
    } else {
        ui.visuals().warn_fg_color
    };
    egui::Frame::group(ui.style())
        .fill(ui.visuals().faint_bg_color)
        .corner_radius(10.0)
        .inner_margin(egui::Margin::same(10))
        .show(ui, |ui| {
            ui.set_width(150.0);
            ui.vertical(|ui| {
                ui.label(egui::RichText::new(name).small());
                ui.label(egui::RichText::new(format!("{score}")).size(34.0).strong());
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(140.0, 10.0), egui::Sense::hover());
                let p = ui.painter_at(rect.expand(2.0));
                p.rect_filled(rect, 4.0, ui.visuals().extreme_bg_color);
                let filled = egui::Rect::from_min_size(
                    rect.min,
                    egui::vec2(
                        rect.width() * score.clamp(0, 100) as f32 / 100.0,
                        rect.height(),
                    ),
                );
                p.rect_filled(filled, 4.0, colour);
                if let Some(mark) = pass_mark {
                    let x = rect.left() + rect.width() * mark.clamp(0, 100) as f32 / 100.0;
                    p.line_segment(
                        [
                            egui::pos2(x, rect.top() - 2.0),
                            egui::pos2(x, rect.bottom() + 2.0),
                        ],
                        egui::Stroke::new(2.0, ui.visuals().strong_text_color()),
                    );
                }
                ui.colored_label(colour, verdict);
                if let Some(mark) = pass_mark {
                    ui.label(
                        egui::RichText::new(format!("pass mark {mark}"))
                            .small()
                            .weak(),
                    );
                }
            });
        });
}
