//! A person drawn large or small: their portrait for the current mood, cross-fading from the
//! last mood in a third of a second (at once under reduced motion), with the mood in words
//! beside it so the picture is never the only signal.

use bevy_egui::egui;
use care_engine::persona::Persona;
use care_engine::texts;

use super::people::People;

/// How long a change of face takes.
const FADE_SECS: f64 = 0.35;

/// The face this widget showed last and when it changed, kept in egui's memory per widget.
#[derive(Clone, Copy)]
struct Shown {
    mood: i32,
    previous: i32,
    since: f64,
}

/// Paints the customer's portrait at `size` (square); nothing while the cast or the picture
/// is still loading. Returns whether a picture was drawn.
pub(crate) fn portrait(
    ui: &mut egui::Ui,
    people: &People,
    persona: &Persona,
    mood: i32,
    size: f32,
    reduced_motion: bool,
) -> bool {
    let Some(now) = people.portrait(persona, mood) else {
        return false;
    };
    let (rect, response) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    let id = response.id.with("face");
    let time = ui.input(|i| i.time);
    let band = |m: i32| texts::mood(m);
    let shown = ui.ctx().data_mut(|d| {
        let entry = d.get_temp_mut_or(
            id,
            Shown {
                mood,
                previous: mood,
                since: f64::NEG_INFINITY,
            },
        );
        if band(entry.mood) != band(mood) {
            *entry = Shown {
                mood,
                previous: entry.mood,
                since: time,
            };
        }
        *entry
    });
    let t = if reduced_motion {
        1.0
    } else {
        ((time - shown.since) / FADE_SECS).clamp(0.0, 1.0)
    };
    let uv = egui::Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0));
    let painter = ui.painter_at(rect);
    if t < 1.0 {
        if let Some(before) = people.portrait(persona, shown.previous) {
            let alpha = alpha(1.0 - t);
            painter.image(
                before.texture,
                rect,
                uv,
                egui::Color32::from_white_alpha(alpha),
            );
        }
        ui.ctx().request_repaint();
    }
    let alpha = alpha(t);
    painter.image(
        now.texture,
        rect,
        uv,
        egui::Color32::from_white_alpha(alpha),
    );
    response.on_hover_text(now.alt);
    true
}

/// An opacity from 0 to 1 as an alpha byte.
#[expect(
    clippy::cast_possible_truncation,
    reason = "rounded and clamped to 0..=255 before the cast (NaN becomes 0)"
)]
fn alpha(opacity: f64) -> u8 {
    (opacity * 255.0).round().clamp(0.0, 255.0) as u8
}

/// A small round-framed avatar for chat bubbles and post cards (no transition).
pub(crate) fn avatar(ui: &mut egui::Ui, people: &People, persona: &Persona, mood: i32, size: f32) {
    match people.portrait(persona, mood) {
        Some(p) => {
            ui.add(
                egui::Image::new((p.texture, egui::vec2(size, size)))
                    .corner_radius(size / 2.0)
                    .bg_fill(ui.visuals().faint_bg_color),
            )
            .on_hover_text(p.alt);
        }
        None => {
            ui.add_space(size);
        }
    }
}
