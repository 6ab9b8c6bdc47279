//! The shop floor for in-store moments: the door, the racks, the till with your colleagues, you,
//! and the customer, who comes in, waits, and drifts back to the door as their patience runs out.

use bevy_egui::egui::{self, Align2, FontId, Pos2, Rect, Vec2};
use care_engine::texts;

use super::palette;

const HEIGHT: f32 = 170.0;

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

pub(crate) fn show(
    ui: &mut egui::Ui,
    active: &super::scene::Conversation<'_>,
    reduced_motion: bool,
    art: &super::art::Art,
) {
    let (rect, _) = ui.allocate_exact_size(
        Vec2::new(ui.available_width(), HEIGHT),
        egui::Sense::hover(),
    );
    let p = ui.painter_at(rect);
    let font = FontId::proportional(13.0);
    p.rect_filled(rect, 6.0, palette::FLOOR);

    // The door on the left.
    let door = Rect::from_min_size(
        rect.left_top() + Vec2::new(0.0, 40.0),
        Vec2::new(14.0, 80.0),
    );
    p.rect_filled(door, 2.0, palette::DOOR);
    p.text(
        door.center_bottom() + Vec2::new(18.0, 12.0),
        Align2::CENTER_TOP,
        "Door",
        font.clone(),
        palette::DOOR,
    );

    // Racks in the middle.
    for i in 0..3 {
        let x = rect.left() + rect.width() * (0.28 + 0.12 * i as f32);
        let shelf = Rect::from_min_size(
            Pos2::new(x, rect.top() + 18.0),
            Vec2::new(rect.width() * 0.07, 50.0),
        );
        p.rect_filled(shelf, 3.0, palette::SHELF);
    }
    p.text(
        Pos2::new(rect.left() + rect.width() * 0.42, rect.top() + 76.0),
        Align2::CENTER_TOP,
        "racks",
        font.clone(),
        palette::DOOR,
    );

    // The till, your colleagues behind it, and you.
    let till = Rect::from_min_size(
        Pos2::new(rect.right() - rect.width() * 0.2, rect.top() + 90.0),
        Vec2::new(rect.width() * 0.15, 26.0),
    );
    p.rect_filled(till, 3.0, palette::TILL);
    p.text(
        till.center(),
        Align2::CENTER_CENTER,
        "till",
        font.clone(),
        palette::INK,
    );
    for (i, who) in ["colleague", "colleague"].iter().enumerate() {
        let c = Pos2::new(till.left() + 20.0 + 50.0 * i as f32, till.bottom() + 22.0);
        p.circle_filled(c, 11.0, palette::STAFF);
        p.text(
            c + Vec2::new(0.0, 13.0),
            Align2::CENTER_TOP,
            *who,
            FontId::proportional(11.0),
            palette::DOOR,
        );
    }
    let you = Pos2::new(till.left() - 30.0, till.center().y);
    p.circle_filled(you, 12.0, palette::YOU_BUBBLE);
    p.text(
        you + Vec2::new(0.0, 14.0),
        Align2::CENTER_TOP,
        "you",
        FontId::proportional(11.0),
        palette::DOOR,
    );

    // The customer, with their face and mood in words (never colour alone).
    let mood = active.run.mood();
    let answers = active.run.transcript().answers.len();
    let place = customer_place(answers, mood, active.patience_left(), reduced_motion);
    let left = door.right() + 14.0;
    let right = you.x - 34.0;
    let c = Pos2::new(left + (right - left) * place, rect.top() + 110.0);
    match art.face_texture(mood) {
        Some(face) => {
            p.image(
                face,
                Rect::from_center_size(c, Vec2::splat(30.0)),
                Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0)),
                egui::Color32::WHITE,
            );
        }
        None => {
            p.circle_filled(c, 14.0, palette::CUSTOMER);
            p.text(
                c,
                Align2::CENTER_CENTER,
                texts::mood_face(mood),
                FontId::proportional(11.0),
                palette::INK,
            );
        }
    }
    p.text(
        c + Vec2::new(0.0, 18.0),
        Align2::CENTER_TOP,
        format!("customer · {}", texts::mood(mood)),
        FontId::proportional(11.0),
        palette::DOOR,
    );
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
