//! Where the shop floor goes on the play screen, and where the customer stands on it: coming
//! in, waiting, and drifting back to the door as their patience runs out.

use bevy_egui::egui;

/// Where the customer stands, from 0.0 (the door) to 1.0 (at the till).
pub(crate) fn customer_place(
    answers: usize,
    mood: i32,
    patience_left: f32,
    reduced_motion: bool,
) -> f32 {
    let mut place: f32 = if answers == 0 { 0.2 } else { 0.75 };
    if mood < -30 {
        place -= 0.15;
    }
    // Patience running out: they turn back toward the door (in one step with reduced motion).
    if patience_left < 0.35 {
        let t = (0.35 - patience_left) / 0.35;
        let t = if reduced_motion { t.ceil() } else { t };
        place -= (place - 0.02) * t;
    }
    place.clamp(0.0, 1.0)
}

/// The part of the play screen the shop floor scene fills, in logical window pixels; `None`
/// while no shop floor is on screen.
#[derive(bevy::prelude::Resource, Default, Clone, Copy)]
pub(crate) struct ShopFloorView(pub Option<egui::Rect>);

/// Reserves the top of the conversation area for the shop floor scene (drawn by Bevy under
/// egui) and says where it is.
pub(crate) fn reserve(ui: &mut egui::Ui) -> egui::Rect {
    let width = ui.available_width();
    let height = (ui.available_height() * 0.55).clamp(180.0, 460.0);
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover());
    let zoom = ui.ctx().zoom_factor();
    egui::Rect::from_min_max(
        (rect.min.to_vec2() * zoom).to_pos2(),
        (rect.max.to_vec2() * zoom).to_pos2(),
    )
}

#[cfg(test)]
mod tests {
    use super::customer_place;

    #[test]
    fn the_customer_comes_in_waits_and_walks_out_when_ignored() {
        let entering = customer_place(0, 0, 1.0, false);
        let served = customer_place(1, 0, 1.0, false);
        assert!(served > entering, "answered customers come to the till");
        let leaving = customer_place(0, 0, 0.1, false);
        assert!(
            leaving < entering,
            "as patience runs out they head for the door"
        );
        assert!(
            customer_place(0, 0, 0.0, false) <= 0.02,
            "with no patience left they are at the door"
        );
        assert_eq!(
            customer_place(0, 0, 0.3, true),
            customer_place(0, 0, 0.0, true),
            "reduced motion jumps"
        );
    }
}
