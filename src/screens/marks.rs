//! Where named controls are on the window, for the window test that drives Author mode with
//! real clicks and keys (`--author`, a developer tool of the `dev` feature). Screens mark a
//! control by name as they draw it; with `--author --screenshots DIR`, the marks are written to
//! `DIR/marks.txt` (one `name x y width height` a line, in window pixels) whenever they change.
//! Without the `dev` feature marking does nothing.

use bevy_egui::egui;

/// Marks `rect` (in points) as the control called `name`.
#[cfg(feature = "dev")]
pub(crate) fn mark(ctx: &egui::Context, name: &str, rect: egui::Rect) {
    let id = egui::Id::new("care-marks");
    ctx.data_mut(|d| {
        d.get_temp_mut_or_default::<Marks>(id)
            .0
            .insert(name.to_owned(), rect);
    });
}

#[cfg(not(feature = "dev"))]
pub(crate) fn mark(_ctx: &egui::Context, _name: &str, _rect: egui::Rect) {}

/// The marks of this frame.
#[cfg(feature = "dev")]
#[derive(Clone, Default)]
struct Marks(std::collections::BTreeMap<String, egui::Rect>);

#[cfg(feature = "dev")]
pub(super) fn plugin(app: &mut bevy::prelude::App) {
    use bevy::prelude::*;
    app.add_systems(
        bevy_egui::EguiPrimaryContextPass,
        write_marks
            .after(super::author::AuthorDraw)
            .run_if(resource_exists::<crate::game::author_dev::AuthorDev>),
    );
}

/// Writes the marks when they changed, and starts the next frame's afresh.
#[cfg(feature = "dev")]
fn write_marks(
    mut contexts: bevy_egui::EguiContexts,
    dev: bevy::prelude::Res<crate::game::author_dev::AuthorDev>,
    mut last: bevy::prelude::Local<String>,
) -> bevy::prelude::Result {
    let ctx = contexts.ctx_mut()?;
    let id = egui::Id::new("care-marks");
    let marks = ctx
        .data_mut(|d| d.remove_temp::<Marks>(id))
        .unwrap_or_default();
    let Some(dir) = &dev.screenshots else {
        return Ok(());
    };
    let scale = ctx.pixels_per_point();
    let text: String = marks
        .0
        .iter()
        .map(|(name, r)| {
            format!(
                "{name} {:.0} {:.0} {:.0} {:.0}\n",
                r.min.x * scale,
                r.min.y * scale,
                r.width() * scale,
                r.height() * scale
            )
        })
        .collect();
    if text != *last {
        let file = dir.join("marks.txt");
        if let Err(e) = care_engine::edit::write_atomically(&file, text.as_bytes()) {
            bevy::log::warn!("cannot write {}: {e}", file.display());
        }
        *last = text;
    }
    Ok(())
}
