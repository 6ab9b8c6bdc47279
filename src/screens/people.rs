//! The customers' and colleagues' pictures: the cast (`people/cast.ron`, read by a typed asset
//! loader) says who looks like what; the portraits of the people on screen are loaded when they
//! appear and handed to egui, one per mood band.

use std::collections::HashMap;
use std::sync::Arc;

use bevy::asset::{AssetLoader, LoadContext, io::Reader};
use bevy::prelude::*;
use bevy_egui::{EguiTextureHandle, EguiUserTextures, egui};
use care_engine::cast::{Cast, CastError, Look, LookId, MOOD_BANDS};
use care_engine::persona::Persona;

use crate::game::session::{ActiveRun, LastResult};
use crate::game::shifts::ActiveShift;

/// The cast file, as Bevy loads it.
#[derive(Asset, TypePath, Debug)]
pub(crate) struct CastAsset(pub Arc<Cast>);

#[derive(Default, TypePath)]
struct CastLoader;

/// Why the cast file did not load.
#[derive(Debug, thiserror::Error)]
enum CastLoadError {
    #[error("cannot read people/cast.ron: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Cast(#[from] CastError),
    #[error("people/cast.ron is not UTF-8: {0}")]
    Utf8(#[from] std::string::FromUtf8Error),
}

impl AssetLoader for CastLoader {
    type Asset = CastAsset;
    type Settings = ();
    type Error = CastLoadError;

    async fn load(
        &self,
        reader: &mut dyn Reader,
        _settings: &(),
        _context: &mut LoadContext<'_>,
    ) -> Result<CastAsset, CastLoadError> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).await?;
        Ok(CastAsset(Arc::new(Cast::parse(&String::from_utf8(
            bytes,
        )?)?)))
    }

    fn extensions(&self) -> &[&str] {
        &["cast.ron"]
    }
}

/// The cast and the pictures loaded so far.
#[derive(Resource, Default)]
pub(crate) struct People {
    handle: Handle<CastAsset>,
    cast: Option<Arc<Cast>>,
    /// egui textures by asset path; the image handles stay alive inside `EguiUserTextures`.
    textures: HashMap<String, egui::TextureId>,
    /// Looks whose pictures were asked for, so a frame does no work for them again.
    wanted: std::collections::HashSet<LookId>,
}

/// A person's picture for egui, with its description.
pub(crate) struct Portrait<'a> {
    pub texture: egui::TextureId,
    pub alt: &'a str,
}

impl People {
    /// The cast, once loaded.
    pub(crate) fn cast(&self) -> Option<&Cast> {
        self.cast.as_deref()
    }

    /// The look the cast gives this customer.
    pub(crate) fn look_of(&self, persona: &Persona) -> Option<&Look> {
        let cast = self.cast.as_deref()?;
        Some(cast.look(cast.customer(persona)))
    }

    /// The customer's portrait for a mood, when it is loaded.
    pub(crate) fn portrait(&self, persona: &Persona, mood: i32) -> Option<Portrait<'_>> {
        let look = self.look_of(persona)?;
        let texture = *self.textures.get(&look.portrait(mood))?;
        Some(Portrait {
            texture,
            alt: &look.alt,
        })
    }

    fn want(&mut self, path: String, assets: &AssetServer, textures: &mut EguiUserTextures) {
        if self.textures.contains_key(&path) {
            return;
        }
        let handle: Handle<Image> = assets.load(path.clone());
        let id = textures.add_image(EguiTextureHandle::Strong(handle));
        self.textures.insert(path, id);
    }

    /// Asks for every picture of one look (each mood band and the body).
    fn want_look(&mut self, id: LookId, assets: &AssetServer, textures: &mut EguiUserTextures) {
        let Some(cast) = self.cast.clone() else {
            return;
        };
        if !self.wanted.insert(id) {
            return;
        }
        let look = cast.look(id);
        for band in MOOD_BANDS {
            self.want(
                format!("people/{}/{band}.png", look.folder),
                assets,
                textures,
            );
        }
        self.want(look.body_image(), assets, textures);
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_asset::<CastAsset>()
        .register_asset_loader(CastLoader)
        .init_resource::<People>()
        .add_systems(Startup, load_cast)
        .add_systems(Update, (follow_cast, want_people).chain());
}

fn load_cast(assets: Res<AssetServer>, mut people: ResMut<People>) {
    people.handle = assets.load("people/cast.ron");
}

/// Takes the cast when it loads (and again after an edit); a broken file is logged and the
/// people are drawn as before.
fn follow_cast(
    mut events: MessageReader<AssetEvent<CastAsset>>,
    casts: Res<Assets<CastAsset>>,
    mut people: ResMut<People>,
) {
    for event in events.read() {
        if event.is_loaded_with_dependencies(&people.handle)
            || matches!(event, AssetEvent::Modified { id } if *id == people.handle.id())
        {
            people.cast = casts.get(&people.handle).map(|c| Arc::clone(&c.0));
            // Look ids belong to one version of the cast.
            people.wanted.clear();
        }
    }
}

/// Loads the pictures of whoever is on screen: the customer in play, everyone in a shift,
/// the customer of the debrief, and the colleagues on the shop floor.
fn want_people(
    assets: Res<AssetServer>,
    mut textures: ResMut<EguiUserTextures>,
    mut people: ResMut<People>,
    run: Option<Res<ActiveRun>>,
    shift: Option<Res<ActiveShift>>,
    result: Option<Res<LastResult>>,
) {
    let Some(cast) = people.cast.clone() else {
        return;
    };
    let mut looks: Vec<LookId> = Vec::new();
    if let Some(r) = &run {
        looks.push(cast.customer(r.run.persona()));
        looks.extend(cast.colleague_looks());
    }
    if let Some(s) = &shift {
        for c in 0..s.run.shift().customers.len() {
            if let Some(r) = s.run.run(care_engine::shift::CustomerId(c)) {
                looks.push(cast.customer(r.persona()));
            }
        }
    }
    if let Some(r) = &result {
        looks.push(cast.customer(&r.transcript.persona));
    }
    for id in looks {
        people.want_look(id, &assets, &mut textures);
    }
}
