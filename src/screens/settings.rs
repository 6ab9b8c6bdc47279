//! The settings window (text size, theme, reduced motion, sound) and applying them to egui.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use crate::game::settings::{Settings, Theme, UI_SCALE_RANGE};

/// Whether the settings window is open.
#[derive(Resource, Default)]
pub struct SettingsOpen(pub bool);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<SettingsOpen>();
    app.add_systems(EguiPrimaryContextPass, (apply, window).chain());
}

/// Applies the settings to egui: the theme, zoom for text size, no animation for reduced motion.
fn apply(
    mut contexts: EguiContexts,
    settings: Res<Settings>,
    mut themed: Local<Option<Theme>>,
    mut clear: ResMut<ClearColor>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    if *themed != Some(settings.theme) {
        ctx.all_styles_mut(|style| super::theme::apply(style, settings.theme));
        let fill = ctx.global_style().visuals.panel_fill;
        clear.0 = Color::srgb_u8(fill.r(), fill.g(), fill.b());
        *themed = Some(settings.theme);
    }
    if (ctx.zoom_factor() - settings.ui_scale).abs() > f32::EPSILON {
        ctx.set_zoom_factor(settings.ui_scale);
    }
    let animation = if settings.reduced_motion {
        0.0
    } else {
        1.0 / 12.0
    };
    if (ctx.global_style().animation_time - animation).abs() > f32::EPSILON {
        ctx.all_styles_mut(|s| s.animation_time = animation);
    }
    Ok(())
}

fn window(
    mut contexts: EguiContexts,
    mut open: ResMut<SettingsOpen>,
    mut settings: ResMut<Settings>,
) -> Result {
    if !open.0 {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let mut edited = settings.clone();
    let mut still_open = true;
    egui::Window::new("Settings")
        .open(&mut still_open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.add(
                egui::Slider::new(&mut edited.ui_scale, UI_SCALE_RANGE)
                    .text("Text size")
                    .step_by(0.05),
            );
            ui.horizontal(|ui| {
                ui.label("Theme");
                for theme in Theme::ALL {
                    ui.selectable_value(&mut edited.theme, theme, theme.label());
                }
            });
            ui.checkbox(
                &mut edited.reduced_motion,
                "Reduced motion (no sliding or animation)",
            );
            ui.checkbox(&mut edited.muted, "Mute sounds");
            ui.label(egui::RichText::new("Kept on this computer between launches.").weak());
        });
    open.0 = still_open;
    // Only touch the resource on a real change, so it is saved only then.
    if edited != *settings {
        *settings = edited;
    }
    Ok(())
}

/// A button that opens the settings window.
pub(crate) fn button(ui: &mut egui::Ui, open: &mut SettingsOpen) {
    if ui.button("Settings").clicked() {
        open.0 = !open.0;
    }
}
