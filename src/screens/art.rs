//! CARE's sprites (`assets/channels`, `assets/faces`, drawn by `scripts/make-art`) handed to egui:
//! a channel's icon and a mood's face. Loaded through the asset server, so an edited sprite shows
//! while the game runs; a missing one is simply not drawn, and the words beside it remain.

use std::collections::HashMap;

use bevy::prelude::*;
use bevy_egui::{EguiTextureHandle, EguiUserTextures, egui};
use care_engine::model::Channel;
use care_engine::texts;

/// Texture ids of the sprites, by channel and by mood word.
#[derive(Resource, Default)]
pub(crate) struct Art {
    /// CARE's own icon.
    icon: Option<egui::TextureId>,
    channels: HashMap<Channel, egui::TextureId>,
    faces: HashMap<&'static str, egui::TextureId>,
}

const MOOD_WORDS: [&str; 7] = [
    "furious",
    "angry",
    "upset",
    "neutral",
    "content",
    "pleased",
    "delighted",
];

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Art>();
    app.add_systems(Startup, load);
}

fn load(assets: Res<AssetServer>, mut textures: ResMut<EguiUserTextures>, mut art: ResMut<Art>) {
    let mut add = |path: String| {
        let handle: Handle<Image> = assets.load(path);
        textures.add_image(EguiTextureHandle::Strong(handle))
    };
    art.icon = Some(add("icon.png".to_string()));
    for c in Channel::ALL {
        let id = add(format!("channels/{}.png", c.slug()));
        art.channels.insert(c, id);
    }
    for word in MOOD_WORDS {
        let id = add(format!("faces/{word}.png"));
        art.faces.insert(word, id);
    }
}

impl Art {
    /// CARE's icon.
    pub(crate) fn icon(&self, ui: &mut egui::Ui, size: f32) {
        if let Some(id) = self.icon {
            ui.add(egui::Image::new((id, egui::vec2(size, size))));
        }
    }

    /// The channel's icon alone (its name is written beside it by the caller).
    pub(crate) fn channel_icon(&self, ui: &mut egui::Ui, c: Channel, size: f32) {
        if let Some(id) = self.channels.get(&c) {
            ui.add(egui::Image::new((*id, egui::vec2(size, size))))
                .on_hover_text(texts::channel(c));
        }
    }

    /// The channel's icon followed by its name.
    pub(crate) fn channel(&self, ui: &mut egui::Ui, c: Channel, size: f32) {
        if let Some(id) = self.channels.get(&c) {
            ui.add(egui::Image::new((*id, egui::vec2(size, size))));
        }
        ui.label(texts::channel(c));
    }

    /// A face for the mood followed by its word (never the picture alone).
    pub(crate) fn mood(&self, ui: &mut egui::Ui, mood: i32, size: f32) {
        let word = texts::mood(mood);
        if let Some(id) = self.faces.get(word) {
            ui.add(egui::Image::new((*id, egui::vec2(size, size))));
        }
        ui.label(word);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_channel_and_mood_has_a_sprite_file() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
        for c in Channel::ALL {
            let p = root.join(format!("channels/{}.png", c.slug()));
            assert!(p.is_file(), "{} is missing", p.display());
        }
        for m in -100..=100 {
            let p = root.join(format!("faces/{}.png", texts::mood(m)));
            assert!(p.is_file(), "{} is missing", p.display());
        }
        assert!(
            MOOD_WORDS
                .iter()
                .all(|w| root.join(format!("faces/{w}.png")).is_file())
        );
    }
}
