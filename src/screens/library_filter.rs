//! The library's filters: by difficulty and by channel, kept while the game runs.

use bevy::prelude::*;
use bevy_egui::egui;
use care_engine::model::{Channel, Difficulty};
use care_engine::{Scenario, texts};

/// What the library shows.
#[derive(Resource, Default)]
pub(crate) struct LibraryFilter {
    difficulty: Option<Difficulty>,
    channel: Option<Channel>,
}

impl LibraryFilter {
    /// Whether a scenario passes the filters.
    pub(crate) fn keeps(&self, s: &Scenario) -> bool {
        self.difficulty.is_none_or(|d| s.difficulty == d)
            && self.channel.is_none_or(|c| s.channel == c)
    }

    /// The filter chips.
    pub(crate) fn bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal_wrapped(|ui| {
            ui.label("Difficulty:");
            ui.selectable_value(&mut self.difficulty, None, "All");
            for d in Difficulty::ALL {
                ui.selectable_value(&mut self.difficulty, Some(d), texts::difficulty(d));
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.label("Channel:");
            ui.selectable_value(&mut self.channel, None, "All");
            for c in Channel::ALL {
                ui.selectable_value(&mut self.channel, Some(c), texts::channel(c));
            }
        });
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<LibraryFilter>();
}
