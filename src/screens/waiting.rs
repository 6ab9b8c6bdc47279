//! On every screen: a quiet note in the corner while a store call takes longer than a moment
//! ("Waiting for the database: reading the team…"), so a slow or stopped database is visible
//! and the window keeps drawing.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use crate::game::persistence::{Persistence, SLOW};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, draw);
}

fn draw(mut contexts: EguiContexts, persistence: Res<Persistence>) -> Result {
    if persistence.idle() {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    // Menus redraw only on input: keep drawing while something is waiting.
    ctx.request_repaint_after(std::time::Duration::from_millis(200));
    let Some(what) = persistence.slow() else {
        ctx.request_repaint_after(SLOW);
        return Ok(());
    };
    egui::Area::new("waiting-for-the-database".into())
        .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-12.0, -40.0))
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(format!("Waiting for the database: {what}…"));
                });
            });
        });
    Ok(())
}
