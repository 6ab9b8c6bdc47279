//! Keeps menus idle: bevy_egui reports the modifier keys to egui on every frame, and egui treats
//! any input event as a reason to draw again at once, so a still screen would redraw forever.
//! Reports of unchanged modifiers are dropped here, so nothing redraws until something happens.

use bevy::prelude::*;
use bevy_egui::{EguiInput, EguiPreUpdateSet, egui};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        PreUpdate,
        drop_unchanged_modifiers
            .after(EguiPreUpdateSet::ProcessInput)
            .before(EguiPreUpdateSet::BeginPass),
    );
}

/// Removes modifier reports that repeat the last one seen.
pub(crate) fn drop_repeated(events: &mut Vec<egui::Event>, last: &mut Option<egui::Modifiers>) {
    events.retain(|e| match e {
        egui::Event::ModifiersChanged(m) => {
            let changed = *last != Some(*m);
            *last = Some(*m);
            changed
        }
        _ => true,
    });
}

fn drop_unchanged_modifiers(
    mut inputs: Query<&mut EguiInput>,
    mut last: Local<Option<egui::Modifiers>>,
) {
    for mut input in &mut inputs {
        drop_repeated(&mut input.0.events, &mut last);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_modifier_changes_reach_egui() {
        let mut last = None;
        let mut frame = vec![egui::Event::ModifiersChanged(egui::Modifiers::NONE)];
        drop_repeated(&mut frame, &mut last);
        assert_eq!(frame.len(), 1, "the first report goes through");
        let mut frame = vec![egui::Event::ModifiersChanged(egui::Modifiers::NONE)];
        drop_repeated(&mut frame, &mut last);
        assert!(frame.is_empty(), "the same report again is dropped");
        let mut frame = vec![
            egui::Event::ModifiersChanged(egui::Modifiers::SHIFT),
            egui::Event::Text("A".into()),
        ];
        drop_repeated(&mut frame, &mut last);
        assert_eq!(frame.len(), 2, "a change and other input go through");
    }
}
